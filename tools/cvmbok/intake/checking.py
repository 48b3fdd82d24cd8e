"""Run every check family of `cvmbok check` on a submission that exists only in memory.

The submission is rendered to the exact file it would become (`store.render`), its
pictures are written to a private temporary folder beside it so the image checks
see what the export will write, and `checks.runner.check_text` does the rest.
Findings are then split into those about the form fields (front matter lines) and
those about body lines, numbered as the contributor sees them in the text area.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..checks import CheckContext
from ..checks.runner import check_text
from ..document import split_front_matter
from ..findings import Finding, Severity
from ..repo import Repo
from .draft import Draft


@dataclass(frozen=True)
class CheckResult:
    text: str
    findings: list[Finding]
    body_start: int
    """File line of the body's first line: body line n is file line body_start + n - 1."""

    def body_line(self, finding: Finding) -> int | None:
        return finding.line - self.body_start + 1 if finding.line >= self.body_start else None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def summary(self) -> dict[str, int]:
        return {"errors": len(self.errors), "warnings": len(self.warnings),
                "suggestions": len(self.findings) - len(self.errors) - len(self.warnings)}


@dataclass
class Checker:
    """One per server process: the repository and the check context are made once."""

    repo: Repo
    names_file: Path | None = None
    context: CheckContext = field(init=False)

    def __post_init__(self) -> None:
        self.context = CheckContext(repo=self.repo, names_file=self.names_file)

    def check(self, draft: Draft, pictures: Sequence[tuple[str, bytes]] = ()) -> CheckResult:
        text = draft.render()
        with tempfile.TemporaryDirectory(prefix="cvmbok-intake-") as tmp:
            folder = Path(tmp)
            (folder / draft.id).mkdir()
            for name, data in pictures:
                (folder / draft.id / name).write_bytes(data)
            findings = check_text(text, draft.display_path, self.context, path=folder / f"{draft.id}.md")
        _, _, body_start = split_front_matter(text)
        return CheckResult(text, findings, body_start + 1)  # render() puts one blank line before the body
