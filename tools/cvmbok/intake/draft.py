"""A submission as data: the front-matter fields, the body and the review history.

`render()` goes through `contributions.store.render`, the writer every contribution
file is made with, so the text that is checked, stored and exported is one and the
same. The allowed values come from the schema module (through `fields`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from ..contributions.slug import slugify
from ..contributions.store import render
from ..document import split_front_matter
from ..errors import CvmbokError
from .fields import schema


@dataclass(frozen=True)
class Draft:
    id: str
    title: str
    section: str
    kind: str
    industry: str
    region: str
    publish: bool
    acknowledge: bool
    body: str
    status: str = "submitted"
    history: tuple[schema.HistoryEntry, ...] = field(default_factory=tuple)

    @property
    def display_path(self) -> str:
        return f"contrib/{self.file_name}"

    @property
    def file_name(self) -> str:
        return f"{self.id}-{slugify(self.title)}.md"

    def meta(self) -> schema.FrontMatter:
        data: dict[str, Any] = {
            "id": self.id, "title": self.title, "section": self.section, "kind": self.kind,
            "industry": self.industry, "region": self.region, "status": self.status,
            "consent": {"publish": self.publish, "acknowledge": self.acknowledge},
            "history": [h.model_dump() for h in self.history],
        }
        return schema.FrontMatter.model_validate(data)

    def render(self) -> str:
        body = self.body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        return render(self.meta(), f"\n{body}\n")

    def with_entry(self, outcome: str, date: dt.date, note: str = "", reviewer: str | None = None) -> "Draft":
        entry = schema.HistoryEntry.model_validate({"date": date, "outcome": outcome, "note": note, "reviewer": reviewer})
        return replace(self, status=outcome, history=(*self.history, entry))

    @property
    def notes(self) -> list[schema.HistoryEntry]:
        """History entries that carry a note for the contributor."""
        return [h for h in self.history if h.note]


def from_text(text: str) -> Draft:
    """The draft back from a stored file text (the inverse of `render`)."""
    fm_text, body, _ = split_front_matter(text)
    if fm_text is None:
        raise CvmbokError("a stored submission has no front matter")
    meta = schema.FrontMatter.model_validate(yaml.safe_load(fm_text))
    return Draft(meta.id, meta.title, meta.section, meta.kind, meta.industry, meta.region,
                 meta.consent.publish, meta.consent.acknowledge, body.strip("\n"), meta.status, tuple(meta.history))
