"""Find, read and write contribution files; every write is atomic.

A contribution is `contrib/<id>-<slug>.md`. Writes go to a temporary file in the
same folder and are moved into place with `os.replace`, so a reader never sees half
a file. `Transaction` extends that to several files: all are staged first, then
replaced under the repository lock with a journal; if anything fails or the command
is stopped, every file already replaced is put back byte for byte (after a kill, by
the next command).
"""

from __future__ import annotations

import difflib
import datetime as dt
import logging
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from .. import locking
from ..fileio import replace_all
from ..document import Document, load_document
from ..errors import CvmbokError, UsageError
from ..findings import Finding
from ..repo import Repo, try_find_repo
from ..reproducible import source_date
from ..policy import schema
from ..policy.frontmatter import validate_document

from ..policy.files import NOT_CONTRIBUTIONS, TEMPLATE_NAME, contribution_paths, front_matter_id


@dataclass(frozen=True)
class Contribution:
    path: Path
    document: Document
    meta: schema.FrontMatter
    schema_findings: tuple[Finding, ...] = ()
    """What validating the front matter found when loading (a valid model can still come with
    errors, such as a section the book lacks or a file name that does not match the id);
    merge hands them to the check families instead of validating again."""

    @property
    def id(self) -> str:
        return self.meta.id


def find_path(repo: Repo, contribution_id: str) -> Path:
    """The file of contribution `contribution_id`, or an error naming the known ids.

    A file that cannot be read may be the one asked for: it is named with its reason
    (a CvmbokError) rather than the id being reported missing."""
    known: dict[str, Path] = {}
    unreadable: dict[Path, str] = {}
    for path in contribution_paths(repo):
        try:
            found = front_matter_id(path)
        except OSError as exc:
            unreadable[path] = str(exc.strerror or exc)
            continue
        if found:
            known[found] = path
    if contribution_id in known:
        return known[contribution_id]
    if unreadable:
        raise _unreadable_error(repo, contribution_id, unreadable)
    listed = ", ".join(sorted(known)) or "none"
    close = difflib.get_close_matches(contribution_id.strip().casefold(), list(known), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}? " if close else ""
    raise UsageError(f"no contribution with id {contribution_id!r} in {repo.relative(repo.contrib)}/ "
                     f"({hint}known: {listed})")


def _unreadable_error(repo: Repo, contribution_id: str, unreadable: dict[Path, str]) -> CvmbokError:
    """The file named for `contribution_id` when it is among `unreadable`, else every unreadable file."""
    named = [p for p in unreadable if p.name.startswith(f"{contribution_id}-")]
    shown = named or sorted(unreadable)
    files = "; ".join(f"{repo.relative(p)}:1:1: cannot read the file: {unreadable[p]}" for p in shown[:5])
    more = f" (and {len(shown) - 5} more)" if len(shown) > 5 else ""
    fix = (f"give your account read and write access (`chmod u+rw {repo.relative(shown[0])}`) or run cvmbok as "
           "the file's owner, then try again")
    if named:
        return CvmbokError(f"{contribution_id} cannot be read as a contribution: {files}; {fix}")
    return CvmbokError(f"{contribution_id} is not among the readable contributions, and {len(shown)} file(s) "
                       f"in {repo.relative(repo.contrib)}/ cannot be read: {files}{more}; {fix}")


def load(repo: Repo, path: Path, chapters: dict[str, Any]) -> tuple[Contribution | None, list[Finding]]:
    """Load and validate one contribution. Returns (None, findings) when it cannot be used."""

    result = load_document(path, repo.relative(path), inside=repo.root)
    if result.document is None:
        return None, result.findings
    model, schema_findings = validate_document(result.document, chapters)
    findings = [*result.findings, *schema_findings]
    if model is None:
        return None, findings
    return Contribution(path, result.document, model, tuple(schema_findings)), findings


# -- writing front matter back -------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """Writes booleans as yes/no (what the template and the README use) and keeps key order."""

    def ignore_aliases(self, data: Any) -> bool:  # the same date twice must not become '&id001'
        return True


_Dumper.add_representer(bool, lambda d, v: d.represent_scalar("tag:yaml.org,2002:bool", "yes" if v else "no"))


def dump_front_matter(meta: schema.FrontMatter) -> str:
    data = meta.model_dump(mode="python", exclude_none=True)
    if not data.get("history"):
        data.pop("history", None)
    for entry in data.get("history", []):
        if not entry.get("note"):
            entry.pop("note", None)
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return text


def render(meta: schema.FrontMatter, body: str) -> str:
    """The whole file: front matter block then the body, unchanged."""
    return f"---\n{dump_front_matter(meta)}---\n{body}"


def today() -> dt.date:
    """Today's date (UTC: history keeps days, never a contributor's time zone);
    SOURCE_DATE_EPOCH pins it for reproducible runs and tests."""
    return source_date() or dt.datetime.now(tz=dt.timezone.utc).date()


class Transaction:
    """Several file writes that all happen or none do.

    `write(path, text)` only records the intent. `commit()` stages every file as a
    temporary file next to its target, then replaces the targets one by one; if a
    step fails, targets already replaced get their old bytes back (new files are
    removed) and the error is raised as a `CvmbokError` naming the file.
    """

    def __init__(self) -> None:
        self._writes: dict[Path, bytes] = {}

    def write(self, path: Path, text: str) -> None:
        self._writes[path] = text.encode("utf-8")

    def copy(self, source: Path, target: Path) -> None:
        self._writes[target] = source.read_bytes()

    @property
    def paths(self) -> list[Path]:
        return list(self._writes)

    def changed(self) -> list[Path]:
        """Targets whose content would actually change."""
        out = []
        for path, data in self._writes.items():
            try:
                same = path.read_bytes() == data
            except OSError:
                same = False
            if not same:
                out.append(path)
        return out

    def commit(self) -> list[Path]:
        """Apply every write that changes something; returns the paths written."""
        with self.applied() as done:
            pass
        return done

    @contextmanager
    def applied(self) -> Iterator[list[Path]]:
        """Write the changed files and keep them only if the block ends normally.

        Runs under the repository lock, with a journal (see `cvmbok.fileio.replace_all`):
        an error, Ctrl-C or SIGTERM puts every file back at once, a kill is rolled back
        by the next command. Errors become one `CvmbokError` naming the file.
        """
        targets = self.changed()
        root = _root_of(targets)
        if root is None or not targets:
            with _reported(targets), replace_all({t: self._writes[t] for t in targets}, None) as done:
                yield done
            return
        with locking.repo_lock(root, "cvmbok"):  # re-entrant: the CLI's lock, named for its command
            for note in locking.recover(root):  # the CLI recovers first; this is for the intake
                logging.getLogger("cvmbok").warning("%s", note)
            targets = self.changed()  # the recovery may have put a file back
            with _reported(targets), replace_all({t: self._writes[t] for t in targets},
                                                 locking.journal_path(root), locking.holder_command(root)) as done:
                yield done


def _root_of(paths: list[Path]) -> Path | None:
    """The repository that holds these files (where its lock and journal live), if any."""
    for path in paths:
        existing = next((parent for parent in path.parents if parent.exists()), None)
        repo = try_find_repo(existing) if existing is not None else None
        if repo is not None:
            return repo.root
    return None


@contextmanager
def _reported(targets: list[Path]) -> Iterator[None]:
    """Turn a failed write into one sentence that names the file; the files are already put back."""
    try:
        yield
    except (OSError, CvmbokError) as exc:
        where = getattr(exc, "filename", None) or (targets[0] if targets else "")
        reason = getattr(exc, "strerror", None) or str(exc)
        raise CvmbokError(f"could not write {where}: {reason}; no file was changed") from exc


def load_all(repo: Repo, chapters: dict[str, Any]) -> tuple[list[Contribution], dict[Path, list[Finding]]]:
    """Every contribution that parses and validates, plus the findings of each file."""
    good: list[Contribution] = []
    problems: dict[Path, list[Finding]] = {}
    for path in contribution_paths(repo):
        contribution, findings = load(repo, path, chapters)
        problems[path] = findings
        if contribution is not None:
            good.append(contribution)
    return good, problems
