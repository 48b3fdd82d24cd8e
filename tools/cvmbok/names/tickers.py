"""Stock tickers of registered companies, reported only where the text quotes them as tickers.

Why a separate pass instead of registry terms: a ticker is a few capitals ("DAL", "TLS",
"VOD") that in prose are just as often a word, a protocol or an abbreviation ("TLS
handshakes", "the DAL of a data platform"). As a name it would either miss "DAL shares
fell" or flag every TLS handshake. Here a ticker counts only next to what says it is a
ticker, and then it is an error:

* a ticker word before it: "ticker DAL", "symbol: TLS", "ticker symbol VOD", and the share
  price with the ticker in brackets: "our share price (WOW) fell";
* a listing phrase before it: "listed as TLS", "trades as DAL", "quoted under VOD";
* an exchange label before it: "NYSE: DAL", "(ASX:TLS)";
* a cashtag: "$DAL";
* an exchange suffix: "VOD.L", "TLS.AX", "DTE.DE", or a terminal's exchange code: "VOD LN";
* a word of the stock market after it: "DAL shares", "TLS stock", "VOD share price",
  "DAL shareholders" (but not the verb: "the CEO shares the plan");
* the writer's employer: "worked at VOD", "joined TLS", "at VOD we ...".

Exchanges that quote shares by number (Tokyo, Hong Kong, Seoul, Taipei, Shanghai,
Shenzhen, Riyadh, Kuala Lumpur) give numeric tickers ("9432", "0700"). A number is a
ticker only with that exchange's suffix ("9432.T", "700.HK"), its terminal code ("941 HK
Equity"), its label ("TYO: 9432", "(HKEX 0700)") or a ticker word ("stock code 0700"),
and only a company quoted there (leading zeros aside) is named.

Without such context a short or ordinary-word ticker stays silent. A distinctive one
(class B, four letters or more and no word: "TMUS") and a name that is also a ticker
are registry terms and found as names wherever they stand; this pass adds nothing there.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Severity
from .context import EXCHANGE_RE
from .flags import Flag
from .registry import Registry

_TOKEN = re.compile(r"(?<![\w.$&-])(\$?)([A-Z][A-Z0-9&]{1,9}(?:-[A-Z])?)(?![\w&-])")
_CASHTAG_LETTER = re.compile(r"(?<![\w$])\$([A-Z])(?![\w&.,-])")
"""A one-letter cashtag ("$T", "$V"): one capital is a ticker only so, or after an exchange label."""
_SUFFIX = re.compile(r"\.(?:L|AX|DE|F|PA|AS|BR|MI|MC|LS|SW|ST|OL|CO|HE|IR|VI|WA|PR|AT|IS|TA|SR|QA|AE|CA|JO|NS|BO|"
                     r"T|HK|SS|SZ|KS|KQ|TW|SI|BK|JK|KL|NZ|TO|V|MX|SA|BA|SN)(?![\w-])")
"""Exchange suffixes of market-data sites (Yahoo Finance style): London, ASX, Xetra, Euronext ..."""
_BLOOMBERG = re.compile(r" (?:LN|US|GY|GR|FP|NA|SM|IM|SS|NO|DC|FH|AU|AT|JP|JT|HK|CN|IN|IB|TT|KS|SP|SJ|AB|QD|TI|PW|CP|"
                        r"HB|ID|PL|SW|SE|BB|MM|BZ|CI|LI|NZ|MK|TB|IJ|PM|VN)(?: Equity\b|(?=[,.;:)]|\s*$|\s+(?:closed|fell|rose|gained|lost|"
                        r"dropped|jumped|slipped|traded|trades|shares|stock)\b))", re.MULTILINE)
"""Exchange codes of terminal tickers ("VOD LN", "TLS AU Equity")."""
_BEFORE = re.compile(r"(?:\b(?:[Tt]icker|[Ss]ymbol)s?(?:\s+symbol)?|\b(?:listed|trades|traded|trading|quoted|"
                     r"lists)\s+(?:as|under)(?:\s+the\s+(?:ticker|symbol))?"
                     r"|\b(?:share|stock)\s+price\s*(?=\()|\b(?:shares|stock)\s*(?=\())\s*[:(]?\s*\Z")
_AFTER = re.compile(r"(?:['’]s)?\s+(?:(stock|stocks|shareholders?|stockholders?|ADRs?|share\s+price|stock\s+price|"
                    r"share\s+count|shares)\b(\s+\w+)?)")
_EMPLOYER_BEFORE = re.compile(r"(?:\b(?:worked|working|years|time|we|us|colleagues|team)\s+(?:at|for|with)"
                              r"|\b(?:joined|joining|left|leaving|quit)|\b[Aa]t)\s+\Z")
_EMPLOYER_AFTER = re.compile(r",?\s+(?:we|our|us|I)\b")
""""at VOD we called it ...": a ticker written as the writer's employer (a phrase before it,
and after a bare "at" the writer speaking as the company)."""
VERB_OBJECT = frozenset("""the its their a an this that these those his her our your my some no with every each
    what how data insights""".split())
"""Words after "shares" that make it the verb ("the CMO shares the plan"), not the stock."""


def _ticker_context(text: str, start: int, end: int, cashtag: bool) -> bool:
    """Does the text around [start, end) quote the word as a stock ticker?"""
    if cashtag or _SUFFIX.match(text, end) or _BLOOMBERG.match(text, end):
        return True
    before = text[max(0, start - 40) : start]
    if _BEFORE.search(before) or EXCHANGE_RE.search(before):
        return True
    employer = _EMPLOYER_BEFORE.search(before)
    if employer and (not employer.group().strip().lower() == "at" or _EMPLOYER_AFTER.match(text, end)):
        return True
    after = _AFTER.match(text, end, min(len(text), end + 40))
    if after is None:
        return False
    word, following = after.group(1), (after.group(2) or "").strip().lower()
    return not (word == "shares" and following in VERB_OBJECT)


_NUMBER = re.compile(r"(?<![A-Za-z0-9_.,$/-])(?<!\d:)(\d{3,6})(?![A-Za-z0-9_,:]|\.\d)")
"""A share number; letters of scripts written without spaces may touch it ("母公司0941.HK的")."""
_NUMERIC_SUFFIX = re.compile(r"\.(T|HK|KS|KQ|TW|TWO|SS|SZ|SH|SR|SE|KL)(?![A-Za-z0-9_-])")
_NUMERIC_TERMINAL = re.compile(r" (JP|JT|HK|KS|KP|TT|CH|CG|CS|AB|MK)(?: Equity\b|(?=[,.;:)]|\s*$|\s+(?:closed|fell|rose|"
                               r"gained|lost|dropped|jumped|slipped|traded|trades|shares|stock)\b))", re.MULTILINE)
_NUMERIC_LABEL = re.compile(r"\b(?:(TYO|TSE|JPX|HKEX|HKG|SEHK|KRX|KOSPI|KOSDAQ|TWSE|TPEX|SSE|SZSE|SHA|SHE|Tadawul|TADAWUL|SAU|"
                            r"KLSE|Bursa|MYX)\s?[:.]?|(Tokyo|HK|Saudi|TWO)\s?:)\s?\(?\Z")
"""An exchange's code before a number ("TYO: 9432", "(HKEX 0700)"); a city or country only with a colon,
since "Tokyo 2020" is the games."""
_EXCHANGE_NAMES = (r"Tadawul|TADAWUL|Saudi Exchange|TSE|TYO|JPX|Tokyo Stock Exchange|HKEX|SEHK|Hong Kong Stock Exchange|KRX|KOSPI|"
                   r"KOSDAQ|Korea Exchange|TWSE|TPEx|Taiwan Stock Exchange|SSE|SZSE|Shanghai Stock Exchange|"
                   r"Shenzhen Stock Exchange|Bursa Malaysia|Bursa|KLSE")
_EXCHANGE_CITIES = r"Tokyo|Hong Kong|Shanghai|Shenzhen|Seoul|Taipei|Riyadh|Kuala Lumpur"
_NUMERIC_ON = re.compile(rf"\s+(?:on|in|at|fi|en|na|auf|an\s+der|à|a)\s+(?:the\s+|la\s+)?({_EXCHANGE_NAMES})\b")
"""A number quoted on its exchange: "7010 fi Tadawul", "9432 on the TSE"."""
_NUMERIC_MOVE = re.compile(rf"\s+(?:shares?\s+|stock\s+)?(?:closed|fell|rose|gained|lost|dropped|jumped|slipped|slid|"
                           rf"climbed|traded|opened|ended|was\s+(?:up|down)|is\s+(?:up|down))\b[^.;\n]{{0,40}}?"
                           rf"\b(?:in|on)\s+(?:the\s+)?({_EXCHANGE_CITIES}|{_EXCHANGE_NAMES})\b")
"""A number that moves like a share price in a market's city: "601398 closed flat in Shanghai"."""
_NUMERIC_PERCENT = re.compile(r"\s+(?:(?:shares?\s+|stock\s+)?(?:fell|rose|dropped|gained|jumped|slipped|slid|climbed|"
                              r"lost|was\s+(?:up|down)|is\s+(?:up|down))(?:\s+by)?\s+\d+(?:[.,]\d+)?\s?(?:%|percent|per\s+cent)"
                              r"|ga\s+(?:[\w-]+\s+){0,2}?(?:pāsento|pasento|%)\s+(?:sagatta|agatta|sagari|agari|geraku|jōshō|josho))",
                              re.IGNORECASE)
"""A number that moves by a percentage like a share ("9433 fell 3%", romaji "9433 ga san pāsento sagatta")."""
EXCHANGE_MARKETS = {"Tadawul": "SA", "TADAWUL": "SA", "Saudi Exchange": "SA", "Riyadh": "SA", "Tokyo": "JP",
                    "Tokyo Stock Exchange": "JP", "Hong Kong": "HK CN", "Hong Kong Stock Exchange": "HK CN",
                    "Seoul": "KR", "Korea Exchange": "KR", "Taipei": "TW", "Taiwan Stock Exchange": "TW", "TPEx": "TW",
                    "Shanghai": "CN", "Shenzhen": "CN", "Shanghai Stock Exchange": "CN", "Shenzhen Stock Exchange": "CN",
                    "Kuala Lumpur": "MY", "Bursa Malaysia": "MY"}
_NUMERIC_WORD = re.compile(r"\b(?:[Tt]icker|[Ss]ymbol|[Ss]tock\s+code|[Ss]ecurities\s+code|[Ss]hare\s+code)s?\s*[:(]?\s*\Z")
NUMERIC_MARKETS = {
    "T": "JP", "JP": "JP", "JT": "JP", "TYO": "JP", "TSE": "JP", "JPX": "JP", "Tokyo": "JP",
    "HK": "HK CN", "HKEX": "HK CN", "HKG": "HK CN", "SEHK": "HK CN",
    "KS": "KR", "KQ": "KR", "KP": "KR", "KRX": "KR", "KOSPI": "KR", "KOSDAQ": "KR",
    "TW": "TW", "TWO": "TW", "TT": "TW", "TWSE": "TW", "TPEX": "TW",
    "SS": "CN", "SZ": "CN", "SH": "CN", "CH": "CN", "CG": "CN", "CS": "CN", "SSE": "CN", "SZSE": "CN", "SHA": "CN", "SHE": "CN",
    "SR": "SA", "SE": "SA", "AB": "SA", "Tadawul": "SA", "TADAWUL": "SA", "SAU": "SA", "Saudi": "SA",
    "KL": "MY", "MK": "MY", "KLSE": "MY", "Bursa": "MY", "MYX": "MY",
}
"""The markets whose companies an exchange's suffix, terminal code or label quotes."""


YEAR_RE = re.compile(r"(?:19|20)\d\d")
"""Years: some are share numbers too ("2020" in Hong Kong), so they need a suffix or a terminal code."""
LABELLED_NUMBERS = frozenset("""segment segments cohort cluster campaign store shop branch region zone model version
    id code item sku product plan offer group test cell route flight room line batch wave list table step page ticket
    case no nr number lot area site district postcode zip year tier level""".split())
"""Words before a number that make it an identifier of the writer's own ("Segment 9433 rose 3%")."""


def _numeric_context(text: str, start: int, end: int) -> tuple[bool, str]:
    """Is the number at [start, end) quoted as a ticker, and on which markets' exchange ("" for any)?"""
    year = YEAR_RE.fullmatch(text, start, end) is not None
    for pattern in (_NUMERIC_SUFFIX, _NUMERIC_TERMINAL) if year else (_NUMERIC_SUFFIX, _NUMERIC_TERMINAL, _NUMERIC_ON, _NUMERIC_MOVE):
        m = pattern.match(text, end)
        if m:
            return True, NUMERIC_MARKETS.get(m.group(1)) or EXCHANGE_MARKETS[m.group(1)]
    if not year and _NUMERIC_PERCENT.match(text, end):  # "in 2020 sales rose 5%": a year moves and closes too
        previous = re.search(r"([^\W\d_]+)[\s#:]*\Z", text[max(0, start - 30) : start])
        return not (previous and previous.group(1).lower() in LABELLED_NUMBERS), ""
    before = text[max(0, start - 24) : start]
    label = _NUMERIC_LABEL.search(before)
    if label:
        return True, NUMERIC_MARKETS[label.group(1) or label.group(2)]
    return bool(_NUMERIC_WORD.search(before)), ""


def numeric_tickers(text: str, registry: Registry | None) -> Iterator[Flag]:
    """Errors for registered companies' share numbers written as tickers ("9432.T", "HKEX: 0700")."""
    if registry is None or not registry.companies:
        return
    owners = registry.number_owners()
    for m in _NUMBER.finditer(text):
        companies = owners.get(m.group(1).lstrip("0"))
        if not companies:
            continue
        quoted, markets = _numeric_context(text, m.start(1), m.end(1))
        fitting = [c for c in companies if not markets or any(c.serves(x) for x in markets.split())]
        if not quoted or not fitting:
            continue
        company = fitting[0]
        yield Flag(m.start(1), m.end(1), "leak.company", Severity.ERROR,
                   f"'{m.group(1)}' is quoted as a stock ticker, and it is the share number of {company.name} "
                   f"({company.industry or 'registered company'}): readers could tell which company this insight comes from",
                   "remove the ticker and describe the company by its kind and size ('a large listed operator')")


def tickers(text: str, registry: Registry | None) -> Iterator[Flag]:
    """Errors for registered companies' tickers written in ticker context."""
    if registry is None or not registry.companies:
        return
    owners = registry.ticker_owners()
    for m in _CASHTAG_LETTER.finditer(text) if "$" in text else ():
        companies = owners.get(m.group(1))
        if companies:
            yield Flag(m.start(), m.end(), "leak.company", Severity.ERROR,
                       f"'{m.group()}' is a cashtag, and '{m.group(1)}' is the ticker of {companies[0].name} "
                       f"({companies[0].industry or 'registered company'}): readers could tell which company this insight comes from",
                       "remove the ticker and describe the company by its kind and size ('a large listed operator')")
    for m in _TOKEN.finditer(text):
        symbol = m.group(2)
        companies = owners.get(symbol)
        if not companies or not _ticker_context(text, m.start(2), m.end(2), bool(m.group(1))):
            continue
        company = companies[0]
        also = f" (and {len(companies) - 1} more)" if len(companies) > 1 else ""
        yield Flag(m.start(2), m.end(2), "leak.company", Severity.ERROR,
                   f"'{symbol}' is quoted as a stock ticker, and it is the ticker of {company.name}{also} "
                   f"({company.industry or 'registered company'}): readers could tell which company this insight comes from",
                   "remove the ticker and describe the company by its kind and size ('a large listed operator')")
    yield from numeric_tickers(text, registry)
