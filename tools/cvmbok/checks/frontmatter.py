"""The `frontmatter` check family: each contribution's front matter (`cvmbok.policy.frontmatter`).

Besides each file on its own, the check looks across files for ids used twice and
for a file name that does not start with its id (the id is how merge finds it).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Sequence

from ..policy.files import contribution_paths, read_id
from ..policy.yamlpos import locate
from ..document import Document
from ..findings import Finding, Severity
from ..sections import chapter_index
from . import Check, CheckContext


def _chapters(ctx: CheckContext) -> dict[str, object]:
    if ctx.repo is None or not ctx.repo.source.is_dir():
        return {}
    return dict(chapter_index(ctx.repo.source))


def run(documents: Sequence[Document], ctx: CheckContext) -> list[Finding]:
    # Imported here: the schema (pydantic) is the costliest import of a check, and the
    # runner starts Vale right after discovering the families, so this overlaps Vale's run.
    from ..policy.frontmatter import check_document

    chapters = _chapters(ctx)
    findings: list[Finding] = []
    seen: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        if not ctx.is_contribution(document):
            continue
        known = ctx.front_matter_findings.get(document.path)
        findings.extend(check_document(document, chapters) if known is None else known)
        fid = (document.front_matter or {}).get("id")
        if isinstance(fid, str):
            seen[fid].append(document)
    on_disk_ids: dict[str, list[str]] = defaultdict(list)
    if ctx.repo is not None:
        # ids on disk that were not among the checked files still count as taken
        checked = {d.path.resolve() for docs in seen.values() for d in docs}
        on_disk = [p for p in contribution_paths(ctx.repo) if p.resolve() not in checked]
        for other in on_disk:
            other_id = read_id(other)
            if other_id in seen:
                on_disk_ids[other_id].append(ctx.repo.relative(other))
    for fid, docs in seen.items():
        if len(docs) + len(on_disk_ids[fid]) < 2:
            continue
        for document in docs:
            others = ", ".join([*(d.display_path for d in docs if d is not document), *on_disk_ids[fid]])
            line, column = locate(document.front_matter_positions, ("id",), False)
            findings.append(Finding(document.display_path, line, column, "schema.duplicate-id", Severity.ERROR,
                                    f"id {fid!r} is also used by {others}",
                                    "give this contribution a new id: run `cvmbok new` for a fresh one and copy it here", fid))
    return findings


CHECK = Check(
    name="frontmatter",
    run=run,
    order=10,
    description="contribution front matter: required fields, allowed values, section ids, unique ids",
)
