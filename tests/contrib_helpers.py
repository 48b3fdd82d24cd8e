"""Shared helpers for the contribution tests: a scratch copy of the book and in-process CLI calls."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from cvmbok.cli import main
from cvmbok.repo import NOT_COPIED

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "contrib"
IGNORE = shutil.ignore_patterns(*NOT_COPIED)


SAMPLES = FIXTURES / "samples"
"""The tests' own contributions, one per status, so that editors merging or rejecting the
shipped samples for real never changes what a test sees. `cvm-tmrg2x` arrives accepted and
is merged by `copy_repo`, which gives a merged contribution with its block in a chapter."""
SAMPLE_ACCEPTED, SAMPLE_SUBMITTED, SAMPLE_REJECTED, SAMPLE_MERGED = "cvm-tacc2x", "cvm-tsub2x", "cvm-trej2x", "cvm-tmrg2x"


def copy_repo(target: Path, *, samples: bool = True) -> Path:
    """A scratch copy of the repository; with `samples`, the test contributions are added."""
    shutil.copytree(ROOT, target, ignore=IGNORE, symlinks=True)
    if samples:
        # the shipped contributions still under review are the editors' business, not the tests'
        for shipped in (target / "contrib").glob("cvm-*.md"):
            if "\nstatus: merged\n" not in shipped.read_text(encoding="utf-8").split("\n---", 1)[0]:
                shutil.rmtree(shipped.with_suffix(""), ignore_errors=True)
                shipped.unlink()
        for sample in sorted(SAMPLES.glob("*.md")):
            shutil.copy2(sample, target / "contrib" / sample.name)
        code, _, err = cli(target, "merge", SAMPLE_MERGED)
        assert code == 0, f"the merged test sample could not be merged: {err}"
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
