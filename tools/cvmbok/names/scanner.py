"""The leak engine: text in, findings out. Used by `cvmbok check` and `cvmbok scan-editions`.

It scans the whole raw text of a file (front matter, code, comments, link targets,
directive options included) rather than the prose tokens of a parser: a name is
a leak wherever it sits, and a raw scan cannot miss a place a parser skips. It then
scans the text as a reader sees it (`visible.reader_view`: inline markup, spaced
letters and leetspeak undone, offsets unchanged), where only unambiguous names of
four letters or more count, and looks for class-A names at the start of closed
compounds ("Quenfieldkunden").

Precision: a registered name that is an ordinary word of English or another
language, or three capitals or fewer ("BT", "DNA"), is decided like a common-word
name (class C): an error only in company context, whatever its registered class.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from ..findings import Finding, Severity
from .allowlist import Allowlist
from .compounds import MIN_REST, SHORT_RESTS, capital_head, case_ending, compound_rest, known_word
from .context import casing_matches, decide, generic_use
from .flags import Flag
from .hashing import PrivateMatcher
from .heuristics import all_flags
from .matcher import Hit, Matcher
from .namedata import (FOREIGN_WORD, is_common_word, is_compounding_word, is_english_word, is_foreign_word, is_given,
                       is_place, is_surname)
from .normalize import Skeleton, piece_skeleton, skeleton
from .persons import Authors, eponym
from .registry import Registry, NamePattern
from .visible import changed_pieces, leet_readings, leet_words, reader_view

AddFinding = Callable[[int, int, str, Severity, str, str], None]
MIN_DISGUISED = 4
"""Letters a name needs before a hit found only in the reader's view counts (three when the
letters are spelled out one by one: "K.P.N", "a.x.a")."""

NEUTRAL = {
    "telecom": "a telecom operator", "banking": "a retail bank", "insurance": "an insurer",
    "retail": "a retailer", "airline": "an airline", "travel": "a travel company",
    "utilities": "an energy supplier", "energy": "an energy company", "media": "a media company",
    "gaming": "a games company", "e-commerce": "an online retailer", "payments": "a payments company",
    "mobility": "a mobility platform", "loyalty": "a loyalty programme operator", "hospitality": "a hotel group",
}
KIND = {"leak.brand": "a brand of", "leak.domain": "a web domain of"}


def neutral(industry: str) -> str:
    return NEUTRAL.get(industry, "a neutral description ('a large operator')")


@dataclass
class LeakScanner:
    terms: Sequence[NamePattern]
    private: PrivateMatcher | None = None
    allowlist: Allowlist = field(default_factory=Allowlist)
    heuristics: bool = True
    registry: Registry | None = None
    """For re-identification counts (industry, markets, size band of each company)."""
    authors: Authors = field(default_factory=Authors)
    """Authors of the bibliography: never flagged as people."""
    prebuilt: Matcher | None = field(default=None, repr=False, compare=False)
    """The automata for `terms` when they are already built (`names.compiled` keeps them on disk)."""

    def __post_init__(self) -> None:
        self.matcher = self.prebuilt if self.prebuilt is not None else Matcher(self.terms)
        self._classes: dict[NamePattern, str] = {}
        self._one_word: dict[str, NamePattern] | None = None
        self._spelled: dict[str, NamePattern] | None = None
        self._domain_names: dict[tuple[str, tuple[str, ...]], NamePattern] | None = None
        self.company_hosts = tuple(sorted({t.text.lower() for t in self.terms if t.rule == "leak.domain"}))

    def effective_class(self, term: NamePattern) -> str:
        """The class a hit of `term` is decided as: its registered class, made more cautious
        where the registry's word lists cannot see it.

        C (company context needed): three capitals or fewer ("BT", "DNA"), unless the registry
        made them B as a company's initials ("KPN"), or one of the 3,000 most frequent English words.
        B (registered casing needed) for a class-A name of four or five letters that is a
        frequent word of another language the registry's lists do not cover ("roku" is
        Polish for "year", "toho" Czech for "of that"): capitalized it is the company, in
        lowercase a word. Of three letters or fewer, C: "Au lieu de ..." starts a French
        sentence.
        Longer frequent words of other languages keep their class: the frequency lists hold
        the brands of their countries ("telenor", "telekom"), and English prose writes such
        a word only as the name (the registry's rule, `namedata.FOREIGN_WORD`).
        """
        known = self._classes.get(term)
        if known is None:
            known = term.ambiguity
            if term.rule != "leak.person":
                letters = "".join(term.words)
                one_word = len(term.words) == 1
                short_capitals = len(letters) <= 3 and term.text.replace(".", "").replace("&", "").isupper()
                if (short_capitals and term.ambiguity != "B") or (one_word and is_common_word(letters)):
                    known = "C"
                elif one_word and known == "A" and len(letters) <= FOREIGN_WORD and is_foreign_word(letters):
                    known = "B" if len(letters) > 3 else "C"
            self._classes[term] = known
        return known

    def scan(self, text: str, path: str, lines_are_units: bool = False, names_only: bool = False) -> list[Finding]:
        """Findings for one text. `lines_are_units`: every line starts a sentence (PDF text).

        `names_only`: registered and private names only, no heuristics (code and style
        sheets, where capitalized words and figures are identifiers, not prose).
        """
        sk = skeleton(text)
        findings: list[Finding] = []

        def add(start: int, end: int, rule: str, severity: Severity, message: str, fix: str) -> None:
            """Report a finding at original [start, end) unless the allowlist lets this file name it."""
            match = text[start:end]
            if self.allowlist.permits(path, match):
                return
            line, column = sk.line_col(start)
            findings.append(Finding(path, line, column, rule, severity, message, fix, match))

        raw, heads = self.matcher.find_with_heads(sk)
        registered: list[tuple[int, int]] = []
        for hit in raw:
            self._registered(text, path, sk, hit, False, lines_are_units, add, registered, names_only)
        for hit in ([] if names_only else self._disguised(text, sk, registered, heads)):
            self._registered(text, path, sk, hit, True, lines_are_units, add, registered)

        if self.private is not None:
            for s, e in self.private.find(sk):
                start, end = sk.original_span(s, e)
                registered.append((start, end))
                add(start, end, "leak.person", Severity.ERROR,
                    f"'{text[start:end]}' matches a registered private name",
                    "replace the name with a role ('a campaign analyst', 'the head of CVM')")

        if self.heuristics and not names_only:
            for flag in _without_overlaps(all_flags(text, self.allowlist.url_hosts, authors=self.authors,
                                                    registry=self.registry, company_hosts=self.company_hosts),
                                          registered):
                add(flag.start, flag.end, flag.rule, flag.severity, flag.message, flag.fix)
        return findings

    def _registered(self, text: str, path: str, sk: Skeleton, hit: Hit, disguised: bool, lines_are_units: bool,
                    add: "AddFinding", registered: list[tuple[int, int]], names_only: bool = False) -> None:
        """Decide one registry hit (raw or disguised) and report it."""
        term = hit.term
        found = ""
        ambiguity = self.effective_class(term)
        hsk = hit.skeleton if hit.skeleton is not None else sk
        if hit.compound or (disguised and ambiguity != "C"):
            ambiguity = "A"  # a name written in disguise is meant: its casing says nothing
        elif disguised and term.rule != "leak.domain":
            spelled = text[slice(*hsk.original_span(hit.start, hit.end))]
            letters = "".join(term.words)
            if SPELLED_OUT.fullmatch(spelled) and not is_english_word(letters) and not is_common_word(letters):
                ambiguity = "A"  # "a.x.a", "k p n": letters spelled out one by one are no ordinary word
        if ambiguity != "A":
            # most hits of common words are lowercase: reject them before mapping offsets
            found = "".join(hsk.cased[hit.start : hit.end].split())
            if not casing_matches(found, term.cased or found, capitals=ambiguity == "B"):
                return
        start, end = hsk.original_span(hit.start, hit.end)
        if term.rule == "leak.domain" and any(c.isspace() for c in text[start:end]):
            named = self._name_of_domain(term)
            if named is not None:  # "Octopus Energy": the name its domain "octopus.energy" spells out
                self._registered(text, path, sk, Hit(named, hit.start, hit.end, hit.skeleton, hit.compound),
                                 disguised, lines_are_units, add, registered, names_only)
            return  # "orange be" is prose; "orange.be" is the domain
        if (len(term.words) == 1 and term.rule != "leak.domain" and not disguised
                and is_surname(term.words[0]) and eponym(text, end)):
            return  # "Pearson correlation", "Cox proportional hazards model": a method named after a person
            # (only a name that is also a surname: "Vodacom churn model" is the company's model)
        if (len(term.words) == 1 and term.rule != "leak.domain" and not disguised and not hit.compound
                and generic_use(text, start, end, term.words[0],
                                is_compounding_word(term.words[0]) and not is_english_word(term.words[0]))):
            return  # "bei einer Sparkasse" (a savings bank), "the Amazon river"
        if ambiguity == "A":
            severity: Severity | None = Severity.ERROR
        else:
            severity = decide(text, start, end, ambiguity, term.cased or found, found, lines_are_units, len(term.words))
        if severity is None:
            return
        if severity is Severity.WARNING and names_only:
            return  # code and comments: only certain names
        if len(term.words) == 1 and (severity is Severity.WARNING or (ambiguity == "C" and _cited(text, start, end))) \
                and self.authors.covers(text[start:end]):
            return  # an author's surname: a citation ("Peppers and Rogers' idea", "Rogers (2004)")
        registered.append((start, end))
        match = text[start:end]
        if term.rule == "leak.person":
            add(start, end, "leak.person", severity,
                f"'{match}' is the name of a registered person",
                "replace the name with a role ('a campaign analyst', 'the head of CVM')")
            return
        if severity is Severity.ERROR:
            what = "names" if term.rule == "leak.company" else f"is {KIND[term.rule]}"
            how = " (disguised: read as a reader sees it)" if disguised else ""
            message = (f"'{match}'{how} {what} {term.owner} ({term.industry or 'registered company'}): "
                       "readers could tell which company this insight comes from")
            fix = f"replace it with {neutral(term.industry)}"
        else:
            message = (f"'{match}' may mean {term.owner} ({term.industry or 'registered company'}); "
                       "as an ordinary word it is fine")
            fix = f"if it is the company, replace it with {neutral(term.industry)}; otherwise write it in lowercase"
        add(start, end, term.rule, severity, message, fix)

    def _disguised(self, text: str, sk: Skeleton, registered: list[tuple[int, int]],
                   heads: list[tuple[int, int]]) -> list[Hit]:
        """Hits found only in the reader's view or at the start of a closed compound (four letters or more)."""
        covered = _Spans(registered)
        found: list[Hit] = []
        view = reader_view(text, sk.text, self.matcher.words.__contains__)
        for offset, piece in changed_pieces(text, view) if view != text else ():
            vsk = piece_skeleton(piece, offset)
            for hit in self.matcher.find(vsk):
                letters = len("".join(hit.term.words))
                if letters < MIN_DISGUISED - 1:
                    continue
                start, end = vsk.original_span(hit.start, hit.end)
                if letters < MIN_DISGUISED and not SPELLED_OUT.fullmatch(text[start:end]):
                    continue  # three letters count only spelled out one by one ("K.P.N")
                if view[start:end] == text[start:end] or covered.overlaps(start, end):
                    continue  # nothing was disguised here: the raw scan decided
                found.append(Hit(hit.term, hit.start, hit.end, vsk))
        found.extend(self._compounds(sk, heads, covered))

        def taken() -> "_Spans":
            """Registered and disguised hits so far, in original offsets."""
            return _Spans(list(registered) + [(h.skeleton or sk).original_span(h.start, h.end) for h in found])

        if "." in text or "-" in text or "·" in text:
            found.extend(self._spelled_common(text, taken()))
        if any(c in text for c in "1!|"):
            found.extend(self._mixed_leet(text, taken()))
        return found

    def _name_of_domain(self, domain: NamePattern) -> NamePattern | None:
        """The owner's name or alias spelled like `domain` without its dot, whose hit the matcher
        gave to the domain (one term per spelling)."""
        if self._domain_names is None:
            self._domain_names = {(t.owner, t.words): t for t in self.terms if t.rule != "leak.domain"}
        return self._domain_names.get((domain.owner, domain.words))

    def _spelled_common(self, text: str, covered: "_Spans") -> list[Hit]:
        """Class-C names spelled out letter by letter in lower case ("a.x.a", "s-e-b"): the reader's
        view finds C names only in their registered casing, and spelled out no word is meant."""
        if self._spelled is None:
            self._spelled = {"".join(t.words): t for t in self.terms
                             if self.effective_class(t) == "C" and t.rule != "leak.domain" and len(t.words) == 1
                             and len(t.words[0]) >= 3 and t.words[0].isalpha()
                             and not is_english_word(t.words[0]) and not is_common_word(t.words[0])}
        hits: list[Hit] = []
        after = 0
        seeds = sorted((m for pattern in _SPELLED_SEEDS for m in pattern.finditer(text)), key=lambda m: m.start())
        for seed in seeds:  # rare, so the full pattern runs only there
            if seed.start() <= after or seed.start() == 0:
                continue
            m = _SPELLED_LOWER.match(text, seed.start() - 1)
            if m is None:
                continue
            after = m.end()
            term = self._spelled.get(re.sub(r"[.·-]", "", m.group()).lower())
            if term is not None and not covered.overlaps(m.start(), m.end()):
                vsk = piece_skeleton(m.group(), m.start())
                hits.append(Hit(term, 1, len(vsk.text) - 1, vsk))
        return hits

    def _mixed_leet(self, text: str, covered: "_Spans") -> list[Hit]:
        """One-word names in leet where 1, ! or | stand for i in one place and l in another ("Pr1ce11ne")."""
        if not any(c in text for c in "1!|"):
            return []
        if self._one_word is None:
            self._one_word = {"".join(t.words): t for t in self.terms
                              if t.ambiguity in ("A", "B") and t.rule != "leak.domain" and len("".join(t.words)) >= MIN_DISGUISED}
        hits: list[Hit] = []
        for start, end, word in leet_words(text, ambiguous_only=True):
            if covered.overlaps(start, end):
                continue
            for reading in leet_readings(word):
                term = self._one_word.get(reading.lower())
                if term is not None and len(reading) == end - start and reading.isalpha():
                    vsk = piece_skeleton(reading, start)
                    hits.append(Hit(term, 1, len(vsk.text) - 1, vsk))
                    break
        return hits

    def _compounds(self, sk: Skeleton, heads: list[tuple[int, int]], covered: "_Spans") -> list[Hit]:
        """Names at the start of a closed compound whose rest is an ordinary word
        ("Quenfieldkunden", "Quenfieldtarif", "QNFkunden").

        `heads`: (start, term index) of the words that begin with a compound head, found by
        the matcher's pass over the skeleton. A head in capitals counts only in capitals with
        a lowercase rest ("KPNklanten", not "kpnklanten"); a class-B head only in its
        registered casing.
        """
        hits: list[Hit] = []
        text, cased = sk.text, sk.cased
        for start, index in heads:
            term = self.matcher.terms[index]
            head = term.words[0]
            end = text.find(" ", start)
            word = text[start:end]
            rest = word[len(head):]
            if rest and len(head) >= MIN_REST and case_ending(head, rest) and self.effective_class(term) != "C" \
                    and cased.startswith(term.cased, start) and not known_word(word) \
                    and not (is_given(word) or is_surname(word) or is_place(word)):  # "Dust|in" is Dustin
                if not covered.overlaps(*sk.original_span(start, end)) and not (hits and hits[-1].start == start):
                    hits.append(Hit(term, start, end, compound=True))  # "Finnairin", "Telian": a case ending
                continue
            if (len(rest) < MIN_REST and rest not in SHORT_RESTS) or not rest.isalpha():
                continue  # the name alone (the main scan's business) or a name with a short ending
            if capital_head(term):
                if not cased.startswith(term.cased, start) or not cased[start + len(head)].islower():
                    continue
            elif (term.ambiguity == "B" and not cased.startswith(term.cased, start)) or known_word(word):
                continue  # class B in another casing; a word of its own that merely starts like the name
            if compound_rest(rest) or (rest[0] in "sn" and len(rest) > MIN_REST and compound_rest(rest[1:])):
                if not covered.overlaps(*sk.original_span(start, end)) and not (hits and hits[-1].start == start):
                    hits.append(Hit(term, start, end, compound=True))  # one hit per word ("Sparkasse|n", "Sparkassen")
        return hits


class _Spans:
    """Sorted, merged spans with an O(log n) overlap test (keeps the scan linear on big texts)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


_COAUTHOR_BEFORE = re.compile(r"\b[A-Z][\w'’-]+,?\s+(?:and|&|y|e|et|und|en|och|og|ve|dan|i|oraz)\s+\Z")
_CITATION_AFTER = re.compile(r"['’]?s?\s*(?:et\s+al\b|\(?(?:19|20)\d\d\b)")


def _cited(text: str, start: int, end: int) -> bool:
    """Is the surname at [start, end) cited: after a co-author ("Peppers and Rogers'") or before
    "et al." or a year ("Rogers (2004)")?"""
    return (_COAUTHOR_BEFORE.search(text, max(0, start - 40), start) is not None
            or _CITATION_AFTER.match(text, end) is not None)


_SPELLED_SEEDS = tuple(re.compile(rf"{re.escape(sep)}[^\W\d_]{re.escape(sep)}") for sep in ".-·")
"""Where letters may be spelled out: a separator, one letter, the same separator. One pattern per
separator, since a pattern that starts with a literal is searched ten times faster than a class."""
_SPELLED_LOWER = re.compile(r"(?<![\w.·-])[^\W\d_](?:([.·-])[^\W\d_])(?:\1[^\W\d_]){1,6}\.?(?![\w·-])")
"""Three to eight single letters joined by one kind of dot or hyphen ("a.x.a", "s-e-b")."""
SPELLED_OUT = re.compile(r"[^\W\d_](?:[.\s·-]+[^\W\d_]){2,}\.?")
"""Single letters joined by dots, spaces, middle dots or hyphens ("a.x.a", "K P N")."""


def _without_overlaps(flags: list[Flag], registered: list[tuple[int, int]]) -> list[Flag]:
    """Heuristic flags that no registered finding covers, one per span (errors before warnings)."""
    kept: list[Flag] = []
    covered = _Spans(registered)
    taken = _Spans([])
    for flag in sorted(flags, key=lambda f: (f.severity.rank, f.start, -(f.end - f.start))):
        if covered.overlaps(flag.start, flag.end) or taken.overlaps(flag.start, flag.end):
            continue
        kept.append(flag)
        taken.add(flag.start, flag.end)
    return sorted(kept, key=lambda f: f.start)
