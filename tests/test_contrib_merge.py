"""Review and merge: refusals with reasons, atomicity under injected failures, idempotency, provenance."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from cvmbok.contributions import merge as merge_module
from cvmbok.contributions import store

from .conftest import ROOT
from .contrib_helpers import (SAMPLE_ACCEPTED, SAMPLE_MERGED, SAMPLE_REJECTED, SAMPLE_SUBMITTED, cli, copy_repo,
                              snapshot)

ACCEPTED, SUBMITTED, MERGED, REJECTED = SAMPLE_ACCEPTED, SAMPLE_SUBMITTED, SAMPLE_MERGED, SAMPLE_REJECTED


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


def contribution_file(repo: Path, cid: str) -> Path:
    return next((repo / "contrib").glob(f"{cid}-*.md"))


def test_merge_refuses_a_contribution_that_is_not_accepted(repo: Path) -> None:
    before = snapshot(repo)
    code, _, err = cli(repo, "merge", SUBMITTED)
    assert code == 1
    assert err.strip().splitlines() == [
        f"cvmbok merge: refusing to merge {SUBMITTED}: its status is 'submitted', not 'accepted' "
        f"(an editor accepts it with `cvmbok review {SUBMITTED} --accept`)"]
    assert snapshot(repo) == before


def test_merge_refuses_when_a_check_reports_an_error(repo: Path) -> None:
    path = contribution_file(repo, ACCEPTED)
    path.write_text(path.read_text(encoding="utf-8") + "\nA <script>alert(1)</script> slipped in after review.\n", encoding="utf-8")
    before = snapshot(repo)
    code, _, err = cli(repo, "merge", ACCEPTED)
    assert code == 1 and "2 error findings" in err and "[markup.raw-html]" in err and len(err.strip().splitlines()) == 1
    assert snapshot(repo) == before


def test_merge_misuse_and_unknown_ids(repo: Path) -> None:
    assert cli(repo, "merge")[0] == 2
    assert cli(repo, "merge", "--all", ACCEPTED)[0] == 2
    code, _, err = cli(repo, "merge", "cvm-nosuch")
    assert code == 2 and "no contribution with id 'cvm-nosuch'" in err and ACCEPTED in err


def test_merge_is_idempotent_and_keeps_the_contribution(repo: Path) -> None:
    code, out, _ = cli(repo, "merge", ACCEPTED)
    assert code == 0 and f"{ACCEPTED}: merged into source/04-work-of-cvm/campaign-design-and-measurement.md" in out
    after_first = snapshot(repo)
    code, out, _ = cli(repo, "merge", ACCEPTED)
    assert code == 0 and f"{ACCEPTED}: already merged, nothing to do" in out
    code, _, _ = cli(repo, "merge", "--all")
    assert code == 0 and snapshot(repo) == after_first

    page = (repo / "source/04-work-of-cvm/campaign-design-and-measurement.md").read_text(encoding="utf-8")
    assert page.count(merge_module.begin_marker(ACCEPTED)) == 1 and page.count(merge_module.PART_HEADING) == 1
    assert f"(insight-{ACCEPTED})=\n### Size the control group before launch, not after the results\n" in page
    assert "#### Why it matters" in page and "\nid: " not in page and "consent:" not in page
    text = contribution_file(repo, ACCEPTED).read_text(encoding="utf-8")
    assert "status: merged" in text and "into: source/04-work-of-cvm/campaign-design-and-measurement.md" in text
    assert f"anchor: insight-{ACCEPTED}" in text and "outcome: merged" in text
    assert "Size the control group" in (repo / "source/whats-new.md").read_text(encoding="utf-8")


def test_insert_block_replaces_its_own_block_and_never_doubles_it() -> None:
    page = "# Chapter\n\nText.\n"
    once = merge_module.insert_block(page, "cvm-aaaa11", "% CVMBoK contribution cvm-aaaa11 begin\nv1\n% CVMBoK contribution cvm-aaaa11 end\n")
    twice = merge_module.insert_block(once, "cvm-aaaa11", "% CVMBoK contribution cvm-aaaa11 begin\nv2\n% CVMBoK contribution cvm-aaaa11 end\n")
    other = merge_module.insert_block(twice, "cvm-bbbb22", "% CVMBoK contribution cvm-bbbb22 begin\nB\n% CVMBoK contribution cvm-bbbb22 end\n")
    assert "v1" not in twice and twice.count("v2") == 1 and twice.count(merge_module.PART_HEADING) == 1
    assert other.index("v2") < other.index("\nB\n") and other.count(merge_module.PART_HEADING) == 1


def test_a_failure_midway_leaves_every_file_as_it_was(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The third file replacement fails: the two already replaced get their old bytes back."""
    before = snapshot(repo)
    real_replace = os.replace
    calls = []

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(Path(dst))
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(store.os, "replace", failing_replace)
    code, _, err = cli(repo, "merge", ACCEPTED)
    assert code == 1 and len(calls) == 3
    assert "No space left on device; no file was changed" in err
    assert snapshot(repo) == before
    assert not [p for p in repo.rglob(".*.tmp")], "temporary files are cleaned up"


def test_a_target_that_cannot_be_written_changes_nothing(repo: Path) -> None:
    """The What's new page is replaced by a folder: staging fails before anything is replaced."""
    page = repo / "source" / "whats-new.md"
    page.unlink()
    page.mkdir()
    before = snapshot(repo)
    code, _, err = cli(repo, "merge", ACCEPTED)
    assert code == 1 and "source/whats-new.md" in err and "no file was changed" in err
    assert snapshot(repo) == before


def test_review_records_outcomes_and_refuses_wrong_transitions(repo: Path) -> None:
    path = contribution_file(repo, SUBMITTED)
    code, _, err = cli(repo, "review", SUBMITTED, "--request-changes")
    assert code == 2 and "--note is required" in err
    code, _, err = cli(repo, "review", SUBMITTED, "--accept", "--reviewer", "Jane Example")
    assert code == 2 and "never a name" in err
    code, out, _ = cli(repo, "review", SUBMITTED, "--start", "--reviewer", "ed-q4")
    assert code == 0 and out.strip() == f"{SUBMITTED}: in-review ({path.relative_to(repo).as_posix()})"
    code, _, _ = cli(repo, "review", SUBMITTED, "--request-changes", "--note", "Round the figures.")
    assert code == 0
    code, _, err = cli(repo, "review", SUBMITTED, "--accept")
    assert code == 1 and "only from submitted, in-review" in err
    text = path.read_text(encoding="utf-8")
    assert "status: changes-requested" in text and "reviewer: ed-q4" in text and "note: Round the figures." in text
    assert re.search(r"outcome: in-review\n  reviewer: ed-q4\n  body_digest: [0-9a-f]{16}\n- date: \d{4}-\d\d-\d\d\n  outcome: changes-requested", text)
    assert cli(repo, "review", REJECTED, "--accept")[0] == 1
    code, _, err = cli(repo, "review", MERGED, "--reject", "--note", "x")
    assert code == 1 and "already merged" in err


def test_accept_refuses_while_checks_report_errors(repo: Path) -> None:
    path = contribution_file(repo, SUBMITTED)
    path.write_text(path.read_text(encoding="utf-8") + "\n```{include} /etc/passwd\n```\n", encoding="utf-8")
    before = path.read_bytes()
    code, _, err = cli(repo, "review", SUBMITTED, "--accept")
    assert code == 1 and "cannot accept" in err and "markup.directive-not-allowed" in err
    assert path.read_bytes() == before


def test_status_lists_the_queue_with_check_summaries(repo: Path) -> None:
    code, out, _ = cli(repo, "status")
    assert code == 0
    headers = [line for line in out.splitlines() if not line.startswith(" ")]
    merged = 1 + sum("\nstatus: merged\n" in p.read_text(encoding="utf-8") for p in (ROOT / "contrib").glob("cvm-*.md"))
    assert headers[:-1] == ["submitted (1)", "in-review (1)", "changes-requested (1)", "accepted (1)", f"merged ({merged})", "rejected (1)"]
    assert headers[-1] == f"1 submitted, 1 in-review, 1 changes-requested, 1 accepted, {merged} merged, 1 rejected"
    assert f"  {ACCEPTED}  Size the control group before launch, not after the results  [work-of-cvm/campaign-design-and-measurement]  clean" in out


def test_generated_pages_are_fresh_and_carry_only_opted_in_names(repo: Path) -> None:
    code, out, _ = cli(ROOT, "generate", "--check")
    assert code == 0, "committed generated pages are stale: run `cvmbok generate`"
    (repo / "contrib" / "acknowledgements.yml").write_text("names:\n  - Zoe Example\n  - adam Sample\n", encoding="utf-8")
    code, _, err = cli(repo, "generate", "--check")
    assert code == 1 and "source/08-literature/acknowledgements.md" in err
    assert cli(repo, "generate")[0] == 0
    page = (repo / "source/08-literature/acknowledgements.md").read_text(encoding="utf-8")
    assert page.index("- adam Sample") < page.index("- Zoe Example")
    assert "cvm-" not in page and "insight-" not in page
    (repo / "contrib" / "acknowledgements.yml").write_text("names:\n  - name: Zoe Example\n    id: cvm-7t643n\n", encoding="utf-8")
    code, _, err = cli(repo, "generate")
    assert code == 1 and "list of names" in err


def test_preview_merges_into_a_scratch_copy_only(repo: Path, tmp_path: Path) -> None:
    """The non-serving part of `cvmbok preview`: scratch copy plus merge, whatever the status."""
    scratch = tmp_path / "scratch"
    shutil.copytree(repo, scratch)
    before = snapshot(repo)
    code, _, err = cli(repo, "preview", SUBMITTED, "--sync-into", str(scratch))
    assert code == 0, err
    page = (scratch / "source/06-collaboration/finance.md").read_text(encoding="utf-8")
    assert merge_module.begin_marker(SUBMITTED) in page
    assert "status: submitted" in contribution_file(scratch, SUBMITTED).read_text(encoding="utf-8")
    assert snapshot(repo) == before
    # a second sync after an edit replaces the block instead of adding one
    path = contribution_file(repo, SUBMITTED)
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert cli(repo, "preview", SUBMITTED, "--sync-into", str(scratch))[0] == 0
    page = (scratch / "source/06-collaboration/finance.md").read_text(encoding="utf-8")
    assert page.count(merge_module.begin_marker(SUBMITTED)) == 1 and "One more line." in page
