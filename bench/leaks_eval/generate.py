"""Generate the labelled leak evaluation set: bench/leaks_eval/dev.jsonl and test.jsonl.

Why a generator and committed output: people's names come from Faker (a dev-time
dependency, `pip install -e .[dev]`) with a fixed seed, so the set covers many
naming cultures without a hand list; the output is committed so that the set is
stable and evaluating it (bench/eval_leaks.py) needs nothing but the real CLI.
Re-running this script with the same Faker major version and registry rewrites
the same files; a different Faker release may pick different names, which is why
the files, not this script, are the reference.

The prose around the names is written for this set: sentences of the kind CVM
practitioners write about telecoms, banks, retailers, airlines, insurers and
utilities. The set is written without looking at the engine under test
(tools/cvmbok/names/); the registry (styles/names/companies.yml) is read only as
data, to pick registered names and to keep invented names and negatives clear of
registered class-A names.

Usage: .venv/bin/python bench/leaks_eval/generate.py
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from faker import Faker

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REGISTRY = ROOT / "styles" / "names" / "companies.yml"
# Registered names are picked from the registry as committed here (the ~480 companies
# curated by hand), so that regenerating gives the same set while the registry grows.
REGISTRY_COMMIT = "d93a4ea"
SEED = 14
DEV_SHARE = 0.4
MARK = "\x00"

sys.path.insert(0, str(HERE))
import material as M  # noqa: E402  (sentence material, kept apart from the logic)


@dataclass
class Case:
    """One labelled case; `leak` is the exact substring of `text` a finding must overlap."""

    category: str
    subcategory: str
    expect: str
    text: str
    leak: str | None = None
    span: list[int] | None = None
    meta: dict[str, str] = field(default_factory=dict)


def fill(template: str, leak: str | None, **slots: str) -> tuple[str, list[int] | None]:
    """Render a template whose `{L}` marks the leak; return the text and the leak's span."""
    rendered = template.format(L=MARK, **slots)
    if leak is None:
        if MARK in rendered:
            raise ValueError(f"template has {{L}} but no leak: {template}")
        return rendered, None
    if rendered.count(MARK) != 1:
        raise ValueError(f"template needs exactly one {{L}}: {template}")
    start = rendered.index(MARK)
    text = rendered.replace(MARK, leak)
    return text, [start, start + len(leak)]


def make(category: str, sub: str, expect: str, template: str, leak: str | None,
         meta: dict[str, str] | None = None, **slots: str) -> Case:
    text, span = fill(template, leak, **slots)
    if span and leak and leak.endswith(".") and text[span[1]:span[1] + 1] == ".":
        text = text[: span[1]] + text[span[1] + 1:]  # "... S.A.." -> "... S.A."
    if text and text[0].islower() and not (span and span[0] == 0):
        text = text[0].upper() + text[1:]
    return Case(category, sub, expect, text, leak, span, dict(meta or {}))


# --------------------------------------------------------------------- registry


@dataclass(frozen=True)
class RegName:
    text: str
    kind: str  # name | alias | brand | domain
    cls: str  # A | B | C
    industry: str
    company: str


def load_registry(commit: str | None = REGISTRY_COMMIT) -> list[RegName]:
    """Every registered string with its ambiguity class, read as data (at `commit`, or
    the working file when commit is None)."""
    if commit is None:
        raw = REGISTRY.read_text(encoding="utf-8")
    else:
        rel = REGISTRY.relative_to(ROOT).as_posix()
        raw = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{rel}"], check=True,
                             capture_output=True, text=True).stdout
    entries = yaml.safe_load(raw)
    out: list[RegName] = []
    for e in entries:
        amb = e.get("ambiguity") or {}
        for kind, values in (("name", [e["name"]]), ("alias", e.get("aliases") or []),
                             ("brand", e.get("brands") or []), ("domain", e.get("domains") or [])):
            for v in values:
                out.append(RegName(str(v), kind, amb.get(v, "A"), e["industry"], e["name"]))
    return out


class Clash:
    """Finds registered class-A strings (any case) and class-B strings (as registered)
    inside text that is meant to hold no registered name."""

    def __init__(self, names: list[RegName], classes: str) -> None:
        words = sorted({n.text for n in names if n.cls in classes and n.kind != "domain"
                        and len(n.text) >= 3}, key=len, reverse=True)
        self.rx = re.compile(r"(?<![\w])(" + "|".join(map(re.escape, words)) + r")(?![\w])", re.I)
        self.whole = {n.text.casefold() for n in names}

    def find(self, text: str) -> str | None:
        if text.casefold() in self.whole:
            return text
        m = self.rx.search(text)
        return m.group(0) if m else None


# --------------------------------------------------------------------- people


def person_pool(rng: random.Random) -> list[dict[str, str]]:
    """Given names and surnames from Faker per locale, plus a small romanized Arabic set."""
    pool: list[dict[str, str]] = []
    for locale, count in M.PERSON_LOCALES:
        fk = Faker(locale)
        fk.seed_instance(SEED)
        for i in range(count):
            female = i % 2 == 0
            if locale in ("ja_JP", "zh_CN"):
                given = fk.first_romanized_name_female() if female and hasattr(fk, "first_romanized_name_female") else fk.first_romanized_name()
                family = fk.last_romanized_name()
            else:
                given = fk.first_name_female() if female else fk.first_name_male()
                family = fk.last_name_female() if female and hasattr(fk, "last_name_female") else fk.last_name()
            pool.append({"given": given, "family": family, "locale": locale,
                         "gender": "f" if female else "m"})
    for i, (given, family, gender) in enumerate(M.ARABIC_ROMANIZED):
        pool.append({"given": given, "family": family, "locale": "ar_Latn", "gender": gender})
    rng.shuffle(pool)
    return pool


HONORIFICS = {
    "f": {"de_DE": "Frau", "de_AT": "Frau", "fr_CH": "Mme", "es_ES": "Sra.", "es_MX": "Sra.", "fr_FR": "Mme", "it_IT": "Sig.ra",
          "pt_BR": "Sra.", "pt_PT": "Sra.", "nl_NL": "mevrouw", "default": "Ms."},
    "m": {"de_DE": "Herr", "de_AT": "Herr", "fr_CH": "M.", "es_ES": "Sr.", "es_MX": "Sr.", "fr_FR": "M.", "it_IT": "Sig.",
          "pt_BR": "Sr.", "pt_PT": "Sr.", "nl_NL": "meneer", "default": "Mr."},
}


def person_cases(rng: random.Random, pool: list[dict[str, str]]) -> list[Case]:
    cases: list[Case] = []
    forms: list[tuple[str, str, Callable[[dict[str, str]], str], list[str]]] = [
        ("cue-full-name", "error", lambda p: f"{p['given']} {p['family']}", M.PERSON_CUE),
        ("cue-full-name", "error", lambda p: f"{p['given']} {p['family']}", M.PERSON_CUE),
        ("head-of-at", "error", lambda p: f"{p['given']} {p['family']}", M.PERSON_HEAD_OF),
        ("honorific", "error", lambda p: honorific(p, rng), M.PERSON_HONORIFIC),
        ("honorific-full-name", "error", lambda p: honorific(p, rng, full=True), M.PERSON_HONORIFIC),
        ("surname-given", "error", lambda p: f"{p['family']}, {p['given']}", M.PERSON_SURNAME_GIVEN),
        ("initial-surname", "error", lambda p: f"{p['given'][0]}. {p['family']}", M.PERSON_INITIAL),
        ("no-cue", "warning", lambda p: f"{p['given']} {p['family']}", M.PERSON_NO_CUE),
        ("no-cue", "warning", lambda p: f"{p['given']} {p['family']}", M.PERSON_NO_CUE),
    ]
    used: Counter[str] = Counter()
    for i, p in enumerate(pool):
        sub, expect, form, templates = forms[i % len(forms)]
        leak = form(p)
        tpl = templates[used[sub] % len(templates)]
        used[sub] += 1
        cases.append(make("person", sub, expect, tpl, leak,
                          {"locale": p["locale"]}, **M.pronouns(p["gender"])))
    # the local title of each language that has one (Frau, Herr, Sra., Mme, Sig.ra, mevrouw ...)
    for k, locale in enumerate(["de_DE", "de_AT", "es_ES", "es_MX", "fr_FR", "fr_CH", "it_IT",
                                "pt_BR", "pt_PT", "nl_NL"]):
        want = "m" if k % 2 else "f"
        same = [x for x in pool if x["locale"] == locale]
        p = next((x for x in same if x["gender"] == want), same[0])
        table = HONORIFICS[p["gender"]]
        leak = f"{table[locale]} {p['family']}"
        tpl = M.PERSON_HONORIFIC[k % len(M.PERSON_HONORIFIC)]
        cases.append(make("person", "honorific-local", "error", tpl, leak, {"locale": locale}))
    for i, (local, tpl) in enumerate(zip(M.EMAIL_PEOPLE, M.PERSON_EMAIL)):
        p = pool[i]
        addr = f"{ascii_fold(p['given'])}.{ascii_fold(p['family'])}@{local}".lower()
        cases.append(make("person", "email", "warning", tpl, addr, {"locale": p["locale"]}))
    return cases


def honorific(p: dict[str, str], rng: random.Random, full: bool = False) -> str:
    table = HONORIFICS[p["gender"]]
    title = table.get(p["locale"], table["default"])
    if rng.random() < 0.25:
        title = "Dr." if rng.random() < 0.7 else "Prof."
    return f"{title} {p['given']} {p['family']}" if full else f"{title} {p['family']}"


def ascii_fold(s: str) -> str:
    import unicodedata
    return re.sub(r"[^A-Za-z]", "", unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode())


# --------------------------------------------------------------------- companies


def unregistered_cases(rng: random.Random, clash: Clash) -> list[Case]:
    cases: list[Case] = []
    # industry-word names, every region
    for region, places in M.PLACES.items():
        shapes = M.INDUSTRY_SHAPES[region]
        for i, place in enumerate(places):
            shape, industry = shapes[i % len(shapes)]
            name = shape.format(P=place)
            tpl = rng.choice(M.COMPANY_SENTENCES[industry])
            cases.append(make("unregistered-company", "industry-word", "warning", tpl, name,
                              {"region": region, "industry": industry}))
    # legal forms: a surname of the jurisdiction, sometimes with a trade word, and its legal form
    for locale, region, forms, trade in M.LEGAL_FORMS:
        stems = stem_source(locale)
        for j, (pattern, style) in enumerate(forms):
            stem = stems()
            if j % 2:
                stem = f"{stem} {trade[j // 2 % len(trade)]}"
            name = pattern.format(S=stem)
            tpl = M.LEGAL_SENTENCES[len(cases) % len(M.LEGAL_SENTENCES)]
            cases.append(make("unregistered-company", f"legal-form-{style}", "warning", tpl, name,
                              {"region": region, "locale": locale}))
    # company context around a coined, brand-like name (no industry word, no legal form)
    for k, coined in enumerate(M.COINED):
        tpl = M.CONTEXT_SENTENCES[k % len(M.CONTEXT_SENTENCES)]
        cases.append(make("unregistered-company", "context", "warning", tpl, coined,
                          {"region": M.COINED_REGION[k % len(M.COINED_REGION)]}))
    # software vendors and their products, invented
    for k, (vendor, tpl) in enumerate(M.VENDORS):
        cases.append(make("unregistered-company", "vendor", "warning", tpl, vendor, {"region": "global"}))
    kept = []
    for c in cases:
        hit = clash.find(c.leak or "")
        if hit:
            print(f"skipped invented company {c.leak!r}: contains registered {hit!r}", file=sys.stderr)
            continue
        kept.append(c)
    return kept


def stem_source(locale: str) -> Callable[[], str]:
    """Surnames to build company names from, in the naming culture of the jurisdiction."""
    if locale == "ar_Latn":
        families = [f for _, f, _ in M.ARABIC_ROMANIZED]
        it = iter(families * 4)
        return lambda: next(it)
    fk = Faker(locale)
    fk.seed_instance(SEED + 1)
    if locale in ("ja_JP", "zh_CN"):
        return lambda: str(fk.last_romanized_name())
    return lambda: str(fk.last_name())


def registered_cases(rng: random.Random, names: list[RegName]) -> list[Case]:
    cases: list[Case] = []
    plain = [n for n in names if n.cls == "A" and n.kind in ("name", "alias", "brand")
             and len(n.text) > 3 and re.fullmatch(r"[\w .&'+!-]+", n.text)]
    rng.shuffle(plain)
    seen: set[str] = set()
    picked: list[RegName] = []
    for n in plain:  # one string per company, industries spread
        if n.company in seen:
            continue
        seen.add(n.company)
        picked.append(n)
    by_ind: dict[str, list[RegName]] = {}
    for n in picked:
        by_ind.setdefault(M.sentence_industry(n.industry), []).append(n)
    order = [n for group in zip(*[v[:12] for v in by_ind.values()]) for n in group]
    order += [n for v in by_ind.values() for n in v[12:]]
    for i, n in enumerate(order[:70]):
        ind = M.sentence_industry(n.industry)
        tpl = M.REGISTERED_SENTENCES[ind][i % len(M.REGISTERED_SENTENCES[ind])]
        leak = n.text
        sub = f"plain-{n.kind}"
        if i % 9 == 4:
            leak, sub = leak.lower(), "lower-case"
        elif i % 9 == 7:
            leak, sub = leak + ("'" if leak.endswith("s") else "'s"), "possessive"
            tpl = M.POSSESSIVE_SENTENCES[i % len(M.POSSESSIVE_SENTENCES)]
        cases.append(make("registered", sub, "error", tpl, leak,
                          {"industry": n.industry, "registry_name": n.company}))
    markup = [n for n in order[70:] if re.fullmatch(r"[A-Za-z][A-Za-z ]{3,20}", n.text)]
    for (sub, tpl), n in zip(M.MARKUP_CONTEXTS, markup):
        leak = n.text.replace(" ", "_").lower() if sub == "code-block" else n.text
        cases.append(make("registered", f"markup-{sub}", "error", tpl, leak,
                          {"industry": n.industry, "registry_name": n.company}))
    domains = [n for n in names if n.kind == "domain"]
    rng.shuffle(domains)
    for i, n in enumerate(domains[:12]):
        tpl = M.DOMAIN_SENTENCES[i % len(M.DOMAIN_SENTENCES)]
        leak = n.text if i % 3 else f"https://www.{n.text}/offers"
        if i % 4 == 1:
            leak = f"crm-team@{n.text}"
        cases.append(make("registered", "domain", "error", tpl, leak,
                          {"industry": n.industry, "registry_name": n.company}))
    bnames = [n for n in names if n.cls == "B" and n.kind != "domain" and len(n.text) > 3]
    rng.shuffle(bnames)
    for i, n in enumerate(bnames[:10]):
        ind = M.sentence_industry(n.industry)
        tpl = M.REGISTERED_SENTENCES[ind][(i + 3) % len(M.REGISTERED_SENTENCES[ind])]
        cases.append(make("registered", "class-b-as-registered", "error", tpl, n.text,
                          {"industry": n.industry, "registry_name": n.company}))
    cnames = [n for n in names if n.cls == "C" and n.kind in ("name", "alias") and " " not in n.text]
    rng.shuffle(cnames)
    for i, n in enumerate(cnames[:12]):
        tpl = M.COMPANY_CONTEXT_REGISTERED[i % len(M.COMPANY_CONTEXT_REGISTERED)]
        cases.append(make("registered", "class-c-in-company-context", "error", tpl, n.text,
                          {"industry": n.industry, "registry_name": n.company}))
    return cases


# --------------------------------------------------------------------- disguises

CYRILLIC = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і",
            "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О",
            "P": "Р", "T": "Т", "X": "Х"}
GREEK = {"o": "ο", "a": "α", "v": "ν", "i": "ι", "A": "Α", "B": "Β", "E": "Ε", "H": "Η",
         "I": "Ι", "K": "Κ", "M": "Μ", "N": "Ν", "O": "Ο", "P": "Ρ", "T": "Τ", "X": "Χ", "Z": "Ζ"}
ZERO_WIDTH = {"zwsp": "\u200b", "zwnj": "\u200c", "zwj": "\u200d", "word-joiner": "\u2060",
              "bom": "\ufeff", "soft-hyphen": "\u00ad"}
LEET = {"4": "aA", "@": "aA", "5": "sS", "$": "sS", "7": "tT", "0": "oO", "1": "lLiI", "3": "eE"}


def swap_some(word: str, table: dict[str, str], rng: random.Random) -> str | None:
    idx = [i for i, ch in enumerate(word) if ch in table]
    if not idx:
        return None
    chosen = set(rng.sample(idx, max(1, len(idx) // 2)))
    return "".join(table[ch] if i in chosen else ch for i, ch in enumerate(word))


def leet(word: str, symbols: str) -> str | None:
    out, changed = [], False
    for ch in word:
        for sym in symbols:
            if ch in LEET[sym]:
                out.append(sym)
                changed = True
                break
        else:
            out.append(ch)
    return "".join(out) if changed else None


def disguise_cases(rng: random.Random, names: list[RegName]) -> list[Case]:
    words = sorted({n.text for n in names if n.cls == "A" and n.kind in ("name", "alias", "brand")
                    and re.fullmatch(r"[A-Za-z]{5,11}", n.text)})
    rng.shuffle(words)
    info = {n.text: n for n in names}
    it = iter(words * 3)
    cases: list[Case] = []

    def add(sub: str, leak: str | None, base: str, tpl: str | None = None) -> None:
        if leak is None or leak == base:
            return
        n = info[base]
        ind = M.sentence_industry(n.industry)
        template = tpl or M.REGISTERED_SENTENCES[ind][len(cases) % len(M.REGISTERED_SENTENCES[ind])]
        cases.append(make("disguise", sub, "error", template, leak,
                          {"industry": n.industry, "registry_name": n.company, "plain": base}))

    for _ in range(4):
        w = next(it); k = rng.randint(2, len(w) - 2)
        add("emphasis-inside", f"{w[:k]}*{w[k:]}*", w)
        w = next(it); k = rng.randint(2, len(w) - 2)
        add("strong-inside", f"**{w[:k]}**{w[k:]}", w)
        w = next(it); k = rng.randint(2, len(w) - 2)
        add("code-inside", f"{w[:k]}`{w[k:]}`", w)
    for _ in range(4):
        w = next(it); add("letters-spaced", " ".join(w), w)
        w = next(it); add("letters-dotted", ".".join(w) + ".", w)
        w = next(it); add("letters-hyphenated", "-".join(w), w)
    for sym in LEET:
        for _ in range(2):
            w = next(it)
            while leet(w, sym) is None:
                w = next(it)
            add(f"leet-{sym}", leet(w, sym), w)
    for _ in range(4):
        w = next(it); add("leet-mixed", leet(w, "4$701"), w)
    for _ in range(5):
        w = next(it); add("confusable-cyrillic", swap_some(w, CYRILLIC, rng), w)
        w = next(it); add("confusable-greek", swap_some(w, GREEK, rng), w)
    for _ in range(4):
        w = next(it)
        add("fullwidth", "".join(chr(ord(c) + 0xFEE0) for c in w), w)
    for kind, ch in ZERO_WIDTH.items():
        for _ in range(2):
            w = next(it); k = rng.randint(1, len(w) - 1)
            add(f"zero-width-{kind}", w[:k] + ch + w[k:], w)
    for _ in range(2):
        w = next(it); k = rng.randint(1, len(w) - 1)
        add("html-entity", w[:k] + f"&#{ord(w[k])};" + w[k + 1:], w)
    german = [b for b in M.GERMAN_BRANDS if b in info and info[b].cls == "A"]
    for i, noun in enumerate(M.GERMAN_NOUNS):
        w = german[i % len(german)]
        add("closed-compound", w + noun, w, M.GERMAN_COMPOUND_SENTENCES[i % len(M.GERMAN_COMPOUND_SENTENCES)])
    for company, ticker, tpl in M.TICKERS:
        if company in info:
            add("ticker", ticker, company, tpl)
        else:
            print(f"ticker for {company!r} skipped: not in the registry", file=sys.stderr)
    for company, short, tpl in M.SHORT_FORMS:
        if company in info:
            add("short-form", short, company, tpl)
        else:
            print(f"short form for {company!r} skipped: not in the registry", file=sys.stderr)
    return cases


# --------------------------------------------------------------------- re-identifying detail


def reidentifying_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    countries = list(M.COUNTRIES)
    rng.shuffle(countries)
    cit = iter(countries * 10)

    def exact(lo: int, hi: int) -> str:
        n = rng.randint(lo, hi)
        style = rng.random()
        if style < 0.7:
            return f"{n:,}"
        if style < 0.85:
            return f"{n:,}".replace(",", ".")
        return f"{n:,}".replace(",", "\u202f")

    for i, (tpl, lo, hi, unit) in enumerate(M.REID_COUNT):
        for _ in range(2):
            country = next(cit)
            leak = f"{exact(lo, hi)} {unit} in {country}"
            cases.append(make("reidentifying", "exact-count-country", "warning", tpl, leak,
                              {"country": country}))
    for tpl in M.REID_REVENUE:
        country = next(cit)
        amount = f"{rng.choice(['EUR', 'USD', 'GBP', 'CHF', 'SEK'])} {rng.randint(101, 9899) / 10:,.1f} million"
        cases.append(make("reidentifying", "exact-revenue", "warning", tpl, amount, {"country": country},
                          C=country))
    for tpl, phrase in M.REID_UNIQUE:
        country = next(cit)
        leak = phrase.format(C=country)
        cases.append(make("reidentifying", "uniqueness-rank", "warning", tpl, leak, {"country": country}))
    for tpl, phrase in M.REID_EVENT:
        country = next(cit)
        year = str(rng.randint(2004, 2024))
        leak = phrase.format(Y=year, C=country)
        cases.append(make("reidentifying", "event-year", "warning", tpl, leak, {"country": country}))
    for tpl in M.REID_SHARE:
        country = next(cit)
        share = f"{rng.randint(110, 480) / 10:.1f}%"
        rank = rng.choice(["second", "third", "largest", "number two", "number three"])
        leak = M.share_phrase(share, rank, country)
        cases.append(make("reidentifying", "share-and-rank", "warning", tpl, leak, {"country": country}))
    for tpl, city_phrase in M.REID_CITY:
        city = rng.choice(M.CITIES)
        leak = city_phrase.format(N=str(rng.randint(11, 97)), City=city)
        cases.append(make("reidentifying", "branch-store-city", "warning", tpl, leak, {"city": city}))
    return cases


# --------------------------------------------------------------------- negatives


def negative_cases(rng: random.Random, clash: Clash) -> list[Case]:
    cases: list[Case] = []
    for sub, sentences in [*M.NEGATIVE_PROSE.items(), *M.NEGATIVE_MORE.items()]:
        for s in sentences:
            cases.append(make("negative", sub, "none", s, None))
    for tpl in M.NEGATIVE_ABBREV_TEMPLATES:
        cases.append(make("negative", "abbreviation", "none", tpl, None))
    for eponym, tpl in M.EPONYMS:
        cases.append(make("negative", "eponym", "none", tpl, None, E=eponym))
    for i, (cite, tpl) in enumerate(M.CITATIONS):
        cases.append(make("negative", "citation", "none", tpl, None, R=cite))
    for persona, tpl in M.PERSONAS:
        cases.append(make("negative", "persona", "none", tpl, None, P=persona))
    for i, tpl in enumerate(M.NEGATIVE_GENERALIZED):
        cases.append(make("negative", "generalized-detail", "none", tpl, None,
                          R=M.COARSE_REGIONS[i % len(M.COARSE_REGIONS)]))
    kept = []
    for c in cases:
        hit = clash.find(c.text)
        if hit:
            print(f"skipped negative (contains registered {hit!r}): {c.text}", file=sys.stderr)
            continue
        kept.append(c)
    return kept


# --------------------------------------------------------------------- output

PREFIX = {"registered": "reg", "unregistered-company": "unr", "person": "per",
          "reidentifying": "rid", "disguise": "dis", "negative": "neg"}


def assign(cases: list[Case], rng: random.Random) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    by_cat: dict[str, list[Case]] = {}
    for c in cases:
        by_cat.setdefault(c.category, []).append(c)
    for cat, group in by_cat.items():
        order = list(range(len(group)))
        rng.shuffle(order)
        dev = set(order[: round(len(group) * DEV_SHARE)])
        for i, c in enumerate(group):
            if c.span is not None:
                assert c.text[c.span[0]:c.span[1]] == c.leak, (c.text, c.leak)
            rows.append({"id": f"{PREFIX[cat]}-{i + 1:04d}", "split": "dev" if i in dev else "test",
                         "category": cat, "subcategory": c.subcategory, "expect": c.expect,
                         "text": c.text, "leak": c.leak, "span": c.span, **c.meta})
    return rows


def main() -> int:
    rng = random.Random(SEED)
    Faker.seed(SEED)
    names = load_registry()
    # Invented companies must not be registered anywhere (pinned or current registry,
    # any class); negatives must hold no class-A name of the curated registry (class B
    # and C names are ordinary words there on purpose: they are the hard negatives).
    invented_clash = Clash(names + load_registry(None), "A")
    negative_clash = Clash(names, "A")
    cases = (registered_cases(rng, names) + unregistered_cases(rng, invented_clash)
             + person_cases(rng, person_pool(rng)) + reidentifying_cases(rng)
             + disguise_cases(rng, names) + negative_cases(rng, negative_clash))
    texts = Counter(c.text for c in cases)
    dupes = [t for t, n in texts.items() if n > 1]
    if dupes:
        print(f"duplicate texts: {dupes[:5]}", file=sys.stderr)
        return 1
    rows = assign(cases, rng)
    for split in ("dev", "test"):
        path = HERE / f"{split}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in rows:
                if r["split"] == split:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = Counter((r["category"], r["split"]) for r in rows)
    for cat in PREFIX:
        print(f"{cat:22} dev {counts[(cat, 'dev')]:4}  test {counts[(cat, 'test')]:4}")
    print(f"total {len(rows)}; locales {len({r['locale'] for r in rows if r.get('locale')})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
