"""`cvmbok sections`: the valid section ids, one per line (id, a tab, the title)."""

from __future__ import annotations

import argparse

from ..repo import find_repo
from ..sections import load_sections

NAME = "sections"
HELP = "list the book's sections (the valid 'section:' values of a contribution)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--chapters", action="store_true",
                        help="also list the chapter pages that accept insights, as SECTION/PAGE")


def run(args: argparse.Namespace) -> int:
    repo = find_repo()
    for section in load_sections(repo.source):
        print(f"{section.id}\t{section.title}")
        if args.chapters:
            for chapter in (c for c in section.chapters[1:] if c.accepts_insights):
                print(f"{chapter.ref}\t{chapter.title}")
    return 0
