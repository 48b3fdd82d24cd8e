"""`cvmbok generate [--check]`: rewrite the generated pages (acknowledgements, What's new)."""

from __future__ import annotations

import argparse

from ..contributions import generated_pages
from ..contributions.store import Transaction, load_all
from ..errors import CvmbokError
from ..repo import find_repo
from ._contrib import chapters

NAME = "generate"
HELP = "regenerate the acknowledgements and What's new pages from contrib/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a committed page is stale")


def run(args: argparse.Namespace) -> int:
    repo = find_repo()
    contributions, _ = load_all(repo, chapters(repo))
    transaction = Transaction()
    for path, text in generated_pages.pages(repo, [c.meta for c in contributions]).items():
        transaction.write(path, text)
    stale = transaction.changed()
    if args.check:
        if stale:
            names = ", ".join(repo.relative(p) for p in stale)
            raise CvmbokError(f"stale generated page{'s' if len(stale) != 1 else ''}: {names}; run `cvmbok generate`")
        print("generated pages are up to date")
        return 0
    for path in transaction.commit():
        print(f"wrote {repo.relative(path)}")
    return 0
