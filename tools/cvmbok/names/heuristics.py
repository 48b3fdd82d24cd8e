"""Leaks that no registry lists: e-mail addresses, phone numbers, URLs, legal entities,
likely personal names and re-identifying detail. All warnings, for the reviewer.

Each function takes the original text and yields `Flag`s with original offsets.
They are regular expressions over the raw text, tuned on CVM prose so that dates,
ISBNs, KPIs and round figures stay quiet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..findings import Severity


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    rule: str
    severity: Severity
    message: str
    fix: str


EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net", "example", "test", "invalid", "localhost")

# ------------------------------------------------------------------ e-mail

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@((?:[\w-]+\.)+[A-Za-z]{2,})(?![\w-])")


def _host_allowed(host: str, allowed: Iterable[str]) -> bool:
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return any(host == a or host.endswith("." + a) for a in allowed)


def emails(text: str) -> Iterator[Flag]:
    if "@" not in text:
        return
    for m in EMAIL_RE.finditer(text):
        if _host_allowed(m.group(1), EXAMPLE_DOMAINS):
            continue
        yield Flag(m.start(), m.end(), "leak.email", Severity.WARNING,
                   f"e-mail address '{m.group()}' can identify a person or a company",
                   "remove it, or use an address at example.com")


# ------------------------------------------------------------------ phone numbers

PHONE_RE = re.compile(
    r"(?:"
    r"\+\d{1,3}[ .-]?(?:\(0?\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,4}){1,4}"  # +44 20 7946 0958
    r"|\(0\d{1,4}\)[ .-]?\d{3,4}[ .-]?\d{3,4}"  # (020) 7946 0958
    r"|0\d{2,4}[ /-]\d{3,4}[ -]\d{3,4}"  # 030 1234 5678
    r"|tel:\+?[\d-]{6,}"
    r")(?![\w-])"
)
_NOT_BEFORE_PHONE = set("+/.-_")


def phones(text: str) -> Iterator[Flag]:
    for m in PHONE_RE.finditer(text):
        before = text[m.start() - 1 : m.start()]
        if before and (before.isalnum() or before in _NOT_BEFORE_PHONE):
            continue
        digits = sum(c.isdigit() for c in m.group())
        if not 8 <= digits <= 15:
            continue
        yield Flag(m.start(), m.end(), "leak.phone", Severity.WARNING,
                   f"'{m.group()}' looks like a phone number",
                   "remove it; contributions never carry contact details")


# ------------------------------------------------------------------ URLs

URL_RE = re.compile(r"(?:\bhttps?://|(?<![\w./@-])www\.)([\w.-]+)[^\s<>()\[\]\"'`]*", re.IGNORECASE)


def urls(text: str, allowed: Iterable[str]) -> Iterator[Flag]:
    if "://" not in text and "www." not in text.lower():
        return
    allowed = tuple(allowed) + EXAMPLE_DOMAINS
    for m in URL_RE.finditer(text):
        host = m.group(1)
        if _host_allowed(host, allowed):
            continue
        url = m.group().rstrip(".,;:")
        yield Flag(m.start(), m.start() + len(url), "leak.url", Severity.WARNING,
                   f"link to '{host}', which is not on the allowlist: a link can point at the source company",
                   "remove the link, cite the public source in section 8, or add the host to styles/names/allowlist.yml")


# ------------------------------------------------------------------ legal entities

LEGAL_SUFFIXES = (
    r"Ltd\.?|Limited|plc|PLC|GmbH|AG|S\.A\.|S\.p\.A\.|SpA|Inc\.?|Incorporated|LLC|LLP|Corp\.?|"
    r"N\.V\.|B\.V\.|Pty|Oyj|ASA|KGaA|S\.A\.S\.|SAS|SARL|Sp\. z o\.o\.|A/S"
)
SUFFIX_RE = re.compile(rf"(?:{LEGAL_SUFFIXES})(?![\w])")
LEGAL_RE = re.compile(
    rf"\b((?:[A-Z][\w&'’-]*[ \t]+){{0,3}}[A-Z][\w&'’-]*),?[ \t]+({LEGAL_SUFFIXES})(?![\w])"
)


def legal_entities(text: str) -> Iterator[Flag]:
    """Capitalized words followed by a legal form. Only lines that hold a legal form are searched."""
    done = -1
    for suffix in SUFFIX_RE.finditer(text):
        line_start = text.rfind("\n", 0, suffix.start()) + 1
        if line_start <= done or text[suffix.start() - 1 : suffix.start()].isalnum():
            continue
        line_end = text.find("\n", suffix.end())
        line_end = len(text) if line_end < 0 else line_end
        done = line_start
        for m in LEGAL_RE.finditer(text, line_start, line_end):
            yield Flag(m.start(), m.end(), "leak.legal-entity", Severity.WARNING,
                       f"'{m.group()}' names an organization by its legal form",
                       "describe it instead ('a regional insurer', 'a software vendor')")


# ------------------------------------------------------------------ likely personal names

GIVEN_NAMES = frozenset(
    """Aaron Adam Adrian Ahmed Aisha Alan Albert Alex Alexander Alexandra Ali Alice Amanda Amir Ana
    Andrea Andreas Andrew Angela Anna Anne Anton Antonio Arjun Barbara Ben Benjamin Bernd Brian
    Carlos Caroline Catherine Charles Charlotte Chen Chris Christian Christina Christine Claire
    Claudia Daniel Daniela David Deborah Diana Dieter Dmitri Edward Elena Elizabeth Emily Emma Eric
    Eva Fatima Felix Fernando Francesca Frank Franz Frederick Fritz Gabriel George Giovanni Giulia
    Hans Hannah Helen Henrik Hiroshi Ian Ingrid Isabel Ivan Jack Jacob James Jan Jane Janet Jason
    Javier Jennifer Jessica Joanna Johan Johann John Jonas Jonathan Jorge Jose Joseph Juan Julia
    Julian Juliet Jurgen Karen Karin Kate Katharina Katherine Kenji Kevin Klaus Lars Laura Lena
    Linda Lisa Lucas Lucia Luis Lukas Magnus Maria Marie Marco Mario Markus Martin Mary Matthew
    Matthias Max Mehmet Michael Michelle Miguel Mohammed Monika Nadia Natalia Nicholas Nicole Nina
    Olga Oliver Olivia Omar Pablo Patrick Paul Paula Pedro Peter Petra Philip Pierre Priya Rachel
    Rahul Rajesh Ravi Rebecca Richard Robert Roberto Sandra Sara Sarah Sebastian Sergei Simon Sofia
    Sophie Stefan Stephanie Steven Susan Sven Thomas Tim Timothy Tom Ursula Valentina Victoria
    Wei Werner William Wolfgang Yuki Yusuf Zoe""".split()
)
HONORIFIC_RE = re.compile(r"(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sir|Dame)\.?[ \t]+[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)?")
PAIR_RE = re.compile(r"([A-Z][a-z]+)[ \t]+(?:[A-Z]\.[ \t]*)?([A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)(?![\w])")


def personal_names(text: str) -> Iterator[Flag]:
    """An honorific and a capitalized name, or a common given name and a capitalized surname."""
    found = []
    for m in HONORIFIC_RE.finditer(text):
        if not text[m.start() - 1 : m.start()].isalnum():
            found.append(m)
    for m in PAIR_RE.finditer(text):
        if m.group(1) in GIVEN_NAMES and not text[m.start() - 1 : m.start()].isalnum():
            found.append(m)
    reach = -1
    for m in sorted(found, key=lambda m: (m.start(), -m.end())):
        if m.end() <= reach:
            continue
        reach = m.end()
        yield _person_flag(m)


def _person_flag(m: re.Match[str]) -> Flag:
    return Flag(m.start(), m.end(), "leak.person-name", Severity.WARNING,
                f"'{m.group()}' looks like a person's name",
                "remove it or use a role ('the head of CVM'); authors are cited only in section 8")


# ------------------------------------------------------------------ re-identifying detail

COUNTRIES = (
    "Albania Algeria Argentina Australia Austria Bahrain Bangladesh Belgium Bolivia Brazil Bulgaria "
    "Cambodia Cameroon Canada Chile China Colombia Croatia Cyprus Czechia Denmark Ecuador Egypt "
    "Estonia Ethiopia Finland France Georgia Germany Ghana Greece Hungary Iceland India Indonesia Iran "
    "Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Korea Kuwait Latvia Lebanon Lithuania "
    "Luxembourg Malaysia Malta Mexico Morocco Myanmar Nepal Netherlands Nigeria Norway Oman Pakistan "
    "Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Serbia Singapore "
    "Slovakia Slovenia Spain Sweden Switzerland Taiwan Tanzania Thailand Tunisia Turkey Türkiye "
    "Uganda Ukraine Uruguay Venezuela Vietnam Zambia Zimbabwe"
).split() + [
    "Costa Rica", "Côte d'Ivoire", "Hong Kong", "New Zealand", "Saudi Arabia", "South Africa",
    "Sri Lanka", "United Arab Emirates", "United Kingdom", "United States", "the UK", "the US", "the USA",
]
COUNTRY_RE = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in COUNTRIES) + r")\b")
POSITION_RE = re.compile(
    r"\b(?:(?:the\s+)?(?:largest|biggest|second[- ]largest|third[- ]largest|smallest|oldest|leading|"
    r"dominant|incumbent|number[- ](?:one|two|three|1|2|3)|no\.\s?[123]|#[123])\s+"
    r"(?:[\w-]+\s+){0,3}?(?:operator|bank|insurer|retailer|airline|carrier|telco|provider|utility|grocer|"
    r"supermarket|broadcaster|lender|player|brand|chain|mno|isp)s?\b|market[- ]leader\b)",
    re.IGNORECASE,
)
FIGURE_RE = re.compile(
    r"\d(?:\d{0,2}(?:[,\u202f\u00a0 ]\d{3})+(?:\.\d+)?|\d*\.\d+\s*(?:million|billion|bn|m)\b|\d{5,})"
)
POSITION_WORDS = ("largest", "biggest", "smallest", "oldest", "leading", "dominant", "incumbent",
                  "number", "no.", "#1", "#2", "#3", "market leader", "market-leader")


def _exact(figure: str) -> bool:
    """An exact figure has at least four significant digits ("12,345,678", "4.213 million")."""
    digits = "".join(c for c in figure if c.isdigit()).rstrip("0")
    if "." in figure and any(w in figure for w in ("million", "billion", "bn", "m")):
        return len(digits) >= 3
    return len(digits) >= 4 and sum(c.isdigit() for c in figure) >= 5


SENTENCE_ENDS = (". ", ".\n", "! ", "!\n", "? ", "?\n", "\n\n")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around [start, end): up to . ! ? or a blank line."""
    a = max(text.rfind(c, 0, start) for c in SENTENCE_ENDS)
    a = 0 if a < 0 else a + 1
    ends = [i for i in (text.find(c, end) for c in SENTENCE_ENDS) if i >= 0]
    return a, (min(ends) + 1 if ends else len(text))


def reidentifying(text: str) -> Iterator[Flag]:
    """An exact large figure with a country or a market position, or a market position with a country."""
    lowered = text.lower()
    positions = any(w in lowered for w in POSITION_WORDS)
    seen: set[int] = set()
    for figure in FIGURE_RE.finditer(text):
        before = text[figure.start() - 1 : figure.start()]
        if (before.isalnum() or before in "-/.") and before or not _exact(figure.group()):
            continue
        a, b = _sentence(text, figure.start(), figure.end())
        other = (POSITION_RE.search(text, a, b) if positions else None) or COUNTRY_RE.search(text, a, b)
        if other is not None:
            seen.add(a)
            yield Flag(figure.start(), figure.end(), "leak.reidentifying", Severity.WARNING,
                       f"an exact figure ('{figure.group().strip()}') together with '{other.group()}' can identify the company",
                       "round the figure ('about 4 million') and drop the country or market position")
    if not positions:
        return
    for position in POSITION_RE.finditer(text):
        a, b = _sentence(text, position.start(), position.end())
        country = COUNTRY_RE.search(text, a, b)
        if country is not None and a not in seen:
            seen.add(a)
            yield Flag(position.start(), position.end(), "leak.reidentifying", Severity.WARNING,
                       f"a market position ('{position.group().strip()}') together with '{country.group()}' can identify the company",
                       "drop the market position or the country ('a large operator in Europe')")


def all_flags(text: str, url_allowlist: Iterable[str]) -> list[Flag]:
    flags: list[Flag] = []
    for found in (emails(text), phones(text), urls(text, url_allowlist), legal_entities(text),
                  personal_names(text), reidentifying(text)):
        flags.extend(found)
    return flags
