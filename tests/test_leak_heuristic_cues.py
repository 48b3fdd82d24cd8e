"""Cues the leak heuristics learned from new dev cases: post-positive honorifics, more
company context, software categories in capitals, a city after a preposition."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.findings import Severity  # noqa: E402
from cvmbok.names.organizations import organizations  # noqa: E402
from cvmbok.names.persons import personal_names  # noqa: E402
from cvmbok.names.reidentify import reidentifying  # noqa: E402


def spans(flags, text):  # type: ignore[no-untyped-def]
    return {(text[f.start : f.end], f.severity) for f in flags}


def test_an_honorific_after_the_name_makes_it_a_person() -> None:
    text = "Every Friday, Mehmet Bey reviewed the numbers, and Suzuki-san built the model.\n"
    found = spans(personal_names(text), text)
    assert ("Mehmet Bey", Severity.ERROR) in found
    assert ("Suzuki-san", Severity.ERROR) in found


def test_an_ordinary_word_with_san_is_no_person() -> None:
    text = "The Table-san joke never caught on.\n"
    assert not [f for f in personal_names(text) if f.severity is Severity.ERROR]


def test_was_with_and_switching_to_are_company_context() -> None:
    text = "Back when I was with Korvanta, customers kept switching to Pandoro.\n"
    found = {t for t, _ in spans(organizations(text), text)}
    assert {"Korvanta", "Pandoro"} <= found


def test_a_software_category_in_capitals_needs_a_coined_name_before_it() -> None:
    text = "We replaced the batch tool with Orqestra CDP, not with Generative AI or a Cloud CRM.\n"
    found = {t for t, _ in spans(organizations(text), text)}
    assert "Orqestra CDP" in found
    assert not any("AI" in t or "CRM" in t for t in found)


def test_a_city_that_is_an_english_word_counts_after_in() -> None:
    text = "All 38 branches in Porto took part in the test.\n"
    assert [f for f in reidentifying(text)]
    assert not list(reidentifying("Porto is a wine; 38 bottles went to the party.\n"))


def test_ownership_and_a_former_monopoly_with_a_place_are_a_market_position() -> None:
    for text, leak in (("As the state-owned carrier of Vietnam we had a captive base.\n", "state-owned"),
                       ("As the former monopoly in Portugal, we had every household.\n", "former monopoly")):
        assert (leak, Severity.WARNING) in spans(reidentifying(text), text), text
    assert not list(reidentifying("The state-owned bank down the road offered the same rate.\n"))


def test_wallets_and_fintechs_are_companies_that_can_be_unique() -> None:
    for text, leak in (("We were the only e-wallet in Indonesia licensed for remittances.\n", "the only e-wallet"),
                       ("We were one of two fintechs in Kenya with a lending licence.\n", "one of two fintechs")):
        assert (leak, Severity.WARNING) in spans(reidentifying(text), text), text
