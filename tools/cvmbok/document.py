"""Read one Markdown file safely into a `Document`: text, front matter and tokens with source lines.

Everything that can go wrong with an input file (too large, not UTF-8, broken YAML)
becomes a `Finding` here, so no check ever sees bytes it cannot handle and no
command ever prints a traceback for a bad file.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from . import strict_yaml
from .findings import Finding, Severity

MAX_BYTES = 1024 * 1024
"""Largest Markdown file accepted (1 MiB, issue 15): about thirty times the longest page of
the book (kpis.md, 34 KB). A contribution is a few pages; above this it is a mistake.
bench/bench_faults.py times every check family on adversarial files of this size."""


@dataclass(frozen=True)
class Document:
    """One Markdown file, decoded, with its front matter split off and parsed.

    `body_start` is the 1-based line number of the first body line, so a token's
    `map[0]` (0-based, relative to the body) is at file line `map[0] + body_start`.
    """

    path: Path
    display_path: str
    text: str
    front_matter: dict[str, Any] | None
    front_matter_text: str
    body: str
    body_start: int
    front_matter_positions: strict_yaml.Positions = field(default_factory=dict)
    """Where each front-matter key path is written (1-based file line and column), from the
    same composition that gave `front_matter`, so no check parses the YAML again."""
    too_deep: bool = False
    """The body nests beyond `MAX_NESTING` (a finding says where): it has no tokens and
    no parser (Vale included) is given it."""
    too_dense: bool = False
    """The body holds more markup than `MAX_TOKENS` allows (see `markup_density`): like a
    body that nests too deeply, it has no tokens and no parser (Vale included) is given it."""

    @property
    def unparsed(self) -> bool:
        """A limit refused the body (nesting or density, each with its finding): no parser reads it."""
        return self.too_deep or self.too_dense

    @cached_property
    def _parsed(self) -> tuple[list[Token], dict[str, Any]]:
        """The body's tokens and markdown-it's environment, from ONE parse on first use: the
        name and term checks read the raw text and never need them, and every family that
        does (markup, images, the link definitions) shares this one parse of up to 1 MiB."""
        if self.unparsed:
            return [], {}
        env: dict[str, Any] = {}
        return markdown_parser().parse(self.body, env), env

    @property
    def tokens(self) -> list[Token]:
        """markdown-it tokens of the body (empty when it nests too deeply or is too dense)."""
        return self._parsed[0]

    @property
    def references(self) -> dict[str, dict[str, Any]]:
        """Link reference definitions ('[label]: target') by normalized label, used or not."""
        return dict(self._parsed[1].get("references", {}))

    @cached_property
    def lines(self) -> list[str]:
        """The file's lines, split once (checks index them per finding)."""
        return self.text.splitlines()

    def token_line(self, token: Token) -> int:
        """1-based file line of a block token (first line of the body when unmapped)."""
        return (token.map[0] if token.map else 0) + self.body_start

    def front_matter_key_line(self, key: str) -> int:
        """1-based file line where a top-level front matter key is written (1 if absent)."""
        for offset, line in enumerate(self.front_matter_text.splitlines()):
            if line.startswith(f"{key}:"):
                return offset + 2  # +1 for the opening '---', +1 for 1-based
        return 1


@dataclass(frozen=True)
class LoadResult:
    document: Document | None
    findings: list[Finding]


MYST_EXTENSIONS: tuple[str, ...] = ("colon_fence", "deflist", "fieldlist")
"""The MyST syntax extensions of the book, the one list: conf.py's `myst_enable_extensions`
and the checker's parser are both made from it, so the checker sees exactly what the
build renders. Left out on purpose: `substitution` (evaluates Jinja2 with the build's
environment in scope: code execution on the build machine), `attrs_inline`/`attrs_block`
(ids and classes the book never needs), `dollarmath`/`amsmath` (write {math} instead),
`linkify` (turns text into links nobody checked)."""


def myst_config() -> MdParserConfig:
    """The MyST parser settings the build uses (conf.py sets nothing else that changes parsing)."""
    return MdParserConfig(enable_extensions=set(MYST_EXTENSIONS))


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """MyST's own markdown-it parser, configured as the build configures it.

    Built by `myst_parser.parsers.mdit.create_md_parser`, the function the Sphinx build
    calls, so no plugin list here can drift from the build's. Only the front matter rule
    is switched off: a document's front matter is split off before parsing, and a
    contribution body is merged into the middle of a page, where a second '---' block is
    ordinary Markdown (so the checker must see what is in it).
    """
    md = create_md_parser(myst_config(), RendererHTML)
    md.disable("front_matter")
    md.inline.ruler.at("myst_role", myst_role)
    return md


_ROLE_NAME = re.compile(r"\{([a-zA-Z0-9_\-+:]+)\}")


def myst_role(state: StateInline, silent: bool) -> bool:
    """`{name}`content``: mdit_py_plugins' `myst_role` rule (0.7.0), the same tokens in linear time.

    The plugin slices `state.src[state.pos:]` (a copy of the rest of the paragraph) at every
    place the inline parser stops, so a paragraph dense with `*`, `[` or backticks took
    quadratic time (minutes for 1 MB). This reads the same characters in place; every
    branch matches the plugin's, and tests/test_core.py compares both on such text.
    """
    src = state.src
    if not src.startswith("{", state.pos):
        return False
    match = _ROLE_NAME.match(src, state.pos)
    if match is None:
        return False
    start = pos = match.end()
    while pos < len(src) and src[pos] == "`":
        pos += 1
    if pos == len(src):
        return False  # the plugin stops at the end of the text as well (an IndexError there)
    ticks = pos - start
    if not ticks:
        return False
    closing = src.find("`" * ticks, pos + 1)
    if closing < 0:
        return False
    if not silent:
        token = state.push("myst_role", "", 0)
        token.meta = {"name": match.group(1)}
        token.content = src[pos:closing].replace("\n", " ")
    state.pos = closing + ticks
    return True


BOM = "\ufeff"


def strip_bom(text: str) -> str:
    """`text` without a leading UTF-8 byte-order mark: the one place every reader of a
    Markdown file drops it (editors on Windows add one), so the front matter's '---' is
    the first line for every command alike."""
    return text[1:] if text.startswith(BOM) else text


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, body, 1-based line of the body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return None, text, 1  # unterminated: treated as body; the schema check reports it


def _finding(display: str, line: int, column: int, rule: str, message: str, fix: str) -> Finding:
    return Finding(display, line, column, rule, Severity.ERROR, message, fix)


MAX_NESTING = 30
"""Deepest nesting accepted (lists, quotes, directives, front matter): real pages nest a
few levels; beyond this the parsers (and Vale) slow down or recurse without end."""
MAX_INDENT = 200
_CONTAINER = re.compile(r"[ \t]{0,3}(?:[-+*]|\d{1,9}[.)]|>)(?:[ \t]+|$)")
_OPEN_DIRECTIVE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|:{3,})[ \t]*\{")
_CLOSE_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|:{3,})[ \t]*$")
_FLOW = re.compile(r"[\[\]{}]")
_SQUARE = re.compile(r"[\[\]]")


def _markers_at_start(line: str) -> int:
    count, position = 0, 0
    while count <= MAX_NESTING:
        match = _CONTAINER.match(line, position)
        if match is None or match.end() == position:
            break
        count += 1
        position = match.end()
    return count


def body_nesting(body: str) -> tuple[int, str] | None:
    """(0-based line, what) of the first place `body` nests deeper than MAX_NESTING, or None.

    One pass, linear in the text, so the check itself cannot be the slow part."""
    depth = 0
    brackets = 0  # '[' still open in this paragraph: markdown-it scans ahead from each one
    for index, line in enumerate(body.split("\n")):
        if not line.strip():
            brackets = 0
        for bracket in _SQUARE.findall(line):
            brackets = brackets + 1 if bracket == "[" else max(0, brackets - 1)
            if brackets > MAX_NESTING:
                return index, f"more than {MAX_NESTING} '[' open at once"
        if _markers_at_start(line) > MAX_NESTING:
            return index, f"more than {MAX_NESTING} list or quote markers in a row"
        indent = len(line) - len(line.lstrip(" \t"))
        if indent > MAX_INDENT and line.strip():
            return index, f"indented by {indent} characters (at most {MAX_INDENT})"
        if _OPEN_DIRECTIVE.match(line):
            depth += 1
            if depth > MAX_NESTING:
                return index, f"more than {MAX_NESTING} directives inside each other"
        elif depth and _CLOSE_FENCE.match(line):
            depth -= 1
    return None


def yaml_nesting(text: str) -> tuple[int, int] | None:
    """(0-based line, depth) where front matter YAML nests deeper than MAX_NESTING, or None.

    Counted before PyYAML sees the text: its composer recurses once per level."""
    depth = 0
    for index, line in enumerate(text.split("\n")):
        indent = len(line) - len(line.lstrip(" "))
        if indent > 2 * MAX_NESTING and line.strip():
            return index, indent // 2
        for bracket in _FLOW.findall(line):
            depth = depth + 1 if bracket in "[{" else max(0, depth - 1)
            if depth > MAX_NESTING:
                return index, depth
    return None


MAX_TOKENS = 120_000
"""Most parser tokens (as `Density.tokens` estimates them) a body may make. The Python
parser and the markup scan cost 10-40 us per estimated token, field lists the most, so
at this limit every family stays under 5 s on a 1 MiB file (issue 15; bench/bench_faults.py
times each kind of markup at 95% of it). The book's own prose, concatenated to 1 MiB,
comes to about 99,000: a file may be a fifth denser than the book is."""
_NON_BLANK = re.compile(r"^[ \t]*\S", re.MULTILINE)
_BLOCK_START = re.compile(r"^[ \t]*(?:[#|>\-+*:`~\[<%(=_]|\d{1,9}[.)])", re.MULTILINE)
"""A line that may open a block: heading, table row, quote, list item, field or definition,
fence, footnote or reference, HTML, comment, target, setext underline."""
_FIELD = re.compile(r"^[ \t]*:[^:\s][^:\n]*:(?:[ \t]|$)", re.MULTILINE)
_TABLE_DELIMITER = re.compile(r"^(?=[^\n]*\|)(?=[^\n]*-)[ \t|:-]+$", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")


@dataclass(frozen=True)
class Density:
    """What makes a body expensive to parse, counted without parsing it."""

    lines: int
    """Every line, blank or not: the parser and the checks walk each one (a quarter of a token)."""
    text_lines: int
    """Lines with text: each is a text token and a line break at least."""
    blocks: int
    """Lines that may open a block (each an open, an inline and a close token)."""
    fields: int
    """Block starts that open a field (`:name: text`): the field-list plugin reads each line
    several times over, so a field costs about twice a list item."""
    marks: int
    """Characters where the inline parser stops to try every inline rule (`*`, `_`, `` ` ``,
    `[`, `<`, `{`, `:` ...): the parser's own terminator set, so it cannot drift."""
    links: int
    """`[` and `<`, which may open a link, an image or an autolink: its target is normalized
    and validated, the dearest inline work (counted here and among the `marks`)."""
    cells: int
    """Table cells, header to last row: markdown-it fills every row to the header's width."""

    @property
    def tokens(self) -> int:
        """About how many tokens the parse makes, weighted so that each kind of markup costs
        about the same time per estimated token (10-40 us measured, on every kind of input)."""
        return (self.lines // 4 + 2 * self.text_lines + 3 * self.blocks + 6 * self.fields + self.marks
                + 3 * self.links + 3 * self.cells)


def _table_cells(body: str) -> int:
    """Cells of every table: (rows, header included) x (columns of its delimiter row)."""
    cells, position = 0, 0
    while (delimiter := _TABLE_DELIMITER.search(body, position)) is not None:
        header = body.rfind("\n", 0, max(delimiter.start() - 1, 0)) + 1
        blank = _BLANK_LINE.search(body, delimiter.end())
        end = blank.start() if blank else len(body)
        cells += (body.count("\n", header, end) + 1) * (delimiter.group().count("|") + 1)
        position = max(end, delimiter.end() + 1)
    return cells


def markup_density(body: str) -> Density:
    """The counts of `Density` for `body`: a few regular-expression passes, linear in the text,
    so the limit is checked before any parser could be slow on it."""
    marks = markdown_parser().inline.terminator_re.subn("", body)[1] - body.count("\n")
    return Density(lines=body.count("\n") + 1, text_lines=len(_NON_BLANK.findall(body)),
                   blocks=len(_BLOCK_START.findall(body)), fields=len(_FIELD.findall(body)),
                   marks=marks, links=body.count("[") + body.count("<"), cells=_table_cells(body))


def _too_dense(display_path: str, line: int, density: Density) -> Finding:
    return _finding(display_path, line, 1, "file.too-dense",
                    f"the Markdown is too dense to check in good time: {density.lines:,} lines "
                    f"({density.text_lines:,} with text), "
                    f"{density.blocks:,} block starts ({density.fields:,} of them fields), "
                    f"{density.marks:,} markup characters "
                    f"({density.links:,} of them '[' or '<') and {density.cells:,} table cells "
                    f"make about {density.tokens:,} parser tokens, "
                    f"where at most {MAX_TOKENS:,} are read; it is not parsed",
                    "split the insight into smaller ones, or remove markup "
                    "(long tables and lists, emphasis or links on every other word, very short lines)")


def parse_text(path: Path, display_path: str, text: str) -> LoadResult:
    """Parse already-decoded text. Pure: used by `load_document` and by tests."""
    findings: list[Finding] = []
    text = strip_bom(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    fm_text, body, body_start = split_front_matter(text)
    fm_positions: strict_yaml.Positions = {}
    front_matter: dict[str, Any] | None = None
    deep_yaml = yaml_nesting(fm_text) if fm_text is not None else None
    if deep_yaml is not None:
        findings.append(_finding(display_path, deep_yaml[0] + 2, 1, "schema.yaml-depth",
                                 f"front matter nests {deep_yaml[1]} levels deep; at most {MAX_NESTING} are read",
                                 "write one 'key: value' per line; front matter needs no deep nesting"))
    elif fm_text is not None:
        try:
            result = strict_yaml.read(fm_text, first_line=2) if fm_text.strip() else strict_yaml.Loaded({}, [], {})
            loaded, problems, fm_positions = result.value, result.problems, result.positions
            findings.extend(_finding(display_path, p.line + 2, p.column + 1, p.rule, p.message, p.fix) for p in problems)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = (mark.line + 2) if mark is not None else 2
            column = (mark.column + 1) if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            findings.append(
                _finding(
                    display_path, line, column, "schema.yaml",
                    f"front matter is not valid YAML: {problem}",
                    "fix the YAML between the two '---' lines (quote values that contain ':' or '#')",
                )
            )
            loaded = None
        except ValueError as exc:  # a well-formed but impossible value, e.g. the date 2026-13-01
            findings.append(
                _finding(
                    display_path, 2, 1, "schema.yaml",
                    f"front matter holds an impossible value: {exc}",
                    "correct the value (dates are written YYYY-MM-DD)",
                )
            )
            loaded = None
        if loaded is not None and not isinstance(loaded, dict):
            findings.append(
                _finding(
                    display_path, 2, 1, "schema.yaml",
                    f"front matter must be a mapping of keys to values, not {type(loaded).__name__}",
                    "write one 'key: value' per line between the '---' lines",
                )
            )
            loaded = None
        front_matter = loaded
    deep = body_nesting(body)
    if deep is not None:
        findings.append(_finding(display_path, deep[0] + body_start, 1, "markup.too-deep",
                                 f"the Markdown nests too deeply: {deep[1]}; it is not parsed",
                                 "flatten the lists, quotes or directives"))
    density = markup_density(body) if deep is None else None  # one refusal per file is enough
    dense = density is not None and density.tokens > MAX_TOKENS
    if density is not None and dense:
        findings.append(_too_dense(display_path, body_start, density))
    document = Document(
        path=path,
        display_path=display_path,
        text=text,
        front_matter=front_matter,
        front_matter_text=fm_text or "",
        front_matter_positions=fm_positions,
        body=body,
        body_start=body_start,
        too_deep=deep is not None,
        too_dense=dense,
    )
    return LoadResult(document, findings)


def _unreadable(display: str, reason: str) -> LoadResult:
    return LoadResult(None, [_finding(display, 1, 1, "file.unreadable", f"cannot read the file: {reason}",
                                      "check the path and its permissions")])


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def read_limited(path: Path, max_bytes: int) -> bytes | str:
    """The bytes of the regular file `path`, or why they cannot be used (a sentence).

    The one place files are read: only regular files (a pipe would hang, a link to
    /dev/zero would never end), never more than `max_bytes` + 1 bytes.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        return str(exc.strerror or exc)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
            return f"it is {kind}, not a regular file"
        if info.st_size > max_bytes:
            return f"size:{info.st_size}"
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            return f"size:{total}"
        return b"".join(chunks)
    except OSError as exc:
        return str(exc.strerror or exc)
    finally:
        os.close(fd)


def _outside(path: Path, inside: Path | None) -> Path | None:
    """Where `path` really is, when that is outside `inside` (a symbolic link out of the repository)."""
    if inside is None:
        return None
    try:
        Path(os.path.abspath(path)).relative_to(inside.resolve())  # named inside the repository ...
    except ValueError:
        return None  # a file elsewhere, named as itself: checked like any other file
    try:
        real = path.resolve()  # ... but really somewhere else
        real.relative_to(inside.resolve())
        return None
    except ValueError:
        return real
    except OSError:
        return None


def load_document(path: Path, display_path: str | None = None, max_bytes: int = MAX_BYTES,
                  inside: Path | None = None) -> LoadResult:
    """Read `path` from disk and parse it; every failure is a finding, never an exception.

    With `inside` (the repository root), a file that resolves outside it (a symbolic
    link) is an error rather than silently checked under other rules.
    """
    display = display_path or str(path)
    real = _outside(path, inside)
    if real is not None:
        return LoadResult(None, [_finding(display, 1, 1, "file.outside",
                                          f"is a symbolic link to {real}, outside the repository",
                                          "copy the file into the repository instead of linking to it")])
    raw = read_limited(path, max_bytes)
    if isinstance(raw, str):
        if raw.startswith("size:"):
            return LoadResult(
                None,
                [_finding(display, 1, 1, "file.too-large",
                          f"file is {int(raw[5:]):,} bytes or more; the limit is {max_bytes:,}",
                          "split the contribution into smaller insights, or remove embedded data")],
            )
        if raw.startswith("it is "):
            return LoadResult(None, [_finding(display, 1, 1, "file.not-regular", f"cannot read the file: {raw}",
                                              "name a Markdown file (a pipe or device is never read)")])
        return _unreadable(display, raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return LoadResult(
            None,
            [_finding(display, line, column, "file.encoding",
                      f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                      "save the file as UTF-8 in your editor")],
        )
    text = strip_bom(text)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return LoadResult(None, [_finding(display, line, 1, "file.binary", "file contains a NUL byte: it is not a text file", "save the contribution as plain UTF-8 Markdown")])
    return parse_text(path, display, text)
