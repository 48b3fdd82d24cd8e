"""A release: one command that turns a clean, checked commit into verifiable files.

`release()` refuses before it changes anything (bad version, dirty tree, failing
checks, a version already in the changelog), then stamps the version and date in
`edition.toml` (the one place they live), adds the edition to the changelog page,
builds the three editions with one fixed `SOURCE_DATE_EPOCH`, and writes:

    build/release/cvmbok-VERSION.pdf
    build/release/cvmbok-VERSION.epub
    build/release/cvmbok-VERSION-html.tar.gz   (the website, reproducible archive)
    build/release/SHA256SUMS                   (`sha256sum -c SHA256SUMS` checks them)

The stamp is one journaled transaction that stays open during the build
(`cvmbok.fileio.replace_all`): if the build fails, is interrupted or gets SIGTERM,
`edition.toml` and the changelog get their old bytes back at once; after SIGKILL the
next cvmbok command does it (and removes the `build/release-build-*` folder). The
build's processes (Sphinx, make, latexmk, xelatex) end with the release however it
ends, SIGKILL included (`cvmbok.process_group`). The stamp is kept only when the
release files are written, so a failed release leaves the tree as it found it.

The build time is midnight UTC of the release date (or `SOURCE_DATE_EPOCH` when set):
the date printed in the book is then the stamped date, and anyone can rebuild the
released commit with that epoch and get the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from . import locking
from .contributions import generated_pages
from .contributions.store import load_all
from .sections import chapter_index
from .tools import require_tool
from .fileio import fault_point, replace_all, umask_mode
from .checks import CheckContext
from .checks.runner import check_paths, collect_paths, default_paths
from .edition import load_edition
from .builder import EDITIONS, Progress, build_editions, validate_epub
from .errors import CvmbokError, ToolMissingError, UsageError
from .findings import Finding, Severity, error_summary, has_errors
from .repo import Repo
from .reproducible import build_epoch, epoch_of_date, sha256sums, source_date, write_tar_gz
from .reproducible import source_date_epoch as pinned_epoch

VERSION_RE = re.compile(r"^(?P<year>\d{4})\.(?P<number>[1-9]\d{0,2})$")
CHANGELOG = Path("source") / "changelog.md"
CHANGELOG_MARKER = "<!-- cvmbok release adds each new edition below this line, newest first -->"


@dataclass(frozen=True)
class ReleaseFiles:
    folder: Path
    pdf: Path
    epub: Path
    html_archive: Path
    sums: Path

    @property
    def all(self) -> list[Path]:
        return [self.pdf, self.epub, self.html_archive, self.sums]


def parse_version(version: str) -> str:
    """`YYYY.N` (year, then the edition's number within the year, from 1)."""
    if not VERSION_RE.match(version):
        raise UsageError(
            f"version {version!r} is not YYYY.N: use the year and the edition's number in it, for example 2026.1"
        )
    return version


def git(repo: Repo, *args: str) -> str:
    done = subprocess.run([require_tool("git", why="a release is made from a commit"), *args], cwd=repo.root,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CvmbokError(f"git {' '.join(args)} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def dirty_paths(repo: Repo) -> list[str]:
    """Changed, staged or untracked (not ignored) paths: anything a build could pick up."""
    try:
        status = git(repo, "status", "--porcelain", "--untracked-files=all")
    except CvmbokError as exc:
        raise CvmbokError(f"{repo.root} is not a git checkout ({exc}); a release is made from a commit") from exc
    return [line[3:] for line in status.splitlines() if line.strip()]


def head_commit(repo: Repo) -> str:
    return git(repo, "rev-parse", "--short=12", "HEAD").strip()


def stamp_edition_text(text: str, version: str, date: dt.date) -> str:
    """`edition.toml` with new `version` and `date` values, comments and order kept."""
    for key, value in (("version", version), ("date", date.isoformat())):
        pattern = re.compile(rf'^{key}\s*=\s*"[^"\n]*"[ \t]*$', re.MULTILINE)
        text, count = pattern.subn(f'{key} = "{value}"', text, count=1)
        if count != 1:
            raise CvmbokError(f'edition.toml has no line `{key} = "..."` to stamp; add one')
    return text


def changelog_entry(version: str, date: dt.date, commit: str, notes: str) -> str:
    date_text = f"{date.day} {date.strftime('%B %Y')}"
    lines = [
        f"## Edition {version}",
        "",
        f"Released on {date_text} from commit `{commit}`. The PDF, ePub and website",
        f"archive of this edition are listed with their SHA-256 checksums in `SHA256SUMS`.",
    ]
    if notes.strip():
        lines += ["", notes.strip()]
    return "\n".join(lines) + "\n"


def add_changelog_entry(text: str, version: str, entry: str) -> str:
    """The changelog with `entry` inserted right below the marker (newest first)."""
    if re.search(rf"^## Edition {re.escape(version)}\s*$", text, re.MULTILINE):
        raise CvmbokError(f"the changelog already lists edition {version}: pick the next number")
    if CHANGELOG_MARKER not in text:
        raise CvmbokError(f"{CHANGELOG} lacks the line `{CHANGELOG_MARKER}`; put it back where new editions go")
    return text.replace(CHANGELOG_MARKER, f"{CHANGELOG_MARKER}\n\n{entry.rstrip()}", 1)


@contextmanager
def source_date_epoch(epoch: int) -> Iterator[None]:
    """Every tool the build starts (Sphinx, XeTeX) sees this build time."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def release_date(today: dt.date | None) -> dt.date:
    """The date to stamp: given, else the day of `SOURCE_DATE_EPOCH`, else today (UTC)."""
    if today is not None:
        return today
    return source_date() or dt.datetime.now(tz=dt.timezone.utc).date()


def package(built: Path, version: str, folder: Path, epoch: int) -> ReleaseFiles:
    """Write the release files into a fresh folder beside `folder`, then swap it in."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        os.chmod(staging, umask_mode(directory=True))  # published: not mkdtemp's 700
        pdf = staging / f"cvmbok-{version}.pdf"
        epub = staging / f"cvmbok-{version}.epub"
        archive = staging / f"cvmbok-{version}-html.tar.gz"
        shutil.copyfile(built / "cvmbok.pdf", pdf)
        shutil.copyfile(built / "cvmbok.epub", epub)
        write_tar_gz(built / "html", archive, f"cvmbok-{version}-html", epoch)
        sums = staging / "SHA256SUMS"
        sums.write_text(sha256sums([pdf, epub, archive]), encoding="utf-8")
        if folder.exists():
            old = folder.with_name(f".{folder.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(folder, old)
            os.replace(staging, folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ReleaseFiles(
        folder,
        folder / pdf.name,
        folder / epub.name,
        folder / archive.name,
        folder / "SHA256SUMS",
    )


def preflight(repo: Repo, version: str, names_file: Path | None) -> None:
    """Every reason to refuse, checked before anything is written."""
    parse_version(version)
    dirty = dirty_paths(repo)
    if dirty:
        shown = ", ".join(dirty[:8]) + (" ..." if len(dirty) > 8 else "")
        raise CvmbokError(
            f"the working tree has uncommitted changes ({shown}); commit or remove them, "
            "because a release must be rebuildable from its commit"
        )
    changelog = repo.root / CHANGELOG
    if not changelog.is_file():
        raise CvmbokError(f"{CHANGELOG} is missing; restore it from git (the release adds the edition to it)")
    add_changelog_entry(changelog.read_text(encoding="utf-8"), version, "")  # raises if already released
    findings = book_findings(repo, names_file)
    if has_errors(findings):
        raise CvmbokError(f"`cvmbok check` reports {error_summary(findings, limit=20)}\nfix them before releasing")


def book_findings(repo: Repo, names_file: Path | None) -> list[Finding]:
    """`cvmbok check` over contrib/ and source/, exactly as the CLI runs it."""
    return check_paths(collect_paths(default_paths(repo)), CheckContext(repo=repo, names_file=names_file)).findings


def release(
    repo: Repo,
    version: str,
    *,
    progress: Progress,
    today: dt.date | None = None,
    notes: str = "",
    out: Path | None = None,
    names_file: Path | None = None,
) -> ReleaseFiles:
    """Make release `version` of the book in `repo`; see the module docstring for the steps."""
    preflight(repo, version, names_file)
    date = release_date(today)
    pinned = pinned_epoch()
    epoch = pinned if pinned is not None else epoch_of_date(date)
    if dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).date() != date:
        raise UsageError(
            f"--date {date.isoformat()} and SOURCE_DATE_EPOCH={epoch} name different days; the book would print "
            "the wrong date: unset SOURCE_DATE_EPOCH or drop --date"
        )
    commit = head_commit(repo)
    changelog = repo.root / CHANGELOG
    folder = (out or repo.build / "release").resolve()
    stamps = {
        repo.edition_file: stamp_edition_text(repo.edition_file.read_text(encoding="utf-8"), version, date),
        changelog: add_changelog_entry(changelog.read_text(encoding="utf-8"), version,
                                       changelog_entry(version, date, commit, notes)),
        repo.source / generated_pages.WHATS_NEW_PAGE: whats_new_for(repo, version),
    }
    with locking.repo_lock(repo.root, f"cvmbok release {version}"), \
            replace_all({path: text.encode("utf-8") for path, text in stamps.items()},
                        locking.journal_path(repo.root), locking.holder_command(repo.root)):
        stamped = load_edition(repo.edition_file)  # fails loudly if the stamp broke the file
        if stamped.version != version:
            raise CvmbokError(f"edition.toml reads back version {stamped.version!r} after stamping {version!r}")
        progress(f"stamped edition {version} ({date.isoformat()}) in edition.toml and {CHANGELOG}")
        fault_point("release-build")
        files = build_and_package(repo, version, folder, epoch, progress)
    progress(f"release {version} written to {files.folder}")
    return files


def whats_new_for(repo: Repo, version: str) -> str:
    """What's new as edition `version` shows it (and as `cvmbok generate` will find it after the stamp)."""
    contributions, _ = load_all(repo, chapter_index(repo.source))
    return generated_pages.whats_new_after_release(repo, version, [c.meta for c in contributions])


def build_and_package(repo: Repo, version: str, folder: Path, epoch: int, progress: Progress) -> ReleaseFiles:
    """Build the three editions at build time `epoch` in a scratch folder, check the ePub, package."""
    repo.build.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=locking.RELEASE_SCRATCH_PREFIX, dir=repo.build) as scratch, source_date_epoch(epoch):
        built = Path(scratch)
        build_editions(repo, list(EDITIONS), built, progress)
        progress("checking the ePub with epubcheck ...")
        messages = validate_epub(built / "cvmbok.epub")
        if messages:
            raise CvmbokError("epubcheck found problems in the ePub:\n" + "\n".join(messages))
        return package(built, version, folder, epoch)


def recorded_identity(repo: Repo) -> tuple[str, dt.date]:
    """The version and date written in `edition.toml`, ignoring any SOURCE_DATE_EPOCH override."""
    try:
        data = tomllib.loads(repo.edition_file.read_text(encoding="utf-8"))
        return str(data["version"]), dt.date.fromisoformat(str(data["date"]))
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{repo.edition_file}: cannot read version and date: {exc}") from exc


def rebuild(
    repo: Repo,
    version: str,
    *,
    progress: Progress,
    out: Path | None = None,
    names_file: Path | None = None,
) -> ReleaseFiles:
    """Rebuild released edition `version` from its commit (CI does this on the tag).

    Nothing is stamped: `edition.toml` must already say `version` and the changelog list
    it. The build time is midnight UTC of the recorded date, as in `release()`, so the
    files are byte-identical to the ones the maintainer made and SHA256SUMS match.
    """
    parse_version(version)
    recorded_version, recorded_date = recorded_identity(repo)
    if recorded_version != version:
        raise CvmbokError(
            f"edition.toml says version {recorded_version}, not {version}: check out the commit "
            f"`cvmbok release {version}` stamped (tag v{version})"
        )
    changelog = repo.root / CHANGELOG
    text = changelog.read_text(encoding="utf-8") if changelog.is_file() else ""
    if not re.search(rf"^## Edition {re.escape(version)}\s*$", text, re.MULTILINE):
        raise CvmbokError(f"{CHANGELOG} does not list edition {version}: make it with `cvmbok release {version}` first")
    dirty = dirty_paths(repo)
    if dirty:
        raise CvmbokError(f"the working tree has uncommitted changes ({', '.join(dirty[:8])}); a rebuild must match its commit")
    findings = book_findings(repo, names_file)
    if has_errors(findings):
        raise CvmbokError(f"`cvmbok check` reports, in the released commit, {error_summary(findings, limit=20)}")
    epoch = build_epoch(recorded_date)
    files = build_and_package(repo, version, (out or repo.build / "release").resolve(), epoch, progress)
    progress(f"edition {version} rebuilt into {files.folder}")
    return files
