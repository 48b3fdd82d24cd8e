"""Find every registered term in a skeleton with one Aho-Corasick automaton.

The automaton (pyahocorasick) holds every spelling variant of every term and
reads the skeleton once, so the cost grows with the text, not with the number of
names: 3,000 entries cost about what 300 do. One regular expression per name would
read the text once per name.

Variants per term: words joined by a space or written together (``example mobile``,
``examplemobile``), a plural or possessive ``s``, and the registered form without a
trailing possessive (``Sainsbury's`` -> ``Sainsbury``). A hit counts only when it
starts and ends at a word boundary of the original text: a space in the skeleton or
a CamelCase change (``@MyExampleMobile``). Short terms (three letters or fewer) must
stand alone as a whole word, so ``EE`` is never found inside ``see``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Sequence

import ahocorasick

from .normalize import Skeleton, is_camel_boundary
from .registry import Term

SHORT = 3
MAX_JOIN_WORDS = 4


@dataclass(frozen=True)
class Hit:
    term: Term
    start: int
    """Skeleton index of the first character."""
    end: int
    """Skeleton index after the last character."""


def spellings(term: Term) -> set[str]:
    """Every skeleton string under which `term` is recognized (without anchoring spaces)."""
    bases = [term.words]
    if len(term.words) > 1 and term.words[-1] == "s":
        bases.append(term.words[:-1])
    out: set[str] = set()
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
            if not j.endswith("s") and term.rule != "leak.domain":
                out.add(j + "s")
    return out


class Matcher:
    """All terms in one automaton; `find` returns boundary-checked, non-overlapping hits."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self.terms = list(terms)
        table: dict[str, list[tuple[int, int, bool]]] = {}
        for index, term in enumerate(self.terms):
            for spelling in spellings(term):
                anchored = len(spelling.replace(" ", "")) <= SHORT
                pattern = f" {spelling} " if anchored else spelling
                table.setdefault(pattern, []).append((index, len(pattern), anchored))
        self.automaton = ahocorasick.Automaton()
        for pattern, values in table.items():
            self.automaton.add_word(pattern, tuple(values))
        self.empty = not table
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, sk: Skeleton) -> list[Hit]:
        if self.empty:
            return []
        text, cased = sk.text, sk.cased
        hits: list[Hit] = []
        for last, values in self.automaton.iter(text):
            for index, length, anchored in values:
                start = last - length + 1
                end = last + 1
                if anchored:
                    start += 1
                    end -= 1
                else:
                    if text[start - 1] != " " and not is_camel_boundary(cased, start):
                        continue
                    if text[end] != " " and not is_camel_boundary(cased, end):
                        continue
                hits.append(Hit(self.terms[index], start, end))
        return longest(hits)


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
