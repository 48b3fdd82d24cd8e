"""Time `cvmbok check --only terms` against bare Vale on the same files.

Usage: .venv/bin/python bench/bench_terms.py [--repeat N] [--contribution FILE]

Two workloads: one contribution (a file under contrib/, or the one given) and the whole
book (every Markdown file under source/). For each, the median of N runs of:
- `cvmbok check --only terms FILES` (parsing, MyST rewrite, one Vale process, mapping);
- bare `vale --no-global --config .vale.ini FILES` (what Vale alone costs; it sees less
  prose, since it skips backtick-fenced directives);
- bare Vale with the same rule filter the wrapper uses (`CVMBoK.Leaks` left out: the
  `leaks` check reports names itself), the like-for-like baseline for the ratio.
The target is a wrapper under 1.5x bare Vale on the whole book. Timings never go in tests.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.vale import find_vale  # noqa: E402


def timed(command: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        runs.append(time.perf_counter() - started)
        if result.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command[:3])} failed ({result.returncode}): {result.stderr[-500:]}")
    return statistics.median(runs)


def pick_contribution() -> Path:
    candidates = sorted((ROOT / "contrib").glob("cvm-*.md"))
    if candidates:
        return candidates[0]
    return sorted((ROOT / "source").rglob("*.md"))[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median reported)")
    parser.add_argument("--contribution", type=Path, help="the single file to time (default: first file in contrib/)")
    args = parser.parse_args()
    vale = str(find_vale())
    cvmbok = str(BIN / "cvmbok")
    contribution = (args.contribution or pick_contribution()).resolve()
    book = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "source").rglob("*.md"))
    workloads = {
        f"one contribution ({contribution.relative_to(ROOT)})": [str(contribution.relative_to(ROOT))],
        f"whole book ({len(book)} files)": book,
    }
    print(f"{'workload':<52} {'cvmbok s':>9} {'vale s':>8} {'vale same rules s':>18} {'ratio':>6}")
    for name, files in workloads.items():
        wrapped = timed([cvmbok, "check", "--only", "terms", "--format", "json", *files], args.repeat)
        bare_command = [vale, "--no-global", "--config", str(ROOT / ".vale.ini"), "--output", "JSON"]
        bare = timed([*bare_command, *files], args.repeat)
        same = timed([*bare_command, "--filter", '.Name != "CVMBoK.Leaks"', *files], args.repeat)
        print(f"{name:<52} {wrapped:>9.2f} {bare:>8.2f} {same:>18.2f} {wrapped / same:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
