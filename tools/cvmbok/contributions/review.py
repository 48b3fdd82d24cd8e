"""Record a review outcome in a contribution's front matter history.

Pure planning (`review_text`) is separate from writing so the rules can be read in
one place: what each outcome requires and which statuses it may follow.
"""

from __future__ import annotations

from ..errors import CvmbokError, UsageError
from ..findings import Finding, Severity, error_summary, has_errors
from ..policy import schema
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
    if reviewer is not None and not schema.is_reviewer_code(reviewer):
        raise UsageError(f"--reviewer {reviewer!r}: use an editor code such as ed-k7 (never a name)")
    if outcome == "accepted":
        if has_errors(findings):
            raise CvmbokError(f"cannot accept {meta.id}: {error_summary(findings)}")
        if not meta.consent.publish:
            raise CvmbokError(f"cannot accept {meta.id}: consent.publish is no, so it may not be published")
    entry = schema.HistoryEntry(date=today(), outcome=outcome, note=" ".join(note.split()), reviewer=reviewer)  # type: ignore[arg-type]
    updated = meta.model_copy(update={"status": outcome, "history": [*meta.history, entry]})
    return render(updated, contribution.document.body)
