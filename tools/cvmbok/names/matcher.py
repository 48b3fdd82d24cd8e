"""Find every registered term in a skeleton with an Aho-Corasick automaton (ahocorasick-rs).

An automaton holds every spelling variant of every term and reads the skeleton
once, so the cost grows with the text, not with the number of names: 3,000 entries
cost about what 300 do. One regular expression per name would read the text once
per name. Class A terms match in any case; class B/C terms only in their registered
casing, checked on the cased skeleton for each hit (so the many lowercase "next" and
"target" of CVM prose are never reported).

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

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick, Implementation

from .compounds import compound_heads
from .normalize import Skeleton, char_classes, is_camel_boundary, lower_keeping_length
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
    compound: bool = False
    """The name begins a closed compound ("KPNklanten"): joined to a noun, it is the company whatever its class."""


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


_HEAD = ""
"""The casing slot of a compound head's entry: not a name to report but the start of a word."""
Value = tuple[int, "str | None"]
"""(index of the term, or of the head's term; the casing a hit must have: None for class A, `_HEAD` for a head)."""


class Matcher:
    """All terms in one automaton; `find` returns boundary-checked, non-overlapping hits.

    The automaton reads the lowercase skeleton once. Class B and C spellings are in it
    lowercased, each with the casing a hit must have, which is compared on the cased
    skeleton (same offsets) for the few hits there are: one pass instead of one per
    casing. The heads of closed compounds (`compounds.compound_heads`) are in it too,
    as " head" with no closing space, so they cost no pass of their own either.
    """

    def __init__(self, terms: Sequence[NamePattern]) -> None:
        self.terms = list(terms)
        table: dict[str, list[Value]] = {}
        words: set[str] = set()
        for index, term in enumerate(self.terms):
            cased = term.ambiguity != "A" and bool(term.cased_words)
            for spelling in spellings(term):
                lower = lower_keeping_length(spelling)
                pattern = f" {lower} "
                table.setdefault(pattern, []).append((index, spelling if cased else None))
                words.update(lower.split())
        self.heads = compound_heads(self.terms)
        """Compound head -> term index: names looked for at the start of a longer word."""
        for head, index in self.heads.items():
            table.setdefault(f" {head}", []).append((index, _HEAD))
        self.words = frozenset(words)
        """Every word of every spelling, lowercase: a hyphenated word is worth joining only
        when the joined word is one of them ("Voda-fone", not "sky-high")."""
        self.patterns = list(table)
        self.values = [tuple(values) for values in table.values()]
        """What each pattern stands for, by the pattern's index (the automaton reports indexes)."""
        self._ascii: BytesAhoCorasick | None = None
        self._unicode: AhoCorasick | None = None

    def __getstate__(self) -> dict[str, object]:
        """The patterns are kept (`names.compiled`), not the automata: building one takes
        about 50 ms for 36,000 patterns, loading a pickled automaton took three times that."""
        state = dict(self.__dict__)
        state["_ascii"] = state["_unicode"] = None
        return state

    def _matches(self, haystack: str) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of every match, overlapping ones included, ordered by end.

        ASCII text (nearly every skeleton: the fold makes most letters ASCII) is searched as
        bytes, twice as fast as a str; other text through an automaton over str, built the
        first time one is needed, whose offsets are in characters.
        """
        if not self.patterns:
            return []
        if haystack.isascii():
            if self._ascii is None:
                self._ascii = BytesAhoCorasick([p.encode("utf-8") for p in self.patterns],
                                               implementation=Implementation.ContiguousNFA)
            return self._ascii.find_matches_as_indexes(haystack.encode("ascii"), overlapping=True)
        if self._unicode is None:
            self._unicode = AhoCorasick(self.patterns, implementation=Implementation.ContiguousNFA)
        return self._unicode.find_matches_as_indexes(haystack, overlapping=True)

    def _scan(self, lower: str, cased: str, offsets: list[int] | None = None,
              heads: list[tuple[int, int]] | None = None) -> list[Hit]:
        """Hits in a space-padded haystack; `offsets` maps haystack indexes to skeleton indexes.

        `heads`, when given, receives (start, term index) of every word that begins with a
        compound head.
        """
        hits: list[Hit] = []
        terms, values = self.terms, self.values
        for pattern, first, after in self._matches(lower):
            for index, casing in values[pattern]:
                start = first + 1  # without the anchoring space
                if casing is _HEAD:
                    if heads is not None:
                        heads.append((start, index))
                    continue
                end = after - 1
                if casing is not None and cased[start:end] != casing:
                    continue  # "target" in prose for the registered "Target"
                if offsets is not None:
                    start, end = offsets[start], offsets[end - 1] + 1
                hits.append(Hit(terms[index], start, end))
        return hits

    def find(self, sk: Skeleton) -> list[Hit]:
        """Every term that stands as whole words, or as whole CamelCase parts of a word."""
        return self.find_with_heads(sk)[0]

    def find_with_heads(self, sk: Skeleton) -> tuple[list[Hit], list[tuple[int, int]]]:
        """`find`, and (start, term index) of each word of `sk` that begins with a compound head."""
        heads: list[tuple[int, int]] = []
        hits = self._scan(sk.text, sk.cased, heads=heads)
        for word_start, word_end in _camel_words(sk.cased):
            lower, cased, offsets = _split_camel(sk.cased, word_start, word_end)
            hits.extend(h for h in self._scan(lower, cased, offsets) if (h.start, h.end) != (word_start, word_end))
        return longest(hits), heads


_CAMEL_CLASSES = bytes(ord("a") if 97 <= c <= 122 else ord("A") if 65 <= c <= 90 else ord(".") for c in range(256))
"""ASCII bytes to their class: "a" a lowercase letter, "A" a capital, "." anything else (non-ASCII too)."""
_CAMEL_RE = re.compile(rb"A(?:(?<=aA)|(?<=AA)(?=a))")
"""On the classes: a capital after a lowercase letter, or a capital between a capital and a lowercase letter."""


def _camel_capitals(cased: str) -> list[int]:
    """Indexes of the capitals where a CamelCase word changes ("My|Example|Mobile", "KPN|Mobile")."""
    classes = char_classes(cased, _CAMEL_CLASSES, lambda c: ".")
    return [m.start() for m in _CAMEL_RE.finditer(classes)]


def _camel_words(cased: str) -> list[tuple[int, int]]:
    """Skeleton spans of the words that have a CamelCase change inside (``MyExampleMobileUK``)."""
    spans: list[tuple[int, int]] = []
    for capital in _camel_capitals(cased):
        start = cased.rfind(" ", 0, capital) + 1
        if spans and spans[-1][0] == start:
            continue
        spans.append((start, cased.find(" ", capital)))
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
