"""Helpers shared by the contribution commands (new, status, review, merge, preview)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..checks import CheckContext
from ..errors import CvmbokError
from ..findings import Finding
from ..repo import Repo
from ..sections import chapter_index
from ..checks.runner import check_paths


def check_files(repo: Repo, paths: list[Path], only: list[str] | None = None) -> list[Finding]:
    """Every check family (or `only` these) over `paths`, as `cvmbok check` runs them."""
    if not paths:
        return []
    return check_paths(paths, CheckContext(repo=repo), only).findings


def chapters(repo: Repo) -> dict[str, Any]:
    return dict(chapter_index(repo.source))


def load_one(repo: Repo, contribution_id: str):  # type: ignore[no-untyped-def]
    """(Contribution, findings of its schema) for an id, refusing with the first error when invalid."""
    from ..contributions.store import find_path, load

    path = find_path(repo, contribution_id)
    contribution, findings = load(repo, path, chapters(repo))
    if contribution is None:
        first = next((f for f in findings), None)
        detail = f": {first.path}:{first.line}:{first.column} {first.message}" if first else ""
        raise CvmbokError(f"{contribution_id} cannot be read as a contribution{detail}")
    return contribution, findings
