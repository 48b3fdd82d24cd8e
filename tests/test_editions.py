"""The three editions, built once with the real CLI (Sphinx, XeLaTeX/latexmk, epubcheck)."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from pypdf import PdfReader

from cvmbok.edition import load_edition
from cvmbok.builder import validate_epub
from cvmbok.sections import load_sections

from .conftest import ROOT, run_cvmbok

SECTIONS = load_sections(ROOT / "source")
EDITION = load_edition(ROOT / "edition.toml")
ALLOWED_PEOPLE_FIELDS = {EDITION.author, EDITION.publisher}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append({k: v or "" for k, v in attrs})


def links_of(page: Path) -> list[dict[str, str]]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def test_there_are_eight_sections_in_book_order() -> None:
    assert [s.number for s in SECTIONS] == list(range(1, 9))
    assert SECTIONS[0].title == "Preface"
    assert SECTIONS[7].title == "Literature, Authors and Contributors"


def test_html_has_a_page_for_every_section(built_editions: Path) -> None:
    html = built_editions / "html"
    for section in SECTIONS:
        page = html / section.folder.name / "index.html"
        assert page.is_file(), f"no HTML page for section {section.number}"
        assert section.title.replace("&", "&amp;") in page.read_text(encoding="utf-8")
    assert (html / "search.html").is_file() and (html / "searchindex.js").is_file()


@pytest.mark.parametrize("page", ["index.html", "01-preface/index.html"])
def test_download_links_resolve(built_editions: Path, page: str) -> None:
    html = built_editions / "html"
    downloads = [a["href"] for a in links_of(html / page) if a["href"].endswith((".pdf", ".epub"))]
    assert any(h.endswith("cvmbok.pdf") for h in downloads) and any(h.endswith("cvmbok.epub") for h in downloads)
    for href in downloads:
        target = Path(unquote(urljoin(f"file://{html / page}", href))[len("file://"):])
        assert target.is_file(), f"{page}: download link {href} does not resolve"
    assert (html / "downloads" / "cvmbok.pdf").read_bytes() == (built_editions / "cvmbok.pdf").read_bytes()


@pytest.mark.parametrize("page", ["index.html", "02-defining-cvm/index.html", "04-work-of-cvm/churn-prevention.html"])
def test_every_page_has_edit_and_download_buttons(built_editions: Path, page: str) -> None:
    """The edit button links to this page's own source on the repository; the download
    button offers the page's source and PDF."""
    links = links_of(built_editions / "html" / page)
    source = "source/" + page.removesuffix(".html") + ".md"
    edit = [a["href"] for a in links if "/edit/" in a["href"]]
    assert edit and all(h.endswith(source) for h in edit), (page, edit)
    html = (built_editions / "html" / page).read_text(encoding="utf-8")
    assert "btn-download-source-button" in html or "download-source-button" in html


def test_landing_page_shows_the_edition(built_editions: Path) -> None:
    landing = (built_editions / "html" / "index.html").read_text(encoding="utf-8")
    assert f"Edition {EDITION.version}" in landing
    assert EDITION.date_text in landing


def test_pdf_outline_and_metadata(built_editions: Path) -> None:
    reader = PdfReader(built_editions / "cvmbok.pdf")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for section in SECTIONS:
        assert any(t.endswith(section.title) for t in titles), f"no PDF bookmark for {section.title!r}: {titles}"
    meta = reader.metadata
    assert meta is not None
    assert meta.title == EDITION.title
    assert meta.author == EDITION.author
    first_pages = "\n".join(reader.pages[i].extract_text() for i in range(2))
    assert EDITION.version in first_pages and "Edition" in first_pages
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4


def test_pdf_has_clickable_cross_references(built_editions: Path) -> None:
    reader = PdfReader(built_editions / "cvmbok.pdf")
    links = sum(
        1 for page in reader.pages for annot in (page.get("/Annots") or [])
        if annot.get_object().get("/Subtype") == "/Link"
    )
    assert links > 10


def test_epub_is_valid_and_carries_its_identity(built_editions: Path) -> None:
    epub = built_editions / "cvmbok.epub"
    assert validate_epub(epub) == []
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("content.opf").decode("utf-8")
        names = archive.namelist()
    assert f">{EDITION.title}</dc:title>" in opf
    assert f">{EDITION.language}</dc:language>" in opf
    assert f">{EDITION.identifier}</dc:identifier>" in opf
    assert "<dc:date>" in opf and "<dc:rights>" in opf
    assert any(n.endswith("cover.png") for n in names)


def _epub_people(opf: str) -> set[str]:
    return set(re.findall(r"<dc:(?:creator|contributor|publisher)[^>]*>([^<]*)</dc:", opf))


def test_no_personal_name_in_any_metadata(built_editions: Path) -> None:
    reader = PdfReader(built_editions / "cvmbok.pdf")
    assert reader.metadata is not None and reader.metadata.author in ALLOWED_PEOPLE_FIELDS
    with zipfile.ZipFile(built_editions / "cvmbok.epub") as archive:
        assert _epub_people(archive.read("content.opf").decode("utf-8")) <= ALLOWED_PEOPLE_FIELDS
    html = (built_editions / "html" / "index.html").read_text(encoding="utf-8")
    authors = set(re.findall(r'<meta name="author" content="([^"]*)"', html))
    assert authors <= ALLOWED_PEOPLE_FIELDS


def test_broken_cross_reference_fails_the_build_naming_the_file(scratch_repo: Path, tmp_path: Path) -> None:
    page = scratch_repo / "source" / "05-cvm-technology" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee {ref}`a-label-that-does-not-exist`.\n", encoding="utf-8")
    result = run_cvmbok("build", "html", "--out", str(tmp_path / "out"), cwd=scratch_repo)
    assert result.returncode == 1
    assert "05-cvm-technology/index.md" in result.stderr
    assert "a-label-that-does-not-exist" in result.stderr


def test_build_outside_a_repository_says_where_to_run(tmp_path: Path) -> None:
    result = run_cvmbok("build", "html", cwd=tmp_path)
    assert result.returncode == 2
    assert "not inside a CVMBoK repository" in result.stderr
    assert "Traceback" not in result.stderr


def test_source_date_epoch_sets_the_edition_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert load_edition(ROOT / "edition.toml").date.isoformat() == "2023-11-14"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(Exception, match="SOURCE_DATE_EPOCH"):
        load_edition(ROOT / "edition.toml")
