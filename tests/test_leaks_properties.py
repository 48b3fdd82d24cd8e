"""Property tests: a registered name, disguised by any mix of the variants, is still found at the
line and column where it starts. The engine is the one `cvmbok check` runs (its CLI wiring is
covered in test_leaks.py); calling it directly keeps hundreds of examples fast."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvmbok.findings import Severity
from cvmbok.names.hashing import HashStore, PrivateMatcher, add_forms
from cvmbok.names.loading import build_scanner
from cvmbok.names.registry import person_forms
from cvmbok.names.scanner import LeakScanner

from .conftest import ROOT

NAMES = ROOT / "tests" / "fixtures" / "leaks" / "names.yml"
COMPANY = ["Quenfield", "Mobile"]
PERSON = ["Wendeline", "Marchbanks"]

HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "i": "і", "Q": "Ԛ", "M": "М"}
DIGITS = {"o": "0", "l": "1", "e": "3"}
ACUTE = "\u0301"
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"]
SEPARATORS = [" ", "-", "_", ".", "", "\n", "  ", "-\n", " \n  "]
FILLER = ["The next best action", "for the target segment", "in the United Kingdom.", "Churn fell", "by two points;"]


@lru_cache(maxsize=1)
def scanner() -> LeakScanner:
    built, _ = build_scanner(ROOT, NAMES, environ={})
    return built


@st.composite
def disguised_word(draw: st.DrawFn, word: str, first: bool) -> str:
    """One word of the name, each letter possibly cased, accented, swapped or padded with invisibles."""
    out = []
    for i, ch in enumerate(word):
        case = draw(st.sampled_from(["keep", "upper", "lower"]))
        c = ch.upper() if case == "upper" else ch.lower() if case == "lower" else ch
        trick = draw(st.sampled_from(["none"] * 6 + ["homoglyph", "digit", "accent", "fullwidth", "invisible"]))
        if trick == "homoglyph" and c in HOMOGLYPHS:
            c = HOMOGLYPHS[c]
        elif trick == "digit" and i > 0 and c.lower() in DIGITS:
            c = DIGITS[c.lower()]
        elif trick == "accent" and c.isalpha():
            c = c + ACUTE
        elif trick == "fullwidth" and c.isascii() and c.isalpha():
            c = chr(ord(c) + 0xFEE0)
        elif trick == "invisible" and i > 0:
            c = draw(st.sampled_from(INVISIBLE)) + c
        out.append(c)
    return "".join(out)


@st.composite
def document(draw: st.DrawFn, words: list[str]) -> tuple[str, int, int]:
    """(text, line, column) where the disguised name starts."""
    parts = [draw(disguised_word(w, i == 0)) for i, w in enumerate(words)]
    camel = draw(st.booleans())
    if camel:
        name = "".join(p[:1].upper() + p[1:] for p in parts)
    else:
        name = parts[0]
        for part in parts[1:]:
            name += draw(st.sampled_from(SEPARATORS)) + part
    name += draw(st.sampled_from(["", "'s", "’s"] + ([] if words[-1].endswith("s") else ["s"])))
    before_lines = draw(st.lists(st.sampled_from(FILLER), max_size=4))
    lead = draw(st.sampled_from(["", "We met ", "- ", "| cell | ", "**", "[", "(", "@", "see https://x.invalid/", "`"]))
    tail = draw(st.sampled_from(["", " today.", ".", ",", ")", "**", "]", "/path", "\n"]))
    text = "\n".join(before_lines + [lead + name + tail]) + "\n"
    return text, len(before_lines) + 1, len(lead) + 1


@lru_cache(maxsize=1)
def hashed_scanner() -> LeakScanner:
    """No clear-text names at all: the person is known only by keyed hashes of their name forms."""
    key = b"property-test-key-0123456789"
    forms = ["".join(f) for f in person_forms("Wendeline Q. Marchbanks")]
    return LeakScanner([], PrivateMatcher(key, add_forms(HashStore(None, frozenset()), key, forms)))


def found_at(text: str, line: int, column: int, rule: str, engine: LeakScanner | None = None) -> bool:
    return any(
        f.line == line and f.column == column and f.rule == rule and f.severity is Severity.ERROR
        for f in (engine or scanner()).scan(text, "doc.md")
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(COMPANY))
def test_disguised_company_name_is_found_where_it_starts(case: tuple[str, int, int]) -> None:
    text, line, column = case
    assert found_at(text, line, column, "leak.company"), repr(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(PERSON))
def test_disguised_person_name_is_found_where_it_starts(case: tuple[str, int, int]) -> None:
    text, line, column = case
    assert found_at(text, line, column, "leak.person"), repr(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(PERSON))
def test_disguised_hashed_person_is_found_where_it_starts(case: tuple[str, int, int]) -> None:
    text, line, column = case
    assert found_at(text, line, column, "leak.person", hashed_scanner()), repr(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FILLER + ["next", "target", "delta", "orange", "three", "sky-high", "progressive"]), max_size=30))
def test_clean_prose_never_raises_an_error(words: list[str]) -> None:
    text = " ".join(words) + "\n"
    assert not [f for f in scanner().scan(text, "doc.md") if f.severity is Severity.ERROR]
