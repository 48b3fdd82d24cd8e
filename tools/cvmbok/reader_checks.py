"""What readers' tools check in the built editions, as findings naming the page and the problem.

A reader's browser, screen reader, PDF viewer or e-reader is the last test of the book:
- HTML: every internal link and `#anchor` resolves (a local check of every `href` and
  `src` in every page; unresolved cross-references already fail the Sphinx build);
  axe-core in Debian's headless Chromium finds no serious or critical violation;
- PDF: every font embedded (`pdffonts`), a bookmark for every page of the book, the
  document language and title set, text that extracts in reading order (`pdftotext`);
- ePub: the navigation document lists every section and its links resolve.

Each function takes built files and returns `Finding`s (rules `reader.*`), so the
tests, the `cvmbok reader-checks` command and CI print the same messages.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
import shutil
import subprocess
import tempfile
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator, Sequence
from urllib.parse import unquote, urlsplit

from .tools import require_tool
from .errors import CvmbokError, ToolMissingError
from .findings import Finding, Severity, sort_findings
from .sections import Section

BROWSER_DIR = Path(__file__).resolve().parents[1] / "browser"
CHROMIUM = "/usr/bin/chromium"
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "data", "javascript", "ftp")
BLOCKING_IMPACTS = ("serious", "critical")


def _error(path: str, rule: str, message: str, fix: str = "", line: int = 1, match: str = "") -> Finding:
    return Finding(path, line, 1, rule, Severity.ERROR, message, fix, match)


# -- HTML: links and anchors ---------------------------------------------------------

class _PageScan(HTMLParser):
    """Ids a page defines and the local URLs it points to (with their lines)."""

    LINK_ATTRS = {"a": "href", "link": "href", "area": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}
    NAVIGATION = frozenset({"a", "area"})
    """Tags whose URL the reader follows by choice; every other URL is fetched when the page loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []
        self.resources: list[tuple[int, str]] = []
        """URLs on another site that the page fetches by itself (scripts, styles, pictures, frames)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        attr = self.LINK_ATTRS.get(tag)
        if attr and values.get(attr):
            self.links.append((self.getpos()[0], values[attr]))
        fetched = [values.get(a, "") for a in ("src", "data", "poster")] + [u.strip().split(" ")[0] for u in values.get("srcset", "").split(",")]
        if tag == "link" and not {"alternate", "canonical", "author", "license", "help", "search", "next", "prev", "index"} \
                & set(values.get("rel", "").lower().split()):
            fetched.append(values.get("href", ""))
        for url in fetched if tag not in self.NAVIGATION else []:
            if url and (urlsplit(url).netloc or url.startswith("//")):
                self.resources.append((self.getpos()[0], url))


def _scan(page: Path) -> _PageScan:
    scan = _PageScan()
    scan.feed(page.read_text(encoding="utf-8", errors="replace"))
    scan.close()
    return scan


def html_pages(html: Path) -> list[str]:
    """Every page of the site (relative paths), not the theme's own assets."""
    return sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not p.relative_to(html).parts[0].startswith(("_static", "_images", "_sources"))
    )


def check_html_links(html: Path) -> list[Finding]:
    """Every local `href`/`src` in every page points to a file, and every `#anchor` to an id in it."""
    scans: dict[str, _PageScan] = {}

    def scan_of(rel: str) -> _PageScan:
        if rel not in scans:
            scans[rel] = _scan(html / rel)
        return scans[rel]

    findings: list[Finding] = []
    for page in html_pages(html):
        for line, url in scan_of(page).resources:
            findings.append(_error(page, "reader.html.third-party", f"the page loads {url!r} from another site, so every "
                                   "reader's browser contacts it (and the book does not work offline)",
                                   "serve the file from the book's _static/ folder", line, url))
        for line, url in scan_of(page).links:
            parts = urlsplit(url)
            if parts.scheme in EXTERNAL_SCHEMES or parts.netloc or url.startswith("//"):
                continue
            if parts.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
                if url.endswith("/") or (html / target).is_dir():
                    target = posixpath.join(target, "index.html")
            else:
                target = page
            if target.startswith("../") or not (html / target).is_file():
                findings.append(_error(page, "reader.html.broken-link", f"link to {url!r} points to {target}, which the site does not have",
                                       "fix the link in the source page, or build all editions so downloads exist", line, url))
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.endswith(".html") and fragment not in scan_of(target).ids:
                findings.append(_error(page, "reader.html.broken-anchor", f"link {url!r}: {target} has no element with id {fragment!r}",
                                       "point the link at an existing heading label or add the label", line, url))
    return sort_findings(findings)


# -- HTML: accessibility with axe-core in Chromium -----------------------------------

@dataclass(frozen=True)
class Shot:
    page: str
    width: int
    file: Path
    height: int = 900


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def require_browser_tools(browser_dir: Path = BROWSER_DIR, chromium: str = CHROMIUM) -> str:
    """The node executable, after checking Chromium and the npm packages are installed."""
    node = require_tool("node", why="Node.js 18+ drives the browser")
    if not Path(chromium).is_file():
        raise ToolMissingError(f"{chromium} is missing: install Debian's Chromium (apt-get install chromium) or run `make bootstrap`")
    if not (browser_dir / "node_modules" / "playwright-core").is_dir() or not (browser_dir / "node_modules" / "axe-core").is_dir():
        raise ToolMissingError(f"the npm packages in {browser_dir} are missing: run `bash tools/bootstrap.sh node` (npm ci)")
    return node


def axe_findings(pages: list[dict[str, object]]) -> list[Finding]:
    """Findings from the browser script's report: serious and critical are errors, the rest warnings;
    every request Chromium made to another site is an error."""
    findings = []
    for result in pages:
        page = str(result["page"])
        requests = result.get("thirdParty", [])
        for url in requests if isinstance(requests, list) else []:
            findings.append(_error(page, "reader.html.third-party-request",
                                   f"the page makes the reader's browser contact another site: {url}",
                                   "serve the file from the book (_static/), or remove what loads it", match=str(url)))
        if result.get("error"):
            findings.append(_error(page, "reader.a11y.page-load", f"the page did not load: {result['error']}", "check the link that leads here"))
            continue
        violations = result.get("violations", [])
        for violation in violations if isinstance(violations, list) else []:
            nodes = violation["nodes"]
            severity = Severity.ERROR if violation["impact"] in BLOCKING_IMPACTS else Severity.WARNING
            example = nodes[0]["target"] if nodes else ""
            findings.append(Finding(
                page, 1, 1, f"reader.a11y.{violation['id']}", severity,
                f"{violation['help']} ({violation['impact']}; {len(nodes)} element(s), first: {example})",
                f"see {violation['helpUrl']}", str(nodes[0]["html"]) if nodes else "",
            ))
    return findings


def check_accessibility(html: Path, pages: Sequence[str] | None = None, shots: Sequence[Shot] = (),
                        browser_dir: Path = BROWSER_DIR, chromium: str = CHROMIUM) -> list[Finding]:
    """axe-core over `pages` (default: every page) of the site in `html`; writes the screenshots `shots`."""
    node = require_browser_tools(browser_dir, chromium)
    pages = list(pages) if pages is not None else html_pages(html)
    for shot in shots:
        shot.file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cvmbok-chromium-") as scratch, serve(html) as base:
        job = Path(scratch) / "job.json"
        job.write_text(json.dumps({
            "base": base,
            "pages": pages,
            "screenshots": [{"page": s.page, "width": s.width, "height": s.height, "file": str(s.file)} for s in shots],
            "chromium": chromium,
            "profile": str(Path(scratch) / "profile"),
        }), encoding="utf-8")
        done = subprocess.run([node, str(browser_dir / "check-pages.mjs"), str(job)], capture_output=True, text=True,
                              cwd=browser_dir, timeout=1800, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise CvmbokError(f"the browser check failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout)
    return sort_findings(axe_findings(report["pages"]))


# -- PDF -----------------------------------------------------------------------------

def parse_pdffonts(output: str) -> list[dict[str, str]]:
    """Rows of `pdffonts` output as dicts (name, type, encoding, emb, sub, uni).

    Read from both ends: the name is the first word and the last five columns are
    single words, because a long font name pushes the fixed columns to the right.
    """
    rows = []
    lines = output.splitlines()
    body = lines[next((i + 1 for i, line in enumerate(lines) if line.startswith("---")), len(lines)):]
    for line in body:
        words = line.split()
        if len(words) < 7:
            continue
        middle = " ".join(words[1:-5])
        kind, _, encoding = middle.rpartition(" ")
        rows.append({"name": words[0], "type": kind, "encoding": encoding, "emb": words[-5], "sub": words[-4], "uni": words[-3]})
    return rows


def check_pdf_fonts(pdf: Path) -> list[Finding]:
    done = subprocess.run([require_tool("pdffonts"), str(pdf)], capture_output=True, text=True)
    if done.returncode != 0:
        return [_error(pdf.name, "reader.pdf.unreadable", f"pdffonts cannot read the PDF: {done.stderr.strip()}", "rebuild the PDF")]
    rows = parse_pdffonts(done.stdout)
    if not rows:
        return [_error(pdf.name, "reader.pdf.no-fonts", "pdffonts lists no fonts, so the PDF has no real text", "build the PDF with XeLaTeX")]
    return [
        _error(pdf.name, "reader.pdf.font-not-embedded", f"font {row.get('name', '?')} ({row.get('type', '?')}) is not embedded",
               "use an OpenType font installed on the build machine (fontspec) so XeLaTeX embeds it", match=row.get("name", ""))
        for row in rows if row.get("emb") != "yes"
    ]


def _plain(title: str) -> str:
    """A heading as it reads: no Markdown marks, single spaces, no section numbers."""
    text = re.sub(r"[`*_]", "", title)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\d+(\.\d+)*\s+", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _outline_titles(items: Sequence[object]) -> list[str]:
    titles: list[str] = []
    for item in items:
        if isinstance(item, list):
            titles.extend(_outline_titles(item))
        else:
            titles.append(str(getattr(item, "title", "")))
    return titles


def check_pdf_structure(pdf: Path, sections: Sequence[Section], title: str, language: str) -> list[Finding]:
    """Bookmarks for every page of the book, `/Lang` and the title in the document information."""
    from pypdf import PdfReader  # a test and release dependency, imported where needed

    reader = PdfReader(str(pdf))
    findings: list[Finding] = []
    marks = {_plain(t) for t in _outline_titles(reader.outline)}
    for section in sections:
        for chapter in section.chapters:
            if _plain(chapter.title) not in marks:
                findings.append(_error(pdf.name, "reader.pdf.no-bookmark",
                                       f"no bookmark for {chapter.title!r} ({section.folder.name}/{chapter.page}.md)",
                                       "give the page a first-level heading and include it in a toctree", match=chapter.title))
    catalog = reader.trailer["/Root"].get_object()
    lang = str(catalog.get("/Lang", "")) if isinstance(catalog, dict) else ""
    if not lang.lower().startswith(language.lower()):
        findings.append(_error(pdf.name, "reader.pdf.lang", f"the document language is {lang or 'not set'!r}, expected {language!r}",
                               "pass pdflang to hyperref (conf.py latex_elements['passoptionstopackages'])"))
    meta = reader.metadata
    if meta is None or (meta.title or "") != title:
        findings.append(_error(pdf.name, "reader.pdf.title", f"the PDF title is {(meta.title if meta else None)!r}, expected {title!r}",
                               "set pdftitle in conf.py's hypersetup (it comes from edition.toml)"))
    return findings


def first_paragraph(page: Path) -> str:
    """The words of the first paragraph after the page's first heading, Markdown marks removed."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if start is None:
        return ""
    paragraph: list[str] = []
    for line in lines[start + 1:]:
        if not line.strip():
            if paragraph:
                break
            continue
        if line.lstrip().startswith(("```", ":::", "#", "<", "|", "-", "*", "{", ">")) and not paragraph:
            return ""
        paragraph.append(line.strip())
    text = " ".join(paragraph)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{[a-z]+\}`([^`<]*)(<[^>]*>)?`", r"\1", text)
    return re.sub(r"[`*_]", "", text)


def _squash(text: str) -> str:
    """Text for comparing PDF extraction with the source: letters and digits only, lower case."""
    text = text.replace("\u00ad", "").replace("-\n", "")
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff")
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def check_pdf_reading_order(pdf: Path, sections: Sequence[Section], words: int = 8) -> list[Finding]:
    """Each section's heading is followed, in `pdftotext`'s output, by the start of its first paragraph."""
    done = subprocess.run([require_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True)
    if done.returncode != 0:
        return [_error(pdf.name, "reader.pdf.unreadable", f"pdftotext cannot read the PDF: {done.stderr.strip()}", "rebuild the PDF")]
    text = _squash(done.stdout)
    findings = []
    for section in sections:
        paragraph = first_paragraph(section.folder / "index.md")
        if not paragraph:
            continue
        opening = _squash(" ".join(paragraph.split()[:words]))
        heading = _squash(section.title)
        at = text.find(opening)
        if at < 0:
            findings.append(_error(pdf.name, "reader.pdf.text-not-extractable",
                                   f"the opening words of section {section.number} ({' '.join(paragraph.split()[:words])!r}) are not in the PDF's text",
                                   "check the fonts carry a Unicode map (pdffonts 'uni' column) and the page is not an image"))
            continue
        before = text.rfind(heading, 0, at)
        if before < 0 or at - (before + len(heading)) > 200:
            findings.append(_error(pdf.name, "reader.pdf.reading-order",
                                   f"section {section.number}: the heading {section.title!r} does not come right before its first paragraph in the extracted text",
                                   "check for floats or margin notes placed between the heading and the text"))
    return findings


# -- ePub ----------------------------------------------------------------------------

class _NavScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_toc = 0
        self.depth = 0
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "nav" and "toc" in values.get("epub:type", "").split():
            self.in_toc = 1
        elif self.in_toc and tag == "nav":
            self.in_toc += 1
        if self.in_toc and tag == "a":
            self._href, self._text = values.get("href", ""), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, re.sub(r"\s+", " ", "".join(self._text)).strip()))
            self._href = None
        elif tag == "nav" and self.in_toc:
            self.in_toc -= 1

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


def check_epub_nav(epub: Path, sections: Sequence[Section]) -> list[Finding]:
    """The ePub's navigation document (toc nav) lists every section, and its links resolve."""
    with zipfile.ZipFile(epub) as book:
        names = set(book.namelist())
        container = book.read("META-INF/container.xml").decode("utf-8")
        opf_path = re.search(r'full-path="([^"]+)"', container)
        if not opf_path:
            return [_error(epub.name, "reader.epub.no-package", "META-INF/container.xml names no package document", "rebuild the ePub")]
        opf = book.read(opf_path.group(1)).decode("utf-8")
        nav_item = re.search(r'<item\b[^>]*\bproperties="[^"]*\bnav\b[^"]*"[^>]*>', opf)
        href = re.search(r'href="([^"]+)"', nav_item.group(0)) if nav_item else None
        if not href:
            return [_error(epub.name, "reader.epub.no-nav", "the package lists no navigation document (properties=\"nav\")", "build with Sphinx's epub (ePub 3) builder")]
        base = posixpath.dirname(opf_path.group(1))
        nav_path = posixpath.normpath(posixpath.join(base, unquote(href.group(1))))
        scan = _NavScan()
        scan.feed(book.read(nav_path).decode("utf-8"))
    findings = []
    texts = {_plain(text) for _, text in scan.links}
    for section in sections:
        if _plain(section.title) not in texts:
            findings.append(_error(f"{epub.name}/{nav_path}", "reader.epub.nav-missing-section",
                                   f"the navigation document does not list section {section.number}, {section.title!r}",
                                   "include the section in the root toctree (source/index.md) and keep epub_tocdepth >= 1"))
    nav_dir = posixpath.dirname(nav_path)
    for link, text in scan.links:
        target = posixpath.normpath(posixpath.join(nav_dir, unquote(urlsplit(link).path)))
        if target not in names:
            findings.append(_error(f"{epub.name}/{nav_path}", "reader.epub.nav-broken-link",
                                   f"navigation entry {text!r} points to {target}, which is not in the ePub", "rebuild the ePub", match=link))
    return findings
