"""Response headers that keep the contributor's browser to this site alone.

`default-src 'self'` forbids every third-party style sheet, script, font, frame and
request; no inline script or style is used anywhere, so none is allowed. Every page
is `no-store`: a receipt code or a draft must not stay in a shared computer's cache.
"""

from __future__ import annotations

from typing import Callable

from django.http import HttpRequest, HttpResponse

CSP = "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"


def privacy_headers(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response["Content-Security-Policy"] = CSP
        response["Cache-Control"] = "no-store"
        response["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        return response

    return middleware
