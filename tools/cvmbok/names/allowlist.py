"""The allowlist: link hosts that are fine everywhere, and names that one file may mention.

Only section 8 (literature) may name people, because it cites authors. A per-file
entry for any other file is ignored, so the allowlist can never become a way to
let a colleague's name through elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError
from .normalize import name_words

FILES_ALLOWED_UNDER = "source/08-literature/"
HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "dr", "prof", "sir", "dame"})


@dataclass(frozen=True)
class Allowlist:
    url_hosts: tuple[str, ...] = ()
    file_words: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per display path: the skeleton words of every allowlisted name."""

    def permits(self, path: str, match: str) -> bool:
        """Does `path` allowlist the name `match` (every word of it belongs to an allowlisted name)?"""
        words = self.file_words.get(path)
        if not words:
            return False
        found = [w for w in name_words(match) if w not in HONORIFICS and len(w) > 1]
        return bool(found) and all(w in words for w in found)


def parse_allowlist(data: Any, where: str) -> Allowlist:
    if data is None:
        return Allowlist()
    if not isinstance(data, dict) or set(data) - {"urls", "files"}:
        raise UsageError(f"{where}: must be a mapping with 'urls' and 'files'")
    urls = data.get("urls") or []
    files = data.get("files") or {}
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise UsageError(f"{where}: 'urls' must be a list of host names")
    if not isinstance(files, dict):
        raise UsageError(f"{where}: 'files' must map file paths to lists of names")
    file_words: dict[str, frozenset[str]] = {}
    for path, names in files.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise UsageError(f"{where}: files.{path} must be a list of names")
        if not str(path).startswith(FILES_ALLOWED_UNDER):
            continue  # names are allowed only in the literature section
        file_words[str(path)] = frozenset(w for n in names for w in name_words(n))
    return Allowlist(tuple(u.lower().strip() for u in urls), file_words)


def load_allowlist(path: Path) -> Allowlist:
    if not path.exists():
        return Allowlist()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError(f"allowlist {path}: cannot read it ({str(exc).splitlines()[0]})") from None
    return parse_allowlist(data, f"allowlist {path}")
