"""pre-commit runs the local hooks (cvmbok check, hygiene) on a staged file in a scratch git repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from .conftest import ROOT, VENV_BIN
from .contrib_helpers import SAMPLE_SUBMITTED, copy_repo


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)


def _pre_commit(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "SKIP": ""}
    return subprocess.run([str(VENV_BIN / "pre-commit"), "run", "--color", "never", "--files", *files],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_hooks_are_local_and_the_reusable_hook_is_declared() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"], "no hook may download anything"
    ids = [h["id"] for h in config["repos"][0]["hooks"]]
    assert ids[0] == "cvmbok-check", "the contribution check runs first"
    assert {"cvmbok-check", "cvmbok-generated-pages", "trailing-whitespace", "end-of-file-fixer", "check-yaml"} <= set(ids)
    reusable = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in reusable] == ["cvmbok-check"] and reusable[0]["entry"] == "cvmbok check"


def test_pre_commit_runs_the_hooks_on_a_staged_file(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    (repo / ".venv").symlink_to(ROOT / ".venv")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "add", "-A")
    target = next((repo / "contrib").glob(f"{SAMPLE_SUBMITTED}-*.md"))
    rel = target.relative_to(repo).as_posix()
    original = target.read_text(encoding="utf-8")
    target.write_text(original + "\nA line with <b>raw HTML</b> and trailing spaces. \t\n\n\n", encoding="utf-8")
    _git(repo, "add", rel)

    failed = _pre_commit(repo, tmp_path / "pre-commit-home", rel)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "cvmbok check (front matter, markup, terminology, leaks)" in output
    assert f"{rel}:" in output and "[markup.raw-html]" in output
    assert "trim trailing whitespace" in output and "Fixing " + rel in output
    fixed = target.read_text(encoding="utf-8")
    assert fixed.endswith("trailing spaces.\n"), "the hygiene hooks fixed whitespace and the final newlines"

    target.write_text(original, encoding="utf-8")
    _git(repo, "add", rel)
    passed = _pre_commit(repo, tmp_path / "pre-commit-home", rel, "contrib/acknowledgements.yml")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Failed" not in passed.stdout and passed.stdout.count("Passed") >= 4
