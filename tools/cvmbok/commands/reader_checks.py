"""`cvmbok reader-checks [DIR]`: what readers' tools check, over built editions (see cvmbok.reader_checks)."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from ..edition import load_edition
from ..errors import UsageError
from ..findings import Finding, has_errors, sort_findings
from ..reader_checks import (
    Shot,
    check_accessibility,
    check_epub_nav,
    check_html_links,
    check_pdf_fonts,
    check_pdf_reading_order,
    check_pdf_structure,
    html_pages,
)
from ..report import REPORTERS
from ..repo import find_repo
from ..sections import load_sections

NAME = "reader-checks"
HELP = "check built editions as readers' tools do: links, accessibility (axe in Chromium), PDF and ePub structure"
DESCRIPTION = """\
Check the editions in DIR (default: build/, as written by `cvmbok build all`):

  HTML  every internal link and #anchor resolves; axe-core in Debian's headless
        Chromium finds no serious or critical violation on any page
  PDF   every font embedded, a bookmark for every page of the book, document
        language and title set, text that extracts in reading order
  ePub  the navigation document lists every section and its links resolve

Each finding names the page (or file) and the problem. Exit 1 on any error."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", nargs="?", type=Path, default=None, metavar="DIR", help="folder with html/, cvmbok.pdf, cvmbok.epub (default: build/)")
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    parser.add_argument("--no-browser", action="store_true", help="skip the accessibility check in Chromium")
    parser.add_argument("--screenshots", type=Path, default=None, metavar="DIR",
                        help="also save the landing page and the first section at 390 and 1280 px wide into DIR")


def _under(prefix: str, findings: list[Finding]) -> list[Finding]:
    return [dataclasses.replace(f, path=f"{prefix}/{f.path}") for f in findings]


def run(args: argparse.Namespace) -> int:
    repo = find_repo()
    out = (args.out or repo.build).resolve()
    html, pdf, epub = out / "html", out / "cvmbok.pdf", out / "cvmbok.epub"
    missing = [p.name for p in (html, pdf, epub) if not p.exists()]
    if missing:
        raise UsageError(f"{out} lacks {', '.join(missing)}: run `cvmbok build all --out {out}` first")
    sections = load_sections(repo.source)
    edition = load_edition(repo.edition_file)
    findings = _under("html", check_html_links(html))
    if not args.no_browser:
        shots: list[Shot] = []
        if args.screenshots is not None:
            chapter = f"{sections[0].folder.name}/index.html" if sections else "index.html"
            shots = [Shot(page, width, args.screenshots / f"{name}-{width}.png")
                     for page, name in (("index.html", "landing"), (chapter, "chapter")) for width in (390, 1280)]
        print(f"checking {len(html_pages(html))} pages with axe-core in Chromium ...", file=sys.stderr, flush=True)
        findings += _under("html", check_accessibility(html, shots=shots))
    findings += check_pdf_fonts(pdf)
    findings += check_pdf_structure(pdf, sections, edition.title, edition.language)
    findings += check_pdf_reading_order(pdf, sections)
    findings += check_epub_nav(epub, sections)
    sys.stdout.write(REPORTERS[args.format](sort_findings(findings), len(html_pages(html)) + 2))
    return 1 if has_errors(findings) else 0
