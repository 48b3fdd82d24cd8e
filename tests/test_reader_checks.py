"""What readers' tools check in the built editions: links, accessibility, PDF and ePub structure.

Every check runs on the one build of the session (`built_editions`) and must find
nothing; each also has a small broken input that proves it can fail and that its
message names the page and the problem.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from cvmbok.edition import load_edition
from cvmbok.findings import Finding, Severity
from cvmbok.reader_checks import (
    Shot,
    check_accessibility,
    check_epub_nav,
    check_html_links,
    check_pdf_fonts,
    check_pdf_reading_order,
    check_pdf_structure,
    html_pages,
    parse_pdffonts,
)
from cvmbok.sections import load_sections

from .conftest import ROOT, run_cvmbok

SECTIONS = load_sections(ROOT / "source")
EDITION = load_edition(ROOT / "edition.toml")
ARTIFACTS = Path(os.environ.get("CVMBOK_TEST_ARTIFACTS", ROOT / "build" / "test-artifacts"))


def explain(findings: list[Finding]) -> str:
    return "\n".join(f"{f.path}:{f.line}: [{f.rule}] {f.message} (fix: {f.fix})" for f in findings)


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


# -- HTML: links and anchors ---------------------------------------------------------

def test_every_internal_link_and_anchor_resolves(built_editions: Path) -> None:
    html = built_editions / "html"
    assert len(html_pages(html)) > len(SECTIONS)
    findings = check_html_links(html)
    assert not findings, "broken links in the HTML edition:\n" + explain(findings)


def test_link_check_names_the_page_and_the_missing_target(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<html><body><h1 id="top">t</h1>\n<a href="sub/page.html#there">ok</a>\n'
        '<a href="sub/page.html#nowhere">bad anchor</a>\n<a href="gone.html">gone</a>\n'
        '<a href="#top">self</a><a href="https://example.org/x#y">external</a></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "sub" / "page.html").write_text('<p id="there">x</p><a href="../index.html#top">up</a>', encoding="utf-8")
    findings = check_html_links(tmp_path)
    assert [(f.path, f.line, f.rule) for f in findings] == [
        ("index.html", 3, "reader.html.broken-anchor"),
        ("index.html", 4, "reader.html.broken-link"),
    ]
    assert "nowhere" in findings[0].message and "gone.html" in findings[1].message


# -- HTML: accessibility in Chromium -------------------------------------------------

def test_no_serious_or_critical_axe_violation_on_any_page(built_editions: Path) -> None:
    """axe-core in Debian's Chromium over every page; screenshots kept in build/test-artifacts/."""
    html = built_editions / "html"
    chapter = f"{SECTIONS[1].folder.name}/index.html"
    shots = [
        Shot(page, width, ARTIFACTS / f"{name}-{label}.png")
        for page, name in (("index.html", "landing"), (chapter, "chapter"))
        for width, label in ((390, "phone"), (1280, "desktop"))
    ]
    for shot in shots:
        shot.file.unlink(missing_ok=True)
    findings = check_accessibility(html, shots=shots)
    blocking = errors(findings)
    print(f"axe: {len(html_pages(html))} pages, {len(blocking)} serious/critical, "
          f"{len(findings) - len(blocking)} minor/moderate; screenshots in {ARTIFACTS}")
    assert not blocking, "serious or critical accessibility violations:\n" + explain(blocking)
    for shot in shots:
        assert shot.file.is_file() and shot.file.stat().st_size > 10_000, f"no screenshot at {shot.file}"
        assert shot.file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.browser
def test_axe_reports_an_unlabelled_control_as_serious(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
        '<button><i class="icon"></i></button><img src="x.png"></main></body></html>',
        encoding="utf-8",
    )
    findings = errors(check_accessibility(tmp_path, ["index.html"]))
    rules = {f.rule for f in findings}
    assert {"reader.a11y.button-name", "reader.a11y.image-alt"} <= rules, explain(findings)
    assert all(f.path == "index.html" and f.fix.startswith("see https://") for f in findings)


def test_a_request_to_another_site_is_reported_from_chromiums_request_log(tmp_path: Path) -> None:
    """The request log (and the static scan) report what a page fetches from elsewhere; links are fine."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title>'
        '<script src="https://cdn.example.invalid/mathjax.js"></script></head><body><main><h1>t</h1>'
        '<img src="http://192.0.2.1/pixel.png" alt="x"><a href="https://example.org/">a link</a></main></body></html>',
        encoding="utf-8",
    )
    requests = [f for f in check_accessibility(tmp_path, ["index.html"]) if f.rule == "reader.html.third-party-request"]
    assert sorted(f.match for f in requests) == ["http://192.0.2.1/pixel.png", "https://cdn.example.invalid/mathjax.js"]
    static = [f.match for f in check_html_links(tmp_path) if f.rule == "reader.html.third-party"]
    assert sorted(static) == ["http://192.0.2.1/pixel.png", "https://cdn.example.invalid/mathjax.js"]


def test_the_theme_search_button_is_named_by_its_visible_text(built_editions: Path) -> None:
    """Regression guard for the theme bug we override in tools/cvmbok/templates/search-button-field.html."""
    page = (built_editions / "html" / "index.html").read_text(encoding="utf-8")
    assert "search-button-field" in page
    assert 'search-button-field search-button__button pst-js-only" title="Search" aria-label="Search"' not in page


# -- PDF -------------------------------------------------------------------------------

def test_pdf_fonts_are_all_embedded(built_editions: Path) -> None:
    findings = check_pdf_fonts(built_editions / "cvmbok.pdf")
    assert not findings, explain(findings)


def test_pdffonts_parser_reads_long_names_and_flags_missing_embedding() -> None:
    output = (
        "name                                 type              encoding         emb sub uni object ID\n"
        "------------------------------------ ----------------- ---------------- --- --- --- ---------\n"
        "KNDUWW+FreeSansBoldOblique-Identity-H CID Type 0C       Identity-H       yes yes yes      6  0\n"
        "Helvetica                            Type 1            Standard         no  no  no      12  0\n"
    )
    rows = parse_pdffonts(output)
    assert rows[0] == {"name": "KNDUWW+FreeSansBoldOblique-Identity-H", "type": "CID Type 0C", "encoding": "Identity-H",
                       "emb": "yes", "sub": "yes", "uni": "yes"}
    assert rows[1]["name"] == "Helvetica" and rows[1]["type"] == "Type 1" and rows[1]["emb"] == "no"


def test_pdf_has_bookmarks_language_and_title(built_editions: Path) -> None:
    findings = check_pdf_structure(built_editions / "cvmbok.pdf", SECTIONS, EDITION.title, EDITION.language)
    assert not findings, explain(findings)


def test_pdf_structure_check_fails_for_a_wrong_title_language_and_missing_page(built_editions: Path) -> None:
    from cvmbok.sections import Chapter, Section

    ghost = Section(99, "ghost", "A Page Nobody Wrote", ROOT / "source" / "99-ghost",
                    (Chapter("ghost", "index", "A Page Nobody Wrote", ROOT / "source" / "99-ghost" / "index.md"),))
    findings = check_pdf_structure(built_editions / "cvmbok.pdf", [ghost], "Another Title", "fr")
    assert {f.rule for f in findings} == {"reader.pdf.no-bookmark", "reader.pdf.lang", "reader.pdf.title"}
    assert any("A Page Nobody Wrote" in f.message for f in findings)


def test_pdf_text_extracts_in_reading_order(built_editions: Path) -> None:
    findings = check_pdf_reading_order(built_editions / "cvmbok.pdf", SECTIONS)
    assert not findings, explain(findings)


def test_reading_order_check_fails_when_the_text_is_not_there(built_editions: Path, tmp_path: Path) -> None:
    from cvmbok.sections import Section

    folder = tmp_path / "01-made-up"
    folder.mkdir()
    (folder / "index.md").write_text("# Preface\n\nZebras quietly juggle purple umbrellas above frozen lakes.\n", encoding="utf-8")
    findings = check_pdf_reading_order(built_editions / "cvmbok.pdf", [Section(1, "made-up", "Preface", folder, ())])
    assert [f.rule for f in findings] == ["reader.pdf.text-not-extractable"]


# -- ePub ------------------------------------------------------------------------------

def test_epub_navigation_lists_every_section(built_editions: Path) -> None:
    findings = check_epub_nav(built_editions / "cvmbok.epub", SECTIONS)
    assert not findings, explain(findings)


def test_epub_nav_check_names_a_missing_section(built_editions: Path, tmp_path: Path) -> None:
    epub = tmp_path / "cut.epub"
    with zipfile.ZipFile(built_editions / "cvmbok.epub") as source, zipfile.ZipFile(epub, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("nav.xhtml"):
                data = data.replace(SECTIONS[2].title.replace("&", "&amp;").encode(), b"Something else")
            target.writestr(info, data)
    findings = check_epub_nav(epub, SECTIONS)
    assert [f.rule for f in findings] == ["reader.epub.nav-missing-section"]
    assert SECTIONS[2].title in findings[0].message and findings[0].path.endswith("nav.xhtml")


# -- The command -------------------------------------------------------------------------

def test_reader_checks_command_reports_per_page(built_editions: Path, tmp_path: Path) -> None:
    """`cvmbok reader-checks DIR` runs the file checks (no browser with --no-browser) and exits 0."""
    result = run_cvmbok("reader-checks", str(built_editions), "--no-browser")
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "out"
    shutil.copytree(built_editions / "html", broken / "html")
    shutil.copy2(built_editions / "cvmbok.pdf", broken / "cvmbok.pdf")
    shutil.copy2(built_editions / "cvmbok.epub", broken / "cvmbok.epub")
    page = broken / "html" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", '<a href="missing.html">x</a></body>'), encoding="utf-8")
    result = run_cvmbok("reader-checks", str(broken), "--no-browser")
    assert result.returncode == 1
    assert "html/index.html" in result.stdout and "reader.html.broken-link" in result.stdout and "missing.html" in result.stdout
