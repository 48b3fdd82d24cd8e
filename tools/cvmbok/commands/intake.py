"""`cvmbok intake purge|verify-contrib`: housekeeping of the private intake and its CI guard."""

from __future__ import annotations

import argparse
import sys

from ..errors import UsageError
from ._intake import add_storage_arguments, config_from

NAME = "intake"
HELP = "purge old rejected and withdrawn submissions; verify that new insights came through the intake"
DESCRIPTION = """\
purge [--days N]: delete rejected and withdrawn submissions closed N days ago or
  earlier (default 30).
verify-contrib [--base REF]: for CI on pull requests; fails when a commit after REF
  (default origin/main) adds an insight to contrib/ that did not come through the
  intake (status accepted, committed by the neutral editors' identity). Later
  changes to existing files (reviews, merge status) are not affected."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("purge", "verify-contrib"))
    parser.add_argument("--days", type=int, default=30, help="purge: age in days (default: 30)")
    parser.add_argument("--base", default="origin/main", help="verify-contrib: the commit the pull request starts from")
    add_storage_arguments(parser)


def run(args: argparse.Namespace) -> int:
    if args.action == "verify-contrib":
        from ..intake.verify import added_without_intake
        from ..repo import find_repo

        repo = find_repo(args.repo) if args.repo else find_repo()
        problems = added_without_intake(repo, args.base)
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} new insight{'s' if len(problems) != 1 else ''} did not come through the private intake. "
                  "Insights are submitted privately with `cvmbok serve` / `cvmbok submit FILE` (see contrib/README.md), "
                  "never in a public pull request: close this one and send the text through the intake.", file=sys.stderr)
            return 1
        print("every new insight in contrib/ came through the intake", file=sys.stderr)
        return 0
    if args.days < 0:
        raise UsageError("--days must be 0 or more")
    config = config_from(args)
    from ..intake.server import prepare

    prepare(config)
    from ..intake.workflow import purge

    count = purge(args.days)
    print(f"purged {count} rejected or withdrawn submission{'s' if count != 1 else ''} closed {args.days} days ago or earlier")
    return 0
