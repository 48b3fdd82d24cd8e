"""Values that depend only on code and data files, computed once and kept on disk between runs.

`cvmbok check` runs on every commit, and on one contribution most of its own time
went into rebuilding the same things: the compiled public registry (about 3,400
companies, 11,000 spellings, two Aho-Corasick automata) and the character fold table
(Unicode's confusables data). Each is stored under a key made of everything it
depends on, so any change to those inputs builds it again. Only public data is
stored; a cache that cannot be read or written is ignored, never an error.

The cache lives in `$XDG_CACHE_HOME/cvmbok/` (default `~/.cache/cvmbok/`);
`CVMBOK_CACHE=off` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def cache_dir() -> Path | None:
    if os.environ.get("CVMBOK_CACHE", "").lower() in ("off", "0", "no"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cvmbok"


def key_of(*parts: Path | str) -> str:
    """A digest of the Python version, the given strings and the bytes of the given files."""
    digest = hashlib.sha256(sys.version.encode())
    for part in parts:
        if isinstance(part, Path):
            try:
                digest.update(part.read_bytes())
            except OSError:
                digest.update(b"\0missing\0")
            digest.update(part.name.encode())
        else:
            digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def cached(name: str, key: str, build: Callable[[], T], kind: type[T]) -> T:
    """`build()`'s value, from `<cache>/<name>-<key>.pickle` when it is there and of `kind`.

    One file per name: storing a new value removes the ones built for older keys.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
        if isinstance(loaded, kind):
            return loaded
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        pass
    built = build()  # errors in the inputs surface here, as without a cache
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{name}-*.pickle"):
            old.unlink(missing_ok=True)
        staged = path.with_suffix(f".{os.getpid()}.tmp")
        with staged.open("wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(staged, path)
    except OSError:
        pass
    return built
