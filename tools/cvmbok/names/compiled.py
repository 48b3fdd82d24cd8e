"""The public name registry, compiled once per content and kept on disk between runs.

`cvmbok check` runs on every commit, and reading about 3,400 companies, spelling out
some 11,000 names, choosing the compound heads (which reads the lexicons) and building
the Aho-Corasick patterns took most of its time on one contribution. The result
depends only on the registry's bytes (and an extra names file's), the lexicons, the
code that compiles it and the version of Python, so all of those form the cache key:
any change compiles again. The automaton itself is built from the patterns in each
process (`Matcher.__getstate__` says why). Only public data is kept; private names
(keyed hashes) are never written here. Where the cache lives and how to turn it off:
`names.diskcache`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .compounds import LEXICONS
from .diskcache import cached, key_of
from .namedata import DATA
from .matcher import Matcher
from .registry import Registry, NamePattern, load_companies, load_names_file

_CODE = ("registry.py", "normalize.py", "matcher.py", "compounds.py", "compiled.py")
VERSION = 4

@dataclass
class Compiled:
    registry: Registry
    terms: list[NamePattern]
    matcher: Matcher


def cache_key(companies: Path, names_file: Path | None) -> str:
    here = Path(__file__).resolve().parent
    return key_of(f"v{VERSION}", *(here / name for name in _CODE),
                  *(DATA / name for name in LEXICONS), companies, *([names_file] if names_file else []))


def compile_registry(companies: Path, names_file: Path | None) -> Compiled:
    registry = load_companies(companies) if companies.exists() else Registry()
    if names_file is not None:
        registry = registry.merged(load_names_file(names_file))
    terms = list(registry.terms())
    return Compiled(registry, terms, Matcher(terms))


def compiled_registry(companies: Path, names_file: Path | None) -> Compiled:
    """The compiled registry, from the disk cache when its key matches, else built and stored."""
    return cached("names", cache_key(companies, names_file), lambda: compile_registry(companies, names_file), Compiled)
