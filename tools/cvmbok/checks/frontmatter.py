"""Front matter of contributions: the schema in `cvmbok.contributions.schema`, placed at file:line:col.

Besides each file on its own, the check looks across files for ids used twice and
for a file name that does not start with its id (the id is how merge finds it).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Sequence

from ..contributions import schema
from ..contributions.yamlpos import locate, positions
from ..document import Document
from ..findings import Finding, Severity
from ..sections import chapter_index
from . import Check, CheckContext


def _chapters(ctx: CheckContext) -> dict[str, object]:
    if ctx.repo is None or not ctx.repo.source.is_dir():
        return {}
    return dict(chapter_index(ctx.repo.source))


def check_document(document: Document, chapters: dict[str, object]) -> list[Finding]:
    """Findings for one contribution's front matter."""
    path = document.display_path
    if document.front_matter is None:
        if document.text.startswith("---") and not document.front_matter_text and document.body == document.text:
            return [Finding(path, 1, 1, "schema.missing-front-matter", Severity.ERROR,
                            "the front matter block is not closed: the second '---' line is missing",
                            "end the front matter with a line containing only '---'")]
        if document.text.startswith("---"):
            return []  # broken YAML: the loader has reported it with its position
        return [Finding(path, 1, 1, "schema.missing-front-matter", Severity.ERROR,
                        "the file has no front matter (the block between two '---' lines at the top)",
                        "start from the template: `cvmbok new` writes a file with the front matter filled in")]
    table = positions(document.front_matter_text)
    _, errors = schema.validate(document.front_matter, chapters)
    findings = []
    for error in errors:
        line, column = locate(table, error.loc, error.on_key)
        findings.append(Finding(path, line, column, error.rule, Severity.ERROR, error.message, error.fix,
                                schema.dotted(error.loc)))
    fid = document.front_matter.get("id")
    if isinstance(fid, str) and not Path(document.path).name.startswith(f"{fid}-") and Path(document.path).stem != fid:
        line, column = locate(table, ("id",), False)
        findings.append(Finding(path, line, column, "schema.id-filename", Severity.ERROR,
                                f"the file name does not start with its id {fid!r}",
                                f"rename the file to {fid}-<short-title>.md (or correct the id)", fid))
    return findings


def run(documents: Sequence[Document], ctx: CheckContext) -> list[Finding]:
    chapters = _chapters(ctx)
    findings: list[Finding] = []
    seen: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        if not ctx.is_contribution(document):
            continue
        findings.extend(check_document(document, chapters))
        fid = (document.front_matter or {}).get("id")
        if isinstance(fid, str):
            seen[fid].append(document)
    if ctx.repo is not None:
        # ids on disk that were not among the checked files still count as taken
        from ..contributions.store import contribution_paths
        checked = {d.path.resolve() for docs in seen.values() for d in docs}
        on_disk = [p for p in contribution_paths(ctx.repo) if p.resolve() not in checked]
        from ..contributions.store import read_id
        for other in on_disk:
            other_id = read_id(other)
            if other_id in seen:
                seen[other_id].append(_Stub(other, ctx.repo.relative(other)))  # type: ignore[arg-type]
    for fid, docs in seen.items():
        if len(docs) < 2:
            continue
        for document in docs:
            if isinstance(document, _Stub):
                continue
            others = ", ".join(d.display_path for d in docs if d is not document)
            line, column = locate(positions(document.front_matter_text), ("id",), False)
            findings.append(Finding(document.display_path, line, column, "schema.duplicate-id", Severity.ERROR,
                                    f"id {fid!r} is also used by {others}",
                                    "give this contribution a new id: run `cvmbok new` for a fresh one and copy it here", fid))
    return findings


class _Stub:
    def __init__(self, path: Path, display: str) -> None:
        self.path = path
        self.display_path = display


CHECK = Check(
    name="frontmatter",
    run=run,
    order=10,
    description="contribution front matter: required fields, allowed values, section ids, unique ids",
)
