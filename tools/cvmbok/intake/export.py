"""Accepted submissions go into the repository as `contrib/<id>-<slug>.md` (plus pictures)
and one commit that carries no trace of who sent them.

The file is written by the same code every contribution file is written with
(`contributions.store.render` and its atomic `Transaction`). The commit's author and
committer are the neutral editors' identity, dated midnight UTC of the day (no time
zone, no time of day), and its message names only the id.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from ..contributions.store import Transaction, today
from .. import locking
from ..errors import CvmbokError
from ..repo import Repo
from .draft import Draft

NEUTRAL_NAME = "CVMBoK editors"
NEUTRAL_EMAIL = "editors@cvmbok.invalid"


def midnight(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+0000"


def neutral_env(day: dt.date) -> dict[str, str]:
    """The environment for `git commit`: who and when, nothing from the machine's own git config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({
        "GIT_AUTHOR_NAME": NEUTRAL_NAME, "GIT_AUTHOR_EMAIL": NEUTRAL_EMAIL, "GIT_AUTHOR_DATE": midnight(day),
        "GIT_COMMITTER_NAME": NEUTRAL_NAME, "GIT_COMMITTER_EMAIL": NEUTRAL_EMAIL, "GIT_COMMITTER_DATE": midnight(day),
        "TZ": "UTC",
    })
    return env


def _git(repo: Repo, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", "-C", str(repo.root), *args], capture_output=True, text=True, env=env, timeout=120)
    except FileNotFoundError as exc:
        raise CvmbokError("git is not installed: the intake commits accepted submissions with git") from exc


def require_clean_contrib(repo: Repo) -> None:
    status = _git(repo, "status", "--porcelain", "--untracked-files=all", "--", "contrib")
    if status.returncode != 0:
        raise CvmbokError(f"{repo.root} is not a git checkout: {status.stderr.strip()[:200]}")
    if status.stdout.strip():
        changed = ", ".join(line[3:] for line in status.stdout.splitlines()[:3])
        raise CvmbokError(f"contrib/ in {repo.root} has uncommitted changes ({changed}); commit or remove them "
                          "before accepting, so the intake's commit holds only this submission")


def export(repo: Repo, draft: Draft, pictures: Sequence[tuple[str, bytes]]) -> str:
    """Write and commit the accepted file; returns its repository path. All or nothing.

    Holds the repository lock from the first check to the git commit, so a merge or a
    review on the editors' side never interleaves with it (see `cvmbok.locking`)."""
    with locking.repo_lock(repo.root, f"cvmbok intake: export {draft.id}"):
        return _export(repo, draft, pictures)


def _export(repo: Repo, draft: Draft, pictures: Sequence[tuple[str, bytes]]) -> str:
    require_clean_contrib(repo)
    target = repo.contrib / draft.file_name
    if target.exists():
        raise CvmbokError(f"{repo.relative(target)} exists already; the intake never overwrites a contribution")
    transaction = Transaction()
    transaction.write(target, draft.render())
    with tempfile.TemporaryDirectory(prefix="cvmbok-export-") as tmp:
        for name, data in pictures:
            staged = Path(tmp) / name
            staged.write_bytes(data)
            transaction.copy(staged, repo.contrib / draft.id / name)
        written = transaction.commit()
    paths = [repo.relative(p) for p in written]
    day = today()
    added = _git(repo, "add", "--", *paths)
    committed = _git(repo, "-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", draft.id, "--", *paths,
                     env=neutral_env(day)) if added.returncode == 0 else added
    if committed.returncode != 0:
        _git(repo, "reset", "-q", "--", *paths)
        for path in written:
            path.unlink(missing_ok=True)
        folder = repo.contrib / draft.id
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        raise CvmbokError(f"git could not commit {draft.id}: {(committed.stderr or committed.stdout).strip()[:300]}; "
                          "nothing was written")
    return repo.relative(target)
