"""`cvmbok editors add|remove|list`: the intake's editor accounts (editor codes, never names)."""

from __future__ import annotations

import argparse
import getpass
import sys

from ..errors import CvmbokError, UsageError
from ._intake import add_storage_arguments, config_from

NAME = "editors"
HELP = "manage the intake's editor accounts (add CODE, remove CODE, list)"
DESCRIPTION = """\
Editors sign in to the intake with an editor code such as ed-k7 (never a name)
and a password of at least 12 characters, stored as an Argon2 hash. `add` asks
for the password twice, or reads one line from standard input when it is not a
terminal (for scripts: `printf '%s\\n' "$PW" | cvmbok editors add ed-k7`)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("add", "remove", "list"))
    parser.add_argument("code", nargs="?", metavar="CODE", help="editor code, e.g. ed-k7")
    add_storage_arguments(parser)


def _password() -> str:
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line.strip():
            raise UsageError("no password on standard input")
        return line.rstrip("\n")
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise UsageError("the two passwords differ; nothing was changed")
    return first


def run(args: argparse.Namespace) -> int:
    from ..policy.schema import is_reviewer_code

    if args.action != "list":
        if not args.code:
            raise UsageError(f"`cvmbok editors {args.action}` needs an editor code, e.g. ed-k7")
        if not is_reviewer_code(args.code):
            raise UsageError(f"{args.code!r} is not an editor code: use ed- and 2-12 lowercase letters or digits (never a name)")
    config = config_from(args)
    from ..intake.server import prepare

    prepare(config)
    from ..intake import accounts

    if args.action == "list":
        for code in accounts.codes():
            print(code)
        return 0
    if args.action == "remove":
        if not accounts.remove(args.code):
            raise CvmbokError(f"there is no editor {args.code}")
        print(f"removed editor {args.code}", file=sys.stderr)
        return 0
    accounts.add(args.code, _password())
    print(f"editor {args.code} can now sign in at /editor/sign-in", file=sys.stderr)
    return 0
