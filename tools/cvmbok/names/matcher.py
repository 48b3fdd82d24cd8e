"""Find every registered term in a skeleton with Aho-Corasick automata (pyahocorasick).

An automaton holds every spelling variant of every term and reads the skeleton
once, so the cost grows with the text, not with the number of names: 3,000 entries
cost about what 300 do. One regular expression per name would read the text once
per name. There are two automata: class A terms in lowercase over the lowercase
skeleton, and class B/C terms in their registered casing over the cased skeleton
(so the many lowercase "next" and "target" of CVM prose never become hits).

Variants per term: words joined by a space or written together (``example mobile``,
``examplemobile``), a plural or possessive ``s``, and the registered form without a
trailing possessive (``Sainsbury's`` -> ``Sainsbury``). Every pattern is anchored by
a space at both ends, so a hit is always whole words (``EE`` is never found inside
``see``, ``marg`` never inside ``margin``). Words with a CamelCase change inside
(``@MyExampleMobileUK``) are split at the changes and scanned again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from typing import Sequence

import ahocorasick  # type: ignore[import-not-found]  # no stubs published

from .normalize import Skeleton, is_camel_boundary
from .registry import NamePattern

MAX_JOIN_WORDS = 4


@dataclass(frozen=True)
class Hit:
    term: NamePattern
    start: int
    """Skeleton index of the first character."""
    end: int
    """Skeleton index after the last character."""
    skeleton: Skeleton | None = None
    """The skeleton the hit was found in when it is not the raw text's (a reader view)."""


def spellings(term: NamePattern) -> set[str]:
    """Every skeleton string under which `term` is recognized (without anchoring spaces).

    Class A terms are spelled in lowercase and matched against the lowercase skeleton.
    Class B and C terms are spelled in their registered casing (B also in capitals) and
    matched against the cased skeleton, so "target" in prose never even becomes a hit.
    """
    if term.ambiguity == "A" or not term.cased_words:
        variants = [term.words]
    else:
        variants = [term.cased_words]
        if term.ambiguity == "B":
            variants.append(tuple(w.upper() for w in term.cased_words))
    out: set[str] = set()
    for base in variants:
        bases = [base]
        if len(base) > 1 and base[-1].lower() == "s":
            bases.append(base[:-1])
        for words in bases:
            if len(words) == 1:
                joins = [words[0]]
            elif term.rule == "leak.domain":
                joins = [" ".join(words)]
            elif len(words) <= MAX_JOIN_WORDS:
                joins = []
                for seps in product((" ", ""), repeat=len(words) - 1):
                    joins.append(words[0] + "".join(s + w for s, w in zip(seps, words[1:])))
            else:
                joins = [" ".join(words), "".join(words)]
            for j in joins:
                out.add(j)
                if not j.lower().endswith("s") and term.rule != "leak.domain":
                    out.add(j + ("S" if j.isupper() and len(j) > 1 else "s"))
    return out


class Matcher:
    """All terms in two automata; `find` returns boundary-checked, non-overlapping hits."""

    def __init__(self, terms: Sequence[NamePattern]) -> None:
        self.terms = list(terms)
        tables: tuple[dict[str, list[tuple[int, int]]], ...] = ({}, {})
        words: set[str] = set()
        for index, term in enumerate(self.terms):
            cased = term.ambiguity != "A" and bool(term.cased_words)
            for spelling in spellings(term):
                pattern = f" {spelling} "
                tables[cased].setdefault(pattern, []).append((index, len(pattern)))
                words.update(spelling.lower().split())
        self.words = frozenset(words)
        """Every word of every spelling, lowercase: a hyphenated word is worth joining only
        when the joined word is one of them ("Voda-fone", not "sky-high")."""
        self.automata: list[ahocorasick.Automaton | None] = []
        for table in tables:
            automaton = ahocorasick.Automaton()
            for pattern, values in table.items():
                automaton.add_word(pattern, tuple(values))
            if table:
                automaton.make_automaton()
            self.automata.append(automaton if table else None)

    def _scan(self, lower: str, cased: str, offsets: list[int] | None = None) -> list[Hit]:
        """Hits in a space-padded haystack; `offsets` maps haystack indexes to skeleton indexes."""
        hits: list[Hit] = []
        for automaton, haystack in zip(self.automata, (lower, cased)):
            if automaton is None:
                continue
            for last, values in automaton.iter(haystack):
                for index, length in values:
                    start, end = last - length + 2, last  # without the anchoring spaces
                    if offsets is not None:
                        start, end = offsets[start], offsets[end - 1] + 1
                    hits.append(Hit(self.terms[index], start, end))
        return hits

    def find(self, sk: Skeleton) -> list[Hit]:
        """Every term that stands as whole words, or as whole CamelCase parts of a word."""
        hits = self._scan(sk.text, sk.cased)
        for word_start, word_end in _camel_words(sk.cased):
            lower, cased, offsets = _split_camel(sk.cased, word_start, word_end)
            hits.extend(h for h in self._scan(lower, cased, offsets) if (h.start, h.end) != (word_start, word_end))
        return longest(hits)


_CAMEL_RE = re.compile(r"[A-Z](?:(?<=[a-z][A-Z])|(?<=[A-Z]{2})(?=[a-z]))")
"""A capital after a lowercase letter, or a capital between a capital and a lowercase letter.

Written to start with a character class (not an alternation of sequences) so that
the regex engine skips ahead to each capital: eight times faster on prose."""


def _camel_words(cased: str) -> list[tuple[int, int]]:
    """Skeleton spans of the words that have a CamelCase change inside (``MyExampleMobileUK``)."""
    spans: list[tuple[int, int]] = []
    for match in _CAMEL_RE.finditer(cased):
        start = cased.rfind(" ", 0, match.start()) + 1
        if spans and spans[-1][0] == start:
            continue
        spans.append((start, cased.find(" ", match.start())))
    return spans


def _split_camel(cased: str, start: int, end: int) -> tuple[str, str, list[int]]:
    """The word split at its CamelCase changes, space padded, with a map back to skeleton indexes."""
    chars: list[str] = [" "]
    offsets: list[int] = [start - 1]
    for i in range(start, end):
        if i > start and is_camel_boundary(cased, i):
            chars.append(" ")
            offsets.append(i)
        chars.append(cased[i])
        offsets.append(i)
    chars.append(" ")
    offsets.append(end)
    split = "".join(chars)
    return split.lower(), split, offsets


def longest(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside a longer hit; at one span keep the least ambiguous term."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.term.ambiguity))
    kept: list[Hit] = []
    reach = -1
    for hit in hits:
        if hit.end <= reach:
            continue
        kept.append(hit)
        reach = hit.end
    return kept
