"""`cvmbok release VERSION` through the real CLI, in a scratch git repository.

Refusals are cheap and checked one by one (nothing may change when the release is
refused); one full release builds the three editions and checks every file it writes.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from cvmbok.release import CHANGELOG_MARKER, add_changelog_entry, stamp_edition_text

from .conftest import run_cvmbok

GIT = ["git", "-c", "user.name=CVMBoK tests", "-c", "user.email=tests@cvmbok.invalid", "-c", "commit.gpgsign=false"]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def clean_repo(scratch_repo: Path) -> Path:
    """The scratch copy as a git repository with everything committed."""
    git(scratch_repo, "init", "-q", "-b", "main")
    git(scratch_repo, "add", "-A")
    git(scratch_repo, "commit", "-q", "-m", "snapshot for a release test")
    return scratch_repo


def snapshot(repo: Path) -> dict[str, bytes]:
    return {name: (repo / name).read_bytes() for name in ("edition.toml", "source/changelog.md")}


# -- refusals (nothing changes) ------------------------------------------------------------

@pytest.mark.parametrize("version", ["2026", "26.1", "2026.0", "2026.1.1", "v2026.1", "2026.x", ""])
def test_bad_version_is_misuse(version: str, tmp_path: Path) -> None:
    result = run_cvmbok("release", version, cwd=tmp_path)
    assert result.returncode == 2
    assert "YYYY.N" in result.stderr and "Traceback" not in result.stderr


def test_refuses_a_dirty_tree_and_changes_nothing(clean_repo: Path) -> None:
    before = snapshot(clean_repo)
    (clean_repo / "source" / "01-preface" / "index.md").write_text("# Preface\n\nEdited.\n", encoding="utf-8")
    result = run_cvmbok("release", "2031.1", cwd=clean_repo)
    assert result.returncode == 1
    assert "uncommitted changes" in result.stderr and "source/01-preface/index.md" in result.stderr
    assert snapshot(clean_repo) == before
    assert not (clean_repo / "build" / "release").exists()


def test_refuses_an_untracked_file(clean_repo: Path) -> None:
    (clean_repo / "source" / "stray.md").write_text("# Stray\n", encoding="utf-8")
    result = run_cvmbok("release", "2031.1", cwd=clean_repo)
    assert result.returncode == 1 and "source/stray.md" in result.stderr


def test_refuses_outside_git(scratch_repo: Path) -> None:
    result = run_cvmbok("release", "2031.1", cwd=scratch_repo)
    assert result.returncode == 1
    assert "not a git checkout" in result.stderr


def test_refuses_when_a_check_fails_and_names_the_finding(clean_repo: Path) -> None:
    bad = clean_repo / "contrib" / "9999-broken.md"
    bad.write_text("---\nid: 9999\n---\n# Broken\n\n<script>alert(1)</script>\n", encoding="utf-8")
    git(clean_repo, "add", "-A")
    git(clean_repo, "commit", "-q", "-m", "a contribution that fails the checks")
    before = snapshot(clean_repo)
    result = run_cvmbok("release", "2031.1", cwd=clean_repo)
    assert result.returncode == 1, result.stderr
    assert "cvmbok check" in result.stderr and "contrib/9999-broken.md" in result.stderr
    assert snapshot(clean_repo) == before


def test_refuses_a_version_already_in_the_changelog(clean_repo: Path) -> None:
    changelog = clean_repo / "source" / "changelog.md"
    changelog.write_text(add_changelog_entry(changelog.read_text(encoding="utf-8"), "2031.1", "## Edition 2031.1\n\nOld.\n"), encoding="utf-8")
    git(clean_repo, "commit", "-q", "-am", "2031.1 released")
    result = run_cvmbok("release", "2031.1", cwd=clean_repo)
    assert result.returncode == 1 and "already lists edition 2031.1" in result.stderr


def test_a_failing_build_restores_edition_and_changelog(clean_repo: Path) -> None:
    page = clean_repo / "source" / "01-preface" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee {ref}`a-label-that-does-not-exist`.\n", encoding="utf-8")
    git(clean_repo, "commit", "-q", "-am", "a broken cross-reference (passes the checks, fails the build)")
    before = snapshot(clean_repo)
    result = run_cvmbok("release", "2031.1", "--date", "2031-03-04", cwd=clean_repo)
    assert result.returncode == 1
    assert "build failed" in result.stderr
    assert snapshot(clean_repo) == before, "a failed release must leave edition.toml and the changelog as they were"
    assert git(clean_repo, "status", "--porcelain") == ""
    assert not (clean_repo / "build" / "release").exists()


# -- pure helpers -------------------------------------------------------------------------

def test_stamp_keeps_comments_and_other_keys() -> None:
    text = '# the one place\ntitle = "T"\nversion = "2026.1"\ndate = "2026-11-28"\nlanguage = "en"\n'
    stamped = stamp_edition_text(text, "2031.2", dt.date(2031, 5, 6))
    assert stamped == '# the one place\ntitle = "T"\nversion = "2031.2"\ndate = "2031-05-06"\nlanguage = "en"\n'


def test_changelog_entries_go_newest_first() -> None:
    text = f"# Changelog\n\nIntro.\n\n{CHANGELOG_MARKER}\n"
    once = add_changelog_entry(text, "2031.1", "## Edition 2031.1\n\nFirst.\n")
    twice = add_changelog_entry(once, "2031.2", "## Edition 2031.2\n\nSecond.\n")
    assert twice.index("Edition 2031.2") < twice.index("Edition 2031.1")


# -- one full release ------------------------------------------------------------------------

def test_release_writes_verifiable_files_and_stamps_the_edition(clean_repo: Path) -> None:
    result = run_cvmbok("release", "2031.2", "--date", "2031-05-06", "--notes", "Second edition of the year.", cwd=clean_repo)
    assert result.returncode == 0, result.stderr[-4000:]
    folder = clean_repo / "build" / "release"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["SHA256SUMS", "cvmbok-2031.2-html.tar.gz", "cvmbok-2031.2.epub", "cvmbok-2031.2.pdf"]
    assert result.stdout.split() == [str(folder / n) for n in
                                     ("cvmbok-2031.2.pdf", "cvmbok-2031.2.epub", "cvmbok-2031.2-html.tar.gz", "SHA256SUMS")]

    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == 3, check.stdout + check.stderr

    edition = (clean_repo / "edition.toml").read_text(encoding="utf-8")
    assert 'version = "2031.2"' in edition and 'date = "2031-05-06"' in edition
    assert edition.startswith("#"), "the comment at the top of edition.toml must survive the stamp"
    changelog = (clean_repo / "source" / "changelog.md").read_text(encoding="utf-8")
    assert "## Edition 2031.2" in changelog and "6 May 2031" in changelog and "Second edition of the year." in changelog
    assert sorted(git(clean_repo, "status", "--porcelain").split()) == ["M", "M", "M", "edition.toml", "source/changelog.md",
                                                                        "source/whats-new.md"]
    assert "# What's new in edition 2031.2" in (clean_repo / "source" / "whats-new.md").read_text(encoding="utf-8")

    reader = PdfReader(folder / "cvmbok-2031.2.pdf")
    assert "2031.2" in reader.pages[0].extract_text() + reader.pages[1].extract_text()
    with zipfile.ZipFile(folder / "cvmbok-2031.2.epub") as book:
        assert book.infolist()[0].filename == "mimetype"
        opf = next(book.read(n).decode() for n in book.namelist() if n.endswith(".opf"))
    assert "2031.2" in opf and "2031-05-06" in opf
    with tarfile.open(folder / "cvmbok-2031.2-html.tar.gz") as tar:
        members = tar.getmembers()
        changelog_page = tar.extractfile("cvmbok-2031.2-html/changelog.html").read().decode()  # type: ignore[union-attr]
    names_in_tar = [m.name for m in members]
    assert names_in_tar == sorted(names_in_tar)
    assert "cvmbok-2031.2-html/index.html" in names_in_tar
    assert "cvmbok-2031.2-html/downloads/cvmbok.pdf" in names_in_tar
    assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
    epoch = int(dt.datetime(2031, 5, 6, tzinfo=dt.timezone.utc).timestamp())
    assert {m.mtime for m in members} == {epoch}
    assert "Edition 2031.2" in changelog_page, "the released book lists its own edition in the changelog"

    # CI on the tag: the committed stamp rebuilt elsewhere gives the same files, byte for byte.
    git(clean_repo, "commit", "-q", "-am", "Edition 2031.2")
    again = clean_repo.parent / "rebuilt"
    result = run_cvmbok("release", "2031.2", "--rebuild", "--out", str(again), cwd=clean_repo)
    assert result.returncode == 0, result.stderr[-4000:]
    assert (again / "SHA256SUMS").read_text(encoding="utf-8") == (folder / "SHA256SUMS").read_text(encoding="utf-8")


def test_rebuild_refuses_a_version_the_commit_is_not(clean_repo: Path) -> None:
    result = run_cvmbok("release", "2031.9", "--rebuild", cwd=clean_repo)
    assert result.returncode == 1
    assert "edition.toml says version" in result.stderr and "2031.9" in result.stderr


def test_date_and_source_date_epoch_must_agree(clean_repo: Path) -> None:
    result = run_cvmbok("release", "2031.1", "--date", "2031-01-01", cwd=clean_repo, env={"SOURCE_DATE_EPOCH": "1800000000"})
    assert result.returncode == 2 and "name different days" in result.stderr
    assert git(clean_repo, "status", "--porcelain") == ""
