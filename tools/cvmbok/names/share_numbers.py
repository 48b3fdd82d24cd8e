"""Share numbers of registered companies, reported only where the text quotes them as tickers.

Why apart from `names.tickers`: exchanges that quote shares by number (Tokyo, Hong Kong,
Seoul, Taipei, Shanghai, Shenzhen, Riyadh, Kuala Lumpur) give tickers such as "9432" and
"0700", and a number in CVM prose is far more often a count, a year or a code. A number is a
ticker only with its exchange's suffix ("9432.T", "700.HK"), its terminal code ("941 HK
Equity"), its exchange's label before or after it ("TYO: 9432", "7010 fi Tadawul"), a price
move in the market's city or by a percentage ("601398 closed flat in Shanghai", "9433 fell
3%"), or a ticker word ("stock code 0700"); and only a company quoted there (leading zeros
aside) is named. Years need a suffix, a terminal code, a label or a ticker word. Korean, Japanese and Chinese
writing quotes a listing by its number in parentheses right after the name ("회사(017670)",
"ドコモ（9437）"): that counts too, for the number of digits the market uses.
"""

from __future__ import annotations

import re
from typing import Iterator

from .flags import Flag
from .registry import Registry
from .tickers import ticker_flag


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
    if not year and start >= 2 and text[start - 1 : start] in ("(", "（") and text[end : end + 1] in (")", "）"):
        script = text[start - 2]
        if "\uac00" <= script <= "\ud7af" and end - start == 6:
            return True, "KR"  # "우리 회사(017670)": Korean writing quotes a listing by its number after the name
        if ("\u30a0" <= script <= "\u30ff" or "\u4e00" <= script <= "\u9fff") and end - start in (4, 6):
            return True, "JP" if end - start == 4 else "CN"  # "NTTドコモ（9437）", "工商银行(601398)"
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
        yield ticker_flag(m.start(1), m.end(1), f"'{m.group(1)}' is quoted as a stock ticker, and it is the share number",
                          fitting[0])
