"""What happens to a submission: create, find by receipt, revise, withdraw, review, purge.

Each function is one database transaction: a request that fails halfway (a bad
picture, a refused note, a failed export) leaves the database as it was. Views
call these; they never touch the models' sealed fields themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from django.db import IntegrityError, transaction

from ..contributions import review as review_rules
from ..contributions.ids import new_id, used_ids
from ..contributions.store import Contribution, today
from ..document import parse_text
from ..errors import CvmbokError, UsageError
from ..findings import Finding, Severity
from . import receipts
from .checking import CheckResult
from .draft import Draft, from_text
from .models import WITHDRAWN, Picture, Submission, Version
from .runtime import current

CLOSED_STATES = ("rejected", WITHDRAWN)


class Refused(CvmbokError):
    """The action is not allowed now; the message is shown to the person who asked."""


@dataclass(frozen=True)
class Created:
    submission: Submission
    receipt: str


def fresh_id() -> str:
    """A contribution id unused in the repository and in the intake."""
    repo = current().config.repo
    for _ in range(20):
        candidate = new_id(repo)
        if not Submission.objects.filter(public_id=candidate).exists():
            return candidate
    raise CvmbokError("could not find an unused contribution id")


def draft_of(submission: Submission) -> Draft:
    return from_text(current().box.open_text(bytes(submission.document)))


def pictures_of(submission: Submission) -> list[tuple[str, bytes]]:
    box = current().box
    return [(box.open_text(bytes(p.name)), box.open(bytes(p.data))) for p in Picture.objects.filter(submission=submission)]


def versions_of(submission: Submission) -> list[str]:
    box = current().box
    return [box.open_text(bytes(v.body)) for v in Version.objects.filter(submission=submission)]


def _store(submission: Submission, draft: Draft, result: CheckResult) -> None:
    box = current().box
    submission.document = box.seal_text(draft.render())
    submission.state = draft.status
    submission.errors = len(result.errors)
    submission.warnings = len(result.warnings)
    submission.updated = today()


def _replace_pictures(submission: Submission, pictures: Sequence[tuple[str, bytes]]) -> None:
    box = current().box
    Picture.objects.filter(submission=submission).delete()
    for name, data in pictures:
        Picture.objects.create(submission=submission, name=box.seal_text(name), data=box.seal(data))


def _add_version(submission: Submission, draft: Draft) -> None:
    number = Version.objects.filter(submission=submission).count() + 1
    Version.objects.create(submission=submission, number=number, created=today(), body=current().box.seal_text(draft.body))


def refuse_unless_clean(result: CheckResult, warnings_acknowledged: bool) -> None:
    if result.errors:
        raise Refused(f"{len(result.errors)} error{'s' if len(result.errors) != 1 else ''} must be fixed before you submit")
    if result.warnings and not warnings_acknowledged:
        raise Refused(f"please read the {len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''} "
                      "and tick the box to say you did")


def create(draft: Draft, pictures: Sequence[tuple[str, bytes]], warnings_acknowledged: bool) -> Created:
    """Check, then store a new submission; returns the receipt code (the only time it exists in clear)."""
    if draft.id in used_ids(current().config.repo):
        raise Refused(f"the id {draft.id} is already used in the book; load the form again to get a new one")
    result = current().checker.check(draft, pictures)
    refuse_unless_clean(result, warnings_acknowledged)
    for _ in range(5):
        receipt = receipts.new_receipt()
        try:
            with transaction.atomic():
                submission = Submission(public_id=draft.id, locator=receipt.locator, receipt_hash=receipt.digest,
                                        created=today(), updated=today())
                _store(submission, draft, result)
                submission.save()
                _add_version(submission, draft)
                _replace_pictures(submission, pictures)
            return Created(submission, receipt.code)
        except IntegrityError:
            if Submission.objects.filter(public_id=draft.id).exists():
                raise Refused(f"{draft.id} was submitted already; use your receipt code to revise it") from None
            continue  # two codes began with the same two words: draw again
    raise CvmbokError("could not store the submission; please try again")


def find(code: str) -> Submission | None:
    """The submission this receipt code opens, or None (the same answer for 'no such code' and 'wrong code')."""
    locator = receipts.locator_of(code)
    submission = Submission.objects.filter(locator=locator).first() if locator else None
    if submission is None:
        receipts.matches(code, _DUMMY_HASH)  # the same work either way: timing does not tell a locator exists
        return None
    return submission if receipts.matches(code, submission.receipt_hash) else None


_DUMMY_HASH = receipts.new_receipt().digest


def revise(submission: Submission, draft: Draft, pictures: Sequence[tuple[str, bytes]] | None,
           warnings_acknowledged: bool) -> CheckResult:
    """A new version from the contributor; allowed while it is submitted or changes were requested."""
    if submission.state not in ("submitted", "changes-requested"):
        raise Refused(f"this submission is {submission.state}; it can be revised only while it waits for review "
                      "or after changes were requested")
    kept = pictures_of(submission) if pictures is None else list(pictures)
    old = draft_of(submission)
    revised = Draft(old.id, draft.title, draft.section, draft.kind, draft.industry, draft.region, draft.publish,
                    draft.acknowledge, draft.body, old.status, old.history)
    requested = old.status == "changes-requested"
    if requested:
        revised = revised.with_entry("submitted", today(), "revised after changes were requested")
    result = current().checker.check(revised, kept)
    refuse_unless_clean(result, warnings_acknowledged)
    with transaction.atomic():
        _store(submission, revised, result)
        submission.revised_after_request = submission.revised_after_request or requested
        submission.save()
        _add_version(submission, revised)
        if pictures is not None:
            _replace_pictures(submission, kept)
    return result


def withdraw(submission: Submission) -> None:
    """Delete the text, every version and every picture now; keep only an empty row until the purge."""
    if submission.state in ("accepted", "merged"):
        raise Refused("this submission was accepted and is in the repository already; write to the editors to take it out")
    with transaction.atomic():
        Picture.objects.filter(submission=submission).delete()
        Version.objects.filter(submission=submission).delete()
        submission.document = b""
        submission.locator = None
        submission.receipt_hash = ""
        submission.state = WITHDRAWN
        submission.closed = today()
        submission.updated = today()
        submission.save()


def _note_leaks(note: str) -> list[Finding]:
    from ..checks.runner import check_text

    checker = current().checker
    found = check_text(note, "note.md", checker.context, path=Path("note.md"), only=["leaks"])
    return [f for f in found if f.severity is Severity.ERROR and f.rule.startswith("leak.")]


def review(submission: Submission, action: str, note: str, reviewer: str) -> None:
    """One review action (`cvmbok review`'s rules and history model); accept also exports and commits."""
    if action not in review_rules.OUTCOMES:
        raise UsageError(f"unknown review action {action!r}")
    if submission.state == WITHDRAWN:
        raise Refused("the contributor withdrew this submission")
    leaks = _note_leaks(note) if note.strip() else []
    if leaks:
        raise Refused(f"the note is refused: {leaks[0].message.split(':')[0]}; {leaks[0].fix} (notes reach the contributor "
                      "and the history in the file)")
    outcome = review_rules.OUTCOMES[action]
    draft = draft_of(submission)
    pictures = pictures_of(submission)
    result = current().checker.check(draft, pictures) if outcome == "accepted" else None
    text = draft.render()
    parsed = parse_text(Path(draft.display_path), draft.display_path, text).document
    if parsed is None:
        raise CvmbokError("a stored submission cannot be parsed")
    contribution = Contribution(Path(draft.display_path), parsed, draft.meta())
    new_text = review_rules.review_text(contribution, outcome, note, reviewer, result.findings if result else [])
    reviewed = from_text(new_text)
    with transaction.atomic():
        submission.document = current().box.seal_text(new_text)
        submission.state = reviewed.status
        submission.editor = reviewer
        submission.updated = today()
        if outcome == "changes-requested":
            submission.revised_after_request = False
        if outcome == "rejected":
            submission.closed = today()
        if outcome == "accepted":
            from .export import export

            submission.exported = export(current().config.repo, reviewed, pictures)
        submission.save()


def purge(days: int, on: dt.date | None = None) -> int:
    """Delete rejected and withdrawn submissions closed at least `days` days ago; returns how many."""
    cutoff = (on or today()) - dt.timedelta(days=days)
    with transaction.atomic():
        doomed = Submission.objects.filter(state__in=CLOSED_STATES, closed__lte=cutoff)
        count = doomed.count()
        doomed.delete()
    return count
