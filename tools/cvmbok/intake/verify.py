"""The CI guard: a pull request may not add an insight to `contrib/` that skipped the intake.

An insight that came through the intake was added by a commit whose author and
committer are the neutral editors' identity, dated midnight UTC, and the file it
added has status `accepted`. Only files *added* after the base are looked at, so
editors' later changes to existing files (review, merge) pass.
"""

from __future__ import annotations

import re
import subprocess

import yaml

from ..policy.files import NOT_CONTRIBUTIONS
from ..document import split_front_matter
from ..errors import CvmbokError, UsageError
from ..repo import Repo
from .export import NEUTRAL_EMAIL, NEUTRAL_NAME

_INSIGHT = re.compile(r"^contrib/[^/]+\.md$")


def _git(repo: Repo, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(repo.root), *args], capture_output=True, text=True, timeout=120)
    except FileNotFoundError as exc:
        raise CvmbokError("git is not installed") from exc
    if done.returncode != 0:
        raise UsageError(f"git {' '.join(args[:2])} failed: {done.stderr.strip()[:300]}")
    return done.stdout


def _status(text: str) -> str | None:
    fm, _, _ = split_front_matter(text)
    try:
        data = yaml.safe_load(fm) if fm else None
    except yaml.YAMLError:
        return None
    return str(data.get("status")) if isinstance(data, dict) else None


def added_without_intake(repo: Repo, base: str) -> list[str]:
    """One line per new insight that did not come through the intake (empty when all did)."""
    _git(repo, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    log = _git(repo, "log", "--format=%x00%H%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%aI%x1f%cI", "--diff-filter=A", "--name-only",
               "--no-renames", f"{base}..HEAD", "--", "contrib")
    problems: list[str] = []
    for block in log.split("\x00")[1:]:
        header, _, names = block.partition("\n")
        sha, an, ae, cn, ce, ad, cd = header.split("\x1f")
        for path in (n.strip() for n in names.splitlines()):
            if not _INSIGHT.match(path) or path.split("/")[-1].lower() in NOT_CONTRIBUTIONS:
                continue
            reasons = []
            if (an, ae) != (NEUTRAL_NAME, NEUTRAL_EMAIL) or (cn, ce) != (NEUTRAL_NAME, NEUTRAL_EMAIL):
                reasons.append("it was not committed by the intake's neutral identity")
            if not (ad.endswith("T00:00:00+00:00") or ad.endswith("T00:00:00Z")):
                reasons.append("its commit is not dated midnight UTC")
            status = _status(_git(repo, "show", f"{sha}:{path}"))
            if status != "accepted":
                reasons.append(f"its status is {status or 'missing'}, not accepted")
            if reasons:
                problems.append(f"{path}: added in {sha[:10]}, but {'; '.join(reasons)}")
    return problems
