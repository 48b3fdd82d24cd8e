"""Turn public data files into the small, filtered extracts kept in ``styles/names/sources/``.

Run by a maintainer when a source is refreshed (``python -m cvmbok.names.registry_sources
--mcc FILE --airlines FILE --routes FILE --countries FILE --equities DIR --sp500 FILE
--ftse100 FILE``); the
extracts are committed, so rebuilding the registry (`build_registry`) works offline
and a test can check that ``companies.yml`` is what the extracts give. Each source's
``SOURCE.yml`` says where the raw file came from, its licence, when it was read and
which rows were kept; the filters below are the code of that sentence.

The ordinary-word extract is made here too: every word of every candidate name is
looked up in Debian's word lists (``/usr/share/dict``) and written with the
languages that have it (nothing when none has it). Only the registry's own words
are kept, so the repository does not carry whole dictionaries, and the build can
tell when a new name's words were never looked up.
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from ..errors import UsageError
from ..fileio import atomic_write_bytes

SOURCES = Path(__file__).resolve().parents[3] / "styles" / "names" / "sources"

# ---------------------------------------------------------------- mobile operators

MCC_DROP = re.compile(
    r"rail|GSM-R|military|defen[cs]e|police|\btest|private|M2M|\bIoT\b|trunk|TETRA|satellite|"
    r"maritime|aeronautical|MVNE|enabler|wholesale|machine|utility network|public safety|"
    r"emergency|government|ministry|paging|research|university|airport|mining",
    re.IGNORECASE,
)
"""Networks that sell to no consumer: railways, armed forces, test and private networks, IoT."""


def mcc_rows(raw: list[dict[str, str | None]]) -> list[list[str]]:
    """Operational national networks that serve consumers: country, mcc, mnc, brand, operator."""
    out: set[tuple[str, ...]] = set()
    for item in raw:
        if item.get("status") != "Operational" or item.get("type") != "National":
            continue
        brand = (item.get("brand") or "").strip()
        operator = (item.get("operator") or "").strip()
        notes = item.get("notes") or ""
        if not (brand or operator) or MCC_DROP.search(" ".join((brand, operator, notes))):
            continue
        country = (item.get("countryCode") or "")[:2].upper()
        if not re.fullmatch(r"[A-Z]{2}", country):
            continue
        out.add((country, item.get("mcc") or "", item.get("mnc") or "", brand, operator))
    return [list(r) for r in sorted(out)]


# ---------------------------------------------------------------- airlines

DEFUNCT_AIRLINES = {
    "Air Berlin", "Monarch Airlines", "Alitalia", "Jet Airways", "Flybe", "WOW air", "Germania",
    "Thomas Cook Airlines", "Transaero Airlines", "Virgin America", "Cyprus Airways", "Aigle Azur",
    "XL Airways France", "Adria Airways", "Air Italy", "Primera Air", "Small Planet Airlines",
    "Germanwings", "US Airways", "AirTran Airways", "Continental Airlines", "Kingfisher Airlines",
    "Mexicana de Aviacion", "Spanair", "JetLite", "Avianca Brazil", "Air Pacific", "Meridiana",
    "Estonian Air", "Air Lituanica", "Darwin Airline",
    "Ukraine International Airlines", "Go First", "Malév", "Malev", "Virgin Blue",
    "Tiger Airways", "TAM Brazilian Airlines", "Air Mauritanie", "Air Namibia",
    "South African Express", "Cimber Sterling", "Wind Jet", "Blue1",
    "Air Méditerranée", "Norwegian Long Haul", "LAN Airlines", "LAN Peru", "TACA", "Pluna",
    "Siberia Airlines", "Aerosvit Airlines", "Kuban Airlines", "Dragonair",
}
"""Airlines marked active in the snapshot (its routes are from 2014) that have since
ceased flying, merged away or been renamed (the new name is registered elsewhere)."""


def airline_rows(airlines: str, routes: str) -> list[list[str]]:
    """Active airlines with an IATA code and scheduled routes: name, alias, iata, icao, country, routes."""
    counts: Counter[str] = Counter()
    for row in csv.reader(io.StringIO(routes)):
        if len(row) > 1 and row[1].isdigit():
            counts[row[1]] += 1
    out: list[list[str]] = []
    for row in csv.reader(io.StringIO(airlines)):
        if len(row) < 8:
            continue
        ident, name, alias, iata, icao, _callsign, country, active = row[:8]
        clean = [v if v != "\\N" else "" for v in (name, alias, iata, icao, country)]
        name, alias, iata, icao, country = (v.strip() for v in clean)
        if active.upper() != "Y" or not re.fullmatch(r"[A-Z0-9]{2}", iata) or counts[ident] == 0:
            continue
        if name in DEFUNCT_AIRLINES or not country:
            continue
        out.append([name, alias, iata, icao, country, str(counts[ident])])
    return sorted(out)


def country_rows(countries: str) -> list[list[str]]:
    out = []
    for row in csv.reader(io.StringIO(countries)):
        if len(row) >= 2 and re.fullmatch(r"[A-Z]{2}", row[1]):
            out.append([row[0], row[1]])
    return sorted(out)


# ---------------------------------------------------------------- listed companies

EQUITY_INDUSTRY = {
    ("Banks", ""): "banking",
    ("Banks", "Banks"): "banking",
    ("Banks", "Thrifts & Mortgage Finance"): "banking",
    ("Diversified Financials", "Consumer Finance"): "banking",
    ("Insurance", ""): "insurance",
    ("Insurance", "Insurance"): "insurance",
    ("Telecommunication Services", ""): "telecom",
    ("Telecommunication Services", "Diversified Telecommunication Services"): "telecom",
    ("Telecommunication Services", "Wireless Telecommunication Services"): "telecom",
    ("Food & Staples Retailing", ""): "retail",
    ("Food & Staples Retailing", "Food & Staples Retailing"): "retail",
    ("Retailing", ""): "retail",
    ("Retailing", "Specialty Retail"): "retail",
    ("Retailing", "Multiline Retail"): "retail",
    ("Retailing", "Internet & Direct Marketing Retail"): "e-commerce",
    ("Transportation", "Airlines"): "airline",
    ("Utilities", "Electric Utilities"): "utilities",
    ("Utilities", "Gas Utilities"): "utilities",
    ("Utilities", "Multi-Utilities"): "utilities",
    ("Utilities", "Water Utilities"): "utilities",
    ("Media & Entertainment", "Media"): "media",
    ("Media & Entertainment", "Entertainment"): "media",
    ("Consumer Services", "Hotels, Restaurants & Leisure"): "hospitality",
}
"""GICS industry group and industry -> the book's industries. Left out: B2B groups
(capital goods, materials, independent power producers, distributors) and groups
whose customers are not consumers."""

KEPT_CAPS = ("Mega Cap", "Large Cap", "Mid Cap", "Small Cap")
"""Micro and nano caps, and rows with no market value, are left out: shells, funds and
companies too small to run a CVM function."""

SELLS_TO_CONSUMERS = re.compile(
    r"\b((is|as) an? [\w\s-]{0,40}retailer|retails|retail (business|sales?|goods|stores?|segment|operations|"
    r"chains?|outlets?|banners?)|e-commerce business|marketplace|its stores|(operates?|operating|owns?|runs?|through|via|offers? products through|sells? (its )?products"
    r"( primarily)? through)\b[^.]{0,100}\b(stores?|supermarkets?|hypermarkets?|shops?|outlets?|boutiques?|"
    r"pharmac\w+|drugstores?|showrooms?|dealerships?|convenience|department|e-commerce|ecommerce|online|"
    r"websites?|marketplaces?|catalogs?))\b", re.IGNORECASE)
"""A retailer's summary says it is one, or that it sells through its stores or online; food
makers filed under food retailing say they sell to retailers."""

MENTIONS_SHOPS = re.compile(r"\b(stores?|retail\w*|supermarkets?|hypermarkets?|shops?|outlets?|online|e-commerce|"
                            r"marketplace|pharmac\w+|convenience|department|catalog\w*|boutiques?)\b", re.IGNORECASE)
MAKES_FOOD = re.compile(r"\b(foods?|milk|dairy|baking|bakery|sugar|seafood|cheese|oil\w*|mills?|packers?|meat|"
                        r"brands|beverages?|sesame|cereals|agro\w*|plantations?|pharmaceutical|biotech|petroleum|"
                        r"Beteiligungs|Berhad|Bhd)\b", re.IGNORECASE)
"""A summary that only mentions shops counts when the name is not a food maker's (or a Malaysian
conglomerate's: Berhad rows filed under retailing are mostly plantation and property groups)."""


def sells_to_consumers(name: str, summary: str) -> bool:
    return bool(SELLS_TO_CONSUMERS.search(summary)) or (bool(MENTIONS_SHOPS.search(summary)) and not MAKES_FOOD.search(name))

NOT_A_COMPANY = re.compile(r"\b(ETF|ETN|Fund|Trust Units|Warrant|Rights?|Notes?|Bond|Index|Certificates?|"
                           r"Acquisition Corp|SPAC|Preferred|Pref\b|Debentures?|\d+(\.\d+)?%)", re.IGNORECASE)


def equity_rows(folder: Path) -> list[list[str]]:
    """name, symbol, exchange, country, industry, market_cap, website, shareclass_figi."""
    csv.field_size_limit(1 << 27)
    out: list[list[str]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                industry = EQUITY_INDUSTRY.get((row.get("industry_group") or "", row.get("industry") or ""))
                if industry is None or row.get("market_cap") not in KEPT_CAPS or row.get("delisted") != "False":
                    continue
                name = (row.get("name") or "").strip()
                if not name or not row.get("country") or NOT_A_COMPANY.search(name):
                    continue
                if industry in ("retail", "e-commerce") and not sells_to_consumers(name, row.get("summary") or ""):
                    continue
                out.append([name, row.get("symbol") or "", row.get("exchange") or "", row["country"],
                            industry, row["market_cap"], (row.get("website") or "").strip(),
                            row.get("shareclass_figi") or ""])
    return sorted(out)


# ---------------------------------------------------------------- index constituents


def sp500_rows(text: str) -> list[list[str]]:
    """symbol, name, market, index from the S&P 500 constituents table (Symbol, Security, ...)."""
    return sorted([row["Symbol"].strip(), row["Security"].strip(), "US", "S&P 500"]
                  for row in csv.DictReader(io.StringIO(text)) if row.get("Symbol") and row.get("Security"))


def ftse100_rows(text: str) -> list[list[str]]:
    """symbol, name, market, index from a Python file that defines ``ftse_100 = [{"name", "symbol"}, ...]``.

    Read with `ast.literal_eval` (never executed)."""
    tree = ast.parse(text)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "ftse_100" for t in node.targets):
            items = ast.literal_eval(node.value)
            return sorted([str(i["symbol"]).strip().rstrip("."), str(i["name"]).strip(), "GB", "FTSE 100"]
                          for i in items if i.get("symbol") and i.get("name"))
    raise UsageError("no ftse_100 list in the FTSE file")


# ---------------------------------------------------------------- ordinary words

DICTIONARIES = {
    "en": ("american-english", "british-english"),
    "de": ("ngerman",), "fr": ("french",), "es": ("spanish",), "it": ("italian",),
    "pt": ("portuguese", "brazilian"), "nl": ("dutch",), "sv": ("swedish",),
    "no": ("bokmaal",), "da": ("danish",),
}
"""Debian packages wamerican, wbritish, wngerman, wfrench, wspanish, witalian,
wportuguese, wbrazilian, wdutch, wswedish, wnorwegian, wdanish. A lowercase entry is
an ordinary word; a capitalized one a proper noun, except in German, whose list writes
nouns and brand names (Vodafone, Barclays) alike, so its capitalized entries are not
read. Polish (wpolish) was tried and left out: it lists many brand names in lowercase."""

CAPITALIZED_NOUNS = {"de"}


def plain(word: str) -> str:
    """Lowercase without accents: the form the leak matcher compares."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_classes(folder: Path, wanted: set[str]) -> dict[str, dict[str, str]]:
    """For each wanted (plain) word: language -> ``word`` (an ordinary word) or ``name`` (a proper noun only)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for lang, files in DICTIONARIES.items():
        for file in files:
            path = folder / file
            if not path.exists():
                raise UsageError(f"word list {path} is missing: apt-get install the Debian word-list packages")
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                entry = line.strip().split("/")[0]
                if entry.endswith("'s"):
                    entry = entry[:-2]
                key = plain(entry)
                if key not in wanted:
                    continue
                if lang in CAPITALIZED_NOUNS and not entry[:1].islower():
                    continue  # a German noun and a brand look alike there
                kind = "word" if entry[:1].islower() else "name"
                if found[key].get(lang) != "word":
                    found[key][lang] = kind
    return found


# ---------------------------------------------------------------- writing


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    atomic_write_bytes(path, buffer.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cvmbok.names.registry_sources", description=__doc__.split("\n")[0])
    parser.add_argument("--mcc", type=Path, help="mcc-mnc-list.json")
    parser.add_argument("--airlines", type=Path, help="openflights data/airlines.dat")
    parser.add_argument("--routes", type=Path, help="openflights data/routes.dat")
    parser.add_argument("--countries", type=Path, help="openflights data/countries.dat")
    parser.add_argument("--equities", type=Path, help="FinanceDatabase database/equities/ folder")
    parser.add_argument("--sp500", type=Path, help="datasets/s-and-p-500-companies data/constituents.csv")
    parser.add_argument("--ftse100", type=Path, help="tulski-s/trading ftse_symbols.py")
    parser.add_argument("--words", type=Path, help="folder of Debian word lists (/usr/share/dict): refresh the ordinary-word extract")
    parser.add_argument("--into", type=Path, default=SOURCES, help="where the extracts go (default: styles/names/sources)")
    args = parser.parse_args(argv)
    into: Path = args.into
    try:
        if args.mcc:
            raw = json.loads(args.mcc.read_text(encoding="utf-8"))
            write_csv(into / "mcc-mnc" / "operators.csv", ["country", "mcc", "mnc", "brand", "operator"], mcc_rows(raw))
        if args.airlines and args.routes:
            rows = airline_rows(args.airlines.read_text(encoding="utf-8"), args.routes.read_text(encoding="utf-8"))
            write_csv(into / "openflights" / "airlines.csv", ["name", "alias", "iata", "icao", "country", "routes"], rows)
        if args.countries:
            write_csv(into / "openflights" / "countries.csv", ["name", "code"],
                      country_rows(args.countries.read_text(encoding="utf-8")))
        if args.equities:
            write_csv(into / "financedatabase" / "equities.csv",
                      ["name", "symbol", "exchange", "country", "industry", "market_cap", "website", "shareclass_figi"],
                      equity_rows(args.equities))
        if args.sp500 or args.ftse100:
            rows = (sp500_rows(args.sp500.read_text(encoding="utf-8")) if args.sp500 else []) + (
                ftse100_rows(args.ftse100.read_text(encoding="utf-8")) if args.ftse100 else [])
            write_csv(into / "indices" / "tickers.csv", ["symbol", "name", "market", "index"], rows)
        if args.words:
            from .build_registry import candidate_words  # the words of every name the build would register

            wanted = candidate_words()
            classes = word_classes(args.words, wanted)
            lines = ["# word\tlanguage:word|name ... (generated by registry_sources --words; see SOURCE.yml)"]
            for key in sorted(wanted):
                langs = " ".join(f"{lang}:{kind}" for lang, kind in sorted(classes.get(key, {}).items()))
                lines.append(f"{key}\t{langs}".rstrip("\t") if not langs else f"{key}\t{langs}")
            atomic_write_bytes(into / "wordlists" / "words.tsv", ("\n".join(lines) + "\n").encode("utf-8"))
    except (OSError, UsageError, ValueError) as exc:
        print(f"registry_sources: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
