"""Companies' initials and share numbers: the two disguises that stayed silent.

A practitioner writes the employer's initials ("the base we inherited from LBG") far more
often than its name, and investor chatter quotes Asian and Gulf companies by share number
("9432.T", "HKEX: 0700"). Before this, three capitals counted only with company context
and numbers never. Now initials that are no word and no prose abbreviation are a warning
anywhere and an error in company context, while the abbreviations of CVM, finance and IT
prose stay quiet; a number is a ticker only where the text quotes it as one. Every
sentence is written for this test; the checks go through the real CLI and registry.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from .conftest import run_cvmbok

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.names.build_registry import read_lexicon  # noqa: E402


def leaks(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    doc = tmp_path / "c.md"
    doc.write_text(text, encoding="utf-8")
    result = run_cvmbok("check", "--only", "leaks", "--format", "json", str(doc), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return [(f["match"], f["severity"]) for f in json.loads(result.stdout)]


def test_the_registry_makes_distinct_initials_class_b_and_keeps_prose_initials_c() -> None:
    lexicon = read_lexicon()
    assert lexicon.classify("KPN") == "B"
    assert lexicon.classify("LBG") == "B"
    assert lexicon.classify("B&Q") == "B"
    assert lexicon.classify("SAP") == "C"  # an English word
    assert lexicon.classify("CRM") == "C"  # CVM prose
    assert lexicon.classify("WOM") == "C"  # word of mouth (curated/prose-initials.txt)
    assert lexicon.classify("EE") == "C"  # two letters


def test_initials_without_context_are_warnings_and_with_context_errors(tmp_path: Path) -> None:
    found = leaks(tmp_path, (
        "The base we inherited from LBG was full of duplicates.\n\n"
        "We copied the RBS approach to dormant accounts.\n\n"
        "After the KPN migration the churn flags were wrong for a month.\n\n"
        "At LBG we scored every dormant account weekly.\n\n"
        "KPN's retention desk shared their save-offer rules.\n"
    ))
    assert ("LBG", "warning") in found, found
    assert ("RBS", "warning") in found, found
    assert ("KPN", "warning") in found, found
    assert ("LBG", "error") in found, found
    assert ("KPN", "error") in found, found


@pytest.mark.parametrize("text", [
    "Our CRM team tracks NPS, CES and CSAT next to ARPU and CLV.",
    "The KPI tree starts with AOV, CAC and LTV; the OKR owner is the CMO.",
    "Data lands in the CDP through ETL jobs, and the SQL runs on the DWH.",
    "The CGU test, WOM referrals, TQM audits and SSE streams were out of scope.",
    "Over in EMEA and APAC the SME segment grew faster than in the USA.",
    "We quoted every price in EUR, GBP, ZAR and SEK.",
    "The R&D and M&A teams signed off the P&L.",
])
def test_abbreviations_of_cvm_finance_and_it_prose_stay_quiet(tmp_path: Path, text: str) -> None:
    assert leaks(tmp_path, text + "\n") == []


@pytest.mark.parametrize("text, number", [
    ("Our parent (9432.T) set the churn target for the year.", "9432"),
    ("Shares of 700.HK rose after the results.", "700"),
    ("The board watched TYO: 9433 closely all quarter.", "9433"),
    ("We were benchmarked against (HKEX: 0941) every month.", "0941"),
    ("017670.KS fell three percent on the day of the tariff change.", "017670"),
    ("2412 TT Equity closed flat.", "2412"),
    ("Stock code 7010 reported a higher ARPU.", "7010"),
])
def test_share_numbers_quoted_as_tickers_are_errors(tmp_path: Path, text: str, number: str) -> None:
    assert (number, "error") in leaks(tmp_path, text + "\n")


@pytest.mark.parametrize("text", [
    "We had 9432 customers in the pilot and 2412 of them churned.",
    "In 2023 the 0941 campaign code ran for six weeks.",
    "Version 7.0941.1 of the app shipped the new badge.",
    "Segment 9432.5 is a rounding artefact.",
    "The 9432 T-shirts were given away at the launch.",
    "In 2020 sales rose 5% and in 2021 they closed flat in Hong Kong.",
    "Tokyo 2020 drove a spike in roaming top-ups.",
])
def test_numbers_that_are_not_quoted_as_tickers_stay_quiet(tmp_path: Path, text: str) -> None:
    assert leaks(tmp_path, text + "\n") == []


def test_a_share_number_names_only_a_company_quoted_on_that_exchange(tmp_path: Path) -> None:
    # 9433 is a Tokyo number; with a Taipei suffix it is some other company's
    assert leaks(tmp_path, "The peer at 9433.TW slipped.\n") == []
    assert ("9433", "error") in leaks(tmp_path, "The peer at 9433.T slipped.\n")


@pytest.mark.parametrize("text, number", [
    ("The grocer (TADAWUL:4190) started a stamp card last spring.", "4190"),
    ("Ams nazal sahm 7010 fi Tadawul ba3d al-nata'ij.", "7010"),
    ("601398 ended lower in Shanghai after the card numbers came out.", "601398"),
    ("9433 fell 4% on the day the new tariffs were announced.", "9433"),
    ("Happyō no ato 9434 ga ni pāsento agatta.", "9434"),
])
def test_share_numbers_quoted_in_market_chatter_are_errors(tmp_path: Path, text: str, number: str) -> None:
    assert (number, "error") in leaks(tmp_path, text + "\n")


def test_a_numbered_segment_that_moves_by_a_percentage_is_no_ticker(tmp_path: Path) -> None:
    found = leaks(tmp_path, "Segment 9433 rose 3% in March, and store #9434 fell 2%.\n")
    assert [f for f in found if f[1] == "error"] == [], found


def test_initials_written_with_a_small_letter_dots_or_a_plus_and_letters_spelled_out(tmp_path: Path) -> None:
    found = leaks(tmp_path, (
        "BoA put spending insights in the app long before we did.\n\n"
        "Die Preisgarantie von E.ON taucht in jedem zweiten Kommentar auf.\n\n"
        "LGU+ sent the family-plan nudge a fortnight earlier.\n\n"
        "The renewal model was copied from a.x.a without changes.\n"
    ))
    assert ("BoA", "warning") in found, found
    assert ("E.ON", "error") in found, found
    assert any(m.startswith("LGU") for m, _ in found), found
    assert ("a.x.a", "error") in found, found


def test_shopping_on_a_marketplace_is_company_context(tmp_path: Path) -> None:
    assert ("Allegro", "error") in leaks(tmp_path, "Many of our members also shop on Allegro for gadgets.\n")


def test_initials_at_a_sentence_start_before_a_company_word_are_only_a_warning(tmp_path: Path) -> None:
    # a sentence may start with a segment's abbreviation before "customers"; mid-sentence
    # "most KPN customers" is the company, as for any common-word name
    found = leaks(tmp_path, "KPN customers in the panel had fibre.\n\nMost KPN customers had fibre.\n")
    assert [s for m, s in found if m == "KPN"] == ["warning", "error"], found


def test_one_letter_tickers_count_after_an_exchange_label_or_as_a_cashtag(tmp_path: Path) -> None:
    found = leaks(tmp_path, "Our parent (NYSE: T) cut prices, and $V rose.\n\nPlan T, grade C and vitamin D are fine.\n")
    assert ("NYSE: T", "error") in found and ("$V", "error") in found, found
    assert not [m for m, _ in found if m in ("T", "C", "D")], found


def test_what_a_competitor_does_makes_a_common_word_name_the_company(tmp_path: Path) -> None:
    found = leaks(tmp_path, "EE undercut our retention offers.\n\nOrange cut prices again in May.\n\n"
                            "The PM moved first on the roadmap.\n\nNext to cut prices is the discounter.\n")
    assert ("EE", "error") in found and ("Orange", "error") in found, found
    assert not [m for m, _ in found if m in ("PM", "Next")], found


@pytest.mark.parametrize("text, name", [
    ("Our co-marketing deal with Grab brought in new cardholders.", "Grab"),
    ("We lost a lot of weekly shoppers to Coles once their campaign started.", "Coles"),
    ("Our fuel partner was Shell, so every top-up earned points in both schemes.", "Shell"),
    ("Les clients partis chez Free citaient surtout le prix.", "Free"),
    ("Als ich bei der Zurich anfing, lief alles über Briefe.", "Zurich"),
    ("Two ex-Coba analysts joined us last month.", "Coba"),
    ("Sky customers who came to us for broadband rarely took TV.", "Sky"),
    ("We copied Matas' loyalty app last year.", "Matas"),
    ("Octopus Energy customers who switched to us missed the app.", "Octopus Energy"),
])
def test_more_company_context_for_common_word_names(tmp_path: Path, text: str, name: str) -> None:
    assert (name, "error") in leaks(tmp_path, text + "\n")


def test_names_touching_japanese_korean_and_chinese_characters(tmp_path: Path) -> None:
    found = leaks(tmp_path, "我们在Tmall旗舰店的复购率只有一半。\n\nahamoに流出したユーザーが多い。\n\n母公司0941.HK的年报。\n")
    assert {("Tmall", "error"), ("ahamo", "error"), ("0941", "error")} <= set(found), found


def test_a_co_authors_possessive_is_a_citation_and_the_company_still_counts(tmp_path: Path) -> None:
    found = leaks(tmp_path, "Peppers and Rogers' one-to-one idea was our start.\n\nI worked at Rogers for years.\n")
    assert found == [("Rogers", "error")], found


def test_a_plural_or_a_closing_quote_is_no_possessive(tmp_path: Path) -> None:
    found = leaks(tmp_path, "The Savers' club grew.\n\nWe kept the 'Members' tier for ten years.\n")
    assert [f for f in found if f[1] == "error"] == [], found


@pytest.mark.parametrize("text, name", [
    ("Ho lavorato cinque anni in TIM, nel team della base consumer.", "TIM"),
    ("Antes de vir para cá estive quatro anos na NOS, a gerir campanhas.", "NOS"),
    ("Before TD, I was a pricing analyst at a credit union.", "TD"),
    ("Unsere Kundschaft vergleicht Coupons mit denen in der App von dm.", "dm"),
    ("oye, alguien tiene el deck de churn de bbva?", "bbva"),
])
def test_work_verbs_of_other_languages_before_and_the_writer_after(tmp_path: Path, text: str, name: str) -> None:
    assert (name, "error") in leaks(tmp_path, text + "\n")


def test_an_english_work_verb_before_a_capitalized_word_is_no_cue(tmp_path: Path) -> None:
    found = leaks(tmp_path, "I worked on the model in Next quarter.\n\nHo lavorato due anni in Italia.\n")
    assert [f for f in found if f[1] == "error"] == [], found


@pytest.mark.parametrize("text, name", [
    ("before I joined Delta I honestly believed expiring miles were a churn lever", "Delta"),
    ("- Employer: Jio\n- Role: senior CVM analyst", "Jio"),
    ("Smart was the first rival operator to match our load bonus.", "Smart"),
])
def test_the_pronoun_i_after_a_name_an_employer_label_and_a_ranked_rival(tmp_path: Path, text: str, name: str) -> None:
    assert (name, "error") in leaks(tmp_path, text + "\n")


def test_an_adjective_before_stores_at_a_sentence_start_is_no_company(tmp_path: Path) -> None:
    found = leaks(tmp_path, "Local stores with a genius-level staff member sold more sign-ups.\n")
    assert [f for f in found if f[1] == "error"] == [], found
