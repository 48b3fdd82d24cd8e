"""`cvmbok names`: manage the name registries (private people as keyed hashes, the generated Vale rule)."""

from __future__ import annotations

import argparse
import sys

from ..errors import UsageError
from ..fileio import atomic_write as write_atomic
from ..names.hashing import KEY_ENV, MIN_FORM_LENGTH, MIN_KEY_LENGTH, add_forms, key_from_env, load_store, render_store
from ..names.loading import name_paths
from ..names.registry import load_companies, person_forms
from ..names.vale import render
from ..repo import find_repo
from . import _stale

NAME = "names"
HELP = "manage name registries: add a private person (keyed hashes), regenerate the Vale leak rule"
DESCRIPTION = """\
Manage the registries the leak check uses.

  cvmbok names add --person "Full Name"   add a private person as keyed hashes
  cvmbok names add --person -             read the name from standard input (keeps it out of shell history)
  cvmbok names generate-vale [--check]    write (or check) styles/CVMBoK/Leaks.yml from companies.yml

Private names are never stored in clear: `add` writes HMAC-SHA256 hashes of the
name's forms (full name, given + surname, initial + surname, "Surname, Given",
surname alone) keyed with $CVMBOK_NAMES_KEY to styles/names/people.hashes."""

VALE_RULE = ("styles", "CVMBoK", "Leaks.yml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    add = sub.add_parser("add", help="add a private person as keyed hashes")
    add.add_argument("--person", required=True, metavar="NAME", help='full name, or "-" to read it from standard input')
    add.add_argument("--not-distinctive", action="store_true",
                     help="do not match the surname alone (for common surnames such as Smith)")
    gen = sub.add_parser("generate-vale", help="write styles/CVMBoK/Leaks.yml from styles/names/companies.yml")
    gen.add_argument("--check", action="store_true", help="exit 1 if the committed rule is stale, write nothing")


def run(args: argparse.Namespace) -> int:
    if args.action == "add":
        return _add(args)
    if args.action == "generate-vale":
        return _generate_vale(args)
    raise UsageError("name an action: add or generate-vale (see cvmbok names --help)")


def _add(args: argparse.Namespace) -> int:
    repo = find_repo()
    key = key_from_env()
    if key is None:
        raise UsageError(f"{KEY_ENV} is not set: ask an editor for the key (private names are hashed with it)")
    if len(key) < MIN_KEY_LENGTH:
        raise UsageError(f"{KEY_ENV} is shorter than {MIN_KEY_LENGTH} characters: use the editors' long random key")
    name = sys.stdin.readline().strip() if args.person == "-" else args.person.strip()
    every = ["".join(words) for words in person_forms(name, not args.not_distinctive)]
    forms = [form for form in every if len(form) >= MIN_FORM_LENGTH]
    if not forms:
        raise UsageError(f"--person {'(from standard input) ' if args.person == '-' else ''}is too short to ever be found: "
                         f"the check matches names of at least {MIN_FORM_LENGTH} letters; give the full name")
    if len(forms) < len(every):
        print(f"note: {len(every) - len(forms)} form(s) shorter than {MIN_FORM_LENGTH} letters (such as a short surname "
              "alone) cannot be matched and were not added", file=sys.stderr)
    path = name_paths(repo.root).hashes
    store = load_store(path)
    updated = add_forms(store, key, forms)
    added = len(updated.digests) - len(store.digests)
    write_atomic(path, render_store(updated))
    print(f"added {added} hashed form(s) ({len(forms)} for this person) to {repo.relative(path)}; commit that file")
    return 0


def _generate_vale(args: argparse.Namespace) -> int:
    repo = find_repo()
    paths = name_paths(repo.root)
    text = render(load_companies(paths.companies))
    target = repo.root.joinpath(*VALE_RULE)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        stale = [repo.relative(target)] if current != text else []
        return _stale.report(stale, "cvmbok names generate-vale", f"{repo.relative(target)} is")
    write_atomic(target, text)
    print(f"wrote {repo.relative(target)} ({text.count(chr(10) + '  - ')} names)")
    return 0
