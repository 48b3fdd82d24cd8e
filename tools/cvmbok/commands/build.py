"""`cvmbok build html|pdf|epub|all`: build editions with warnings as errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..builder import EDITIONS, build_editions, validate_epub
from ..errors import CvmbokError
from ..repo import find_repo

NAME = "build"
HELP = "build the HTML, PDF and ePub editions (default: all three) into build/"
DESCRIPTION = """\
Build editions of the book from source/ with the one conf.py. Warnings fail the
build and every one is reported with its file and line. `all` builds the PDF and
ePub first so the HTML edition can offer them for download. The ePub is checked
with epubcheck; any error or warning fails the build."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("editions", nargs="*", choices=[*EDITIONS, "all"], default=["all"], metavar="EDITION",
                        help="html, pdf, epub or all (default: all)")
    parser.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default: build/ in the repository)")
    parser.add_argument("--no-epubcheck", action="store_true", help="skip epubcheck on the ePub (faster drafts)")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    repo = find_repo()
    editions = list(EDITIONS) if "all" in args.editions or not args.editions else list(args.editions)
    out = (args.out or repo.build).resolve()
    out.mkdir(parents=True, exist_ok=True)
    results = build_editions(repo, editions, out, _say)
    for result in results:
        if result.edition == "epub" and not args.no_epubcheck:
            _say("checking the ePub with epubcheck ...")
            messages = validate_epub(result.output)
            if messages:
                raise CvmbokError("epubcheck found problems in the ePub:\n" + "\n".join(messages))
            _say("epubcheck: 0 errors, 0 warnings")
    if "html" in editions and not {"pdf", "epub"} <= set(editions):
        _say("note: the HTML download links need the PDF and ePub: run `cvmbok build all` to include them")
    return 0
