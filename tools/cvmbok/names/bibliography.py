"""Authors of the book's bibliography (``source/references.bib``): people the leak check never flags,
and its publishers and institutions, which are no unregistered companies either.

A chapter that says "as Reichheld showed" names an author of a cited work, not a
colleague. Only the ``author`` and ``editor`` fields are read, with a small BibTeX
reader (balanced braces or quotes, names split on " and ", "Last, First" or
"First Last"); corporate authors in double braces are skipped. Reading the whole
bibliography takes about a millisecond, which importing pybtex would not.
"""

from __future__ import annotations

import re
from pathlib import Path

from .persons import Authors

_FIELD_RE = re.compile(r"\b(?:author|editor)\s*=\s*([{\"])", re.IGNORECASE)
_ORG_FIELD_RE = re.compile(r"\b(?:publisher|institution|organization|school|journal|booktitle|howpublished)\s*=\s*([{\"])",
                           re.IGNORECASE)


def _value(text: str, start: int, opener: str) -> str:
    """The field value starting after `opener` at `start` (braces balanced)."""
    if opener == '"':
        end = text.find('"', start)
        return text[start : end if end >= 0 else len(text)]
    depth = 1
    i = start
    while i < len(text) and depth:
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
        i += 1
    return text[start : i - 1]


def parse_authors(text: str) -> Authors:
    authors = Authors()
    for m in _FIELD_RE.finditer(text):
        value = _value(text, m.end(), m.group(1))
        for name in re.split(r"\s+and\s+", value.strip()):
            name = name.strip()
            if not name or name.startswith("{") or name.lower() == "others":
                continue  # {{Corporate Author}}
            name = name.replace("{", "").replace("}", "")
            if "," in name:
                surname, given = (p.strip() for p in name.split(",", 1))
            else:
                parts = name.split()
                surname, given = parts[-1], " ".join(parts[:-1])
            # compound surnames ("van der Berg", "Kaplan-Meier" style) count by their last part too
            authors.add(given, surname)
            last = re.split(r"[\s-]+", surname)[-1]
            if last != surname:
                authors.add(given, last)
    for m in _ORG_FIELD_RE.finditer(text):
        authors.add_organization(_value(text, m.end(), m.group(1)).replace("{", "").replace("}", ""))
    for m in _FIELD_RE.finditer(text):
        value = _value(text, m.end(), m.group(1))
        if value.strip().startswith("{"):  # {{Corporate Author}}
            authors.add_organization(value.replace("{", "").replace("}", ""))
    return authors


def load_authors(path: Path) -> Authors:
    try:
        return parse_authors(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return Authors()
