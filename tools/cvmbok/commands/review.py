"""`cvmbok review ID --accept|--request-changes|--reject|--start --note TEXT`: record a review outcome."""

from __future__ import annotations

import argparse

from ..contributions.review import OUTCOMES, note_findings, refuse_leaking_note, review_text
from ..fileio import atomic_write
from ..repo import find_repo
from ._contrib import check_files, load_one

NAME = "review"
HELP = "record a review outcome (accept, request changes, reject) in a contribution's history"
DESCRIPTION = """\
Append today's review outcome to the contribution's history and set its status.
--accept refuses while any check reports an error or consent.publish is no.
--request-changes and --reject need a --note telling the contributor why.
Editors sign with a role code (--reviewer ed-k7), never with a name."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="contribution id, e.g. cvm-7k2m9p")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--start", dest="outcome", action="store_const", const="start", help="mark it in review")
    group.add_argument("--accept", dest="outcome", action="store_const", const="accept", help="accept it for merging")
    group.add_argument("--request-changes", dest="outcome", action="store_const", const="request_changes",
                       help="send it back to the contributor")
    group.add_argument("--reject", dest="outcome", action="store_const", const="reject", help="decline it")
    parser.add_argument("--note", default="", help="what to change, or why (required for --request-changes and --reject)")
    parser.add_argument("--reviewer", metavar="CODE", help="your editor code, e.g. ed-k7 (never a name)")


def run(args: argparse.Namespace) -> int:
    repo = find_repo()
    contribution, _ = load_one(repo, args.id)
    outcome = OUTCOMES[args.outcome]
    refuse_leaking_note(note_findings(repo, args.note))
    findings = check_files(repo, [contribution.path]) if outcome == "accepted" else []
    text = review_text(contribution, outcome, args.note, args.reviewer, findings)
    atomic_write(contribution.path, text)
    print(f"{contribution.id}: {outcome} ({repo.relative(contribution.path)})")
    return 0
