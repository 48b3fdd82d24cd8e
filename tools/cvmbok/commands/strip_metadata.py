"""`cvmbok strip-metadata FILE...`: rewrite pictures without metadata (EXIF, IPTC, XMP, text chunks,
ICC descriptions, trailing bytes) and verify that nothing is left."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..policy.images import identifying_metadata, strip_metadata
from ..errors import UsageError

NAME = "strip-metadata"
HELP = "rewrite pictures without EXIF, IPTC, XMP, text, ICC or trailing data (keeps the picture), then verify"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="PNG, JPEG, GIF or WebP files")


def run(args: argparse.Namespace) -> int:
    for path in args.files:
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
    for path in args.files:
        before = identifying_metadata(path)
        strip_metadata(path)
        removed = f"removed {', '.join(before)}" if before else "no identifying metadata found"
        print(f"{path}: rewritten without metadata ({removed}); verified clean")
    return 0
