"""`cvmbok scan-editions`: the leak check over built editions (HTML, ePub XHTML, PDF text and metadata)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from ..findings import has_errors
from ..names.outputs import scan_editions
from ..report import REPORTERS
from ..repo import try_find_repo

NAME = "scan-editions"
HELP = "scan built editions (HTML, ePub, PDF) for leaked names: a second net after the build"
DESCRIPTION = """\
Run the leak scanner over what was built: the text and link/image attributes of
every HTML page, the XHTML inside the ePub, and the PDF's page text and metadata.
Catches names that reached an edition without passing a checked Markdown file.

  cvmbok scan-editions build/

Exit 0 when there is no error-level finding, 1 when there is, 2 on misuse."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a build folder (html/, *.pdf, *.epub) or edition files")
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    parser.add_argument("--names", type=Path, metavar="FILE", help="extra clear-text name registry (YAML)")


def run(args: argparse.Namespace) -> int:
    repo = try_find_repo()
    if args.names is not None and not args.names.is_file():
        raise UsageError(f"--names {args.names}: no such file")
    findings, count = scan_editions([Path(p) for p in args.paths], repo.root if repo else None, args.names)
    sys.stdout.write(REPORTERS[args.format](findings, count))
    return 1 if has_errors(findings) else 0
