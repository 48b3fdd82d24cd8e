"""The public name registry, compiled once per content and kept on disk between runs.

`cvmbok check` runs on every commit, and reading about 3,400 companies, spelling out
some 11,000 names and building the Aho-Corasick automata took most of its time on one
contribution. The result depends only on the registry's bytes (and an extra names
file's), on the code that compiles it and on the versions of Python and pyahocorasick,
so all of those form the cache key: any change compiles again. Only public data is
kept; private names (keyed hashes) are never written here. A cache that cannot be read
or written is ignored, never an error.

The cache lives in `$XDG_CACHE_HOME/cvmbok/` (default `~/.cache/cvmbok/`);
`CVMBOK_CACHE=off` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

import ahocorasick  # type: ignore[import-not-found]

from .matcher import Matcher
from .registry import Registry, NamePattern, load_companies, load_names_file

_CODE = ("registry.py", "normalize.py", "matcher.py", "compiled.py")
VERSION = 1


@dataclass
class Compiled:
    registry: Registry
    terms: list[NamePattern]
    matcher: Matcher


def cache_dir() -> Path | None:
    if os.environ.get("CVMBOK_CACHE", "").lower() in ("off", "0", "no"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cvmbok"


def cache_key(companies: Path, names_file: Path | None) -> str:
    digest = hashlib.sha256(f"v{VERSION} {sys.version} {getattr(ahocorasick, '__version__', '')}".encode())
    here = Path(__file__).resolve().parent
    for part in [*(here / name for name in _CODE), companies, *([names_file] if names_file else [])]:
        try:
            digest.update(part.read_bytes())
        except OSError:
            digest.update(b"\0missing\0")
        digest.update(str(part.name).encode())
    return digest.hexdigest()[:32]


def compile_registry(companies: Path, names_file: Path | None) -> Compiled:
    registry = load_companies(companies) if companies.exists() else Registry()
    if names_file is not None:
        registry = registry.merged(load_names_file(names_file))
    terms = list(registry.terms())
    return Compiled(registry, terms, Matcher(terms))


def compiled_registry(companies: Path, names_file: Path | None) -> Compiled:
    """The compiled registry, from the disk cache when its key matches, else built and stored."""
    folder = cache_dir()
    if folder is None:
        return compile_registry(companies, names_file)
    path = folder / f"names-{cache_key(companies, names_file)}.pickle"
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
        if isinstance(loaded, Compiled):
            return loaded
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        pass
    built = compile_registry(companies, names_file)  # errors in the registry surface here, as before
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("names-*.pickle"):
            old.unlink(missing_ok=True)  # one compiled registry at a time
        staged = path.with_suffix(f".{os.getpid()}.tmp")
        with staged.open("wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(staged, path)
    except OSError:
        pass
    return built
