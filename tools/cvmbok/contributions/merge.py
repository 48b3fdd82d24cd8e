"""Merge accepted contributions into their chapters: planned in memory, written atomically.

A merged insight is appended to the "Insights from practice" part at the end of its
target chapter, between provenance markers that carry the contribution id:

    % CVMBoK contribution cvm-xxxxxx begin
    (insight-cvm-xxxxxx)=
    ### Title
    ...
    % CVMBoK contribution cvm-xxxxxx end

The markers make merging idempotent (an existing block is replaced, never doubled)
and let anyone trace published text back to its contribution file, which is kept
with status `merged` and a record of where it went.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Sequence

from ..policy.markup import image_targets
from ..checks import CheckContext
from ..checks.runner import check_documents
from ..document import markdown_parser
from ..errors import CvmbokError
from ..findings import Finding, Severity, error_summary, has_errors
from ..repo import MARKER, Repo
from ..sections import chapter_index
from . import generated_pages
from ..policy import schema
from .store import Contribution, Transaction, load_all, today

PART_HEADING = "## Insights from practice"
PART_MARKER = "% CVMBoK insights from practice:"
IMAGES_FOLDER = "insights"



def begin_marker(cid: str) -> str:
    return f"% CVMBoK contribution {cid} begin"


def end_marker(cid: str) -> str:
    return f"% CVMBoK contribution {cid} end"


def anchor(cid: str) -> str:
    return f"insight-{cid}"


@dataclass
class Plan:
    """What a merge will write. Built in memory; nothing touches the disk until `commit`."""

    transaction: Transaction = field(default_factory=Transaction)
    texts: dict[Path, str] = field(default_factory=dict)
    merged: list[tuple[str, Path]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def text_of(self, path: Path) -> str:
        """The chapter's current text (as planned so far); refuses a page that cannot be read or is damaged."""
        if path not in self.texts:
            where = path.as_posix()
            for parent in path.parents:
                if (parent / MARKER).is_file():  # show the path from the repository root
                    where = path.relative_to(parent).as_posix()
                    break
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise CvmbokError(f"cannot merge into {where}: it is not valid UTF-8 (offset {exc.start}); "
                                  "save it as UTF-8") from exc
            except IsADirectoryError as exc:
                raise CvmbokError(f"cannot merge into {where}: it is a folder, not a page") from exc
            except OSError as exc:
                raise CvmbokError(f"cannot merge into {where}: {exc.strerror or exc}") from exc
            problem = damaged_markers(text)
            if problem is not None:
                raise CvmbokError(f"refusing to merge into {where}:{problem[0]}: {problem[1]}; "
                                  "fix that line by hand, then merge again")
            self.texts[path] = text
        return self.texts[path]


def _demote_headings(body: str, by: int) -> str:
    """Shift every Markdown heading of `body` down `by` levels ('##' -> '####' for by=2)."""
    lines = body.split("\n")
    for token in markdown_parser().parse(body):
        if token.type == "heading_open" and token.map and token.markup.startswith("#"):
            index = token.map[0]
            lines[index] = "#" * by + lines[index].lstrip()
    return "\n".join(lines)


_FOOTNOTE = re.compile(r"(?P<code>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))|\[\^(?P<label>[^\]\s]+)\]")


def _prefix_footnotes(body: str, cid: str) -> str:
    """Footnote labels are page-wide: prefix them with the id so two insights cannot clash.

    Code is left exactly as written: fenced and indented blocks (from the parser's line
    map) and inline code spans (matched first, and kept)."""
    lines = body.split("\n")
    code_lines: set[int] = set()
    for token in markdown_parser().parse(body):
        if token.type in ("fence", "code_block") and token.map:
            code_lines.update(range(token.map[0], token.map[1]))

    def replace(match: re.Match[str]) -> str:
        return match.group(0) if match.group("code") else f"[^{cid}-{match.group('label')}]"

    return "\n".join(line if index in code_lines else _FOOTNOTE.sub(replace, line) for index, line in enumerate(lines))


_BEGIN = re.compile(r"^% CVMBoK contribution (?P<id>\S+) begin\s*$")
_END = re.compile(r"^% CVMBoK contribution (?P<id>\S+) end\s*$")


def damaged_markers(page: str) -> tuple[int, str] | None:
    """(1-based line, what is wrong) for the first hand-damaged merge marker of `page`, or None.

    Merging relies on the markers: a lost end marker would make the next merge add the
    block again, a lost part marker a second "Insights from practice" heading."""
    lines = page.split("\n")
    open_id: str | None = None
    open_line = 0
    blocks = 0
    heading = next((i for i, line in enumerate(lines, 1) if line.rstrip() == PART_HEADING), None)
    marker = next((i for i, line in enumerate(lines, 1) if line.startswith(PART_MARKER)), None)
    for number, line in enumerate(lines, 1):
        begin, end = _BEGIN.match(line), _END.match(line)
        if begin:
            if open_id is not None:
                return open_line, (f"the block of {open_id} has no end marker before the next block begins "
                                   f"(line {number}); add `{end_marker(open_id)}` after its text")
            open_id, open_line = begin.group("id"), number
            blocks += 1
        elif end:
            if open_id is None:
                return number, (f"`{line.strip()}` has no begin marker above it; add "
                                f"`{begin_marker(end.group('id'))}` where the block starts")
            if end.group("id") != open_id:
                return number, f"this end marker is for {end.group('id')}, but the open block is {open_id} (line {open_line})"
            open_id = None
    if open_id is not None:
        return open_line, f"the block of {open_id} has no end marker; add `{end_marker(open_id)}` after its text"
    if heading is not None and marker is None:
        return heading, (f"the marker line below '{PART_HEADING}' was deleted; put back "
                         f"`{PART_MARKER} merged from contrib/ by `cvmbok merge`; edit the contribution file, not this part.`")
    if blocks and marker is None:
        return next(i for i, line in enumerate(lines, 1) if _BEGIN.match(line)), (
            f"merged blocks are here but the '{PART_HEADING}' heading and its marker line were deleted; put both back above them")
    return None


def image_destination(repo: Repo, chapter_path: Path, cid: str, target: str) -> tuple[Path, str]:
    """(file in source/, path to write in the merged text) for one image of a contribution."""
    parts = PurePosixPath(target.replace("\\", "/")).parts
    if parts and parts[0] == cid:
        parts = parts[1:]
    relative = PurePosixPath(IMAGES_FOLDER, cid, *parts)
    return chapter_path.parent / Path(*relative.parts), relative.as_posix()


def block(contribution: Contribution, images: dict[str, str]) -> str:
    """The merged text of one contribution, markers included, front matter dropped."""
    meta = contribution.meta
    body = contribution.document.body.strip("\n")
    for old, new in images.items():
        body = body.replace(f"]({old})", f"]({new})").replace(f"]({old} ", f"]({new} ")
        body = re.sub(r"(\{figure\}\s+)" + re.escape(old) + r"\s*$", lambda m: m.group(1) + new, body, flags=re.MULTILINE)
    body = _prefix_footnotes(_demote_headings(body, 2), meta.id)
    byline = f"*{meta.kind[0].upper()}{meta.kind[1:]} from practice · {meta.industry} · {meta.region}*"
    return "\n".join([
        begin_marker(meta.id),
        f"({anchor(meta.id)})=",
        f"### {meta.title}",
        "",
        byline,
        "",
        body,
        "",
        end_marker(meta.id),
    ]) + "\n"


def insert_block(page: str, cid: str, text: str) -> str:
    """`page` with the block for `cid` in its "Insights from practice" part (replacing an old one)."""
    begin, end = begin_marker(cid), end_marker(cid)
    if begin in page and end in page:
        start = page.index(begin)
        stop = page.index(end, start) + len(end)
        if stop < len(page) and page[stop] == "\n":
            stop += 1
        return page[:start] + text + page[stop:]
    page = page.rstrip("\n") + "\n"
    if PART_MARKER not in page:
        page += f"\n{PART_HEADING}\n\n{PART_MARKER} merged from contrib/ by `cvmbok merge`; edit the contribution file, not this part.\n"
    return page + "\n" + text


def refusal_reasons(contribution: Contribution, findings: list[Finding], require_accepted: bool) -> list[str]:
    reasons = []
    meta = contribution.meta
    if require_accepted and meta.status != "accepted":
        reasons.append(f"its status is {meta.status!r}, not 'accepted' (an editor accepts it with `cvmbok review {meta.id} --accept`)")
    if require_accepted and not meta.consent.publish:
        reasons.append("its consent.publish is no")
    if has_errors(findings):
        reasons.append(error_summary(findings))
    return reasons


def plan_merge(repo: Repo, ids: list[str] | None, *, require_accepted: bool = True,
               record: bool = True, only: Sequence[str] | None = None) -> Plan:
    """Plan merging the contributions `ids` (None: every accepted one). Raises CvmbokError to refuse.

    `record=False` (preview) writes only the book pages, not the contribution's status;
    `only` names the check families that must pass (default: all, as `cvmbok check`).
    """
    chapters: dict[str, Any] = dict(chapter_index(repo.source))
    contributions, problems = load_all(repo, chapters)
    by_id = {c.id: c for c in contributions}
    if ids is None:
        chosen = [c for c in contributions if c.meta.status == "accepted"]
    else:
        from .store import find_path
        chosen = []
        for cid in ids:
            path = find_path(repo, cid)
            if cid not in by_id:
                errors = [f for f in problems.get(path, []) if f.severity is Severity.ERROR]
                first = f"; first: {errors[0].path}:{errors[0].line}:{errors[0].column} {errors[0].message}" if errors else ""
                raise CvmbokError(f"cannot merge {cid}: its front matter is not valid{first}")
            chosen.append(by_id[cid])
    plan = Plan()
    to_merge = []
    for contribution in chosen:
        if record and contribution.meta.status == "merged":
            plan.skipped.append(contribution.id)
        else:
            to_merge.append(contribution)
    # the documents load_all already read, parsed and validated: every check family runs on them as they are
    context = CheckContext(repo=repo, front_matter_findings={c.document.path: c.schema_findings for c in to_merge})
    findings = check_documents([c.document for c in to_merge], context, only) if to_merge else []
    refusals = []
    for contribution in to_merge:
        mine = [f for f in findings if f.path == repo.relative(contribution.path)]
        reasons = refusal_reasons(contribution, mine, require_accepted)
        if reasons:
            refusals.append(f"{contribution.id}: " + "; ".join(reasons))
    if refusals:
        raise CvmbokError("refusing to merge " + " | ".join(refusals))
    date = today()
    version = generated_pages.edition_in_preparation(repo)  # after a release: "<released>-next"
    metas = {c.id: c.meta for c in contributions}
    for contribution in to_merge:
        chapter = chapters[contribution.meta.section]
        images = {}
        for target in image_targets(contribution.document):
            destination, written = image_destination(repo, chapter.path, contribution.id, target)
            plan.transaction.copy(contribution.path.parent / target, destination)
            images[target] = written
        page = plan.text_of(chapter.path)
        plan.texts[chapter.path] = insert_block(page, contribution.id, block(contribution, images))
        plan.merged.append((contribution.id, chapter.path))
        if record:
            merged_meta = contribution.meta.model_copy(update={
                "status": "merged",
                "merged": schema.MergedInto(into=repo.relative(chapter.path), anchor=anchor(contribution.id),
                                            edition=version, date=date),
                "history": [*contribution.meta.history, schema.HistoryEntry(date=date, outcome="merged")],
            })
            metas[contribution.id] = merged_meta
            from .store import render
            plan.transaction.write(contribution.path, render(merged_meta, contribution.document.body))
    for path, text in plan.texts.items():
        plan.transaction.write(path, text)
    if record:
        for path, text in generated_pages.pages(repo, metas.values()).items():
            plan.transaction.write(path, text)
    return plan
