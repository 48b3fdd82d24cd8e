"""Helpers shared by the contributor and editor pages: findings beside their lines, JSON, errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from ...findings import Finding
from ..checking import CheckResult

STATIC = Path(__file__).resolve().parents[1] / "static" / "intake"
STATIC_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}


@dataclass
class Line:
    number: int
    text: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Annotated:
    lines: list[Line]
    about_fields: list[Finding]
    summary: dict[str, int]

    @property
    def flagged(self) -> list[Line]:
        return [line for line in self.lines if line.findings]


def annotate(body: str, result: CheckResult) -> Annotated:
    """Each body line with the findings on it; findings on the front matter are 'about the fields'."""
    lines = [Line(n, text) for n, text in enumerate(body.replace("\r\n", "\n").strip("\n").split("\n"), 1)]
    about: list[Finding] = []
    for finding in result.findings:
        number = result.body_line(finding)
        if number is None or not 1 <= number <= len(lines):
            about.append(finding)
        else:
            lines[number - 1].findings.append(finding)
    return Annotated(lines, about, result.summary())


def findings_json(result: CheckResult) -> list[dict[str, Any]]:
    out = []
    for finding in result.findings:
        data = finding.to_json()
        data["body_line"] = result.body_line(finding)
        out.append(data)
    return out


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def json_response(data: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if wants_json(request):
        return json_response({"error": "the form's security token is missing or old: load the page again"}, 403)
    return render(request, "intake/message.html", {
        "title": "Please load the page again",
        "message": "The form was sent without its security token, or the token is out of date. "
                   "Go back, reload the page and send it again. Nothing was stored.",
    }, status=403)


def static_file(request: HttpRequest, name: str) -> FileResponse:
    """The app's own style sheet and script (there is no CDN and no other origin)."""
    path = (STATIC / name).resolve()
    if path.parent != STATIC.resolve() or not path.is_file() or path.suffix not in STATIC_TYPES:
        raise Http404("no such file")
    return FileResponse(path.open("rb"), content_type=STATIC_TYPES[path.suffix])
