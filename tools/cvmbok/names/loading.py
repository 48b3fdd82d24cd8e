"""Put a `LeakScanner` together from the repository's registries and the user's options.

This is the I/O edge of the names package: it finds `styles/names/`, reads the
registries, the allowlist, the hashes file and the key, and reports (as one
warning) when private names cannot be checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding, Severity
from .allowlist import load_allowlist
from .bibliography import load_authors
from .hashing import KEY_ENV, PrivateMatcher, key_check, key_from_env, load_store
from .compiled import compiled_registry
from .scanner import LeakScanner

PACKAGE_ROOT = Path(__file__).resolve().parents[3]
"""The checkout the package was installed from (editable install): used outside a repository."""


@dataclass(frozen=True)
class NamePaths:
    root: Path

    @property
    def folder(self) -> Path:
        return self.root / "styles" / "names"

    @property
    def companies(self) -> Path:
        return self.folder / "companies.yml"

    @property
    def hashes(self) -> Path:
        return self.folder / "people.hashes"

    @property
    def allowlist(self) -> Path:
        return self.folder / "allowlist.yml"

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def name_paths(repo_root: Path | None) -> NamePaths:
    if repo_root is not None and (repo_root / "styles" / "names").is_dir():
        return NamePaths(repo_root)
    return NamePaths(PACKAGE_ROOT)


_CACHE: dict[tuple[object, ...], tuple[LeakScanner, list[Finding]]] = {}
"""The last scanner built, keyed by what it was built from: a long-lived process (the intake
server) reuses it instead of reading and compiling the registries for every check."""


def _stamps(paths: NamePaths, names_file: Path | None) -> tuple[tuple[str, int], ...]:
    files = [p for p in sorted(paths.folder.rglob("*")) if p.is_file()] if paths.folder.is_dir() else []
    files += [paths.root / "source" / "references.bib"] + ([names_file] if names_file is not None else [])
    out = []
    for path in files:
        try:
            out.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            out.append((str(path), -1))
    return tuple(out)


def build_scanner(repo_root: Path | None, names_file: Path | None = None,
                  environ: dict[str, str] | None = None) -> tuple[LeakScanner, list[Finding]]:
    """The scanner, plus notices (a warning when private names were not checked).

    Built once per set of registry files (and key): changing any file under
    styles/names/ or the extra names file makes the next call build a new one."""
    paths = name_paths(repo_root)
    cache_key = (_stamps(paths, names_file), key_from_env(dict(os.environ) if environ is None else environ))
    if cache_key in _CACHE:
        scanner, notices = _CACHE[cache_key]
        return scanner, list(notices)
    built = _build_scanner(paths, names_file, environ)
    _CACHE.clear()
    _CACHE[cache_key] = built
    return built[0], list(built[1])


def _build_scanner(paths: NamePaths, names_file: Path | None,
                   environ: dict[str, str] | None) -> tuple[LeakScanner, list[Finding]]:
    compiled = compiled_registry(paths.companies, names_file)
    notices: list[Finding] = []
    private = None
    store = load_store(paths.hashes)
    if store.digests:
        key = key_from_env(dict(os.environ) if environ is None else environ)
        where = paths.display(paths.hashes)
        if key is None:
            notices.append(Finding(where, 1, 1, "leak.person-unchecked", Severity.WARNING,
                                   f"private names were not checked: {KEY_ENV} is not set",
                                   f"set {KEY_ENV} to the editors' key (CI has it as a secret)"))
        elif store.key_check and store.key_check != key_check(key):
            notices.append(Finding(where, 1, 1, "leak.person-unchecked", Severity.WARNING,
                                   f"private names were not checked: {KEY_ENV} is not the key these hashes were made with",
                                   f"set {KEY_ENV} to the editors' key"))
        else:
            private = PrivateMatcher(key, store)
    scanner = LeakScanner(compiled.terms, private, load_allowlist(paths.allowlist), registry=compiled.registry,
                          authors=load_authors(paths.root / "source" / "references.bib"), prebuilt=compiled.matcher)
    return scanner, notices
