"""`cvmbok submit`'s side of the intake: send a checked file and its pictures, get the receipt.

Uses the same form as the browser (it fetches the page for its CSRF token, then
posts with `Accept: application/json`), so there is no second, unprotected path in.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CvmbokError, UsageError

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_ID = re.compile(r'name="contribution_id" value="([^"]+)"')


@dataclass(frozen=True)
class Sent:
    id: str
    receipt: str
    summary: dict[str, int]


def _multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = "cvmbok-" + secrets.token_hex(12)
    out = bytearray()
    for name, value in fields.items():
        out += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n".encode() + value.encode() + b"\r\n"
    for field, filename, data in files:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def send(url: str, fields: dict[str, str], pictures: list[tuple[str, bytes]], old_id: str = "",
         timeout: float = 120) -> Sent:
    """Post one submission; raises CvmbokError with the server's reason when it is refused.

    The intake gives the submission a fresh id, so picture links written as `<old_id>/name.png`
    are pointed at the new id's folder.
    """
    base = url.rstrip("/")
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        with opener.open(f"{base}/submit", timeout=timeout) as page:
            html = page.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as exc:
        raise UsageError(f"cannot reach the intake at {base}: {getattr(exc, 'reason', exc)}") from exc
    token, contribution_id = _TOKEN.search(html), _ID.search(html)
    if token is None or contribution_id is None:
        raise CvmbokError(f"{base}/submit is not a CVMBoK intake page")
    new_id = contribution_id.group(1)
    if old_id and "body" in fields:
        fields = {**fields, "body": fields["body"].replace(f"({old_id}/", f"({new_id}/")}
    body, content_type = _multipart({**fields, "csrfmiddlewaretoken": token.group(1),
                                     "contribution_id": new_id, "action": "submit"},
                                    [("pictures", name, data) for name, data in pictures])
    request = urllib.request.Request(f"{base}/submit", data=body, method="POST", headers={
        "Content-Type": content_type, "Accept": "application/json", "Referer": f"{base}/submit"})
    try:
        with opener.open(request, timeout=timeout) as response:
            answer: dict[str, Any] = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        try:
            answer = json.loads(exc.read())
        except ValueError:
            raise CvmbokError(f"the intake refused the submission (HTTP {exc.code})") from exc
        raise CvmbokError(_reason(answer)) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise CvmbokError(f"no answer from the intake at {base}: {exc}") from exc
    return Sent(str(answer["id"]), str(answer["receipt"]), dict(answer.get("summary", {})))


def _reason(answer: dict[str, Any]) -> str:
    lines = [f"the intake refused the submission: {answer.get('error', 'no reason given')}"]
    for f in answer.get("findings", [])[:20]:
        if f.get("severity") in ("error", "warning"):
            lines.append(f"  line {f.get('body_line') or '(fields)'}: {f['severity']} [{f['rule']}] {f['message']}")
    for name, errors in (answer.get("fields") or {}).items():
        lines.append(f"  {name}: {'; '.join(e.get('message', '') for e in errors)}")
    return "\n".join(lines)


def read_pictures(folder: Path) -> list[tuple[str, bytes]]:
    if not folder.is_dir():
        return []
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()]
