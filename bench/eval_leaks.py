"""Measure the leak check on the labelled evaluation set (bench/leaks_eval/).

Why this exists: the `leaks` check is trusted to tell contributors what points back
to them, so its recall and precision must be measured on text nobody tuned it to,
not argued from examples. This runs the REAL command line, exactly as a contributor
would (`cvmbok check --only leaks --format json`), over every case written as its
own Markdown file, maps each finding back to its case by file name and position,
and prints per category, in the manner of Presidio's evaluator:

- cases, recall at any severity (a finding of error or warning overlaps the labelled
  leak), recall as errors, and precision (findings in the category's cases that
  overlap the labelled leak, over all findings in those cases);
- on the hard negatives: error-level false positives (count and ids) and the share
  of negatives with at least one warning;
- the targets of issue 14 with PASS or FAIL.

It is a measurement, so it exits 0 whatever the figures; it exits 2 only when it
cannot measure (unreadable data set, bad arguments, the CLI missing or failing).

Usage:
  .venv/bin/python bench/eval_leaks.py [--split dev|test|holdout|all] [--json]
      [--per-category N] [--misses] [--cvmbok PATH]

Engine work may look at the dev split only (`--split dev --misses`); the test split
is for reporting. The holdout split (holdout.jsonl, written independently of the other
two and of the engine) is for reporting only too, and is not part of `all`, which stays
dev plus test so that figures reported on it remain comparable.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "leaks_eval"
SPLITS = ("dev", "test")  # what --split all reads
HOLDOUT = "holdout"
FRESH = "fresh"
"""Cases an independent writer produced on 2026-12-02 (`fresh.jsonl`): measured once before any
engine change, then used for tuning like dev (so their ids are listed with --misses)."""
FRESH2 = "fresh2"
"""A second independent set (`fresh2.jsonl`, 2026-12-03), written the same way: measured once
before any change made for it, then tunable like dev."""
FRESH3, FRESH4, FRESH5, FRESH6, FRESH7, FRESH8, FRESH9, FRESH10, FRESH11, FRESH12, FRESH13 = (
    "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "fresh13")
"""Four more independent sets (2026-12-03, second session), written by writers who saw neither the
engine nor the other sets: each measured once before any change made for it, then tunable like dev."""
FRESH_SPLITS = (FRESH, FRESH2, FRESH3, FRESH4, FRESH5, FRESH6, FRESH7, FRESH8, FRESH9, FRESH10, FRESH11, FRESH12, FRESH13)
TUNABLE = ("dev", *FRESH_SPLITS)
"""Splits whose missed ids --misses lists."""
POSITIVE = ("registered", "unregistered-company", "person", "reidentifying", "disguise")
CATEGORIES = POSITIVE + ("negative",)
EXPECT = ("error", "warning", "none")
REQUIRED = ("id", "split", "category", "subcategory", "expect", "text", "leak", "span")
RECALL_TARGET = 0.95
REGISTERED_ERROR_TARGET = 0.99
NEGATIVE_WARNING_TARGET = 0.05


class EvalError(Exception):
    """A reason the evaluation cannot run; printed as one line, exit code 2."""


@dataclass
class Finding:
    rule: str
    severity: str
    start: int
    end: int
    match: str

    def overlaps(self, span: list[int]) -> bool:
        return self.start < span[1] and span[0] < self.end


@dataclass
class Outcome:
    case: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)

    def on_leak(self, severities: tuple[str, ...]) -> bool:
        span = self.case["span"]
        return span is not None and any(f.severity in severities and f.overlaps(span) for f in self.findings)


# --------------------------------------------------------------------- data set


def load_cases(split: str, data: Path = DATA) -> list[dict[str, Any]]:
    """Read and validate the cases of one split (or dev and test); errors name file and line."""
    splits = SPLITS if split == "all" else (split,)
    cases: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name in splits:
        path = data / f"{name}.jsonl"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise EvalError(f"cannot read {path}: {exc.strerror}") from exc
        for no, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{no}: not JSON ({exc.msg})") from exc
            problem = case_problem(case, name)
            if problem:
                raise EvalError(f"{path}:{no}: {problem}")
            if case["id"] in seen:
                raise EvalError(f"{path}:{no}: duplicate id {case['id']}")
            seen.add(case["id"])
            cases.append(case)
    return cases


def case_problem(case: Any, split: str) -> str | None:
    """What is wrong with one case, or None; the one definition of the format."""
    if not isinstance(case, dict):
        return "a case must be a JSON object"
    missing = [k for k in REQUIRED if k not in case]
    if missing:
        return f"missing field(s): {', '.join(missing)}"
    if case["split"] != split:
        return f"split is {case['split']!r} in the {split} file"
    if case["category"] not in CATEGORIES:
        return f"category {case['category']!r} is not one of {', '.join(CATEGORIES)}"
    if case["expect"] not in EXPECT:
        return f"expect {case['expect']!r} is not one of {', '.join(EXPECT)}"
    if not isinstance(case["text"], str) or not case["text"].strip():
        return "text must be a non-empty string"
    negative = case["category"] == "negative"
    if negative != (case["expect"] == "none"):
        return "negatives, and only negatives, expect none"
    if negative:
        if case["leak"] is not None or case["span"] is not None:
            return "a negative has no leak and no span"
        return None
    span = case["span"]
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(v, int) for v in span)):
        return "span must be [start, end]"
    if case["text"][span[0]:span[1]] != case["leak"] or not case["leak"]:
        return "span does not select the leak in text"
    return None


def per_category_slice(cases: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    out = []
    for c in cases:
        if counts[c["category"]] < n:
            counts[c["category"]] += 1
            out.append(c)
    return out


# --------------------------------------------------------------------- running the CLI


def run_check(cases: list[dict[str, Any]], cvmbok: Path) -> tuple[dict[str, Outcome], int, float]:
    """Write one Markdown file per case, run the real CLI once over the folder and map
    its findings back; returns outcomes, the number of unmapped findings and seconds."""
    if not cvmbok.exists():
        raise EvalError(f"{cvmbok} not found (run make or tools/bootstrap.sh first, or pass --cvmbok)")
    outcomes = {c["id"]: Outcome(c) for c in cases}
    with tempfile.TemporaryDirectory(prefix="cvmbok-leaks-eval-") as tmp:
        folder = Path(tmp)
        texts: dict[str, str] = {}
        for c in cases:
            texts[c["id"]] = c["text"] + "\n"
            (folder / f"{c['id']}.md").write_text(texts[c["id"]], encoding="utf-8")
        started = time.perf_counter()
        proc = subprocess.run([str(cvmbok), "check", "--only", "leaks", "--format", "json", str(folder)],
                              capture_output=True, text=True, cwd=ROOT, env=os.environ.copy())
        seconds = time.perf_counter() - started
        if proc.returncode not in (0, 1):
            detail = (proc.stderr or proc.stdout).strip().splitlines()
            raise EvalError(f"cvmbok check exited {proc.returncode}: {detail[-1] if detail else 'no output'}")
        try:
            raw = json.loads(proc.stdout or "[]")
        except json.JSONDecodeError as exc:
            raise EvalError(f"cvmbok check --format json printed no JSON ({exc.msg})") from exc
    unmapped = 0
    for f in raw:
        case_id = Path(str(f.get("path", ""))).stem
        outcome = outcomes.get(case_id)
        if outcome is None or not isinstance(f.get("line"), int) or f["line"] < 1:
            unmapped += 1
            continue
        start = offset(texts[case_id], f["line"], int(f.get("column") or 1))
        match = str(f.get("match") or "")
        outcome.findings.append(Finding(str(f.get("rule")), str(f.get("severity")), start,
                                        start + max(1, len(match)), match))
    return outcomes, unmapped, seconds


def offset(text: str, line: int, column: int) -> int:
    """Character offset of a 1-based line and column (columns count code points)."""
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


# --------------------------------------------------------------------- scoring


def score(outcomes: dict[str, Outcome]) -> dict[str, Any]:
    by_cat: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes.values():
        by_cat[o.case["category"]].append(o)
    categories: dict[str, Any] = {}
    for cat in POSITIVE:
        group = by_cat.get(cat, [])
        n = len(group)
        any_hits = [o for o in group if o.on_leak(("error", "warning"))]
        err_hits = [o for o in group if o.on_leak(("error",))]
        findings = [f for o in group for f in o.findings]
        on_leak = sum(1 for o in group for f in o.findings if f.overlaps(o.case["span"]))
        hit_ids = {o.case["id"] for o in any_hits}
        err_ids = {o.case["id"] for o in err_hits}
        misses: dict[str, list[str]] = defaultdict(list)
        warned_only: dict[str, list[str]] = defaultdict(list)
        for o in group:
            if o.case["id"] not in hit_ids:
                misses[o.case["subcategory"]].append(o.case["id"])
            elif o.case["id"] not in err_ids:
                warned_only[o.case["subcategory"]].append(o.case["id"])
        recall, precision = ratio(len(any_hits), n), ratio(on_leak, len(findings))
        categories[cat] = {
            "cases": n,
            "recall_any": recall,
            "recall_error": ratio(len(err_hits), n),
            "precision": precision,
            "f2": f_beta(precision, recall, 2.0),
            "findings": len(findings),
            "missed": {k: v for k, v in sorted(misses.items())},
            "warning_only": {k: v for k, v in sorted(warned_only.items())},
            "subcategories": dict(sorted(Counter(o.case["subcategory"] for o in group).items())),
        }
    negatives = by_cat.get("negative", [])
    error_cases = [o for o in negatives if any(f.severity == "error" for f in o.findings)]
    warn_cases = [o for o in negatives if any(f.severity == "warning" for f in o.findings)]
    neg = {
        "cases": len(negatives),
        "error_findings": sum(1 for o in negatives for f in o.findings if f.severity == "error"),
        "error_ids": [o.case["id"] for o in error_cases],
        "warning_cases": len(warn_cases),
        "warning_rate": ratio(len(warn_cases), len(negatives)),
        "warning_ids": [o.case["id"] for o in warn_cases],
        "rules": dict(Counter(f"{f.rule} ({f.severity})" for o in negatives for f in o.findings).most_common()),
    }
    all_findings = [(o, f) for o in outcomes.values() for f in o.findings]
    tp = sum(1 for o, f in all_findings if o.case["span"] is not None and f.overlaps(o.case["span"]))
    return {"categories": categories, "negative": neg,
            "overall_precision": ratio(tp, len(all_findings)), "findings": len(all_findings)}


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def f_beta(precision: float | None, recall: float | None, beta: float) -> float | None:
    """F-beta as Presidio's evaluator reports it (beta 2: recall weighs more, since a
    missed leak costs more than a needless warning)."""
    if precision is None or recall is None or precision + recall == 0:
        return None
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


def targets(s: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for cat in POSITIVE:
        v = s["categories"][cat]["recall_any"]
        out.append({"target": f"{cat}: recall (error or warning) >= 95%", "value": v,
                    "pass": v is not None and v >= RECALL_TARGET})
    v = s["categories"]["registered"]["recall_error"]
    out.append({"target": "registered: caught as errors >= 99%", "value": v,
                "pass": v is not None and v >= REGISTERED_ERROR_TARGET})
    n = s["negative"]["error_findings"]
    out.append({"target": "hard negatives: 0 error-level false positives", "value": n, "pass": n == 0})
    v = s["negative"]["warning_rate"]
    out.append({"target": "hard negatives: warnings on <= 5% of cases", "value": v,
                "pass": v is not None and v <= NEGATIVE_WARNING_TARGET})
    return out


# --------------------------------------------------------------------- reporting


def pct(v: float | None) -> str:
    return "n/a" if v is None else f"{100 * v:.1f}%"


def render(result: dict[str, Any], misses: bool) -> str:
    s = result["scores"]
    rows = [f"Leak check evaluation, split {result['split']}, {result['cases']} cases, "
            f"{result['date']}, cvmbok check ran in {result['seconds']:.1f} s", ""]
    rows.append(f"{'category':22} {'cases':>6} {'recall any':>11} {'as errors':>10} {'precision':>10} "
                f"{'F2':>7} {'findings':>9}")
    for cat in POSITIVE:
        c = s["categories"][cat]
        rows.append(f"{cat:22} {c['cases']:>6} {pct(c['recall_any']):>11} {pct(c['recall_error']):>10} "
                    f"{pct(c['precision']):>10} {pct(c['f2']):>7} {c['findings']:>9}")
    n = s["negative"]
    rows.append(f"{'negative':22} {n['cases']:>6} {'':>11} {'':>10} {'':>10} {'':>7} "
                f"{sum(n['rules'].values()):>9}")
    rows += ["", f"overall precision (all findings on a labelled leak): {pct(s['overall_precision'])}",
             f"registered names caught as errors: {pct(s['categories']['registered']['recall_error'])}",
             f"error-level false positives on negatives: {n['error_findings']}"
             + (f" ({', '.join(n['error_ids'])})" if n["error_ids"] else ""),
             f"negatives with a warning: {n['warning_cases']} of {n['cases']} ({pct(n['warning_rate'])})"]
    if n["rules"]:
        rows.append("  rules on negatives: " + ", ".join(f"{k} x{v}" for k, v in n["rules"].items()))
    if result["unmapped"]:
        rows.append(f"findings that map to no case (ignored): {result['unmapped']}")
    rows += ["", "targets (issue 14):"]
    for t in result["targets"]:
        value = t["value"] if isinstance(t["value"], int) else pct(t["value"])
        rows.append(f"  {'PASS' if t['pass'] else 'FAIL'}  {t['target']}: {value}")
    rows += ["", "missed (no finding on the leak), by subcategory:"]
    for cat in POSITIVE:
        c = s["categories"][cat]
        parts = [f"{sub} {len(ids)}/{c['subcategories'][sub]}" for sub, ids in c["missed"].items()]
        rows.append(f"  {cat}: {', '.join(parts) if parts else 'none'}")
        if misses:
            for sub, ids in c["missed"].items():
                rows.append(f"    {sub}: {dev_ids(ids, result)}")
    if misses:
        rows += ["", "caught only as warnings, by subcategory:"]
        for cat in POSITIVE:
            c = s["categories"][cat]
            for sub, ids in c["warning_only"].items():
                rows.append(f"  {cat} / {sub}: {dev_ids(ids, result)}")
        if n["warning_ids"]:
            rows.append(f"  negatives with warnings: {dev_ids(n['warning_ids'], result)}")
    return "\n".join(rows)


def dev_ids(ids: list[str], result: dict[str, Any]) -> str:
    """Case ids for the misses listing: dev cases only, so engine work never sees which
    test or holdout cases it misses (those splits stay a fair measurement)."""
    dev = set(result["dev_ids"])
    shown = [i for i in ids if i in dev]
    hidden = len(ids) - len(shown)
    held_out = HOLDOUT if result["split"] == HOLDOUT else "test"
    parts = shown + ([f"(+{hidden} {held_out} cases, not listed)"] if hidden else [])
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision and recall of `cvmbok check --only leaks` "
                                     "on the labelled set in bench/leaks_eval/.")
    parser.add_argument("--split", choices=(*SPLITS, HOLDOUT, *FRESH_SPLITS, "all"), default="all",
                        help="all is dev and test; holdout is read only when asked for")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--per-category", type=int, metavar="N", help="only the first N cases of each category")
    parser.add_argument("--misses", action="store_true",
                        help="list the ids of missed dev cases (test and holdout ids are never listed)")
    parser.add_argument("--cvmbok", type=Path, default=ROOT / ".venv" / "bin" / "cvmbok",
                        help="the cvmbok executable (default: .venv/bin/cvmbok)")
    parser.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.per_category is not None and args.per_category < 1:
        parser.error("--per-category must be at least 1")
    try:
        cases = load_cases(args.split, args.data)
        if args.per_category:
            cases = per_category_slice(cases, args.per_category)
        outcomes, unmapped, seconds = run_check(cases, args.cvmbok)
    except EvalError as exc:
        print(f"eval_leaks: {exc}", file=sys.stderr)
        return 2
    s = score(outcomes)
    result = {"split": args.split, "cases": len(cases), "date": date.today().isoformat(),
              "seconds": round(seconds, 2), "unmapped": unmapped, "scores": s, "targets": targets(s)}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        result["dev_ids"] = [c["id"] for c in cases if c["split"] in TUNABLE]
        print(render(result, args.misses))
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:
        raise SystemExit(130)
