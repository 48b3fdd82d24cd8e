"""`cvmbok status`: the review queue, contributions grouped by status with their checks summary."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from ..policy.schema import STATUSES
from ..contributions.review import changed_since_request
from ..contributions.store import Contribution, load
from ..policy.files import contribution_paths
from ..findings import Severity
from ..repo import find_repo
from ._contrib import chapters, check_files

NAME = "status"
HELP = "list contributions by status with their checks summary (the review queue, oldest first)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--status", choices=STATUSES, action="append", help="show only this status (repeatable)")
    parser.add_argument("--no-checks", action="store_true", help="skip the checks (faster; no summary column)")


def _review_facts(contribution: Contribution) -> dict[str, Any]:
    """When it arrived, which editor started its review, and whether the text changed
    since changes were last requested (None when that cannot be told)."""
    history = contribution.meta.history
    started = [e.reviewer for e in history if e.outcome == "in-review" and e.reviewer]
    return {
        "submitted": str(history[0].date) if history else "",
        "reviewer": started[-1] if started else None,
        "changed_since_request": changed_since_request(contribution)
        if contribution.meta.status == "changes-requested" else None,
    }


def _describe(row: dict[str, Any]) -> str:
    parts = [f"since {row['submitted']}" if row["submitted"] else "no history"]
    if row["reviewer"]:
        parts.append(f"reviewer {row['reviewer']}")
    if row["changed_since_request"] is True:
        parts.append("changed since changes were requested")
    elif row["changed_since_request"] is False:
        parts.append("unchanged since changes were requested")
    return ", ".join(parts)


def run(args: argparse.Namespace) -> int:
    repo = find_repo()
    known = chapters(repo)
    paths = contribution_paths(repo)
    findings = [] if args.no_checks else check_files(repo, paths)
    rows = []
    for path in paths:
        contribution, schema_findings = load(repo, path, known)
        rel = repo.relative(path)
        mine = Counter(f.severity for f in findings if f.path == rel)
        if args.no_checks:
            mine = Counter(f.severity for f in schema_findings)
        fm = contribution.document.front_matter if contribution else {}
        status = contribution.meta.status if contribution else "invalid"
        rows.append({
            "id": contribution.id if contribution else path.stem,
            "status": status,
            "title": contribution.meta.title if contribution else str((fm or {}).get("title", "")),
            "section": contribution.meta.section if contribution else "",
            "path": rel,
            "errors": mine[Severity.ERROR],
            "warnings": mine[Severity.WARNING],
            "last_review": str(contribution.meta.history[-1].date) if contribution and contribution.meta.history else "",
            **(_review_facts(contribution) if contribution else {"submitted": "", "reviewer": None,
                                                                  "changed_since_request": None}),
        })
    rows.sort(key=lambda r: (r["submitted"] or "9999", r["id"]))  # oldest first: who has waited longest
    if args.status:
        rows = [r for r in rows if r["status"] in args.status]
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    order: list[str] = [*STATUSES, "invalid"]
    for name in order:
        group = [r for r in rows if r["status"] == name]
        if not group:
            continue
        print(f"{name} ({len(group)})")
        for r in group:
            checks = "clean" if not r["errors"] and not r["warnings"] else f"{r['errors']} errors, {r['warnings']} warnings"
            print(f"  {r['id']}  {r['title']}  [{r['section'] or '?'}]  {checks}  ({_describe(r)})")
    total = Counter(r["status"] for r in rows)
    print(", ".join(f"{total[s]} {s}" for s in order if total[s]) or "no contributions in contrib/")
    return 0
