"""Which files are contributions, and their ids read cheaply: the file rules of `contrib/`."""

from __future__ import annotations

import re
from pathlib import Path

from ..document import split_front_matter, strip_bom
from ..repo import Repo

TEMPLATE_NAME = "TEMPLATE.md"
NOT_CONTRIBUTIONS = {"readme.md", "rules.md", TEMPLATE_NAME.lower()}
"""Files in `contrib/` that are guides for contributors, not contributions (names case-folded)."""


def contribution_paths(repo: Repo) -> list[Path]:
    """Every contribution file directly in `contrib/` (README and template excluded), sorted."""
    if not repo.contrib.is_dir():
        return []
    return sorted(p for p in repo.contrib.glob("*.md") if p.name.lower() not in NOT_CONTRIBUTIONS and p.is_file())


_ID_LINE = re.compile(r"^id:\s*['\"]?(?P<id>[^'\"\s#]+)", re.MULTILINE)
_HEAD_BYTES = 4000
"""How much of a file the id is looked for in: the front matter opens the file."""


def front_matter_id(path: Path) -> str | None:
    """The id written in a file's front matter, read cheaply from its first bytes (no full
    parse); None if absent. Raises OSError when the file cannot be read, for callers that
    must tell "unreadable" from "not there"."""
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    front_matter, _, _ = split_front_matter(strip_bom(head).replace("\r\n", "\n"))
    match = _ID_LINE.search(front_matter) if front_matter is not None else None
    return match.group("id") if match else None


def read_id(path: Path) -> str | None:
    """`front_matter_id`, with None for a file that cannot be read: for callers that only
    collect the ids in use (an unreadable file is reported by the check that loads it)."""
    try:
        return front_matter_id(path)
    except OSError:
        return None
