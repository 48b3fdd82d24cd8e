"""`cvmbok release VERSION`: stamp, build and package an edition (see cvmbok.release)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..errors import UsageError
from ..release import parse_version, rebuild, release
from ..repo import find_repo

NAME = "release"
HELP = "release edition VERSION (YYYY.N): stamp edition.toml, build, write build/release/ with SHA256SUMS"
DESCRIPTION = """\
Make a release of the book from a clean, checked commit:

  1. refuse if VERSION is not YYYY.N, the git tree has uncommitted changes, the
     changelog already lists VERSION, or `cvmbok check` reports an error;
  2. stamp VERSION and the date in edition.toml and add the edition to
     source/changelog.md;
  3. build the PDF, ePub and HTML editions with SOURCE_DATE_EPOCH fixed (midnight
     UTC of the release date, or SOURCE_DATE_EPOCH when set), so a rebuild of the
     same commit gives the same bytes;
  4. write build/release/ with cvmbok-VERSION.pdf, cvmbok-VERSION.epub,
     cvmbok-VERSION-html.tar.gz and SHA256SUMS (check with `sha256sum -c SHA256SUMS`).

If any step fails, edition.toml and the changelog keep their old text.

With --rebuild, nothing is stamped: the checked-out commit must already be edition
VERSION (edition.toml and the changelog say so), and step 3-4 give the same files,
byte for byte, as the original release. CI runs this on the tag.
Afterwards commit the two stamped files and tag the commit vVERSION; CI attaches
the release files to the GitHub release for that tag."""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from exc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("version", metavar="VERSION", help="the edition string, YYYY.N (for example 2026.1)")
    parser.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD",
                        help="release date to stamp (default: the day of SOURCE_DATE_EPOCH, else today in UTC)")
    parser.add_argument("--notes", default="", metavar="TEXT", help="a short paragraph for the changelog entry")
    parser.add_argument("--out", type=Path, default=None, metavar="DIR", help="release folder (default: build/release)")
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild an already released VERSION from its commit, without stamping (CI on the tag)")
    parser.add_argument("--names", type=Path, default=None, metavar="FILE",
                        help="extra clear-text name registry for the checks (kept outside the repository)")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    version = parse_version(args.version)
    if args.names is not None and not args.names.is_file():
        raise UsageError(f"--names {args.names}: no such file")
    repo = find_repo()
    if args.rebuild:
        if args.date is not None or args.notes:
            raise UsageError("--rebuild takes the date and notes from the released commit; drop --date and --notes")
        files = rebuild(repo, version, progress=_say, out=args.out, names_file=args.names)
        for path in files.all:
            print(path)
        return 0
    files = release(repo, version, progress=_say, today=args.date, notes=args.notes, out=args.out, names_file=args.names)
    for path in files.all:
        print(path)
    _say(
        f"next: git commit -m 'Edition {version}' edition.toml source/changelog.md source/whats-new.md && git tag v{version} "
        f"&& git push --follow-tags (CI attaches the files to the release)"
    )
    return 0
