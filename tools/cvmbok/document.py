"""Read one Markdown file safely into a `Document`: text, front matter and tokens with source lines.

Everything that can go wrong with an input file (too large, not UTF-8, broken YAML)
becomes a `Finding` here, so no check ever sees bytes it cannot handle and no
command ever prints a traceback for a bad file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from . import strict_yaml
from .findings import Finding, Severity

MAX_BYTES = 1024 * 1024
"""Largest Markdown file accepted. A contribution is a few pages; anything larger is a mistake."""


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

    @cached_property
    def tokens(self) -> list[Token]:
        """markdown-it tokens of the body, parsed on first use (the name and term checks
        read the raw text and never need them)."""
        return markdown_parser().parse(self.body)

    @property
    def lines(self) -> list[str]:
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
    return md


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


def parse_text(path: Path, display_path: str, text: str) -> LoadResult:
    """Parse already-decoded text. Pure: used by `load_document` and by tests."""
    findings: list[Finding] = []
    text = strip_bom(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    fm_text, body, body_start = split_front_matter(text)
    front_matter: dict[str, Any] | None = None
    if fm_text is not None:
        try:
            loaded, problems = strict_yaml.load(fm_text) if fm_text.strip() else ({}, [])
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
    document = Document(
        path=path,
        display_path=display_path,
        text=text,
        front_matter=front_matter,
        front_matter_text=fm_text or "",
        body=body,
        body_start=body_start,
    )
    return LoadResult(document, findings)


def load_document(path: Path, display_path: str | None = None, max_bytes: int = MAX_BYTES) -> LoadResult:
    """Read `path` from disk and parse it; every failure is a finding, never an exception."""
    display = display_path or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return LoadResult(None, [_finding(display, 1, 1, "file.unreadable", f"cannot read the file: {exc.strerror}", "check the path and its permissions")])
    if size > max_bytes:
        return LoadResult(
            None,
            [_finding(display, 1, 1, "file.too-large",
                      f"file is {size:,} bytes; the limit is {max_bytes:,}",
                      "split the contribution into smaller insights, or remove embedded data")],
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return LoadResult(None, [_finding(display, 1, 1, "file.unreadable", f"cannot read the file: {exc.strerror}", "check the path and its permissions")])
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
