"""The markup policy applied to one contribution's tokens (rules in `markup_rules`).

markdown-it gives block tokens a line range but inline tokens no position, so inline
constructs are found again in their block's source lines to report the exact column.
Directive bodies (a note, a table) are parsed again and checked by the same rules.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from markdown_it.token import Token

from ..document import Document, markdown_parser
from ..findings import Finding, Severity
from . import markup_rules as rules

_DIRECTIVE = re.compile(r"^\{(?P<name>[^}\s]+)\}\s*(?P<argument>.*)$")


class _Scanner:
    def __init__(self, document: Document, terms: frozenset[str] | None = None,
                 labels: frozenset[str] | None = None) -> None:
        self.terms = terms
        self.labels = labels
        self.document = document
        self.lines = document.text.split("\n")
        self.base = document.path.parent
        self.findings: list[Finding] = []
        self.previous_heading = 1

    # -- positions ------------------------------------------------------------------
    def _find(self, first: int, last: int, needle: str, cursor: tuple[int, int]) -> tuple[int, int]:
        """First occurrence of `needle` in file lines first..last at or after `cursor` (1-based)."""
        start_line, start_col = cursor
        for line in range(max(first, start_line), last + 1):
            text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            offset = (start_col - 1) if line == start_line else 0
            index = text.find(needle, offset)
            if index >= 0:
                return line, index + 1
        return first, 1

    def add(self, line: int, column: int, violation: rules.Violation, match: str = "") -> None:
        self.findings.append(Finding(self.document.display_path, line, column, violation.rule, Severity.ERROR,
                                     violation.message, violation.fix, match))

    # -- walking --------------------------------------------------------------------
    def scan(self, tokens: list[Token], offset: int) -> None:
        """Check `tokens`, whose `map` lines are relative to file line `offset`."""
        for index, token in enumerate(tokens):
            first = (token.map[0] if token.map else 0) + offset
            last = (token.map[1] if token.map else 1) + offset - 1
            if token.type == "html_block":
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
            image = rules.image_violation(argument, self.base)
            if image:
                self.add(first, fence_line.find(argument) + 1 if argument else 1, image, argument)
        content, skipped = _strip_options(token.content)
        if name in rules.BODY_DIRECTIVES or name == "figure":
            saved = self.previous_heading
            self.scan(markdown_parser().parse(content), first + 1 + skipped)
            self.previous_heading = saved

    def _inline(self, children: list[Token], first: int, last: int) -> None:
        cursor = (first, 1)
        for child in children:
            if child.type == "html_inline":
                line, column = self._find(first, last, child.content, cursor)
                cursor = (line, column + 1)
                self.add(line, column, rules.RAW_HTML, child.content)
            elif child.type == "myst_role":
                name = str(child.meta.get("name", ""))
                line, column = self._find(first, last, "{" + name + "}", cursor)
                cursor = (line, column + 1)
                violation = rules.role_violation(name)
                if violation:
                    self.add(line, column, violation, "{" + name + "}")
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
            elif child.type == "image":
                src = unquote(str(child.attrs.get("src", "")))
                line, column = self._find(first, last, src or "![", cursor)
                cursor = (line, column + 1)
                violation = rules.image_violation(src, self.base)
                if violation:
                    self.add(line, column, violation, src)
            elif child.type == "link_open":
                href = unquote(str(child.attrs.get("href", "")))
                line, column = self._find(first, last, href, cursor)
                cursor = (line, column + 1)
                violation = rules.link_violation(href)
                if violation:
                    self.add(line, column, violation, href)
            if child.children:
                self._inline(child.children, cursor[0], last)


def _role_target(content: str) -> str:
    """`text <target>` -> target; `target` -> target (MyST's explicit-title syntax)."""
    match = re.match(r"^.*<(?P<target>[^<>]+)>\s*$", content, re.DOTALL)
    return (match.group("target") if match else content).strip()


def _strip_options(content: str) -> tuple[str, int]:
    """Directive content without its leading ':key: value' lines or '---' YAML block; (content, lines skipped)."""
    lines = content.split("\n")
    skipped = 0
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                skipped = index + 1
                break
    else:
        while skipped < len(lines) and re.match(r"^:[\w-]+:", lines[skipped]):
            skipped += 1
    return "\n".join(lines[skipped:]), skipped


def check_document(document: Document, terms: frozenset[str] | None = None,
                   labels: frozenset[str] | None = None) -> list[Finding]:
    scanner = _Scanner(document, terms, labels)
    scanner.scan(document.tokens, document.body_start)
    return scanner.findings


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
                    walk(markdown_parser().parse(_strip_options(token.content)[0]))
            for child in token.children or []:
                if child.type == "image":
                    found.append(unquote(str(child.attrs.get("src", ""))))
    walk(document.tokens)
    return [t for t in found if t]
