"""Shared fixtures: the repository, the CLI, and one real build of all three editions per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cvmbok.repo import NOT_COPIED

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def cvmbok_command() -> list[str]:
    """The installed `cvmbok` console script, exactly as a user runs it."""
    script = VENV_BIN / "cvmbok"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cvmbok"]


def run_cvmbok(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None,
               input: str | None = None, timeout: float = 1800) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cvmbok_command(), *args], cwd=cwd, env={**os.environ, **(env or {})},
        input=input, capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


def build_epoch_env() -> dict[str, str]:
    """One fixed build time (SOURCE_DATE_EPOCH) for every build of the session, so two builds
    of the same tree can be compared byte for byte (tests/test_release_reproducible.py)."""
    from cvmbok.edition import load_edition
    from cvmbok.reproducible import build_epoch

    return {"SOURCE_DATE_EPOCH": str(build_epoch(load_edition(ROOT / "edition.toml").date))}


@pytest.fixture(scope="session")
def built_editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All three editions built once per test session with the real CLI; returns the output folder."""
    out = tmp_path_factory.mktemp("editions")
    result = run_cvmbok("build", "all", "--out", str(out), env=build_epoch_env())
    if result.returncode != 0:
        pytest.fail(f"cvmbok build all failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return out


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    """A copy of the repository's tracked content (no .venv, no build) to break on purpose."""
    target = tmp_path / "repo"
    ignore = shutil.ignore_patterns(*NOT_COPIED)
    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    return target


# Modules whose every test runs a real edition build (release builds all three editions).
_BUILD_MODULES = {"test_release", "test_release_reproducible"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark slow tests from what they use, so `make test-fast` can leave them out without
    anyone having to remember a decorator: a test that uses the session's built editions
    or lives in a module that builds is an `editions` test."""
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if getattr(item, "module", None) else ""
        if "built_editions" in getattr(item, "fixturenames", ()) or module in _BUILD_MODULES:
            item.add_marker(pytest.mark.editions)
