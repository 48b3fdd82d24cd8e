"""Views of a text as a reader sees it, each the same length as the original.

A name hides from a raw scan when markup splits it (``Voda*fone*``,
``Qu`en`field``, ``Quen<b>field</b>``, ``[Quen](x)field``), when its letters are
spaced or dotted (``Q u e n f i e l d``, ``Q.U.E.N.F.I.E.L.D``, ``Q-u-e-n``) or when
it is written in leetspeak beyond what the skeleton reads (``Qu3nf!3|d``,
``$ky``, ``7elia``, ``4irways``). Each view rewrites the text *character for
character*: a markup character or a separator between spaced letters becomes the
invisible placeholder the skeleton drops inside a word, a leet symbol becomes the
letter it stands for. Because the length never changes, every offset found in a
view is an offset in the original, so findings point at the original line and column
with no extra map.

All patterns are single-level and bounded (no nested quantifiers), so a view costs
one linear pass.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator

from .namedata import is_english_word
from .normalize import IGNORABLE, char_classes, fold, splice

LEET = str.maketrans({"4": "a", "@": "a", "8": "b", "3": "e", "€": "e", "6": "g", "9": "g", "1": "i",
                      "!": "i", "|": "l", "0": "o", "5": "s", "$": "s", "7": "t", "+": "t", "2": "z"})
"""Leetspeak: every symbol and digit people type for a letter (the skeleton already reads 0/1/3)."""

_MARKUP_CHARS_RE = re.compile(r"[*_`~]+")
_INNER_HYPHEN_RE = re.compile(r"-(?<=[^\W\d_]{3}-)(?=[^\W\d_]{3})")
"""A hyphen with three letters on each side (the literal first lets the regex engine skip to each hyphen)."""
_TAG_RE = re.compile(r"<!--[^\n]{0,400}?-->|</?[A-Za-z][^<>\n]{0,200}>")
_LINK_RE = re.compile(r"\[([^\[\]\n]{1,200})\]\(([^()\s]{0,400})\)")
_ROLE_RE = re.compile(r"\{[a-z][\w:-]{0,40}\}(?=`)")
_SPACED_RE = re.compile(r"(?<![^\W_])[^\W\d_](?:(?:\.[ ]?|[ \-])[^\W\d_]){2,60}\.?(?![^\W_])")
_LEET_WORD_RE = re.compile(
    r"(?<![\w@$!|€+])(?=[\w@$!|€+]{0,39}[^\W\d_])(?=[\w@$!|€+]{0,39}[4@83€6910!|5$7+2])[\w@$!|€+]{3,40}(?![\w@$!|€+])"
)
"""A word of letters and leet symbols that has at least one of each (both found by bounded look-aheads)."""
_LEET_SYMBOLS = frozenset("4@83€6910!|5$7+2")


def _blank(match: re.Match[str]) -> str:
    return IGNORABLE * len(match.group())


def _link(match: re.Match[str]) -> str:
    label = match.group(1)
    return IGNORABLE + label + IGNORABLE * (len(match.group()) - len(label) - 1)


_MAX_SEGMENTS = 8


@lru_cache(maxsize=8192)
def _joined_hyphens(word: str, joinable: Callable[[str], bool]) -> str:
    """`word` with the inner hyphens of every run of its parts that joins into a known word.

    "Voda-fone-Kunden" joins "Voda" and "fone" (a word of a registered name) and keeps
    the hyphen before "Kunden"; "sky-high" stays as it is. Only hyphens that
    `_INNER_HYPHEN_RE` would take (three letters each side) are candidates.
    """
    parts = word.split("-")
    if len(parts) > _MAX_SEGMENTS:
        return _INNER_HYPHEN_RE.sub(IGNORABLE, word)
    keys = [fold(part.replace(IGNORABLE, "")).lower() for part in parts]
    hidden = [False] * (len(parts) - 1)
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            if all((p if n else p[1:]).islower() and is_english_word(k)
                   for n, (p, k) in enumerate(zip(parts[i : j + 1], keys[i : j + 1]))):
                continue  # "blue-sky", "Sales-force": hyphenated English, not a split "Bluesky"
            if joinable("".join(keys[i : j + 1])):
                for k in range(i, j):
                    hidden[k] = True
    if not any(hidden):
        return word
    out = [parts[0]]
    for k, part in enumerate(parts[1:]):
        hyphen = "-"
        if hidden[k] and _INNER_HYPHEN_RE.search(parts[k][-3:] + "-" + part[:3]):
            hyphen = IGNORABLE
        out.append(hyphen)
        out.append(part)
    return "".join(out)


_LONGEST_WORD = 64


def _join_hyphens(view: str, joinable: Callable[[str], bool] | None) -> str:
    """Inner hyphens made invisible ("Voda-fone" read as "Vodafone"); the length is kept.

    With `joinable` (is this lowercase, folded word a word of some registered name?),
    only the parts that join into such a word lose their hyphen: hyphenated prose
    ("sky-high", "cross-sell", "follow-up") is far more common than hyphenated names,
    and every changed line is one more line the disguise pass must read again.
    """
    if joinable is None:
        return _INNER_HYPHEN_RE.sub(IGNORABLE, view)
    return splice(view, _hyphen_edits(view, joinable))


_HYPHEN_CLASSES = bytes(ord("a") if chr(c).isalpha() and c < 128 else ord("x") if c == 1 else ord("-") if c == 45
                        else ord(".") for c in range(256))
"""ASCII bytes to their class in a hyphenated word: "a" a letter, "x" the invisible placeholder, "-", "." the rest."""
_CLASS_HYPHEN_RE = re.compile(rb"-(?<=aaa-)(?=aaa)")
"""`_INNER_HYPHEN_RE` on the classes."""


def _letter_class(c: str) -> str:
    return "a" if c.isalpha() else "."


def _hyphen_edits(view: str, joinable: Callable[[str], bool]) -> Iterator[tuple[int, int, str]]:
    """The hyphenated words whose parts join into a word of a registered name, rewritten.

    The words are found on the character classes (`char_classes`), so each costs two
    byte searches for its ends: hyphenated prose ("sky-high") is common.
    """
    classes = char_classes(view, _HYPHEN_CLASSES, _letter_class)
    seen = 0  # words read up to here
    for hyphen in _CLASS_HYPHEN_RE.finditer(classes):
        at = hyphen.start()
        if at < seen:
            continue  # inside the word just read
        low = max(seen, at - _LONGEST_WORD)
        before = classes.rfind(b".", low, at)
        start = before + 1 if before >= 0 else low
        after = classes.find(b".", at + 1)
        end = after if after >= 0 else len(classes)
        word = view[start:end].strip("-")
        start = view.index(word, start)
        seen = start + len(word)
        joined = _joined_hyphens(word, joinable)
        if joined != word:
            yield start, seen, joined


def markup_view(text: str, joinable: Callable[[str], bool] | None = None) -> str:
    """Inline markup (emphasis, code spans, tags, comments, links, roles) made invisible.

    `joinable` narrows which hyphenated words are read joined (see `_join_hyphens`).
    """
    view = text
    if "<" in view:
        view = _TAG_RE.sub(_blank, view)
    if "](" in view:
        view = _LINK_RE.sub(_link, view)
    if "{" in view:
        view = _ROLE_RE.sub(_blank, view)
    if "-" in view:
        view = _join_hyphens(view, joinable)  # "Voda-fone": a hyphen inside a word
    if not any(c in view for c in "*_`~"):
        return view
    return _MARKUP_CHARS_RE.sub(_blank, view)


def _join_spaced(match: re.Match[str]) -> str:
    return "".join(c if c.isalpha() else IGNORABLE for c in match.group())


def spaced_view(text: str) -> str:
    """Single letters joined by spaces, dots or hyphens written as one word."""
    return _SPACED_RE.sub(_join_spaced, text)


_DIGITS = str.maketrans("", "", "0123456789")
_STRONG_LEET_RE = re.compile("[@$!|€+]")


@lru_cache(maxsize=4096)
def _unleet(word: str) -> str:
    """One leet word read as letters ("V0d4f0n3" -> "Vodafone"); mostly-digit words stay."""
    digits = len(word) - len(word.translate(_DIGITS))
    if digits > len(word) // 2 + 1 and _STRONG_LEET_RE.search(word) is None:
        return word  # "2024", "5G", "B2B" stay as they are
    read = word.translate(LEET)
    if word.isupper():
        return read.upper()  # "5KY" -> "SKY"
    if read[0] != word[0] and word[1:2].islower():
        return read[0].upper() + read[1:]  # "$heraton" -> "Sheraton"
    return read


_LEET_PAIR_RE = re.compile(r"[4@83€6910!|5$7+2](?:(?<=[^\W\d_].)|(?=[^\W\d_]))")
"""A leet symbol next to a letter: the cheap test that finds the few words worth reading.

Each of these patterns starts with the symbol's character class and looks around it,
which lets the regex engine skip to the next symbol (an alternation of two-character
sequences tries every position: eight times slower)."""


def leet_view(text: str) -> str:
    """Words that mix letters with leet symbols, read as letters."""
    return splice(text, ((start, end, _unleet(word)) for start, end, word in leet_words(text)))


_SPACE_LETTER_CLASSES = bytes(ord("a") if 97 <= c <= 122 else 32 if c == 32 else ord(".") for c in range(256))
"""ASCII bytes to their class in a skeleton: "a" a lowercase letter, " " a space, "." the rest."""
_SINGLE_LETTERS_RE = re.compile(rb" a a a ")
"""On the classes: three one-letter words in a row (a literal the regex engine skips to)."""


def _has_single_letters(skeleton_text: str) -> bool:
    """Does the skeleton have three one-letter words in a row (letters spaced out, "Q u e n")?"""
    return _SINGLE_LETTERS_RE.search(char_classes(skeleton_text, _SPACE_LETTER_CLASSES, lambda c: ".")) is not None


_AMBIGUOUS_LEET = {"1": "il", "!": "il", "|": "li"}
"""Leet symbols that stand for either letter ("Pr1ce11ne": i and l in one word)."""


def leet_readings(word: str, limit: int = 16) -> list[str]:
    """Every reading of a leet word when 1, ! and | may each be i or l (at most `limit`)."""
    readings = [""]
    for c in word:
        options = _AMBIGUOUS_LEET.get(c) or c.translate(LEET)
        readings = [r + o for r in readings for o in options][:limit]
    return readings


_AMBIGUOUS_PAIR_RE = re.compile(r"[1!|](?:(?<=[^\W\d_].)|(?=[^\W\d_]))")


_WORD_SYMBOLS = frozenset("@$!|€+_")


def leet_words(text: str, ambiguous_only: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words that mix letters with leet symbols (`ambiguous_only`:
    with a 1, ! or | next to a letter)."""
    found: list[tuple[int, int, str]] = []
    last = 0
    pairs = _AMBIGUOUS_PAIR_RE if ambiguous_only else _LEET_PAIR_RE
    for pair in pairs.finditer(text):
        start = pair.start()
        if start < last:
            continue
        while start > last and (text[start - 1].isalnum() or text[start - 1] in _WORD_SYMBOLS) and pair.start() - start < 40:
            start -= 1
        m = _LEET_WORD_RE.match(text, start)
        if m is None:
            continue
        found.append((m.start(), m.end(), m.group()))
        last = m.end()
    return found


def changed_pieces(text: str, view: str, context: int = 1) -> list[tuple[int, str]]:
    """(offset, piece of `view`) for every run of lines where `view` differs from `text`.

    Each piece has `context` unchanged lines on either side, so a name broken over a
    line still reads whole. Scanning only these pieces keeps the disguise pass in
    proportion to the disguised text rather than to the whole file (the views never
    add or remove a line break, so line *i* of one is line *i* of the other).
    """
    lines, view_lines = text.split("\n"), view.split("\n")
    if len(lines) != len(view_lines):
        return [(0, view)]
    changed = [i for i, (a, b) in enumerate(zip(lines, view_lines)) if a != b]
    if not changed:
        return []
    runs: list[list[int]] = []
    for i in changed:
        first, last = max(0, i - context), min(len(lines), i + context + 1)
        if runs and first <= runs[-1][1]:
            runs[-1][1] = last
        else:
            runs.append([first, last])
    pieces: list[tuple[int, str]] = []
    offset, line = 0, 0
    for first, last in runs:
        offset += sum(len(x) + 1 for x in lines[line:first])
        piece = "\n".join(view_lines[first:last])
        pieces.append((offset, piece))
        offset += len(piece) + 1
        line = last
    return pieces


def reader_view(text: str, skeleton_text: str | None = None,
                joinable: Callable[[str], bool] | None = None) -> str:
    """All three views in one (each keeps the length, so they compose).

    `skeleton_text` (the text's lowercase skeleton) lets the cheap tests skip a view
    that cannot change anything: no run of single letters (in the skeleton), no digit
    next to a letter and no leet symbol (in the text: the skeleton already reads 0/1/3)
    mean no spaced or leet disguise.
    """
    view = markup_view(text, joinable)
    if skeleton_text is None or _has_single_letters(skeleton_text):
        view = spaced_view(view)
    if skeleton_text is None:
        return leet_view(view)
    return splice(view, _leet_line_edits(view))


_LEET_CLASSES = bytes(ord("0") if chr(c) in "0123456789@$!|+" else ord("a") if chr(c).isalpha() and c < 128
                      else ord(".") for c in range(256))
"""ASCII bytes to their class: "0" a digit or leet symbol, "a" a letter, "." the rest."""
_LEET_MARK_RE = re.compile(rb"0(?:(?<=a0)|(?=a))")
"""On the classes: a digit or leet symbol next to a letter (every word `leet_words` reads has one)."""


def _leet_class(c: str) -> str:
    return "0" if c == "€" else "a" if c.isalpha() else "."


def _leet_line_edits(view: str) -> Iterator[tuple[int, int, str]]:
    """The leet view line by line, only on lines with a digit or symbol next to a letter.

    Reading is per word, so per line gives the same view; most lines have no such mark
    ("Q1", "4G" and "Tele2" are rare), so the cost follows the lines that do.
    """
    classes = char_classes(view, _LEET_CLASSES, _leet_class)
    done = -1
    for mark in _LEET_MARK_RE.finditer(classes):
        if mark.start() < done:
            continue
        start = view.rfind("\n", 0, mark.start()) + 1
        end = view.find("\n", mark.start())
        done = end = len(view) if end < 0 else end
        line = view[start:end]
        read = leet_view(line)
        if read != line:
            yield start, end, read
