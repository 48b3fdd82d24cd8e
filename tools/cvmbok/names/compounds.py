"""Closed compounds: which registered names are looked for at the start of a longer word.

German, Dutch and the Nordic languages join a brand to the noun after it
("Quenfieldkunden", "Quenfieldtarif", "QNFklanten"). A name is a *compound head*
when it is one word of class A or B, four letters or more, and does not itself begin
ordinary words of the lexicons ("Accor|der", "Informa|tion"): in those languages a
word that starts with such a name is far more often a word than a compound. A name
registered in capitals (three letters or more, any class) is a head too, but counts
only written in capitals before a lowercase rest: no ordinary word looks like that. The heads are
chosen once, when the registry is compiled (`Matcher` finds them in the same pass as
the names); `compound_rest` decides, per hit, whether what follows is a word.
"""

from __future__ import annotations

from typing import Sequence

from ahocorasick_rs import AhoCorasick

from .namedata import DATA, is_ordinary_word, sorted_words
from .normalize import fold
from .registry import NamePattern

MIN_COMPOUND = 4
"""Letters a class-A or B name needs before it is looked for at the start of a closed compound."""
MIN_CAPITALS = 3
"""Letters a name in capitals needs before it is looked for at the start of a closed compound ("KPN|klanten")."""
MIN_REST = 4
"""Letters the rest of a closed compound (and each of its two parts) needs: "Accor|der" is a word, not a compound."""
LEXICONS = ("words-en.txt", "words-other.txt", "words-compound.txt")
"""The word lists a compound's rest is looked up in (English, frequent European words, compounding languages)."""
PREFIX_LEXICONS = ("words-en.txt", "words-compound.txt")
"""The word lists a head must not begin a word of: English and the languages that write compounds closed
(a Turkish "aldığı" says nothing about a German "Aldifiliale")."""
INFLECTIONS = ("s", "n", "en", "e", "er")
"""Plural and case endings a compound's last part takes ("Abo|s", "Karte|n"), on a stem of three letters or more."""


def capital_head(term: NamePattern) -> bool:
    """A name registered in capitals ("KPN", "IKEA"): a compound head in capitals, whatever its class."""
    return bool(term.cased) and term.cased.isupper() and len(term.words) == 1 and len(term.words[0]) >= MIN_CAPITALS


def compound_heads(terms: Sequence[NamePattern]) -> dict[str, int]:
    """Head (lowercase skeleton word) -> index in `terms` of the name it belongs to.

    A word that two names share goes to the class-A one ("Telia" before "TELIA"), which
    counts in any case.
    """
    heads: dict[str, int] = {}
    capitals: dict[str, int] = {}
    for index, term in enumerate(terms):
        if term.rule == "leak.domain" or len(term.words) != 1 or not term.words[0].isalnum():
            continue
        word = term.words[0]
        if capital_head(term):
            capitals[word] = index
        elif term.ambiguity in ("A", "B") and len(word) >= MIN_COMPOUND and any(c.isalpha() for c in word):
            previous = heads.get(word)
            if previous is None or term.ambiguity <= terms[previous].ambiguity:  # "A" before "B"; else the last
                heads[word] = index
    for head in _word_prefixes(heads):
        del heads[head]
    return {**capitals, **heads}


def _word_prefixes(heads: dict[str, int]) -> set[str]:
    """Heads that begin a longer word of the lexicons (one Aho-Corasick pass over each list)."""
    if not heads:
        return set()
    names = list(heads)
    automaton = AhoCorasick([" " + head for head in names])
    found: set[str] = set()
    for name in PREFIX_LEXICONS:
        try:
            words = " " + (DATA / name).read_text(encoding="utf-8").replace("\n", " ") + " "
        except OSError:
            continue
        for index, start, after in automaton.find_matches_as_indexes(words, overlapping=True):
            end = words.find(" ", after)
            if end - start - 1 >= len(names[index]) + MIN_REST:
                found.add(names[index])
    return found


def known_word(word: str) -> bool:
    """A word of the frequency lists or of one of the lexicons."""
    return is_ordinary_word(word) or any(word in sorted_words(name) for name in LEXICONS)


def _inflected_word(rest: str) -> bool:
    return any(rest.endswith(e) and len(rest) - len(e) >= 3 and known_word(rest[: -len(e)]) for e in INFLECTIONS)


CASE_ENDINGS = frozenset("""in ia iä ssa ssä sta stä lla llä lta ltä lle ksi na nä han hen hin
    nál nél hoz hez höz val vel ban ben nak nek tól től ot et
    de da te ta den dan ten tan nin nın nun nün ye ya yi yı le la
    em owi ach om ie""".split())
CASE_ENDINGS = CASE_ENDINGS | {fold(e) for e in CASE_ENDINGS}  # the skeleton is folded: "nál" is read as "nal"
"""Case endings that Finnish, Estonian, Hungarian, Turkish, Polish and Czech join to a name without an
apostrophe ("Finnairin", "Vodafonenál", "Turkcellde", "Allianzem"); a lone "n" counts after a vowel,
a lone "u" or "a" after a consonant (`case_ending`)."""
SHORT_RESTS = frozenset("abo app kort bon".split())
"""Compound parts of three letters that still make a compound ("Swisscom|abo", "ICA|kort")."""


MIN_FIRST = 3
"""Letters the first of two words in a compound's rest needs ("neu|kunden")."""


def case_ending(head: str, rest: str) -> bool:
    """Is `rest` a case ending of an agglutinative language on the name `head`?"""
    if rest in CASE_ENDINGS:
        return True
    vowel = head[-1:] in "aeiouyäö"
    return (rest == "n" and vowel) or (rest in ("u", "a") and not vowel)  # "Telian"; Polish "w Allianzu"


def compound_rest(rest: str) -> bool:
    """Is what follows a name in a closed compound a word, or two words ("kunden|karte")?"""
    if rest in SHORT_RESTS or known_word(rest) or _inflected_word(rest):
        return True
    for i in range(MIN_FIRST, len(rest) - MIN_REST + 1):
        second = rest[i:]
        if not (known_word(second) or _inflected_word(second)):
            continue
        first = rest[:i]
        if known_word(first) or (first[-1] in "sn" and len(first) > MIN_FIRST and known_word(first[:-1])):
            return True  # "neu|kunden", "bestand|s|kunden": a short first part, a linking s or n
    return False
