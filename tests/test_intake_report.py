"""`cvmbok check --format github` prints where a leak is and what kind it is, never the name itself."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cvmbok


def test_github_annotations_do_not_repeat_the_leaked_name(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# A page\n\nThe team at Vodafone tested saves. Ask Jane Smithers at jane@mailbox.org.\n", encoding="utf-8")
    result = run_cvmbok("check", "--format", "github", "--only", "leaks", str(page), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert any("title=leak.company" in line and "line=3" in line and "a telecom operator" in line for line in lines), lines
    assert any("title=leak.email" in line and "an e-mail address" in line for line in lines), lines
    assert "Vodafone" not in result.stdout and "mailbox.org" not in result.stdout and "Smithers" not in result.stdout
    text = run_cvmbok("check", "--only", "leaks", str(page), cwd=tmp_path)
    assert "Vodafone" in text.stdout  # people running the check on their own copy still see it
