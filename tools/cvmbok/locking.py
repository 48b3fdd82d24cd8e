"""One writer at a time per repository, and a clean tree after a writer was killed.

Every command that writes the tree (merge, review, new, generate, release, names,
terms generate, strip-metadata, the intake's export) runs inside `repo_lock`. The
lock is `fcntl.flock` on a file under `.git/` (or the repository root when there is
no git folder): the kernel drops it when its holder exits, however it exits, so a
killed command can never leave it stuck. The lock file also says who holds it, so a
second command can tell the user what it is waiting for.

`recover` runs under the lock before a command touches anything: it rolls back a
transaction a killed command left half done (see `cvmbok.fileio`), removes
temporary files and scratch folders whose owner is gone.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from . import fileio
from .errors import CvmbokError

LOCK_NAME = "cvmbok.lock"
JOURNAL_NAME = "cvmbok-journal.json"
WAIT_ENV = "CVMBOK_LOCK_TIMEOUT"
DEFAULT_WAIT = 600.0
"""Seconds a writer waits for another before it gives up (a release build takes minutes)."""
RELEASE_SCRATCH_PREFIX = "release-build-"
"""Name prefix of the folders under build/ a release builds in; a killed release leaves one."""
SCRATCH_GLOBS = (f"build/{RELEASE_SCRATCH_PREFIX}*", "build/.release-*")
TEMP_FOLDERS = ("contrib", "source", "styles")
"""Where atomic writes put their temporary files (beside their targets), searched with
their subfolders; the repository root itself is searched without them."""


def state_dir(root: Path) -> Path:
    """Where the lock and the journal live: inside the git folder, else in `build/`; both
    are invisible to `git status`, so a release still sees a clean tree."""
    git = root / ".git"
    if git.is_dir():
        return git
    if git.is_file():  # a worktree or submodule: "gitdir: PATH"
        text = git.read_text(encoding="utf-8", errors="replace").strip()
        if text.startswith("gitdir:"):
            target = Path(text.split(":", 1)[1].strip())
            target = target if target.is_absolute() else root / target
            if target.is_dir():
                return target
    folder = root / "build"
    folder.mkdir(exist_ok=True)
    return folder


def journal_path(root: Path) -> Path:
    return state_dir(root) / JOURNAL_NAME


@dataclass
class _Held:
    fd: int
    depth: int
    command: str


_held: dict[Path, _Held] = {}
"""Locks this process holds, so nested writers (a merge's transaction) do not wait on themselves."""


def _describe_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 4096).decode("utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "another cvmbok command"


def _wait_limit() -> float:
    value = os.environ.get(WAIT_ENV, "").strip()
    if not value:
        return DEFAULT_WAIT
    try:
        return max(0.0, float(value))
    except ValueError:
        raise CvmbokError(f"{WAIT_ENV}={value!r} is not a number of seconds") from None


def _open_lock(root: Path) -> int:
    path = state_dir(root) / LOCK_NAME
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise CvmbokError(f"cannot open the repository lock {path}: {exc.strerror}; "
                          "check that the folder is writable") from exc


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _announce(fd: int, command: str) -> None:
    since = dt.datetime.now(tz=dt.timezone.utc).strftime("%H:%M:%S UTC")
    line = f"`{command}` (pid {os.getpid()}, since {since})\n".encode("utf-8", errors="replace")
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, line, 0)
    except OSError:
        pass  # the description is a courtesy; the lock itself is what matters


@contextmanager
def repo_lock(root: Path, command: str, *, say: Callable[[str], None] | None = None,
              wait: float | None = None) -> Iterator[None]:
    """Hold the repository's write lock for the block; wait (saying for whom) or refuse.

    Re-entrant within one process. `wait` (default `$CVMBOK_LOCK_TIMEOUT`, else 600 s)
    is how long to wait for another holder; 0 refuses at once.
    """
    key = root.resolve()
    held = _held.get(key)
    if held is not None:
        held.depth += 1
        try:
            yield
        finally:
            held.depth -= 1
        return
    tell = say or (lambda message: print(message, file=sys.stderr, flush=True))
    fd = _open_lock(key)
    try:
        if not _try_flock(fd):
            limit = _wait_limit() if wait is None else wait
            holder = _describe_holder(fd)
            if limit <= 0:
                raise CvmbokError(f"{holder} is changing this repository; try again when it has finished")
            tell(f"cvmbok: waiting for {holder}, which is changing this repository ...")
            deadline = time.monotonic() + limit
            while not _try_flock(fd):
                if time.monotonic() >= deadline:
                    raise CvmbokError(f"gave up after {limit:.0f} s waiting for {_describe_holder(fd)}; "
                                      "try again when it has finished")
                time.sleep(0.05)
        _announce(fd, command)
        _held[key] = _Held(fd, 1, command)
        try:
            yield
        finally:
            del _held[key]
            try:
                os.ftruncate(fd, 0)
            except OSError:
                pass
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def holds_lock(root: Path) -> bool:
    return root.resolve() in _held


def holder_command(root: Path) -> str:
    """The command line this process holds the lock for (what a journal records)."""
    held = _held.get(root.resolve())
    return held.command if held is not None else "cvmbok"


@contextmanager
def lock_if_free(root: Path, command: str) -> Iterator[bool]:
    """Take the lock only if nobody holds it (read-only commands use this to recover)."""
    key = root.resolve()
    if key in _held:
        yield True
        return
    try:
        fd = os.open(state_dir(key) / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        yield False
        return
    try:
        if not _try_flock(fd):
            yield False
            return
        _announce(fd, command)
        _held[key] = _Held(fd, 1, command)
        try:
            yield True
        finally:
            del _held[key]
            try:
                os.ftruncate(fd, 0)
            except OSError:
                pass
    finally:
        os.close(fd)


def _remove_scratch(root: Path) -> list[Path]:
    removed = []
    for pattern in SCRATCH_GLOBS:
        for folder in sorted(root.glob(pattern)):
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


def recover(root: Path) -> list[str]:
    """Undo what a killed writer left behind; returns one line per thing repaired.

    Call only while holding the lock (then no live writer can own what is removed).
    """
    if not holds_lock(root):
        raise RuntimeError("recover() needs the repository lock")
    notes: list[str] = []
    rolled = fileio.recover_journal(journal_path(root), root)
    if rolled is not None:
        notes.append(rolled)
    folders = [root / name for name in TEMP_FOLDERS]
    stale = fileio.remove_stale_temps([f for f in folders if f.is_dir()], recursive=True)
    stale += fileio.remove_stale_temps([root], recursive=False)
    if stale:
        shown = ", ".join(str(p.relative_to(root)) if p.is_relative_to(root) else str(p) for p in stale[:5])
        notes.append(f"removed {len(stale)} temporary file(s) a killed command left behind ({shown})")
    scratch = _remove_scratch(root)
    if scratch:
        notes.append(f"removed {len(scratch)} scratch folder(s) of a killed release "
                     f"({', '.join(p.name for p in scratch[:3])})")
    return notes
