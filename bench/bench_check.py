"""Time what every commit waits for: `cvmbok check` (every family) on one contribution,
against bare Vale on the same file, in the same run.

Usage: .venv/bin/python bench/bench_check.py [--repeat N] [--contribution FILE]

Prints the median wall time of N runs of each (taken in turn, so that both see the same load), and
the ratio. The target of issue 12 is
a ratio of at most 1.5. Bare Vale here is the real binary with the project's .vale.ini
and every rule (`vale --no-global`), exactly what a writer would run. Timings never go
in tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tools"))

from bench_terms import timed  # noqa: E402  (the same median-of-N timer, beside this file)
from cvmbok.vale import find_vale  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (median reported)")
    parser.add_argument("--contribution", type=Path, help="the file to time (default: the first in contrib/)")
    args = parser.parse_args()
    contribution = (args.contribution or sorted((ROOT / "contrib").glob("cvm-*.md"))[0]).resolve()
    rel = str(contribution.relative_to(ROOT))
    ours = [str(BIN / "cvmbok"), "check", rel]
    reference = [str(find_vale()), "--no-global", "--config", str(ROOT / ".vale.ini"), rel]
    timed(ours, 1)  # warm the file cache for both
    # interleaved, one run of each in turn: on a shared machine the load drifts within seconds, and
    # two blocks of runs measured apart gave ratios from 1.27 to 1.72 for the same commit
    pairs = [(timed(ours, 1), timed(reference, 1)) for _ in range(args.repeat)]
    check = statistics.median(c for c, _ in pairs)
    vale = statistics.median(v for _, v in pairs)
    print(f"one contribution: {rel}")
    print(f"{'command':<44} {'seconds':>8}")
    print(f"{'cvmbok check (every family)':<44} {check:8.2f}")
    print(f"{'vale --no-global (reference)':<44} {vale:8.2f}")
    print(f"{'ratio (target at most 1.5)':<44} {check / vale:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
