"""`cvmbok merge ID... | --all`: move accepted contributions into their chapters, atomically."""

from __future__ import annotations

import argparse

from ..contributions.merge import plan_merge
from ..errors import UsageError
from ..repo import find_repo

NAME = "merge"
HELP = "merge accepted contributions into the book (atomic and idempotent)"
DESCRIPTION = """\
Merge accepted contributions into the "Insights from practice" part of their
chapter, with a provenance marker carrying the id; the front matter is dropped.
Refuses, with the reason, when a contribution is not accepted, lacks consent to
publish, or any check reports an error. All files change together or none does.
Merging again changes nothing. The contribution file is kept: its status becomes
merged and it records where the text went. The "What's new" page is regenerated."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="contribution ids to merge")
    parser.add_argument("--all", action="store_true", help="merge every accepted contribution")
    parser.add_argument("--dry-run", action="store_true", help="show which files would change, write nothing")


def run(args: argparse.Namespace) -> int:
    if bool(args.ids) == bool(args.all):
        raise UsageError("name the contributions to merge (cvmbok merge ID ...) or pass --all, not both")
    repo = find_repo()
    plan = plan_merge(repo, None if args.all else list(args.ids))
    for cid in plan.skipped:
        print(f"{cid}: already merged, nothing to do")
    if args.dry_run:
        for path in plan.transaction.changed():
            print(f"would write {repo.relative(path)}")
        return 0
    written = plan.transaction.commit()
    for cid, target in plan.merged:
        print(f"{cid}: merged into {repo.relative(target)}")
    if not plan.merged and not plan.skipped:
        print("no accepted contributions to merge")
    for path in written:
        print(f"  wrote {repo.relative(path)}")
    return 0
