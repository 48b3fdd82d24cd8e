"""The text of built editions, for a second leak scan after the build.

A name can reach an edition without passing through a checked Markdown file: a
Sphinx substitution, a theme setting, an image's file name, PDF metadata. So the
built HTML pages, the XHTML inside the ePub and the PDF's text and metadata are
extracted here and fed to the same scanner.

HTML text keeps the line numbers of the HTML source (each piece of text is placed
on the line where it starts), so findings point at the right line of the page.
"""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

from ..errors import UsageError
from ..findings import Finding, sort_findings
from .loading import build_scanner

TEXT_ATTRIBUTES = ("alt", "title", "href", "src", "content", "aria-label")
SKIP_TAGS = ("script", "style")
BLOCK_TAGS = frozenset("p li td th h1 h2 h3 h4 h5 h6 div br dt dd section title caption figcaption blockquote pre".split())
SKIP_HTML_DIRS = {"_static", "_sources", "_sphinx_design_static", "downloads", ".doctrees"}


@dataclass(frozen=True)
class EditionText:
    path: str
    text: str
    lines_are_units: bool = False
    """True for PDF text, whose paragraph breaks are lost: every line may start a sentence."""


class _TextExtractor(HTMLParser):
    """Collect visible text and link/image attributes, aligned to the source lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.line = 1
        self.skip = 0

    def _put(self, text: str) -> None:
        line, _ = self.getpos()
        if line > self.line:
            self.parts.append("\n" * (line - self.line))
            self.line = line
        self.parts.append(text)
        self.line += text.count("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag in BLOCK_TAGS or tag == "a":
            self._put(" | ")  # link text, like a cell or an item, starts a unit
        for name, value in attrs:
            if value and name in TEXT_ATTRIBUTES:
                self._put(f" | {value} | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and self.skip:
            self.skip -= 1
        elif tag in BLOCK_TAGS:
            self._put(" | ")  # a block boundary: the next word starts a unit (see names.context)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._put(data)

    def handle_comment(self, data: str) -> None:
        self._put(data)


def html_text(markup: str) -> str:
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def _html_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in (".html", ".xhtml", ".htm") and not SKIP_HTML_DIRS & set(path.relative_to(folder).parts):
            yield path


def epub_texts(path: Path, display: str) -> Iterator[EditionText]:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if info.filename.lower().endswith((".xhtml", ".html", ".htm", ".opf", ".ncx")):
                    markup = archive.read(info).decode("utf-8", errors="replace")
                    yield EditionText(f"{display}!/{info.filename}", html_text(markup))
    except (zipfile.BadZipFile, OSError) as exc:
        raise UsageError(f"{display}: not a readable ePub ({exc})") from None


def pdf_texts(path: Path, display: str) -> Iterator[EditionText]:
    from pypdf import PdfReader  # imported late: only this command needs it
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font-encoding notes are not findings
    try:
        reader = PdfReader(str(path))
        metadata: dict[str, object] = dict(reader.metadata or {})
        lines = [f"{key.lstrip('/')}: {value}" for key, value in metadata.items()]
        yield EditionText(f"{display}#metadata", "\n".join(lines), lines_are_units=True)
        for number, page in enumerate(reader.pages, 1):
            yield EditionText(f"{display}#page={number}", page.extract_text() or "", lines_are_units=True)
    except (PdfReadError, OSError, ValueError) as exc:
        raise UsageError(f"{display}: not a readable PDF ({exc})") from None


def edition_texts(root: Path, display_root: str) -> Iterator[EditionText]:
    """Every text of the editions under `root` (a build folder, or one .html/.epub/.pdf file)."""
    def show(p: Path) -> str:
        return f"{display_root}/{p.relative_to(root).as_posix()}" if p != root else display_root

    if root.is_file():
        candidates = [root]
    else:
        html_dir = root / "html" if (root / "html").is_dir() else (root if (root / "index.html").is_file() else None)
        candidates = sorted(p for p in root.iterdir() if p.suffix.lower() in (".epub", ".pdf"))
        if html_dir is not None:
            candidates = list(_html_files(html_dir)) + candidates
    for path in candidates:
        display = show(path) if path != root else display_root
        suffix = path.suffix.lower()
        if suffix == ".epub":
            yield from epub_texts(path, display)
        elif suffix == ".pdf":
            yield from pdf_texts(path, display)
        elif suffix in (".html", ".xhtml", ".htm"):
            yield EditionText(display, html_text(path.read_text(encoding="utf-8", errors="replace")))


def scan_editions(roots: list[Path], repo_root: Path | None, names_file: Path | None = None) -> tuple[list[Finding], int]:
    """Leak findings for every text of the editions under `roots`, and how many texts were read.

    The one entry point for `cvmbok scan-editions` and for anything else (a release) that
    wants the second net. Raises `UsageError` when a root is missing or holds no edition.
    """
    scanner, findings = build_scanner(repo_root, names_file)
    count = 0
    for root in roots:
        if not root.exists():
            raise UsageError(f"{root}: no such file or folder")
        display = str(root).rstrip("/") or str(root)
        for item in edition_texts(root, display):
            count += 1
            findings.extend(scanner.scan(item.text, item.path, item.lines_are_units))
    if count == 0:
        raise UsageError(f"nothing to scan in {', '.join(map(str, roots))}: expected html/, *.pdf or *.epub")
    return sort_findings(findings), count
