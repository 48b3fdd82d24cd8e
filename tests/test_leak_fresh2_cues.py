"""Cues the leak heuristics learned from the second independent set (fresh2): a noun after
a verb is no eponym, city-named families, long names after a cue, lower-case "plc", more
industry words, launches with a place and a year, "a distant third", small exact counts in
a named country, and short capitals that need company context."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.findings import Severity  # noqa: E402
from cvmbok.names.organizations import organizations  # noqa: E402
from cvmbok.names.persons import eponym, personal_names  # noqa: E402
from cvmbok.names.reidentify import reidentifying  # noqa: E402
from tests.conftest import cvmbok_command  # noqa: E402


def spans(flags, text):  # type: ignore[no-untyped-def]
    return {(text[f.start : f.end], f.severity) for f in flags}


def test_a_method_noun_after_a_verb_is_no_eponym() -> None:
    text = "Oğuzhan Yılmazer ran the analysis showing that half our saves would have stayed anyway.\n"
    assert not eponym(text, text.index(" ran"))
    assert ("Oğuzhan Yılmazer", Severity.WARNING) in spans(personal_names(text), text)
    method = "The Kaplan-Meier curve and the Cox proportional hazards model agreed.\n"
    assert eponym(method, method.index(" proportional"))


def test_a_given_name_no_language_uses_and_an_unknown_surname_is_a_name() -> None:
    text = "In the steering group it was Siddharth Venkataraman who argued for one arbitration layer.\n"
    assert ("Siddharth Venkataraman", Severity.WARNING) in spans(personal_names(text), text)


def test_a_family_named_after_a_city_is_still_a_name_but_a_list_of_cities_is_not() -> None:
    text = "Analysis and charts: Matsumoto, Yui (CRM analytics), with a review from finance.\n"
    # the department in brackets after the name is a person cue: an error, and one finding for the name
    assert spans(personal_names(text), text) == {("Matsumoto, Yui", Severity.ERROR)}
    cities = "We tested it in two cities: Lisbon, Porto and nowhere else.\n"
    assert not list(personal_names(cities))


def test_four_name_words_after_a_person_cue_are_an_error() -> None:
    text = "The flow went live two sprints early, thanks to Nguyễn Thị Thu Hà and her team.\n"
    assert ("Nguyễn Thị Thu Hà", Severity.ERROR) in spans(personal_names(text), text)
    title = "We read Customer Value Management Europe Report twice.\n"
    assert not list(personal_names(title))


def test_a_lower_case_plc_after_a_name_and_more_industry_words() -> None:
    text = "Our vendor was Pemberton plc, and Nordfjord Energi bundled a heat-pump plan.\n"
    found = {t for t, _ in spans(organizations(text), text)}
    assert {"Pemberton plc", "Nordfjord Energi"} <= found
    prose = "The plc board and the ltd rules were read by nobody.\n"
    assert not list(organizations(prose))


def test_a_launch_with_a_place_and_a_year_and_a_distant_third() -> None:
    launch = "Our digital brand launched in Chile in 2019 with no physical stores at all.\n"
    assert list(reidentifying(launch))
    campaign = "The campaign launched in 2021 cut churn by a tenth.\n"
    assert not list(reidentifying(campaign))
    rank = "We sat a distant third at 17.8% of Thailand's mobile subscribers.\n"
    assert [rank[f.start : f.end] for f in reidentifying(rank)] == ["a distant third"]
    neobank = "We were the first neobank licensed in Vietnam, so there was no benchmark.\n"
    assert list(reidentifying(neobank))


def test_a_small_exact_count_in_a_named_country_only_with_its_noun_right_after() -> None:
    counted = "We had exactly 9,874 corporate accounts in Ireland, and the top two hundred paid.\n"
    assert [counted[f.start : f.end] for f in reidentifying(counted)] == ["9,874"]
    letters = "We sent 1,250 letters to customers in Spain.\n"
    assert not list(reidentifying(letters))
    revenue = "The budget was one percent of the USD 742.3 million we booked in annual revenue.\n"
    assert [revenue[f.start : f.end] for f in reidentifying(revenue)] == ["USD 742.3 million"]


def test_short_capitals_need_company_context_through_the_cli(tmp_path: Path) -> None:
    doc = tmp_path / "abbreviations.md"
    doc.write_text("The BA on the project wrote the rules, and outbound TM calls converted well.\n\n"
                   "We at BA tested the same rules a year later.\n", encoding="utf-8")
    done = subprocess.run([*cvmbok_command(), "check", "--only", "leaks", "--format", "json", str(doc)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)
    assert [(f["line"], f["severity"], f["match"]) for f in findings] == [(3, "error", "BA")], done.stdout


def test_an_employer_all_in_lower_case_with_a_short_legal_form_after_a_cue() -> None:
    text = "the churn dashboard we built at lindqvist handel ab was read by two people.\n"
    assert ("lindqvist handel ab", Severity.WARNING) in spans(organizations(text), text)
    for prose in ("we stayed at home as the pilot ran.\n", "I was at the sa team meeting.\n",
                  "Wir waren bei der Bank ab Montag.\n"):
        assert not list(organizations(prose)), prose


def test_a_coined_name_before_a_product_word_is_a_product() -> None:
    text = "The next-best-action rules lived in Kyvora Engage, which nobody outside the vendor could debug.\n"
    assert ("Kyvora Engage", Severity.WARNING) in spans(organizations(text), text)
    assert not list(organizations("Our Customer Insights team ran it; Marketing Insights were shared weekly.\n"))
