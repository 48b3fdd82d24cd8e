"""Time a clean build of each edition and an incremental HTML rebuild, on the current book.

Usage: .venv/bin/python bench/bench_build.py [--out DIR]
Prints a table of seconds. Builds through the real `cvmbok build` command, as users do.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CVMBOK = [str(Path(sys.executable).parent / "cvmbok")]


def timed_build(edition: str, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([*CVMBOK, "build", edition, "--out", str(out)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, help="scratch folder (default: a new temp folder)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="cvmbok-bench-"))
    rows: list[tuple[str, float]] = []
    for edition in ("html", "pdf", "epub"):
        rows.append((f"clean {edition}", timed_build(edition, out / f"clean-{edition}")))
    html_out = out / "clean-html"
    page = ROOT / "source" / "04-work-of-cvm" / "index.md"
    os.utime(page)  # touch one page: Sphinx rereads only what changed
    rows.append(("incremental html (one page touched)", timed_build("html", html_out)))
    rows.append(("no-change html rebuild", timed_build("html", html_out)))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in (ROOT / "source").rglob("*.md"))
    print(f"book: {words:,} words in source/   scratch: {out}")
    print(f"{'build':<40} {'seconds':>8}")
    for name, seconds in rows:
        print(f"{name:<40} {seconds:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
