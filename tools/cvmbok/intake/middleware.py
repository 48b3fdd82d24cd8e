"""Response headers that keep the contributor's browser to this site alone.

`default-src 'self'` forbids every third-party style sheet, script, font, frame and
request; no inline script or style is used anywhere, so none is allowed. Every page
is `no-store`: a receipt code or a draft must not stay in a shared computer's cache.
"""

from __future__ import annotations

from typing import Callable

from django.http import HttpRequest, HttpResponse

from .config import MAX_REQUEST_BYTES

CSP = "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"


def privacy_headers(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response["Content-Security-Policy"] = CSP
        response["Cache-Control"] = "no-store"
        response["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        return response

    return middleware


def size_limit(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Refuse an oversized request before anything reads it, with a message (Django would
    otherwise drop a too-large picture silently and carry on without it)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_REQUEST_BYTES:
            return HttpResponse(
                f"The upload is {length / 1e6:.0f} MB; the intake accepts at most {MAX_REQUEST_BYTES // 1_000_000} MB "
                "per request (pictures of at most 5 MB each). Nothing was stored; go back and send smaller pictures.",
                status=413, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware
