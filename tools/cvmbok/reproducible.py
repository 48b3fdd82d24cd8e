"""Byte-identical outputs: one build time for every edition, and archives without build-time noise.

Two builds of the same commit with the same `SOURCE_DATE_EPOCH` must give the same bytes,
so a reader (or CI) can rebuild a release and compare checksums. Sphinx and XeTeX read
`SOURCE_DATE_EPOCH` themselves; what they cannot fix is done here:
- the ePub is a zip, and zip entries carry the time the file was written: we rewrite it
  with one fixed time, `mimetype` first and stored (the ePub container rules), the rest
  deflated, in the order Sphinx wrote them;
- the HTML site ships as a tar.gz with sorted entries, fixed times, owners and modes,
  and a gzip header without a name or time.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import os
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Iterable

from .errors import UsageError
from .fileio import umask_mode

ZIP_EPOCH_MIN = 315532800  # 1980-01-01: the earliest time a zip entry can hold


def epoch_of_date(date: dt.date) -> int:
    """Midnight UTC of `date`, as a `SOURCE_DATE_EPOCH` value."""
    return int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc).timestamp())


def source_date_epoch() -> int | None:
    """`SOURCE_DATE_EPOCH` in whole seconds, None when unset: the one place it is read.

    A value that is not a whole number is misuse (exit 2), the same for every command,
    rather than silently ignored by some and fatal to others."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds; unset it or give one")
    return int(value)


def source_date() -> dt.date | None:
    """The UTC day of `SOURCE_DATE_EPOCH`, None when unset."""
    epoch = source_date_epoch()
    return None if epoch is None else dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).date()


def build_epoch(recorded: dt.date) -> int:
    """`SOURCE_DATE_EPOCH` when set (whole seconds), else midnight UTC of the edition's date."""
    epoch = source_date_epoch()
    return epoch if epoch is not None else epoch_of_date(recorded)


def _zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    moment = dt.datetime.fromtimestamp(max(epoch, ZIP_EPOCH_MIN), tz=dt.timezone.utc)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second - moment.second % 2)


def _atomic_target(path: Path) -> tuple[int, Path]:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, umask_mode())  # the published file gets the umask's mode, not mkstemp's 600
    return fd, Path(tmp)


def normalize_epub(path: Path, epoch: int) -> None:
    """Rewrite the ePub at `path` in place with fixed entry times (atomically)."""
    stamp = _zip_time(epoch)
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist() if not info.is_dir()]
    entries.sort(key=lambda item: item[0] != "mimetype")  # stable: mimetype first, others as written
    fd, tmp = _atomic_target(path)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w") as target:
            for name, data in entries:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.create_system = 3  # Unix, whatever the building machine
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
                target.writestr(info, data, compresslevel=9 if name != "mimetype" else None)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _tar_entries(directory: Path) -> list[Path]:
    return sorted((p for p in directory.rglob("*")), key=lambda p: p.relative_to(directory).as_posix())


def write_tar_gz(directory: Path, target: Path, prefix: str, epoch: int) -> None:
    """Archive `directory` as `target` (tar.gz) under the folder name `prefix`, reproducibly."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        def add(info: tarfile.TarInfo, data: bytes | None = None) -> None:
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "", ""
            tar.addfile(info, io.BytesIO(data) if data is not None else None)

        root = tarfile.TarInfo(prefix)
        root.type, root.mode = tarfile.DIRTYPE, 0o755
        add(root)
        for path in _tar_entries(directory):
            info = tarfile.TarInfo(f"{prefix}/{path.relative_to(directory).as_posix()}")
            if path.is_symlink():
                raise ValueError(f"{path}: symbolic links are not archived; the site must be plain files")
            if path.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                add(info)
            else:
                data = path.read_bytes()
                info.size, info.mode = len(data), 0o644
                add(info, data)
    fd, tmp = _atomic_target(target)
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=epoch, compresslevel=9) as gz:
            gz.write(buffer.getvalue())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256sums(files: Iterable[Path]) -> str:
    """The `sha256sum` file format (two spaces, file name), so `sha256sum -c SHA256SUMS` verifies it."""
    return "".join(f"{sha256_of(p)}  {p.name}\n" for p in sorted(files, key=lambda p: p.name))


def tree_digests(directory: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file below `directory` (to compare two builds)."""
    return {p.relative_to(directory).as_posix(): sha256_of(p) for p in _tar_entries(directory) if p.is_file()}
