"""Everything generated from the term registry: Vale rules, Vale vocabulary.

The registry is the one place where the book's terminology is decided. From it we
write the Vale rules that enforce it (substitutions, first-use expansion of
abbreviations, heading exceptions) and Vale's vocabulary; the glossary is rendered at
build time (see `cvmbok.sphinx_glossary`). Generated files are committed;
`stale_files` tells a test or `cvmbok terms check` when one no longer matches.

Everything here is pure except `write_generated` and `stale_files`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..edition import load_edition
from ..fileio import atomic_write
from ..sections import load_sections
from .registry import CASES, LEVELS, REGISTRY, STYLE, VOCAB, TermRegistry, Variant, load_registry

_GO_SPECIAL = set("\\.+*?()|[]{}^$")
DEFAULT_REPOSITORY = "https://github.com/cvmbok/cvmbok"


# --------------------------------------------------------------------- generators


def go_escape(text: str) -> str:
    """Escape text for Vale's regular expressions (only the characters that need it)."""
    return "".join(f"\\{ch}" if ch in _GO_SPECIAL else ch for ch in text)


def variant_pattern(variant: Variant) -> str:
    """The swap key for a variant. Vale wraps every key in word boundaries, so a variant
    that starts or ends with punctuation ("... (CVM)") is matched without it."""
    core = re.sub(r"^\W+|\W+$", "", variant.text)
    pattern = go_escape(core)
    return pattern if variant.case_sensitive else f"(?i:{pattern})"


def _title(term: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in term.split(" "))


def _header(title: str, why: str, extra: str = "") -> str:
    lines = [
        f"# {title}",
        "# GENERATED from styles/terms.yml by `cvmbok terms generate`: do not edit by hand.",
        *(f"# {line}" if line else "#" for line in why.splitlines()),
    ]
    if extra:
        lines.append(f"# {extra}")
    return "\n".join(lines) + "\n"


def _dump(rule: dict[str, Any]) -> str:
    return yaml.safe_dump(rule, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False)


def substitution_rule(registry: TermRegistry, level: str, link: str) -> str:
    swap: dict[str, str] = {}
    for term in registry.terms:
        for variant in term.variants:
            if variant.level == level:
                swap[variant_pattern(variant)] = variant.replacement
    titles = {
        "error": ("CVMBoK.Terms: a discouraged variant of a registry term (error).",
                  "Every form listed under `replace:` in the registry is always wrong in this book."),
        "warning": ("CVMBoK.TermsWarning: a variant that is usually wrong (warning).",
                    "Forms under `warn:` are context-dependent (LTV is also loan-to-value; CMS is\n"
                    "also a content management system), so a person decides."),
        "suggestion": ("CVMBoK.TermsSuggestion: a near-synonym the book avoids (suggestion).",
                       "Forms under `suggest:` are not wrong, but the book prefers one word per idea."),
    }
    title, why = titles[level]
    rule = {
        "extends": "substitution",
        "message": "Use '%s' instead of '%s' (CVMBoK term registry).",
        "description": "write the registry's preferred form (styles/terms.yml)",
        "link": link,
        "level": level,
        "ignorecase": False,
        "nonword": False,
        "action": {"name": "replace"},
        "swap": swap,
    }
    return _header(title, why) + _dump(rule)


def term_case_rule(registry: TermRegistry, link: str) -> str:
    """Lower-case terms written in Title Case inside a sentence ('Customer Lifetime Value')."""
    proper = [t.term for t in registry.terms if t.is_proper]
    swap: dict[str, str] = {}
    for term in registry.terms:
        if term.is_proper or " " not in term.term:
            continue
        title = _title(term.term)
        if title == term.term:
            continue
        guards = "".join(
            f"(?!{go_escape(p[len(title):])})" for p in proper if p.startswith(title) and len(p) > len(title)
        )
        swap[go_escape(title) + guards] = term.term
    rule = {
        "extends": "substitution",
        "message": "Write '%s' in lower case inside a sentence, not '%s'.",
        "description": "write the term in lower case inside a sentence; only proper terms keep capitals",
        "link": link,
        "level": "warning",
        "ignorecase": False,
        "scope": "~heading",
        "action": {"name": "replace"},
        "swap": swap,
    }
    why = ("Disciplines, metrics and roles are common nouns: lower case in running text.\n"
           "Headings are left to CVMBoK.Headings (the section titles are Title Case on purpose).")
    return _header("CVMBoK.TermCase: Title Case for a lower-case term mid-sentence (warning).", why) + _dump(rule)


def _spaced(pattern: str) -> str:
    return pattern.replace(" ", r"\s+")


def abbreviation_rule(registry: TermRegistry, link: str) -> str:
    terms = [t for t in registry.terms if t.abbr and t.expand]
    first = r"\b(?:" + "|".join(go_escape(t.abbr or "") for t in terms) + r")(?=s?\b)"
    # whitespace may be a line break: the expansion often wraps in the Markdown source
    second = "|".join(
        rf"(?i:{_spaced(go_escape(t.term))}s?)\s+\(({go_escape(t.abbr or '')})s?\)" for t in terms
    )
    rule = {
        "extends": "conditional",
        "message": "Spell out '%s' the first time it is used on this page, as 'term (ABBR)'.",
        "description": "write the full term followed by the abbreviation in parentheses the first time, e.g. 'customer lifetime value (CLV)'",
        "link": link,
        "level": "warning",
        "scope": "~heading",
        "ignorecase": False,
        "first": first,
        "second": second,
    }
    why = ("Readers land on any page from search, so each page introduces its abbreviations:\n"
           "'customer lifetime value (CLV)' before the first bare 'CLV'. The expansions come\n"
           "from the registry; an abbreviation with `expand: false` needs none. Headings are\n"
           "not checked: the fixed section titles use 'CVM' before any prose can expand it.")
    return _header("CVMBoK.Abbreviations: abbreviation used before it is spelled out (warning).", why) + _dump(rule)


_WORD_LIKE_ABBREVIATIONS = {"it"}
"""Abbreviations spelled like an everyday word. Vale 3.26 matches capitalization exceptions
case-insensitively once a vocabulary is loaded, and an "IT" exception then breaks the
check of any heading containing "it" ("How it affects CVM" is reported); so leave them out."""


def heading_exceptions(registry: TermRegistry, section_titles: Iterable[str]) -> list[str]:
    words: list[str] = []
    for term in registry.terms:
        if term.is_proper:
            words.append(term.term)
        if term.abbr and term.abbr.lower() not in _WORD_LIKE_ABBREVIATIONS:
            words.append(term.abbr)
    words.extend(registry.exact_case)
    words.extend(v for v in registry.vocabulary if v[:1].isupper())  # names such as Sphinx
    words.extend(section_titles)
    unique: list[str] = []
    for word in words:
        if word not in unique:
            unique.append(word)
    return unique


def headings_rule(registry: TermRegistry, section_titles: Iterable[str], link: str) -> str:
    rule = {
        "extends": "capitalization",
        "message": "Write the heading '%s' in sentence case: capitalize only the first word and proper terms.",
        "description": "capitalize only the first word, proper names and the registry's proper terms",
        "link": link,
        "level": "warning",
        "scope": ["heading.h2", "heading.h3", "heading.h4", "heading.h5", "heading.h6"],
        "match": "$sentence",
        "indicators": [":"],
        "exceptions": heading_exceptions(registry, section_titles),
    }
    why = ("Subheadings use sentence case. Level-1 headings (page and section titles, which\n"
           "are Title Case on purpose) are not checked. Exceptions: the registry's proper\n"
           "terms and abbreviations, and the section titles (quoted in headings elsewhere).")
    return _header("CVMBoK.Headings: sentence-case subheadings (warning).", why) + _dump(rule)


def _inside_a_variant(word: str, registry: TermRegistry) -> bool:
    """Could a match of some discouraged variant contain `word` (which would silence it)?"""
    exact = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    anycase = re.compile(exact.pattern, re.IGNORECASE)
    return any(
        (exact if v.case_sensitive else anycase).search(v.text) for t in registry.terms for v in t.variants
    )


def accept_list(registry: TermRegistry) -> str:
    """Vale's vocabulary: proper terms and capitalized words, held to their exact case.

    Vale treats every accepted entry as an exception for ALL rules, and an alert is
    dropped when its match merely contains an accepted word ("save offer" would pass
    if "offer" were accepted). So only capitalized entries go here, never a word that
    occurs inside a discouraged variant, and never an all-capital abbreviation
    (Vale.Terms matches entries in any case, so "IT" would flag every "it").
    Lower-case CVM words go to the spelling rule's own list (`spelling_list`).
    """
    entries: list[str] = []
    for term in registry.terms:
        if term.abbr and not term.abbr.isupper() and term.abbr[:1].isupper():
            entries.append(term.abbr)  # mixed case such as CVMBoK: exact case enforced
        if term.is_proper and all(w[:1].isupper() or not w[:1].isalpha() for w in term.term.split()):
            entries.append(term.term)
    entries.extend(registry.exact_case)
    kept = [e for e in dict.fromkeys(entries) if not _inside_a_variant(e, registry)]
    return "\n".join(kept) + "\n"


def spelling_list(registry: TermRegistry) -> str:
    """Words only the spelling rule accepts: lower-case ones in any capitalization, others as written."""
    words: list[str] = []
    for term in registry.terms:
        if not term.is_proper and re.fullmatch(r"[a-z]+", term.term):
            words.append(term.term)
        if term.abbr and term.abbr.islower():
            words.append(term.abbr)
    words.extend(registry.vocabulary)
    words.extend(registry.exact_case)  # also here: one that could silence a rule is left out of accept.txt
    return "\n".join(sorted(dict.fromkeys(words))) + "\n"


def reject_list(registry: TermRegistry) -> str:
    forms = [form for t in registry.terms for form in t.avoid]
    return "\n".join(dict.fromkeys(forms)) + ("\n" if forms else "")


def generate(registry: TermRegistry, section_titles: Iterable[str], repository: str = DEFAULT_REPOSITORY) -> dict[Path, str]:
    """Every generated file (path relative to the repository) and its exact content.

    Each rule's `link` points at the registry in the repository, where the decision lives.
    """
    titles = list(section_titles)
    link = f"{repository.rstrip('/')}/blob/main/{REGISTRY.as_posix()}"
    return {
        STYLE / "Terms.yml": substitution_rule(registry, "error", link),
        STYLE / "TermsWarning.yml": substitution_rule(registry, "warning", link),
        STYLE / "TermsSuggestion.yml": substitution_rule(registry, "suggestion", link),
        STYLE / "TermCase.yml": term_case_rule(registry, link),
        STYLE / "Abbreviations.yml": abbreviation_rule(registry, link),
        STYLE / "Headings.yml": headings_rule(registry, titles, link),
        VOCAB / "accept.txt": accept_list(registry),
        VOCAB / "reject.txt": reject_list(registry),
        VOCAB / "spelling.txt": spelling_list(registry),
    }


# --------------------------------------------------------------------- I/O at the edge


def section_titles(root: Path) -> list[str]:

    try:
        return [s.title for s in load_sections(root / "source")]
    except (OSError, ValueError):
        return []


def repository_url(root: Path) -> str:

    try:
        return load_edition(root / "edition.toml").repository_url
    except Exception:  # a broken edition.toml is reported by the commands that own it
        return DEFAULT_REPOSITORY


def generated_for(root: Path) -> dict[Path, str]:
    return generate(load_registry(root / REGISTRY), section_titles(root), repository_url(root))


def write_generated(root: Path) -> list[Path]:
    """Regenerate every file; returns the ones whose content changed."""
    changed = []
    for rel, text in generated_for(root).items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write(path, text)
            changed.append(rel)
    return changed


def stale_files(root: Path) -> list[Path]:
    """Generated files that are missing or differ from what the registry produces now."""
    stale = []
    for rel, text in generated_for(root).items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(rel)
    return stale
