"""Seconds per megabyte of adversarial text, per check family (issue 15, "linear time").

Every check family must read 1 MB of any text in under 5 s (files above the size limit,
`cvmbok.document.MAX_BYTES`, are refused at once). This runs each adversarial input of
the fault suite (`tests/test_faults.py`), grown to SIZE bytes (default: the limit), through the real
CLI once per family (`cvmbok check --only FAMILY FILE`) in a scratch copy of the book and
prints the wall time scaled to one megabyte. A run over LIMIT seconds is stopped and
printed as `>LIMIT` (a hang or a quadratic case to fix).

    .venv/bin/python bench/bench_faults.py [--size BYTES] [--limit SECONDS] [--only NAME]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import cvmbok_command  # noqa: E402
from tests.contrib_helpers import copy_repo  # noqa: E402
from tests.test_faults import adversarial  # noqa: E402
from cvmbok.document import MAX_BYTES  # noqa: E402

FAMILIES = ("frontmatter", "markup", "images", "terms", "leaks")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=MAX_BYTES - 16, help="bytes per input (default: just under the size limit)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a run is stopped")
    parser.add_argument("--only", action="append", help="run only these inputs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-faults-") as tmp:
        repo = copy_repo(Path(tmp) / "repo")
        print(f"{'input':<20}" + "".join(f"{f:>13}" for f in FAMILIES) + "   (seconds per MB)")
        for name, (text, _) in sorted(adversarial(args.size).items()):
            if args.only and name not in args.only:
                continue
            path = repo / "contrib" / f"cvm-adv111-{name}.md"
            data = text.replace("{cid}", "cvm-adv111")[: args.size]
            path.write_text(data, encoding="utf-8")
            megabytes = max(len(data.encode("utf-8")) / 1_000_000, 0.1)  # a tiny input: seconds x 10
            cells = []
            for family in FAMILIES:
                started = time.monotonic()
                try:
                    subprocess.run([*cvmbok_command(), "check", "--only", family, str(path)], cwd=repo,
                                   capture_output=True, timeout=args.limit)
                    seconds = time.monotonic() - started
                    cells.append(f"{seconds / megabytes:13.2f}")
                except subprocess.TimeoutExpired:
                    cells.append(f"{'>' + format(args.limit, '.0f'):>13}")
            print(f"{name:<20}" + "".join(cells), flush=True)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
