"""`cvmbok check`: every check family over Markdown files, one pass, findings sorted per file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..checks import CheckContext, discover
from ..document import Document, load_document
from ..errors import UsageError
from ..findings import Finding, has_errors, sort_findings
from ..report import REPORTERS
from ..repo import Repo, try_find_repo

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


def collect_paths(paths: list[Path]) -> list[Path]:
    """Markdown files named or found below the named folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*.md"))
                if not any(part.startswith(".") or part == "_build" for part in p.relative_to(path).parts)
            )
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def default_paths(repo: Repo | None) -> list[Path]:
    if repo is None:
        raise UsageError("no PATH given and not inside a CVMBoK repository: name the files to check")
    return [p for p in (repo.contrib, repo.source) if p.is_dir()]


def display_path(path: Path, repo: Repo | None) -> str:
    return repo.relative(path) if repo is not None else str(path)


def run_checks(paths: list[Path], context: CheckContext, only: list[str] | None = None) -> tuple[list[Finding], int]:
    """Load every file and run the selected check families. Returns (findings, files checked)."""
    checks = discover()
    if only:
        known = {c.name for c in checks}
        unknown = sorted(set(only) - known)
        if unknown:
            raise UsageError(f"unknown check {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        checks = [c for c in checks if c.name in only]
    findings: list[Finding] = []
    documents: list[Document] = []
    for path in paths:
        result = load_document(path, display_path(path, context.repo))
        findings.extend(result.findings)
        if result.document is not None:
            documents.append(result.document)
    for check in checks:
        findings.extend(check.run(documents, context))
    return sort_findings(findings), len(paths)


def run(args: argparse.Namespace) -> int:
    repo = try_find_repo()
    if args.list:
        for check in discover():
            print(f"{check.name}\t{check.description}")
        return 0
    if args.names is not None and not args.names.is_file():
        raise UsageError(f"--names {args.names}: no such file")
    paths = collect_paths(args.paths) if args.paths else collect_paths(default_paths(repo))
    context = CheckContext(repo=repo, names_file=args.names)
    findings, count = run_checks(paths, context, args.only)
    sys.stdout.write(REPORTERS[args.format](findings, count))
    return 1 if has_errors(findings) else 0
