"""`cvmbok scan-editions`: the book's real editions pass; a name injected into a copy of each
edition (HTML text and attributes, ePub XHTML, PDF metadata) is caught."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from .conftest import ROOT, run_cvmbok

NAMES = ROOT / "tests" / "fixtures" / "leaks" / "names.yml"

pytestmark = pytest.mark.editions


def scan(*paths: Path, names: Path | None = None) -> tuple[int, list[dict]]:
    args = ["scan-editions", "--format", "json", *map(str, paths)]
    if names:
        args += ["--names", str(names)]
    result = run_cvmbok(*args)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def expected_texts(built: Path) -> int:
    """How many texts the editions hold, counted here without the scanner's code: every HTML
    page outside the theme's folders, every XHTML/OPF/NCX member of the ePub, and the PDF's
    metadata plus one text per page."""
    skip = {"_static", "_sources", "downloads", ".doctrees"}
    html = [p for p in (built / "html").rglob("*.html") if not skip & set(p.relative_to(built / "html").parts)]
    with zipfile.ZipFile(built / "cvmbok.epub") as archive:
        epub = [n for n in archive.namelist() if n.lower().endswith((".xhtml", ".html", ".htm", ".opf", ".ncx"))]
    from pypdf import PdfReader

    pages = len(PdfReader(str(built / "cvmbok.pdf")).pages)
    assert html and epub and pages
    return len(html) + len(epub) + 1 + pages


def test_the_books_editions_have_no_error_level_leak(built_editions: Path) -> None:
    code, findings = scan(built_editions)
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors == [], errors[:5]
    assert code == 0
    # every text of all three editions was read: the summary counts exactly what the build holds
    result = run_cvmbok("scan-editions", str(built_editions))
    read = re.search(r"in (\d+) files? checked$", result.stdout.splitlines()[-1])
    assert read, result.stdout[-300:]
    # every page of all three editions (it also reads scripts, bookmarks, links and picture metadata)
    assert int(read.group(1)) >= expected_texts(built_editions), result.stdout[-300:]


def test_names_injected_into_each_edition_are_found(built_editions: Path, tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    shutil.copytree(built_editions / "html", edition / "html", ignore=shutil.ignore_patterns("_static", "_sources", "downloads"))
    page = edition / "html" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("</body>", '<p>Thanks to Quenfield Mobile.</p><img alt="logo" src="img/plumora-logo.png"></body>')
    page.write_text(html, encoding="utf-8")

    with zipfile.ZipFile(built_editions / "cvmbok.epub") as source, zipfile.ZipFile(edition / "cvmbok.epub", "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("index.xhtml"):
                data = data.replace(b"</body>", "<p>Notes by Wendeline Marchbanks.</p></body>".encode())
            target.writestr(info, data)

    writer = PdfWriter(clone_from=PdfReader(str(built_editions / "cvmbok.pdf")))
    writer.add_metadata({"/Subject": "Lessons from QFM Group"})
    with (edition / "cvmbok.pdf").open("wb") as handle:
        writer.write(handle)

    code, findings = scan(edition, names=NAMES)
    assert code == 1
    errors = {(f["path"].split("/")[-1].split("#")[0], f["rule"], f["match"]) for f in findings if f["severity"] == "error"}
    assert ("index.html", "leak.company", "Quenfield Mobile") in errors
    assert ("index.html", "leak.brand", "plumora") in errors
    assert any(path == "index.xhtml" and rule == "leak.person" for path, rule, _ in errors)
    assert ("cvmbok.pdf", "leak.company", "QFM Group") in errors
    pdf_meta = [f for f in findings if f["path"].endswith("cvmbok.pdf#metadata")]
    assert pdf_meta and pdf_meta[0]["line"] >= 1


def test_scan_editions_refuses_a_folder_without_editions(tmp_path: Path) -> None:
    result = run_cvmbok("scan-editions", str(tmp_path))
    assert result.returncode == 2 and "nothing to scan" in result.stderr
    result = run_cvmbok("scan-editions", str(tmp_path / "missing"))
    assert result.returncode == 2


def test_words_broken_at_a_pdf_line_end_are_joined_and_lines_kept() -> None:
    from cvmbok.names.outputs import dehyphenate

    text = "Subscription or product hold-\ning\nEach product\nand Last-\ning Value. Press\ncross-\nSell"
    joined = dehyphenate(text)
    assert joined.splitlines()[:3] == ["Subscription or product holding", "", "Each product"]
    assert "and Lasting\nValue. Press" in joined
    assert "cross-\nSell" in joined, "a hyphen before a capital is a real hyphen"
    assert len(joined.splitlines()) == len(text.splitlines()), "line numbers of findings stay right"
