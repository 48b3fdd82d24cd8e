"""One contribution's front matter against the schema (`cvmbok.policy.schema`), placed at file:line:col."""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..findings import Finding, Severity
from ..policy import schema
from .markup import FENCE_LIKE
from .yamlpos import locate


def check_document(document: Document, chapters: dict[str, object]) -> list[Finding]:
    """Findings for one contribution's front matter."""
    return validate_document(document, chapters)[1]


def validate_document(document: Document,
                      chapters: dict[str, object]) -> tuple[schema.FrontMatter | None, list[Finding]]:
    """(the front matter as the schema's model, None when it has none or is invalid; its
    findings), from one validation: loading a contribution needs both."""
    if document.front_matter is None:
        return None, _missing_front_matter(document)
    table = document.front_matter_positions
    path = document.display_path
    model, errors = schema.validate(document.front_matter, chapters)
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
    return model, findings


def _missing_front_matter(document: Document) -> list[Finding]:
    """Why a file has no front matter block: never closed, a wrong fence, or none at all (the
    loader has already reported YAML that does not parse, with its position)."""
    path = document.display_path
    lines = document.text.split("\n")
    meant = next((n for n, line in enumerate(lines[1:60], 2) if FENCE_LIKE.match(line)), None)
    if document.text.startswith("---") and not document.front_matter_text and document.body == document.text:
        if meant is not None:
            return [Finding(path, meant, 1, "schema.missing-front-matter", Severity.ERROR,
                            f"the front matter block is not closed: line {meant} ({lines[meant - 1].strip()!r}) "
                            "looks meant to close it, but the closing line must be exactly '---'",
                            "write '---' (three hyphens, nothing else) on that line", lines[meant - 1].strip())]
        return [Finding(path, 1, 1, "schema.missing-front-matter", Severity.ERROR,
                        "the front matter block is not closed: the second '---' line is missing",
                        "end the front matter with a line containing only '---'")]
    if document.text.startswith("---"):
        return []  # broken YAML: the loader has reported it with its position
    if lines and FENCE_LIKE.match(lines[0]):
        return [Finding(path, 1, 1, "schema.missing-front-matter", Severity.ERROR,
                        f"the front matter must start with a line that is exactly '---', not {lines[0].strip()!r}",
                        "write '---' (three hyphens, nothing else) on the first line", lines[0].strip())]
    return [Finding(path, 1, 1, "schema.missing-front-matter", Severity.ERROR,
                    "the file has no front matter (the block between two '---' lines at the top)",
                    "start from the template: `cvmbok new` writes a file with the front matter filled in")]
