"""Seconds per adversarial 1 MB file, per check family (issue 15, "linear time").

Every check family must read 1 MB of any text in under 5 s (files above the size limit,
`cvmbok.document.MAX_BYTES`, are refused at once). This runs each adversarial input of
the fault suite (`tests/test_faults.py`), grown to SIZE bytes (default: the limit itself),
through the real CLI once per family (`cvmbok check --only FAMILY FILE`) in a scratch copy
of the book, and prints the wall time of that file as measured, not scaled. `all` is the
whole `cvmbok check FILE`. The best of REPEAT runs is kept (the machine is shared). A run
over LIMIT seconds is stopped and printed as `>LIMIT` (a hang or a quadratic case to fix);
a file the CLI refused as too large is printed as `refused` (the input would be measured
at the wrong size). The last line names the worst input per family and whether it is
under the budget.

    .venv/bin/python bench/bench_faults.py [--size BYTES] [--repeat N] [--limit SECONDS]
                                           [--only NAME] [--family FAMILY]
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

FAMILIES = ("frontmatter", "markup", "images", "terms", "leaks", "all")
BUDGET = 5.0
"""Seconds one family may take on a 1 MB file (issue 15)."""


def sized(text: str, size: int) -> bytes:
    """The input's UTF-8 bytes cut to at most `size`, on a character boundary."""
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore").encode("utf-8")


def timed(path: Path, repo: Path, family: str, limit: float) -> float | str:
    """Wall seconds of one `cvmbok check` run, or why it has no time ('>LIMIT', 'refused')."""
    only = [] if family == "all" else ["--only", family]
    started = time.monotonic()
    try:
        result = subprocess.run([*cvmbok_command(), "check", *only, str(path)], cwd=repo,
                                capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return f">{limit:.0f}"
    seconds = time.monotonic() - started
    if "[file.too-large]" in result.stdout:
        return "refused"
    if result.returncode not in (0, 1) or "Traceback" in result.stderr:
        return f"exit{result.returncode}"
    return seconds


def best(path: Path, repo: Path, family: str, limit: float, repeat: int) -> float | str:
    """The fastest of `repeat` runs; a failure (timeout, refusal) is reported at once."""
    times: list[float] = []
    for _ in range(repeat):
        outcome = timed(path, repo, family, limit)
        if isinstance(outcome, str):
            return outcome
        times.append(outcome)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=MAX_BYTES, help="bytes per input (default: the size limit)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per cell; the best is printed")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a run is stopped")
    parser.add_argument("--only", action="append", help="run only these inputs")
    parser.add_argument("--family", action="append", choices=FAMILIES, help="run only these families")
    args = parser.parse_args()
    families = tuple(args.family or FAMILIES)
    worst: dict[str, tuple[float, str]] = {}
    failed: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-faults-") as tmp:
        repo = copy_repo(Path(tmp) / "repo")
        print(f"{'input':<20}{'bytes':>9}" + "".join(f"{f:>12}" for f in families) + "   (seconds per file)")
        for name, (text, _) in sorted(adversarial(args.size).items()):
            if args.only and name not in args.only:
                continue
            path = repo / "contrib" / f"cvm-adv111-{name}.md"
            data = sized(text.replace("{cid}", "cvm-adv111"), args.size)
            path.write_bytes(data)
            cells = []
            for family in families:
                outcome = best(path, repo, family, args.limit, args.repeat)
                if isinstance(outcome, str):
                    failed.setdefault(family, []).append(f"{name} {outcome}")
                    cells.append(f"{outcome:>12}")
                    continue
                if outcome > worst.get(family, (-1.0, ""))[0]:
                    worst[family] = (outcome, name)
                cells.append(f"{outcome:12.2f}")
            print(f"{name:<20}{len(data):>9}" + "".join(cells), flush=True)
            path.unlink()
    summary = []
    for family in families:
        seconds, name = worst.get(family, (0.0, "-"))
        verdict = "FAIL" if family in failed or seconds >= BUDGET else "ok"
        extra = f" (+ {', '.join(failed[family])})" if family in failed else ""
        summary.append(f"{family} {seconds:.2f} s ({name}) {verdict}{extra}")
    print(f"worst per family, budget {BUDGET:.0f} s at {args.size:,} bytes: " + "; ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
