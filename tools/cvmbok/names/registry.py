"""Load the name registries into `NamePattern`s: the public company registry and a clear-text `--names` file.

A registry entry lists a company's name, aliases, brands and web domains. Every
string becomes one `NamePattern` that the matcher looks for. Names that are also ordinary
words get an ambiguity class (domain reference §0.6):

* ``A`` (default): the name alone is a leak, in any case or disguise: error.
* ``B``: a leak only in its registered casing (or all capitals): ``EE``, ``Nectar``.
* ``C``: a common word (``Target``, ``Next``, ``Delta``): an error only where the
  context makes it a company ("at Target", "Delta's lounge"); alone and
  capitalized mid-sentence a warning; otherwise nothing. Compound forms such as
  ``Target Circle`` are separate class-A entries.

Each company also says where it trades and how big it is, so that the
re-identification check can count how many registered companies fit what a text
reveals (industry + country + size band): ``markets`` (ISO 3166-1 alpha-2 codes),
``size`` (one of `SIZE_BANDS`), ``tickers`` and ``short`` forms. Tickers and short
forms are matchable names, never class A. A bare ticker of three letters or fewer, or
one that is an ordinary word (class C: ``TLS``, ``DAL``, ``COST``), is no name at all:
it is found only where the text quotes it as a ticker (`names.tickers`), because such
capitals mean other things in prose; a longer distinctive one (``TMUS``) is class B.

Malformed registries raise `UsageError` with a one-line reason (exit 2).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError
from .normalize import name_words, skeleton

CLASSES = ("A", "B", "C")
COMPANY_KEYS = {"name", "aliases", "brands", "domains", "industry", "ambiguity",
                "markets", "size", "tickers", "short", "sources"}
SIZE_BANDS = ("small", "medium", "large", "very large")
"""Customers (or, where a source gives only money, revenue or market value): small
under 1 million customers (under USD 2 billion), medium 1-10 million (USD 2-10
billion), large 10-50 million (USD 10-200 billion), very large above that. The
header of ``styles/names/companies.yml`` says how each source's figures map to them."""
INDUSTRIES = ("telecom", "banking", "insurance", "retail", "airline", "travel", "hospitality",
              "utilities", "energy", "media", "gaming", "e-commerce", "mobility", "payments",
              "loyalty", "software")
"""``software``: CVM software vendors (decisioning, campaign management, customer data
platforms, analytics); their products are listed as brands."""
MARKET = re.compile(r"[A-Z]{2}")
MARKET_WORLD = "ZZ"
"""Where a company serves customers worldwide rather than in a list of countries."""
PERSON_KEYS = {"name", "distinctive"}
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


@dataclass(frozen=True)
class NamePattern:
    """One string to look for and what it means when found."""

    text: str
    """As registered (``Target Circle``), shown in messages."""
    rule: str
    """``leak.company``, ``leak.brand``, ``leak.domain`` or ``leak.person``."""
    owner: str
    """The company it points to (for people: the registered full name)."""
    industry: str
    ambiguity: str
    words: tuple[str, ...]
    """Lowercase skeleton words (``("target", "circle")``)."""
    cased: str
    """Skeleton letters in registered casing, joined (``TargetCircle``): class B/C compare against it."""
    cased_words: tuple[str, ...] = ()
    """Skeleton words in registered casing (``("Target", "Circle")``): class B/C are matched with them."""


@dataclass(frozen=True)
class Person:
    name: str
    distinctive: bool = True


@dataclass(frozen=True)
class Company:
    name: str
    aliases: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    industry: str = ""
    ambiguity: tuple[tuple[str, str], ...] = ()
    markets: tuple[str, ...] = ()
    """ISO 3166-1 alpha-2 codes of the countries where it has customers (``ZZ``: worldwide)."""
    size_band: str = ""
    """One of `SIZE_BANDS`, or empty when no source gives a size."""
    tickers: tuple[str, ...] = ()
    """Stock symbols without the exchange suffix (``VOD``, ``DTE``): class B or C."""
    short_forms: tuple[str, ...] = ()
    """Short forms people write (``DT``, ``BofA``): class B or C."""
    sources: tuple[str, ...] = ()
    """Which files under ``styles/names/sources/`` the entry came from."""

    def ambiguity_of(self, text: str) -> str:
        given = dict(self.ambiguity).get(text, "A")
        if given == "A" and (text in self.tickers or text in self.short_forms) and text not in self.named():
            return "B"
        return given

    def named(self) -> tuple[str, ...]:
        """The name, aliases and brands (not the tickers and short forms)."""
        return (self.name, *self.aliases, *self.brands)

    def serves(self, market: str) -> bool:
        return market.upper() in self.markets or MARKET_WORLD in self.markets


@dataclass(frozen=True)
class Registry:
    companies: tuple[Company, ...] = ()
    people: tuple[Person, ...] = ()

    def merged(self, other: "Registry") -> "Registry":
        return Registry(self.companies + other.companies, self.people + other.people)

    def matching(self, industry: str | None = None, market: str | None = None,
                 size_band: str | None = None) -> list[Company]:
        """The companies that fit what a text reveals; ``None`` leaves that fact open.

        A company whose size no source gives is counted for every size band (it may be
        that size), so the count never claims more certainty than the data has.
        """
        return [c for c in self.companies
                if (industry is None or c.industry == industry)
                and (market is None or c.serves(market))
                and (size_band is None or not c.size_band or c.size_band == size_band)]

    def ticker_owners(self) -> dict[str, list[Company]]:
        """Bare ticker -> the companies quoted under it (largest first), for `names.tickers`.

        Class-C tickers are not terms: they count only in ticker context ("DAL shares"),
        while their exchange-qualified forms ("NYSE: DAL") are terms of their own.
        Built once per registry (the registry is immutable).
        """
        known = self.__dict__.get("_ticker_owners")
        if known is None:
            known = {}
            for company in self.companies:
                for ticker in company.tickers:
                    if ":" not in ticker:
                        known.setdefault(ticker, []).append(company)
            for owners in known.values():
                owners.sort(key=lambda c: -(SIZE_BANDS.index(c.size_band) if c.size_band else -1))
            object.__setattr__(self, "_ticker_owners", known)
        return known

    def number_owners(self) -> dict[str, list[Company]]:
        """Share number without leading zeros -> the companies quoted under it ("700" for
        Hong Kong's "0700"), largest first: `ticker_owners` restricted to numeric tickers."""
        known = self.__dict__.get("_number_owners")
        if known is None:
            known = {}
            for ticker, companies in self.ticker_owners().items():
                if ticker.isdigit():
                    known.setdefault(ticker.lstrip("0"), []).extend(companies)
            object.__setattr__(self, "_number_owners", known)
        return known

    def terms(self) -> list[NamePattern]:
        terms: list[NamePattern] = []
        for company in self.companies:
            for text, rule in (
                [(company.name, "leak.company")]
                + [(a, "leak.company") for a in company.aliases]
                + [(b, "leak.brand") for b in company.brands]
                + [(d, "leak.domain") for d in company.domains]
                + [(t, "leak.company") for t in company.tickers + company.short_forms
                   if t not in company.named() and (t in company.short_forms or ":" in t
                                                    or company.ambiguity_of(t) == "B")]
            ):
                term = make_term(text, rule, company.name, company.industry, company.ambiguity_of(text))
                if term is not None:
                    terms.append(term)
        for person in self.people:
            terms.extend(person_terms(person))
        return terms


def make_term(text: str, rule: str, owner: str, industry: str, ambiguity: str) -> NamePattern | None:
    sk = skeleton(text)
    words = tuple(sk.text.split())
    if not words:
        return None
    cased = tuple(sk.cased.split())
    return NamePattern(text, rule, owner, industry, ambiguity, words, "".join(cased), cased)


def person_forms(name: str, distinctive: bool = True) -> list[tuple[str, ...]]:
    """The word sequences under which a person is recognized.

    Full name, given name + surname, initial + surname, "Surname, Given", and the
    surname alone when it is distinctive. The surname is the last whitespace-separated
    part (so ``Kowalczyk-Ferreira`` stays whole); a trailing Jr/Sr/II is ignored.
    """
    parts = [p for p in name.split() if name_words(p)]
    if parts and len(parts) > 2 and "".join(name_words(parts[-1])) in NAME_SUFFIXES:
        parts = parts[:-1]
    full = tuple(name_words(name))
    if len(parts) < 2:
        return [full] if full else []
    given = tuple(name_words(parts[0]))
    surname = tuple(name_words(parts[-1]))
    forms = [full, given + surname, (given[0][0],) + surname, surname + given]
    if distinctive:
        forms.append(surname)
    unique: list[tuple[str, ...]] = []
    for form in forms:
        if form and form not in unique:
            unique.append(form)
    return unique


def person_terms(person: Person) -> list[NamePattern]:
    return [
        NamePattern(person.name, "leak.person", person.name, "", "A", form, "")
        for form in person_forms(person.name, person.distinctive)
    ]


# ---------------------------------------------------------------- loading


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and str(v).strip() for v in value):
        raise UsageError(f"{where}: must be a list of non-empty strings")
    return tuple(str(v).strip() for v in value)


def parse_company(data: Any, where: str) -> Company:
    if not isinstance(data, dict):
        raise UsageError(f"{where}: each company must be a mapping with at least 'name'")
    unknown = sorted(set(data) - COMPANY_KEYS)
    if unknown:
        raise UsageError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(COMPANY_KEYS))}")
    name = data.get("name")
    if not isinstance(name, (str, int)) or not str(name).strip():
        raise UsageError(f"{where}: 'name' is missing or empty")
    name = str(name).strip()
    ambiguity = data.get("ambiguity") or {}
    if not isinstance(ambiguity, dict) or not all(str(v) in CLASSES for v in ambiguity.values()):
        raise UsageError(f"{where} ({name}): 'ambiguity' must map names to A, B or C")
    industry = str(data.get("industry") or "").strip()
    if industry and industry not in INDUSTRIES:
        raise UsageError(f"{where} ({name}): industry '{industry}' is not one of {', '.join(INDUSTRIES)}")
    raw_markets = data.get("markets")
    if isinstance(raw_markets, list) and any(isinstance(m, bool) for m in raw_markets):
        raise UsageError(f"{where} ({name}): markets: write Norway as 'NO' in quotes (YAML reads a bare NO as false)")
    markets = tuple(m.upper() for m in _strings(raw_markets, f"{where} ({name}) markets"))
    bad = [m for m in markets if not MARKET.fullmatch(m)]
    if bad:
        raise UsageError(f"{where} ({name}): markets must be ISO 3166-1 alpha-2 codes such as DE or BR "
                         f"(or ZZ for worldwide), not {', '.join(bad)}")
    size = data.get("size")
    size = "" if size is None else str(size).strip()
    if size and size not in SIZE_BANDS:
        raise UsageError(f"{where} ({name}): size '{size}' is not one of {', '.join(SIZE_BANDS)}")
    company = Company(
        name=name,
        aliases=_strings(data.get("aliases"), f"{where} ({name}) aliases"),
        brands=_strings(data.get("brands"), f"{where} ({name}) brands"),
        domains=_strings(data.get("domains"), f"{where} ({name}) domains"),
        industry=industry,
        ambiguity=tuple((str(k), str(v)) for k, v in ambiguity.items()),
        markets=markets,
        size_band=size,
        tickers=_strings(data.get("tickers"), f"{where} ({name}) tickers"),
        short_forms=_strings(data.get("short"), f"{where} ({name}) short"),
        sources=_strings(data.get("sources"), f"{where} ({name}) sources"),
    )
    listed = {company.name, *company.aliases, *company.brands, *company.domains,
              *company.tickers, *company.short_forms}
    stray = sorted(k for k, _ in company.ambiguity if k not in listed)
    if stray:
        raise UsageError(f"{where} ({name}): 'ambiguity' names {', '.join(stray)}, which the entry does not list")
    return company


def parse_person(data: Any, where: str) -> Person:
    if isinstance(data, str):
        data = {"name": data}
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"].strip():
        raise UsageError(f"{where}: each person needs a non-empty 'name'")
    unknown = sorted(set(data) - PERSON_KEYS)
    if unknown:
        raise UsageError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: name, distinctive")
    distinctive = data.get("distinctive", True)
    if not isinstance(distinctive, bool):
        raise UsageError(f"{where}: 'distinctive' must be true or false")
    return Person(data["name"].strip(), distinctive)


def _read_yaml(path: Path, what: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"{what} {path}: cannot read it ({reason})") from None
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise UsageError(f"{what} {path}: not valid YAML{at} ({problem})") from None


def _read_json_lines(path: Path) -> list[Any] | None:
    """The generated registry's fast path: every entry is one line ``- {JSON}``.

    JSON is also YAML, so the file stays one format; ``json`` reads the 3,000 entries
    in a few tens of milliseconds where PyYAML needs about a second (and `cvmbok check`
    loads the registry on every run). Any other line (a hand edit in YAML flow style,
    a block mapping) returns None and the caller reads the file as YAML.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    items: list[Any] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not stripped.startswith("- {"):
            return None
        try:
            items.append(json.loads(stripped[2:]))
        except ValueError:
            return None
    return items


def load_companies(path: Path) -> Registry:
    """The public registry: a YAML list of company entries."""
    data: Any = _read_json_lines(path)
    if data is None:
        data = _read_yaml(path, "company registry")
    if not isinstance(data, list):
        raise UsageError(f"company registry {path}: must be a YAML list of companies")
    return Registry(tuple(parse_company(item, f"{path} entry {i + 1}") for i, item in enumerate(data)))


def load_names_file(path: Path) -> Registry:
    """A clear-text `--names` registry: ``companies:`` (same entries) and ``people:``."""
    data = _read_yaml(path, "--names")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UsageError(f"--names {path}: must be a mapping with 'companies' and/or 'people' lists")
    unknown = sorted(set(data) - {"companies", "people"})
    if unknown:
        raise UsageError(f"--names {path}: unknown key(s) {', '.join(unknown)}; allowed: companies, people")
    companies = data.get("companies") or []
    people = data.get("people") or []
    if not isinstance(companies, list) or not isinstance(people, list):
        raise UsageError(f"--names {path}: 'companies' and 'people' must be lists")
    return Registry(
        tuple(parse_company(c, f"--names {path} company {i + 1}") for i, c in enumerate(companies)),
        tuple(parse_person(p, f"--names {path} person {i + 1}") for i, p in enumerate(people)),
    )
