"""`cvmbok generate [--check]`: rewrite the generated pages (acknowledgements, What's new)."""

from __future__ import annotations

import argparse

from ..contributions import generated_pages
from ..contributions.store import Transaction, load_all

from ..repo import find_repo
from . import _stale
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
        return _stale.report([repo.relative(p) for p in stale], "cvmbok generate", "the generated pages are")
    for path in transaction.commit():
        print(f"wrote {repo.relative(path)}")
    return 0
