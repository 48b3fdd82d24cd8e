"""The check families. Each module in this package exposes `CHECK = Check(...)`.

A check is a pure function from parsed documents to findings. It never prints, never
exits and never writes. `discover()` finds the families, so adding a module is the
only step needed to add a check; the order is fixed by each check's `order`.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

from ..document import Document
from ..findings import Finding
from ..policy.files import NOT_CONTRIBUTIONS
from ..repo import Repo


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the documents: the repository and an extra name registry."""

    repo: Repo | None
    names_file: Path | None = None
    front_matter_findings: Mapping[Path, Sequence[Finding]] = field(default_factory=dict, compare=False)
    """The front-matter findings of documents already validated (by path): the frontmatter
    family uses them instead of validating those documents again (merge loads first)."""

    def is_contribution(self, document: Document) -> bool:
        """Is this file an insight written by a practitioner (so the contribution rules apply)?

        Files under `contrib/` (other than its README) are contributions; so is any
        file outside the book's `source/` whose front matter carries an `id` and a `section`.
        """
        resolved = document.path.resolve()
        if self.repo is not None:
            try:
                rel = resolved.relative_to(self.repo.contrib)
                return rel.name.lower() not in NOT_CONTRIBUTIONS
            except ValueError:
                pass
            try:
                resolved.relative_to(self.repo.source)
                return False
            except ValueError:
                pass
        fm = document.front_matter or {}
        return "id" in fm and "section" in fm


CheckFn = Callable[[Sequence[Document], CheckContext], list[Finding]]


@dataclass(frozen=True)
class Check:
    name: str
    """Short name used by `cvmbok check --only NAME`."""
    run: CheckFn
    order: int = 50
    description: str = ""
    waits_on_a_process: bool = False
    """True for a family that spends its time waiting on another program (Vale): the runner
    starts it first, in a thread, so the Python families run while it waits."""


def discover() -> list[Check]:
    """Every check family in this package, in run order."""
    checks = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        check = getattr(module, "CHECK", None)
        if isinstance(check, Check):
            checks.append(check)
    return sorted(checks, key=lambda c: (c.order, c.name))
