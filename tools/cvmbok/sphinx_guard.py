"""The build-time guard: merged insights cannot run code on the build machine or script in a browser.

`cvmbok check` refuses unsafe markup before a contribution is accepted; this guard is
the second line, for a tree where that check was skipped (a hand edit, a broken
tool, a rule that missed a case). It fails the build, with the page and line, when:

- the configuration enables MyST syntax the checker does not parse (the one list is
  `cvmbok.document.MYST_EXTENSIONS`) or defines substitutions (Jinja2 on page text);
- the text between `% CVMBoK contribution <id> begin/end` markers breaks the
  contribution markup policy (the same rules as `cvmbok check`, on the merged text),
  or a marker has no partner (a forged or damaged block);
- an insight's doctree holds a `raw` node, a substitution (an evaluated template),
  content or a file from outside the source tree (include, literalinclude, an image
  path that climbs out), or a `javascript:`, `data:` or `vbscript:` URL in any
  attribute, whatever produced it;
- any HTML page's body (the part rendered from the sources, not the theme's
  templates) holds a `<script>` element, an `on...=` event handler or a script URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError, SphinxError

from .document import Document, MYST_EXTENSIONS
from .policy.markup import check_document
from .policy.markup_rules import MARKER

BEGIN = re.compile(r"^%\s*CVMBoK contribution (?P<id>\S+) begin\s*$")
END = re.compile(r"^%\s*CVMBoK contribution (?P<id>\S+) end\s*$")
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
MERGE_SHAPED = frozenset({"markup.heading-level", "markup.heading-style"})
"""Policy rules the merge itself breaks on purpose (it demotes headings by two levels)."""


class GuardError(SphinxError):
    category = "CVMBoK guard (unsafe content from a contribution)"


@dataclass(frozen=True)
class Region:
    """Lines first..last (1-based, inclusive) of a page hold the body of insight `cid`."""

    cid: str
    first: int
    last: int


def insight_regions(text: str) -> tuple[list[Region], list[str]]:
    """The marked insight blocks of a page, and the problems with its markers."""
    regions: list[Region] = []
    problems: list[str] = []
    open_id: str | None = None
    start = 0
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        begin, end = BEGIN.match(stripped), END.match(stripped)
        if begin:
            if open_id is not None:
                problems.append(f"line {number}: a begin marker for {begin.group('id')} inside the block of {open_id}")
            open_id, start = begin.group("id"), number
        elif end:
            if open_id != end.group("id"):
                problems.append(f"line {number}: an end marker for {end.group('id')} with no matching begin marker")
            else:
                regions.append(Region(end.group("id"), start + 1, number - 1))
            open_id = None
        elif MARKER.search(line) and not stripped.startswith("% CVMBoK insights from practice:"):
            problems.append(f"line {number}: text shaped like a merge marker: {stripped[:80]!r}")
    if open_id is not None:
        problems.append(f"line {start}: the block of {open_id} has no end marker")
        regions.append(Region(open_id, start + 1, len(lines)))
    return regions, problems


def policy_problems(page: Path, display: str, text: str, region: Region) -> list[str]:
    """The contribution markup policy over one merged block, positions in page lines."""
    lines = text.split("\n")
    body = "\n".join(lines[region.first - 1 : region.last])
    masked = "\n".join(line if region.first <= number <= region.last else "" for number, line in enumerate(lines, 1))
    document = Document(path=page, display_path=display, text=masked, front_matter=None, front_matter_text="",
                        body=body, body_start=region.first)
    return [
        f"line {f.line}:{f.column}: [{f.rule}] {f.message}"
        for f in check_document(document)
        if f.rule not in MERGE_SHAPED and not (f.rule == "markup.label-not-allowed" and f.match == f"insight-{region.cid}")
    ]


def _record(app: Sphinx, docname: str, problems: list[str]) -> None:
    """Problems are collected per page and reported together once every page is read."""
    if problems:
        found: dict[str, list[str]] = app.env.__dict__.setdefault("cvmbok_guard", {})
        found.setdefault(docname, []).extend(problems)


def check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    text = source[0]
    if "CVMBoK" not in text:
        return
    page = Path(app.env.doc2path(docname))
    regions, problems = insight_regions(text)
    for region in regions:
        problems.extend(f"insight {region.cid}, {p}" for p in policy_problems(page, f"{docname}.md", text, region))
    _record(app, docname, [f"merged contribution text: {p}" for p in problems])


def _outside(path: str, base: Path, srcdir: Path) -> bool:
    if not path or "://" in path:
        return False
    target = (base / path).resolve() if not Path(path).is_absolute() else Path(path).resolve()
    try:
        target.relative_to(srcdir)
    except ValueError:
        return True
    return False


def _script_url(value: str) -> bool:
    squashed = re.sub(r"[\x00-\x20]+", "", value).lower()
    return squashed.startswith(SCRIPT_SCHEMES)


def doctree_problems(doctree: nodes.document, page: Path, srcdir: Path) -> list[str]:
    """What an insight's doctree may never hold, whatever markup produced it; and, on any
    page, raw HTML that carries script (caught here, before a page is written)."""
    problems: list[str] = []
    inside: str | None = None
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.raw) and "html" in str(node.get("format", "")).split():
            scan = _BodyScan()
            scan.feed(node.astext())
            scan.close()
            problems.extend(f"line {node.line or '?'}: raw HTML with script: {p.split(': ', 1)[-1]}" for p in scan.problems)
        if isinstance(node, nodes.comment):
            text = node.astext().strip()
            begin, end = BEGIN.match(f"% {text}"), END.match(f"% {text}")
            inside = begin.group("id") if begin else (None if end else inside)
            continue
        if inside is None:
            continue
        where = f"insight {inside}, line {node.line or '?'}"
        if isinstance(node, nodes.raw):
            problems.append(f"{where}: a raw {node.get('format', '')} node (passes markup straight into the output)")
        if isinstance(node, (nodes.substitution_reference, nodes.substitution_definition)):
            problems.append(f"{where}: a substitution (an evaluated template)")
        origins = {str(node.source or ""), str(node.get("source") or "")} - {"", str(page)}
        for origin in origins:
            if _outside(origin.split(":")[0], page.parent, srcdir):
                problems.append(f"{where}: content read from {origin}, outside the source tree (an include)")
        uri = str(node.get("uri", "")) if isinstance(node, nodes.image) else ""
        if uri and (_outside(uri, page.parent, srcdir) or _outside(uri, srcdir, srcdir)):  # page- or source-relative
            problems.append(f"{where}: an image from {node.get('uri')}, outside the source tree")
        for key, value in node.attributes.items():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and _script_url(item):
                    problems.append(f"{where}: attribute {key}={item[:60]!r} is a script or data URL")
    return problems


def check_doctree(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    page = Path(app.env.doc2path(docname))
    _record(app, docname, [f"doctree: {p}" for p in doctree_problems(doctree, page, Path(app.srcdir).resolve())])


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.__dict__.get("cvmbok_guard", {}).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for docname, problems in other.__dict__.get("cvmbok_guard", {}).items():
        env.__dict__.setdefault("cvmbok_guard", {})[docname] = problems


def report(app: Sphinx, env: BuildEnvironment) -> None:
    """Fail the build, whatever -W says, listing every page with unsafe content."""
    found: dict[str, list[str]] = env.__dict__.get("cvmbok_guard", {})
    if any(found.values()):
        raise GuardError("unsafe content in the book (a contribution merged without `cvmbok check`?):\n"
                         + "\n".join(f"  {docname}.md: {p}" for docname in sorted(found) for p in found[docname]))


class _BodyScan(HTMLParser):
    """Script in rendered page content: elements, event handlers, script URLs."""

    URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "embed", "base"):
            self.problems.append(f"line {self.getpos()[0]} of the rendered body: a <{tag}> element")
        for key, value in attrs:
            if key.startswith("on"):
                self.problems.append(f"line {self.getpos()[0]} of the rendered body: event handler {key}= on <{tag}>")
            elif key in self.URL_ATTRIBUTES and value and _script_url(value):
                self.problems.append(f"line {self.getpos()[0]} of the rendered body: {key}={value[:60]!r} on <{tag}>")


def check_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Every page's own content (body, title, table of contents) carries no script; the theme's templates do."""
    problems: list[str] = []
    for part in ("body", "title", "toc"):
        value = context.get(part)
        if isinstance(value, str) and value:
            scan = _BodyScan()
            scan.feed(value)
            scan.close()
            problems.extend(f"{part}: {p}" for p in scan.problems)
    if problems:
        raise GuardError(f"{pagename}.html: script in the page content:\n  " + "\n  ".join(problems))


def check_config(app: Sphinx, config: Config) -> None:
    """The build parses exactly the syntax the checker parses, and evaluates no templates."""
    enabled = set(config.myst_enable_extensions or ())
    extra = sorted(enabled - set(MYST_EXTENSIONS))
    if extra:
        raise ConfigError(f"myst_enable_extensions enables {', '.join(extra)}, which the contribution checker does not "
                          "parse: take the list from cvmbok.document.MYST_EXTENSIONS")
    if getattr(config, "myst_substitutions", None):
        raise ConfigError("myst_substitutions is set: substitutions evaluate Jinja2 on page text; "
                          "write edition values through the cvmbok extension instead")
    if getattr(config, "myst_fence_as_directive", None):
        raise ConfigError("myst_fence_as_directive turns code blocks into directives the checker does not see")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", check_config, priority=900)
    app.connect("source-read", check_source)
    app.connect("doctree-read", check_doctree)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-updated", report)
    app.connect("html-page-context", check_page, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
