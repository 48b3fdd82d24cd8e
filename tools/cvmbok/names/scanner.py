"""The leak engine: text in, findings out. Used by `cvmbok check` and `cvmbok scan-editions`.

It scans the whole raw text of a file (front matter, code, comments, link targets,
directive options included) rather than the prose tokens of a parser: a name is
a leak wherever it sits, and a raw scan cannot miss a place a parser skips.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..findings import Finding, Severity
from .allowlist import Allowlist
from .context import casing_matches, decide
from .hashing import PrivateMatcher
from .heuristics import all_flags
from .matcher import Matcher
from .normalize import skeleton
from .registry import Term

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
    terms: Sequence[Term]
    private: PrivateMatcher | None = None
    allowlist: Allowlist = field(default_factory=Allowlist)
    heuristics: bool = True

    def __post_init__(self) -> None:
        self.matcher = Matcher(self.terms)

    def scan(self, text: str, path: str, lines_are_units: bool = False) -> list[Finding]:
        """Findings for one text. `lines_are_units`: every line starts a sentence (PDF text)."""
        sk = skeleton(text)
        findings: list[Finding] = []

        def add(start: int, end: int, rule: str, severity: Severity, message: str, fix: str) -> None:
            match = text[start:end]
            if self.allowlist.permits(path, match):
                return
            line, column = sk.line_col(start)
            findings.append(Finding(path, line, column, rule, severity, message, fix, match))

        for hit in self.matcher.find(sk):
            term = hit.term
            found = ""
            if term.ambiguity != "A":
                # most hits of common words are lowercase: reject them before mapping offsets
                found = "".join(sk.cased[hit.start : hit.end].split())
                if not casing_matches(found, term.cased, capitals=term.ambiguity == "B"):
                    continue
            start, end = sk.original_span(hit.start, hit.end)
            if term.rule == "leak.domain" and any(c.isspace() for c in text[start:end]):
                continue  # "orange be" is prose; "orange.be" is the domain
            if term.ambiguity == "A":
                severity: Severity | None = Severity.ERROR
            else:
                severity = decide(text, start, end, term.ambiguity, term.cased, found, lines_are_units, len(term.words))
            if severity is None:
                continue
            match = text[start:end]
            if term.rule == "leak.person":
                add(start, end, "leak.person", severity,
                    f"'{match}' is the name of a registered person",
                    "replace the name with a role ('a campaign analyst', 'the head of CVM')")
                continue
            if severity is Severity.ERROR:
                what = "names" if term.rule == "leak.company" else f"is {KIND[term.rule]}"
                message = (f"'{match}' {what} {term.owner} ({term.industry or 'registered company'}): "
                           "readers could tell which company this insight comes from")
                fix = f"replace it with {neutral(term.industry)}"
            else:
                message = (f"'{match}' may mean {term.owner} ({term.industry or 'registered company'}); "
                           "as an ordinary word it is fine")
                fix = f"if it is the company, replace it with {neutral(term.industry)}; otherwise write it in lowercase"
            add(start, end, term.rule, severity, message, fix)

        if self.private is not None:
            for s, e in self.private.find(sk):
                start, end = sk.original_span(s, e)
                add(start, end, "leak.person", Severity.ERROR,
                    f"'{text[start:end]}' matches a registered private name",
                    "replace the name with a role ('a campaign analyst', 'the head of CVM')")

        if self.heuristics:
            for flag in all_flags(text, self.allowlist.url_hosts):
                add(flag.start, flag.end, flag.rule, flag.severity, flag.message, flag.fix)
        return findings
