"""Contributor pages: write and check, submit, come back with the receipt code.

No account and no session: the only cookie is Django's CSRF token. Every page works
without JavaScript; `live.js` only runs the same check while typing. The receipt
code travels in POST bodies only, never in a URL.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from ...contributions.store import today
from ...errors import CvmbokError
from ..checking import CheckResult
from ..draft import Draft
from ..forms import ReceiptForm, SubmissionForm
from ..pictures import PictureError, check_name, reencode
from ..uploads import changed_names
from ..runtime import current
from .. import workflow
from .common import annotate, findings_json, json_response, wants_json

_ID = re.compile(r"^cvm-[a-z0-9]{4,12}$")


def _draft(form: SubmissionForm, contribution_id: str) -> Draft:
    data = form.cleaned_data
    return Draft(contribution_id, data["title"], data["section"], data["kind"], data["industry"], data["region"],
                 data["publish"] == "yes", data["acknowledge"] == "yes", data["body"],
                 history=()).with_entry("submitted", today())


def _pictures(form: SubmissionForm, request: HttpRequest) -> list[tuple[str, bytes]]:
    for raw in changed_names(request):
        check_name(raw)  # raises with a message quoting the name as sent
    out = []
    for upload in form.cleaned_data.get("pictures") or []:
        name = str(upload.name or "")
        out.append((name, reencode(name, upload.read())))
    names = [n for n, _ in out]
    if len(set(names)) != len(names):
        raise PictureError("two pictures have the same name; rename one")
    return out


def _initial_form(draft: Draft | None = None) -> SubmissionForm:
    if draft is None:
        return SubmissionForm()
    return SubmissionForm(initial={
        "title": draft.title, "section": draft.section, "kind": draft.kind, "industry": draft.industry,
        "region": draft.region, "publish": "yes" if draft.publish else "no",
        "acknowledge": "yes" if draft.acknowledge else "no", "body": draft.body,
    })


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, template, context, status=status)


def _check_context(form: SubmissionForm, result: CheckResult | None) -> dict[str, Any]:
    if result is None:
        return {}
    return {"annotated": annotate(form.cleaned_data["body"], result), "result": result}


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request, "intake/submit.html", {"form": _initial_form(), "contribution_id": workflow.fresh_id()})
    contribution_id = request.POST.get("contribution_id", "")
    if not _ID.match(contribution_id):
        contribution_id = workflow.fresh_id()
    form = SubmissionForm(request.POST, request.FILES)
    context: dict[str, Any] = {"form": form, "contribution_id": contribution_id}
    if not form.is_valid():
        if wants_json(request):
            return json_response({"error": "the form is incomplete", "fields": form.errors.get_json_data()}, 400)
        return _page(request, "intake/submit.html", context, 400)
    try:
        pictures = _pictures(form, request)
    except PictureError as exc:
        if wants_json(request):
            return json_response({"error": str(exc)}, 400)
        form.add_error("pictures", str(exc))
        return _page(request, "intake/submit.html", context, 400)
    draft = _draft(form, contribution_id)
    result = current().checker.check(draft, pictures)
    context.update(_check_context(form, result))
    if request.POST.get("action") != "submit":
        if wants_json(request):
            return json_response({"findings": findings_json(result), "summary": result.summary()})
        return _page(request, "intake/submit.html", context)
    try:
        created = workflow.create(draft, pictures, bool(form.cleaned_data.get("warnings_read")))
    except workflow.Refused as exc:
        if wants_json(request):
            return json_response({"error": str(exc), "findings": findings_json(result), "summary": result.summary()}, 400)
        context["refused"] = str(exc)
        return _page(request, "intake/submit.html", context, 400)
    if wants_json(request):
        return json_response({"id": created.submission.public_id, "receipt": created.receipt,
                              "findings": findings_json(result), "summary": result.summary()})
    return _page(request, "intake/receipt.html", {"code": created.receipt, "id": created.submission.public_id})


@require_http_methods(["GET", "POST"])
def come_back(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request, "intake/come-back.html", {"form": ReceiptForm()})
    form = ReceiptForm(request.POST)
    if not form.is_valid():
        return _page(request, "intake/come-back.html", {"form": form}, 400)
    code = form.cleaned_data["code"]
    submission = workflow.find(code)
    if submission is None:
        return _page(request, "intake/come-back.html", {
            "form": form, "refused": "No submission matches this code. Check the words and their order."}, 403)
    action = request.POST.get("action", "open")
    context: dict[str, Any] = {"code": code, "submission": submission}
    if action == "withdraw":
        if request.POST.get("confirm") != "yes":
            context["refused"] = "Tick the box to confirm that the text and pictures should be deleted."
        else:
            try:
                workflow.withdraw(submission)
            except workflow.Refused as exc:
                context["refused"] = str(exc)
            else:
                return _page(request, "intake/message.html", {
                    "title": "Withdrawn", "message": "Your text and pictures were deleted. The receipt code no longer works."})
    draft = workflow.draft_of(submission)
    edit_form = _initial_form(draft)
    if action in ("check", "revise"):
        edit_form = SubmissionForm(request.POST, request.FILES)
        if edit_form.is_valid():
            try:
                pictures = _pictures(edit_form, request) or None
                revised = _draft(edit_form, submission.public_id)
                result = current().checker.check(revised, pictures or workflow.pictures_of(submission))
                context.update(_check_context(edit_form, result))
                if action == "revise":
                    workflow.revise(submission, revised, pictures, bool(edit_form.cleaned_data.get("warnings_read")))
                    context["done"] = "Your revision was sent. The editors will see what changed."
                    draft = workflow.draft_of(submission)
                    edit_form = _initial_form(draft)
            except (PictureError, workflow.Refused) as exc:
                context["refused"] = str(exc)
    context.update({"draft": draft, "form": edit_form, "notes": draft.notes,
                    "can_revise": submission.state in ("submitted", "changes-requested")})
    return _page(request, "intake/status.html", context, 400 if "refused" in context else 200)


def home(request: HttpRequest) -> HttpResponse:
    return _page(request, "intake/home.html", {})


__all__ = ["submit", "come_back", "home", "CvmbokError"]
