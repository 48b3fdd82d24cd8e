"""`cvmbok submit FILE [--to URL]`: send a contribution written locally to the private intake."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from ..document import split_front_matter
from ..errors import UsageError

NAME = "submit"
HELP = "send a contribution file (and its pictures) to the private intake; prints the receipt code"
DESCRIPTION = """\
Send FILE to the intake at --to (default: $CVMBOK_INTAKE_URL or http://127.0.0.1:8000).
The intake runs every check again and refuses a file with errors; pass
--warnings-read once you have read its warnings. Pictures are taken from the
folder named after the file's id beside it (contrib/<id>/). The receipt code is
printed once: keep it to read the editors' notes, revise or withdraw."""

FIELDS = ("title", "section", "kind", "industry", "region")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--to", metavar="URL", help="the intake's address (default: $CVMBOK_INTAKE_URL or http://127.0.0.1:8000)")
    parser.add_argument("--warnings-read", action="store_true", help="I have read the warnings; submit anyway")


def _fields(path: Path) -> tuple[dict[str, str], str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read it as UTF-8 text ({exc})") from exc
    fm, body, _ = split_front_matter(text.replace("\r\n", "\n"))
    try:
        data = yaml.safe_load(fm) if fm else None
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: the front matter is not valid YAML; run `cvmbok check {path}`") from exc
    if not isinstance(data, dict):
        raise UsageError(f"{path}: no front matter; start from `cvmbok new`")
    missing = [f for f in FIELDS if not data.get(f)]
    if missing:
        raise UsageError(f"{path}: missing {', '.join(missing)} in the front matter; run `cvmbok check {path}`")
    raw = data.get("consent")
    consent: dict[str, object] = raw if isinstance(raw, dict) else {}
    fields = {f: str(data[f]) for f in FIELDS}
    fields["publish"] = "yes" if consent.get("publish") is True else "no"
    fields["acknowledge"] = "yes" if consent.get("acknowledge") is True else "no"
    return fields, body.strip("\n"), str(data.get("id") or "")


def run(args: argparse.Namespace) -> int:
    from ..intake.client import read_pictures, send

    fields, body, old_id = _fields(args.file)
    url = args.to or os.environ.get("CVMBOK_INTAKE_URL") or "http://127.0.0.1:8000"
    pictures = read_pictures(args.file.parent / old_id) if old_id else []
    fields["body"] = body
    if args.warnings_read:
        fields["warnings_read"] = "on"
    sent = send(url, fields, pictures, old_id=old_id)
    print(f"submitted as {sent.id} ({sent.summary.get('warnings', 0)} warnings). Your receipt code, shown only once:",
          file=sys.stderr)
    print(sent.receipt)
    return 0
