"""Build ``styles/names/companies.yml`` from the extracts in ``styles/names/sources/``.

Why generated: a registry of thousands of companies cannot be kept by hand, and each
fact should say where it came from. The hand-curated entries (``curated/companies.yml``:
famous brands, loyalty programmes, CVM software vendors) come first; the public data
(mobile network operators, airlines, listed companies) is merged into them when it
names the same company, and added as new entries otherwise. Every entry records its
``sources``.

The ambiguity class of every name is decided here, by rule, not by hand (a curated
class can only make a name *more* cautious):

* ``C`` (needs company context): three letters or digits or fewer (``EE``, ``TIM``,
  ``O2``); a word or abbreviation of CVM prose (the book's term registry and
  ``curated/prose-abbreviations.txt``: ``CRM``, ``NPS``, ``ARPU``); one word that is an
  ordinary English word, or an ordinary word of another major language of at most five
  letters (Debian word lists, extract in ``wordlists/words.tsv``: ``Orange``, ``Next``,
  ``Vivo``, ``Blau``); a phrase of short ordinary English words (``Air One``).
* ``B`` (its registered casing identifies it): an initialism of three capitals that is no
  word, given name or prose abbreviation (``KPN``, ``LBG``, ``M&S``: without company
  context a warning, see ``context.decide``); a longer ordinary word of another language
  (``Telefónica``, ``Vattenfall``: written in English text only as the name); one word
  in capitals that a word list knows as a proper noun; a phrase of ordinary words (``Total Wireless``, ``Delta Air
  Lines``, ``Crédit Agricole``): lowercase prose never matches it, and a Title Case
  heading is a warning; a phrase with nothing longer than three letters that is not an
  ordinary word; every ticker and short form; every name with a legal form (``Orange
  S.A.``).
* ``A`` (unmistakable): any other name: a word no list has as an ordinary word, even
  if one has it as a proper noun (``Vodafone``, ``Turkcell``, ``Halifax``), or a phrase
  with such a word (``ABN AMRO``, ``Deutsche Telekom``). A proper noun gains nothing
  from B: it is capitalized in prose either way, and A also finds it in lowercase.

``python -m cvmbok.names.build_registry`` writes the registry; ``--check`` only says
whether it is up to date (exit 1 when not). It reads only files in the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from ..errors import UsageError
from ..fileio import atomic_write_bytes
from .namedata import FOREIGN_WORD, is_core_given, is_given, is_ordinary_word
from .registry import COMPANY_KEYS, SIZE_BANDS, load_companies, parse_company

ROOT = Path(__file__).resolve().parents[3]
NAMES = ROOT / "styles" / "names"
SOURCES = NAMES / "sources"
REGISTRY = NAMES / "companies.yml"
TERMS = ROOT / "styles" / "terms.yml"
RANK = {"A": 0, "B": 1, "C": 2}
INITIALISM = re.compile(r"[A-Z]{3}\+?|[A-Z]&[A-Z]|[A-Z][a-z][A-Z]|[A-Z]\.[A-Z]{2}|[A-Z](?:\.[A-Z]){1,2}\.?")
"""Three capitals (``KPN``), two joined by an ampersand (``M&S``), a small letter between two
capitals (``BoA``) or capitals with dots (``E.ON``, ``H.I.S.``): how people write a company's
initials."""
WRITTEN_INITIALISM = re.compile(r"[A-Z][a-z][A-Z]|[A-Z]\.[A-Z]{2}|[A-Z](?:\.[A-Z]){1,2}\.?")
"""Initials whose small letter or dots no ordinary word has (``BoA`` is not "boa")."""

# ---------------------------------------------------------------- words


def plain(text: str) -> str:
    """Lowercase without accents, the form the leak matcher compares."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", plain(text))


REGION_WORDS = frozenset({
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "middle",
    "african", "asian", "european", "american", "arab", "arabian", "nordic", "baltic", "balkan", "gulf",
    "pacific", "atlantic", "caribbean", "latin", "oriental", "mediterranean", "scandinavian", "iberian",
})
"""Compass words and the adjectives of world regions: a name made only of them ("East African")
reads as a region in prose."""
GIVEN_NAME_LANGUAGES = 3


@dataclass(frozen=True)
class Lexicon:
    """What the word lists say about the words of the registry's names."""

    kinds: dict[str, dict[str, str]]
    """plain word -> language -> ``word`` (ordinary) or ``name`` (proper noun only)."""
    prose: frozenset[str]
    """Plain forms of CVM prose terms and abbreviations."""
    places: frozenset[str] = frozenset()
    """Plain one-word country names: proper nouns even where a word list has them in lowercase."""
    prose_initials: frozenset[str] = frozenset()
    """Plain forms of initials that prose uses too (``curated/prose-initials.txt``): they stay class C."""

    def ordinary(self, word: str, lang: str | None = None) -> bool:
        if word in self.places:
            return False
        langs = self.kinds.get(word, {})
        return any(k == "word" for lg, k in langs.items() if lang is None or lg == lang)

    def given_name(self, word: str) -> bool:
        """A frequent given name that the word lists of three languages or more know only as a name."""
        names = sum(1 for kind in self.kinds.get(word, {}).values() if kind == "name")
        return names >= GIVEN_NAME_LANGUAGES and is_core_given(word)

    def known(self, word: str) -> bool:
        return bool(self.kinds.get(word))

    def distinct_initialism(self, text: str) -> bool:
        """Are three capitals (or two joined by ``&``) an initialism that means nothing but
        a company? Not when they are a word of any language (``NAB``, ``SAP``), a given
        name, a place, an abbreviation of CVM prose (``CRM``, ``M&A``, with a plural) or
        initials that prose uses too (``curated/prose-initials.txt``: ``WOM``, ``SSE``)."""
        if not INITIALISM.fullmatch(text):
            return False
        joined = " ".join(words_of(text))
        if joined in self.prose or joined + "s" in self.prose or joined in self.places or joined in self.prose_initials:
            return False
        word = joined.replace(" ", "")
        if WRITTEN_INITIALISM.fullmatch(text):
            return True
        return not (self.known(word) and (self.ordinary(word) or self.given_name(word)))

    def classify(self, text: str) -> str:
        """The ambiguity class the rules in the module docstring give `text`."""
        words = words_of(text)
        letters = sum(len(w) for w in words)
        if not words or letters <= 3 or " ".join(words) in self.prose:
            return "B" if self.distinct_initialism(text) else "C"
        bare = clean_name(text)
        if bare and bare != text:  # a legal form (``Orange S.A.``) says it is a company
            return min(self.classify(bare), "B", key=RANK.__getitem__)
        if all(w in REGION_WORDS or w in self.places for w in words):
            return "C"  # "East African", "Nordic": a region's adjective in prose
        if len(words) == 1:
            word = words[0]
            if word.isdigit() or self.ordinary(word, "en") or (len(word) <= FOREIGN_WORD and self.ordinary(word)):
                return "C"
            if self.given_name(word):
                return "C"  # "Emma", "Raymond": a colleague before it is a brand
            letters_only = [c for c in text if c.isalpha()]
            if self.ordinary(word) or (letters_only and all(c.isupper() for c in letters_only) and self.known(word)):
                return "B"
            return "A"  # also a word in capitals that no list knows ("BBVA", "KDDI"): "bbva" in a chat is the bank
        if all(len(w) > 1 and self.ordinary(w, "en") for w in words):  # a lone letter is brand-like: T-Mobile
            return "C" if all(len(w) <= 3 for w in words) else "B"
        if any(len(w) >= 4 and not w.isdigit() and not self.ordinary(w) for w in words):
            return "A"
        return "B"


def read_lexicon(sources: Path = SOURCES, terms: Path = TERMS) -> Lexicon:
    kinds: dict[str, dict[str, str]] = {}
    for line in (sources / "wordlists" / "words.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        word, _, langs = line.partition("\t")
        kinds[word.strip()] = dict(item.split(":", 1) for item in langs.split())
    prose: set[str] = set()
    for line in (sources / "curated" / "prose-abbreviations.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            prose.add(" ".join(words_of(line)))
    data = yaml.safe_load(terms.read_text(encoding="utf-8")) if terms.exists() else {}
    for entry in (data or {}).get("terms") or []:
        for key in ("term", "abbr"):
            if isinstance(entry, dict) and entry.get(key):
                prose.add(" ".join(words_of(str(entry[key]))))
    places = {plain(r["name"]) for r in read_csv(sources / "openflights" / "countries.csv")}
    initials = sources / "curated" / "prose-initials.txt"
    lines = initials.read_text(encoding="utf-8").splitlines() if initials.exists() else []
    prose_initials = {" ".join(words_of(line.split("#", 1)[0].strip())) for line in lines} - {""}
    return Lexicon(kinds, frozenset(prose), frozenset(p for p in places if " " not in p), frozenset(prose_initials))


# ---------------------------------------------------------------- names


LEGAL = (
    r"S\.?A\.?B\.? de C\.?V\.?|S\.? de R\.?L\.?( de C\.?V\.?)?|S\.?A\.? de C\.?V\.?|Public Company Limited|"
    r"Public Co\.?,? Ltd\.?|Public Company|Public Limited Company|Public Limited|Public Joint[- ]Stock Company|Joint[- ]Stock Company|"
    r"Public Joint[- ]Stock|Aktiengesellschaft|Soci[eé]t[eé] [Cc]oop[eé]rative|S\.?A\.?P\.?I\.? de C\.?V\.?|"
    r"Instituci[oó]n de Banca M[uú]ltiple|S\.? ?A\.? ?B\.?( de C\.? ?V\.?)?|SGPS|Kommanditgesellschaft auf.*|"
    r"Turk Anonim Ortakligi|National Association|"
    r"Company Limited|Co\.?,? Ltd\.?|Pty\.? Ltd\.?|Pvt\.? Ltd\.?|\(?publ\)?|Incorporated|Inc\.?|Corp\.?|"
    r"Ltd\.?|Limited|L\.?L\.?C\.?|P\.?L\.?C\.?|A\.?G\.?|S\.?E\.?|S\.?p\.?A\.?|S\.?A\.?S\.?|S\.?A\.?A\.?|"
    r"S\.?A\.?C\.?|S\.?A\.?|N\.?V\.?|B\.?V\.?|A/S|ASA|AS|AB|Oyj|Oy|GmbH|KGaA|& Co\.? KG|KG|Tbk\.?|"
    r"Bhd\.?|Berhad|PCL|P?JSC|OA?O|PAO|OJSC|K\.?K\.?|S\.?R\.?L\.?|S\.?a\.?r\.?l\.?|d\.?d\.?|d\.?o\.?o\.?|"
    r"a\.?s\.?|T?\.?A\.?Ş\.?|A\.Ş\.|Ltda\.?|S/A|SAOG|SAOC|QPSC|QSC|PJSC|P\.?S\.?C\.?|Sh\.?a|Sp\. z o\.o\.|"
    r"S\.?C\.?A\.?|Co\.?|\(Pvt\)|\(PVT\)|\(Pty\)|Pty|Pvt"
)
LEGAL_TAIL = re.compile(rf"(?:[\s,]+(?:{LEGAL}))+\s*$", re.IGNORECASE)
LEGAL_HEAD = re.compile(r"^(?:PT\.?|P\.T\.|PJSC|JSC|OJSC|OAO|PAO|AO|TOO|LLC|AS|SIA|UAB|AB|AD|"
                        r"(?:International )?Public Joint[- ]Stock Company|Joint[- ]Stock Company)\s+")
LISTING_NOISE = re.compile(
    r"\s*(?:\(.*?\)|\b(?:American Depositary\w*|Depositary Receipts?|Depository Receipts?|ADR|ADS|GDR|Sponsored|Unsponsored|"
    r"Class [A-Z]|Series [A-Z]|Ordinary Shares?|Common Stock|Shares?|Registered|Reg\.?|Bearer|"
    r"Non-Voting|Voting|Units?|Pref\.?|NPV|NVDR|Partizipsch\w*|DL-|EO-|SF-|Namens-Aktien|Inhaber-Aktien|Aktien|Vz\.?)\b).*$",
    re.IGNORECASE,
)
GENERIC_TAIL = re.compile(r"\s+(?:Group|Holdings?|Corporation|Company|International|Incorporated)$", re.IGNORECASE)
INDUSTRY_WORDS = {"bank", "banks", "insurance", "telecom", "mobile", "airlines", "airways", "air", "retail",
                  "stores", "group", "holdings", "energy", "media", "the", "financial", "company"}


def clean_name(raw: str) -> str:
    """A company's name as people write it: no legal form, share class or listing noise."""
    name = LISTING_NOISE.sub("", raw.strip())
    name = re.sub(r"\s+", " ", name).strip(" ,.-&")
    for _ in range(3):
        name = LEGAL_TAIL.sub("", name).strip(" ,.-&")
        name = LEGAL_HEAD.sub("", name).strip(" ,.-&")
    return name


def core(name: str) -> str:
    """The form two sources must agree on to be the same company."""
    stripped = GENERIC_TAIL.sub("", clean_name(name))
    words = words_of(stripped)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def generic(name: str) -> bool:
    words = words_of(name)
    return not words or all(w in INDUSTRY_WORDS for w in words)


def host_of(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].split(":")[0]
    host = re.sub(r"^(?:www\d?|about|investors?|ir|corporate|group)\.", "", host)
    return host if re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", host) else ""


GENERIC_TLDS = {"co", "io", "ai", "me", "tv", "fm", "ly", "gg", "to", "cc", "ws", "nu", "eu", "app", "la", "is", "am", "sh"}


def tld_market(domain: str) -> str:
    tld = domain.rsplit(".", 1)[-1]
    if tld == "uk":
        return "GB"
    if len(tld) == 2 and tld not in GENERIC_TLDS:
        return tld.upper()
    return ""


# ---------------------------------------------------------------- entries


@dataclass
class Entry:
    """A company being assembled from several sources."""

    name: str
    industry: str
    aliases: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    ambiguity: dict[str, str] = field(default_factory=dict)
    markets: set[str] = field(default_factory=set)
    size: str = ""
    tickers: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    curated: bool = False
    kept: frozenset[str] = frozenset()
    """Strings an editor wrote in curated/companies.yml: never pruned."""
    home: dict[str, str] = field(default_factory=dict)
    """Ticker -> the market of the exchange it is quoted on."""
    markets_in_order: tuple[str, ...] = ()
    """Curated markets as the editor wrote them (headquarters first)."""

    def strings(self) -> list[str]:
        return [self.name, *self.aliases, *self.brands, *self.tickers, *self.short]

    def names(self) -> list[str]:
        """The strings matched as words: not the bare tickers, which only ticker context finds."""
        return [self.name, *self.aliases, *self.brands, *self.short]

    def add(self, kind: str, value: str) -> None:
        value = value.strip()
        if not value or value in self.strings() or value in self.domains:
            return
        if kind == "aliases" and any(plain(value) == plain(s) for s in self.strings()):
            return
        getattr(self, kind).append(value)

    def grow(self, size: str) -> None:
        if size and (not self.size or SIZE_BANDS.index(size) > SIZE_BANDS.index(self.size)):
            self.size = size

    def render(self, lexicon: Lexicon) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        for key in ("aliases", "brands", "domains"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        out["industry"] = self.industry
        if self.markets:
            out["markets"] = sorted(self.markets)
        if self.size:
            out["size"] = self.size
        if self.tickers:
            out["tickers"] = list(self.tickers)
        if self.short:
            out["short"] = list(self.short)
        classes: dict[str, str] = {}
        floor = set(self.tickers) | set(self.short)
        for text in self.strings():
            given = self.ambiguity.get(text, "A")
            computed = lexicon.classify(text)
            if text in floor and text not in (self.name, *self.aliases, *self.brands):
                computed = max(computed, "B", key=RANK.__getitem__)
                if text in self.tickers and text not in self.short and (common_ticker(text) or INITIALISM.fullmatch(text)):
                    computed = "C"  # bare tickers count only in ticker context (names.tickers)
            final = max(given, computed, key=RANK.__getitem__)
            if final != "A":
                classes[text] = final
        if classes:
            out["ambiguity"] = classes
        out["sources"] = sorted(self.sources)
        return out


def common_ticker(ticker: str) -> bool:
    """Is a bare ticker a word, a given name or a number (``ECHO``, ``ERIC``, ``9432``)? Then,
    like a short one, it counts only in ticker context. Tickers' words are not in the word-list
    extract, so the checker's own word and name lists decide."""
    words = words_of(ticker)
    return ":" not in ticker and (ticker.isdigit() or (len(words) == 1 and (is_ordinary_word(words[0]) or is_given(words[0]))))


AKIN = (frozenset({"media", "telecom"}), frozenset({"retail", "hospitality", "e-commerce"}),
        frozenset({"travel", "hospitality", "airline"}), frozenset({"banking", "payments", "loyalty"}))
"""Industries two sources may file one company under (a restaurant chain as retail or hospitality)."""


def akin(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in AKIN)


class Index:
    """Finds the entry a source row names: by name form and by web domain."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.by_key: dict[str, list[Entry]] = defaultdict(list)
        self.by_domain: dict[str, Entry] = {}

    def add(self, entry: Entry) -> Entry:
        self.entries.append(entry)
        self.reindex(entry)
        return entry

    def reindex(self, entry: Entry) -> None:
        for text in (entry.name, *entry.aliases, *entry.brands):
            key = core(text)
            if key and entry not in self.by_key[key]:
                self.by_key[key].append(entry)
        for domain in entry.domains:
            self.by_domain.setdefault(domain, entry)

    def find(self, names: Iterable[str], industry: str, domain: str = "") -> Entry | None:
        """The entry one of `names` already names (same industry), else the one with the domain."""
        if domain and domain in self.by_domain:
            entry = self.by_domain[domain]
            named = [e for text in names for e in self.by_key.get(core(text), [])]
            if not named or entry in named:
                return entry
        for text in names:
            for entry in self.by_key.get(core(text), []):
                if akin(entry.industry, industry):
                    return entry
        return None

    def give(self, entry: Entry, kind: str, value: str) -> None:
        """Add a string from the data to `entry` unless it already names another company."""
        others = [e for e in self.by_key.get(core(value), []) if e is not entry]
        if not others:
            entry.add(kind, value)


# ---------------------------------------------------------------- sources


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def country_codes(sources: Path) -> dict[str, str]:
    table = {plain(r["name"]): r["code"] for r in read_csv(sources / "openflights" / "countries.csv")}
    extra = read_csv(sources / "curated" / "country-names.csv")
    table.update({plain(r["name"]): r["code"] for r in extra})
    return table


def curated(sources: Path, index: Index) -> None:
    path = sources / "curated" / "companies.yml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, list):
        raise UsageError(f"{path}: must be a YAML list of companies")
    for number, item in enumerate(data, 1):
        company = parse_company(item, f"{path} entry {number}")
        entry = Entry(company.name, company.industry, list(company.aliases), list(company.brands),
                      list(company.domains), dict(company.ambiguity), set(company.markets), company.size_band,
                      list(company.tickers), list(company.short_forms), set(company.sources) or {"curated"}, True,
                      frozenset((*company.named(), *company.tickers, *company.short_forms)),
                      markets_in_order=company.markets)
        for domain in entry.domains:
            market = tld_market(domain)
            if market:
                entry.markets.add(market)
        index.add(entry)


CAP_BAND = {"Mega Cap": "very large", "Large Cap": "large", "Mid Cap": "medium", "Small Cap": "small"}
EXCHANGE_HOME = {
    "AMS": "NL", "ASX": "AU", "ATH": "GR", "BRU": "BE", "BSE": "IN", "BUD": "HU", "BUE": "AR", "CPH": "DK",
    "EBS": "CH", "HEL": "FI", "HKG": "HK", "ISE": "IE", "IST": "TR", "JKT": "ID", "JNB": "ZA", "JPX": "JP",
    "KLS": "MY", "KOE": "KR", "KSC": "KR", "LIS": "PT", "LIT": "LT", "LSE": "GB", "MCE": "ES", "MCX": "RU",
    "MEX": "MX", "MIL": "IT", "NSE": "IN", "NZE": "NZ", "OSL": "NO", "PAR": "FR", "PRA": "CZ", "SAO": "BR",
    "SAU": "SA", "SES": "SG", "SET": "TH", "SGO": "CL", "SHH": "CN", "SHZ": "CN", "STO": "SE", "TAI": "TW",
    "TWO": "TW", "TLV": "IL", "TOR": "CA", "VAN": "CA", "VIE": "AT", "GER": "DE", "BER": "DE", "DUS": "DE",
    "HAM": "DE", "HAN": "DE", "MUN": "DE", "STU": "DE", "FRA": "DE", "ASE": "US", "NCM": "US", "NGM": "US",
    "NYQ": "US", "NMS": "US", "CAI": "EG", "DOH": "QA", "TAL": "EE", "RIS": "LV", "ICE": "IS", "CNQ": "CA",
    "NEO": "CA",
}
"""The country of each exchange in the FinanceDatabase files: a ticker is taken only from
a listing at home (US companies also from Mexico and Buenos Aires, which quote them
under their US symbols)."""
US_SYMBOLS_ABROAD = {"MEX", "BUE"}
TICKER = re.compile(r"[A-Z][A-Z0-9&-]{1,9}")
SHORT_TICKER = re.compile(r"[A-Z]{1,2}")
"""One or two capitals ("T", "V"): a ticker only after an exchange label or as a cashtag ("NYSE: T", "$V")."""


NUMERIC_EXCHANGES = {"JPX", "HKG", "TAI", "TWO", "SHH", "SHZ", "KSC", "KOE", "SAU", "KLS"}
"""Exchanges that quote shares by number (Tokyo ``9432``, Hong Kong ``0941``, Seoul ``017670``,
Taipei, Shanghai, Shenzhen, Riyadh, Kuala Lumpur)."""
NUMERIC_TICKER = re.compile(r"\d{3,6}")


def ticker_of(symbol: str, exchange: str, market: str) -> str:
    base = symbol.split(".")[0].upper().rstrip("*")
    home = EXCHANGE_HOME.get(exchange, "")
    if home != market and not (market == "US" and exchange in US_SYMBOLS_ABROAD) and not (market, home) == ("CN", "HK"):
        return ""  # mainland companies are also quoted at home in Hong Kong ("0700.HK")
    if exchange in NUMERIC_EXCHANGES and NUMERIC_TICKER.fullmatch(base):
        return base  # only ticker context finds it ("9432.T", "TYO: 9432"), see names.tickers
    if not TICKER.fullmatch(base) or sum(c.isalpha() for c in base) < 2:
        return ""
    return base


def main_tickers(found: set[str]) -> list[str]:
    """The ordinary share's symbols: letters-only ones if any, without preference-share variants,
    and the lowest share number where the exchange quotes by number."""
    numbers = sorted(t for t in found if t.isdigit())
    letters = {t for t in found if t.isalpha()}
    pool = letters or (found - set(numbers))
    kept = sorted((t for t in pool if not any(t != o and t.startswith(o) for o in pool)), key=lambda t: (len(t), t))
    return kept[:2] + numbers[:2]


def best_name(names: list[str]) -> str:
    """The listing name with the most lowercase letters (German exchanges abbreviate in capitals)."""
    return max(names, key=lambda n: (sum(c.islower() for c in n), -len(n)))


def equities(sources: Path, index: Index, countries: dict[str, str], unknown: set[str]) -> None:
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in read_csv(sources / "financedatabase" / "equities.csv"):
        market = countries.get(plain(row["country"]))
        if market is None:
            unknown.add(row["country"])
            continue
        row["market"] = market
        groups[(core(row["name"]), market)].append(row)
    for (key, market), rows in sorted(groups.items()):
        raw = best_name([r["name"] for r in rows])
        if not any(c.islower() for c in raw) or not key:
            continue
        name = clean_name(raw)
        if generic(name) or len(name) < 2:
            continue
        industry = rows[0]["industry"]
        domain = next((host_of(r["website"]) for r in rows if host_of(r["website"])), "")
        entry = index.find([name], industry, domain)
        if entry is None:
            entry = index.add(Entry(name, industry))
        entry.sources.add("financedatabase")
        entry.markets.add(market)
        short = GENERIC_TAIL.sub("", name)
        if short != name and not generic(short):
            index.give(entry, "aliases", short)
        if name != entry.name:
            index.give(entry, "aliases", name)
        if domain and domain not in entry.domains and domain not in index.by_domain:
            entry.domains.append(domain)
        for row in rows:
            entry.grow(CAP_BAND.get(row["market_cap"], ""))
        found = {t for t in (ticker_of(r["symbol"], r["exchange"], market) for r in rows) if t}
        for ticker in main_tickers(found):
            entry.add("tickers", ticker)
            entry.home.setdefault(ticker, market)
        index.reindex(entry)


def route_band(routes: int) -> str:
    """Scheduled routes in the snapshot -> size band (about 500 routes for 50 million passengers)."""
    if routes >= 500:
        return "very large"
    if routes >= 150:
        return "large"
    if routes >= 30:
        return "medium"
    return "small"


def airlines(sources: Path, index: Index, countries: dict[str, str], unknown: set[str]) -> None:
    for row in read_csv(sources / "openflights" / "airlines.csv"):
        market = countries.get(plain(row["country"]))
        if market is None:
            unknown.add(row["country"])
            continue
        name = clean_name(row["name"])
        if generic(name):
            continue
        names = [name] + ([row["alias"]] if row["alias"] else [])
        entry = index.find(names, "airline")
        if entry is None:
            entry = index.add(Entry(name, "airline"))
        entry.sources.add("openflights")
        entry.markets.add(market)
        if not entry.size or "financedatabase" not in entry.sources:
            entry.grow(route_band(int(row["routes"])))
        if name != entry.name:
            index.give(entry, "aliases", name)
        alias = clean_name(row["alias"])
        if alias and not generic(alias):
            index.give(entry, "aliases", alias)
        index.reindex(entry)


OPERATOR_WORD = re.compile(
    r"telecom|mobile|mobil|cellular|celular|wireless|communication|comunica|telekom|télécom|telefon|"
    r"network|móvil|movil|tele|\bnet\b|\b(ltd|llc|plc|inc|s\.a|jsc|gmbh|a\.s|b\.v|ag|s\.p\.a)\b",
    re.IGNORECASE,
)


PLACEHOLDERS = {"no name", "unknown", "none", "n/a", "na", "tbd", "-", "test", "reserved"}
"""What the network tables write where a brand is not known."""


def operators(sources: Path, index: Index, countries: dict[str, str]) -> None:
    names_by_code: dict[str, set[str]] = defaultdict(set)
    for name, code in countries.items():
        names_by_code[code].add(name)
    rows = read_csv(sources / "mcc-mnc" / "operators.csv")
    operators_per_brand: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        operators_per_brand[(row["country"], row["brand"])].add(row["operator"])
    for row in rows:
        parts = [p for p in re.split(r"\s*/\s*|\s*,\s*", row["brand"]) if p.strip()] or [""]
        for part in parts:
            one_operator = len(parts) == 1
            operator_row(dict(row, brand=part), index, names_by_code, operators_per_brand, one_operator)


def operator_row(row: dict[str, str], index: Index, names_by_code: dict[str, set[str]],
                 operators_per_brand: dict[tuple[str, str], set[str]], one_operator: bool) -> None:
    """One brand of one network row (a row may list several brands that share a network)."""
    market = row["country"]
    brand = "" if plain(row["brand"]).strip() in PLACEHOLDERS else clean_name(row["brand"])
    base = brand
    for suffix in [market.lower()] + sorted(names_by_code[market], key=len, reverse=True):
        if plain(base).endswith(" " + suffix):
            base = base[: len(base) - len(suffix) - 1].strip(" -")
            break
    operator = clean_name(row["operator"])
    usable_operator = (one_operator and bool(OPERATOR_WORD.search(row["operator"])) and not generic(operator)
                       and not re.search(r"[,/]", operator)
                       and len(operators_per_brand[(row["country"], row["brand"])]) <= 3)
    if not base:
        if not usable_operator:
            return
        base = operator
    if generic(base):
        return
    # the operator first: one brand (Mobitel) can belong to different companies in different countries
    names = ([operator] if usable_operator else []) + [base, brand]
    entry = index.find(names, "telecom")
    if entry is None:
        entry = index.add(Entry(base, "telecom"))
    entry.sources.add("mcc-mnc")
    entry.markets.add(market)
    if base != entry.name:
        index.give(entry, "brands" if entry.curated else "aliases", base)
    if brand != base and plain(brand[len(base):].strip()) in names_by_code[market]:
        index.give(entry, "aliases", brand)
    if usable_operator and core(operator) != core(base):
        index.give(entry, "aliases", operator)
    index.reindex(entry)


def index_tickers(sources: Path, index: Index) -> None:
    """Tickers of index constituents (S&P 500, FTSE 100) for companies already registered.

    FinanceDatabase's NYSE, Nasdaq and some London files are not in its repository, so
    "DAL" or "VOD" never came from there. A row only adds a ticker to the one entry its
    name core names (never a new entry: most constituents are not consumer businesses);
    a name two entries share is skipped rather than guessed.
    """
    path = sources / "indices" / "tickers.csv"
    if not path.exists():
        return
    for row in read_csv(path):
        key = core(row["name"])
        named = {id(e): e for e in index.by_key.get(key, [])}
        if len(named) != 1 or not (TICKER.fullmatch(row["symbol"]) or SHORT_TICKER.fullmatch(row["symbol"])):
            continue
        entry = next(iter(named.values()))
        if row["symbol"] not in entry.tickers:
            entry.add("tickers", row["symbol"])
            entry.sources.add("indices")
        entry.home.setdefault(row["symbol"], row["market"])  # where it is quoted: "LSE: VOD"


# ---------------------------------------------------------------- the registry

INDUSTRY_ORDER = ("telecom", "banking", "insurance", "retail", "e-commerce", "airline", "travel", "hospitality",
                  "utilities", "energy", "media", "gaming", "mobility", "payments", "loyalty", "software")


def not_companies(sources: Path) -> set[str]:
    """Registered names of regulators the data sources carry (curated/not-companies.txt)."""
    path = sources / "curated" / "not-companies.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {line.split("#", 1)[0].strip() for line in lines} - {""}


def assemble(sources: Path = SOURCES) -> tuple[list[Entry], set[str]]:
    index = Index()
    countries = country_codes(sources)
    unknown: set[str] = set()
    curated(sources, index)
    equities(sources, index, countries, unknown)
    airlines(sources, index, countries, unknown)
    operators(sources, index, countries)
    index_tickers(sources, index)
    excluded = not_companies(sources)
    entries = [entry for entry in index.entries if entry.name not in excluded]
    for entry in entries:
        for form in quoted_forms(entry):
            entry.add("tickers", form)
    return entries, unknown


EXCHANGE_LABELS = {
    "US": ("NYSE", "NASDAQ"), "GB": ("LSE",), "AU": ("ASX",), "CA": ("TSX",), "FR": ("EPA",), "DE": ("ETR", "FWB"),
    "NL": ("AMS",), "BE": ("EBR",), "ES": ("BME",), "IT": ("BIT",), "CH": ("SWX", "SIX"), "SE": ("STO",),
    "NO": ("OSL",), "DK": ("CPH",), "FI": ("HEL",), "AT": ("VIE",), "PT": ("ELI",), "IE": ("ISE",),
    "JP": ("TYO", "TSE"), "HK": ("HKEX",), "CN": ("SSE", "SZSE"), "IN": ("NSE", "BSE"), "KR": ("KRX",),
    "TW": ("TWSE",), "SG": ("SGX",), "TH": ("SET",), "ID": ("IDX",), "MY": ("KLSE",), "ZA": ("JSE",),
    "BR": ("B3",), "MX": ("BMV",), "CL": ("BCS",), "AR": ("BYMA",), "TR": ("BIST",), "IL": ("TASE",),
    "SA": ("TADAWUL",), "QA": ("QSE",), "EG": ("EGX",), "NZ": ("NZX",), "GR": ("ATHEX",), "PL": ("WSE",),
    "RU": ("MOEX",),
}
"""How finance prose names the main exchanges of a market (``ASX: TLS``, ``NYSE: WMT``)."""


def quoted_forms(entry: Entry) -> list[str]:
    """Exchange-qualified tickers: class B where the bare ticker may be an ordinary abbreviation."""
    forms: list[str] = []
    for ticker in entry.tickers:
        if ":" in ticker or ticker.isdigit():
            continue  # a number is a ticker only in ticker context, which names.tickers reads
        market = entry.home.get(ticker) or (entry.markets_in_order[0] if entry.markets_in_order else "")
        for label in EXCHANGE_LABELS.get(market, ()):
            forms.append(f"{label}: {ticker}")
    return forms


def unmatchable(text: str, lexicon: Lexicon, listing: bool) -> str:
    """Why a string from the data cannot be registered usefully ("" when it can)."""
    words = words_of(text)
    if sum(len(w) for w in words) < (3 if listing else 2):
        return "fewer than three letters or digits"
    joined = " ".join(words)
    if joined in lexicon.prose or joined + "s" in lexicon.prose:  # the matcher also finds plurals: NP -> NPS
        return "an abbreviation of CVM prose"
    if listing and text == text.lower() and not text.isdigit() and lexicon.classify(text) == "C":
        return "an ordinary word in lowercase"
    return ""


def prune(entries: list[Entry], lexicon: Lexicon) -> list[Entry]:
    """Drop data-derived strings no check could use: one or two characters (``3``, ``Y``,
    the airline code ``TV``), a prose abbreviation (the ticker ``CRM``) and a lowercase
    ordinary word (``life:)``): each would only make warnings on ordinary prose. A ticker
    that is a word (``COST``, ``DAL``) stays: bare tickers count only in ticker context
    (``names.tickers``). An entry left without a name is dropped."""
    kept: list[Entry] = []
    for entry in entries:
        for kind in ("aliases", "brands", "tickers", "short"):
            values = getattr(entry, kind)
            setattr(entry, kind, [v for v in values if v in entry.kept or not unmatchable(v, lexicon, True)
                                  or (kind == "tickers" and SHORT_TICKER.fullmatch(v))])
        if entry.name not in entry.kept and unmatchable(entry.name, lexicon, True):
            if not entry.aliases:
                continue
            entry.name = entry.aliases.pop(0)
        kept.append(entry)
    return kept


def dedupe(entries: list[Entry]) -> list[Entry]:
    """One spelling belongs to one company: later entries drop strings an earlier one has."""
    owner: dict[str, Entry] = {}
    kept: list[Entry] = []
    for entry in entries:
        key = plain(entry.name)
        if key in owner and not entry.curated:
            first = owner[key]
            if first.industry == entry.industry:
                first.markets |= entry.markets
                first.sources |= entry.sources
                continue
        for kind in ("aliases", "brands", "tickers", "short"):
            values = getattr(entry, kind)
            setattr(entry, kind, [v for v in values if plain(v) not in owner or owner[plain(v)] is entry])
        if key in owner and owner[key] is not entry:  # another industry's company has this name
            if not entry.aliases:
                continue
            entry.name = entry.aliases.pop(0)
        for text in entry.names():  # a ticker owns no spelling: tickers are looked for only as tickers
            owner.setdefault(plain(text), entry)
        kept.append(entry)
    return kept


HEADER = """\
# CVMBoK public name registry: companies where customer value management is practiced.
#
# GENERATED by `python -m cvmbok.names.build_registry` from styles/names/sources/: do not
# edit this file. Edit styles/names/sources/curated/companies.yml (hand-curated entries)
# or refresh a source (styles/names/sources/README.md), rebuild, then run
# `cvmbok names generate-vale`. A test fails when this file is not what the sources give.
#
# One entry per company. `cvmbok check` reports any of these names in a contribution or
# in the book (rules leak.company, leak.brand, leak.domain), in any case and through the
# usual disguises (see tools/cvmbok/names/normalize.py).
#
#   - name: Deutsche Telekom            # the company as it calls itself
#     aliases: [Telekom]                # other names for the same company   -> leak.company
#     brands: [T-Mobile, MagentaEINS]   # loyalty programmes, products       -> leak.brand
#     domains: [telekom.de]             # web domains                        -> leak.domain
#     industry: telecom                 # telecom, banking, insurance, retail, e-commerce, airline,
#                                       # travel, hospitality, utilities, energy, media, gaming,
#                                       # mobility, payments, loyalty, software (CVM vendors)
#     markets: [DE, AT, HR]             # ISO 3166-1 alpha-2 codes where it has customers (ZZ: worldwide)
#     size: very large                  # size band, below; absent when no source gives one
#     tickers: [DTE]                    # stock symbols (home exchange)       -> leak.company, B or C
#     short: [DT]                       # short forms people write            -> leak.company, B or C
#     ambiguity: {Telekom: C}           # class of each listed string that is not A
#     sources: [curated, mcc-mnc]       # files under styles/names/sources/ it came from
#
# Size bands, by customers (subscribers, account holders, passengers a year), or where a
# source gives only money, by revenue or market value:
#   small       fewer than 1 million customers; market value under USD 2 billion (small cap);
#               fewer than 30 scheduled routes (airlines)
#   medium      1 to 10 million; USD 2-10 billion (mid cap); 30-149 routes
#   large       10 to 50 million; USD 10-200 billion (large cap); 150-499 routes
#   very large  more than 50 million; more than USD 200 billion (mega cap); 500 routes or more
#
# Each entry is one line of JSON, which is also YAML: `cvmbok check` reads the file on every
# run, and JSON lines load about twenty times faster than YAML.
#
# Ambiguity classes (decided by rule in tools/cvmbok/names/build_registry.py):
#   A  the name alone is a leak, whatever its case: error.
#   B  a leak only in its registered casing (or all capitals): error.
#   C  a common word or short abbreviation: an error only where the context makes it the
#      company ("at Target", "Delta's lounge", "customers of Next"); capitalized
#      mid-sentence without such context a warning; otherwise nothing.
"""


def render(entries: list[Entry], lexicon: Lexicon) -> str:
    lines = [HEADER.rstrip("\n")]
    by_industry: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_industry[entry.industry].append(entry)
    for industry in INDUSTRY_ORDER:
        group = sorted(by_industry.get(industry, []), key=lambda e: (not e.curated, plain(e.name), e.name))
        if not group:
            continue
        lines.append(f"# --- {industry} ({len(group)})")
        for entry in group:
            lines.append("- " + json.dumps(entry.render(lexicon), ensure_ascii=False, separators=(", ", ": ")))
    return "\n".join(lines) + "\n"


def build(sources: Path = SOURCES) -> str:
    entries, unknown = assemble(sources)
    if unknown:
        raise UsageError(f"country names with no ISO code (add them to curated/country-names.csv): {', '.join(sorted(unknown))}")
    lexicon = read_lexicon(sources)
    entries = dedupe(prune(entries, lexicon))
    missing = sorted({w for e in entries for t in e.names() for w in words_of(t)} - set(lexicon.kinds))
    if missing:
        raise UsageError(f"{len(missing)} word(s) of registered names were never looked up in the word lists "
                         f"({', '.join(missing[:8])}): run python -m cvmbok.names.registry_sources --words /usr/share/dict")
    return render(entries, lexicon)


def candidate_words(sources: Path = SOURCES) -> set[str]:
    """Every word of every string the build would register (for the word-list extract), tickers
    included: their class also depends on whether they are words ("CATS", "WOOF")."""
    entries, _ = assemble(sources)
    words: set[str] = set()
    for entry in dedupe(entries):
        for text in entry.strings():
            words.update(words_of(text))
    return words


def iter_problems(text: str) -> Iterator[str]:
    """Load the built text the way `cvmbok check` does; any error there is a build error."""
    data = yaml.safe_load(text)
    for number, item in enumerate(data, 1):
        unknown = set(item) - COMPANY_KEYS
        if unknown:
            yield f"entry {number}: unknown keys {sorted(unknown)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cvmbok.names.build_registry",
                                     description="rebuild styles/names/companies.yml from styles/names/sources/")
    parser.add_argument("--check", action="store_true", help="only check that companies.yml is up to date")
    parser.add_argument("--out", type=Path, default=REGISTRY)
    args = parser.parse_args(argv)
    try:
        text = build()
        problems = list(iter_problems(text))
        if problems:
            raise UsageError("; ".join(problems[:5]))
    except KeyError as exc:
        print(f"build_registry: a source file under {SOURCES} lacks the column {exc}", file=sys.stderr)
        return 2
    except (OSError, UsageError, yaml.YAMLError, ValueError) as exc:
        print(f"build_registry: {exc}", file=sys.stderr)
        return 2
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is not what styles/names/sources/ gives: run python -m cvmbok.names.build_registry",
                  file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    atomic_write_bytes(args.out, text.encode("utf-8"))
    registry = load_companies(args.out)
    print(f"wrote {args.out}: {len(registry.companies)} companies, {len(registry.terms())} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
