"""The `markup` check family: the markup policy (`cvmbok.policy.markup`) over every contribution,
with the glossary's terms and the book's labels so that `{term}` and `{ref}` links are known to resolve.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..document import Document
from ..errors import CvmbokError
from ..findings import Finding
from ..policy.files import TEMPLATE_NAME
from ..policy.markup import check_document, contribution_body
from ..policy.markup_rules import template_placeholders
from ..terms.registry import load_registry
from . import Check, CheckContext


def glossary_terms(ctx: CheckContext) -> frozenset[str] | None:
    """Every term and abbreviation of the glossary, case-folded; None when there is no registry."""
    if ctx.repo is None:
        return None
    path = ctx.repo.styles / "terms.yml"
    if not path.is_file():
        return None
    try:
        registry = load_registry(path)
    except CvmbokError:
        return None  # the terms check reports a broken registry
    return frozenset(label.casefold() for t in registry.terms for label in (t.term, t.abbr) if label)


_LABEL = re.compile(r"^\((?P<label>[^()\s]+)\)=\s*$", re.MULTILINE)


def book_labels(ctx: CheckContext) -> frozenset[str] | None:
    """Every `(label)=` target written in source/; None outside a repository."""
    if ctx.repo is None or not ctx.repo.source.is_dir():
        return None
    labels: set[str] = set()
    for page in ctx.repo.source.rglob("*.md"):
        try:
            labels.update(_LABEL.findall(page.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return frozenset(labels)


def placeholders(ctx: CheckContext) -> frozenset[str]:
    """The template's guidance paragraphs (`contrib/TEMPLATE.md`); none outside a repository."""
    if ctx.repo is None:
        return frozenset()
    try:
        return template_placeholders((ctx.repo.contrib / TEMPLATE_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return frozenset()


def run(documents: Sequence[Document], ctx: CheckContext) -> list[Finding]:
    findings: list[Finding] = []
    wanted = any(ctx.is_contribution(d) for d in documents)
    terms = glossary_terms(ctx) if wanted else None
    labels = book_labels(ctx) if wanted else None
    guidance = placeholders(ctx) if wanted else frozenset()
    for document in documents:
        if ctx.is_contribution(document):
            body = contribution_body(document)  # None: a broken fence, which the schema check reports once
            if body is not None:
                findings.extend(check_document(body, terms, labels, guidance))
    return findings


CHECK = Check(
    name="markup",
    run=run,
    order=20,
    description="contribution markup policy: no raw HTML, include/raw/eval-rst, remote or outside images, unsafe links",
)
