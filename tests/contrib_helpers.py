"""Shared helpers for the contribution tests: a scratch copy of the book and in-process CLI calls."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from cvmbok.cli import main

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "contrib"
IGNORE = shutil.ignore_patterns(".venv", "build", ".git", "__pycache__", ".pytest_cache", ".hypothesis", "node_modules")


def copy_repo(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=IGNORE, symlinks=True)
    return target


def cli(cwd: Path, *args: str) -> tuple[int, str, str]:
    """Run `cvmbok ARGS` in-process from `cwd`; returns (exit code, stdout, stderr)."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse misuse
                code = int(exc.code or 0)
    finally:
        os.chdir(previous)
    return code, out.getvalue(), err.getvalue()


def check_json(cwd: Path, path: Path, *only: str) -> tuple[int, list[dict[str, Any]]]:
    args = ["check", "--format", "json", *[a for o in only for a in ("--only", o)], str(path)]
    code, out, err = cli(cwd, *args)
    assert code in (0, 1), err
    return code, json.loads(out)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under contrib/ and source/ with its bytes, to prove nothing changed."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for folder in ("contrib", "source") for p in sorted((root / folder).rglob("*")) if p.is_file()
    }
