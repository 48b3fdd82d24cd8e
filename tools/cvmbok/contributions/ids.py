"""New contribution ids: short, random and checked against every id already in use.

Random rather than sequential because contributors work on separate branches: two
people running `cvmbok new` on the same day must not both get "the next number".
An id is also never reused after its file is gone, since merged text in `source/`
keeps the id in its provenance marker.
"""

from __future__ import annotations

import re
import secrets

from ..repo import Repo
from ..policy.files import contribution_paths, read_id

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
"""No 0/o, 1/l/i: ids are read aloud and typed by hand."""
LENGTH = 6
_FILE_ID = re.compile(r"^cvm-[a-z0-9]+")
_MARKER = re.compile(r"CVMBoK contribution\s+(cvm-[a-z0-9]+)")


def used_ids(repo: Repo) -> set[str]:
    """Ids in `contrib/` and in provenance markers of merged text in `source/`."""
    ids = {i for i in (read_id(p) for p in contribution_paths(repo)) if i}
    ids.update(m.group(0) for p in contribution_paths(repo) if (m := _FILE_ID.match(p.name)))
    if repo.source.is_dir():
        for page in repo.source.rglob("*.md"):
            try:
                ids.update(_MARKER.findall(page.read_text(encoding="utf-8", errors="replace")))
            except OSError:
                continue
    return ids


def new_id(repo: Repo, attempts: int = 100) -> str:
    taken = used_ids(repo)
    for _ in range(attempts):
        candidate = "cvm-" + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if candidate not in taken:
            return candidate
    raise RuntimeError("could not find an unused contribution id")  # 31**6 ids: practically unreachable
