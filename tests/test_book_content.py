"""The first edition's content bar: every section present, non-empty, above its word floor,
with the fixed templates of sections 6 and 7 and a figure drawn from a repository source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cvmbok.sections import Section, load_sections

from .conftest import ROOT

SECTION_FLOOR = 1500
BOOK_FLOOR = 25000
SECTIONS = load_sections(ROOT / "source")
COLLABORATION_PARTS = [
    "Purpose of the area",
    "How it affects CVM",
    "Related CVM work",
    "What CVM provides",
    "Key handshakes",
    "How collaboration quality changes results",
]
GUIDE_PARTS = ["When this guide applies", "Symptoms", "Steps", "Pitfalls", "Measures of success"]

_MARKUP = re.compile(r"^\s*(```|:::|%|\(.+\)=|:[a-z]+:).*$", re.MULTILINE)


def prose_words(path: Path) -> int:
    """Words a reader reads: directive fences, options, comments and labels do not count."""
    text = _MARKUP.sub("", path.read_text(encoding="utf-8"))
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))


def section_words(section: Section) -> int:
    return sum(prose_words(chapter.path) for chapter in section.chapters)


def h2_headings(path: Path) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^##\s+(.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)]


def test_all_eight_sections_exist() -> None:
    assert [s.id for s in SECTIONS] == [
        "preface", "defining-cvm", "role-of-cvm", "work-of-cvm",
        "cvm-technology", "collaboration", "strategy", "literature",
    ]


@pytest.mark.parametrize("section", SECTIONS, ids=[s.id for s in SECTIONS])
def test_section_is_above_its_word_floor(section: Section) -> None:
    words = section_words(section)
    assert words >= SECTION_FLOOR, f"section {section.number} {section.title!r} has {words} words; the floor is {SECTION_FLOOR}"


def test_book_is_above_its_word_floor() -> None:
    total = sum(section_words(s) for s in SECTIONS)
    assert total >= BOOK_FLOOR, f"the book has {total} words; the floor is {BOOK_FLOOR}"


def test_no_chapter_is_empty() -> None:
    for section in SECTIONS:
        for chapter in section.chapters:
            assert prose_words(chapter.path) >= 80, f"{chapter.path.relative_to(ROOT)} is nearly empty"


def _area_pages(section_id: str) -> list[Path]:
    section = next(s for s in SECTIONS if s.id == section_id)
    return [c.path for c in section.chapters if c.page != "index"]


def test_every_collaboration_area_follows_the_six_part_template() -> None:
    areas = _area_pages("collaboration")
    assert len(areas) >= 9, f"section 6 covers {len(areas)} functional areas; at least 9 are required"
    for page in areas:
        assert h2_headings(page)[:6] == COLLABORATION_PARTS, f"{page.relative_to(ROOT)} does not follow the six-part template"


def test_every_strategy_guide_follows_the_guide_template() -> None:
    guides = _area_pages("strategy")
    assert len(guides) >= 5
    for page in guides:
        assert h2_headings(page)[:5] == GUIDE_PARTS, f"{page.relative_to(ROOT)} does not follow the guide template"


def test_reference_architecture_figure_has_a_source_in_the_repository() -> None:
    technology = next(s for s in SECTIONS if s.id == "cvm-technology")
    pages = "\n".join(c.path.read_text(encoding="utf-8") for c in technology.chapters)
    assert "{graphviz}" in pages
    assert list(technology.folder.glob("*.dot")), "the figure's Graphviz source is missing"


def test_figure_renders_in_every_edition(built_editions: Path) -> None:
    import zipfile

    html_pages = (built_editions / "html" / "05-cvm-technology").rglob("*.html")
    assert any("graphviz" in p.read_text(encoding="utf-8") for p in html_pages)
    with zipfile.ZipFile(built_editions / "cvmbok.epub") as archive:
        assert any(n.endswith(".png") and "graphviz" in n for n in archive.namelist())
    figures = list((built_editions / "latex").glob("graphviz-*.pdf"))
    assert figures, "the LaTeX build drew no Graphviz figure"
    tex = (built_editions / "latex" / "cvmbok.tex").read_text(encoding="utf-8")
    assert all(f.stem in tex for f in figures), "a drawn figure is not placed in the PDF's source"


# -- Second edition: the promises of issue 16 --------------------------------------------

import yaml  # noqa: E402

from cvmbok.worked_example import parse_example  # noqa: E402

SOURCE = ROOT / "source"
BOOK_PAGES = sorted(p for p in SOURCE.rglob("*.md") if p.name != "glossary.md")
# Chapter pages: every page of sections 1 to 7 except the section introductions.
# Section 8 is reference material (the literature list itself, authors, contributing).
CHAPTER_PAGES = [c.path for s in SECTIONS if s.number <= 7 for c in s.chapters if c.page != "index"]
_WORKED = re.compile(r"^(?P<fence>`{3,})\{worked-example\}[ \t]*(?P<title>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                     re.MULTILINE | re.DOTALL)
_OPTION_LINE = re.compile(r"^:[\w-]+:.*\n", re.MULTILINE)
_CITE = re.compile(r"\{cite:[a-z]+\}`([^`]+)`")


def worked_examples() -> list[tuple[Path, str, str]]:
    found = []
    for page in BOOK_PAGES:
        for match in _WORKED.finditer(page.read_text(encoding="utf-8")):
            body = match.group("body")
            while _OPTION_LINE.match(body):
                body = _OPTION_LINE.sub("", body, count=1)
            found.append((page, match.group("title").strip(), body))
    return found


def test_the_book_has_worked_examples_on_the_economics_pages() -> None:
    pages = {p.relative_to(SOURCE).as_posix() for p, _, _ in worked_examples()}
    for page in ["03-role-of-cvm/kpis.md", "04-work-of-cvm/campaign-design-and-measurement.md",
                 "04-work-of-cvm/loyalty-programs.md", "05-cvm-technology/decisioning-and-execution.md",
                 "07-strategy/campaigns-to-next-best-action.md"]:
        assert page in pages, f"{page} has no {{worked-example}}"


@pytest.mark.parametrize("page,title,body", worked_examples(),
                         ids=[f"{p.relative_to(SOURCE)}:{t}" for p, t, _ in worked_examples()])
def test_every_worked_example_recomputes(page: Path, title: str, body: str) -> None:
    example = parse_example(title, body)
    wrong = [o.message() for o in example.outcomes() if not o.agrees]
    assert not wrong, f"{page.relative_to(ROOT)} {title!r}: " + "; ".join(wrong)


# -- one economics -----------------------------------------------------------------------

KPI_PAGE = SOURCE / "03-role-of-cvm" / "kpis.md"
ROI_FORMULA = "campaign ROI       = (incremental margin − campaign cost) / campaign cost"


def test_roi_is_defined_once_on_the_kpi_page() -> None:
    text = KPI_PAGE.read_text(encoding="utf-8")
    assert ROI_FORMULA in text
    assert "before offer cost and contact cost" in text
    assert "offer cost       = cost of the offer for every treated customer who takes it" in text
    assert "(p_T − p_C) × value of the outcome" in text and "− contact cost − p_T × offer cost" in text


_ROI_LINE = re.compile(r"\bROI\s*=\s*(?P<rhs>.+)$", re.MULTILINE)
_MARGIN_NET_OF_OFFER = re.compile(r"incremental margin\s*(=|\|)[^\n]*(−|-)\s*(offer|contact)", re.IGNORECASE)


def test_no_page_defines_roi_or_incremental_margin_another_way() -> None:
    for page in BOOK_PAGES:
        text = page.read_text(encoding="utf-8")
        for match in _ROI_LINE.finditer(text):
            rhs = re.sub(r"\s+", " ", match.group("rhs")).strip()
            assert rhs.startswith("(incremental margin − campaign cost) / campaign cost"), (
                f"{page.relative_to(ROOT)} defines ROI as {rhs!r}; the KPI page's definition is the only one")
        hit = _MARGIN_NET_OF_OFFER.search(text)
        assert hit is None, f"{page.relative_to(ROOT)}: incremental margin is counted before offer and contact cost ({hit.group(0)!r})"


def test_roi_results_in_worked_examples_divide_by_the_campaign_cost() -> None:
    for page, title, body in worked_examples():
        for result in parse_example(title, body).results:
            if re.search(r"\bROI\b", result.label) and "marginal" not in result.label.lower():
                formula = result.formula.replace(" ", "")
                assert formula.endswith("/cost") or formula.endswith("/budget") or "/cost" in formula, (
                    f"{page.relative_to(ROOT)} {title!r}: ROI {result.formula!r} is not net gain divided by the cost")


def test_glossary_uses_the_same_economics() -> None:
    terms = {t["term"]: t for t in yaml.safe_load((ROOT / "styles" / "terms.yml").read_text(encoding="utf-8"))["terms"]}
    assert "before offer cost and contact cost" in terms["incremental margin"]["definition"]
    assert "divided by campaign cost" in terms["return on investment"]["definition"]
    assert "every taker" in terms["return on investment"]["definition"]
    assert "twelve months" in terms["net revenue retention"]["definition"]


KPI_MEASURES = [
    "Activation rate", "Customer acquisition cost (CAC) and payback", "Response and conversion rate",
    "Redemption rate and breakage", "Save, win-back and reactivation rates", "Cost per retained customer",
    "Opt-out rate and contact pressure", "Products per customer", "Net revenue retention", "Churn rate",
    "Retention rate", "Campaign return on investment (ROI)",
]


@pytest.mark.parametrize("measure", KPI_MEASURES)
def test_kpi_page_gives_formula_unit_period_and_pitfalls(measure: str) -> None:
    text = KPI_PAGE.read_text(encoding="utf-8")
    match = re.search(rf"^### {re.escape(measure)}\n(?P<body>.*?)(?=^##)", text, re.MULTILINE | re.DOTALL)
    assert match, f"the KPI page has no section '{measure}'"
    body = match.group("body")
    assert "```text" in body, f"{measure}: no formula"
    for part in ("**Unit:**", "**Pitfalls:**"):
        assert part in body, f"{measure}: no {part}"
    assert "Period:**" in body, f"{measure}: no period"


def test_retention_rate_keeps_customers_who_join_and_leave_out() -> None:
    text = KPI_PAGE.read_text(encoding="utf-8")
    assert "retention rate = (N_end − N_new_end) / N_start" in text
    assert "(N_end − N_new) / N_start`" in text  # named as the form not to use


# -- citations ---------------------------------------------------------------------------

BIB = SOURCE / "references.bib"
BIB_TOPICS = {"boks", "standards", "clv", "crm", "loyalty", "churn", "uplift", "basis", "database"}


def bib_entries() -> dict[str, str]:
    text = BIB.read_text(encoding="utf-8")
    starts = [(m.group(1), m.start()) for m in re.finditer(r"^@\w+\{([^,\s]+),", text, re.MULTILINE)]
    return {key: text[start:(starts[i + 1][1] if i + 1 < len(starts) else len(text))]
            for i, (key, start) in enumerate(starts)}


def test_every_bibliography_entry_has_one_topic_and_a_note() -> None:
    entries = bib_entries()
    assert len(entries) >= 60
    for key, entry in entries.items():
        topic = re.search(r"keywords\s*=\s*\{([^}]*)\}", entry)
        assert topic and topic.group(1) in BIB_TOPICS, f"{key}: keywords must be one of {sorted(BIB_TOPICS)}"
        assert re.search(r"annote\s*=\s*\{.{20,}", entry), f"{key}: needs an annote saying why it matters"


def test_literature_page_lists_every_topic_from_the_bibliography() -> None:
    text = (SOURCE / "08-literature" / "literature.md").read_text(encoding="utf-8")
    listed = set(re.findall(r'^:filter: keywords == "(\w+)"$', text, re.MULTILINE))
    assert listed == BIB_TOPICS
    assert "- " not in text.split("## Bodies of knowledge", 1)[1].split("## Suggesting", 1)[0], (
        "the literature page lists references by hand; they come from references.bib")


def test_literature_fixes_of_the_second_edition() -> None:
    entries = bib_entries()
    assert "Teal, Thomas" in entries["reichheld1996loyalty"]
    assert "Reference and Master Data" in entries["dama2017dmbok"]
    assert "renewals" not in entries["fader2010discrete"].split("annote", 1)[1].split("It does not apply")[0]
    assert re.search(r"year\s*=\s*\{20\d\d\}", entries["bkcase2024sebok"])
    for key in ["kordupleski2003mastering", "radcliffe2011uplift", "dixon2010effort", "iasb2014ifrs15"]:
        assert key in entries, f"{key} is missing"
    assert "persuadables" in entries["radcliffe2011uplift"]


def test_every_citation_resolves() -> None:
    entries = bib_entries()
    for page in BOOK_PAGES:
        for group in _CITE.findall(page.read_text(encoding="utf-8")):
            for key in group.split(","):
                assert key.strip() in entries, f"{page.relative_to(ROOT)} cites {key!r}, which is not in references.bib"


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=[p.relative_to(SOURCE).as_posix() for p in CHAPTER_PAGES])
def test_every_chapter_cites_a_work(page: Path) -> None:
    assert _CITE.search(page.read_text(encoding="utf-8")), f"{page.relative_to(ROOT)} cites no work"


_RETENTION_CLAIM = re.compile(
    r"(keep|retain)\w*\s+(an?\s+)?(existing\s+)?customers?\s+(costs?|is)\s+(\w+\s+){0,3}(less|cheaper)"
    r"|(winning|acquiring|acquisition of)\s+(a\s+)?(new\s+)?customers?\s+(\w+\s+){0,2}costs?\s+(\w+\s+){0,3}(more|times)",
    re.IGNORECASE)


def test_retention_is_cheaper_claims_cite_a_source() -> None:
    for page in BOOK_PAGES:
        for paragraph in re.split(r"\n\s*\n", page.read_text(encoding="utf-8")):
            if _RETENTION_CLAIM.search(paragraph):
                assert _CITE.search(paragraph), (
                    f"{page.relative_to(ROOT)}: an unsupported claim that retention is cheaper than acquisition: "
                    f"{paragraph.strip()[:120]!r}")


# -- key points ------------------------------------------------------------------------

_AFTER_KEY_POINTS = {"Key points", "Continue reading", "Insights from practice"}


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=[p.relative_to(SOURCE).as_posix() for p in CHAPTER_PAGES])
def test_every_chapter_ends_with_key_points(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    headings = h2_headings(page)
    assert "Key points" in headings, f"{page.relative_to(ROOT)} has no '## Key points'"
    after = headings[headings.index("Key points"):]
    assert set(after) <= _AFTER_KEY_POINTS, f"{page.relative_to(ROOT)}: 'Key points' is followed by {after[1:]}"
    body = text.split("## Key points", 1)[1].split("\n## ", 1)[0]
    bullets = re.findall(r"^- \S", body, re.MULTILINE)
    assert 3 <= len(bullets) <= 7, f"{page.relative_to(ROOT)}: key points need 3 to 7 items, found {len(bullets)}"


# -- glossary coverage -----------------------------------------------------------------

GLOSSARY_CANDIDATES = [
    "handshake", "save desk", "decisioning engine", "save rate", "contact pressure", "persuadables",
    "sure things", "lost causes", "do-not-disturbs", "contact history", "offer catalog", "contact policy",
    "universal control group", "control group", "treatment group", "activation rate", "take-up rate",
    "redemption rate", "breakage", "points liability", "material right", "stand-alone selling price",
    "win-back", "reactivation", "onboarding", "cooling-off period", "silent churn", "early churn",
    "customer acquisition cost", "payback", "response rate", "conversion rate", "opt-out rate",
    "products per customer", "share of wallet", "net revenue retention", "incremental margin",
    "incremental revenue", "incremental value", "offer cost", "contact cost", "campaign cost",
    "net contribution", "difference-in-differences", "test-and-learn", "single customer view",
    "customer data platform", "lifecycle stage", "retention offer", "price plan", "trigger",
    "arbitration", "eligibility rule", "contact fatigue", "real-time decisioning", "batch campaign",
    "segment", "tenure", "cohort", "cost per retained customer", "lawful basis", "soft opt-in",
    "feature store", "earn rate", "operating model", "next best offer", "uplift model",
    "propensity model", "churn model", "learning log", "champion and challenger", "value segment",
    "revenue at risk", "legitimate interests", "price-walking", "retention budget", "contact center",
]
MUST_BE_FREQUENT = ["handshake", "save desk", "decisioning engine", "save rate", "contact pressure", "persuadables"]


def _book_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in BOOK_PAGES).lower()


def uses(term: str, text: str) -> int:
    return len(re.findall(r"(?<![\w-])" + re.escape(term.lower()) + r"(?:s|es)?(?![\w-])", text))


def registry_forms() -> set[str]:
    forms: set[str] = set()
    for entry in yaml.safe_load((ROOT / "styles" / "terms.yml").read_text(encoding="utf-8"))["terms"]:
        forms.add(entry["term"].lower())
        if entry.get("abbr"):
            forms.add(entry["abbr"].lower())
    return forms


def test_glossary_covers_every_candidate_term_used_five_times() -> None:
    text, forms = _book_text(), registry_forms()
    missing = [f"{t} ({uses(t, text)}×)" for t in GLOSSARY_CANDIDATES if uses(t, text) >= 5 and t not in forms]
    assert not missing, "terms used five or more times but missing from styles/terms.yml: " + ", ".join(missing)


@pytest.mark.parametrize("term", MUST_BE_FREQUENT)
def test_named_candidates_are_frequent_and_defined(term: str) -> None:
    assert uses(term, _book_text()) >= 5, f"{term!r} is used fewer than five times; the candidate list is stale"
    assert term in registry_forms()


# -- the editions carry examples, references and the index ------------------------------


def test_editions_carry_worked_examples_references_and_index(built_editions: Path) -> None:
    import zipfile

    from pypdf import PdfReader

    keys = bib_entries()
    literature = (built_editions / "html" / "08-literature" / "literature.html").read_text(encoding="utf-8")
    assert literature.count('role="doc-biblioentry"') + literature.count('class="citation"') >= len(keys)
    kpis = (built_editions / "html" / "03-role-of-cvm" / "kpis.html").read_text(encoding="utf-8")
    assert "Worked example: Return on a retention campaign" in kpis
    assert "literature.html#" in kpis, "chapter citations link to the literature page"
    # The HTML edition has no general index page (html_use_index = False); the targets are there for the PDF.
    assert 'id="index-term-' in kpis, "the KPI page carries index entries for the terms it defines"

    with zipfile.ZipFile(built_editions / "cvmbok.epub") as archive:
        names = archive.namelist()
        epub_literature = archive.read(next(n for n in names if n.endswith("08-literature/literature.xhtml"))).decode("utf-8")
        epub_kpis = archive.read(next(n for n in names if n.endswith("03-role-of-cvm/kpis.xhtml"))).decode("utf-8")
    assert "Kordupleski" in epub_literature and "doc-biblioentry" not in epub_literature
    assert "Worked example: Return on a retention campaign" in epub_kpis

    text = "\n".join(page.extract_text() or "" for page in PdfReader(built_editions / "cvmbok.pdf").pages[-40:])
    assert "Kordupleski" in text and "Mastering Customer Value Management" in text
    assert "Worked example" in (built_editions / "latex" / "cvmbok.tex").read_text(encoding="utf-8")
    index = (built_editions / "latex" / "cvmbok.ind").read_text(encoding="utf-8")
    assert re.search(r"\\spxentry\{contact pressure\}.*\\hyperpage\{\d+\}.*\\hyperpage\{\d+\}", index), "contact pressure is indexed on several pages"
    assert r"\def\sphinxstyleindexentry#1{#1}" in (built_editions / "latex" / "cvmbok.tex").read_text(encoding="utf-8")
