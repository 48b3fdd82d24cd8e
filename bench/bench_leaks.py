"""Benchmark the leak engine against `grep -F -i -f` and Vale on a generated 1,000,000-word corpus.

    .venv/bin/python bench/bench_leaks.py [--words 1000000] [--files 100] [--skip-vale]
    .venv/bin/python bench/bench_leaks.py --crafted     # 1 MB of adversarial text per kind, full check

For a registry of 300 and of 3,000 companies (the public registry, cut or padded with
generated fictional companies), it reports words per second for:

* the cvmbok engine, registry matching only (skeleton + Aho-Corasick + context);
* the cvmbok engine as `cvmbok check` runs it (plus the heuristic warnings), and the
  same with 200 private people registered as keyed hashes;
* `grep -F -i -f` over the same names (the practical speed limit: no normalization),
  timed in the same rounds as the matching, one after the other;
* Vale running the generated existence rule (styles/CVMBoK/Leaks.yml built the same way).

`--crafted` instead times the full check (registry and heuristics) on 1 MB of each kind
of text built to be hard for it (issue 15: linear, under 5 s per MB): repeated exact
figures, legal-form lines, capitalized name-like runs, inline markup, leetspeak, spaced
letters, and ordinary book prose.

Timings are the best of `--repeat` runs. Nothing here is a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.names.hashing import HashStore, PrivateMatcher, add_forms  # noqa: E402
from cvmbok.names.registry import Company, Registry, load_companies, person_forms  # noqa: E402
from cvmbok.names.scanner import LeakScanner  # noqa: E402
from cvmbok.names.vale import render  # noqa: E402

VOCABULARY = """customer value management next best action target segment churn propensity uplift
holdout control group campaign offer retention prepaid postpaid tariff bundle loyalty programme
lifetime value cohort delta progressive rollout three offers orange button sky-high the united
kingdom revenue margin arpu margin contact policy eligibility frequency cap decisioning model score
treatment response rate incremental conversion basket size visit frequency recency monetary value
the of and to in for with on by at from a an is was were be been has have had this that these those
we they our their it its more less than about across each every per week month quarter year""".split()
SYLLABLES = "ka lo mi ne ru sa to vi ze qua bel dor fen gri hal jor kel mar nov pel ros tar ul vex wyn".split()
INDUSTRIES = ["telecom", "banking", "insurance", "retail", "airline", "utilities", "media", "gaming", "e-commerce"]


def fictional_company(rng: random.Random, index: int) -> Company:
    word = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
    second = rng.choice(["Mobile", "Bank", "Air", "Energy", "Retail", "Media", "Insurance", "Games", "Telecom"])
    name = f"{word} {second}"
    return Company(
        name=f"{name} {index}" if rng.random() < 0.01 else name,
        aliases=(f"{word[:3].upper()}{second[0]}",),
        brands=(f"{word} Rewards",),
        domains=(f"{word.lower()}-{second.lower()}.example",),
        industry=rng.choice(INDUSTRIES),
    )


def registry_of(size: int, public: Registry, rng: random.Random) -> Registry:
    companies = list(public.companies[:size])
    while len(companies) < size:
        companies.append(fictional_company(rng, len(companies)))
    return Registry(tuple(companies))


def make_corpus(words: int, files: int, folder: Path, names: list[str], rng: random.Random) -> list[Path]:
    """`words` words of CVM-ish prose in `files` Markdown files, with a registered name every ~2,000 words."""
    per_file = words // files
    paths = []
    for f in range(files):
        out: list[str] = ["# Notes", ""]
        line: list[str] = []
        for _ in range(per_file):
            if rng.random() < 0.0005:
                line.append(rng.choice(names))
            else:
                line.append(rng.choice(VOCABULARY))
            if len(line) >= 12:
                out.append(" ".join(line) + ".")
                line = []
                if rng.random() < 0.15:
                    out.append("")
        out.append(" ".join(line))
        path = folder / f"corpus-{f:03d}.md"
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def private_matcher(people: int, rng: random.Random) -> PrivateMatcher:
    """`people` invented private names as keyed hashes, as `cvmbok names add` writes them."""
    key = b"bench-key-0123456789abcdef"
    forms = []
    for _ in range(people):
        given = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
        surname = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        forms += ["".join(f) for f in person_forms(f"{given} {surname}")]
    return PrivateMatcher(key, add_forms(HashStore(None, frozenset()), key, forms))


def bench_engine(registry: Registry, texts: list[str], repeat: int, heuristics: bool,
                 private: PrivateMatcher | None = None) -> tuple[float, float]:
    start = time.perf_counter()
    scanner = LeakScanner(registry.terms(), private=private, heuristics=heuristics)
    build = time.perf_counter() - start

    def run() -> None:
        for i, text in enumerate(texts):
            scanner.scan(text, f"corpus-{i}.md")

    return build, best(run, repeat)


def grep_argv(registry: Registry, paths: list[Path], folder: Path) -> list[str] | None:
    grep = shutil.which("grep")
    if grep is None:
        return None
    patterns = folder / "patterns.txt"
    patterns.write_text("\n".join(sorted({t.text for t in registry.terms()})) + "\n", encoding="utf-8")
    return [grep, "-F", "-i", "-c", "-f", str(patterns), *map(str, paths)]


def bench_matching_against_grep(registry: Registry, texts: list[str], paths: list[Path], folder: Path,
                                repeat: int) -> tuple[float, float, float | None]:
    """(build, matching, grep) seconds, the two timed in alternation, best of `repeat` rounds each.

    The machine's speed drifts by a third over a minute on a shared host; timing grep
    and the engine in the same rounds keeps their ratio honest where back-to-back
    blocks of runs did not.
    """
    start = time.perf_counter()
    scanner = LeakScanner(registry.terms(), heuristics=False)
    build = time.perf_counter() - start
    argv = grep_argv(registry, paths, folder)
    matching: list[float] = []
    grep: list[float] = []
    for _ in range(repeat):
        if argv is not None:
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=False)
            grep.append(time.perf_counter() - start)
        start = time.perf_counter()
        for i, text in enumerate(texts):
            scanner.scan(text, f"corpus-{i}.md")
        matching.append(time.perf_counter() - start)
    return build, min(matching), min(grep) if grep else None


def bench_vale(registry: Registry, paths: list[Path], folder: Path, repeat: int) -> float | None:
    vale = ROOT / ".venv" / "bin" / "vale"
    if not vale.exists():
        found = shutil.which("vale")
        if found is None:
            return None
        vale = Path(found)
    styles = folder / "styles" / "CVMBoK"
    styles.mkdir(parents=True, exist_ok=True)
    (styles / "Leaks.yml").write_text(render(registry), encoding="utf-8")
    config = folder / ".vale.ini"
    config.write_text(f"StylesPath = {folder / 'styles'}\nMinAlertLevel = suggestion\n[*.md]\nCVMBoK.Leaks = YES\n", encoding="utf-8")
    argv = [str(vale), "--no-global", "--config", str(config), "--output", "line", *map(str, paths)]
    return best(lambda: subprocess.run(argv, capture_output=True, check=False, timeout=3600), repeat)


CRAFTED = {
    "exact figures": "1,234,567 subscribers in Slovenia, " * 30 + "\n",
    "legal-form lines": "Aa Bb Cc Dd GmbH Ltd AG SA plc Inc S.A. sp. z o.o. " * 30 + "\n",
    "name-like runs": "Maria Rossi Hans Weber Quenfield Mobile Telecom Bank Group " * 20 + "\n",
    "inline markup": "**Voda**fone `x` *y* [a](b) <b>c</b> <!-- d --> " * 20 + "\n",
    "leetspeak": "V0d4f0n3 $ky 7elia 4irways @bc M1gros " * 30 + "\n",
    "spaced letters": "a b c d e f g h i j k l m n o p " * 30 + "\n",
}


def bench_crafted(repeat: int) -> int:
    """The full check on 1 MB of each crafted kind of text (and of the book's own prose)."""
    from cvmbok.names.loading import build_scanner

    scanner, _ = build_scanner(ROOT)
    kinds = dict(CRAFTED)
    prose = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "source").rglob("*.md")))
    kinds["book prose"] = prose
    print(f"{'text (1 MB)':<18} {'seconds':>8} {'findings':>9}")
    for name, unit in kinds.items():
        text = (unit * (1_000_000 // max(len(unit), 1) + 1))[:1_000_000]
        found: list[object] = []

        def run() -> None:
            found[:] = scanner.scan(text, "crafted.md")

        print(f"{name:<18} {best(run, repeat):>8.2f} {len(found):>9,}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--match-repeat", type=int, default=7,
                        help="rounds of grep and registry matching, timed in alternation (best of each)")
    parser.add_argument("--skip-vale", action="store_true")
    parser.add_argument("--crafted", action="store_true", help="time the full check on 1 MB of crafted text per kind")
    parser.add_argument("--vale-words", type=int, default=200_000,
                        help="run Vale on the first files holding this many words (it is slow); 0 = the whole corpus")
    args = parser.parse_args()
    if args.crafted:
        return bench_crafted(args.repeat)

    rng = random.Random(20240601)
    public = load_companies(ROOT / "styles" / "names" / "companies.yml")
    registries = {size: registry_of(size, public, rng) for size in args.sizes}
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-leaks-") as tmp:
        folder = Path(tmp)
        sample_names = [c.name for c in registries[max(args.sizes)].companies]
        paths = make_corpus(args.words, args.files, folder, sample_names, rng)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        words = sum(len(t.split()) for t in texts)
        megabytes = sum(len(t.encode()) for t in texts) / 1e6
        print(f"corpus: {words:,} words, {megabytes:.1f} MB in {len(paths)} files", flush=True)
        if args.vale_words and not args.skip_vale:
            print(f"Vale runs on the first ~{args.vale_words:,} words; its time is scaled to the whole corpus", flush=True)
        for size, registry in registries.items():
            terms = len(registry.terms())
            build, match_only, grep = bench_matching_against_grep(registry, texts, paths, folder, args.match_repeat)
            _, full = bench_engine(registry, texts, args.repeat, heuristics=True)
            _, hashed = bench_engine(registry, texts, args.repeat, heuristics=True, private=private_matcher(200, rng))
            vale_paths = paths if not args.vale_words else paths[: max(1, len(paths) * args.vale_words // max(words, 1))]
            vale_words = sum(len(p.read_text(encoding="utf-8").split()) for p in vale_paths)
            vale_time = None if args.skip_vale else bench_vale(registry, vale_paths, folder, 1)
            vale = vale_time * words / vale_words if vale_time else None  # scaled to the whole corpus
            rows.append((size, terms, build, match_only, full, grep, vale, hashed))
            print(f"  {size} entries done", flush=True)

    def wps(seconds: float | None) -> str:
        return "n/a" if not seconds else f"{words / seconds:>12,.0f}"

    print()
    print(f"{'entries':>7} {'terms':>6} {'build s':>8} {'cvmbok match w/s':>17} {'cvmbok check w/s':>17} "
          f"{'+200 hashed w/s':>16} {'grep -F -i w/s':>15} {'vale w/s':>12}")
    for size, terms, build, match_only, full, grep, vale, hashed in rows:
        print(f"{size:>7} {terms:>6} {build:>8.2f} {wps(match_only):>17} {wps(full):>17} {wps(hashed):>16} {wps(grep):>15} {wps(vale):>12}")
    print()
    for size, terms, build, match_only, full, grep, vale, hashed in rows:
        if grep:
            verdict = "within" if match_only <= 5 * grep else "outside"
            print(f"{size} entries: matching {match_only:.2f} s = {match_only / grep:.1f}x grep ({grep:.2f} s), "
                  f"{verdict} the 5x target; {words / match_only:,.0f} words/s against the 1,000,000 floor")
    for size, terms, build, match_only, full, grep, vale, hashed in rows:
        parts = [f"{size} entries: cvmbok check {full:.2f} s"]
        if grep:
            parts.append(f"{full / grep:.1f}x grep ({grep:.2f} s)")
        if vale:
            parts.append(f"{vale / full:.1f}x faster than Vale ({vale:.1f} s, scaled)")
        print("; ".join(parts))
    if len(rows) >= 2:
        small, large = rows[0], rows[-1]
        print(f"slowdown {small[0]} -> {large[0]} entries: matching {large[3] / small[3]:.2f}x, full check {large[4] / small[4]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
