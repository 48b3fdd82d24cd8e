"""The compact name, word and place lists under ``names/data/``, read lazily and cheaply.

The lists are derived from large data packages by ``tools/namedata/generate.py``
(provenance in ``data/README.md``). A check of one contribution must not pay for
reading 230,000 names, so the big sorted lists are never turned into sets: a file
is read as one string (a millisecond) and each lookup is a binary search over its
lines, cached per word. Small lists (a few thousand lines) are plain sets. Nothing
is read until a lookup needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
FOREIGN_WORD = 5
"""A word of another language is read as an ordinary word up to this length (vivo, claro,
blau): short ones turn up in English prose and quotations; longer ones (telefonica,
vattenfall) are written in English text only as the name, so their casing identifies them."""


class SortedWords:
    """Membership in a sorted one-word-per-line file by binary search, without building a set."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._text: str | None = None
        self._cache: dict[str, bool] = {}

    def _data(self) -> str:
        if self._text is None:
            try:
                self._text = "\n" + self.path.read_text(encoding="utf-8").rstrip("\n") + "\n"
            except OSError:
                self._text = "\n"
        return self._text

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        hit = self._cache.get(word)
        if hit is None:
            hit = self._search(word)
            if len(self._cache) < 200_000:
                self._cache[word] = hit
        return hit

    def _search(self, word: str) -> bool:
        """Find the first line >= `word` by bisecting character positions."""
        text = self._data()
        low, high = 0, len(text)
        while low < high:
            mid = (low + high) // 2
            start = text.rfind("\n", 0, mid) + 1
            end = text.find("\n", start)
            if end < 0:
                end = len(text)
            if text[start:end] < word:
                low = end + 1
            else:
                high = start
        return text.startswith(word + "\n", low)


@lru_cache(maxsize=None)
def sorted_words(name: str) -> SortedWords:
    return SortedWords(DATA / name)


@lru_cache(maxsize=None)
def small_set(name: str) -> frozenset[str]:
    try:
        return frozenset((DATA / name).read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


def is_given(word: str) -> bool:
    """A given name of some country (lowercase skeleton word)."""
    return word in sorted_words("given.txt")


def is_surname(word: str) -> bool:
    return word in sorted_words("surnames.txt")


def is_core_given(word: str) -> bool:
    """Among each country's most frequent given names: a name first, a word second."""
    return word in sorted_words("given-core.txt")


def is_core_surname(word: str) -> bool:
    return word in sorted_words("surnames-core.txt")


def is_common_word(word: str) -> bool:
    """One of the 3,000 most frequent English words."""
    return word in small_set("words-common.txt")


def is_english_word(word: str) -> bool:
    return word in sorted_words("words-en.txt")


def is_foreign_word(word: str) -> bool:
    """A frequent word of another European language or Turkish (and not an English one)."""
    return word in sorted_words("words-other.txt")


def is_compounding_word(word: str) -> bool:
    """A frequent word of German, Dutch or a Nordic language (the languages that write compounds
    closed, and German capitalizes every noun)."""
    return word in sorted_words("words-compound.txt")


def is_ordinary_word(word: str) -> bool:
    """A frequent word of English (the 3,000 most frequent: the longer list holds brand names
    too) or of another language: a brand spelled like it needs context."""
    return is_common_word(word) or is_foreign_word(word)


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    """ISO 3166-1 alpha-2 code."""
    kind: str
    """``country``, ``adjective``, ``city``, ``region`` or ``town`` (`town`)."""


class SortedTable(SortedWords):
    """A sorted tab-separated file looked up by its first column, by binary search."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._rows: dict[str, str | None] = {}

    def row(self, key: str) -> str | None:
        if key in self._rows:
            return self._rows[key]
        text = self._data()
        low, high = 0, len(text)
        while low < high:
            mid = (low + high) // 2
            start = text.rfind("\n", 0, mid) + 1
            end = text.find("\n", start)
            if end < 0:
                end = len(text)
            if text[start:end].split("\t", 1)[0] < key:
                low = end + 1
            else:
                high = start
        end = text.find("\n", low)
        line = text[low : end if end >= 0 else len(text)]
        found = line if line.split("\t", 1)[0] == key and line else None
        if len(self._rows) < 100_000:
            self._rows[key] = found
        return found


    def has_prefix(self, prefix: str) -> bool:
        """Does some row's first column start with `prefix`? (Binary search for the first row >= it.)"""
        text = self._data()
        low, high = 0, len(text)
        while low < high:
            mid = (low + high) // 2
            start = text.rfind("\n", 0, mid) + 1
            end = text.find("\n", start)
            if end < 0:
                end = len(text)
            if text[start:end] < prefix:
                low = end + 1
            else:
                high = start
        return text.startswith(prefix, low)


@lru_cache(maxsize=1)
def _places_table() -> SortedTable:
    return SortedTable(DATA / "places.tsv")


def place(name: str) -> Place | None:
    """The country, country adjective, city or region called `name` (as written, capitalized), if any."""
    if not name or not name[:1].isupper():
        return None
    line = _places_table().row(name)
    if line is None:
        return None
    parts = (line.split("\t") + ["", ""])[:3]
    return Place(parts[0], parts[1], parts[2])


@lru_cache(maxsize=1)
def _towns_table() -> SortedTable:
    return SortedTable(DATA / "towns.tsv")


def town(name: str) -> Place | None:
    """A town of 15,000 to 100,000 people or a national capital called `name` ("Tromsø", "Vaduz").

    Apart from `place` because a town's name is often a person's ("Preston"): only the
    re-identification check asks, and only after a preposition of place."""
    if not name or not name[:1].isupper():
        return None
    line = _towns_table().row(name)
    if line is None:
        return None
    parts = (line.split("\t") + ["", ""])[:3]
    return Place(parts[0], parts[1], parts[2])


def is_place(name: str) -> bool:
    """A country, country adjective or city: a word that names no person and no company on its own.
    Regions (states, provinces) are left out: many are family names too ("Kent", "Jura")."""
    found = place(name)
    return found is not None and found.kind != "region"


@lru_cache(maxsize=65536)
def place_starts_with(prefix: str) -> bool:
    """Does the name of some country, country adjective or city start with `prefix`? Lets a caller
    skip the longer look-ups for a word that begins no name of more than one word."""
    return bool(prefix) and _places_table().has_prefix(prefix)
