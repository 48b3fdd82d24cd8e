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

Share numbers ("9432.T", "HKEX: 0700") are `names.share_numbers`.

Without such context a short or ordinary-word ticker stays silent. A distinctive one
(class B, four letters or more and no word: "TMUS") and a name that is also a ticker
are registry terms and found as names wherever they stand; this pass adds nothing there.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Severity
from .context import EXCHANGE_RE, EXCHANGE_SUFFIX_RE
from .flags import Flag
from .registry import Company, Registry

_TOKEN = re.compile(r"(?<![\w.$&-])(\$?)([A-Z][A-Z0-9&]{1,9}(?:-[A-Z])?)(?![\w&-])")
_CASHTAG_LETTER = re.compile(r"(?<![\w$])\$([A-Z])(?![\w&.,-])")
"""A one-letter cashtag ("$T", "$V"): one capital is a ticker only so, or after an exchange label."""
_SUFFIX = EXCHANGE_SUFFIX_RE
_BLOOMBERG = re.compile(r" (?:LN|US|GY|GR|FP|NA|SM|IM|SS|NO|DC|FH|AU|AT|JP|JT|HK|CN|IN|IB|TT|KS|SP|SJ|AB|QD|TI|PW|CP|"
                        r"HB|ID|PL|SW|SE|BB|MM|BZ|CI|LI|NZ|MK|TB|IJ|PM|VN)(?: Equity\b|(?=[,.;:)]|\s*$|\s+(?:closed|fell|rose|gained|lost|"
                        r"dropped|jumped|slipped|traded|trades|shares|stock)\b))"
                        r"| (?:LN|GY|GR|FP|SM|IM|SS|DC|FH|AU|JP|HK|SJ|AB|NZ|IJ|MK|TB|VN|KS|TT)(?=\s+[a-z])", re.MULTILINE)
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


TICKER_FIX = "remove the ticker and describe the company by its kind and size ('a large listed operator')"


def ticker_flag(start: int, end: int, what: str, company: Company) -> Flag:
    """The error for a ticker: `what` says how it was quoted ("'VOD' is quoted as a stock ticker, and it is ...")."""
    return Flag(start, end, "leak.company", Severity.ERROR,
                f"{what} of {company.name} ({company.industry or 'registered company'}): "
                "readers could tell which company this insight comes from", TICKER_FIX)


def tickers(text: str, registry: Registry | None) -> Iterator[Flag]:
    """Errors for registered companies' tickers written in ticker context."""
    if registry is None or not registry.companies:
        return
    owners = registry.ticker_owners()
    for m in _CASHTAG_LETTER.finditer(text) if "$" in text else ():
        companies = owners.get(m.group(1))
        if companies:
            yield ticker_flag(m.start(), m.end(), f"'{m.group()}' is a cashtag, and '{m.group(1)}' is the ticker",
                              companies[0])
    for m in _TOKEN.finditer(text):
        symbol = m.group(2)
        companies = owners.get(symbol)
        if not companies or not _ticker_context(text, m.start(2), m.end(2), bool(m.group(1))):
            continue
        also = f" (one of {len(companies)} companies quoted so)" if len(companies) > 1 else ""
        yield ticker_flag(m.start(2), m.end(2), f"'{symbol}' is quoted as a stock ticker{also}, and it is the ticker",
                          companies[0])
