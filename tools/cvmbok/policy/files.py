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


def read_id(path: Path) -> str | None:
    """The id written in a file's front matter, read cheaply (no full parse); None if absent."""
    try:
        head = strip_bom(path.read_text(encoding="utf-8", errors="replace")[:4000]).replace("\r\n", "\n")
    except OSError:
        return None
    front_matter, _, _ = split_front_matter(head)
    match = _ID_LINE.search(front_matter) if front_matter is not None else None
    return match.group("id") if match else None
