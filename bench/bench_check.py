"""Time what every commit waits for: `cvmbok check` (every family) on one contribution,
against bare Vale on the same file, in the same run.

Usage: .venv/bin/python bench/bench_check.py [--repeat N] [--contribution FILE]

Prints the median wall time of N runs of each, and the ratio. The target of issue 12 is
a ratio of at most 1.5. Bare Vale here is the real binary with the project's .vale.ini
and every rule (`vale --no-global`), exactly what a writer would run. Timings never go
in tests.
"""

from __future__ import annotations

import argparse
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
    timed([str(BIN / "cvmbok"), "check", rel], 1)  # warm the file cache for both
    check = timed([str(BIN / "cvmbok"), "check", rel], args.repeat)
    vale = timed([str(find_vale()), "--no-global", "--config", str(ROOT / ".vale.ini"), rel], args.repeat)
    print(f"one contribution: {rel}")
    print(f"{'command':<44} {'seconds':>8}")
    print(f"{'cvmbok check (every family)':<44} {check:8.2f}")
    print(f"{'vale --no-global (reference)':<44} {vale:8.2f}")
    print(f"{'ratio (target at most 1.5)':<44} {check / vale:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
