"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Every command that changes a file in the repository writes through here: the bytes go
to a temporary file in the same folder (same file system, so the rename is atomic),
are flushed to disk, get the target's permissions, and then replace the target.

Several files change together through `replace_all`, which survives being stopped at
any point:

1. a journal naming every target, its temporary file and its backup is written
   (and flushed) before anything else;
2. every new text is staged beside its target, every old file is kept as a backup
   (a hard link, so nothing is copied);
3. the targets are replaced one by one;
4. deleting the journal is the commit point; the backups go afterwards.

An exception, Ctrl-C or SIGTERM in steps 1-3 (or in the caller's block while the
transaction is open) rolls back at once; after SIGKILL or a power cut the journal is
still there and `recover_journal` (run by the next command, see `cvmbok.locking`)
rolls back the same way. Temporary files carry their writer's process id in their
name (`.<file>.cvmbok-<pid>-<n>.tmp`), so the next command removes those whose
writer is gone.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

FAULT_ENV = "CVMBOK_FAULT_AT"
"""Test hook, read only by `fault_point`: `POINT:N[:ACTION]` stops the N-th time POINT
is reached, with ACTION `int` (Ctrl-C, the default), `term` (SIGTERM) or `kill` (SIGKILL).
Points: `rename` (before each replace of a transaction), `release-build` (before a release builds)."""

_counter = itertools.count(1)
_reached: dict[str, int] = {}
_TEMP_NAME = re.compile(r"^\..+\.cvmbok-(?P<pid>\d+)-\d+\.(?:tmp|orig)$")
_LEGACY_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""What `tempfile.mkstemp` named temporaries before the names carried a pid."""


def fault_point(point: str) -> None:
    """Stop here if `$CVMBOK_FAULT_AT` says so (the fault suite's one hook); else nothing."""
    spec = os.environ.get(FAULT_ENV)
    if not spec:
        return
    parts = spec.split(":")
    if parts[0] != point:
        return
    _reached[point] = _reached.get(point, 0) + 1
    wanted = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
    if _reached[point] != wanted:
        return
    action = parts[2] if len(parts) > 2 else "int"
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "term":
        os.kill(os.getpid(), signal.SIGTERM)
    else:
        raise KeyboardInterrupt


def temp_name(path: Path, kind: str = "tmp") -> Path:
    """A fresh temporary name beside `path` that says which process made it."""
    return path.with_name(f".{path.name}.cvmbok-{os.getpid()}-{next(_counter)}.{kind}")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def stage_beside(path: Path, data: bytes, temp: Path | None = None) -> Path:
    """Write `data` to a new temporary file next to `path` and return the temporary's path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = temp or temp_name(path)
    mode = (path.stat().st_mode & 0o7777) if path.is_file() else (0o666 & ~_umask())
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def umask_mode(directory: bool = False) -> int:
    """The mode a plain `open`/`mkdir` would give: what published files and folders must get.

    `mkstemp` and `mkdtemp` create 600/700, which a web server cannot read (403)."""
    return (0o777 if directory else 0o666) & ~_umask()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step. A failure names `path`, not the temporary file."""
    try:
        temp = stage_beside(path, data)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, text: str) -> None:
    """Write UTF-8 `text` to `path` atomically (newlines are written as given)."""
    atomic_write_bytes(path, text.encode("utf-8"))


# -- several files at once -------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    target: Path
    temp: Path
    backup: Path | None  # None: the target did not exist before


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until a rollback has finished (then they are delivered)."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    except (AttributeError, ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _write_journal(journal: Path, command: str, entries: list[_Entry], folders: list[Path]) -> None:
    data = {
        "command": command,
        "pid": os.getpid(),
        "entries": [{"target": str(e.target), "temp": str(e.temp), "backup": str(e.backup) if e.backup else None}
                    for e in entries],
        "folders": [str(f) for f in folders],
    }
    atomic_write_bytes(journal, json.dumps(data, indent=1).encode("utf-8"))
    _fsync_dir(journal.parent)


def _roll_back(entries: Sequence[_Entry], folders: Sequence[Path]) -> list[Path]:
    """Put every target back as it was; returns the targets that had changed. Idempotent."""
    restored: list[Path] = []
    for entry in reversed(entries):
        if entry.backup is not None:
            if entry.backup.exists():
                if entry.target.exists() and os.path.samefile(entry.backup, entry.target):
                    entry.backup.unlink()  # never replaced: the backup is the target itself
                else:
                    os.rename(entry.backup, entry.target)  # replaces the target, like os.replace
                    restored.append(entry.target)
        elif entry.target.exists() and not entry.temp.exists():
            entry.target.unlink()  # it was created by this transaction
            restored.append(entry.target)
        entry.temp.unlink(missing_ok=True)
    for folder in folders:  # deepest first; only folders the transaction made, and only if empty
        try:
            folder.rmdir()
        except OSError:
            pass
    return restored


def _drop(paths: Sequence[Path | None]) -> None:
    for path in paths:
        if path is not None:
            path.unlink(missing_ok=True)


@contextmanager
def replace_all(writes: dict[Path, bytes], journal: Path | None, command: str = "cvmbok") -> Iterator[list[Path]]:
    """Replace every target in `writes`; keep the change only if the block ends normally.

    Yields the targets written, in order. Any exception (Ctrl-C and SIGTERM included)
    inside this function or in the caller's block puts every target back byte for byte
    and re-raises; with `journal` set, a kill is rolled back by the next command.
    """
    targets = list(writes)
    folders = sorted({parent for path in targets for parent in path.parents if not parent.exists()},
                     key=lambda p: len(p.parts), reverse=True)
    entries = [_Entry(t, temp_name(t), None) for t in targets]
    done: list[Path] = []
    journaled = False
    try:
        for index, entry in enumerate(entries):
            if entry.target.exists():
                entries[index] = _Entry(entry.target, entry.temp, temp_name(entry.target, "orig"))
        if journal is not None:
            journaled = True
            _write_journal(journal, command, entries, folders)
        for entry in entries:
            stage_beside(entry.target, writes[entry.target], entry.temp)
            if entry.backup is not None:
                try:
                    os.link(entry.target, entry.backup)
                except OSError:
                    stage_beside(entry.backup, entry.target.read_bytes(), entry.backup)
        for entry in entries:
            fault_point("rename")
            os.replace(entry.temp, entry.target)
            done.append(entry.target)
        for folder in {e.target.parent for e in entries}:
            _fsync_dir(folder)
        yield done
    except BaseException:
        with _signals_held():
            _roll_back(entries, folders)
            if journaled and journal is not None:
                journal.unlink(missing_ok=True)
        raise
    if journal is not None:
        journal.unlink(missing_ok=True)  # the commit point
        _fsync_dir(journal.parent)
    _drop([e.backup for e in entries])


def recover_journal(journal: Path, root: Path) -> str | None:
    """Roll back the transaction a killed command left in `journal`; a line saying so, or None."""
    try:
        raw = journal.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        entries = [_Entry(Path(e["target"]), Path(e["temp"]), Path(e["backup"]) if e.get("backup") else None)
                   for e in data["entries"]]
        folders = [Path(f) for f in data.get("folders", [])]
        command = str(data.get("command", "a cvmbok command"))
    except (ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)  # written half when the kill came: nothing was replaced yet
        return "removed an unfinished transaction journal (no file had been changed)"
    inside = [e for e in entries if _is_inside(e.target, root)]
    with _signals_held():
        restored = _roll_back(inside, folders)
        journal.unlink(missing_ok=True)
    shown = ", ".join(_rel(path, root) for path in restored[:4]) + (" ..." if len(restored) > 4 else "")
    return (f"rolled back `{command}`, which was stopped while writing ({len(restored)} file(s) put back"
            f"{': ' + shown if restored else ''}); run it again")


def _is_inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temps(folders: Sequence[Path], recursive: bool) -> list[Path]:
    """Delete temporary files of writers that are gone; returns what was removed."""
    removed: list[Path] = []
    for folder in folders:
        candidates = folder.rglob(".*") if recursive else folder.glob(".*")
        for path in candidates:
            if any(part in (".git", ".venv", "node_modules") for part in path.parts):
                continue
            match = _TEMP_NAME.match(path.name)
            stale = (match is not None and not _alive(int(match.group("pid")))) or bool(_LEGACY_TEMP.match(path.name))
            if stale and path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(path)
    return sorted(removed)
