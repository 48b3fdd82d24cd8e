"""Decide whether a common-word name (class B or C) is a company where it was found.

CVM prose says "next best action", "target segment", "the delta between cohorts"
and "a progressive rollout" all day long. Those words are also retailers, airlines
and insurers. Case and context separate the two:

* the registered casing is required (``Target``, not ``target``);
* a capital at the start of a sentence, list item, table cell, heading or link
  text says nothing, so there the word counts only with a possessive;
* a capitalized word next to another capitalized word is a title or a longer
  proper noun ("the United Kingdom", "Next Best Action"); compound brands such
  as "Target Circle" are registered on their own;
* company context makes it an error: a possessive ("Delta's lounge"), words
  that take an employer, a shop or a competitor ("at Target", "customers of Next",
  "switched to Three"; deliberately not "for" or "with", which name personas as
  often as companies), or a following word that belongs to a company ("Orange
  customers", "Delta flights").
"""

from __future__ import annotations

import re

from ..findings import Severity
from .namedata import is_english_word
from .tokens import word_after, word_before

PRECEDING_CUES = frozenset(
    """at joined joining leaving left versus vs rival rivals competitor competitors chez bei bij hos presso klienci
    klientów abonenci abonentów użytkownicy""".split()
)
"""A word right before the name that makes it an employer, a shop or a competitor ("at Target")."""
PRECEDING_PHRASES = frozenset({
    "customers of", "customer of", "subscribers of", "clients of", "members of", "employees of",
    "staff of", "switched to", "switching to", "moved to", "churned to", "ported to", "lost to",
    "worked for", "works for", "working for", "work for", "shopped at", "banked with", "flew with",
    "shop at", "shops at", "shopping at", "shop on", "shops on", "shopping on", "shopped on", "buy on", "bought on",
    "buying on", "sell on", "sells on", "selling on", "sold on", "buy from", "bought from", "order from", "ordered from",
    "flying with", "operators like", "operators such", "retailers like", "retailers such",
    "airlines like", "airlines such", "banks like", "banks such", "insurers like", "insurers such",
    "competitors like", "competitors such",
    # the same in the languages contributors write besides English ("los clientes de Claro")
    "clientes de", "clientes da", "clientes do", "clientes del", "clients de", "clients d'", "clienti di", "kunden von",
    "kunden der", "kunden des", "klanten van", "kunder hos", "kunder till", "abonnés de", "abonnés d'", "assinantes da",
    "assinantes do", "abonados de", "usuarios de", "utenti di", "abbonati di", "wechselten zu", "gewechselt zu",
    "overgestapt naar", "passés chez", "partis chez", "se fueron a", "se pasaron a", "foram para", "passati a",
    "sprzedawców na", "sprzedawcy na", "kupujący na", "zakupy na", "zakupów na", "sellers on", "merchants on",
})
"""Two words before the name that do the same ("customers of Next", "switched to Three")."""
FOLLOWING_CUES = frozenset(
    """customers customer members member subscribers subscriber shoppers shopper passengers
    stores store shops app apps website site brand brands loyalty rewards points miles lounge
    lounges flights flight card cards bank plc inc ltd group stock shares headquarters hq ceo
    cmo cco cfo staff employees marketing team teams account accounts base network tariff
    tariffs plans offers campaign campaigns programme program club flyers""".split()
)
"""A word right after the name that belongs to a company ("Orange customers", "Delta flights")."""
HYPHEN_CUES = FOLLOWING_CUES | frozenset(
    """kunden kunde kundinnen kunder kundene kunderne klanten klant abonnenten abonnement filiale filialen
    karte tarif tarife konto mitarbeiter medewerkers winkel winkels""".split()
)
"""The same joined to the name by a hyphen, in the languages that write compounds ("Telekom-Kunden"):
apart, these words follow articles too ("du client", "die Kunden")."""
STOCK_WORDS = frozenset("stock stocks shares share ticker equity bonds".split())
EXCHANGE_RE = re.compile(r"\b(?:NYSE|NASDAQ|Nasdaq|LSE|LON|ASX|TSX|XETRA|ETR|FRA|Euronext|EPA|AMS|BIT|BME|"
                          r"SIX|BIST|JSE|NSE|BSE|SGX|HKEX|HKG|TYO|TSE|KRX|KOSDAQ|BMV|BVMF|B3|TADAWUL|ADX|DFM|OMX|STO|HEL|CPH|OSE|WSE|"
                          r"SEHK|JPX|KOSPI|TWSE|TPEX|SSE|SZSE|KLSE|MYX|IDX|PSE|SET|HOSE|HNX|NZX|TASE|EGX|NGX|NSEK|QSE|BVB|"
                          r"ATHEX|WBAG|VIE|SWX|MOEX|BVC|BVL|BCS|BCBA|BYMA|TSXV|AMEX|NYSEARCA|OTC|EBR|ELI|ISE|BUD|PRA|OSL|"
                          r"Xetra|Tadawul|Bursa)"
                          r"\s?:\s?\Z")
EXCHANGE_SUFFIX_RE = re.compile(r"\.(?:L|AX|DE|F|PA|AS|BR|MI|MC|LS|SW|ST|OL|CO|HE|IR|VI|WA|PR|AT|IS|TA|SR|QA|AE|CA|JO|NS|"
                                r"BO|T|HK|SS|SZ|KS|KQ|TW|SI|BK|JK|KL|NZ|TO|V|MX|SA|BA|SN)(?![\w-])")
"""Exchange suffixes of market-data sites (Yahoo Finance style): London, ASX, Xetra, Euronext ... After a
company's initials ("KPN.AS") they make the initials its ticker."""
OWNED_CUES = frozenset("""app apps website lounge lounges flights plc inc ltd headquarters hq ceo cmo
    cco cfo cto staff employees tariff tariffs""".split())
"""Words after a name that only a company has, even at a sentence start ("Orange app", "Delta flights"):
unlike "customers" or "offers", no verb takes them as its object in CVM prose."""
_CONTEXT_BEFORE_RE = re.compile(
    r"(?:\b(?:lost|losing|lose|leaking|bleeding|ceded|ceding)\s+(?:[\w,'’-]+\s+){0,6}?to"
    r"|\b(?:deal|partnership|agreement|contract|tie-up|alliance|integration)\s+with"
    r"|\b(?:partner|supplier|vendor|employer)\s+(?:was|is|were)"
    r"|\b(?:partner|fornitore|proveedor|fornecedor|fournisseur|lieferant|leverancier|leverantör)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:era|è|es|fue|était|est|war|ist|foi|é|was|is|var|är)"
    r"|\b(?:benchmarked|compared)\s+(?:[\w-]+\s+){0,4}?(?:against|with)"
    r"|\b(?:moved|switched|came|defected|ported|transferred|moving|switching|coming|defecting|porting|transferring)"
    r"\s+(?:over\s+|in\s+)?(?:(?:their|its|our|his|her)\s+[\w-]+\s+)?from"
    r"|\b(?:our|their|the|my|an?)\s+(?:[\w-]+\s+){0,2}?(?:vendor|supplier|partner|competitor|rival|bank|operator|insurer"
    r"|retailer|employer|client|airline|carrier|provider|telco|lender),\s*"
    r"|\b(?:bei|chez|bij|hos)\s+(?:der|dem|den|de|het|les|la|le)"
    r"|\b(?:lavorato|lavoravo|trabalhei|trabalhava|estive|estava|trabajé|trabajaba|estuve|werkte|arbeitete|gearbeitet|"
    r"jobbade|jobbet|arbejdede|pracowałem|pracowałam|pracował|pracowała|çalıştım|bekerja)\b(?:\s+[\w-]+){0,4}?"
    r"\s+(?:in|na|no|en|em|bei|bij|på|hos|w|we|at|für|presso|di)"
    r"|\b(?:app|apps|website|site|karte|carte|tarjeta)\s+(?:von|van|de|di|of|do|da)"
    r"|\b(?:employer|arbeitgeber|employeur|empleador|empregador|datore\s+di\s+lavoro|werkgever|arbetsgivare)\s*:"
    r"|(?<![\w-])ex)[\s-]*\Z", re.IGNORECASE)
"""Longer cues before a name: "we lost a lot of repeat buyers to", "our co-marketing deal with",
"benchmarked our bundles against", "moved from", "bei der", a work verb of another language and
its preposition ("ho lavorato cinque anni in", "estive quatro anos na"), "the app of" and "ex-"."""
_OPEN_QUOTE_RE = re.compile(r"(?:^|(?<=[\s(\[]))['‘][^'’\n]*\Z")
"""An opening single quote still open before a name."""
_WAS_THE_FIRST_RE = re.compile(
    r"\s+(?:was|is|were|became)\s+the\s+(?:first|only|last|second|largest|biggest)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:rival|competitor|operator|telco|carrier|bank|lender|insurer|airline|retailer|grocer|brand|provider|utility)s?\b")
"""'Smart was the first rival operator to match our bonus': the name is a company being ranked."""
_BEFORE_WORD_RE = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:Before|After|Since\s+leaving|Since)\s+\Z")
_WRITER_AFTER_RE = re.compile(r",\s+(?:I|we)\b")
"""With `_BEFORE_WORD_RE`: "Before TD, I was ...": the writer's earlier employer."""
_CUSTOMERS_WHO_RE = re.compile(
    r"\s+(?:customers|subscribers|users|members|shoppers|passengers|clients|policyholders)\s+(?:who|that)\s+"
    r"(?:[\w-]+\s+)?(?:switched|ported|moved|came|churned|left|joined|defected)\b")
"""'X customers who switched to us': the company's customers, even at a sentence start."""
COMPETITOR_VERB_RE = re.compile(
    r"(?:\s+[A-Z]{2})?(?:\s+(?:still|now|already|again|just|always|regularly))?\s+(?:undercut|undercuts|outpriced|out-priced|poached|poaches|moved\s+first|"
    r"beats?\s+(?:us|everyone|everybody|our|all)|outsells?|outsold|outperforms?|outperformed|outbids?|"
    r"(?:cut|raised|slashed|hiked)\s+(?:its\s+|their\s+)?(?:prices|tariffs|fees)|matched\s+our|copied\s+our|"
    r"launched\s+(?:a|an|its|their)\s+(?:new\s+)?(?:tariff|plan|bundle|offer|app|card|loyalty|credit\s+card|"
    r"savings|mortgage|fare|route))\b")
"""What a competitor does, right after its name ("EE undercut our retention offers", "Target cut prices"):
company context even at a sentence start. A country code may sit between ("Voda UK undercut us")."""
UNIT_START = set(".!?:;|([{<\"'“‘«>#*+•-")
_PREV_WORD = re.compile(r"([^\W_]+)[^\w\n]*\n?[^\w\n]*\Z")
_PREV_TWO = re.compile(r"([^\W_]+)\s+([^\W_]+)\s+\Z")
_PREV_THREE = re.compile(r"([^\W_]+)\s+([^\W_]+)\s+[^\W_]+\s+\Z")
_NEXT = re.compile(r"(['’]s\b|(?<=s)['’](?=\s))?(?:-(?=[^\W\d_])|[ \t]*)([^\W_]*)")
def casing_matches(found: str, registered: str, capitals: bool = True) -> bool:
    """Is `found` (skeleton letters, case kept) in the registered casing (or, if allowed, all capitals)?

    A plural or possessive `s` may follow. Capitals count for class B ("NECTAR") but not
    for class C, where all-capital words are typography ("CHAPTER THREE").
    """
    if found.startswith(registered):
        return True
    return capitals and len(registered) > 1 and found.isupper() and found.startswith(registered.upper())


def _line_bounds(text: str, start: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return line_start, (len(text) if line_end < 0 else line_end)


def unit_start(text: str, start: int, lines_are_units: bool = False) -> bool:
    """Is `start` the first word of a sentence, list item, cell, heading or link text?

    With `lines_are_units` (text extracted from a PDF, where paragraph breaks are
    lost) the first word of every line counts as a start.
    """
    j = start - 1
    while j >= 0 and text[j] in " \t*_`":
        j -= 1
    if j < 0:
        return True
    if text[j] == "\n":
        k = j - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        if k < 0 or text[k] == "\n" or lines_are_units:
            return True  # first line of a paragraph
        line_start, _ = _line_bounds(text, start)
        lead = text[line_start:start].strip()
        if lead[:1] in ("-", "*", "+", "|", ">", "#") or lead[:1].isdigit():
            return True
        # a wrapped line continues a sentence only after a lowercase word or a comma
        return not (text[k].islower() or text[k] in ",")
    return text[j] in UNIT_START


HEADING_REACH = 200
"""How far before a word its line may start for the line to be a heading (headings are short):
the search for the line start stops there, so a 1 MB line costs nothing per word."""


def in_heading(text: str, start: int) -> bool:
    """Is `start` on a Markdown heading line ("# ...")?"""
    reach = max(0, start - HEADING_REACH)
    newline = text.rfind("\n", reach, start)
    if newline < 0 and reach > 0:
        return False
    return text[newline + 1 : start].lstrip().startswith("#")


_INITIALISM = re.compile(r"[A-Z]{1,3}|[A-Z]and[A-Z]|[A-Z][a-z][A-Z]")


_ARTICLE_BEFORE_RE = re.compile(r"(?<![\w-])(?:der|die|das|dem|den|des)\s+\Z")
"""German articles: before a company's initials they make it the company ("der ING", "bei der KPN")."""


def initialism(registered: str) -> bool:
    """Is the registered casing three capitals or fewer (``KPN``), two around "and" (``BandQ``,
    the skeleton of ``B&Q``) or a small letter between two capitals (``BoA``)? Class B gives
    those only to initials that are no word or prose abbreviation (`build_registry`)."""
    return bool(_INITIALISM.fullmatch(registered))


TABLE_COMPANY_HEADERS = frozenset("""operator operators competitor competitors rival rivals bank banks insurer insurers
    retailer retailers airline airlines carrier carriers brand brands company companies provider providers employer
    employers client clients partner partners vendor vendors supplier suppliers telco telcos mno mnos mvno chain
    grocer grocers lender lenders operador operadora operadores competidor competidores concurrent concurrents
    concurrence wettbewerber konkurrent konkurrenten anbieter concorrente concorrenti operatore operatori banco
    aseguradora seguradora assureur versicherer marke marca marque""".split())
"""Header words of a table column whose cells are companies ("| Competitor | Counter-offer |")."""
TABLE_REACH = 4000
"""Characters a table's header row may lie above a cell (tables in contributions are short)."""


def _table_header_cue(text: str, start: int) -> bool:
    """Is `start` in a Markdown table cell whose column header names companies ("| operator | churn |")?"""
    line_start = text.rfind("\n", 0, start) + 1
    if not text.startswith("|", line_start) and not text[line_start:start].lstrip().startswith("|"):
        return False
    column = text.count("|", line_start, start) - 1
    header_start = line_start
    while header_start > 0 and start - header_start < TABLE_REACH:
        previous = text.rfind("\n", 0, header_start - 1) + 1
        if not text[previous:header_start].lstrip().startswith("|"):
            break
        header_start = previous
    if header_start == line_start or column < 0:
        return False
    header_end = text.find("\n", header_start)
    cells = text[header_start : header_end if header_end >= 0 else len(text)].strip().strip("|").split("|")
    if column >= len(cells):
        return False
    return not TABLE_COMPANY_HEADERS.isdisjoint(re.findall(r"[^\W\d_]+", cells[column].lower()))


def _company_cue(text: str, start: int, end: int) -> bool:
    """Does a longer cue around [start, end) make the name a company, even at a sentence start:
    what a competitor does ("DT moved first"), its customers switching ("Chime customers who
    switched to us"), a cue before it ("we lost buyers to", "ex-") or the writer's earlier employer
    ("Before TD, I was")?"""
    if COMPETITOR_VERB_RE.match(text, end) or _CUSTOMERS_WHO_RE.match(text, end) or _WAS_THE_FIRST_RE.match(text, end):
        return True
    if text[end : end + 1] == "." and EXCHANGE_SUFFIX_RE.match(text, end) and text[start:end].isupper():
        return True  # "KPN.AS dropped": the initials with an exchange's suffix are the ticker
    if _CONTEXT_BEFORE_RE.search(text, max(0, start - 60), start) or _table_header_cue(text, start):
        return True
    return bool(_BEFORE_WORD_RE.search(text, max(0, start - 8), start) and _WRITER_AFTER_RE.match(text, end))


def decide(text: str, start: int, end: int, ambiguity: str, registered: str, found: str,
           lines_are_units: bool = False, words: int = 1) -> Severity | None:
    """Severity of a class B or C hit at original [start, end), or None when it is an ordinary word.

    `found` is the hit's skeleton letters with their case (``Target``), `registered` the term's.
    """
    if ambiguity == "B":
        if not casing_matches(found, registered):
            return None
        if initialism(registered):  # "KPN", "LBG": a company's initials, unless another abbreviation
            if "." in text[start:end].rstrip("."):
                return Severity.ERROR  # "E.ON" as the company writes itself
            if _ARTICLE_BEFORE_RE.search(text, max(0, start - 12), start):
                return Severity.ERROR  # "die Onboarding-Strecke der ING", "bei der KPN": German writes a company with its article
            # an error only where a common word would be one ("at KPN", "KPN's app"); elsewhere a warning
            common = decide(text, start, end, "C", registered, found, lines_are_units, words)
            return Severity.ERROR if common is Severity.ERROR else Severity.WARNING
        if words > 1 and in_heading(text, start):
            return Severity.WARNING  # "## Free Mobile Data" may just be Title Case
        return Severity.ERROR
    if not casing_matches(found, registered, capitals=False):
        return None
    if in_heading(text, start):
        return None  # headings are title case
    after = _NEXT.match(text, end, min(len(text), end + 60))
    possessive = bool(after and after.group(1))
    if possessive and after is not None and after.group(1)[-1:] in "'’" and (
            is_english_word(registered.lower()) or _OPEN_QUOTE_RE.search(text, max(0, start - 60), start)):
        possessive = False  # "the Savers' club", "the 'Big Spenders' segment": a plural or a quote, not "Emirates' offer"
    next_word = after.group(2) if after else ""
    if EXCHANGE_RE.search(text, max(0, start - 16), start):
        return Severity.ERROR  # "ASX: TLS", "NYSE:WMT": a ticker quoted as a ticker
    if registered.isupper() and next_word.lower() in STOCK_WORDS:
        return Severity.ERROR  # "WMT stock", "TLS shares"
    company_cue = _company_cue(text, start, end)
    if unit_start(text, start, lines_are_units):
        # a one-word name at a sentence start is too often the verb or adjective ("Target
        # customers with offers"); a longer one followed by a company word is not ("No Frills shoppers")
        if possessive or company_cue or (words > 1 and next_word.lower() in FOLLOWING_CUES) or next_word.lower() in OWNED_CUES:
            return Severity.ERROR
        return None
    prev = _PREV_WORD.search(text, max(0, start - 60), start)
    prev_word = prev.group(1) if prev else ""
    joined_by_space = after is not None and not possessive and text[end : end + 1] == " "
    if prev and prev_word[:1].isupper() and text[start - 1 : start] == " " and not unit_start(text, prev.start(1)):
        return None  # inside a longer proper noun or a title: "Home Target Segment"
    if joined_by_space and next_word[:1].isupper() and next_word != "I":
        return None  # "the United Kingdom", "Next Best Action"
    two = _PREV_TWO.search(text, max(0, start - 80), start)
    phrase = f"{two.group(1)} {two.group(2)}".lower() if two else ""
    if phrase.endswith(" as"):  # "operators such as Orange": look one word further back
        three = _PREV_THREE.search(text, max(0, start - 100), start)
        phrase = f"{three.group(1)} {three.group(2)}".lower() if three else phrase
    hyphen = text[end : end + 1] == "-"
    if (possessive or company_cue or prev_word.lower() in PRECEDING_CUES or phrase in PRECEDING_PHRASES
            or next_word.lower() in (HYPHEN_CUES if hyphen else FOLLOWING_CUES)):
        return Severity.ERROR
    if registered.isupper() or registered.islower():
        return None  # "the BA on the project", "SMART goals", "from Sie to du": without company context, a word
    if hyphen and next_word[:1].isupper():
        return None  # "das Plus-Segment": a German compound of the word, not the brand's customers
    return Severity.WARNING


INDEFINITE_ARTICLES = frozenset("""ein eine einer einem einen eines een en ett et un una une uno um uma""".split())
"""Indefinite articles of the languages that use a bank type as a noun ("bei einer Sparkasse")."""
GEOGRAPHIC_NOUNS = frozenset("""river rivers rainforest rainforests basin delta jungle region valley coast
    mountains mountain desert forest""".split())
"""Words after a name that make it a place ("the Amazon river")."""
_GEOGRAPHIC_BEFORE_RE = re.compile(r"\b(?:along|up|down|upriver\s+on)\s+the\s+\Z", re.IGNORECASE)
"""Words before a name that make it a river or a coast ("villages along the Amazon")."""


def generic_use(text: str, start: int, end: int, word: str, ordinary_noun: bool) -> bool:
    """Is the one-word name at `text[start:end]` used as a common noun or a place?

    "bei einer Sparkasse": a savings bank, any of them, where `ordinary_noun` says the name is
    a frequent word of a language that writes compounds; "Telekom-Kunden" (a hyphen follows)
    stays a name. "along the Amazon river": the river."""
    if word_after(text, end) in GEOGRAPHIC_NOUNS:
        return True
    if text[start : start + 1].isupper() and _GEOGRAPHIC_BEFORE_RE.search(text, max(0, start - 16), start):
        return True  # "villages along the Amazon" (but "along the safaricom base" is the company)
    return ordinary_noun and text[end : end + 1] != "-" and word_before(text, start).lower() in INDEFINITE_ARTICLES
