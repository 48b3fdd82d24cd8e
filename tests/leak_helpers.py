"""Shared helpers for the leak tests: whether flags overlap a labelled leak, and the findings of the
real scanner (the one `cvmbok check --only leaks` builds) that overlap it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[1]


def overlaps(flags: Iterable[Any], text: str, leak: str) -> bool:
    """Does some flag's [start, end) overlap the first occurrence of `leak` in `text`?"""
    start = text.index(leak)
    return any(f.start < start + len(leak) and start < f.end for f in flags)


@lru_cache(maxsize=1)
def scanner() -> Any:
    from cvmbok.names.loading import build_scanner

    return build_scanner(ROOT)[0]


def findings_on(text: str, leak: str) -> list[Any]:
    """The scanner's findings that overlap `leak` (a finding says line and column; the offset is rebuilt)."""
    start = text.index(leak)
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    found = []
    for f in scanner().scan(text, "x.md"):
        at = line_starts[f.line - 1] + f.column - 1
        if at < start + len(leak) and start < at + len(f.match):
            found.append(f)
    return found
