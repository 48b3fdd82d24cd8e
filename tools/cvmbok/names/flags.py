"""A heuristic finding before it becomes a `Finding`: original offsets, rule, severity, advice."""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Severity


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    rule: str
    severity: Severity
    message: str
    fix: str
