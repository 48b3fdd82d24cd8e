"""Keep the names of uploads exactly as the browser sent them, so tricks are refused, not hidden.

Django quietly cuts a file name down to its last path part ("../../x.png" becomes
"x.png"). That is safe, but the contributor would never learn that the name was
wrong, and a name with a folder in it is a sign of a tool doing something odd. The
request class here records every raw name that Django had to change; the view
refuses the upload with a message that quotes it.
"""

from __future__ import annotations

from typing import Any

from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList


class _RecordingParser(MultiPartParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.changed_names: list[str] = []

    def sanitize_file_name(self, file_name: str) -> str | None:
        cleaned: str | None = super().sanitize_file_name(file_name)
        if cleaned != file_name:
            self.changed_names.append(file_name)
        return cleaned


class IntakeRequest(WSGIRequest):
    changed_upload_names: list[str] = []

    def parse_file_upload(self, META: Any, post_data: Any) -> Any:
        self.upload_handlers = ImmutableList(self.upload_handlers, warning="upload handlers are fixed once parsing starts")
        parser = _RecordingParser(META, post_data, self.upload_handlers, self.encoding)
        parsed = parser.parse()
        self.changed_upload_names = parser.changed_names
        return parsed


class IntakeHandler(WSGIHandler):
    request_class = IntakeRequest


def changed_names(request: object) -> list[str]:
    return list(getattr(request, "changed_upload_names", []))
