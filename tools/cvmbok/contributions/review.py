"""Record a review outcome in a contribution's front matter history.

Pure planning (`review_text`) is separate from writing so the rules can be read in
one place: what each outcome requires and which statuses it may follow.
"""

from __future__ import annotations

import hashlib

from ..checks import CheckContext
from ..checks.runner import check_text
from ..errors import CvmbokError, UsageError
from ..findings import Finding, Severity, error_summary, has_errors
from ..policy import schema
from ..repo import Repo
from .store import Contribution, render, today

OUTCOMES = {
    "start": "in-review",
    "accept": "accepted",
    "request_changes": "changes-requested",
    "reject": "rejected",
}
ALLOWED_FROM: dict[str, tuple[str, ...]] = {outcome: schema.STATUS_FOLLOWS[outcome] for outcome in OUTCOMES.values()}
"""Which status each outcome may follow. A revised or reopened text goes through review again."""
NEEDS_NOTE = {"changes-requested", "rejected"}
"""The contributor must learn what to change or why: these outcomes need a note."""


def body_digest(body: str) -> str:
    """A short fingerprint of the text (front matter excluded): equal digests, unchanged text."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def changed_since_request(contribution: Contribution) -> bool | None:
    """Did the text change after the last request for changes? None when none was recorded
    (no request, or one recorded before reviews kept a digest)."""
    for entry in reversed(contribution.meta.history):
        if entry.outcome == "changes-requested":
            if entry.body_digest is None:
                return None
            return entry.body_digest != body_digest(contribution.document.body)
    return None


def note_findings(repo: Repo, note: str) -> list[Finding]:
    """The leak check over a review note, which ends up in the public `history` like the text.

    Only the errors count: a note that names a company or a person is refused, as a
    contribution would be; warnings (a likely name, a link) are for the reviewer to judge."""
    if not note.strip():
        return []
    found = check_text(note, "review note", CheckContext(repo=repo), path=repo.root / "review-note.md",
                       only=["leaks"])
    return [f for f in found if f.severity is Severity.ERROR]


def refuse_leaking_note(findings: list[Finding]) -> None:
    """Raise with each finding (column and matched text) when the note names someone."""
    if not findings:
        return
    shown = "; ".join(f"column {f.column}: {f.message}" for f in findings[:5])
    raise CvmbokError(f"the note is refused because it would publish a name in the contribution's history: {shown}; "
                      "describe the point without naming a company, brand or person")


def review_text(contribution: Contribution, outcome: str, note: str, reviewer: str | None,
                findings: list[Finding]) -> str:
    """The contribution's new file text with `outcome` recorded. Raises to refuse."""
    meta = contribution.meta
    if meta.status == "merged":
        raise CvmbokError(f"{meta.id} is already merged into {meta.merged.into if meta.merged else 'the book'}; "
                          "reviews end at merge (open a new contribution to change the text)")
    if meta.status not in ALLOWED_FROM[outcome]:
        raise CvmbokError(f"{meta.id} is {meta.status}; it can become {outcome} only from "
                          f"{', '.join(ALLOWED_FROM[outcome])} (reopen it first with `cvmbok review {meta.id} --start`)")
    if outcome in NEEDS_NOTE and not note.strip():
        raise UsageError(f"--note is required when the outcome is {outcome}: tell the contributor what to change or why")
    if outcome == "in-review" and reviewer is None:
        raise UsageError("--reviewer is required with --start: the queue shows which editor is reviewing it "
                         "(your editor code, e.g. ed-k7, never a name)")
    if reviewer is not None and not schema.is_reviewer_code(reviewer):
        raise UsageError(f"--reviewer {reviewer!r}: use an editor code such as ed-k7 (never a name)")
    if outcome == "accepted":
        if has_errors(findings):
            raise CvmbokError(f"cannot accept {meta.id}: {error_summary(findings)}")
        if not meta.consent.publish:
            raise CvmbokError(f"cannot accept {meta.id}: consent.publish is no, so it may not be published")
    entry = schema.HistoryEntry(date=today(), outcome=outcome, note=" ".join(note.split()), reviewer=reviewer,  # type: ignore[arg-type]
                                body_digest=body_digest(contribution.document.body))
    updated = meta.model_copy(update={"status": outcome, "history": [*meta.history, entry]})
    return render(updated, contribution.document.body)
