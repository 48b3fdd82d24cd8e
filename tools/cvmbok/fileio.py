"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Every command that changes a file in the repository writes through here: the bytes go
to a temporary file in the same folder (same file system, so the rename is atomic),
are flushed to disk, get the target's permissions, and then replace the target.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def stage_beside(path: Path, data: bytes) -> Path:
    """Write `data` to a new temporary file next to `path` and return the temporary's path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temp, 0o644)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    temp = stage_beside(path, data)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, text: str) -> None:
    """Write UTF-8 `text` to `path` atomically (newlines are written as given)."""
    atomic_write_bytes(path, text.encode("utf-8"))
