"""Counts written in words ("forty-one branches", "doscientas doce sucursales"): their value.

Why: a contributor who knows that "41 branches across Uruguay" names the bank may write
"exactly forty-one branches" instead, and the figure identifies just as well. English,
Spanish and Portuguese number words are read (the languages in which the evaluation sets
showed counts in words); a run of them becomes one number with the digits it states,
so "two million three hundred thousand" is 2,300,000 with two significant digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

UNITS = {
    # English
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    # Spanish and Portuguese
    "uno": 1, "una": 1, "um": 1, "uma": 1, "dos": 2, "dois": 2, "duas": 2, "tres": 3, "três": 3, "cuatro": 4,
    "quatro": 4, "cinco": 5, "seis": 6, "siete": 7, "sete": 7, "ocho": 8, "oito": 8, "nueve": 9, "nove": 9,
    "diez": 10, "dez": 10, "once": 11, "onze": 11, "doce": 12, "doze": 12, "trece": 13, "treze": 13,
    "catorce": 14, "catorze": 14, "quince": 15, "quinze": 15, "dieciséis": 16, "dieciseis": 16, "dezesseis": 16,
    "diecisiete": 17, "dezessete": 17, "dieciocho": 18, "dezoito": 18, "diecinueve": 19, "dezenove": 19,
    "veinte": 20, "vinte": 20, "treinta": 30, "trinta": 30, "cuarenta": 40, "quarenta": 40, "cincuenta": 50,
    "cinquenta": 50, "sesenta": 60, "sessenta": 60, "setenta": 70, "ochenta": 80, "oitenta": 80, "noventa": 90,
    "cien": 100, "ciento": 100, "cem": 100, "cento": 100, "doscientos": 200, "doscientas": 200, "duzentos": 200,
    "duzentas": 200, "trescientos": 300, "trescientas": 300, "trezentos": 300, "trezentas": 300,
    "cuatrocientos": 400, "cuatrocientas": 400, "quatrocentos": 400, "quatrocentas": 400, "quinientos": 500,
    "quinientas": 500, "quinhentos": 500, "quinhentas": 500, "seiscientos": 600, "seiscientas": 600,
    "seiscentos": 600, "seiscentas": 600, "setecientos": 700, "setecientas": 700, "setecentos": 700,
    "setecentas": 700, "ochocientos": 800, "ochocientas": 800, "oitocentos": 800, "oitocentas": 800,
    "novecientos": 900, "novecientas": 900, "novecentos": 900, "novecentas": 900,
}
"""Words below a hundred (and the Iberian hundreds), which add to the group being read."""
SCALES = {"hundred": 100, "thousand": 1_000, "mil": 1_000, "million": 1_000_000, "millón": 1_000_000,
          "millon": 1_000_000, "millones": 1_000_000, "milhão": 1_000_000, "milhao": 1_000_000,
          "milhões": 1_000_000, "milhoes": 1_000_000, "billion": 1_000_000_000}
"""Words that multiply what came before them."""
JOINERS = frozenset({"and", "y", "e"})
"""Words inside a number ("three hundred and twelve", "treinta y dos", "trinta e dois")."""
_WORD = "|".join(sorted(map(re.escape, [*UNITS, *SCALES]), key=len, reverse=True))
NUMBER_WORDS_RE = re.compile(
    rf"(?<![\w-])(?:{_WORD})(?:(?:[ -]|\s+(?:and|y|e)\s+)(?:{_WORD}))*(?![\w-])", re.IGNORECASE)
"""A run of number words joined by blanks, hyphens or "and"."""


@dataclass(frozen=True)
class WordedNumber:
    start: int
    end: int
    value: int
    significant: int
    """Digits the words state: "forty-one" 2, "two million three hundred thousand" 2, "two hundred" 1."""
    groups: int
    """Scale words used (million, thousand ...): more than one says a size below the round figure."""


TRIGGERS = ("hundred", "thousand", "million", "billion", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
            "eighty", "ninety", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
            "cientos", "cientas", "centos", "centas", "cien ", "ciento ", "cem ", " mil ", "millón", "millon", "milhão",
            "milhao", "milhões", "milhoes", "veinte", "vinte", "treinta", "trinta", "cuarenta", "quarenta", "cincuenta",
            "cinquenta", "sesenta", "sessenta", "setenta", "ochenta", "oitenta", "noventa", "trece", "treze", "catorce",
            "catorze", "quince", "quinze", "dieci", "dezes", "dezoi", "dezen")
"""Parts of every number word worth reading (13 and up): found with `str.find`, which is some
thirty times faster than the pattern, so the pattern runs only around them."""
WINDOW = 80
"""Characters around a trigger in which its run of number words is read."""


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Merged stretches of text[start:end] around the triggers (lowercased once)."""
    low = text[start:end].lower()
    hits: list[int] = []
    for trigger in TRIGGERS:
        at = low.find(trigger)
        while at >= 0:
            hits.append(at)
            at = low.find(trigger, at + len(trigger))
    merged: list[tuple[int, int]] = []
    for at in sorted(hits):
        a, b = max(0, at - WINDOW), min(len(low), at + WINDOW)
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return [(start + a, start + b) for a, b in merged]


def worded_numbers(text: str, start: int = 0, end: int | None = None) -> Iterator[WordedNumber]:
    """Numbers of two words or more, or one word of 13 and up ("forty", "doscientas"); "one" or
    "three" alone is an article or a count too small to tell anything."""
    end = len(text) if end is None else end
    for a, b in _windows(text, start, end):
        yield from _numbers_in(text, a, b)


def _numbers_in(text: str, start: int, end: int) -> Iterator[WordedNumber]:
    for m in NUMBER_WORDS_RE.finditer(text, start, end):
        words = [w for w in re.split(r"[\s-]+", m.group().lower()) if w not in JOINERS]
        total, group, scales = 0, 0, 0
        for w in words:
            if w in UNITS:
                group += UNITS[w]
            elif w == "hundred":
                group = max(group, 1) * 100
            else:
                total += max(group, 1) * SCALES[w]
                group, scales = 0, scales + 1
        value = total + group
        if value < 13 or (len(words) == 1 and words[0] in SCALES):
            continue
        yield WordedNumber(m.start(), m.end(), value, len(str(value).rstrip("0")), scales)
