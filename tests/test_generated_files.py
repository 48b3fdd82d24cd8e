"""Every check of generated files answers the same way: one line per stale file naming the
command that regenerates it, exit 1; and exit 0 with "up to date" when nothing is stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cvmbok


def _break_terms(repo: Path) -> str:
    rule = repo / "styles" / "CVMBoK" / "Terms.yml"
    rule.write_text(rule.read_text(encoding="utf-8") + "# hand edit\n", encoding="utf-8")
    return "styles/CVMBoK/Terms.yml"


def _break_pages(repo: Path) -> str:
    page = repo / "source" / "whats-new.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA hand edit.\n", encoding="utf-8")
    return "source/whats-new.md"


def _break_leaks_rule(repo: Path) -> str:
    rule = repo / "styles" / "CVMBoK" / "Leaks.yml"
    rule.write_text(rule.read_text(encoding="utf-8") + "# hand edit\n", encoding="utf-8")
    return "styles/CVMBoK/Leaks.yml"


@pytest.mark.parametrize("check, regenerate, spoil", [
    (["terms", "check"], "cvmbok terms generate", _break_terms),
    (["generate", "--check"], "cvmbok generate", _break_pages),
    (["names", "generate-vale", "--check"], "cvmbok names generate-vale", _break_leaks_rule),
])
def test_stale_generated_files_are_reported_alike(scratch_repo: Path, check: list[str], regenerate: str, spoil) -> None:  # type: ignore[no-untyped-def]
    fresh = run_cvmbok(*check, cwd=scratch_repo)
    assert fresh.returncode == 0 and "up to date" in fresh.stdout, fresh.stdout + fresh.stderr
    path = spoil(scratch_repo)
    stale = run_cvmbok(*check, cwd=scratch_repo)
    assert stale.returncode == 1
    assert stale.stderr.splitlines() == [f"{path} is stale: run `{regenerate}` and commit it"]
