"""The reader's views and the skeleton's fast paths, as pure functions (issue 12: speed
with every normalization kept). The fast paths must give exactly what the general
per-word path gives: the same skeleton and the same map back to the original text."""

from __future__ import annotations

import random

import pytest

from cvmbok.names.normalize import IGNORABLE, _word_skeleton, fold, skeleton
from cvmbok.names.visible import markup_view

NAME_WORDS = frozenset({"quenfield", "mobile", "tarnavo"}).__contains__


@pytest.mark.parametrize(("text", "joined"), [
    ("Quen-field Mobile", "Quen\x01field Mobile"),
    ("Tar-navo-Kunden", "Tar\x01navo-Kunden"),  # the name's parts join; the noun keeps its hyphen
    ("a sky-high churn and a follow-up call", "a sky-high churn and a follow-up call"),
    ("cross-sell, Quen-field", "cross-sell, Quen\x01field"),
])
def test_only_hyphens_inside_a_name_word_are_read_joined(text: str, joined: str) -> None:
    view = markup_view(text, NAME_WORDS)
    assert view == joined
    assert len(view) == len(text)


def test_without_a_word_list_every_inner_hyphen_is_joined() -> None:
    assert markup_view("sky-high") == "sky" + IGNORABLE + "high"


PIECES = ["M", "&", "S", " ", "AT", "T", "R", "D", "é", "x", "\n", "  ", "-", ".", "0", "V0da", "fone",
          "Ω", "     ", "\u200b", "Quen", "field", ", ", "\xa0", "😀"]


@pytest.mark.parametrize("seed", range(4))
def test_fast_paths_agree_with_the_per_word_path(seed: int) -> None:
    rng = random.Random(seed)
    checked = 0
    for _ in range(150):
        text = "".join(rng.choice(PIECES) for _ in range(rng.choice([8, 40, 2500])))
        fast, general = skeleton(text), _word_skeleton(text, fold(text), False)
        if not general.text.strip():
            continue  # no word at all: nothing to map
        checked += 1
        assert fast.text == general.text, text
        for index, char in enumerate(fast.text):
            if char != " ":
                assert fast.to_original(index) == general.to_original(index), (text, index)
    assert checked > 100
