"""The text of built editions, for a second leak scan after the build.

A name can reach an edition without passing through a checked Markdown file: a
Sphinx substitution, a theme setting, an image's file name, PDF metadata. So the
built HTML pages, the XHTML inside the ePub and the PDF's text and metadata are
extracted here and fed to the same scanner.

HTML text keeps the line numbers of the HTML source (each piece of text is placed
on the line where it starts), so findings point at the right line of the page.

Also read: inline scripts and style sheets (with registered names only: code is full
of capitalized identifiers and numbers that are not prose), the text files under
``_static`` (the same way), the PDF's XMP packet, bookmarks and link targets, and
the metadata of every picture inside the HTML edition and the ePub.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

from ..errors import CvmbokError, UsageError
from ..findings import Finding, Severity, sort_findings
from ..policy.images import metadata_fields
from .loading import build_scanner

TEXT_ATTRIBUTES = ("alt", "title", "href", "src", "content", "aria-label")
SKIP_TAGS = ("script", "style")
BLOCK_TAGS = frozenset("p li td th h1 h2 h3 h4 h5 h6 div br dt dd section title caption figcaption blockquote pre".split())
SKIP_HTML_DIRS = {"_static", "_sources", "_sphinx_design_static", "downloads", ".doctrees"}
STATIC_TEXT = (".js", ".css", ".txt", ".json", ".svg", ".xml", ".html")
"""Text files under _static that are scanned for registered names."""
PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


@dataclass(frozen=True)
class EditionText:
    path: str
    text: str
    lines_are_units: bool = False
    """True for PDF text, whose paragraph breaks are lost: every line may start a sentence."""
    names_only: bool = False
    """Code and style sheets: registered names only, no prose heuristics."""
    picture: bytes | None = None
    """A picture's bytes: its metadata is checked instead of text."""


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
        pass  # comments are read with the code (`html_code`): they are template notes, not prose


class _CodeExtractor(HTMLParser):
    """The text of inline <script> and <style> elements, aligned to the source lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.line = 1
        self.inside = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.inside += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and self.inside:
            self.inside -= 1
            self.parts.append("\n")
            self.line += 1

    def handle_comment(self, data: str) -> None:
        self._at_line()
        self.parts.append(data + "\n")
        self.line += data.count("\n") + 1

    def _at_line(self) -> None:
        line, _ = self.getpos()
        if line > self.line:
            self.parts.append("\n" * (line - self.line))
            self.line = line

    def handle_data(self, data: str) -> None:
        if not self.inside:
            return
        line, _ = self.getpos()
        if line > self.line:
            self.parts.append("\n" * (line - self.line))
            self.line = line
        self.parts.append(data)
        self.line += data.count("\n")


def html_text(markup: str) -> str:
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def html_code(markup: str) -> str:
    """Inline scripts and style sheets of a page ("" when it has none)."""
    if "<script" not in markup and "<style" not in markup and "<!--" not in markup:
        return ""
    parser = _CodeExtractor()
    parser.feed(markup)
    parser.close()
    code = "".join(parser.parts)
    return code if code.strip() else ""


def _html_page(path: Path, display: str) -> Iterator[EditionText]:
    markup = path.read_text(encoding="utf-8", errors="replace")
    yield EditionText(display, html_text(markup))
    code = html_code(markup)
    if code:
        yield EditionText(f"{display}#inline-scripts-and-styles", code, names_only=True)


def _html_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in (".html", ".xhtml", ".htm") and not SKIP_HTML_DIRS & set(path.relative_to(folder).parts):
            yield path


def own_static_names(repo_root: Path | None) -> frozenset[str]:
    """File names the project itself puts into ``_static`` (conf.py's html_static_path, source/_static).

    Only those are read: the theme's and MathJax's vendored files are third-party code
    the project does not write, and their identifiers ("nextLink", "Vector") are no leaks.
    """
    if repo_root is None:
        return frozenset()
    names: set[str] = set()
    for folder in (repo_root / "tools" / "cvmbok" / "static", repo_root / "source" / "_static"):
        if folder.is_dir():
            names.update(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return frozenset(names)


def _static_files(html_dir: Path, own: frozenset[str]) -> Iterator[Path]:
    folder = html_dir / "_static"
    if folder.is_dir():
        yield from (p for p in sorted(folder.rglob("*")) if p.suffix.lower() in STATIC_TEXT and p.is_file()
                    and p.relative_to(folder).as_posix() in own)


def _pictures(html_dir: Path) -> Iterator[Path]:
    yield from (p for p in sorted(html_dir.rglob("*")) if p.suffix.lower() in PICTURES and p.is_file()
                and ".doctrees" not in p.parts)


def epub_texts(path: Path, display: str) -> Iterator[EditionText]:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                name = info.filename.lower()
                where = f"{display}!/{info.filename}"
                if name.endswith((".xhtml", ".html", ".htm", ".opf", ".ncx")):
                    markup = archive.read(info).decode("utf-8", errors="replace")
                    yield EditionText(where, html_text(markup))
                    code = html_code(markup)
                    if code:
                        yield EditionText(f"{where}#inline-scripts-and-styles", code, names_only=True)
                elif name.endswith((".css", ".js", ".svg")):
                    yield EditionText(where, archive.read(info).decode("utf-8", errors="replace"), names_only=True)
                elif name.endswith(PICTURES):
                    yield EditionText(where, "", picture=archive.read(info))
    except (zipfile.BadZipFile, OSError) as exc:
        raise UsageError(f"{display}: not a readable ePub ({exc})") from None


_BROKEN_WORD = re.compile(r"(?<=[a-z])-\n([a-z]+)([^\n]*)")


def dehyphenate(text: str) -> str:
    """A word LaTeX broke at a line end ("hold-" / "ing Each ...") joined again ("holding"),
    with the rest of the next line kept on its own line so every line number stays. Read
    as separate lines, the stray "ing" followed by a capitalized word looked like a name."""
    return _BROKEN_WORD.sub(lambda m: f"{m.group(1)}\n{m.group(2).lstrip()}", text)


def pdf_texts(path: Path, display: str) -> Iterator[EditionText]:
    from pypdf import PdfReader  # imported late: only this command needs it
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font-encoding notes are not findings
    try:
        reader = PdfReader(str(path))
        metadata: dict[str, object] = dict(reader.metadata or {})
        lines = [f"{key.lstrip('/')}: {value}" for key, value in metadata.items()]
        yield EditionText(f"{display}#metadata", "\n".join(lines), lines_are_units=True)
        xmp = _pdf_xmp(reader)
        if xmp:
            yield EditionText(f"{display}#xmp", html_text(xmp), lines_are_units=True)
        titles = list(_outline_titles(reader.outline))
        if titles:
            yield EditionText(f"{display}#bookmarks", "\n".join(titles), lines_are_units=True)
        links: list[str] = []
        for number, page in enumerate(reader.pages, 1):
            yield EditionText(f"{display}#page={number}", dehyphenate(page.extract_text() or ""), lines_are_units=True)
            links.extend(_page_links(page))
        if links:
            yield EditionText(f"{display}#links", "\n".join(links), lines_are_units=True)
    except (PdfReadError, OSError, ValueError) as exc:
        raise UsageError(f"{display}: not a readable PDF ({exc})") from None


def _pdf_xmp(reader: object) -> str:
    """The PDF's XMP packet as text ("" when it has none)."""
    try:
        root = reader.trailer["/Root"]  # type: ignore[attr-defined]
        metadata = root.get("/Metadata")
        if metadata is None:
            return ""
        data: bytes = metadata.get_object().get_data()
        return data.decode("utf-8", errors="replace")
    except (KeyError, AttributeError, TypeError, ValueError):
        return ""


def _outline_titles(outline: object) -> Iterator[str]:
    """Every bookmark title, depth first."""
    if isinstance(outline, list):
        for item in outline:
            yield from _outline_titles(item)
        return
    title = getattr(outline, "title", None)
    if isinstance(title, str):
        yield title


def _page_links(page: object) -> Iterator[str]:
    """The URI targets of a page's link annotations."""
    try:
        annotations = page.get("/Annots") or []  # type: ignore[attr-defined]
        for ref in annotations:
            action = ref.get_object().get("/A") or {}
            uri = action.get("/URI")
            if uri:
                yield str(uri)
    except (AttributeError, TypeError, ValueError, KeyError):
        return


def edition_texts(root: Path, display_root: str, own_static: frozenset[str] = frozenset()) -> Iterator[EditionText]:
    """Every text of the editions under `root` (a build folder, or one .html/.epub/.pdf file).

    `own_static`: the project's own files under ``_static`` (see `own_static_names`)."""
    def show(p: Path) -> str:
        return f"{display_root}/{p.relative_to(root).as_posix()}" if p != root else display_root

    if root.is_file():
        candidates = [root]
    else:
        html_dir = root / "html" if (root / "html").is_dir() else (root if (root / "index.html").is_file() else None)
        candidates = sorted(p for p in root.iterdir() if p.suffix.lower() in (".epub", ".pdf"))
        if html_dir is not None:
            candidates = (list(_html_files(html_dir)) + list(_static_files(html_dir, own_static)) + list(_pictures(html_dir))
                          + candidates)
    for path in candidates:
        display = show(path) if path != root else display_root
        suffix = path.suffix.lower()
        if suffix == ".epub":
            yield from epub_texts(path, display)
        elif suffix == ".pdf":
            yield from pdf_texts(path, display)
        elif suffix in PICTURES:
            yield EditionText(display, "", picture=path.read_bytes())
        elif any(part in ("_static", "_sphinx_design_static") for part in path.parts):
            yield EditionText(display, path.read_text(encoding="utf-8", errors="replace"), names_only=True)
        elif suffix in (".html", ".xhtml", ".htm"):
            yield from _html_page(path, display)


def scan_editions(roots: list[Path], repo_root: Path | None, names_file: Path | None = None) -> tuple[list[Finding], int]:
    """Leak findings for every text of the editions under `roots`, and how many texts were read.

    The one entry point for `cvmbok scan-editions` and for anything else (a release) that
    wants the second net. Raises `UsageError` when a root is missing or holds no edition.
    """
    scanner, findings = build_scanner(repo_root, names_file)
    own = own_static_names(repo_root)
    count = 0
    for root in roots:
        if not root.exists():
            raise UsageError(f"{root}: no such file or folder")
        display = str(root).rstrip("/") or str(root)
        for item in edition_texts(root, display, own):
            count += 1
            if item.picture is not None:
                findings.extend(_picture_findings(item.picture, item.path))
                continue
            findings.extend(scanner.scan(item.text, item.path, item.lines_are_units, names_only=item.names_only))
    if count == 0:
        raise UsageError(f"nothing to scan in {', '.join(map(str, roots))}: expected html/, *.pdf or *.epub")
    return sort_findings(findings), count


def _picture_findings(data: bytes, where: str) -> list[Finding]:
    """Identifying metadata in a picture of an edition (an error: the edition would ship it)."""
    try:
        fields = metadata_fields(data, where)
    except CvmbokError:
        return []  # not a raster picture we can read: the build put it there, nothing to strip
    if not fields:
        return []
    return [Finding(where, 1, 1, "image.metadata", Severity.ERROR,
                    f"picture in the edition carries metadata that can identify a person, a device or a place: "
                    f"{', '.join(fields)}",
                    "run `cvmbok strip-metadata` on the source picture and rebuild", where.rsplit("/", 1)[-1])]
