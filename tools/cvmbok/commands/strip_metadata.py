"""`cvmbok strip-metadata FILE...`: remove identifying metadata (EXIF, XMP, text chunks) from images."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..policy.images import strip_metadata
from ..errors import UsageError

NAME = "strip-metadata"
HELP = "remove EXIF, XMP and text metadata from images (keeps the picture)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="PNG, JPEG, GIF or WebP files")


def run(args: argparse.Namespace) -> int:
    for path in args.files:
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
    for path in args.files:
        print(f"{path}: {'metadata removed' if strip_metadata(path) else 'no identifying metadata'}")
    return 0
