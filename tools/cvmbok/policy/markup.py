"""The markup policy applied to one contribution's tokens (rules in `markup_rules`).

markdown-it gives block tokens a line range but inline tokens no position, so inline
constructs are found again in their block's source lines to report the exact column.
Directive bodies (a note, a table) are parsed again and checked by the same rules;
directive options are read with MyST's own option tokenizer, so the checker sees the
values the build will use. Beyond the tokens: the front-matter title (rendered as
Markdown in headings and navigation), link reference definitions, and two patterns
refused anywhere in the file (merge markers, template syntax).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
import textwrap
from functools import lru_cache
from urllib.parse import unquote

from markdown_it.token import Token
from myst_parser.parsers.options import TokenizeError, options_to_tokens

from ..document import Document, markdown_parser
from ..findings import Finding, Severity
from . import markup_rules as rules
from .yamlpos import locate

VALUE_RULES = frozenset({"markup.unsafe-link", "markup.local-link", "markup.option-value"})
"""Option findings about the value (reported at the value's column) rather than the option itself."""
_DIRECTIVE = re.compile(r"^\{(?P<name>[^}\s]+)\}\s*(?P<argument>.*)$")
WINDOW = 2_000
"""How far past its first character an inline construct's target is looked for (see `_Scanner._find`)."""


class _Scanner:
    def __init__(self, document: Document, terms: frozenset[str] | None = None,
                 labels: frozenset[str] | None = None) -> None:
        self.terms = terms
        self.labels = labels
        self.document = document
        self.text = document.text
        self.lines = document.text.split("\n")
        self.starts = list(itertools.accumulate((len(line) + 1 for line in self.lines[:-1]), initial=0))
        """File offset of each line's first character (line n at index n - 1)."""
        self.images: dict[str, rules.Violation | None] = {}
        self.missing: dict[tuple[str, int], int] = {}
        """(anchor, block end) -> a start from which the anchor was not found before the end."""
        self.base = document.path.parent
        self.findings: list[Finding] = []
        self.previous_heading = 1

    # -- positions ------------------------------------------------------------------
    def _offset(self, line: int, column: int) -> int:
        return self.starts[min(max(line, 1), len(self.starts)) - 1] + column - 1

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def _find(self, first: int, last: int, needle: str, cursor: tuple[int, int],
              anchor: str) -> tuple[tuple[int, int], tuple[int, int]]:
        """(where to report, the new cursor) for an inline construct of file lines first..last.

        The construct starts at the next `anchor` at or after `cursor` ('[' for a link, '<'
        for HTML ...); its `needle` (the target, the tag) is looked for only within `WINDOW`
        characters of that, because a needle can be missing from the source (a normalized
        link target, a reference-style link) and searching the rest of a long paragraph for
        each one was quadratic. Without the needle the anchor is reported; without even the
        anchor, the block's first line, and the cursor stays where it was.
        """
        start = max(self._offset(*cursor), self._offset(first, 1))
        end = self._offset(last + 1, 1) if last < len(self.starts) else len(self.text)
        if self.missing.get((anchor, end), end + 1) <= start:
            return (first, 1), cursor  # no anchor after an earlier start, so none after this one
        at = self.text.find(anchor, start, end)
        if at < 0:
            self.missing[(anchor, end)] = start
            return (first, 1), cursor
        found = self.text.find(needle, at, min(end, at + WINDOW + len(needle))) if needle else -1
        position = self._position(found if found >= 0 else at)
        return position, (position[0], position[1] + 1)

    def _image_violation(self, target: str) -> rules.Violation | None:
        """`rules.image_violation` once per distinct target: it asks the file system, and a
        page can show the same picture (or the same missing one) thousands of times."""
        if target not in self.images:
            self.images[target] = rules.image_violation(target, self.base)
        return self.images[target]

    def add(self, line: int, column: int, violation: rules.Violation, match: str = "") -> None:
        self.findings.append(Finding(self.document.display_path, line, column, violation.rule, Severity.ERROR,
                                     violation.message, violation.fix, match))

    # -- walking --------------------------------------------------------------------
    def scan(self, tokens: list[Token], offset: int) -> None:
        """Check `tokens`, whose `map` lines are relative to file line `offset`."""
        for index, token in enumerate(tokens):
            first = (token.map[0] if token.map else 0) + offset
            last = max((token.map[1] if token.map else 1) + offset - 1, first)
            if token.type not in rules.KNOWN_TOKENS:
                self.add(first, 1, rules.unknown_syntax(token.type), token.markup or token.type)
            elif token.type == "html_block":
                column = self.lines[first - 1].find("<") + 1 if first <= len(self.lines) else 1
                self.add(first, max(column, 1), rules.RAW_HTML, token.content.strip().split("\n")[0][:60])
            elif token.type in ("fence", "colon_fence"):
                self._directive(token, first, last)
            elif token.type == "myst_target":
                self.add(first, 1, rules.LABEL, token.content)
            elif token.type == "heading_open":
                level = int(token.tag[1])
                violation = rules.heading_violation(level, self.previous_heading, token.markup in ("=", "-"))
                if violation:
                    self.add(first, 1, violation, self.lines[first - 1] if first <= len(self.lines) else "")
                self.previous_heading = level
            elif token.type == "footnote_reference_open":
                self._footnote_label(str(token.meta.get("label", "")), first, last, (first, 1))
            elif token.type == "inline" and token.children:
                self._inline(token.children, first, last)

    def _directive(self, token: Token, first: int, last: int) -> None:
        match = _DIRECTIVE.match(token.info.strip())
        if not match:
            return  # an ordinary code block: shown as text, never run
        name, argument = match.group("name"), match.group("argument").strip()
        fence_line = self.lines[first - 1] if first <= len(self.lines) else ""
        column = fence_line.find("{") + 1 or 1
        violation = rules.directive_violation(name)
        if violation:
            self.add(first, column, violation, "{" + name + "}")
            return
        if name == "figure":
            image = self._image_violation(argument)
            if image:
                self.add(first, fence_line.find(argument) + 1 if argument else 1, image, argument)
        elif argument:
            self._inline(markdown_parser().parseInline(argument)[0].children or [], first, first)
        options, content, skipped, problem = directive_options(token.content)
        if problem is not None:
            self.add(first + 1, 1, rules.Violation(
                "markup.option-value", f"the options of {{{name}}} cannot be read: {problem}",
                "write one ':key: value' per line right after the directive line"))
        for key, value, line_offset in options:
            violation = rules.option_violation(name, key, value)
            if violation:
                line = first + 1 + line_offset
                text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
                at = text.find(key)
                if violation.rule in VALUE_RULES and value.strip() and text.find(value.strip(), at + len(key)) >= 0:
                    at = text.find(value.strip(), at + len(key))  # a bad value: point at the value, not the key
                self.add(line, at + 1 or 1, violation, f":{key}: {value}".strip())
        if name in rules.BODY_DIRECTIVES or name == "figure":
            saved = self.previous_heading
            self.scan(parse_body(content), first + 1 + skipped)
            self.previous_heading = saved

    def _footnote_label(self, label: str, first: int, last: int, cursor: tuple[int, int]) -> tuple[int, int]:
        (line, column), cursor = self._find(first, last, f"[^{label}]", cursor, "[^")
        if not rules.FOOTNOTE_LABEL.match(label):
            self.add(line, column, rules.FOOTNOTE_LABEL_VIOLATION, label)
        return cursor

    def _inline(self, children: list[Token], first: int, last: int) -> None:
        cursor = (first, 1)
        for child in children:
            if child.type not in rules.KNOWN_TOKENS:
                self.add(cursor[0], 1, rules.unknown_syntax(child.type), child.markup or child.type)
            elif child.type == "html_inline":
                (line, column), cursor = self._find(first, last, child.content, cursor, "<")
                self.add(line, column, rules.RAW_HTML, child.content)
            elif child.type == "myst_role":
                name = str(child.meta.get("name", ""))
                (line, column), cursor = self._find(first, last, "{" + name + "}", cursor, "{")
                violation = rules.role_violation(name)
                if violation:
                    self.add(line, column, violation, "{" + name + "}")
                elif name == "math":
                    math = rules.math_violation(child.content)
                    if math:
                        self.add(line, column, math, child.content[:60])
                elif name == "term" and self.terms is not None:
                    target = _role_target(child.content)
                    if target.casefold() not in self.terms:
                        self.add(line, column, rules.Violation(
                            "markup.unknown-term",
                            f"{{term}} '{target}' is not in the book's glossary, so the link would break the build",
                            "use a term from the glossary (styles/terms.yml), or write the word as plain text"), target)
                elif name == "ref" and self.labels is not None:
                    target = _role_target(child.content)
                    if target not in self.labels:
                        self.add(line, column, rules.Violation(
                            "markup.unknown-ref",
                            f"{{ref}} '{target}' names no label in the book, so the link would break the build",
                            "link a label written as '(label)=' in source/, or insight-<id> of a merged contribution"), target)
            elif child.type == "footnote_ref":
                cursor = self._footnote_label(str(child.meta.get("label", "")), first, last, cursor)
            elif child.type == "image":
                src = unquote(str(child.attrs.get("src", "")))
                (line, column), cursor = self._find(first, last, src, cursor, "![")
                violation = self._image_violation(src)
                if violation:
                    self.add(line, column, violation, src)
            elif child.type == "link_open":
                href = unquote(str(child.attrs.get("href", "")))
                anchor = "<" if child.markup == "autolink" else "["
                (line, column), cursor = self._find(first, last, href, cursor, anchor)
                violation = rules.link_violation(href)
                if violation:
                    self.add(line, column, violation, href)
            if child.children:
                self._inline(child.children, cursor[0], last)


@lru_cache(maxsize=256)
def parse_body(content: str) -> list[Token]:
    """A directive body's tokens. Cached, because the markup and images families both read
    every body and a page often repeats the same one (a note saying the same thing); the
    tokens are only read, never changed."""
    return markdown_parser().parse(content)


def _role_target(content: str) -> str:
    """`text <target>` -> target; `target` -> target (MyST's explicit-title syntax)."""
    match = re.match(r"^.*<(?P<target>[^<>]+)>\s*$", content, re.DOTALL)
    return (match.group("target") if match else content).strip()


def directive_options(content: str) -> tuple[list[tuple[str, str, int]], str, int, str | None]:
    """A directive's options as MyST reads them (the same block rules and option tokenizer).

    Returns ([(key, value, 0-based line within `content`)], the body, lines before the
    body, a problem when the options cannot be read). Both forms are understood: leading
    ':key: value' lines, and a block between '---' lines.
    """
    lines = content.split("\n")
    block: list[str] = []
    first_offset, skipped = 0, 0
    if content.startswith("---"):
        first_offset = 1
        for index in range(1, len(lines)):
            if lines[index].startswith("---"):
                block, skipped = lines[1:index], index + 1
                if lines[index].lstrip("-").strip():
                    return [], "\n".join(lines[index:]), index, "text after the closing '---'"
                break
        else:
            block, skipped = lines[1:], len(lines)
    elif content.lstrip().startswith(":"):
        while skipped < len(lines) and lines[skipped].lstrip().startswith(":") \
                and not lines[skipped].lstrip().startswith(":::"):
            block.append(lines[skipped].lstrip()[1:])
            skipped += 1
    body = "\n".join(lines[skipped:])
    if not block:
        return [], body, skipped, None
    try:
        tokens, _ = options_to_tokens(textwrap.dedent("\n".join(block)))
    except TokenizeError as exc:
        return [], body, skipped, exc.problem or "invalid option syntax"
    options = [(str(key.value), str(value.value) if value is not None else "", first_offset + key.start.line)
               for key, value in tokens]
    return options, body, skipped, None


def _text_rules(document: Document) -> list[Finding]:
    """Markers and template syntax anywhere in the file: front matter, text and code alike."""
    found = []
    for number, line in enumerate(document.text.split("\n"), 1):
        for pattern, violation in ((rules.MARKER, rules.FORGED_MARKER), (rules.TEMPLATE, rules.TEMPLATE_SYNTAX)):
            match = pattern.search(line)
            if match:
                found.append(Finding(document.display_path, number, match.start() + 1, violation.rule, Severity.ERROR,
                                     violation.message, violation.fix, match.group(0)))
    return found


def _title_findings(document: Document) -> list[Finding]:
    """The front-matter title is rendered as Markdown in the heading and the navigation: plain text only."""
    title = (document.front_matter or {}).get("title")
    if not isinstance(title, str) or not title.strip():
        return []
    line, column = locate(document.front_matter_positions, ("title",), False)
    found = []
    seen: set[str] = set()

    def walk(children: list[Token]) -> None:
        for child in children:
            if child.type in ("html_inline", "myst_role", "link_open", "image", "footnote_ref") and child.type not in seen:
                seen.add(child.type)
                violation = rules.title_violation(child.type)
                found.append(Finding(document.display_path, line, column, violation.rule, Severity.ERROR,
                                     violation.message, violation.fix, title[:60]))
            walk(child.children or [])

    for block in markdown_parser().parse(title):
        if block.type == "inline":
            walk(block.children or [])
        elif block.type not in ("paragraph_open", "paragraph_close"):
            violation = rules.title_violation("block markup (a list, heading or quote)")
            found.append(Finding(document.display_path, line, column, violation.rule, Severity.ERROR,
                                 violation.message, violation.fix, title[:60]))
            break
    return found


def _reference_findings(document: Document) -> list[Finding]:
    """Link reference definitions ('[label]: target'), used or not, follow the link rules."""
    found = []
    for reference in document.references.values():  # none when unparsed (too deep or too dense)
        href = unquote(str(reference.get("href", "")))
        violation = rules.link_violation(href)
        if violation:
            line = (reference.get("map") or [0])[0] + document.body_start
            text = document.lines[line - 1] if 0 < line <= len(document.lines) else ""
            found.append(Finding(document.display_path, line, (text.find(href) + 1) or 1, violation.rule,
                                 Severity.ERROR, violation.message, violation.fix, href))
    return found


def _placeholder_findings(document: Document, placeholders: frozenset[str]) -> list[Finding]:
    """Paragraphs left as the template wrote them: guidance, not the contributor's text."""
    found = []
    for line, text in rules.text_blocks(document.body):
        if text in placeholders:
            number = line + document.body_start - 1
            found.append(Finding(document.display_path, number, 1, rules.PLACEHOLDER.rule, Severity.ERROR,
                                 rules.PLACEHOLDER.message, rules.PLACEHOLDER.fix, text[:60]))
    return found


FENCE_LIKE = re.compile(r"^\s*[-\u2012-\u2015\u2212]{2,}\s*$")
"""A line meant as a front-matter fence: dashes of any kind and number (`--`, `----`, `——`)."""


def contribution_body(document: Document) -> Document | None:
    """The part of a contribution the markup rules should read.

    With a broken front matter fence the whole file is body, and every YAML comment
    (`# ...`) would become a bogus heading error; the schema check already reports the
    fence once. So the body starts after the first fence-like line below line 1, and
    when there is none nothing is read (None)."""
    if document.front_matter_text or document.body_start != 1:
        return document
    lines = document.text.split("\n")
    for index in range(1, len(lines)):
        if FENCE_LIKE.match(lines[index]):
            return dataclasses.replace(document, body="\n".join(lines[index + 1:]), body_start=index + 2)
    return None


def check_document(document: Document, terms: frozenset[str] | None = None,
                   labels: frozenset[str] | None = None,
                   placeholders: frozenset[str] = frozenset()) -> list[Finding]:
    scanner = _Scanner(document, terms, labels)
    scanner.scan(document.tokens, document.body_start)
    found = scanner.findings + _text_rules(document) + _title_findings(document)
    found += _placeholder_findings(document, placeholders)
    known = {(f.line, f.column, f.rule) for f in found}
    found += [f for f in _reference_findings(document) if (f.line, f.column, f.rule) not in known]
    return sorted(found, key=lambda f: (f.line, f.column))


def image_targets(document: Document) -> list[str]:
    """Every image a contribution shows (Markdown images and figure arguments), for merge to copy."""
    found: list[str] = []

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            if token.type in ("fence", "colon_fence"):
                match = _DIRECTIVE.match(token.info.strip())
                if match and match.group("name") == "figure":
                    found.append(match.group("argument").strip())
                if match and match.group("name") in rules.BODY_DIRECTIVES | {"figure"}:
                    walk(parse_body(directive_options(token.content)[1]))
            for child in token.children or []:
                if child.type == "image":
                    found.append(unquote(str(child.attrs.get("src", ""))))
    walk(document.tokens)
    return [t for t in found if t]
