"""`cvmbok check`: every check family over Markdown files, one pass, findings sorted per file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..checks import CheckContext, discover
from ..checks.runner import check_paths, collect_paths, default_paths
from ..errors import UsageError
from ..findings import has_errors
from ..report import REPORTERS
from ..repo import Repo, try_find_repo
from ..rules import catalogue, render_markdown

NAME = "check"
HELP = "check Markdown files: front matter, markup, terminology (Vale) and leaked names"
DESCRIPTION = """\
Check Markdown files for everything that must hold before text reaches the book:
valid front matter, safe markup, the project's terminology (Vale) and no leaked
company, brand or person names. With no PATH, checks contrib/ and source/.

Each finding is printed as path:line:col with the rule, what is wrong and the fix.
Exit 0 when there is no error-level finding, 1 when there is, 2 on misuse."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="Markdown files or folders (default: contrib/ and source/)")
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    parser.add_argument("--names", type=Path, metavar="FILE", help="extra clear-text name registry (YAML) kept outside the repository")
    parser.add_argument("--only", action="append", metavar="CHECK", help="run only this check family (repeatable); see --list")
    parser.add_argument("--list", action="store_true", help="list the check families and exit")
    parser.add_argument("--list-rules", nargs="?", const="text", choices=("text", "markdown", "json"), metavar="FORMAT",
                        help="list every rule id with its severity and meaning and exit (text, markdown or json)")


def run(args: argparse.Namespace) -> int:
    repo = try_find_repo()
    if args.list_rules:
        sys.stdout.write(list_rules(args.list_rules, repo))
        return 0
    if args.list:
        for check in discover():
            print(f"{check.name}\t{check.description}")
        return 0
    if args.names is not None and not args.names.is_file():
        raise UsageError(f"--names {args.names}: no such file")
    paths = collect_paths(args.paths) if args.paths else collect_paths(default_paths(repo))
    context = CheckContext(repo=repo, names_file=args.names)
    result = check_paths(paths, context, args.only)
    sys.stdout.write(REPORTERS[args.format](result.findings, result.files))
    return 1 if has_errors(result.findings) else 0


def list_rules(form: str, repo: Repo | None) -> str:
    rules = catalogue(repo.styles / "CVMBoK" if repo is not None else None)
    if form == "markdown":
        return render_markdown(rules)
    if form == "json":
        import json

        return json.dumps([{"id": r.id, "severity": r.severity.value, "family": r.family, "summary": r.summary,
                            "fix": r.fix} for r in rules], indent=2) + "\n"
    width = max(len(r.id) for r in rules)
    return "".join(f"{r.id:<{width}}  {r.severity.value:<10}  {r.summary}\n" for r in rules)
