"""The edition's identity (title, version, date, rights), read from `edition.toml`.

`SOURCE_DATE_EPOCH`, when set, overrides the date so two builds of one commit are
byte-identical; every edition and the release command read the date through here.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .reproducible import source_date


@dataclass(frozen=True)
class Edition:
    title: str
    short_title: str
    version: str
    date: dt.date
    author: str
    publisher: str
    language: str
    rights: str
    identifier: str
    repository_url: str

    @property
    def date_text(self) -> str:
        """The date as readers see it: '28 November 2026'."""
        return f"{self.date.day} {self.date.strftime('%B %Y')}"


def build_date(recorded: dt.date) -> dt.date:
    return source_date() or recorded


def load_edition(path: Path) -> Edition:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the edition file: {exc}") from exc
    try:
        recorded = dt.date.fromisoformat(str(data["date"]))
        return Edition(
            title=str(data["title"]),
            short_title=str(data["short_title"]),
            version=str(data["version"]),
            date=build_date(recorded),
            author=str(data["author"]),
            publisher=str(data["publisher"]),
            language=str(data["language"]),
            rights=str(data["rights"]),
            identifier=str(data["identifier"]),
            repository_url=str(data["repository_url"]),
        )
    except KeyError as exc:
        raise UsageError(f"{path}: missing key {exc.args[0]!r}") from exc
    except ValueError as exc:
        raise UsageError(f"{path}: date must be YYYY-MM-DD: {exc}") from exc
