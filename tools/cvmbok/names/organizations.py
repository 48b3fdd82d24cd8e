"""Companies nobody registered: organization-shaped names, legal forms and company context.

Most practitioners work for a regional operator, bank or retailer that no registry
lists. Such names still have a shape:

* a capitalized name with an industry word after or before it ("Quenfield Mobile",
  "Banco Serrano", "Nordlys Energy Group");
* a legal form of some jurisdiction after a name, abbreviated, spelled out or in
  lower case. The forms come from cleanco (a maintained list of legal forms by
  country and type) plus the spelled-out forms it lacks;
* a capitalized name where the text treats it as an employer or a rival ("I worked
  at Zantro", "we at Brightwave", "our competitor Telvia").

All three are warnings: the reviewer decides. A name made only of ordinary English
words ("Digital Bank", "Retail Group") or of a place and an ordinary word is a
description, not a name, unless company context says otherwise.

The scan is one pass over word tokens with set lookups (no alternation of hundreds
of patterns), so it stays linear in the text.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from typing import Iterator

from ..findings import Severity
from .context import in_heading
from .flags import Flag
from .namedata import is_common_word, is_compounding_word, is_core_given, is_english_word, is_ordinary_word, is_place
from .persons import Authors
from .normalize import fold
from .tokens import CAP_WORD_RE, UPPER, window_start

INDUSTRY_AFTER = frozenset("""telecom telekom telecommunications telco mobile mobil móvil movil wireless cellular
    networks network communications comms broadband fibre fiber cable bank banking bancorp bankasi bankası
    insurance assurance insurers versicherung versicherungen seguros assicurazioni verzekeringen forsikring
    airways airlines air aviation stores store retail retailers mart markets market supermarket supermarkets
    hypermarkets group groep gruppe holdings holding energy energie energia power electric electricity gas
    utilities utility water financial finance capital credit savings mutual life pharmacy pharma foods
    motors rail railways travel hotels resorts cruises logistics software systems technologies labs
    analytics solutions brands fashion gaming casino lottery pay payments wallet media broadcasting
    telecomunicações telecomunicaciones télécom telecomunicazioni takaful asuransi assurances distribuzione
    distribución distribution obchod handel versicherungen verzekeringen sigorta bankasi cloud decisioning
    platform platforms suite ai crm cx commerce digital interactive tech technology industries international
    enterprises partners consulting services ventures trust securities invest investments leasing lending
    loans mortgage mortgages health healthcare care clinic clinics foods food beverages apparel beauty
    cosmetics electronics appliances furniture home auto automotive express post postal tours holidays
    petroleum oil fuel fuels solar gaz strom stadtwerke yolları dağıtım ticaret sanayi society versekering versekeraar bima skyways miles rewards
    energetika sähkö pankki vakuutus kauppa telefonia sparkasse kasse sparbank bankası sigorta telekomünikasyon
    seguradora aseguradora assurance assurances ubezpieczenia pojišťovna spořitelna banka osiguranje
    telecomunicaciones comunicaciones communications tiendas magazine supermercado hipermercado
    líneas airline mobility connect telecoms cdp dmp engine studio hub energi enerji leisure trading
    perakende ticaret retailing elektrik sanayi engage interact orchestrator optimizer optimiser insights
    rewards perks""".split())
INDUSTRY_AFTER = INDUSTRY_AFTER | {fold(w) for w in INDUSTRY_AFTER}  # `_key` folds: "Yolları" is read as "yollari"
"""Industry words that end an organization's name ("Quenfield Mobile", "Nordlys Energy", "Hava Yolları")."""
ACRONYM_INDUSTRY = frozenset("cdp dmp crm cx".split())
"""Software categories written in capitals after a product's name ("Orqestra CDP"): they count only
after a word that is no English word, since "Generative AI" or "Cloud CRM" describe, not name."""
INDUSTRY_BEFORE = frozenset("banco banca banque bankhaus caixa caisse caja crédit credit grupo groupe gruppo "
                            "air telekom seguros aerolíneas aerolineas linhas lineas líneas supermercados "
                            "supermercati almacenes magazin magazine tiendas farmacias hoteles hotel "
                            "compagnie compañía companhia société sociedad banka bankası bank bpr bpd kaufhaus "
                            "warenhaus mutuelle mutua assicurazioni assurances assurance versicherung aktiebolaget "
                            "aktieselskabet multitiendas konto cuenta conta tarifa tarif plan paket paquete pacote "
                            "cassa cooperativa coop magazzini drogaria drogerie apotheke farmacia "
                            "financiera financeira seguradora aseguradora sharikat sherkat sharika puntos pontos "
                            "punti plano kifurushi osuuskauppa osuuspankki stadtwerke club".split())
"""Industry words that begin one ("Banco Serrano", "Groupe Delmont", "Puntos Quetzal": a loyalty programme)."""
ACRONYMS_BEFORE = frozenset("bpr bpd".split())
"""Industry words written in capitals before a name (Indonesia's rural and regional banks: "BPR Tirta")."""
ARTICLES_IN_NAMES = frozenset("el la los las le les de del des du do da dos das di della van von cha ya".split())
"""Words between an industry word and the name it begins."""
LEGAL_BEFORE = frozenset("pt jsc pjsc ooo oao zao tov cv tmcp ud ppuh phu pphu fhu".split())
"""Legal forms written before the name (Indonesia's "PT" and "UD", Russia's "OOO", "PJSC", Vietnam's "TMCP",
Poland's sole traders "PPUH", "PHU")."""
SPELLED_OUT = (
    "aktiengesellschaft", "gesellschaft mit beschränkter haftung", "kommanditgesellschaft",
    "société anonyme", "société par actions simplifiée", "société à responsabilité limitée",
    "sociedad anónima", "sociedad limitada", "sociedade anônima", "sociedade anónima", "sociedade limitada",
    "società per azioni", "società a responsabilità limitata", "naamloze vennootschap",
    "besloten vennootschap", "aktiebolag", "aksjeselskap", "allmennaksjeselskap", "aktieselskab",
    "anpartsselskab", "osakeyhtiö", "julkinen osakeyhtiö", "anonim şirketi", "anonim sirketi",
    "limited şirketi", "kabushiki kaisha", "godo kaisha", "yugen kaisha", "public limited company",
    "kabushiki-gaisha", "kabushiki gaisha", "gōdō-gaisha", "godo-gaisha", "yūgen-gaisha", "yugen-gaisha",
    "limited liability company", "limited liability partnership", "limited partnership",
    "proprietary limited", "private limited", "sendirian berhad", "perseroan terbatas",
    "spółka akcyjna", "spółka z ograniczoną odpowiedzialnością", "společnost s ručením omezeným",
    "akciová společnost", "zártkörűen működő részvénytársaság", "societate comercială",
    "joint stock company", "public joint stock company", "closed joint stock company",
)
"""Legal forms written out, which cleanco lists only in abbreviated form."""
LOWERCASE_OK = frozenset("ltd ltd. plc llc llp inc inc. gmbh bhd oyj kgaa sarl ltda s.a. s.p.a. n.v. b.v. "
                         "pty pte a/s s.r.l. s.l. s.a.s. sdn ag".split())
"""Forms distinctive enough to count in lower case ("quenfield gmbh")."""
NEVER = frozenset("uk ok co co. e.g. et at as pp ps mb kb ba da ab ae ad ee ep ei ec ok sp sd sf ss ud "
                  "private company corporation ks kt og fa hb pt gp ik sem sal mr cic cio ans ent.".split())
"""cleanco forms that are far more often something else in CVM prose (units, words, initials)."""
NEVER_LOWER_ONLY = frozenset("as ab ad pt sa ag oy se sp ks kg hb kb".split())
"""Of those, the ones that still count in capitals right after a name ("Nordlys Energi AS")."""
COMPANY_BEFORE_RE = re.compile(
    r"(?:\b(?:worked|working|work|works|employed|job|role|roles|internship|stint|years|time|days|tenure|career|spell)"
    r"\s+(?:at|for|with)"
    r"|\b(?:joined|joining|leaving|left|quit|rejoined)"
    r"|\b(?:was|were|been|am)\s+with"
    r"|\b(?:switching|moving|moved|churned|churning|defected|defecting|ported|porting|lost)\s+(?:to|from)"
    r"|\b(?:lost|losing|lose|gained|gaining|ceded|ceding)\s+(?:ground|share|customers|market\s+share)\s+to"
    r"|\b(?:competitor|competitors|rival|rivals|employer|client|clients|competidor|competidores|concorrente|concorrentes|"
    r"concurrent|concurrenten|konkurrent|konkurrenten|konkurrenter|concorrente|rakip|rakibimiz|pesaing|mshindani|"
    r"konkurencja|konkurent)\s*,?"
    r"|\b(?:we|us|here|colleagues|team)\s+at"
    r"|\bcustomers\s+of|\bswitched\s+(?:to|from)|\bacquired\s+by|\bmerged\s+with|\bspun\s+off\s+from"
    r"|\b(?:partnered|partnering|partner|partners|supplier|suppliers|vendor|vendors|subsidiary|owner|"
    r"owned|parent|sister|acquired|acquiring|bought|licensed|chose|selected|implemented|migrated|outsourced|"
    r"dropped|ditched|replaced|renewed|trialled|trialed|piloted|evaluated)"
    r"(?:\s+(?:with|by|of|to|from|company|firm))?,?"
    r"|\b(?:replaced|replacing|swapped|swapping)\s+(?:our|the|their|its)\s+(?:[\w-]+\s+){0,3}?(?:with|for|by)"
    r"|\b(?:chez|bij|hos|presso|pelanggan|pengguna|nasabah)"
    r"|\b(?:at|from|by)\b)\s+$",
    re.IGNORECASE,
)
TOKEN_RE = re.compile(r"[^\W_][\w'’&/.-]*")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
ORG_FIX = "describe the organization instead ('a regional insurer', 'a software vendor')"


@lru_cache(maxsize=1)
def _cleanco_forms() -> frozenset[str]:
    """Every legal form cleanco knows (by type and by country), lowercase: read once for
    `legal_forms` and `_dotless_forms`."""
    try:
        from cleanco.termdata import terms_by_country, terms_by_type  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - cleanco is a declared dependency
        return frozenset()
    return frozenset(t.strip().lower() for group in (terms_by_type, terms_by_country)
                     for values in group.values() for t in values)


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[str]:
    """Every legal form cleanco knows, plus the ones it lacks and the dotted ones without dots."""
    terms = set(_cleanco_forms()) | set(EXTRA_FORMS) | _dotless_forms()
    return frozenset(t for t in terms if t and t not in NEVER and "\x99" not in t and "Å" not in t)


@lru_cache(maxsize=1)
def _dotless_forms() -> frozenset[str]:
    """Dotted forms written without their dots ("Dennenberg BV", "Grupo Sur SLU"): they count only
    in capitals, since "Dd" or "sl" without dots are a word or initials far more often."""
    dotted = _cleanco_forms() | set(EXTRA_FORMS)
    return frozenset(f for f in (t.replace(".", "") for t in dotted if " " not in t and t.count(".") >= 2)
                     if len(f) >= 3 or f in DOTLESS_PAIRS) - dotted


MIXED_CASE_FORMS = frozenset("SpA Srl Snc Sapa".split())
"""Dotless forms that Italy writes in mixed case ("Vexatel Comunicazioni SpA", "Ferri Srl")."""
DOTLESS_PAIRS = frozenset("bv kk dd sl".split())
"""Two-letter forms that count without dots; the others ("EU", "PC", "CA", "SE") are abbreviations first."""


EXTRA_FORMS = ("a.ş.", "a.s.", "s/a", "s.a.s.", "sp.j.", "sp.k.", "k.s.", "v.o.s.", "tbk.", "persero",
               "m.b.h.", "ges.m.b.h.", "gesmbh", "s.a.c.", "s.a.c", "co. ltd.", "co. ltd", "co.,ltd.", "jsc",
               "s.l.u.", "s.com.", "kkt.", "bt.", "zrt.", "nyrt.", "kht.", "o.s.", "z.s.", "& co. kg", "& co. kgaa",
               "α.ε.", "ε.π.ε.", "ι.κ.ε.", "ο.ε.")
"""Forms cleanco lacks: Turkish "A.Ş." (with its own letter), Brazilian "S/A", Polish and Czech partnerships,
Austrian "m.b.H.", Peruvian "S.A.C.", East Asian "Co., Ltd." (its comma is read as a blank), Spanish
"S.L.U.", Swedish trading partnerships (HB, KB), Hungarian "Kkt.", "Bt.", "Zrt.", German "& Co. KG"."""
NAME_CONNECTORS = frozenset("a and & und y e et en og och ve i di de da do du del della van der den von "
                            "syn son sons fils hijos filhos figli zonen söner sønner és társa társai".split())
"""Lower-case words inside a company's name before its legal form ("Kubíček a syn s.r.o.", "Dekker & Zonen B.V.")."""
NAME_TAILS = frozenset("syn son sons fils hijos filhos figli zonen söner sønner társa társai".split())
"""Connectors that may end a name right before its form ("Kiss és társa Kht.": Kiss and partner)."""


@lru_cache(maxsize=1)
def _forms_by_words() -> dict[int, frozenset[str]]:
    """Legal forms grouped by how many blank-separated tokens they have."""
    groups: dict[int, set[str]] = {}
    for form in legal_forms():
        groups.setdefault(len(form.split()), set()).add(form)
    return {n: frozenset(forms) for n, forms in groups.items()}


@lru_cache(maxsize=1)
def _multi_first_words() -> frozenset[str]:
    """First words of the legal forms that have more than one word ("pty ltd", "sp. z o.o.")."""
    return frozenset(f.split()[0] for f in legal_forms() if " " in f)


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    return "".join(c for c in fold(word).lower() if c.isalnum())


@lru_cache(maxsize=65536)
def _capitalized(word: str) -> bool:
    """A capital first and some lower case after it ("Quenfield", "GmbH"; not "AG"). Cached: asked
    of the same few words again and again around every candidate."""
    return word[:1].isupper() and any(c.islower() for c in word[1:])


OWN_NAMES = frozenset({"CVMBoK"})
"""The book's own name: "By CVMBoK contributors" names no employer."""


def _name_like(word: str) -> bool:
    """A capitalized word that is neither an ordinary English word nor a place."""
    w = word.rstrip(".,;:")
    if not _capitalized(w) or is_place(w) or w in OWN_NAMES:
        return False
    return not is_english_word(_key(w))


def _uncommon(word: str) -> bool:
    """A capitalized word outside the 3,000 most frequent English words, and no place ("Prairie", "Bayou")."""
    w = word.rstrip(".,;:")
    return _capitalized(w) and not is_place(w) and not is_common_word(_key(w))


class _Line:
    """The tokens of one line as plain lists, with the text between neighbours.

    Read once per line that holds a candidate: the checks around each candidate then
    index lists instead of asking match objects and slicing the text again and again
    (on a line of nothing but legal forms every word is a candidate)."""

    __slots__ = ("text", "words", "starts", "ends", "gaps")

    def __init__(self, text: str, start: int, end: int) -> None:
        matches = list(TOKEN_RE.finditer(text, start, end))
        self.text = text
        self.words = [m.group() for m in matches]
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.gaps = [text[e:s] for e, s in zip(self.ends, self.starts[1:])]
        """gaps[k]: what separates token k from token k + 1."""


def _legal_form_at(line: _Line, i: int) -> int:
    """How many tokens from `i` on spell a legal form (0: none)."""
    words = line.words
    for n in _form_lengths(words[i].lower().strip("(),;:")):
        if i + n > len(words):
            continue
        verdict = _form_verdict(tuple(words[i : i + n]))
        if verdict is _Form.NONE or (verdict is _Form.AFTER_NAME and not _lower_form_follows_name(words, i)):
            continue
        return n
    return 0


def _lower_form_follows_name(words: list[str], i: int) -> bool:
    """Does a name end right before token `i`: a name-like word, maybe followed by lower-case words
    of the name ("Kubíček a syn s.r.o.")? Not a capitalized word three words back ("Access is limited")."""
    j = i - 1
    while j >= 0 and i - j <= 3:
        if _name_like(words[j]):
            return True
        if words[j].lower() not in NAME_CONNECTORS and words[j].lower() not in INDUSTRY_AFTER:
            return False  # "Vltavská energetika s.r.o." reads through the industry word
        j -= 1
    return False


class _Form(Enum):
    """What a few words are as a legal form, independent of where they stand."""

    NONE = 0
    FORM = 1
    AFTER_NAME = 2
    """A lower-case form that counts only right after a name ("quenfield spa")."""


@lru_cache(maxsize=64)
def _form_lengths(first: str) -> tuple[int, ...]:
    """The word counts worth trying for a form that starts with `first`, longest first."""
    groups = _forms_by_words()
    multi = first in _multi_first_words()
    return tuple(n for n in (4, 3, 2, 1) if n in groups and (n == 1 or multi))


@lru_cache(maxsize=65536)
def _form_verdict(words: tuple[str, ...]) -> _Form:
    """Whether `words` spell a legal form. Cached: the same few forms recur on every line
    of a company list, and each used to be joined, lowered and looked up afresh."""
    n = len(words)
    group = _forms_by_words()[n]
    raw = " ".join(words).rstrip(",;:").strip("()")
    candidate = " ".join(words).lower().rstrip(",;:").strip("()")
    if candidate not in group and candidate.rstrip(".") not in group:
        bare = raw.rstrip(".")  # "Pettersson AB." at the end of a sentence
        if not (n == 1 and bare.isupper() and bare.isalpha() and candidate.rstrip(".") in NEVER_LOWER_ONLY):
            return _Form.NONE
    if n == 1 and candidate in _dotless_forms() and not (raw.isupper() or raw in MIXED_CASE_FORMS):
        return _Form.NONE  # "BV", "SLU" in capitals only (and Italy's "SpA", "Srl" as they are written)
    if n == 1 and len(candidate.rstrip(".")) <= 3 and raw.isalpha() and not (raw.isupper() or raw[:1].isupper()):
        # "plc", "ltd", "llc" in lower case right after a name ("Pemberton plc"); other short words never
        return _Form.AFTER_NAME if candidate in LOWERCASE_OK else _Form.NONE
    if raw.islower() and candidate not in LOWERCASE_OK and candidate.rstrip(".") not in LOWERCASE_OK:
        return _Form.AFTER_NAME if len(candidate) >= 3 else _Form.NONE  # "spa", "a.s." only right after a name
    return _Form.FORM


PLACEHOLDER_NAMES = frozenset("example acme contoso fabrikam initech globex foo foobar sample dummy".split())
"""First words of the names textbooks invent for a company ("Example Corp", "Acme Bank")."""


def organizations(text: str, authors: Authors | None = None) -> Iterator[Flag]:
    """`_organizations` without the textbooks' invented companies ("Suppose Example Corp has ...")."""
    for flag in _organizations(text, authors):
        first = text[flag.start : flag.end].split(None, 1)[0].lower()
        if first not in PLACEHOLDER_NAMES:
            yield flag


_TEAM_AFTER_RE = re.compile(r"[ \t]+(?i:team|teams|department|squad|unit|guild|chapter|tribe|desk)\b")
"""A word after an industry-shaped name that makes it a team of the writer's company."""


def _organizations(text: str, authors: Authors | None = None) -> Iterator[Flag]:
    """Legal entities, organization-shaped names and capitalized names in company context.

    Only candidate words are looked at (capitalized words that are a legal form or an
    industry word, lower-case legal forms, capitalized words after a context word),
    each with the tokens of a short window around it, so the cost follows the number
    of candidates, not of words.
    """
    reach = -1
    bounds = (-1, -1)
    line = _Line(text, 0, 0)
    index: dict[int, int] = {}
    firsts = _form_first_words()
    for position in _candidates(text):
        if position < reach:
            continue
        if not bounds[0] <= position < bounds[1]:
            # the tokens of the candidate's line, read once per line (names never span lines here)
            start = text.rfind("\n", 0, position) + 1
            end = text.find("\n", position)
            bounds = (start, len(text) if end < 0 else end)
            line = _Line(text, *bounds)
            index = {s: k for k, s in enumerate(line.starts)}
        i = index.get(position, -1)
        if i < 0:
            continue
        words = line.words
        low = words[i].lower().rstrip(",;:")
        nxt = _POSSESSIVE_RE.sub("", words[i + 1].lower().rstrip(".,;:")) if i + 1 < len(words) else ""
        flag = None
        bare = low.strip("()")
        if bare in firsts or bare.rstrip(".") in firsts or low in LEGAL_BEFORE:
            flag = _legal_entity(line, i)
        if flag is None and (low in INDUSTRY_BEFORE or nxt in INDUSTRY_AFTER):
            flag = _industry_name(line, i)
        if flag is None and i > 0 and words[i - 1].lower() in CONTEXT_LAST_WORDS:
            flag = _in_context(line, i)
        if flag is not None and flag.start >= reach and _TEAM_AFTER_RE.match(text, flag.end):
            continue  # "The Retention Analytics Team": the writer's own team, named by what it does
        if flag is not None and flag.start >= reach:
            reach = flag.end
            found = text[flag.start : flag.end]
            if authors is not None and (authors.names_organization(found) or authors.covers(found.split()[0])):
                continue  # a publisher, a journal or an author of the bibliography
            yield flag
    yield from _spelled_out(text)
    yield from _employer_before_verb(text)
    yield from _products(text)
    yield from _lower_case_entities(text)
    yield from _lower_case_industry_names(text)
    yield from _appositions(text)
    yield from _cjk_entities(text)
    yield from _plans(text)
    yield from _family_firms(text)


PLAN_NOUNS = "plan|plans|tariff|tariffs|bundle|bundles|package|tarifa|tarif|pacote|paquete|abonnement|pakket"
_PLAN_RE = re.compile(
    rf"(?<![\w'’-])((?:[{UPPER}][\w'’-]*|\d+)(?:[ \t](?:[{UPPER}][\w'’-]*|\d+)){{0,3}})[ \t]+(?i:{PLAN_NOUNS})(?![\w-])")
"""A price plan's name: up to four capitalized words or numbers before "plan", "tariff", "bundle"."""
_PLAN_NOUN_RE = re.compile(rf"(?i)(?<![\w-])(?:{PLAN_NOUNS}|plano|piano|forfait|offerta|oferta|programa|programme|program"
                           rf"|programm|programma)(?![\w-])")
_PROGRAMME_RE = re.compile(
    rf"(?<![\w'’-])(?:[Pp]rograma|programme|[Pp]rogramm|[Pp]rogramma)(?:\s+de\s+(?:fidelidad|fidélité|fidelização))?"
    rf"[ \t]+[«\"“„]?[ \t]?([{UPPER}][\w'’-]+(?:[ \t][{UPPER}][\w'’-]+){{0,2}})")
"""A loyalty programme named after its noun ("El programa PuntosCóndor", "Le programme « Cercle Opaline »"); not
English "Program KPIs", whose name comes before the noun."""
_PLAN_AFTER_RE = re.compile(
    rf"(?<![\w'’-])(?i:plan|plano|tarifa|tarif|forfait|piano|offerta|oferta|pacote|paquete|abonnement)[ \t]+"
    rf"((?:[{UPPER}][\w'’-]*)(?:[ \t](?:[{UPPER}][\w'’-]*|\d+)){{0,3}})")
"""A price plan named after its noun, as the Romance languages write it ("el plan Horizonte Ilimitado",
"o plano Família Turbo 60", "le forfait Liberté Max")."""


def _joined_words(word: str) -> bool:
    """A hyphenated word made of English words and abbreviations ("SIM-only", "Pay-as-you-go")."""
    parts = word.split("-")
    return len(parts) > 1 and all(p.isupper() or is_english_word(_key(p)) for p in parts if p)


_FAMILY_FIRM_RE = re.compile(
    rf"(?<![\w'’-])([{UPPER}][\w'’-]+(?:[ \t]e)?),?[ \t](?:and|&|e|y|und|en|et)[ \t](?:Sons|Son|Co\.|Partners|Associates|"
    r"[Aa]sociados|[Aa]ssociados|[Aa]ssociati|[Ff]igli|Söhne|Zonen|[Ff]ils|[Hh]ijos|[Ff]ilhos|Cie\.?)(?![\w-])")
"""A family firm's name: "Watkins and Sons", "Guidotti e figli", "Madera y Asociados", "Dekker & Zonen"."""


_FAMILY_WORD_RE = re.compile(r"(?i)(?:sons?|co\.|partners|associates|as[s]?ocia|figli|söhne|zonen|fils|hijos|filhos|cie)\b")


def _family_firms(text: str) -> Iterator[Flag]:
    if _FAMILY_WORD_RE.search(text) is None:
        return  # the pattern starts at every capitalized word: run it only where its last word occurs
    for m in _FAMILY_FIRM_RE.finditer(text):
        if _at_unit_start(text, m.start(1)) and is_english_word(_key(m.group(1))):
            continue  # "Fathers and Sons" as a title
        yield Flag(m.start(1), m.end(), "leak.organization", Severity.WARNING,
                   f"'{m.group()}' names a firm: it may identify the company", ORG_FIX)


ROMANCE_PLAN_NOUNS = ("plan ", "plano ", "tarifa ", "tarif ", "forfait ", "piano ", "offerta ", "oferta ", "pacote ",
                      "paquete ", "abonnement ")


def _plans_after_noun(text: str, lowered: str) -> Iterator[re.Match[str]]:
    """`_PLAN_AFTER_RE` tried only where one of its nouns stands (found with `str.find`): the pattern
    started at every position cost a tenth of a second per megabyte of prose with no plan in it."""
    for noun in ROMANCE_PLAN_NOUNS:
        at = lowered.find(noun)
        while at >= 0:
            m = _PLAN_AFTER_RE.match(text, at)
            if m is not None:
                yield m
            at = lowered.find(noun, at + len(noun))


def _plans(text: str) -> Iterator[Flag]:
    """Named price plans ("the Kombi Max XL tariff", "Cóndor Ilimitado plan"): a word of the
    name must be no English word and no place; "the Prime Saver plan" describes."""
    if _PLAN_NOUN_RE.search(text) is None:
        return  # as above: the pattern starts at every capitalized word
    for m in _PLAN_RE.finditer(text):
        start, words = m.start(1), m.group(1).split()
        while len(words) > 1 and is_common_word(_key(words[0])) and _at_unit_start(text, start):
            start = text.index(words[1], start + len(words[0]))  # "The Cóndor Ilimitado plan": not "The"
            words = words[1:]
        if not any(_name_like(w) and not is_core_given(_key(w)) and not _joined_words(w) for w in words):
            continue
        if len(words) == 1 and _at_unit_start(text, start) and is_english_word(_key(words[0])):
            continue
        yield Flag(start, m.end(1), "leak.organization", Severity.WARNING,
                   f"'{text[start:m.end(1)]}' looks like the name of a price plan: it may identify the company", ORG_FIX)
    lowered = text.lower()
    for m in _PROGRAMME_RE.finditer(text) if "programa" in lowered or "programm" in lowered else ():
        words = m.group(1).split()
        if any(_name_like(w) and not is_core_given(_key(w)) and sum(c.isupper() for c in w) < 3 for w in words):
            yield Flag(m.start(1), m.end(1), "leak.organization", Severity.WARNING,
                       f"'{m.group(1)}' looks like the name of a loyalty programme: it may identify the company", ORG_FIX)
    for m in _plans_after_noun(text, lowered):
        words = m.group(1).split()
        if not any(_name_like(w) and (len(words) > 1 or not is_core_given(_key(w))) and not _joined_words(w) for w in words):
            continue  # "plan B", "the plan Monday" (no word of a name); "Plano Família Turbo 60" has two
        yield Flag(m.start(), m.end(1), "leak.organization", Severity.WARNING,
                   f"'{m.group()}' looks like the name of a price plan: it may identify the company", ORG_FIX)


AMBIGUOUS_LOWER_FORMS = frozenset("ab as sa ag oy spa kk".split())
"""Short forms that are words in lower case ("as", German "ab", "spa"): only after a company cue."""
LOWER_FORMS = r"ab|as|sa|ag|oy|oyj|bv|nv|spa|srl|sas|sarl|kk|tbk|bhd|pte|aps|asa|ltd|plc|llc|inc|gmbh|jsc|sp\.\s?z\s?o\.o\.|s\.r\.o\."
FOREIGN_CUES = frozenset("bij bei chez presso hos w we".split())
"""Words for "at" an employer in other languages, which `COMPANY_BEFORE_RE` does not read."""
LOWER_ENTITY_CUES = frozenset("at joined joining leaving left for with".split()) | FOREIGN_CUES
_LOWER_FORM_RE = re.compile(rf"(?<=[ \t])(?:{LOWER_FORMS})(?![\w'’-])")
_BLANK_SEPARATED_RE = re.compile(r"\S+")
_NAME_BEFORE_FORM_RE = re.compile(r"(?<![\w'’&-])((?:[a-zà-ÿ][a-zà-ÿ'’-]*[ \t]+|&[ \t]+){1,4})\Z")
"""Up to four lower-case words (or "&") right before a lower-case legal form."""


_LOWER_INDUSTRY_RE = re.compile(
    r"(?<![\w'’-])(?:at|joined|joining|leaving|left|from|to|chez|bij|hos|presso)[ \t]+([a-zà-ÿ][a-zà-ÿ'’-]{2,})[ \t]+"
    r"(bank|banken|banco|banque|telecom|telekom|mobile|insurance|assurance|seguros|versicherung|airways|airlines|energy"
    r"|energie|retail|stores|markets|foods|pay|wallet)(?![\w'’-])")
"""A company in lower case after a company cue: a word no language knows and an industry word ("at zephyrine bank")."""


def _lower_case_industry_names(text: str) -> Iterator[Flag]:
    """Companies written in lower case with an industry word after a cue ("at zephyrine bank we ..."):
    the word before the industry word must be none the word lists know ("at retail bank" is prose)."""
    for m in _LOWER_INDUSTRY_RE.finditer(text):
        if is_ordinary_word(_key(m.group(1))) or is_place(m.group(1).capitalize()):
            continue
        yield Flag(m.start(1), m.end(2), "leak.organization", Severity.WARNING,
                   f"'{text[m.start(1):m.end(2)]}' is shaped like a company's name (a name and an industry word)",
                   ORG_FIX)


def _lower_case_entities(text: str) -> Iterator[Flag]:
    """A company written all in lower case, ending in a legal form ("at lindqvist handel ab",
    "a consultancy, dekker & mols bv", "pt bayar kilat nusantara tbk").

    The forms are found first (one scan) and the words before each read afterwards: a
    pattern that started at every lower-case word cost a fifth of a second per megabyte."""
    for form_match in _LOWER_FORM_RE.finditer(text):
        form = form_match.group()
        window_start = max(0, form_match.start() - 80)
        before = text[window_start : form_match.start()].split()[-1:]
        industry = bool(before) and before[0].lower() in INDUSTRY_AFTER  # "korhonen sähkö oy"
        # a Finnish case ending after a colon makes the form the company's ("lumivaara oy:ssä", "ab:n")
        industry = industry or (text[form_match.end() : form_match.end() + 1] == ":"
                                and text[form_match.end() + 1 : form_match.end() + 2].isalpha())
        if form in AMBIGUOUS_LOWER_FORMS and not industry and not LOWER_ENTITY_CUES.intersection(
                text[window_start : form_match.start()].lower().split()[-6:]):
            continue  # "as" and "ab" are words: without a cue nearby there is nothing to read
        m = _NAME_BEFORE_FORM_RE.search(text, window_start, form_match.start())
        if m is None:
            continue
        tokens = [(t.start(), t.group()) for t in _BLANK_SEPARATED_RE.finditer(m.group(1))]
        # the name starts after the leading English words and cues: "worked with oakridge retail ltd"
        while len(tokens) > 1 and (tokens[0][1] == "&" or is_common_word(_key(tokens[0][1]))
                                   or tokens[0][1].lower() in LOWER_ENTITY_CUES
                                   or (tokens[0][1].islower() and is_ordinary_word(_key(tokens[0][1])))):
            tokens = tokens[1:]
        cues = [k for k, (_, w) in enumerate(tokens[:-1]) if w.lower() in LOWER_ENTITY_CUES]
        if cues:
            tokens = tokens[cues[-1] + 1 :]  # "from the workshop w kowalczyk telefonia sp. z o.o.": after the cue
        if not any(not is_english_word(_key(w)) and len(_key(w)) >= 3 for _, w in tokens):
            continue  # "at home as", "for the sa", "sales and marketing ltd": ordinary words before a form
        start = m.start(1) + tokens[0][0]
        if form in AMBIGUOUS_LOWER_FORMS and not industry:
            cue = text[max(0, start - 12) : start].split()[-1:]
            if not cue or cue[0].lower() not in LOWER_ENTITY_CUES or not (
                    cue[0].lower() in FOREIGN_CUES or _company_context(text, start)):
                continue
        end = form_match.end()
        yield Flag(start, end, "leak.legal-entity", Severity.WARNING,
                   f"'{text[start:end]}' names an organization by its legal form", ORG_FIX)


APPOSITION_NOUNS = ("player|operator|bank|insurer|retailer|grocer|chain|vendor|tool|platform|provider|competitor|rival|challenger"
                    "|telco|carrier|airline|start-?up|fintech|consultancy|agency|supplier|firm|company|brand|app|wallet"
                    "|promo|plan|tariff|bundle|product|solution|suite|engine|lender|neobank|marketplace|mvno|utility"
                    "|anbieter|anbieters|dienstleister|versicherer|händler|fournisseur|éditeur|opérateur|assureur|banque"
                    "|proveedor|operador|operadora|aseguradora|fornecedor|seguradora|fornitore|operatore|leverancier"
                    "|aanbieder|verzekeraar|leverantör|leverandør|concurrent|competidor|konkurrent")
COMPANY_NOUNS = frozenset("""operator bank insurer retailer grocer vendor provider telco carrier airline fintech challenger
    consultancy agency supplier lender neobank marketplace mvno utility""".split())
"""Apposition nouns that only a company is: after one, even a capitalized English word names it."""
_APPOSITION_RE = re.compile(
    rf"(?<![\w'’-])([{UPPER}][\w&'’-]+(?:[ \t][{UPPER}0-9][\w&'’-]*){{0,2}}),[ \t]+(?:the|a|an|our|their|einem|einer|eines"
    rf"|ein|eine|unser|unserem|un|une|notre|el|la|una|uno|um|uma|o|il|lo|een|ons|onze|en|ett|vår)[ \t]+"
    rf"(?:[\w-]+[ \t]+){{0,3}}?((?i:{APPOSITION_NOUNS}))s?(?![\w-])")
"""A name explained by what it is: "Churnwise, a propensity tool", "Moravafon, the regional cable player"."""


_BETWEEN_COMMAS_RE = re.compile(rf",[ \t]+([{UPPER}][\w&'’-]+),")
_REVERSE_APPOSITION_RE = re.compile(
    rf"(?<![\w'’-])(?:[Oo]ur|[Tt]heir|[Tt]he|[Mm]y)[ \t]+(?:[\w-]+[ \t]+){{0,2}}?(?:{'|'.join(sorted(COMPANY_NOUNS))}"
    rf"|app|platform|tool|vendor|brand|employer|client|competitor|rival|partner)\Z")
"""The thing named after what it is: "Our marketplace, Shopnarrow, saw ...", "our old vendor, Churnwise, ..."."""


def _appositions(text: str) -> Iterator[Flag]:
    if ", " not in text:
        return
    for m in _BETWEEN_COMMAS_RE.finditer(text):
        name = m.group(1)
        if not _REVERSE_APPOSITION_RE.search(text, max(0, m.start() - 60), m.start()):
            continue
        if _name_like(name) and not is_core_given(_key(name)):
            yield Flag(m.start(1), m.end(1), "leak.organization", Severity.WARNING,
                       f"'{name}' is described as a company or a product: it may name one", ORG_FIX)
    for m in _APPOSITION_RE.finditer(text):
        name = m.group(1)
        words = name.split()
        if len(words) == 1 and is_core_given(_key(name)):
            continue  # a colleague's given name
        if not any(_name_like(w) for w in words) and not (
                len(words) == 1 and m.group(2).lower() in COMPANY_NOUNS and not _at_unit_start(text, m.start(1))
                and _capitalized(name) and not is_common_word(_key(name))):
            continue  # "Retail, the ...": but mid-sentence "Heron, the cheapest MVNO" is a company
        if _at_unit_start(text, m.start(1)) and len(words) == 1 and is_english_word(_key(name)):
            continue
        yield Flag(m.start(1), m.end(1), "leak.organization", Severity.WARNING,
                   f"'{name}' is described as a company or a product: it may name one", ORG_FIX)


CJK_FORMS = "株式会社|有限会社|合同会社|合資会社|股份有限公司|有限责任公司|有限公司|주식회사|유한회사"
_CJK_NAME = "\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff66-\uff9f"
"""Katakana, kanji and Hangul: what a company's name is written in (hiragana particles such as は and に end it)."""
_HIRAGANA_NOT_PARTICLES = "\u3041-\u3094\u309d\u309e"
"""Hiragana, which after a form written first may be the name itself ("株式会社しおさい通信"); a particle
(で, は, に, を, が, の, と, も, へ, や) still ends it (see `_CJK_PARTICLES`)."""
_CJK_PARTICLES = "でにはをがのともへやから"
_CJK_ENTITY_RE = re.compile(rf"(?:{CJK_FORMS})(?:[{_CJK_NAME}]|(?![{_CJK_PARTICLES}])[{_HIRAGANA_NOT_PARTICLES}]){{1,12}}"
                            rf"|[{_CJK_NAME}]{{1,12}}(?:{CJK_FORMS})")
"""Legal forms of Japan, China and Korea in their scripts, with the name joined to them ("株式会社ミナト")."""


def _cjk_entities(text: str) -> Iterator[Flag]:
    if "会社" not in text and "公司" not in text and "회사" not in text:
        return
    for m in _CJK_ENTITY_RE.finditer(text):
        yield Flag(m.start(), m.end(), "leak.legal-entity", Severity.WARNING,
                   f"'{m.group()}' names an organization by its legal form", ORG_FIX)


EMPLOYER_VERB_RE = re.compile(
    rf"(?<![\w'’-])([{UPPER}][\w'’&-]+)[ \t]+(?:(?:ever|once|first|finally|then|had|have|has|never)[ \t]+)?"
    r"(?:hired|recruited|headhunted|poached|onboarded|promoted|laid[ \t]+off|let[ \t]+(?:me|us|him|her|them)[ \t]+go)"
    r"(?![\w'’-])")
"""A name that only its verb makes an employer: "the best analyst Quenfield ever hired", "When Quenfield hired me"."""


def _employer_before_verb(text: str) -> Iterator[Flag]:
    """Capitalized names right before a verb that only an employer does (hired, laid off ...).

    A given name is left out ("When Maria hired me" names a person, which `persons` judges),
    and so is a common word at the start of a sentence ("Nobody ever hired ...")."""
    if not any(v in text for v in ("hired", "recruited", "headhunted", "poached", "onboarded", "promoted",
                                   "laid off", " go")):
        return
    for m in EMPLOYER_VERB_RE.finditer(text):
        word = _POSSESSIVE_RE.sub("", m.group(1))
        if not _name_like(word) or is_core_given(_key(word)) or in_heading(text, m.start(1)):
            continue
        yield Flag(m.start(1), m.start(1) + len(word), "leak.organization", Severity.WARNING,
                   f"'{word}' is written as the one who hired or let people go: it may name the employer", ORG_FIX)


def _candidates(text: str) -> list[int]:
    """Start offsets of the words worth a closer look, in order.

    One scan for capitalized words (each checked against the legal forms, the industry
    words and the word before it), one for dotted abbreviations, and a scan for lower-case
    legal forms only when one of them occurs in the text at all.
    """
    firsts = _form_first_words()
    found: set[int] = set()
    previous: int | None = None
    for m in CAP_WORD_RE.finditer(text):
        start = m.start()
        role = _capital_role(m.group())
        if role & _ENDS_NAME and previous is not None:
            found.add(previous)  # the name ends right before the industry word
        if role & _STARTS:
            found.add(start)
        previous = start
    # the capitalized word after "at", "joined" ...: one scan (looking behind each capitalized word cost a search each)
    found.update(m.end() for m in _WORD_THEN_CAPITAL_RE.finditer(text) if m.group(1).lower() in CONTEXT_LAST_WORDS)
    if "." in text:
        for m in _DOTTED_RE.finditer(text):
            if m.group().lower() in firsts or m.group().lower().rstrip(".") in firsts:
                found.add(m.start())  # "K.K.", "S.A.", "N.V." (a capital after a dot is no CAP_WORD match)
    lowered = text.lower() if " z o.o" in text or " s r.o" in text or "spol." in text else ""
    for form in _LOWER_MULTI_FORMS if lowered else ():
        at = lowered.find(form)
        while at >= 0:
            found.add(at)  # "sp. z o.o.", "spol. s r.o.": forms of more than one word, in lower case
            at = lowered.find(form, at + 1)
    tokens = set(_LOWER_TOKEN_RE.findall(text))
    present = _lower_forms() & (tokens | {t.rstrip(".") for t in tokens if t.endswith(".")})
    if present:
        for m in _lower_form_re(frozenset(present)).finditer(text):
            found.add(m.start())
    return sorted(found)


_LOWER_MULTI_FORMS = ("sp. z o.o.", "spółka z o.o.", "spol. s r.o.")
"""Lower-case forms of several words that `_candidates` looks for (the one-word scan cannot see them)."""
_DOTTED_RE = re.compile(r"(?<![\w.])[A-Za-zΑ-Ωα-ω]{1,3}(?:\.[A-Za-zΑ-Ωα-ω]{1,3}){1,4}\.?(?![\w])")
_LOWER_TOKEN_RE = re.compile(r"(?<![\w.])[a-z][a-z.&/]{1,15}(?![\w])")


@lru_cache(maxsize=1)
def _lower_forms() -> frozenset[str]:
    """Legal forms that may be written in lower case: the distinctive ones and the dotted ones."""
    return frozenset(f for f in legal_forms()
                     if f.islower() and " " not in f and (f in LOWERCASE_OK or "." in f or len(f) >= 3))


@lru_cache(maxsize=64)
def _lower_form_re(forms: frozenset[str]) -> re.Pattern[str]:
    ordered = sorted(forms, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in ordered) + r")(?![\w])")


CONTEXT_LAST_WORDS = frozenset("""at for with joined joining leaving left quit rejoined competitor competitors rival rivals
    employer client clients of to from by licensed bought chose selected implemented partnered partnering partner
    partners supplier suppliers vendor vendors subsidiary owner owned parent sister acquired acquiring migrated
    outsourced company firm competidor competidores concorrente concorrentes concurrent concurrenten konkurrent
    konkurrenten konkurrenter rakip rakibimiz pesaing mshindani konkurencja konkurent dropped ditched replaced renewed trialled trialed piloted evaluated
    chez bij hos presso pelanggan pengguna nasabah""".split())
"""The last word of every `COMPANY_BEFORE_RE` phrase: a capitalized word after any other is not checked."""



_STARTS = 1
_ENDS_NAME = 2


@lru_cache(maxsize=65536)
def _capital_role(word: str) -> int:
    """What a capitalized word is to `_candidates`: `_STARTS` a legal form or an industry name,
    `_ENDS_NAME` (an industry word after a name), both or neither. Cached: a text repeats its words."""
    low = word.lower().rstrip(".")
    firsts = _form_first_words()
    role = _ENDS_NAME if low in INDUSTRY_AFTER or _POSSESSIVE_RE.sub("", low) in INDUSTRY_AFTER else 0
    if low in firsts or low + "." in firsts or low in LEGAL_BEFORE or low in INDUSTRY_BEFORE:
        role |= _STARTS
    return role


_WORD_THEN_CAPITAL_RE = re.compile(rf"(?<![^\W\d_])([^\W\d_]{{2,11}}),?[ \t]+(?=[{UPPER}])")
"""A word of two to eleven letters (the lengths of the context words), then blanks and a capital."""


@lru_cache(maxsize=1)
def _form_first_words() -> frozenset[str]:
    return frozenset({f.split()[0] for f in legal_forms()} | {f.split()[0].rstrip(".") for f in legal_forms()}
                     | NEVER_LOWER_ONLY)


JOINING = frozenset({" ", ", ", "\t", " (", ") ", " ) ", ", (", " & "})
"""What may stand between two words of one name."""


def _name_before(line: _Line, i: int, allow_lower: bool, connectors: bool = False) -> int:
    """Index of the first token of the name (up to 3 words) that ends right before token `i`, or -1."""
    words, gaps = line.words, line.gaps
    first = -1
    j = i - 1
    while j >= 0 and i - j <= 3 and gaps[j] in JOINING:
        word = words[j].rstrip(",")
        if gaps[j] == ", " and j != i - 1:
            break
        if word.endswith(".") and len(word) > 2:
            break  # the end of a sentence, not part of a name
        connector = connectors and word.lower() in NAME_CONNECTORS and (j < i - 1 or allow_lower or word.lower() in NAME_TAILS)
        if not (_capitalized(word) or word.isupper() or (allow_lower and word.isalpha() and j == i - 1) or connector):
            break
        first = j
        j -= 1
    while 0 <= first < i and words[first].lower() in NAME_CONNECTORS:
        first += 1  # a name starts with a name, not with "and"
    if first >= i:
        return -1
    # a capitalized ordinary word that starts the sentence is not part of the name ("At Quenfield Mobile")
    while 0 <= first < i - 1 and is_common_word(_key(words[first])) and _at_unit_start(line.text, line.starts[first]):
        first += 1
    return first


def _legal_entity(line: _Line, i: int) -> Flag | None:
    text, words, starts, ends, gaps = line.text, line.words, line.starts, line.ends, line.gaps
    word = words[i]
    if word.isupper() and word.lower() in LEGAL_BEFORE and i + 1 < len(words) \
            and gaps[i] == " " and _name_like(words[i + 1]):
        last = i + 1
        while last + 1 < len(words) and last - i < 3 and gaps[last] == " " and _capitalized(words[last + 1]):
            last += 1
        found = text[starts[i] : ends[last]].rstrip(".,;:")
        return Flag(starts[i], starts[i] + len(found), "leak.legal-entity", Severity.WARNING,
                    f"'{found}' names an organization by its legal form", ORG_FIX)
    n = _legal_form_at(line, i)
    if not n:
        return None
    form = " ".join(words[i : i + n])
    first = _name_before(line, i, allow_lower=form.islower(), connectors=True)
    if first < 0:
        return None
    names = [w.rstrip(",") for w in words[first:i]]
    if form.rstrip(".").lower() in NEVER_LOWER_ONLY and not any(
            _name_like(w) or (_capitalized(w) and not is_common_word(_key(w))) for w in names):
        return None  # "The AG" is an assembly; "Schuster AG", "Pettersson HB" are companies
    if all(is_common_word(_key(w)) for w in names) and not form.islower():
        if len(names) == 1 and _at_unit_start(text, starts[first]):
            return None  # "The AG" / "This SA"
    start, end = starts[first], ends[i + n - 1]
    found = text[start:end].rstrip(",;:")
    if found.endswith(".") and form.lower() not in legal_forms():
        found = found[:-1]  # the sentence's full stop, not part of "GmbH"
    return Flag(start, start + len(found), "leak.legal-entity", Severity.WARNING,
                f"'{found}' names an organization by its legal form", ORG_FIX)


def _at_unit_start(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in " \t*_`\"'“(":
        j -= 1
    return j < 0 or text[j] in ".!?:;|\n#>-"


def _industry_name(line: _Line, i: int) -> Flag | None:
    text, words, starts, gaps = line.text, line.words, line.starts, line.gaps
    word = words[i]
    key = _key(word)
    if key in INDUSTRY_BEFORE and (_capitalized(word) or (word.isupper() and key in ACRONYMS_BEFORE)) \
            and i + 1 < len(words) and gaps[i] in JOINING:
        k = i + 1
        while k < len(words) - 1 and k - i <= 2 and words[k].lower() in ARTICLES_IN_NAMES and gaps[k] == " ":
            k += 1  # "Tiendas El Faro", "Mutuelle des Trois Vallées", "Banco do Nordeste"
        name = words[k].rstrip(".,;:")
        if is_compounding_word(_key(name)) and not (
                k + 1 < len(words) and gaps[k] == " " and _name_like(words[k + 1]) and not is_compounding_word(_key(words[k + 1]))):
            name = ""  # "die Bank Zinsen": German capitalizes its nouns
        placed = key in PLACE_NAMED and _capitalized(name) and is_place(name)  # "Banco Tlalpan"
        if gaps[i] == " " and name and (_name_like(name) or placed) and not is_core_given(_key(name)):
            if in_heading(text, starts[i]):
                return None
            return _org_flag(text, starts[i], starts[k] + len(name))
    if i + 1 < len(words):
        last = _POSSESSIVE_RE.sub("", words[i + 1].rstrip(".,;:"))  # "Kelvinhurst Energy's retention desk"
        acronym = last.isupper() and _key(last) in ACRONYM_INDUSTRY and _name_like(words[i])
        if _key(last) in INDUSTRY_AFTER and (_capitalized(last) or acronym) and gaps[i] == " ":
            first = _name_before(line, i + 1, allow_lower=False)
            if first < 0 or first > i:
                return None
            names = words[first : i + 1]
            article = text[max(0, starts[first] - 3) : starts[first]].lower()
            if (article.endswith(("a ", "an ")) and article[-3:-2] in (" ", "") or article == "an ") \
                    and all(is_english_word(_key(w)) for w in names):
                return None  # "a Prepaid Mobile brand" describes; Portuguese "A Biscaia Seguros" is the article
            placed = _key(last) in CORPORATE_AFTER and all(is_place(w.rstrip(",")) for w in names)
            if not (placed or any(_name_like(w) or _uncommon(w) for w in names)) and not _company_context(text, starts[first]):
                return None
            if in_heading(text, starts[first]) and not any(_name_like(w) for w in names):
                return None  # a heading capitalizes every word: only a word that is no English word names
            return _org_flag(text, starts[first], starts[i + 1] + len(last))
    return None


PLACE_NAMED = frozenset("banco banca banque caja caixa caisse bankhaus seguros financiera".split())
"""Industry words that often begin a name made of a place ("Banco Tlalpan", "Caja Segovia")."""
CORPORATE_AFTER = frozenset("holdings holding bancorp".split())
"""Industry words after which even a place is a company's name ("Lakeland Holdings"): no region
or market is called that, while "London Markets" or "Lakeland Energy" may just describe one."""


def _company_context(text: str, start: int) -> bool:
    line_start = window_start(text, start, 60)
    before = text[line_start:start]
    last = before.rsplit(None, 1)[-1:] if before[-1:].isspace() else []
    if not last or last[0].rstrip(",").lower() not in CONTEXT_LAST_WORDS:
        return False  # every phrase of COMPANY_BEFORE_RE ends with one of these words: the regex only when it can match
    return COMPANY_BEFORE_RE.search(before) is not None


def _in_context(line: _Line, i: int) -> Flag | None:
    text, words, starts = line.text, line.words, line.starts
    word = _POSSESSIVE_RE.sub("", words[i].rstrip(".,;:"))
    if not _WORD_RE.fullmatch(word) or not _name_like(word) or not _company_context(text, starts[i]):
        return None
    if i > 0 and words[i - 1].lower() in FOREIGN_CUES and is_core_given(_key(word)):
        return None  # "chez Marie": at a person's, not at a company
    if word != words[i].rstrip(".,;:") and i + 1 < len(words) and words[i + 1].lower().rstrip(".,;:") in SCHOLARS_WORKS:
        return None  # "the approach from Gelman's textbook": a scholar's work, not a company
    end = starts[i] + len(word)
    if i + 1 < len(words) and line.gaps[i] == " " and _capitalized(words[i + 1]) and not words[i].endswith("."):
        end = starts[i + 1] + len(words[i + 1].rstrip(".,;:"))
    found = text[starts[i] : end]
    return Flag(starts[i], end, "leak.organization", Severity.WARNING,
                f"'{found}' is written as an employer or a competitor: it may name the company", ORG_FIX)


SCHOLARS_WORKS = frozenset("""textbook textbooks book books paper papers article articles study studies model models
    method methods framework frameworks law theorem formula work research chapter lecture lectures course""".split())
"""Nouns after a possessive that make its owner a scholar ("Gelman's textbook", "Fader's model")."""
PRODUCT_NOUNS = ("module|modules|platform|tool|tools|suite|engine|dashboard|dashboards|workflow|workflows|licen[cs]es?"
                 "|implementation|instance|demo|rollout|integration|connector|plug-?in|add-?on|release|upgrade|api|sdk"
                 "|console|studio|cloud|interface|ui|stack|software|product|vendor|deployment|rep|reps")
_PRODUCT_NOUN_RE = re.compile(rf"(?<![\w-])(?:{PRODUCT_NOUNS}|API|SDK|UI)(?![\w-])")
_OWNER_BEFORE_RE = re.compile(rf"(?<![\w@/.'’-])([{UPPER}][\w&-]+)(['’]s)?[ \t]+(?:[\w-]+[ \t]+)?\Z")
"""A capitalized word (possibly possessive, possibly one word away) right before a software noun."""
_CAMEL_PRODUCT_RE = re.compile(rf"[{UPPER}](?<![\w@/.'’-].)[a-zà-ÿ]{{2,}}(?:[{UPPER}][a-zà-ÿ]{{2,}})+(?![\w@/-])")
"""CamelCase of words (not "KPIs", "YoY", "WebP": capitals with a letter or two between)."""
PRODUCT_FIX = "describe the software instead ('our decisioning engine', 'a campaign management tool')"


def _products(text: str) -> Iterator[Flag]:
    """Software products and vendors: CamelCase names ("CampaignForge"), and names that own a
    module, a platform or a demo ("Signalyst's uplift module").

    A CamelCase word that is one word in lower case ("FinTech", "DevOps") is a term, not
    a product. A capitalized word before a software noun must be no English word and no
    place (`_name_like`); at the start of a sentence or list item only a possessive
    counts ("Decisioning engine with ..." is a description). Both searches start with
    what is rare (a capital inside a word, a software noun), so prose costs one scan each.
    """
    found: dict[int, str] = {}
    for m in _CAMEL_PRODUCT_RE.finditer(text):
        word = m.group()
        if not is_english_word(word.lower()) and word not in OWN_NAMES:
            found[m.start()] = word
    for noun in _PRODUCT_NOUN_RE.finditer(text):
        window = max(0, noun.start() - 60)
        if not any(w[:1].isupper() for w in text[window : noun.start()].rsplit(None, 2)[-2:]):
            continue  # no capitalized word among the two before it: the common case, decided cheaply
        owner = _OWNER_BEFORE_RE.search(text, window, noun.start())
        if owner is None or owner.start(1) in found:
            continue
        word = owner.group(1)
        if word in OWN_NAMES or not _name_like(word) or is_core_given(_key(word)) or in_heading(text, owner.start(1)):
            continue
        if _at_unit_start(text, owner.start(1)) and not owner.group(2):
            continue
        found[owner.start(1)] = word
    for start in sorted(found):
        yield Flag(start, start + len(found[start]), "leak.organization", Severity.WARNING,
                   f"'{found[start]}' looks like the name of a software product or vendor", PRODUCT_FIX)


_POSSESSIVE_RE = re.compile(r"['’]s$")


def _org_flag(text: str, start: int, end: int) -> Flag:
    found = text[start:end]
    return Flag(start, end, "leak.organization", Severity.WARNING,
                f"'{found}' looks like the name of an organization", ORG_FIX)


def _spelled_out(text: str) -> Iterator[Flag]:
    lowered = text.lower()
    for form in SPELLED_OUT:
        at = lowered.find(form)
        while at >= 0:
            end = at + len(form)
            if (at == 0 or not lowered[at - 1].isalnum()) and (end >= len(text) or not lowered[end].isalnum()):
                line_start = window_start(text, at, 60)
                before = text[line_start:at].rstrip()
                m = re.search(r"(?:[A-Z][\w'’&-]*\s+){0,2}[A-Z][\w'’&-]*,?$", before)
                if m and all(is_common_word(_key(w)) for w in m.group().split()):
                    m = None  # "A public limited company must ...", "The société anonyme": the form itself
                if m:
                    start = line_start + m.start()
                    yield Flag(start, end, "leak.legal-entity", Severity.WARNING,
                               f"'{text[start:end]}' names an organization by its legal form", ORG_FIX)
                elif (after := _NAME_AFTER_FORM_RE.match(text, end)) is not None and _name_like(after.group(1)):
                    # the form before the name: "Perseroan Terbatas Samudra Kargo", "Kabushiki Kaisha Minatoya"
                    yield Flag(at, after.end(), "leak.legal-entity", Severity.WARNING,
                               f"'{text[at:after.end()]}' names an organization by its legal form", ORG_FIX)
                elif text[at:end].islower() and (lower := _lower_name_before(text, line_start, at)) is not None:
                    yield Flag(lower, end, "leak.legal-entity", Severity.WARNING,
                               f"'{text[lower:end]}' names an organization by its legal form", ORG_FIX)
            at = lowered.find(form, end)


_NAME_AFTER_FORM_RE = re.compile(rf"[ \t]+([{UPPER}][\w'’&-]*)(?:[ \t]+[{UPPER}][\w'’&-]*){{0,3}}")
"""Capitalized words right after a legal form written out before the name."""


def _lower_name_before(text: str, window: int, at: int) -> int | None:
    """Where a lower-case name ends right before a lower-case form written out begins ("hofstede
    verzekeringen besloten vennootschap"): up to three words that are industry words or no common
    word, at least one of them no word of any language the lists know."""
    words = list(re.finditer(r"[^\W\d_][\w'’-]*", text[window:at]))[-3:]
    start = None
    unknown = False
    for w in reversed(words):
        key = _key(w.group())
        if w.group().lower() in INDUSTRY_AFTER:
            start = window + w.start()
            continue
        if w.group().islower() and not is_common_word(key) and not is_ordinary_word(key) and len(key) >= 3:
            start, unknown = window + w.start(), True
            continue
        break
    return start if unknown else None
