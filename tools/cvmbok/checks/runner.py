"""The one library call that runs every check family: used by `cvmbok check`, the
contribution workflow, releases and the intake server alike.

Paths are collected and loaded here (I/O at the edge of the checks layer); the
families themselves stay pure functions over loaded `Document`s.
"""

from __future__ import annotations

from bisect import bisect_right
from concurrent.futures import ThreadPoolExecutor
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..document import Document, load_document, parse_text
from ..errors import UsageError
from ..findings import Finding, sort_findings
from ..repo import Repo
from . import Check, CheckContext, discover


@dataclass(frozen=True)
class CheckRun:
    """What one run found, and over how many files."""

    findings: list[Finding]
    files: int


def collect_paths(paths: Sequence[Path]) -> list[Path]:
    """Markdown files named or found below the named folders, in a stable order, each once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_markdown_below(path))
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


def _markdown_below(folder: Path) -> list[Path]:
    """Markdown files below `folder`, plus every folder that cannot be read: loading reports
    those as errors, so an unreadable `contrib/` is never a silent pass."""
    found: list[Path] = []
    unreadable: list[Path] = []
    for current, dirs, files in os.walk(folder, onerror=lambda exc: unreadable.append(Path(str(exc.filename)))):
        here = Path(current)
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "_build"]
        found.extend(here / f for f in files if f.endswith(".md") and not f.startswith("."))
    return sorted(found) + sorted(unreadable)


def default_paths(repo: Repo | None) -> list[Path]:
    """What `cvmbok check` with no PATH checks: `contrib/` and `source/`."""
    if repo is None:
        raise UsageError("no PATH given and not inside a CVMBoK repository: name the files to check")
    return [p for p in (repo.contrib, repo.source) if p.is_dir()]


def display_path(path: Path, repo: Repo | None) -> str:
    return repo.relative(path) if repo is not None else str(path)


def select_checks(only: Sequence[str] | None = None) -> list[Check]:
    """The check families to run, every one unless `only` names some."""
    checks = discover()
    if only:
        known = {c.name for c in checks}
        unknown = sorted(set(only) - known)
        if unknown:
            raise UsageError(f"unknown check {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        checks = [c for c in checks if c.name in only]
    return checks


def check_documents(documents: Sequence[Document], context: CheckContext,
                    only: Sequence[str] | None = None) -> list[Finding]:
    """Every selected family over documents that are already loaded (the intake's entry point).

    A family that waits on another program (Vale) runs in a thread started first, so one
    contribution costs about as long as the slower of Vale and the Python families rather
    than their sum; the findings are the same either way, since families share nothing.
    """
    checks = select_checks(only)
    background = [c for c in checks if c.waits_on_a_process] if len(checks) > 1 else []
    findings: list[Finding] = []
    with ThreadPoolExecutor(max_workers=max(len(background), 1)) as pool:
        waiting = [pool.submit(c.run, documents, context) for c in background]
        for check in checks:
            if check not in background:
                findings.extend(check.run(documents, context))
        for future in waiting:
            findings.extend(future.result())  # an exception in the thread is raised here, as before
    return sort_findings(without_leaking_advice(findings))


VOCABULARY_RULES = ("Vale.Spelling", "Vale.Terms", "CVMBoK.Spelling", "CVMBoK.Terms", "CVMBoK.TermCase",
                    "CVMBoK.TermsWarning", "CVMBoK.TermsSuggestion", "CVMBoK.Abbreviations", "CVMBoK.Leaks")


def without_leaking_advice(findings: list[Finding]) -> list[Finding]:
    """Drop spelling and vocabulary findings on a span a leak finding covers.

    Their advice would be "add <the brand> to the vocabulary" or "did you mean ...":
    the leak finding already says what to do, and the other advice repeats the name.
    The leak spans of each line are merged and sorted once, and each vocabulary finding
    is tested with a binary search: a 1 MB line with 30,000 findings of each kind stays
    linear (testing every pair took minutes).
    """
    columns: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for f in findings:
        if f.rule.startswith("leak."):
            columns.setdefault((f.path, f.line), []).append((f.column, f.column + max(len(f.match), 1)))
    if not columns:
        return findings
    merged = {key: _merged(spans) for key, spans in columns.items()}
    return [f for f in findings
            if not (f.rule in VOCABULARY_RULES and (f.path, f.line) in merged
                    and _overlaps(merged[(f.path, f.line)], f.column, f.column + max(len(f.match), 1)))]


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted, merged [start, end) spans as two lists (starts, ends) for bisection."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _overlaps(spans: tuple[list[int], list[int]], start: int, end: int) -> bool:
    starts, ends = spans
    i = bisect_right(starts, end - 1) - 1
    return i >= 0 and ends[i] > start


def check_text(text: str, display: str, context: CheckContext, *, path: Path | None = None,
               only: Sequence[str] | None = None) -> list[Finding]:
    """Check text that is not (yet) a file, such as a submission in the intake.

    `path` is where the text would live (it decides whether the contribution rules
    apply and where relative pictures are looked for); by default `contrib/<display>`.
    """
    if path is None:
        path = (context.repo.contrib / Path(display).name) if context.repo is not None else Path(display)
    result = parse_text(path, display, text)
    documents = [result.document] if result.document is not None else []
    return sort_findings([*result.findings, *check_documents(documents, context, only)])


def check_paths(paths: Sequence[Path], context: CheckContext, only: Sequence[str] | None = None) -> CheckRun:
    """Load every file and run the selected families over all of them in one pass."""
    select_checks(only)  # refuse an unknown family before reading anything
    findings: list[Finding] = []
    documents: list[Document] = []
    for path in paths:
        result = load_document(path, display_path(path, context.repo),
                               inside=context.repo.root if context.repo is not None else None)
        findings.extend(result.findings)
        if result.document is not None:
            documents.append(result.document)
    findings.extend(check_documents(documents, context, only))
    return CheckRun(sort_findings(findings), len(paths))
