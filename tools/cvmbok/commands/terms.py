"""`cvmbok terms generate|check|list`: keep the Vale style and vocabulary in step with the registry."""

from __future__ import annotations

import argparse

from ..repo import find_repo
from . import _stale
from ..terms.generate import generated_for, stale_files, write_generated
from ..terms.registry import REGISTRY, load_registry

NAME = "terms"
HELP = "regenerate or verify the Vale rules and vocabulary generated from styles/terms.yml"
DESCRIPTION = """\
The term registry styles/terms.yml is the one source of the book's terminology.

  cvmbok terms generate   rewrite the generated Vale rules (styles/CVMBoK/Terms*.yml,
                          TermCase.yml, Abbreviations.yml, Headings.yml) and the
                          vocabulary (styles/config/vocabularies/CVMBoK/) from it
  cvmbok terms check      exit 1 if any generated file is missing or out of date
  cvmbok terms list       print every term, its abbreviation and its definition

The glossary is rendered from the registry at build time by cvmbok.sphinx_glossary."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("generate", "check", "list"), help="what to do")


def run(args: argparse.Namespace) -> int:
    repo = find_repo()
    if args.action == "generate":
        changed = write_generated(repo.root)
        total = len(generated_for(repo.root))
        for rel in changed:
            print(f"wrote {rel.as_posix()}")
        print(f"{len(changed)} of {total} generated files changed; commit them with {REGISTRY.as_posix()}")
        return 0
    if args.action == "check":
        return _stale.report([rel.as_posix() for rel in stale_files(repo.root)], "cvmbok terms generate",
                             f"the files generated from {REGISTRY.as_posix()} are")
    registry = load_registry(repo.root / REGISTRY)
    for term in registry.terms:
        print(f"{term.term}\t{term.abbr or ''}\t{term.definition}")
    return 0
