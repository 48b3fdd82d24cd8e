"""Counts written in words: their value, and the re-identifying warning they make with a place
("exactly forty-one branches across Uruguay"), while rounded or small worded counts stay quiet."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.names.number_words import worded_numbers  # noqa: E402
from cvmbok.names.reidentify import reidentifying  # noqa: E402


@pytest.mark.parametrize("text, value, significant", [
    ("forty-one branches", 41, 2),
    ("two million three hundred thousand subscribers", 2_300_000, 2),
    ("three hundred and twelve stores", 312, 3),
    ("doscientas doce sucursales", 212, 3),
    ("trinta e duas lojas", 32, 2),
    ("nineteen hotels", 19, 2),
])
def test_the_value_and_digits_a_count_in_words_states(text: str, value: int, significant: int) -> None:
    found = list(worded_numbers(text))
    assert [(w.value, w.significant) for w in found] == [(value, significant)]


def test_small_numbers_and_scale_words_alone_are_no_count() -> None:
    assert not list(worded_numbers("one of the three offers, a million thanks, and ten more"))


@pytest.mark.parametrize("text", [
    "We ran exactly forty-one branches across Uruguay, and every one took part.",
    "Teníamos doscientas doce sucursales en Guatemala y cada una tenía su lista.",
    "We reached just over two million three hundred thousand subscribers in Ghana.",
])
def test_an_exact_count_in_words_with_a_place_is_re_identifying(text: str) -> None:
    assert list(reidentifying(text)), text


@pytest.mark.parametrize("text", [
    "We ran about forty-one branches across Uruguay.",
    "We ran forty branches across Uruguay.",
    "Forty-one percent of customers said yes.",
    "Three hundred people came to the launch in Madrid.",
])
def test_rounded_or_unrelated_counts_in_words_stay_quiet(text: str) -> None:
    assert not list(reidentifying(text)), text
