"""The whole path of a contribution through the real CLI: new -> check -> review -> merge -> build."""

from __future__ import annotations

import os
import pty
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import cvmbok_command, run_cvmbok

BODY = """
Retention budgets go further when offers follow a measured response, not a churn score.

## Situation

A lender with a mid-sized card base offered fee waivers to every customer flagged as
likely to leave.

## What to do

- Hold out a random group in every wave.
- Compare the groups before renewing the budget.[^1]

```{figure} IMAGE
The gap between contacted and held-out customers.
```

[^1]: Renewing without the comparison repeats last year's mistake.
"""


def _front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n"


@pytest.mark.editions
def test_new_check_review_merge_build(scratch_repo: Path, tmp_path: Path) -> None:
    repo = scratch_repo
    created = run_cvmbok("new", "--non-interactive", "--title", "Offers should follow measured response",
                         "--section", "work-of-cvm/churn-prevention", "--kind", "Practice", "--industry", "banking",
                         "--region", "Europe", cwd=repo / "source")  # works from a subfolder, like git
    assert created.returncode == 0, created.stderr
    rel = created.stdout.strip()
    assert re.fullmatch(r"contrib/cvm-[2-9a-z]{6}-offers-should-follow-measured-response\.md", rel)
    cid = rel.split("/")[1][:10]
    path = repo / rel
    head = _front_matter(path)
    assert f"id: {cid}\n" in head and "kind: practice\n" in head and "status: submitted\n" in head
    assert "publish: yes" in head and "acknowledge: no" in head

    from PIL import Image

    (repo / "contrib" / cid).mkdir()
    Image.new("RGB", (40, 20), (30, 90, 160)).save(repo / "contrib" / cid / "gap.png")
    body = BODY.replace("IMAGE", f"{cid}/gap.png")
    path.write_text(head + body, encoding="utf-8")
    clean = run_cvmbok("check", rel, cwd=repo)
    assert clean.returncode == 0, clean.stdout
    assert clean.stdout.strip().endswith("0 errors, 0 warnings, 0 suggestions in 1 file checked")

    path.write_text(head + body + "\n<iframe src=\"https://example.org\"></iframe>\n\n![x](../../secret.png)\n", encoding="utf-8")
    dirty = run_cvmbok("check", rel, cwd=repo)
    assert dirty.returncode == 1
    assert f"{rel} (2 findings)" in dirty.stdout
    assert re.search(rf"{re.escape(rel)}:\d+:1: error \[markup.raw-html\]", dirty.stdout)
    assert "[markup.image-outside]" in dirty.stdout and "fix: " in dirty.stdout
    assert dirty.stdout.strip().endswith("2 errors, 0 warnings, 0 suggestions in 1 file checked")

    refused = run_cvmbok("review", cid, "--accept", cwd=repo)
    assert refused.returncode == 1 and "cannot accept" in refused.stderr
    path.write_text(head + body, encoding="utf-8")
    assert run_cvmbok("review", cid, "--start", "--reviewer", "ed-t1", cwd=repo).returncode == 0
    accepted = run_cvmbok("review", cid, "--accept", "--reviewer", "ed-t1", cwd=repo)
    assert accepted.returncode == 0, accepted.stderr

    merged = run_cvmbok("merge", cid, cwd=repo)
    assert merged.returncode == 0, merged.stderr
    assert f"{cid}: merged into source/04-work-of-cvm/churn-prevention.md" in merged.stdout
    again = run_cvmbok("merge", cid, cwd=repo)
    assert again.returncode == 0 and again.stdout.strip() == f"{cid}: already merged, nothing to do"
    assert "status: merged" in path.read_text(encoding="utf-8")
    copied = repo / "source/04-work-of-cvm/insights" / cid / "gap.png"
    assert copied.read_bytes() == (repo / "contrib" / cid / "gap.png").read_bytes()
    page = (repo / "source/04-work-of-cvm/churn-prevention.md").read_text(encoding="utf-8")
    assert f"```{{figure}} insights/{cid}/gap.png" in page and f"[^{cid}-1]" in page

    out = tmp_path / "out"
    built = run_cvmbok("build", "html", "--out", str(out), cwd=repo)
    assert built.returncode == 0, built.stderr[-3000:]
    chapter = (out / "html/04-work-of-cvm/churn-prevention.html").read_text(encoding="utf-8")
    assert f'id="insight-{cid}"' in chapter and "Offers should follow measured response" in chapter
    assert "Insights from practice" in chapter and f'src="../_images/gap.png"' in chapter
    whats_new = (out / "html/whats-new.html").read_text(encoding="utf-8")
    assert f"#insight-{cid}" in whats_new and "Offers should follow measured response" in whats_new
    assert (out / "html/08-literature/acknowledgements.html").is_file()


def test_new_without_a_terminal_fails_at_once_with_the_missing_flags(scratch_repo: Path) -> None:
    result = run_cvmbok("new", "--title", "Something worth sharing", cwd=scratch_repo, input="", timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == ("cvmbok new: missing --section ... --kind ... --industry ... (there is no terminal "
                                     "to ask on); see `cvmbok new --help` for the allowed values")
    bad = run_cvmbok("new", "--non-interactive", "--title", "Something worth sharing", "--section", "preface",
                     "--kind", "insight", "--industry", "banking", "--region", "France", cwd=scratch_repo)
    assert bad.returncode == 2 and "--region 'France' is not allowed" in bad.stderr and "Asia-Pacific" in bad.stderr
    assert not list((scratch_repo / "contrib").glob("*something-worth-sharing*"))


def test_new_asks_questions_on_a_terminal(scratch_repo: Path) -> None:
    leader, follower = pty.openpty()
    answers = "A question asked on a terminal\n1\n3\n2\n1\nyes\nno\n"
    os.write(leader, answers.encode())
    process = subprocess.run([*cvmbok_command(), "new"], cwd=scratch_repo, stdin=follower,
                             capture_output=True, text=True, timeout=60)
    os.close(leader)
    os.close(follower)
    assert process.returncode == 0, process.stderr
    head = _front_matter(scratch_repo / process.stdout.strip())
    assert "section: preface\n" in head and "kind: pitfall\n" in head and "industry: banking\n" in head
    assert "region: global\n" in head and "kind (number or text):" in process.stderr


def test_new_ids_never_collide_with_ids_in_use(scratch_repo: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cvmbok.contributions import ids
    from cvmbok.repo import Repo

    repo = Repo(scratch_repo)
    taken = ids.used_ids(repo)
    assert {"cvm-7t643n", "cvm-nfp7uj"} <= taken
    # ids survive in merged text even when the contribution file is gone
    next(scratch_repo.glob("contrib/cvm-7t643n-*.md")).unlink()
    assert "cvm-7t643n" in ids.used_ids(repo)
    draws = iter("7t643n" + "nfp7uj" + "abcdef")
    monkeypatch.setattr(ids.secrets, "choice", lambda alphabet: next(draws))
    assert ids.new_id(repo) == "cvm-abcdef"


def test_slugs_are_short_ascii_and_stable() -> None:
    from cvmbok.contributions.slug import slugify

    assert slugify("Don't reward the \"sure things\"!") == "dont-reward-the-sure-things"
    assert slugify("Équipe à Zürich: prix & offres") == "equipe-a-zurich-prix-offres"
    assert len(slugify("word " * 40)) <= 48 and slugify("???") == "contribution"
