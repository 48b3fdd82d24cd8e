"""Names of people nobody registered: likely names from world-wide name data, plus the cues around them.

A colleague's name is the leak contributors make most and notice least. No list of
colleagues exists, so the engine asks two questions of every short run of
capitalized words: is it shaped like a name (a given name and a surname of some
country, from names-dataset through ``names/data/``; in either order, because many
cultures write the family name first), and does the text treat it as a person
(a title or honorific in one of many languages, "my manager", "thanks to",
"colleague", "X, head of CRM at", "X said")? A name with a cue is an error; a
likely name without one is a warning for the reviewer.

What is not a leak: authors of the book's bibliography (anywhere in the book),
eponyms of methods and laws ("Markov chain", "Kaplan-Meier estimator", "Pareto
principle"), place names, Title Case runs of ordinary words ("Grace Period",
"Gold Status": both words frequent English words and neither a name first), and
runs of four or more capitalized words (a title).

Everything is one pass over the word tokens with bounded look-behind and
look-ahead windows, so the cost is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, NamedTuple

from ..findings import Severity
from .flags import Flag
from .caseless_names import caseless_names
from .unspaced_names import unspaced_names
from .namedata import (is_common_word, is_core_given, is_core_surname, is_english_word, is_foreign_word, is_given,
                       is_place, is_surname, place)
from .normalize import fold
from .tokens import CAP_RUN_RE, PARTICLES as NAME_PARTICLES, UPPER, window_start, word_after, word_before

TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?")
PARTICLES = frozenset(NAME_PARTICLES) | frozenset("ó ní nic mac ua binti bint abu".split())
"""Name particles a run may hold; Irish "Ó", "Ní", "Mac" are capitalized, so the run keeps them."""
HONORIFICS = frozenset("""mr mrs ms mx miss dr prof sir dame lady lord herr frau fräulein monsieur madame mme mlle
    señor señora señorita sr sra srta don doña dona signor signora signorina sig dott dottoressa ing dipl mag
    meneer mevrouw dhr mevr pan pani fru herra rouva senhor senhora sheikh shaikh sheikha sayyid hajji haji
    bapak pak ibu bey hanım hanim sayın sayin effendi encik cik tuan puan shri smt sri kumari lic licdo licda
    lcdo lcda khun chị chi bà ông ma'am ma’am maam madam datuk dato mbak
    doamna domnul dna dl bi bibi bw bwana úr asszony paní pán ustaz ustadh mnu nkk eng engr drs
    professor profesor profesora professora professeur doctor doktor hr κ κα κος κυρία κύριος г-н г-жа
    господин госпожа""".split())
"""Titles and honorifics of many languages (lowercase, without the dot)."""
_JI_RE = re.compile(r"[ -](?:ji|jee|sahab|saab|sahib)\b")
"""Hindi and Urdu honorifics written after a name ("Sharma ji", "Khan sahab")."""
ACADEMIC_TITLES = frozenset("dr prof professor profesor profesora professora professeur doctor doktor dott".split())
"""Titles that a citation gives an author ("Professor Reichheld"); social titles ("Signora") name a colleague."""
SPELLED_HONORIFICS = frozenset("""señor señora señorita senhor senhora signor signora signorina monsieur madame
    mevrouw meneer pan pani fru herr frau bapak ibu pak bwana doamna domnul""".split())
"""Titles that languages write in lowercase after an article ("el señor Gutiérrez", "la signora Bellandi")."""
ROLES = frozenset("""manager boss colleague colleagues coworker co-worker teammate director head analyst lead
    cmo ceo cto cfo coo cio cdo cco cxo vp svp evp chief mentor supervisor predecessor successor counterpart
    sponsor owner founder cofounder co-founder intern engineer scientist consultant architect officer
    president chair chairman chairwoman specialist strategist marketer planner
    teamleider leidinggevende collega baas chef chefin kollege kollegin teamleiter teamleiterin vorgesetzte
    mwenzangu mwenzetu mwenzake руководитель начальник начальница коллега менеджер директор керівник керівниця
    начальниця менеджерка директорка руководительница
    προϊστάμενος προϊστάμενός προϊσταμένη συνάδελφος συνάδελφός διευθυντής
    vorgesetzter jefe jefa compañero compañera colega gerente directora collègue responsable directrice chefe
    diretor diretora capo kollega szef szefowa kolega koleżanka kierownik kierowniczka müdür müdürüm
    müdürümüz yöneticim lider liderim liderimiz şefim şefimiz responsabile atasan manajer meneja mkuu sếp""".split())
"""Roles that, right before or after a name, say it is a person of the writer's circle."""
EPONYM_NOUNS = frozenset("""distribution distributions chain chains estimator estimators index indices test tests law
    laws curve curves model models method methods process processes algorithm coefficient theorem effect
    principle matrix criterion criteria ratio score rule rules inequality equation transform transformation
    filter plot correction statistic sampling bound kernel number numbers diagram decomposition interval
    paradox hypothesis metric scale matching analysis approach framework equilibrium function series
    problem loss divergence distance regression entropy mechanism auction correlation correlations
    hazards hazard proportional table tables value values simulation simulations chi squared""".split())
"""Nouns after a surname that make it an eponym ("Markov chain", "Gini coefficient")."""
SPEECH_VERBS = frozenset("""said says told tells explained explains wrote writes suggested suggests noted notes argued
    argues shared shares asked asks recalled recalls admitted added pointed emailed messaged pinged replied
    insisted warned complained joked liked hated thinks thought believes believed""".split())
WORK_VERBS = frozenset("""analysed analyzed proposed built ran designed found showed tested noticed presented
    recommended reviewed modelled modeled rebuilt wrote led owned spotted discovered measured mapped set
    sketched drafted coded created launched introduced piloted cleaned segmented automated pulled shipped
    prototyped""".split())
"""Verbs after two unknown capitalized words that make them a person's name without a cue ("In the
test Hekima Akinyi analysed, ..."): a warning, since the lists know neither word."""
FOREIGN_THANKS = ("kiitos", "danke", "dank", "bedankt", "gracias", "merci", "grazie", "obrigado", "obrigada", "tack",
                  "takk", "tak", "dziękuję", "dziekuje", "děkuji", "dakujem", "köszönöm", "mulțumesc", "multumesc",
                  "teşekkürler", "tesekkurler", "asante", "dankie", "ngiyabonga", "terima kasih", "salamat",
                  "podziękowania", "podziekowania", "dziękujemy", "köszönjük", "köszönet", "děkujeme", "díky", "aitäh",
                  "paldies", "ačiū", "hvala", "efcharisto", "mahalo", "shukran", "спасибо", "благодарим", "благодарю",
                  "дякую", "дякуємо", "ευχαριστώ", "ευχαριστούμε", "ευχαριστίες", "teşekkür", "cảm ơn", "cam on")
"""Words of thanks in other languages: like "thanks to", a person cue for the name after them."""
GREETINGS = frozenset("""hi hello hey dear hiya hola hallo moin servus bonjour salut ciao olá ola oi hej hei
    merhaba halo hai habari jambo sawubona ahoj cześć czesc szia""".split())
"""Greetings that open a message: a name right after one is the person it is written to."""
GREETING_RE = re.compile(r"\b(?:" + "|".join(sorted(GREETINGS)) + r"|kia\s+ora|good\s+morning|good\s+afternoon)\s*,?\s*$",
                         re.IGNORECASE)
"""A greeting right before a name ("hey Dominic", "Kia ora Hemi Tawhiri")."""
SIGN_OFFS = re.compile(r"\s*(?:--+|—|best|regards|best regards|kind regards|cheers|thanks|many thanks|"
                       r"saludos|un saludo|atentamente|grüße|gruß|viele grüße|mfg|groeten|met vriendelijke groet|"
                       r"cordialement|bien à vous|cordiali saluti|saluti|abraços|atenciosamente|pozdrawiam|"
                       r"mvh|hälsningar|med vänlig hälsning|terveisin|saygılarımla|salam)[,.!]?\s*", re.IGNORECASE)
"""A line that closes a message; the line after it is the writer's signature."""
LEADING_CUES = GREETINGS | frozenset(FOREIGN_THANKS) | {"thanks", "thank"}
"""Words that open a run and say that the name after them is a person (`_lead_cue`)."""
TEAM_ENDINGS = ("team", "teams", "abteilung", "gruppe", "équipe", "equipe", "equipo", "squadra", "afdeling", "avdelning")
"""Ends of words that name a team or a department: a run holding one is no person's name."""
SOURCE_WORDS = frozenset("laut gemäß según segun selon secondo volgens enligt ifølge ifolge według segundo".split())
""""According to" in other languages: a word that opens a run before a name and is no part of it."""
POSSESSIVES = frozenset("""my our mijn onze mein meine meinem meiner unser unsere mi mis nuestro nuestra mon ma
    notre meu minha nosso nossa min mitt vår mój moja nasz nasza моя мій мой наш наша""".split())
_BEFORE_CUE_RE = re.compile(
    r"(?:\b(?:thanks|thank\s+you|thanked|grateful|gratitude|credit|credits|kudos|shout-?out|"
    r"acknowledge|acknowledges|dedicated|courtesy|" + "|".join(FOREIGN_THANKS) + r")\b[^.!?\n]{0,20}"
    r"|\b(?:my|our|their|his|her|the|mijn|onze|ons|mein|meine|meinem|meiner|unser|unsere|mi|mis|nuestro|nuestra|"
    r"mon|ma|notre|meu|minha|nosso|nossa|il\s+mio|la\s+mia|min|mitt|vår|mój|moja|nasz|nasza)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:" + "|".join(sorted(ROLES)) + r")s?\b(?:\s+of\s+[\w-]+(?:\s+[\w-]+)?,)?\s*[,:(]?\s*"
    r"|\b(?:led|managed|run|built|presented|championed|owned|sponsored|signed|approved|chaired|reviewed|"
    r"written|designed|requested|proposed|rejected|vetoed|authored|coordinated|supervised|headed)\s+by\s+"
    r"|\b(?:reported|reporting|talked|spoke|speaking|worked|working)\s+(?:to|with)\s+"
    r"|\b(?:" + "|".join(sorted(ROLES)) + r")\s+(?:saya|kami|kita|wetu|yangu|wangu|tôi|của\s+tôi)\s+"
    r"|\b(?:according\s+to|talk\s+to|talked\s+to|speak\s+to|spoke\s+to|feedback\s+from|input\s+from|"
    r"paired\s+with|pairing\s+with|owe\s+(?:[\w-]+\s+){0,3}to|idea\s+(?:came\s+)?from|courtesy\s+of|hat\s+tip\s+to)\s+"
    r"|\b(?:ask|asked|e-?mail|call|contact|cc:?)\s+"
    r"|\b(?:a|an|one)\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(sorted(ROLES)) + r")s?\s+of\s+(?:mine|ours)\s*,\s*)$",
    re.IGNORECASE,
)
_AFTER_CUE_RE = re.compile(
    r"^(?:['’]s\s+)?(?:\s*[,(–—-]\s*(?:(?:our|my|the|a|an|then|who\s+(?:is|was|leads|led|runs|ran|heads|headed))\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:" + "|".join(sorted(ROLES)) + r")s?\b"
    r"|\s+(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b"
    r"|\s+(?:from|in)\s+(?:our|my|the)\s+(?:[\w-]+\s+){0,2}?(?:team|department|unit|office)"
    r"|\s+and\s+I\b|\s+\((?:[a-z][\w&/-]*\s?){1,3}\)|\s+in\s+(?:pricing|analytics|finance|marketing|crm|it|sales|"
    r"billing|retention|loyalty|insights|risk|operations)\b)",
    re.IGNORECASE,
)
PERSON_FIX = "replace the name with a role ('a campaign analyst', 'the head of CVM'); authors are cited only in section 8"


@dataclass
class Authors:
    """Surnames and given-name initials of the bibliography's authors (lowercase skeleton)."""

    initials: dict[str, set[str]] = field(default_factory=dict)
    organizations: set[str] = field(default_factory=set)
    """Publishers, institutions and journals of the bibliography (lowercase skeleton words joined by spaces)."""

    by_first: dict[str, list[str]] = field(default_factory=dict)
    """The organizations indexed by their first word (one dictionary lookup per question)."""

    def add_organization(self, name: str) -> None:
        words = " ".join(key_of(w) for w in name.split() if key_of(w))
        if words and words not in self.organizations:
            self.organizations.add(words)
            self.by_first.setdefault(words.split()[0], []).append(words)

    def names_organization(self, text: str) -> bool:
        """Is `text` (or the start of it) a publisher or institution of the bibliography?"""
        words = " ".join(key_of(w) for w in text.split() if key_of(w))
        if not words:
            return False
        return any(o == words or o.startswith(words + " ") or words.startswith(o + " ")
                   for o in self.by_first.get(words.split()[0], ()))

    def add(self, given: str, surname: str) -> None:
        """Register an author; every part of a compound given name counts ("Byung-Do": B and D)."""
        key = key_of(surname)
        if key:
            known = self.initials.setdefault(key, set())
            known.add(key_of(given)[:1])
            known.update(key_of(part)[:1] for part in re.split(r"[\s.\-]+", given) if key_of(part))

    def covers(self, surname: str, given: str = "") -> bool:
        known = self.initials.get(key_of(surname))
        if known is None:
            return False
        return not given or key_of(given)[:1] in known or "" in known


@lru_cache(maxsize=65536)
def key_of(word: str) -> str:
    """Lowercase ASCII letters of a word ("Müller-Lüdenscheidt" -> "mullerludenscheidt")."""
    return "".join(c for c in fold(word).lower() if c.isalnum())


def _parts(word: str) -> list[str]:
    return [key_of(p) for p in re.split(r"['’\-]", word.rstrip(".")) if key_of(p)]


def _given(word: str) -> bool:
    parts = _parts(word)
    return bool(parts) and all(is_given(p) for p in parts)


def _surname(word: str) -> bool:
    parts = _parts(word)
    if not parts:
        return False
    joined = "".join(parts)
    return is_surname(joined) or is_surname(parts[-1]) or (len(parts) > 1 and all(is_surname(p) or len(p) <= 3 for p in parts))


def _ordinary(word: str) -> bool:
    """A frequent English word that is not first of all a name."""
    key = key_of(word)
    return is_common_word(key) and not (is_core_given(key) or is_core_surname(key))


def _capitalized(word: str) -> bool:
    w = word.rstrip(".")
    return len(w) >= 2 and w[0].isupper() and not w.isupper() and w[1:].replace("-", "").replace("'", "").replace("’", "")[:1].islower()


def _is_place(word: str) -> bool:
    """A country or a country adjective (cities and regions are also surnames and given names:
    Gilbert, Santos, Orellana)."""
    found = place(word.rstrip("."))
    return found is not None and found.kind in ("country", "adjective")


FUNCTION_WORDS = frozenset("""the a an this that these those our my your their his her its we they it he she i you
    in on at of for from to by with and or but if when while as after before during since until so then
    there here what which who whose where why how all each every some any no not one two three first last
    new next every many most more less few other another such only also just yet still even both either
    au aux ihr ihre euer eure dein deine votre vos vostro jullie uw""".split())
"""Words that are never part of a personal name, however noisy the name lists are ("The", "This")."""


def _unit_start(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in " \t*_`\"'“‘([":
        j -= 1
    return j < 0 or text[j] in ".!?:;|\n#>-•"


def _unknown_word(word: str) -> bool:
    """Capitalized, no English word, no place: shaped like a name the lists do not know."""
    key = key_of(word)
    return len(key) >= 3 and not is_english_word(key) and not _is_place(word) and not is_place(word.rstrip("."))


def _initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def likely_name(first: str, last: str) -> bool:
    """Given + surname in either order, not both ordinary words, neither a place.

    A frequent given name followed by a capitalized word that is no English word
    counts too: surname lists never hold every family name ("Priya Raghunathan").
    """
    if _is_place(first) or _is_place(last) or is_place(f"{first} {last}"):
        return False
    if key_of(first) in FUNCTION_WORDS or key_of(last) in FUNCTION_WORDS:
        return False
    if any(len(w) > 1 and w.isupper() for w in (first, last)):
        return False  # "Generative AI", "Customer CRM": an abbreviation is no name part
    if (_given(first) and _surname(last)) or (_surname(first) and _given(last)):
        a, b = key_of(first), key_of(last)
        if is_english_word(a) and is_english_word(b) and not any(
                (is_core_given(w) or is_core_surname(w)) and not is_common_word(w) for w in (a, b)):
            return False  # "Master Data": two English words, neither first of all a name
        return not (_ordinary(first) and _ordinary(last))
    key, other = key_of(first), key_of(last)
    if is_core_given(key) and not is_common_word(key) and not is_english_word(other) and len(other) >= 3:
        return True  # a frequent given name and an unknown family name ("Priya Raghunathan")
    unknown_other = not is_english_word(other) and not is_foreign_word(other) and not is_place(last)
    if unknown_other and is_given(key) and (
            (not is_common_word(key) and len(other) >= 6)
            or (len(other) >= 4 and not last.isascii()) or len(other) >= 8):
        return True  # "Tristan Luinenburg", "Daniel Grębowiec": a long or accented family name no list knows
    if (is_given(key) and not is_english_word(key) and not is_foreign_word(key) and len(key) >= 4
            and not is_english_word(other) and not is_foreign_word(other) and len(other) >= 5 and not is_place(last)):
        return True  # a given name no language uses as a word and an unknown family name ("Siddharth Venkataraman")
    # an unknown given name and a frequent family name ("Kipenzi Hassan", "Wanjiru Otieno")
    return (is_core_surname(other) and not is_common_word(other) and not is_english_word(key) and len(key) >= 3
            and not is_foreign_word(key))


class _Token(NamedTuple):
    """A word of a run (a named tuple: built for every capitalized word, so it must be cheap)."""

    start: int
    end: int
    word: str


def _run_tokens(text: str, start: int, end: int) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]


def _runs(text: str) -> Iterator[list[_Token]]:
    """Runs of capitalized tokens joined by single blanks (lowercase particles allowed inside),
    split after a word that ends a sentence."""
    for match in CAP_RUN_RE.finditer(text):
        run: list[_Token] = []
        for token in _run_tokens(text, match.start(), match.end()):
            if run and "\n" in text[run[-1].end : token.start] \
                    and text[text.rfind("\n", 0, run[0].start) + 1 : run[0].start].strip(" \t") == "":
                yield run  # a line of its own (a signature, a list line) ends the run
                run = []
            run.append(token)
            word = token.word
            if word.endswith(".") and len(word) > 2 and word.rstrip(".").lower() not in HONORIFICS:
                yield run
                run = []
        if run:
            yield run


_EPONYM_RE = re.compile(r"(?:['’]s)?(?:[ \t\-–]+[A-Za-z]+){1,3}")


def eponym(text: str, end: int) -> bool:
    """Is the name ending at `end` an eponym ("Pearson correlation", "Cox proportional hazards model")?"""
    return _eponym(text, end)


def _eponym(text: str, end: int) -> bool:
    """A method or law noun within the next three words ("Cox proportional hazards model"),
    with no article, pronoun or preposition before it: in "Yılmazer ran the analysis" the
    noun is the object of a sentence about the person, not part of a method's name."""
    m = _EPONYM_RE.match(text, end, min(len(text), end + 60))
    if m is None:
        return False
    for word in re.findall(r"[A-Za-z]+", m.group()):
        lower = word.lower()
        if lower in EPONYM_NOUNS:
            return True
        if lower in FUNCTION_WORDS or lower in SPEECH_VERBS or lower in LOWER_NAME_VERBS or (
                lower.endswith("ed") and len(lower) > 4):
            return False  # "Sandra Owens wanted weekly numbers": a verb first, the noun is its object
    return False


_DOTTED_HONORIFIC_RE = re.compile(r"\b(?:sig\.ra|sig\.na|dott\.ssa|dr\.ssa|prof\.ssa|avv|ing|arch|geom|rag)\.?\s+$"
                                  r"|(?<![\w.])(?:dott|sig|sr|sra|srta|κ|κα|г-н|г-жа)\.\s+$", re.IGNORECASE)
"""Titles with dots inside, and short titles written in lower case with their dot ("il dott. Ferraresi",
"ο κ. Παπαδόγιαννης")."""


def _cue(text: str, start: int, end: int, before_word: str) -> bool:
    if before_word.rstrip(".").lower() in HONORIFICS | ROLES:
        return True
    if before_word.lower() in GREETINGS or before_word.lower() in ("ora", "morning", "afternoon"):
        if GREETING_RE.search(text, max(0, start - 20), start):
            return True
    if _dotted_honorific_before(text, start):
        return True
    if _cue_before(text, start):
        return True
    return _AFTER_CUE_RE.match(text[end : end + 80]) is not None


DOTTED_HONORIFICS = ("sig.ra", "sig.na", "dott.ssa", "dr.ssa", "prof.ssa", "avv", "ing", "arch", "geom", "rag",
                     "dott", "sig", "sr", "sra", "srta", "κ", "κα", "г-н", "г-жа")
"""What `_DOTTED_HONORIFIC_RE` can end with (lowercase, without the final dot)."""
_ROLE_TAILS = frozenset(r.rsplit("-", 1)[-1] for r in ROLES)
_CUE_LAST_WORDS = _ROLE_TAILS | {r + "s" for r in _ROLE_TAILS} | frozenset(
    "by to with from of ask asked mail email call contact cc saya kami kita wetu yangu wangu tôi mine ours".split())
"""The letters `_BEFORE_CUE_RE` can end with, besides its "thanks ..." branch ("e-mail" ends in "mail")."""
_THANKS_STEMS = ("thank", "grateful", "gratitude", "credit", "kudos", "shout", "acknowledge", "dedicated", "courtesy",
                 *FOREIGN_THANKS)


def _last_word(text: str, start: int, chars: str = "") -> str:
    """The letters (and `chars`) right before `start`, casefolded; blanks and one of ``,:(`` may follow.

    A cheap necessary condition for the look-behind patterns below: searching them (they
    end in ``$``) from every position of an 80-character window cost more than the rest
    of the person check together, so they run only when the last word could end a cue."""
    k = start
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k > 0 and text[k - 1] in ",:(":
        k -= 1
        while k > 0 and text[k - 1].isspace():
            k -= 1
    j = k
    while j > 0 and k - j < 40 and (text[j - 1].isalpha() or text[j - 1] in chars):
        j -= 1
    return text[j:k].casefold()


def _dotted_honorific_before(text: str, start: int) -> bool:
    """ "Sig.ra ", "Dott.ssa ", "Ing. " right before `start`."""
    if not _last_word(text, start, ".").rstrip(".").endswith(DOTTED_HONORIFICS):
        return False
    return _DOTTED_HONORIFIC_RE.search(text, max(0, start - 12), start) is not None


def _cue_before(text: str, start: int) -> bool:
    """A person cue right before `start` on its line ("thanks to", "my manager", "led by")."""
    line_start = window_start(text, start, 80)
    window = text[line_start:start]
    folded = window.casefold()
    if _last_word(text, start) not in _CUE_LAST_WORDS and not any(s in folded for s in _THANKS_STEMS) \
            and not (" of " in folded and folded.rstrip().endswith(",")):
        return False  # "head of pricing, ": a role and what it is head of
    return _BEFORE_CUE_RE.search(window) is not None


def personal_names(text: str, authors: Authors | None = None) -> Iterator[Flag]:
    """Likely personal names (warnings) and names with a person cue (errors)."""
    authors = authors or Authors()
    flags = [flag for run in _runs(text) for flag in _run_flags(text, run, authors)]
    inverted = list(_inverted(text, authors))
    if inverted:  # "Matsumoto, Yui (CRM analytics)": the whole name, not also "Yui" on its own
        flags = [f for f in flags if not any(i.start <= f.start and f.end <= i.end for i in inverted)] + inverted
    yield from flags
    yield from _lower_case_names(text, authors)
    yield from unspaced_names(text)
    yield from caseless_names(text)


def _end(token: _Token) -> int:
    """Where a name token ends, without a sentence's full stop."""
    return token.end - (1 if token.word.endswith(".") and len(token.word) > 2 else 0)


def _before(text: str, token: _Token) -> str:
    return word_before(text, token.start)


def _run_flags(text: str, run: list[_Token], authors: Authors) -> Iterator[Flag]:
    words = [t for t in run if t.word.lower() not in PARTICLES]
    if not words or len(words) > 5:
        return  # a title or a heading in Title Case, not a name
    # a sentence-initial ordinary word is not part of the name ("Yesterday Maria Rossi said")
    while words and len(words) > 1 and not _initial(words[0].word) and (key_of(words[0].word) in FUNCTION_WORDS or (
            _unit_start(text, words[0].start) and not _given(words[0].word) and is_english_word(key_of(words[0].word))
            and words[0].word.rstrip(".").lower() not in HONORIFICS | LEADING_CUES)):
        words = words[1:]
    while len(words) > 1 and (key_of(words[-1].word) in FUNCTION_WORDS or len(words[-1].word) == 1):
        words = words[:-1]  # "Matthew Bentley I mapped ...": the pronoun is not part of the name
    for i in range(1, len(words) - 1):
        if words[i].word.rstrip(".").lower() in HONORIFICS:
            words = words[i:]  # "El Sr. Gutiérrez", "Ayer el Sr. Gutiérrez": the name starts at its title
            break
    words, led = _lead_cue(words)
    if not words:
        return
    title = re.split(r"['’]", words[-1].word.rstrip("."))[0].lower()  # "Hanım'ın": the title with a case ending
    if 2 <= len(words) <= 3 and title in POST_HONORIFICS and all(_capitalized(w.word) for w in words[:-1]) \
            and (_given(words[0].word) or _surname(words[0].word) or _unknown_word(words[0].word)) \
            and not any(_is_place(w.word) for w in words[:-1]):
        yield _flag(text, words[0].start, _end(words[-1]), Severity.ERROR, "is a person named with a title")
        return  # "Mehmet Bey", "Zeynep Hanım", "Halenur Sezer Hanım'ın önerisiyle"
    honorific = words[0].word.rstrip(".").lower() in HONORIFICS
    if honorific:
        rest = words[1:]
        if not rest or len(rest) > 4:
            return  # "Chị Lê Thị Ngọc Diệp": a Vietnamese name under its title runs to four words
        surname = rest[-1]
        academic = words[0].word.rstrip(".").lower() in ACADEMIC_TITLES
        if (academic and authors.covers(surname.word, rest[0].word if len(rest) > 1 else "")) or _eponym(text, surname.end):
            return  # "Professor Reichheld argued": a citation; "Signora Colombo wants": a colleague, author or not
        if _is_place(surname.word) or len(surname.word.rstrip(".")) < 2:
            return
        yield _flag(text, words[0].start, _end(surname), Severity.ERROR,
                    "is a person named with a title")
        return
    if len(words) > 3 and _long_name(text, words):
        yield _flag(text, words[0].start, _end(words[-1]), Severity.ERROR, "looks like a person's full name")
        return  # "thanks to Nguyễn Thị Thu Hà": four or five name words after a person cue
    if len(words) > 3 or len(words) < 2:
        if len(words) == 1:
            yield from _single(text, words[0])
        return
    first, last = words[0], words[-1]
    if _initial(first.word):  # "J. Kowalski"
        if not (_surname(last.word) or _unknown_word(last.word)) or _ordinary(last.word) or _is_place(last.word):
            return
        if authors.covers(last.word, first.word) or _eponym(text, last.end):
            return
        cue = _cue(text, first.start, last.end, _before(text, first))
        yield _flag(text, first.start, _end(last), Severity.ERROR if cue else Severity.WARNING,
                    "looks like an initial and a surname")
        return
    if any(len(w.word.rstrip(".")) < 2 for w in words) or any(key_of(w.word) in ROLES for w in words):
        return
    possessive = re.search(r"['’]s$", last.word) is not None and _given(first.word)
    if authors.covers(last.word, first.word) or authors.covers(first.word, last.word) or (
            authors.covers(first.word) and authors.covers(last.word)) or (not possessive and _eponym(text, last.end)):
        return  # "Soraia Macedo's analysis" is her analysis; "Cox's model" an eponym
    if any(w.word.lower().rstrip(".,").endswith(TEAM_ENDINGS) for w in words):
        return  # "Ihr CVM-Team Privatkunden", "Équipe Fidélité": a team signs, not a person
    if led or _signature(text, first.start, last.end):
        cue = True  # "Hi Dominic Burrows,", "Kiitos Heikki Kuismalle", "Mein Chef Lars Budig", a signature
        if not all(_unknown_word(w.word) or _given(w.word) or _surname(w.word) for w in (first, last)) \
                or all(_ordinary(w.word) for w in (first, last)) or not _capitalized(last.word):
            return
    elif not likely_name(first.word.rstrip("."), re.sub(r"['’]s$", "", last.word.rstrip("."))):
        # with a person cue, two capitalized words that are no English words and no
        # places are a name even when the name lists do not know them ("thanks to Kipenzi Hassan")
        role_before = _before(text, first).rstrip(".,:").lower() in ROLES
        if role_before and len(words) == 2 and (_unknown_word(last.word) or _surname(last.word)) \
                and not is_english_word(key_of(last.word)) and key_of(first.word) not in FUNCTION_WORDS:
            cue = True  # "Mijn teamleider Kick Slagmolen": right after a role, the first word may be a word too
        elif not (all(_unknown_word(w.word) or _given(w.word) or _surname(w.word) for w in (first, last))
                  and not all(_ordinary(w.word) for w in (first, last))):
            return
        elif _cue(text, first.start, last.end, _before(text, first)):
            cue = True
        elif all(_unknown_word(w.word) for w in (first, last)) and word_after(text, last.end) in WORK_VERBS:
            cue = False
        else:
            return
    else:
        cue = _cue(text, first.start, last.end, _before(text, first))
    if _persona(text, first, last):
        return
    end = last.end - (1 if last.word.endswith(".") else 2 if possessive else 0)
    yield _flag(text, first.start, end, Severity.ERROR if cue else Severity.WARNING,
                "looks like a person's full name")


_PERSONA_RE = re.compile(r"\bpersonas?\b", re.IGNORECASE)


def _persona(text: str, first: _Token, last: _Token) -> bool:
    """A persona's alliterative name ("Loyal Lisa", "First-Home Freddie", "Steady Sally"): the
    sentence speaks of personas, and the first word is an English word before a given name."""
    key = key_of(_parts(first.word)[0] if _parts(first.word) else first.word)
    if not is_english_word(key) or is_core_given(key) or not _given(last.word):
        return False
    a = max(0, first.start - 120)
    return _PERSONA_RE.search(text, a, min(len(text), last.end + 40)) is not None


def _lead_cue(words: list[_Token]) -> tuple[list[_Token], bool]:
    """The run without the greeting, thanks, possessive or role it starts with, and whether
    one of them says that what follows is a person ("Hi", "Kiitos", "Mein Chef")."""
    led = False
    while len(words) > 2 or (len(words) == 2 and led):
        key = words[0].word.rstrip(".,").lower()
        if key in LEADING_CUES:
            led = True
        elif key in ROLES and (led or len(words) > 2):
            led = True
        elif key in POSSESSIVES or key in SOURCE_WORDS:
            pass  # "Laut M. Brandstätter": according to a person, who is named but not by a cue
        else:
            break
        words = words[1:]
    return words, led and len(words) >= 2


def _signature(text: str, start: int, end: int) -> bool:
    """Is `text[start:end]` a line of its own right after a sign-off ("--", "Best regards,")?"""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if text[line_start:start].strip(" \t*_") or text[end : len(text) if line_end < 0 else line_end].strip(" \t*_,"):
        return False
    if line_start < 2:
        return False
    previous = text.rfind("\n", 0, line_start - 1) + 1
    return SIGN_OFFS.fullmatch(text, previous, line_start - 1) is not None


LOWER_NAME_VERBS = WORK_VERBS | SPEECH_VERBS | frozenset("""had has was is did does will would could
    fue era es hizo tuvo dijo hat war ist sagte hatte a été est était avait ha aveva disse foi era tinha fez
    heeft had was zei har hade var sa""".split())
"""Verbs right after a lower-case pair at the start of a line that make it a person ("linus hellström had")."""
_LOWER_PAIR_RE = re.compile(r"(?m)^[ \t]*(?:[-*•][ \t]+)?([a-zà-ÿ][a-zà-ÿ'’]{2,})[ \t]([a-zà-ÿ][a-zà-ÿ'’-]{2,})[ \t]+([a-zà-ÿ]+)")


_LOWER_AFTER_CUE_RE = re.compile(
    r"(?<![\w@])(?:ask|asked|per|ping|pinging|pinged|cc:?|thanks|thx|ty|hey|hi|hello|hola|hallo|tell|told|via)[ \t]+"
    r"([a-zà-ÿ][a-zà-ÿ'’]{2,})(?:[ \t]([a-zà-ÿ][a-zà-ÿ'’-]{2,}))?(?![\w-])")
"""A lower-case name after a chat cue: "ask anil sharma about", "per rajesh iyer the", "hey tunde,"."""
_SINGLE_AFTER = ("hey", "hi", "hello", "hola", "hallo", "thanks", "thx", "ty")


def _lower_case_names(text: str, authors: Authors) -> Iterator[Flag]:
    """A name typed in lower case at the start of a chat line or a note ("yulieth parra fue la
    que ...", "linus hellström had the idea"): a frequent given name, a word no language's
    frequency list holds, then a verb. A warning: the reviewer sees the whole line."""
    for m in _LOWER_PAIR_RE.finditer(text):
        first, last, verb = m.group(1), m.group(2), m.group(3)
        if verb not in LOWER_NAME_VERBS:
            continue
        a, b = key_of(first), key_of(last)
        if not is_core_given(a) or is_common_word(a) or is_foreign_word(a) or a in FUNCTION_WORDS:
            continue
        if is_english_word(b) or is_foreign_word(b) or is_place(last) or authors.covers(b, a):
            continue
        if not (is_surname(b) or is_given(b) or len(b) >= 5):
            continue
        yield _flag(text, m.start(1), m.end(2), Severity.WARNING, "looks like a person's name written in lower case")
    for m in _LOWER_AFTER_CUE_RE.finditer(text):
        first, last = m.group(1), m.group(2)
        a = key_of(first)
        if not is_given(a) or is_common_word(a) or is_foreign_word(a) or a in FUNCTION_WORDS:
            continue  # the name lists hold "anil" and "sharma" as English words too: only frequent words are out
        if last is not None:
            b = key_of(last)
            if (is_surname(b) or is_given(b)) and not (is_common_word(b) or is_foreign_word(b) or is_place(last)) \
                    and not authors.covers(b, a):
                yield _flag(text, m.start(1), m.end(2), Severity.WARNING, "looks like a person's name written in lower case")
                continue
        cue = text[m.start() : m.start(1)].split()[0].lower()
        if cue in _SINGLE_AFTER and is_core_given(a) and not is_english_word(a) and text[m.end(1) : m.end(1) + 1] in (",", "!", ""):
            yield _flag(text, m.start(1), m.end(1), Severity.WARNING, "looks like a colleague's given name")


def _long_name(text: str, words: list[_Token]) -> bool:
    """Four or five capitalized words that are each a given name, a surname or no English
    word, right after a person cue (Vietnamese, Spanish and Arabic names run that long)."""
    if not all(_capitalized(w.word) and (_given(w.word) or _surname(w.word) or _unknown_word(w.word))
               and not _ordinary(w.word) and not _is_place(w.word) for w in words):
        return False
    return _cue(text, words[0].start, words[-1].end, _before(text, words[0]))


POST_HONORIFICS = frozenset("bey hanım hanim efendi san sama sensei kun".split())
"""Honorifics written after the name: Turkish "Mehmet Bey", "Zeynep Hanım"; Japanese "Suzuki-san"."""


def _single(text: str, token: _Token) -> Iterator[Flag]:
    """A given name alone right after a person cue ("thanks to Priya"): a warning; a surname
    after a title with dots inside ("Sig.ra Maderno", "Dott.ssa Ferri") or with a Japanese
    honorific joined to it ("Suzuki-san"): an error."""
    word = token.word.rstrip(".")
    key = key_of(word)
    stem, _, suffix = word.rpartition("-")
    if suffix in POST_HONORIFICS and _capitalized(stem) and not _is_place(stem) and not _ordinary(stem):
        yield _flag(text, token.start, token.start + len(word), Severity.ERROR, "is a person named with a title")
        return
    if _dotted_honorific_before(text, token.start) and not _is_place(word):
        start = text.rfind(" ", 0, token.start - 1) + 1
        start = max(start, text.rfind("\n", 0, token.start - 1) + 1)
        yield _flag(text, start, token.start + len(word), Severity.ERROR, "is a person named with a title")
        return
    def plain_name() -> bool:
        """A capitalized word that is no place and no ordinary word (asked only where a cue stands)."""
        return _capitalized(word) and not _is_place(word) and not _ordinary(word)

    def person_word() -> bool:
        return plain_name() and (_surname(word) or _unknown_word(word) or _given(word))

    ji = _JI_RE.match(text, token.start + len(word))
    if ji and person_word():
        yield _flag(text, token.start, ji.end(), Severity.ERROR, "is a person named with a title")
        return  # "Sharma ji ne bola", "Mehta-ji": a Hindi honorific after the name
    before = _before(text, token)
    if before.lower() in ROLES and plain_name() and not _given(word) and (_surname(word) or _unknown_word(word)) \
            and not _unit_start(text, token.start) and not _eponym(text, token.end):
        yield _flag(text, token.start, token.start + len(word), Severity.WARNING, "looks like a colleague's surname")
        return  # "my old boss Rafferty used to say"
    if before in SPELLED_HONORIFICS and person_word():
        start = text.rfind(before, 0, token.start)
        yield _flag(text, start, token.start + len(word), Severity.ERROR, "is a person named with a title")
        return  # "el señor Gutiérrez", "la signora Bellandi"
    apposition = _ROLE_APPOSITION_RE.match(text, token.start + len(word)) is not None and is_core_given(key)
    if not _capitalized(word) or not is_given(key) or (is_common_word(key) and not apposition) \
            or not (is_core_given(key) or not is_english_word(key)) or _is_place(word):
        return  # "Paul, our data scientist, ...": a role in apposition makes even a common given name a person
    if _eponym(text, token.end):
        return
    after = _AFTER_CUE_RE.match(text[token.start + len(word) : token.start + len(word) + 80]) is not None
    if _signature(text, token.start, token.start + len(word)):
        yield _flag(text, token.start, token.start + len(word), Severity.WARNING,
                    "looks like a given name signing the text")
        return  # "Cheers,\nSiobhán"
    if _unit_start(text, token.start) and not after:
        return
    if after or _cue_before(text, token.start) or _before(text, token).lower() in ROLES:
        yield _flag(text, token.start, token.start + len(word), Severity.WARNING,
                    "looks like a colleague's given name")


_ROLE_APPOSITION_RE = re.compile(r",\s+(?:our|my|the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(sorted(ROLES)) + r")s?\b",
                                 re.IGNORECASE)
"""", our data scientist": a role in apposition after a name."""
_INVERTED_RE = re.compile(rf"(?<![\w])([{UPPER}][^\W\d_'’\-]+),[ \t]([{UPPER}][^\W\d_'’\-]+)(?![\w]|,(?![ \t]?(?:19|20)\d\d\b))")
"""Surname, comma, given name; a comma may follow only before a year ("(Koziatek, Fryderyk, 2021)")."""


def _inverted(text: str, authors: Authors) -> Iterator[Flag]:
    """ "Kowalski, Anna": a surname, a comma and a given name (lists of places or words stay quiet)."""
    if ", " not in text:
        return
    for m in _INVERTED_RE.finditer(text):
        surname, given = m.group(1), m.group(2)
        if not (_capitalized(surname) and _capitalized(given)):
            continue
        if not ((_surname(surname) or _unknown_word(surname)) and _given(given)) or _ordinary(surname) or _ordinary(given):
            continue
        if is_place(given) or _is_place(surname) or authors.covers(surname, given) \
                or (authors.covers(surname) and authors.covers(given)):
            continue  # "Lisbon, Porto": a list of cities (a city-named family, "Matsumoto, Yui", is a name);
            # "Kohavi, Tang and Xu": a list of the bibliography's authors
        after = text[m.end() : m.end() + 3]
        if after[:1] == " " and after[1:2].isupper():
            continue  # "Smith, John Doe ..." is part of a longer list of capitalized words
        before = text[max(0, m.start() - 2) : m.start()]
        if before.endswith(", "):
            continue  # a list: "Lisbon, Porto, Braga"
        cue = _cue(text, m.start(), m.end(), "")
        yield _flag(text, m.start(), m.end(), Severity.ERROR if cue else Severity.WARNING,
                    "looks like a name written 'Surname, Given'")


def _flag(text: str, start: int, end: int, severity: Severity, what: str) -> Flag:
    found = text[start:end]
    if severity is Severity.ERROR:
        message = f"'{found}' {what}, and the text presents them as a person: readers could identify them"
    else:
        message = f"'{found}' {what}"
    return Flag(start, end, "leak.person-name", severity, message, PERSON_FIX)
