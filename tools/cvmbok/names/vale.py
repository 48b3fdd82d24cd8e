"""Generate the Vale existence rule `styles/CVMBoK/Leaks.yml` from the public registry.

Writers then see registered names as warnings in their editor. The rule is a
convenience, not the authority: Vale sees only the registered spellings (with
space, hyphen, dot or underscore between words), while `cvmbok check` also folds
homoglyphs, digits and line breaks and decides common words by context. So class-C
names (ordinary words) are left out of the rule, and class-B names keep their case.
"""

from __future__ import annotations

import re

from .registry import Registry, NamePattern

HEADER = """\
# Generated from styles/names/companies.yml by `cvmbok names generate-vale`: do not edit.
# The Python leak check (`cvmbok check`) is the authority; this rule gives the same names
# as editor warnings. scope: raw so code, comments and directive bodies are seen;
# vocab: false so the vocabulary cannot silence a name.
"""


def token(term: NamePattern) -> str:
    """A Go (RE2) regex for one term: words joined by an optional separator; class B keeps its case."""
    parts = [re.escape(p) for p in re.split(r"[\s]+", term.text.strip()) if p]
    if term.rule == "leak.domain":
        body = re.escape(term.text.strip())
    else:
        body = r"[-_. ]?".join(parts)
    body = body.replace(r"\ ", " ").replace(r"\-", "-").replace(r"\&", "&").replace(r"\'", "'")
    return f"(?-i:{body})" if term.ambiguity == "B" else body


def render(registry: Registry) -> str:
    tokens: list[str] = []
    seen: set[str] = set()
    for term in registry.terms():
        if term.ambiguity == "C":
            continue
        tok = token(term)
        if tok not in seen:
            seen.add(tok)
            tokens.append(tok)
    lines = [
        HEADER.rstrip("\n"),
        "extends: existence",
        "message: \"'%s' names a registered company, brand or domain: replace it with a neutral description.\"",
        "description: \"describe the company by its kind, size band and region instead (for example 'a large European telecom operator')\"",
        "link: https://github.com/cvmbok/cvmbok#anonymity-checks",
        "level: warning",
        "scope: raw",
        "ignorecase: true",
        "vocab: false",
        "nonword: false",
        "tokens:",
    ]
    for tok in tokens:
        lines.append("  - '" + tok.replace("'", "''") + "'")
    return "\n".join(lines) + "\n"
