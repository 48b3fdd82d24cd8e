"""The term registry (`styles/terms.yml`): its model and its loader.

The registry is the one place where the book's terminology is decided. From it we
write the Vale rules that enforce it (substitutions, first-use expansion of
abbreviations, heading exceptions), Vale's vocabulary, and, at build time, the
glossary (see `cvmbok.sphinx_glossary`). Generated files are committed; `stale_files`
tells a test or `cvmbok terms check` when one no longer matches the registry.

Everything here is pure except `load_registry`, `write_generated` and `stale_files`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..errors import UsageError

REGISTRY = Path("styles/terms.yml")
STYLE = Path("styles/CVMBoK")
VOCAB = Path("styles/config/vocabularies/CVMBoK")
LEVELS = ("error", "warning", "suggestion")
CASES = ("lower", "proper")
_VARIANT_KEYS = {"replace": "error", "warn": "warning", "suggest": "suggestion"}
_KNOWN_KEYS = {"term", "abbr", "expand", "pos", "case", "avoid", "definition", *_VARIANT_KEYS}


@dataclass(frozen=True)
class Variant:
    """A discouraged form, the form to write instead, and how sure we are (Vale level)."""

    text: str
    replacement: str
    level: str

    @property
    def case_sensitive(self) -> bool:
        """A variant with a capital letter is matched exactly (CLTV, CVMBOK); otherwise in any case."""
        return any(ch.isupper() for ch in self.text)


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    pos: str
    case: str = "lower"
    abbr: str | None = None
    expand: bool = True
    variants: tuple[Variant, ...] = ()
    avoid: tuple[str, ...] = ()

    @property
    def is_proper(self) -> bool:
        return self.case == "proper"

    @property
    def display(self) -> str:
        """How the term is introduced: 'customer lifetime value (CLV)'."""
        return f"{self.term} ({self.abbr})" if self.abbr else self.term


@dataclass(frozen=True)
class TermRegistry:
    terms: tuple[Term, ...]
    vocabulary: tuple[str, ...] = field(default=())
    """Words only the spelling rule accepts."""
    exact_case: tuple[str, ...] = field(default=())
    """Proper names held to their exact case (Vale's accept.txt)."""


# --------------------------------------------------------------------- loading


def _fail(path: Path, where: str, problem: str) -> UsageError:
    return UsageError(f"{path}: {where}: {problem}; fix the entry in the term registry")


def _variants(path: Path, where: str, entry: dict[str, Any], term: str, abbr: str | None) -> list[Variant]:
    found: list[Variant] = []
    for key, level in _VARIANT_KEYS.items():
        items = entry.get(key) or []
        if not isinstance(items, list):
            raise _fail(path, where, f"'{key}' must be a list")
        for item in items:
            if isinstance(item, str):
                text, replacement = item, term
            elif isinstance(item, dict) and len(item) == 1:
                ((text, replacement),) = item.items()
                text, replacement = str(text), str(replacement)
            else:
                raise _fail(path, where, f"'{key}' items are a form or a one-item mapping form: replacement, not {item!r}")
            if not text.strip() or text == replacement:
                raise _fail(path, where, f"variant {text!r} is empty or equal to its replacement")
            found.append(Variant(text, replacement, level))
    return found


def parse_registry(data: Any, path: Path = REGISTRY) -> TermRegistry:
    """Validate the registry's YAML data. Every problem names the entry and what to fix."""
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise UsageError(f"{path}: expected a mapping with a 'terms' list")
    terms: list[Term] = []
    seen: dict[str, str] = {}
    for index, entry in enumerate(data["terms"], start=1):
        where = f"term #{index}"
        if not isinstance(entry, dict):
            raise _fail(path, where, "each term is a mapping")
        unknown = sorted(set(entry) - _KNOWN_KEYS)
        if unknown:
            raise _fail(path, where, f"unknown key(s) {', '.join(unknown)}")
        name = entry.get("term")
        if not isinstance(name, str) or not name.strip():
            raise _fail(path, where, "'term' is required")
        where = f"term #{index} ({name})"
        definition = entry.get("definition")
        if not isinstance(definition, str) or not definition.strip():
            raise _fail(path, where, "'definition' is required (one line, in your own words)")
        case = entry.get("case", "lower")
        if case not in CASES:
            raise _fail(path, where, f"'case' is one of {', '.join(CASES)}")
        abbr = entry.get("abbr")
        if abbr is not None and (not isinstance(abbr, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9/&-]*", abbr)):
            raise _fail(path, where, f"'abbr' {abbr!r} must be one word")
        for key in (name.lower(), (abbr or "").lower()):
            if key and key in seen:
                raise _fail(path, where, f"'{key}' is already defined by {seen[key]}")
        seen[name.lower()] = where
        if abbr:
            seen[abbr.lower()] = where
        avoid = entry.get("avoid") or []
        if not isinstance(avoid, list) or not all(isinstance(a, str) for a in avoid):
            raise _fail(path, where, "'avoid' is a list of forms")
        terms.append(
            Term(
                term=name.strip(),
                definition=" ".join(definition.split()),
                pos=str(entry.get("pos", "noun")),
                case=case,
                abbr=abbr,
                expand=bool(entry.get("expand", True)),
                variants=tuple(_variants(path, where, entry, name.strip(), abbr)),
                avoid=tuple(avoid),
            )
        )
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("vocabulary", "exact_case"):
        words = data.get(key) or []
        if not isinstance(words, list) or not all(isinstance(w, str) and re.fullmatch(r"[\w'-]+", w) for w in words):
            raise UsageError(f"{path}: '{key}' must be a list of plain words (no spaces or patterns)")
        lists[key] = tuple(words)
    return TermRegistry(tuple(terms), lists["vocabulary"], lists["exact_case"])


def load_registry(path: Path) -> TermRegistry:
    """The registry in `path`, parsed once per process while the file is unchanged: the markup,
    terms and glossary code all ask for it, and a long-lived process (the intake) keeps it."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the term registry: {exc.strerror}") from exc
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int, size: int) -> TermRegistry:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the term registry: {exc.strerror}") from exc
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "YAML"
        raise UsageError(f"{path}: {where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    return parse_registry(data, path)
