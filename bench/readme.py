"""Run the benchmarks and write their output into the README's "Measured" section, dated.

Usage: .venv/bin/python bench/readme.py [--only NAME ...] [--dry-run]

Each benchmark prints its figures beside its reference (bare Vale, grep, a clean build,
the targets), so the README shows exactly what the scripts printed on the day they ran,
between the markers `<!-- bench:begin -->` and `<!-- bench:end -->`; nothing in that
section is typed by hand. A benchmark that fails keeps its previous output and says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

# name: (title, command line after the interpreter, what it measures against)
BENCHES: dict[str, tuple[str, list[str]]] = {
    "check": ("`cvmbok check` on one contribution against bare Vale", ["bench/bench_check.py", "--repeat", "7"]),
    "terms": ("Terminology check against Vale with the same rules", ["bench/bench_terms.py", "--repeat", "3"]),
    "build": ("Edition builds: clean, incremental and no-change", ["bench/bench_build.py"]),
    "preview": ("`cvmbok preview`: from saving a file to the page showing it", ["bench/bench_preview.py", "--saves", "5"]),
    "leaks": ("Leak matching speed against grep and Vale", ["bench/bench_leaks.py", "--repeat", "3"]),
    "eval": ("Leak detection quality on the labelled evaluation set (test split)", ["bench/eval_leaks.py", "--split", "test"]),
    "holdout": ("Leak detection quality on the independent held-out set (written without seeing the engine)",
                ["bench/eval_leaks.py", "--split", "holdout"]),
    "crafted": ("Leak check on 1 MB of adversarial text per kind", ["bench/bench_leaks.py", "--crafted", "--repeat", "1"]),
    "faults": ("Every check family on 1 MB adversarial inputs through the CLI", ["bench/bench_faults.py"]),
    "intake": ("Intake check round trip against `cvmbok check`", ["bench/bench_intake.py", "--requests", "50", "--runs", "10"]),
}


def run(name: str) -> str | None:
    _title, command = BENCHES[name]
    done = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"}, timeout=3600)
    if done.returncode != 0:
        print(f"bench/readme.py: {name} failed ({done.returncode}); keeping its previous output\n{done.stderr[-800:]}",
              file=sys.stderr)
        return None
    return done.stdout.rstrip()


def previous_outputs(section: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in re.finditer(r"<!-- bench:(?P<name>\w+) -->\n.*?```text\n(?P<out>.*?)\n```", section, re.DOTALL):
        found[match.group("name")] = match.group("out")
    return found


def render(outputs: dict[str, str], dates: dict[str, str]) -> str:
    parts = [BEGIN, "", "Figures printed by the scripts in `bench/` (regenerate with `make bench-readme`),",
             f"on the {os.cpu_count()}-core machine the project's CI uses. Each block says when it ran and the",
             "load average (one minute) while it ran: above the core count, timings are inflated.", ""]
    for name, (title, command) in BENCHES.items():
        if name not in outputs:
            continue
        parts += [f"<!-- bench:{name} -->", f"**{title}** (`python {' '.join(command)}`, {dates.get(name, 'earlier')}):",
                  "", "```text", outputs[name], "```", ""]
    parts.append(END)
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHES), help="run only these benchmarks")
    parser.add_argument("--dry-run", action="store_true", help="print the section instead of writing the README")
    args = parser.parse_args()
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"bench/readme.py: README.md has no {BEGIN} ... {END} section", file=sys.stderr)
        return 2
    head, rest = text.split(BEGIN, 1)
    section, tail = rest.split(END, 1)
    outputs = previous_outputs(section)
    dates = {m.group(1): m.group(2) for m in re.finditer(
        r"<!-- bench:(\w+) -->\n\*\*.*?, (\d{4}-\d\d-\d\d(?:, load average [0-9.]+)?)\):", section)}
    today = dt.date.today().isoformat()
    for name in args.only or list(BENCHES):
        print(f"bench/readme.py: running {name} ...", file=sys.stderr, flush=True)
        load = os.getloadavg()[0]  # timings on a busy machine are slower: say how busy it was
        out = run(name)
        if out is not None:
            outputs[name], dates[name] = out, f"{today}, load average {max(load, os.getloadavg()[0]):.1f}"
    new = head + render(outputs, dates) + tail
    if args.dry_run:
        print(render(outputs, dates))
    else:
        README.write_text(new, encoding="utf-8")
        print("bench/readme.py: README.md updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
