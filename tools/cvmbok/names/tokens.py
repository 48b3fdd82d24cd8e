"""Capitalized words, found by the regular-expression engine rather than word by word in Python.

Names of people and organizations start with a capital. Prose is mostly lowercase,
so finding only the capitalized words (one C-level scan with a character class of
every uppercase Latin, Greek and Cyrillic letter) leaves a small fraction of the
words for the Python code that decides about them: that is what keeps the person
and organization heuristics fast on a megabyte of text.
"""

from __future__ import annotations

import re

UPPER = "".join(re.escape(c) for c in map(chr, range(0x530)) if c.isupper() and c.isalpha())
"""Every uppercase letter of Latin, Latin Extended, IPA, Greek and Cyrillic (a regex class body)."""
CAP_WORD = rf"[{UPPER}][^\W\d_]*(?:['’\-][^\W\d_]+)*\.?"
CAP_WORD_RE = re.compile(rf"(?<![\w.]){CAP_WORD}")
PARTICLES = ("van", "von", "der", "den", "de", "da", "das", "do", "dos", "du", "di", "del", "della", "le", "la",
             "al", "el", "bin", "ben", "ibn", "bint", "y", "e", "ter", "ten", "zu")
CAP_RUN_RE = re.compile(
    rf"(?<![\w.]){CAP_WORD}(?:[ \t\n](?:(?:{'|'.join(PARTICLES)})[ \t]){{0,2}}{CAP_WORD}){{0,5}}"
)
"""A run of capitalized words joined by single blanks, lowercase name particles allowed between them."""
CJK_CHAR_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
"""Kana, ideographs or Hangul: the patterns for Japanese, Chinese and Korean text run only when one is present."""
_PREV_WORD_RE = re.compile(r"([^\W\d_][\w.'’-]*)[ \t]+\Z")


def window_start(text: str, at: int, reach: int) -> int:
    """Where the text before `at` that a context check reads begins: the start of `at`'s line,
    but no more than `reach` characters back (the line-break search stops there too, so a
    1 MB line costs the same as a short one)."""
    return max(text.rfind("\n", max(0, at - reach), at) + 1, at - reach)


_NEXT_WORD_RE = re.compile(r"[ \t]+([^\W\d_]+)")


def word_after(text: str, end: int) -> str:
    """The word right after `end` on the same line, lowercase ("" when none)."""
    m = _NEXT_WORD_RE.match(text, end)
    return m.group(1).lower() if m else ""


def word_before(text: str, start: int) -> str:
    """The word right before `start` on the same line ("" when none)."""
    m = _PREV_WORD_RE.search(text, max(0, start - 40), start)
    return m.group(1) if m else ""
