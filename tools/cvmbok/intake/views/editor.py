"""Editor pages: sign in with an editor code, the queue, one submission, review actions.

Every page here requires a signed-in editor (accounts are made with `cvmbok
editors add`); an anonymous request is sent to the sign-in page.
"""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ...contributions.store import today
from ...errors import CvmbokError
from ..forms import ReviewForm
from ..models import WITHDRAWN, Submission
from ..runtime import current
from .. import workflow
from .common import annotate


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    day = today()
    rows = [{
        "submission": s,
        "age": (day - s.created).days,
    } for s in Submission.objects.exclude(state=WITHDRAWN).order_by("created", "id")]
    return render(request, "intake/queue.html", {"rows": rows})


def _diff(versions: list[str]) -> list[tuple[str, str]]:
    if len(versions) < 2:
        return []
    lines = difflib.unified_diff(versions[-2].split("\n"), versions[-1].split("\n"),
                                 f"version {len(versions) - 1}", f"version {len(versions)}", lineterm="", n=2)
    kinds = {"+": "added", "-": "removed", "@": "hunk"}
    return [(kinds.get(line[:1], "same"), line) for line in lines]


@login_required
@require_http_methods(["GET", "POST"])
def submission(request: HttpRequest, public_id: str) -> HttpResponse:
    found = Submission.objects.filter(public_id=public_id).exclude(state=WITHDRAWN).first()
    if found is None:
        raise Http404("no such submission")
    context: dict[str, Any] = {"submission": found}
    form = ReviewForm()
    status = 200
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                workflow.review(found, form.cleaned_data["action"], form.cleaned_data["note"], request.user.get_username())
            except CvmbokError as exc:
                context["refused"] = str(exc)
                status = 400
            else:
                return redirect("editor-submission", public_id=public_id)
        else:
            status = 400
    draft = workflow.draft_of(found)
    pictures = workflow.pictures_of(found)
    result = current().checker.check(draft, pictures)
    context.update({
        "form": form, "draft": draft, "annotated": annotate(draft.body, result),
        "diff": _diff(workflow.versions_of(found)), "pictures": [name for name, _ in pictures],
        "history": draft.history,
    })
    return render(request, "intake/submission.html", context, status=status)
