"""The one value every check returns: a `Finding` at a file, line and column.

A finding is immutable and knows how to render itself as JSON; reporters decide how
people see it and the CLI decides the exit code from the severities.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any, Iterable


class Severity(str, Enum):
    """How bad a finding is. Only `error` fails a check run."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "suggestion": 2}[self.value]


@dataclass(frozen=True, order=False)
class Finding:
    """Something wrong at `path:line:column` (1-based), with what to do about it.

    `rule` is a stable, namespaced id (`leak.company`, `CVMBoK.Terms`,
    `schema.missing-field`), listed in `cvmbok.rules`: renaming one breaks editors'
    searches and CI annotations.
    `match` is the offending text as found in the file (empty when there is none).
    """

    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    fix: str = ""
    match: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Finding":
        return cls(
            path=str(data["path"]),
            line=int(data["line"]),
            column=int(data["column"]),
            rule=str(data["rule"]),
            severity=Severity(data["severity"]),
            message=str(data["message"]),
            fix=str(data.get("fix", "")),
            match=str(data.get("match", "")),
        )

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.line, self.column, self.severity.rank, self.rule)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings sorted by file, line, column, severity; exact duplicates dropped."""
    return sorted(set(findings), key=lambda f: f.sort_key)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def errors_of(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def error_summary(findings: Iterable[Finding], *, limit: int = 1) -> str:
    """'N error findings, first path:line:col [rule] message (run `cvmbok check path`)': the one
    wording every refusal uses (accept, merge, release); `limit` > 1 lists that many, one a line."""
    errors = errors_of(findings)
    if not errors:
        return ""
    count = f"{len(errors)} error finding{'s' if len(errors) != 1 else ''}"
    if limit <= 1:
        f = errors[0]
        return f"{count}, first {f.path}:{f.line}:{f.column} [{f.rule}] {f.message} (run `cvmbok check {f.path}`)"
    listed = "\n".join(f"  {f.path}:{f.line}:{f.column}: [{f.rule}] {f.message}" for f in errors[:limit])
    more = f"\n  ... and {len(errors) - limit} more" if len(errors) > limit else ""
    return f"{count}:\n{listed}{more}"
