"""Turn text into a *skeleton* that a leaked name cannot hide from, with a map back to the original.

People hide names by accident (a line break, a possessive, a CamelCase handle) and
sometimes on purpose (a Cyrillic "о", a zero-width space, "V0dafone"). Instead of
writing one pattern per disguise we fold every disguise away once:

* each character is folded to a plain lowercase ASCII letter or digit where one
  exists: diacritics dropped (``é`` -> ``e``), full-width and mathematical letters
  mapped by NFKD, and every look-alike that Unicode's confusables data (TR39)
  relates to a Latin letter or digit mapped to it;
* characters that are invisible (zero-width space and joiner, soft hyphen,
  combining marks, variation selectors) are dropped inside a word;
* any run of other characters (spaces, punctuation, line breaks, ``-_./@``) becomes
  one space, so the skeleton is a sequence of words: `` vodafone uk ``;
* a word split by a hyphen at the end of a line (``Voda-`` / ``fone``) is rejoined;
* HTML entities and URL escapes are decoded (``Quenfi&#101;ld``,
  ``Quenfield&nbsp;Mobile``, ``Quenfield%20Mobile``) and
  any other ``&`` becomes the word ``and`` (``M&S`` = ``M and S``);
* inside a word that has letters, the digits 0, 1 and 3 read as o, l and e.

The skeleton has a space at both ends, so a name that must stand alone is simply
the pattern `` name ``. `Skeleton.to_original` maps any skeleton index back to the
character it came from, which is how findings point at the original line and column.
"""

from __future__ import annotations

import codecs
import html
import re
import threading
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Callable, Iterable, Iterator

IGNORABLE = "\x01"
"""Placeholder the fold table gives to invisible characters; dropped when words are built."""

# Look-alike letters come from Unicode's own confusables data (TR39), as shipped by the
# confusable-homoglyphs package: every non-ASCII character listed as confusable with one
# ASCII letter or digit folds to it. Two small supplements: letters with a stroke that
# neither NFKD nor TR39 relate to a Latin letter (transliterations, not disguises), and
# small-capital shapes of Cyrillic and Greek that read as Latin letters in running text
# but that TR39 leaves out; and a case fix where TR39 maps a capital I look-alike to "l".
_TRANSLITERATIONS = {
    "ı": "i", "ȷ": "j", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h",
    "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ƚ": "l", "ß": "s",  # one letter, so the fold stays one character per character
}
_SMALL_CAPITAL_SHAPES = {
    "в": "b", "к": "k", "м": "m", "н": "h", "т": "t", "ь": "b", "Ԛ": "Q", "Һ": "H",
    "β": "b", "ε": "e", "κ": "k", "τ": "t", "χ": "x", "ω": "w",
    "І": "I", "Ӏ": "I", "Ι": "I", "ӏ": "l",
}


@lru_cache(maxsize=1)
def confusables() -> dict[str, str]:
    """Non-ASCII character -> the ASCII letter or digit it imitates (TR39 data, then the supplements)."""
    import json
    from importlib import resources

    table: dict[str, str] = {}
    try:
        data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    except (ModuleNotFoundError, FileNotFoundError, ValueError):  # pragma: no cover - a declared dependency
        data = {}
    for target, entries in data.items():
        if len(target) == 1 and target.isascii() and target.isalnum():
            for entry in entries:
                ch = entry.get("c", "")
                if len(ch) == 1 and not ch.isascii():
                    table.setdefault(ch, target)
    table.update(_TRANSLITERATIONS)
    table.update(_SMALL_CAPITAL_SHAPES)
    return table


# Digits read as letters inside a word that has letters ("V0dafone", "Te1stra", "V3ga").
DIGIT_LETTERS = str.maketrans({"0": "o", "1": "l", "3": "e"})

# Ranges whose characters may fold to ASCII: Latin-1 and Latin Extended, IPA,
# combining marks, Greek, Cyrillic, Armenian, general punctuation (zero-width
# characters), letterlike symbols, full-width forms, mathematical alphanumerics.
_FOLD_RANGES = (
    (0x80, 0x0590), (0x1D00, 0x1DFF), (0x1E00, 0x1FFF), (0x2000, 0x206F), (0x2100, 0x218F),
    (0x2460, 0x24FF), (0xFE00, 0xFE0F), (0xFE20, 0xFE2F), (0xFEFF, 0xFEFF), (0xFF00, 0xFFEF), (0x1D400, 0x1D7FF),
)


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """One character in, exactly one character out: the case-preserving fold used for skeletons.

    Keeping the fold one-to-one is what makes offsets cheap: position *i* of the
    folded text is position *i* of the original. Building it reads Unicode's
    confusables data and decomposes some 10,000 characters, so the result is kept in
    the disk cache, keyed by this module, that data and the Unicode version.
    """
    from importlib.util import find_spec  # importlib.resources costs more to import than the table to load

    from .diskcache import cached, key_of

    spec = find_spec("confusable_homoglyphs")
    data = Path(spec.origin).parent / "confusables.json" if spec is not None and spec.origin else Path("-")
    key = key_of(unicodedata.unidata_version, Path(__file__), data)
    return cached("fold", key, _build_fold_table, dict)


MIDDLE_DOTS = "\u00b7\u2027\u2219\u22c5\u30fb"
"""Dots at mid-height between letters ("Tel·kom·sel"): invisible to the matcher, like a soft hyphen."""


def _build_fold_table() -> dict[int, str]:
    homoglyphs = confusables()
    table: dict[int, str] = {}
    codes = {ord(ch) for ch in homoglyphs}
    for low, high in _FOLD_RANGES:
        codes.update(range(low, high + 1))
    codes.update(ord(c) for c in MIDDLE_DOTS)
    for code in sorted(codes):
        ch = chr(code)
        category = unicodedata.category(ch)
        if category in ("Mn", "Me", "Cf") or ch in MIDDLE_DOTS:
            table[code] = IGNORABLE
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(base) == 1 and base.isascii() and base.isalnum() and base != ch:
            table[code] = base  # full-width, mathematical and accented letters: NFKD knows them
            continue
        if ch in _SMALL_CAPITAL_SHAPES or ch in _TRANSLITERATIONS or (ch in homoglyphs and len(base) != 1):
            table[code] = homoglyphs[ch]
            continue
        base = "".join(homoglyphs.get(c, c) for c in base)
        if len(base) == 1 and base != ch and (base.isascii() or base.isalnum()):
            if base.isalnum() or not ch.isalnum():
                table[code] = base
    return table


# A word: letters/digits and invisible characters, possibly broken by "-<newline>" at
# the end of a line (a hyphenated line break). "&" is a word of its own.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
"""Kana, CJK ideographs and Hangul: scripts written without spaces, whose particles attach to a Latin
name ("SKT에서", "auで", "在Tmall"). No registered name uses them, so the skeleton reads them as breaks."""
_WORD = rf"(?:[^\W_{_UNSPACED}]|\x01)+"
TOKEN_RE = re.compile(rf"{_WORD}(?:-[ \t]*\n[ \t>]*{_WORD})*|&")
_HYPHEN_BREAK_RE = re.compile(r"-[ \t]*\n[ \t>]*[^\W_]")
_HAS_DIGIT_RE = re.compile(r"[013]")


class Skeleton:
    """The folded word sequence of a text and how to get back to the original text.

    `text` is lowercase, `cased` keeps the original case (same length, same offsets):
    class-B names must match their registered casing and CamelCase joins are found
    from case changes.

    Offsets come in two kinds. Most text only has separators collapsed, so the text
    with every separator as a space is kept and an offset is found by reading the
    separator runs of one block of it. Text with entities, URL escapes or hyphenated
    line breaks keeps a per-word table instead.
    """

    def __init__(self, original: str, text: str, cased: str, *, spaced: str | None = None,
                 origins: list[int] | None = None, exact: dict[int, list[int]] | None = None,
                 words: list[str] | None = None, dropped: tuple[list[int], list[int]] | None = None,
                 inserted: list[int] | None = None, blocks: tuple[list[int], list[int]] | None = None) -> None:
        self.original = original
        self.text = text
        self.cased = cased
        self._spaced = spaced
        """The text with every separator as one space (the plain path): offsets are read from its runs."""
        self._blocks = blocks or ([0], [0])
        self._walked = 0
        self._shift_at: list[int] | None = None
        self._shift_by: list[int] | None = None
        """Where each block of `_spaced` starts, in the skeleton and in `_spaced` (see `_collapse`)."""
        self._origins = origins
        self._exact = exact or {}
        self._words = words
        self._dropped = dropped
        self._inserted = inserted
        """Where each ``&`` became " and " in the expanded text the plain path ran on (see `_with_ampersands`)."""
        self.offset = 0
        """Where `original` starts in the text it was cut from (see `piece_skeleton`)."""
        """Where invisible characters were removed before the plain path ran (index after each run, total removed)."""
        self._starts: list[int] | None = None
        self._line_starts: list[int] | None = None
        self._line_lookups = 0

    @property
    def words(self) -> list[str]:
        """The skeleton's words with their case."""
        if self._words is None:
            self._words = self.cased.split()
        return self._words

    @property
    def starts(self) -> list[int]:
        """Skeleton index where each word starts."""
        if self._starts is None:
            starts = []
            position = 1
            for w in self.words:
                starts.append(position)
                position += len(w) + 1
            self._starts = starts
        return self._starts

    def to_original(self, index: int) -> int:
        """Original character index of the skeleton character at `index` (a space maps to the next word).

        Plus `offset` when this is the skeleton of a piece of a longer text (a reader view's
        changed lines, one word): the index is then one in the longer text.
        """
        if self.text[index : index + 1] == " ":
            index += 1
            if index >= len(self.text):
                return len(self.original) + self.offset
        if self._spaced is not None:
            position = self._spaced_index(index) - 1  # minus the padding space
            if self._inserted is not None:
                k = bisect_right(self._inserted, position) - 1
                grown = len(_AMPERSAND_WORD) - 1
                if k >= 0 and position < self._inserted[k] + len(_AMPERSAND_WORD):
                    position = self._inserted[k] - grown * k  # a letter of "and": its "&"
                else:
                    position -= grown * (k + 1)
            if self._dropped is not None:
                at, by = self._dropped
                k = bisect_right(at, position) - 1
                position += by[k] if k >= 0 else 0
            return position + self.offset
        assert self._origins is not None
        k = bisect_right(self.starts, index) - 1
        offset = index - self.starts[k]
        if k in self._exact:
            return self._exact[k][offset] + self.offset
        return self._origins[k] + offset + self.offset

    def _spaced_index(self, index: int) -> int:
        """Index in `_spaced` of skeleton index `index`.

        The first lookups walk the space runs of the index's block only: hits are few
        in most texts, and a table of every run (one at nearly every sentence end)
        would cost more than they do. After `_WALKED_LOOKUPS` the table is built once
        and each lookup is a binary search, so a text with 100,000 hits stays linear.
        """
        assert self._spaced is not None
        if self._shift_at is None and self._walked < _WALKED_LOOKUPS:
            self._walked += 1
            return self._walked_index(index)
        if self._shift_at is None or self._shift_by is None:
            self._shift_at, self._shift_by = shift_table(self._spaced)
        j = bisect_right(self._shift_at, index) - 1
        return index + (self._shift_by[j] if j >= 0 else 0)

    def _walked_index(self, index: int) -> int:
        assert self._spaced is not None
        skeleton_starts, spaced_starts = self._blocks
        b = bisect_right(skeleton_starts, index) - 1
        done, position = skeleton_starts[b], spaced_starts[b]
        end = spaced_starts[b + 1] if b + 1 < len(spaced_starts) else len(self._spaced)
        for run in _SPACE_RUN_RE.finditer(self._spaced, position, end):
            kept = run.start() + 1 - position  # characters up to and with the run's first space
            if done + kept > index:
                break
            done += kept
            position = run.end()
        return position + index - done

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the skeleton span [start, end) (end exclusive, end > start)."""
        return self.to_original(start), self.to_original(end - 1) + 1

    def line_col(self, index: int) -> tuple[int, int]:
        """1-based line and column of an original character index."""
        return line_col(self.original, index, self)


_COUNTED_LOOKUPS = 32
"""Lookups answered by counting line breaks before a table of line starts is built."""


def line_col(text: str, index: int, cache: Skeleton | None = None) -> tuple[int, int]:
    """1-based line and column of `index` in `text`.

    The first lookups on a skeleton count line breaks (C speed, nothing built): most
    texts have a few findings. After `_COUNTED_LOOKUPS` a table of line starts is
    built once, so a text with thousands of findings stays linear.
    """
    starts = cache._line_starts if cache is not None else None
    if starts is None and cache is not None and cache._line_lookups < _COUNTED_LOOKUPS:
        cache._line_lookups += 1
        return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
    if starts is None:
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        if cache is not None:
            cache._line_starts = starts
    line = bisect_right(starts, index) - 1
    return line + 1, index - starts[line] + 1


def fold(text: str) -> str:
    """The one-to-one, case-preserving fold (ASCII text comes back unchanged).

    Only the runs of non-ASCII characters go through the table (ASCII maps to itself):
    `str.translate` with a dict looks up every character, five times slower on prose
    that has an accent here and there.
    """
    if text.isascii():
        return text
    table = fold_table()
    return splice(text, ((a, b, text[a:b].translate(table)) for a, b in non_ascii_runs(text)))


def _special_word(raw: str, start: int) -> tuple[str, list[int]]:
    """Clean a word that contains invisible characters or a hyphenated line break."""
    if raw == "&":
        return "and", [start, start, start]
    chars: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "-" and "\n" in raw[i : i + 80]:
            # skip "-", blanks, the newline and the next line's indentation
            j = raw.index("\n", i) + 1
            while j < len(raw) and raw[j] in " \t>":
                j += 1
            i = j
            continue
        if ch != IGNORABLE:
            chars.append(ch)
            offsets.append(start + i)
        i += 1
    return "".join(chars), offsets


def _read_digits(word: str) -> str:
    """"V0dafone" -> "Vodafone": digits 0/1/3 read as letters in a word that has letters.

    Only in words of four characters or more: in "M1" or "A1" the digit is part of the
    name, and reading it as a letter would turn them into "ml" and "al".
    """
    if len(word) >= 4 and not word.isdigit() and any(c.isalpha() for c in word):
        return word.translate(DIGIT_LETTERS)
    return word




_RUNS = threading.local()


def _record_run(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    _RUNS.found.append((error.start, error.end))
    return "?" * (error.end - error.start), error.end


codecs.register_error("cvmbok-non-ascii-runs", _record_run)


def non_ascii_runs(text: str) -> list[tuple[int, int]]:
    """[start, end) of every run of non-ASCII characters in `text`, in order.

    Found by encoding to ASCII with an error handler that records each run the encoder
    stops at: the encoder walks the ASCII in C at memory speed, where a regular
    expression for ``[^\x00-\x7f]+`` tests every character (fifty times slower on a
    text with a curly quote or an accent here and there, which is most real text).
    """
    found: list[tuple[int, int]] = []
    _RUNS.found = found
    text.encode("ascii", "cvmbok-non-ascii-runs")
    return found


def char_classes(text: str, table: bytes, other: Callable[[str], str]) -> bytes:
    """`text` as one byte per character: ASCII through the byte `table`, any other character through `other`.

    Why: a regular expression that starts with a character class ("a capital", "a
    digit next to a letter") tests every character of the text, about 150 MB/s; on the
    classes, the same question starts with one literal byte, which the regex engine
    skips to several times faster. Offsets are the text's, character for character.
    """
    if not text.isascii():
        text = splice(text, ((a, b, "".join(other(c) for c in text[a:b])) for a, b in non_ascii_runs(text)))
    return text.encode("ascii").translate(table)


def splice(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """`text` with each [start, end) replaced by its new string (edits in order, not overlapping).

    The one way the views and the skeleton rewrite a few words of a long text: the
    unchanged runs are sliced once and joined once.
    """
    pieces: list[str] = []
    last = 0
    for start, end, new in edits:
        pieces.append(text[last:start])
        pieces.append(new)
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _read_digit_words(cased: str) -> str:
    """Apply `_read_digits` to every skeleton word that has a 0, 1 or 3."""
    if "0" not in cased and "1" not in cased and "3" not in cased:
        return cased
    return splice(cased, _digit_word_edits(cased))


def _digit_word_edits(cased: str) -> Iterator[tuple[int, int, str]]:
    done = -1
    for match in _HAS_DIGIT_RE.finditer(cased):
        i = match.start()
        if i < done:
            continue
        a = cased.rfind(" ", 0, i) + 1
        b = done = cased.find(" ", i)
        word = cased[a:b]
        read = _read_digits(word)
        if read != word:
            yield a, b, read


def lower_keeping_length(cased: str) -> str:
    """Lowercase with one character per character (a letter whose lowercase is two stays as it is)."""
    lowered = cased.lower()
    if len(lowered) != len(cased):  # a few letters lowercase to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in cased)
    return lowered


_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _decode_entity(match: re.Match[str]) -> str:
    """An HTML entity ("&#101;", "&nbsp;") as its character, padded with invisibles to keep offsets."""
    decoded = html.unescape(match.group())
    if len(decoded) != 1:
        return match.group()
    if unicodedata.category(decoded) == "Cf":
        return IGNORABLE * len(match.group())  # "Com&shy;cast", "Voda&#8203;fone": an invisible inside the word
    char = fold(decoded)
    if not char.isalnum() and char != "&":
        char = " "
    return char + IGNORABLE * (len(match.group()) - 1)


_PERCENT_RE = re.compile(r"%[0-9A-Fa-f]{2}")


def _decode_percent(match: re.Match[str]) -> str:
    """A URL escape ("Quenfield%20Mobile") as its character, padded with invisibles to keep offsets."""
    code = int(match.group()[1:], 16)
    char = chr(code) if code < 0x80 else IGNORABLE
    if char != IGNORABLE and not char.isalnum() and char != "&":
        char = " "
    return char + IGNORABLE * 2


def _hyphen_break(folded: str) -> bool:
    """Is a word hyphenated across a line break somewhere ("Voda-" / "fone")?"""
    return any(folded[m.start() - 1 : m.start()].isalnum() for m in _HYPHEN_BREAK_RE.finditer(folded))


def skeleton(text: str) -> Skeleton:
    """Build the skeleton of `text` (see the module docstring for what is folded)."""
    folded = fold(text)
    escaped = "%" in folded and _PERCENT_RE.search(folded) is not None
    broken = _hyphen_break(folded)
    if not escaped and not broken:
        if "&" not in folded:
            if IGNORABLE not in folded:
                return _plain_skeleton(text, folded)
            return _without_invisibles(text, folded)
        if IGNORABLE not in folded and _ENTITY_RE.search(folded) is None:
            return _with_ampersands(text)
    return _word_skeleton(text, folded, escaped)


def _word_skeleton(text: str, folded: str, escaped: bool) -> Skeleton:
    """The general path: one token at a time, with a per-word offset table.

    Entities, URL escapes and hyphenated line breaks change the text's length in ways
    no single table of shifts describes; this path handles any mix of them.
    """
    if "&" in folded:
        folded = _ENTITY_RE.sub(_decode_entity, folded)
    if escaped:
        folded = _PERCENT_RE.sub(_decode_percent, folded)
    words: list[str] = []
    origins: list[int] = []
    exact: dict[int, list[int]] = {}
    for match in TOKEN_RE.finditer(folded):
        raw = match.group()
        start = match.start()
        if raw == "&" or IGNORABLE in raw or "\n" in raw:
            raw, offsets = _special_word(raw, start)
            if not raw:
                continue
            exact[len(words)] = offsets
        words.append(raw)
        origins.append(start)
    cased = _read_digit_words(" " + " ".join(words) + " ")
    return Skeleton(text, lower_keeping_length(cased), cased, origins=origins, exact=exact, words=cased.split())


_AMPERSAND_WORD = " and "


def _with_ampersands(text: str) -> Skeleton:
    """Every ``&`` read as the word "and" ("M&S", "R&D", "AT&T"), at the plain path's speed.

    The text is expanded (each ``&`` becomes `` and ``), the plain path runs on that, and
    the start of each expansion is kept so that offsets map back: the letters of an
    "and" point at its ``&``, everything after it four characters further back.
    """
    parts = text.split("&")
    expanded = _AMPERSAND_WORD.join(parts)
    inserted: list[int] = []
    position = 0
    for part in parts[:-1]:
        position += len(part)
        inserted.append(position)
        position += len(_AMPERSAND_WORD)
    inner = _plain_skeleton(expanded, expanded)
    return Skeleton(text, inner.text, inner.cased, spaced=inner._spaced, inserted=inserted, blocks=inner._blocks)


def piece_skeleton(piece: str, offset: int) -> Skeleton:
    """The skeleton of `piece`, a part of a longer text starting at `offset`, mapping to the longer text."""
    sk = skeleton(piece)
    sk.offset = offset
    return sk


_ASCII_SEPARATORS = bytes(c if c >= 128 or chr(c).isalnum() else 32 for c in range(256))
_SPACE_RUN_RE = re.compile("  +")
_OUTSIDE_TABLE_RE = re.compile("[^\x00-\u2fff\uff00-\uffef]")
_WORD_BREAK_RE = re.compile(rf"[\W_{_UNSPACED}]")


@lru_cache(maxsize=1)
def _plain_table() -> dict[int, str]:
    """The fold plus every other non-word character mapped to a space (one character each)."""
    table = dict(fold_table())
    for code in [*range(0x80, 0x3000), *range(0xFF00, 0xFFF0)]:
        target = table.get(code, chr(code))
        if target != IGNORABLE and not target.isalnum():
            table[code] = " "
    return table


def _plain_skeleton(text: str, folded: str) -> Skeleton:
    """The fast path: separators collapse to one space; offsets shift only at longer runs.

    Separators become spaces one-for-one (a byte table for ASCII text, a character
    table otherwise), then runs of spaces collapse; the runs are the offset shifts.
    """
    padded = " " + text + " "
    if padded.isascii():
        spaced = padded.encode("ascii").translate(_ASCII_SEPARATORS).decode("ascii")
    else:
        # non-ASCII runs through the character table, then ASCII separators through a byte
        # table over UTF-8 (bytes >= 0x80 map to themselves, so characters stay whole)
        table = _plain_table()
        spaced = splice(padded, ((a, b, padded[a:b].translate(table)) for a, b in non_ascii_runs(padded)))
        spaced = spaced.encode("utf-8").translate(_ASCII_SEPARATORS).decode("utf-8")
        if _OUTSIDE_TABLE_RE.search(spaced):  # emoji and other characters the table does not cover
            spaced = _WORD_BREAK_RE.sub(" ", spaced)
    collapsed, blocks = _collapse(spaced)
    cased = _read_digit_words(collapsed)
    return Skeleton(text, lower_keeping_length(cased), cased, spaced=spaced, blocks=blocks)


_BLOCK = 4096
_SPACES_RE = re.compile(" *")


def _collapse(spaced: str) -> tuple[str, tuple[list[int], list[int]]]:
    """Runs of spaces as one space, block by block, and where each block starts (skeleton, spaced).

    Each block after the first starts at a non-space, so no run spans two blocks and
    an offset is found by reading the runs of one block (`Skeleton._spaced_index`).
    """
    if len(spaced) <= _BLOCK:
        return _SPACE_RUN_RE.sub(" ", spaced), ([0], [0])
    pieces: list[str] = []
    skeleton_starts: list[int] = []
    spaced_starts: list[int] = []
    at = done = 0
    while at < len(spaced):
        cut = min(len(spaced), at + _BLOCK)
        cut = _SPACES_RE.match(spaced, cut).end()  # type: ignore[union-attr]  # " *" always matches
        piece = _SPACE_RUN_RE.sub(" ", spaced[at:cut])
        skeleton_starts.append(done)
        spaced_starts.append(at)
        pieces.append(piece)
        done += len(piece)
        at = cut
    return "".join(pieces), (skeleton_starts, spaced_starts)


_IGNORABLE_RUN_RE = re.compile(IGNORABLE + "+")


def _without_invisibles(text: str, folded: str) -> Skeleton:
    """Invisible characters removed, then the plain path, with both offset shifts kept.

    Invisible characters vanish inside a word and merge with the separators around
    it, so removing them first gives the skeleton the per-word path would give, at
    the plain path's speed (reader views are full of them).
    """
    pieces: list[str] = []
    at: list[int] = []
    by: list[int] = []
    last = removed = 0
    for run in _IGNORABLE_RUN_RE.finditer(folded):
        pieces.append(text[last : run.start()])
        removed += run.end() - run.start()
        at.append(run.end() - removed)
        by.append(removed)
        last = run.end()
    pieces.append(text[last:])
    stripped = "".join(pieces)
    inner = _plain_skeleton(stripped, fold(stripped))
    return Skeleton(text, inner.text, inner.cased, spaced=inner._spaced, dropped=(at, by), blocks=inner._blocks)


_WALKED_LOOKUPS = 64


def shift_table(spaced: str) -> tuple[list[int], list[int]]:
    """Where offsets shift (skeleton index after each collapsed run) and by how much in total."""
    spans = [m.span() for m in _SPACE_RUN_RE.finditer(spaced)]
    removed = list(accumulate(b - a - 1 for a, b in spans))
    shift_at = [a - (r - (b - a - 1)) + 1 for (a, b), r in zip(spans, removed)]
    return shift_at, removed


def name_words(name: str) -> list[str]:
    """The skeleton words of a registered name, lowercase (``"T-Mobile"`` -> ``["t", "mobile"]``)."""
    return skeleton(name).text.split()


def is_camel_boundary(cased: str, index: int) -> bool:
    """Does a new word start at `index` inside a CamelCase word (``Example|Mobile``, ``KPN|Mobile``)?"""
    if index <= 0 or index >= len(cased):
        return False
    before, here = cased[index - 1], cased[index]
    if before.islower() and here.isupper():
        return True
    if before.isdigit() != here.isdigit() and before.isalnum() and here.isalnum():
        return False
    nxt = cased[index + 1] if index + 1 < len(cased) else ""
    return before.isupper() and here.isupper() and nxt.islower()
