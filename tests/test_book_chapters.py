"""The new chapters of the second edition (issue 16, part B), each promise checked.

Context boxes on every program and component page, five composite worked cases, a
maturity model covering the whole framework, the decision-economics formulas, the
regulation map's disclaimer, the practice topics, key points, and at least eight
figures drawn from Graphviz sources: readable on a 390 px screen and rendered in the
HTML, PDF and ePub editions (`built_editions` builds all three once per session with
the real CLI).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from cvmbok.sphinx_context import FIELDS, ContextBoxError, parse_box
from cvmbok.worked_example import parse_example

from .conftest import ROOT, run_cvmbok

SOURCE = ROOT / "source"
KPI_PAGE = "03-role-of-cvm/kpis.md"

# Section 4 is the programs section: every page but the introduction is a program.
PROGRAM_PAGES = sorted(p for p in (SOURCE / "04-work-of-cvm").glob("*.md") if p.stem != "index")
# Section 5 also holds an overview, the regulation map and two design-choice chapters;
# these are its components.
COMPONENT_PAGES = [SOURCE / "05-cvm-technology" / f"{stem}.md" for stem in (
    "data-and-analytics", "decisioning-and-execution", "consent-and-preferences", "generative-ai")]

CASES_DIR = SOURCE / "07-strategy" / "worked-cases"
CASES = {
    "prepaid-telecom": "prepaid", "retail-bank": "bank", "insurer-renewal": "renewal",
    "grocery-loyalty": "grocery", "airline-status": "tier",
}
CASE_STEPS = ["Base facts", "Revenue at risk", "Budget and break-even", "Control group size",
              "Results", "Finance sign-off"]

NEW_CHAPTERS = [SOURCE / p for p in (
    "02-defining-cvm/maturity-model.md", "03-role-of-cvm/decision-economics.md",
    "03-role-of-cvm/budget-setting.md", "04-work-of-cvm/segmentation.md",
    "04-work-of-cvm/contact-policy.md", "04-work-of-cvm/business-customers.md",
    "05-cvm-technology/regulation-map.md", "05-cvm-technology/generative-ai.md",
    "07-strategy/worked-cases/index.md",
)] + [CASES_DIR / f"{stem}.md" for stem in CASES]

_BOX = re.compile(r"^```\{context-box\}[ \t]*(?P<title>[^\n]+)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_WORKED = re.compile(r"^```\{worked-example\}[ \t]*(?P<title>[^\n]+)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_GRAPHVIZ = re.compile(r"^```\{graphviz\}[ \t]+(?P<file>\S+\.dot)\n(?P<options>(?::[\w-]+:.*\n)*)", re.MULTILINE)


def rel(path: Path) -> str:
    return path.relative_to(SOURCE).as_posix()


def h2(text: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^##\s+(.+)$", text, re.MULTILINE)]


def sections_by_h2(text: str) -> dict[str, str]:
    parts = re.split(r"^##\s+(.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


# -- 1. context boxes ----------------------------------------------------------------------

@pytest.mark.parametrize("page", PROGRAM_PAGES + COMPONENT_PAGES, ids=rel)
def test_every_program_and_component_page_has_one_complete_context_box_near_the_top(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    boxes = list(_BOX.finditer(text))
    assert len(boxes) == 1, f"{rel(page)} has {len(boxes)} context boxes; exactly one is required"
    first_h2 = re.search(r"^## ", text, re.MULTILINE)
    assert first_h2 and boxes[0].start() < first_h2.start(), f"{rel(page)}: the context box belongs before the first section"
    box = parse_box(boxes[0].group("body"))  # raises on a missing or malformed field
    assert all(link for link in box["metrics"]), "metrics are listed"
    for metric in box["metrics"]:
        assert f"{KPI_PAGE}#" in metric, f"{rel(page)}: metric {metric!r} does not link to its definition on the KPI page"


def test_section_4_has_the_new_practice_pages() -> None:
    stems = {p.stem for p in PROGRAM_PAGES}
    assert {"segmentation", "contact-policy", "business-customers"} <= stems


VALID_BOX = """\
definition: Keeping customers.
goals: [Fewer leavers]
inputs:
  - {input: "Scores, reasons", supplier: Analytics}
activities: [Size the risk]
deliverables: [A plan]
techniques: [Uplift modeling]
tools: [Decisioning engine]
metrics: ["[Churn rate](kpis.md#churn-rate)"]
roles:
  columns: [Value manager, Finance]
  rows:
    Set the budget: {accountable: Finance, responsible: Value manager}
"""


def test_a_valid_box_gives_every_field_and_a_raci_matrix() -> None:
    box = parse_box(VALID_BOX)
    assert set(box) == set(FIELDS)
    assert box["inputs"] == ["Scores, reasons (Analytics)"]
    assert box["roles"] == (["Value manager", "Finance"], [("Set the budget", ["R", "A"])])


@pytest.mark.parametrize("broken,message", [
    (VALID_BOX.replace("goals: [Fewer leavers]\n", ""), "missing field(s) goals"),
    (VALID_BOX + "owner: me\n", "unknown field(s) owner"),
    (VALID_BOX.replace('"Scores, reasons"', "Scores, reasons"), "quote text that holds a comma"),
    (VALID_BOX.replace("accountable: Finance, responsible", "responsible"), "exactly one accountable role"),
    (VALID_BOX.replace("accountable: Finance", "accountable: [Finance, Value manager]"), "exactly one accountable role"),
    (VALID_BOX.replace("responsible: Value manager", "responsible: Legal"), "'Legal' is not one of the columns"),
    ("definition: [unclosed", "not valid YAML"),
])
def test_a_broken_box_is_refused_with_a_precise_message(broken: str, message: str) -> None:
    with pytest.raises(ContextBoxError, match=re.escape(message)):
        parse_box(broken)


def test_a_box_with_a_missing_field_fails_the_build_naming_file_and_field(scratch_repo: Path, tmp_path: Path) -> None:
    page = scratch_repo / "source" / "04-work-of-cvm" / "churn-prevention.md"
    text = page.read_text(encoding="utf-8")
    box = _BOX.search(text)
    assert box
    body = re.sub(r"^deliverables:\n(  - .*\n)+", "", box.group("body"), flags=re.MULTILINE)
    page.write_text(text.replace(box.group("body"), body), encoding="utf-8")
    result = run_cvmbok("build", "html", "--out", str(tmp_path / "out"), cwd=scratch_repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "churn-prevention.md" in result.stderr and "missing field(s) deliverables" in result.stderr
    assert "Traceback" not in result.stderr


# -- 2. worked cases --------------------------------------------------------------------------

def test_five_cases_are_in_the_worked_cases_toctree() -> None:
    index = (CASES_DIR / "index.md").read_text(encoding="utf-8")
    toctree = index.split("```{toctree}", 1)[1].split("```", 1)[0]
    assert [line.strip() for line in toctree.splitlines() if line.strip() and not line.startswith(":")] == list(CASES)
    assert "composite" in index.lower()
    assert "worked-cases/index" in (SOURCE / "07-strategy" / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", list(CASES))
def test_each_case_is_labelled_composite_and_walks_the_six_steps(stem: str) -> None:
    text = (CASES_DIR / f"{stem}.md").read_text(encoding="utf-8")
    label = re.search(r"```\{admonition\} Composite case\n(.*?)```", text, re.DOTALL)
    assert label and "composite" in label.group(1), f"{stem}: the composite label must come first"
    assert text.index("Composite case") < text.index("## "), f"{stem}: the composite label must precede the case"
    assert CASES[stem] in text.split("\n## ", 1)[0].lower(), f"{stem}: the title does not name its industry"
    steps = [h for h in h2(text) if h in CASE_STEPS]
    assert steps == CASE_STEPS, f"{stem}: the case steps are {steps}"


@pytest.mark.parametrize("stem", list(CASES))
def test_each_case_backs_its_numbers_with_worked_examples(stem: str) -> None:
    sections = sections_by_h2((CASES_DIR / f"{stem}.md").read_text(encoding="utf-8"))
    for step in ["Revenue at risk", "Budget and break-even", "Control group size", "Results"]:
        assert "{worked-example}" in sections[step], f"{stem}: '{step}' has no worked example"
    results = [r for m in _WORKED.finditer(sections["Results"])
               for r in parse_example(m.group("title"), m.group("body")).results]
    roi = [r for r in results if r.name == "roi"]
    assert roi, f"{stem}: the results give no ROI"
    assert roi[0].formula.replace(" ", "") == "(incremental-cost)/cost", f"{stem}: ROI is not the KPI page's ROI"
    signoff = sections["Finance sign-off"].replace("−", "-")
    assert f"{roi[0].stated.value:.2f}" in signoff, f"{stem}: the sign-off does not state the ROI of the results"


# -- 3. maturity model ------------------------------------------------------------------------

def framework_parts() -> list[str]:
    """Stages and foundations as the framework figure (framework.dot) draws them."""
    dot = (SOURCE / "02-defining-cvm" / "framework.dot").read_text(encoding="utf-8")
    labels = re.findall(r'\[label="([^"]+)"\]', dot)
    return [re.sub(r"^\d\.\s*", "", label).replace("\\n", " ") for label in labels]


def test_framework_has_five_stages_and_four_foundations() -> None:
    assert framework_parts() == ["Understand", "Decide", "Act", "Measure", "Learn",
                                 "Governance", "Customer data", "Technology", "People"]


@pytest.mark.parametrize("part", framework_parts())
def test_maturity_model_has_five_observable_levels_for_every_part(part: str) -> None:
    text = (SOURCE / "02-defining-cvm" / "maturity-model.md").read_text(encoding="utf-8")
    block = re.search(rf"^### {re.escape(part)}\n(.*?)(?=^##)", text, re.MULTILINE | re.DOTALL)
    assert block, f"the maturity model has no criteria for {part!r}"
    levels = re.findall(r"^\| ([1-5]) \| (.+) \|$", block.group(1), re.MULTILINE)
    assert [level for level, _ in levels] == ["1", "2", "3", "4", "5"], f"{part}: levels {levels}"
    assert all(len(criterion.split()) >= 6 for _, criterion in levels), f"{part}: a criterion is too thin to observe"
    sheet = text.split("## Scoring sheet", 1)[1]
    assert re.search(rf"^\| {re.escape(part)} \|( *\|){{4}}$", sheet, re.MULTILINE), f"the scoring sheet has no row for {part}"
    grid = (SOURCE / "02-defining-cvm" / "maturity-grid.dot").read_text(encoding="utf-8")
    assert f">{part}</td>" in grid, f"the maturity grid has no row for {part}"


def test_maturity_model_is_neutral() -> None:
    text = (SOURCE / "02-defining-cvm" / "maturity-model.md").read_text(encoding="utf-8").lower()
    assert "neutral" in text and "benchmark" not in text


# -- 4. decision economics -------------------------------------------------------------------

ECONOMICS = {
    "Retention-offer break-even": "value per treated customer = (s_t − s_c) × V − k − s_t × o",
    "Price-change break-even": "L* = Δp ÷ (m + Δp)",
    "Sizing the universal control group": "n_c ≈ 2.8² × p × (1 − p) ÷ d²",
    "Allocating the budget across levers": None,
    "Points liability": "deferred per sale = P × S ÷ (P + S)",
}


@pytest.mark.parametrize("topic", list(ECONOMICS))
def test_decision_economics_gives_a_formula_and_a_worked_example(topic: str) -> None:
    sections = sections_by_h2((SOURCE / "03-role-of-cvm" / "decision-economics.md").read_text(encoding="utf-8"))
    assert topic in sections, f"decision economics has no section {topic!r}"
    body = sections[topic]
    formula = ECONOMICS[topic]
    if formula:
        assert "```text" in body and formula in body, f"{topic}: the formula {formula!r} is missing"
    else:
        assert "marginal ROI" in body and "hurdle" in body
    assert "{worked-example}" in body, f"{topic}: no worked example"


def test_the_retention_formula_is_the_incremental_value_of_an_action() -> None:
    """The offer is paid on every treated customer who stays (s_t), not only on those it kept."""
    text = (SOURCE / "03-role-of-cvm" / "decision-economics.md").read_text(encoding="utf-8")
    example = next(m for m in _WORKED.finditer(text) if "retention offer" in m.group("title"))
    value = next(r for r in parse_example(example.group("title"), example.group("body")).results if r.name == "value")
    assert value.formula.replace(" ", "") == "gross-contact-treated*offer"


# -- 5. practice topics and the regulation map -------------------------------------------------

def test_practice_topics_are_covered() -> None:
    contact = (SOURCE / "04-work-of-cvm" / "contact-policy.md").read_text(encoding="utf-8")
    assert "## Typical ranges" in contact and re.search(r"\| Marketing email \| \d+ to \d+ a month", contact)
    budget = (SOURCE / "03-role-of-cvm" / "budget-setting.md").read_text(encoding="utf-8")
    assert {"Acquisition budget", "Retention budget"} <= set(h2(budget))
    ai = h2((SOURCE / "05-cvm-technology" / "generative-ai.md").read_text(encoding="utf-8"))
    assert {"Content", "Assistants for agents and staff", "Risks and controls"} <= set(ai)
    business = h2((SOURCE / "04-work-of-cvm" / "business-customers.md").read_text(encoding="utf-8"))
    assert {"Small businesses", "Large accounts"} <= set(business)
    segmentation = (SOURCE / "04-work-of-cvm" / "segmentation.md").read_text(encoding="utf-8")
    assert "## Design rules" in segmentation


def test_regulation_map_says_it_is_orientation_not_legal_advice_and_names_each_rule() -> None:
    text = (SOURCE / "05-cvm-technology" / "regulation-map.md").read_text(encoding="utf-8")
    top = text.split("\n## ", 1)[0]
    assert re.search(r"```\{important\}\nThis page is orientation, not legal advice\.", top)
    assert "orientation, not legal advice" in sections_by_h2(text)["Key points"]
    for rule in ["Art. 6", "Art. 21", "Art. 22", "soft opt-in", "PECR", "new business price",
                 "Consumer Duty", "TCPA", "CAN-SPAM"]:
        assert rule in text, f"the regulation map does not name {rule!r}"
    assert text.count("{cite:p}") >= 5, "each law is cited from references.bib"


@pytest.mark.parametrize("page", NEW_CHAPTERS, ids=rel)
def test_every_new_chapter_ends_with_key_points(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert h2(text)[-1] == "Key points", f"{rel(page)} does not end with '## Key points'"
    bullets = re.findall(r"^- \S", text.split("## Key points", 1)[1], re.MULTILINE)
    assert 3 <= len(bullets) <= 7


# -- 6. figures -------------------------------------------------------------------------------

def figures() -> list[tuple[Path, Path, str]]:
    """(page, .dot source, directive options) for every figure drawn from a file."""
    found = []
    for page in sorted(SOURCE.rglob("*.md")):
        for m in _GRAPHVIZ.finditer(page.read_text(encoding="utf-8")):
            found.append((page, (page.parent / m.group("file")).resolve(), m.group("options")))
    return found


def test_at_least_eight_figures_each_drawn_once_from_its_own_source() -> None:
    found = figures()
    assert len(found) >= 8, f"{len(found)} figures are drawn from .dot sources; at least 8 are required"
    sources = [dot for _, dot, _ in found]
    assert len(set(sources)) == len(sources), "a figure is included twice, so it would be numbered twice"
    names = [re.search(r"^:name: (\S+)$", options, re.MULTILINE) for _, _, options in found]
    assert all(names) and len({n.group(1) for n in names if n}) == len(found), "every figure needs its own :name:"
    for page, dot, options in found:
        assert dot.is_file(), f"{rel(page)} includes {dot.name}, which does not exist"
        assert ":caption:" in options and ":alt:" in options, f"{rel(page)}: {dot.name} needs a caption and alt text"
    inline = [p for p in SOURCE.rglob("*.md") if re.search(r"^```\{graphviz\}\s*$", p.read_text(encoding="utf-8"), re.MULTILINE)]
    assert not inline, f"figures drawn inline instead of from a .dot source: {[rel(p) for p in inline]}"


def test_the_required_figures_exist() -> None:
    dots = {dot.name: dot.read_text(encoding="utf-8") for _, dot, _ in figures()}
    assert "learn -> understand" in dots["framework.dot"] and "lhead=cluster_foundations" in dots["framework.dot"]
    architecture = dots["reference-architecture.dot"]
    assert "history store" in architecture and "Control-group" in architecture
    assert "Customer equity" in dots["kpi-tree.dot"]
    assert "Onboarding" in dots["lifecycle-stages.dot"] and "Win-back" in dots["lifecycle-stages.dot"]
    assert all(q in dots["uplift-quadrants.dot"] for q in ["Persuadables", "Sure things", "Lost causes", "Do-not-disturbs"])
    assert "maturity-grid.dot" in dots


SCREEN = 390 - 2 * 16  # a 390 px phone, less the theme's page padding
MIN_TEXT_PX = 10.0


@pytest.mark.parametrize("dot", sorted({d for _, d, _ in figures()}), ids=lambda d: d.name)
def test_figure_is_top_to_bottom_and_readable_at_390_px(dot: Path) -> None:
    source = dot.read_text(encoding="utf-8")
    assert "rankdir=LR" not in source and "rankdir=RL" not in source, f"{dot.name} is drawn sideways"
    svg = subprocess.run(["dot", "-Tsvg", str(dot)], capture_output=True, text=True, check=True).stdout
    width_pt = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
    width_px = width_pt * 4 / 3
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    smallest_px = min(sizes) * 4 / 3 * min(1.0, SCREEN / width_px)
    assert smallest_px >= MIN_TEXT_PX, (
        f"{dot.name} is {width_px:.0f} px wide; at {SCREEN} px its smallest text is {smallest_px:.1f} px")


def test_every_figure_is_numbered_once_in_html(built_editions: Path) -> None:
    numbers: list[str] = []
    for page in (built_editions / "html").rglob("*.html"):
        numbers += re.findall(r'<span class="caption-number">Figure (\d+)', page.read_text(encoding="utf-8"))
    assert len(numbers) == len(figures()), f"{len(numbers)} numbered figures in HTML for {len(figures())} sources"
    assert sorted(map(int, numbers)) == list(range(1, len(numbers) + 1)), "figure numbers repeat or skip"


def test_every_figure_is_drawn_in_the_pdf_and_the_epub(built_editions: Path) -> None:
    tex = (built_editions / "latex" / "cvmbok.tex").read_text(encoding="utf-8")
    drawn = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{?(graphviz-[0-9a-f]+)", tex)
    assert len(set(drawn)) >= len(figures()), f"{len(set(drawn))} Graphviz figures placed in the PDF"
    assert all((built_editions / "latex" / f"{name}.pdf").is_file() for name in drawn)
    with zipfile.ZipFile(built_editions / "cvmbok.epub") as archive:
        pngs = [n for n in archive.namelist() if "graphviz" in n and n.endswith(".png")]
        assert len(pngs) >= len(figures()), f"{len(pngs)} Graphviz figures in the ePub"


def test_context_boxes_render_in_every_edition(built_editions: Path) -> None:
    html = (built_editions / "html" / "04-work-of-cvm" / "churn-prevention.html").read_text(encoding="utf-8")
    assert "Context: Churn prevention and retention" in html and "cvmbok-context-box" in html
    assert 'href="../03-role-of-cvm/kpis.html#churn-rate"' in html
    tex = (built_editions / "latex" / "cvmbok.tex").read_text(encoding="utf-8")
    assert tex.count("Context: ") >= len(PROGRAM_PAGES + COMPONENT_PAGES)
    with zipfile.ZipFile(built_editions / "cvmbok.epub") as archive:
        xhtml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml"))
    assert xhtml.count("Context: ") >= len(PROGRAM_PAGES + COMPONENT_PAGES)
    assert "Roles (RACI)." in xhtml


@pytest.fixture(autouse=True, scope="module")
def _graphviz_installed() -> None:
    if shutil.which("dot") is None:
        pytest.fail("Graphviz (dot) is missing: run tools/bootstrap.sh")
