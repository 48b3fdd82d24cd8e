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
