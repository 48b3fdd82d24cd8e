"""The intake's commands without a running server: refusals, editor accounts, the CI guard."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_intake_support import KEY, clone, intake_env, run


def test_serve_refuses_to_start_without_the_key(tmp_path: Path) -> None:
    env = intake_env()
    env.pop("CVMBOK_INTAKE_KEY")
    result = run("serve", "--data", str(tmp_path / "data"), "--port", "8", cwd=ROOT, env=env)
    assert result.returncode == 2
    assert "CVMBOK_INTAKE_KEY is not set" in result.stderr and "Traceback" not in result.stderr
    short = run("serve", "--data", str(tmp_path / "data"), cwd=ROOT, env={**env, "CVMBOK_INTAKE_KEY": "short"})
    assert short.returncode == 2 and "at least 32" in short.stderr
    assert not (tmp_path / "data").exists()


def test_serve_refuses_a_data_folder_inside_the_repository(tmp_path: Path) -> None:
    result = run("serve", "--data", str(ROOT / "intake-data"), cwd=ROOT)
    assert result.returncode == 2 and "inside the repository" in result.stderr
    assert not (ROOT / "intake-data").exists()


def test_bad_database_url_is_a_usage_error(tmp_path: Path) -> None:
    result = run("serve", "--data", str(tmp_path / "d"), "--database", "mysql://x/y", cwd=ROOT)
    assert result.returncode == 2 and "only postgresql://" in result.stderr


def test_editor_accounts(tmp_path: Path) -> None:
    storage = ["--data", str(tmp_path / "data")]
    assert run("editors", "add", "Jane Doe", *storage, cwd=ROOT, input="x" * 20 + "\n").returncode == 2
    weak = run("editors", "add", "ed-k7", *storage, cwd=ROOT, input="short\n")
    assert weak.returncode == 2 and "password refused" in weak.stderr
    assert run("editors", "add", "ed-k7", *storage, cwd=ROOT, input="a long enough passphrase\n").returncode == 0
    listed = run("editors", "list", *storage, cwd=ROOT)
    assert listed.stdout.split() == ["ed-k7"]
    raw = b"".join(p.read_bytes() for p in (tmp_path / "data").glob("intake.sqlite3*"))
    assert b"a long enough passphrase" not in raw and b"argon2" in raw
    assert run("editors", "remove", "ed-k7", *storage, cwd=ROOT).returncode == 0
    assert run("editors", "remove", "ed-k7", *storage, cwd=ROOT).returncode == 1


def _commit(repo: Path, name: str, text: str, env: dict[str, str] | None = None) -> None:
    (repo / "contrib" / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", f"contrib/{name}"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", "add", "--", f"contrib/{name}"], check=True,
                   env=env)


@pytest.fixture
def pr_clone(tmp_path: Path) -> Path:
    return clone(tmp_path / "repo")


def test_ci_guard_fails_an_insight_that_skipped_the_intake(pr_clone: Path) -> None:
    sample = next((pr_clone / "contrib").glob("cvm-nfp7uj-*.md")).read_text(encoding="utf-8")
    _commit(pr_clone, "cvm-zzzz22-public-pull-request.md", sample.replace("cvm-nfp7uj", "cvm-zzzz22"))
    result = run("intake", "verify-contrib", "--base", "origin/HEAD", cwd=pr_clone)
    assert result.returncode == 1
    assert "contrib/cvm-zzzz22-public-pull-request.md" in result.stdout
    assert "neutral identity" in result.stdout and "private intake" in result.stderr


def test_ci_guard_passes_editors_changes_to_existing_files(pr_clone: Path) -> None:
    existing = next((pr_clone / "contrib").glob("cvm-nfp7uj-*.md"))
    existing.write_text(existing.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(pr_clone), "commit", "-q", "-am", "review"], check=True)
    result = run("intake", "verify-contrib", "--base", "origin/HEAD", cwd=pr_clone)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_guard_needs_status_accepted_even_from_the_neutral_identity(pr_clone: Path) -> None:
    import os

    sample = next((pr_clone / "contrib").glob("cvm-nfp7uj-*.md")).read_text(encoding="utf-8")
    neutral = {**os.environ, "GIT_AUTHOR_NAME": "CVMBoK editors", "GIT_AUTHOR_EMAIL": "editors@cvmbok.invalid",
               "GIT_COMMITTER_NAME": "CVMBoK editors", "GIT_COMMITTER_EMAIL": "editors@cvmbok.invalid",
               "GIT_AUTHOR_DATE": "2026-11-30T00:00:00+0000", "GIT_COMMITTER_DATE": "2026-11-30T00:00:00+0000"}
    text = sample.replace("cvm-nfp7uj", "cvm-zzzz33")
    status = next(line for line in text.splitlines() if line.startswith("status:"))
    _commit(pr_clone, "cvm-zzzz33-neutral.md", text.replace(status, "status: submitted"), env=neutral)
    result = run("intake", "verify-contrib", "--base", "origin/HEAD", cwd=pr_clone)
    assert result.returncode == 1 and "not accepted" in result.stdout


def test_the_cli_does_not_import_django_unless_the_intake_runs() -> None:
    code = ("import sys; from cvmbok.cli import build_parser; build_parser(); "
            "import cvmbok.checks.runner; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'waitress', 'argon2', 'psycopg'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_migrations_match_the_models(tmp_path: Path) -> None:
    code = ("from pathlib import Path; from cvmbok.intake.config import IntakeConfig; "
            "from cvmbok.intake.settings import configure; from cvmbok.repo import Repo; "
            f"configure(IntakeConfig(Path({str(tmp_path)!r}), Repo(Path({str(ROOT)!r})), {KEY!r})); "
            "from django.core.management import call_command; "
            "call_command('makemigrations', 'intake', '--check', '--dry-run', verbosity=1)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, "the models changed without a migration: " + done.stdout + done.stderr
