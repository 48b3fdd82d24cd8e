"""The contribution front matter, declared once as data and validated with pydantic.

The allowed values live in the tuples below and nowhere else: the template, the
`cvmbok new` questions, the error messages and the README's tables all read them.
Errors are returned as `SchemaError` values (field path, rule, message, fix) so the
front matter check can place each one at the line and column of the offending key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any, Literal, Mapping, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Kind = Literal["insight", "practice", "pitfall", "case pattern", "KPI definition", "guide"]
Industry = Literal[
    "telecoms", "banking", "insurance", "retail", "e-commerce", "travel and hospitality",
    "airlines", "utilities", "media and entertainment", "gaming", "cross-industry",
]
Region = Literal["global", "Europe", "Middle East and Africa", "Asia-Pacific", "Latin America", "North America"]
"""Coarse on purpose: a country or a city narrows a story down to a handful of companies."""
Status = Literal["submitted", "in-review", "changes-requested", "accepted", "merged", "rejected"]
Outcome = Status
"""A history entry records the status a contribution entered, so the two share one list."""

KINDS: tuple[str, ...] = get_args(Kind)
INDUSTRIES: tuple[str, ...] = get_args(Industry)
REGIONS: tuple[str, ...] = get_args(Region)
STATUSES: tuple[str, ...] = get_args(Status)

STATUS_FOLLOWS: dict[str, tuple[str, ...]] = {
    "submitted": ("submitted", "changes-requested"),  # a revision sent in again (the intake records it)
    "in-review": ("submitted", "changes-requested", "rejected", "accepted"),
    "accepted": ("submitted", "in-review"),
    "changes-requested": ("submitted", "in-review", "accepted"),
    "rejected": ("submitted", "in-review", "changes-requested", "accepted"),
    "merged": ("accepted",),
}
"""Which status each history outcome may follow: the review path, as `cvmbok review`,
`cvmbok merge` and the intake write it (review.py takes its rules from here). A history
that skips a step was written by hand, and `status` is always the last outcome."""

ID_PATTERN = r"^cvm-[a-z0-9]{4,12}$"
REVIEWER_PATTERN = r"^ed-[a-z0-9]{2,12}$"
"""Editors sign a review with a role code (`ed-` plus letters or digits), never a name."""

FIELD_HELP: dict[str, str] = {
    "id": "the contribution's id, written by `cvmbok new` (cvm- followed by 4-12 lowercase letters or digits)",
    "title": "a short title, one line, 5 to 120 characters",
    "section": "where it goes in the book: a section id or SECTION/PAGE (run `cvmbok sections --chapters`)",
    "kind": "one of: " + ", ".join(KINDS),
    "industry": "one of: " + ", ".join(INDUSTRIES),
    "region": "a coarse region, never a country or city; one of: " + ", ".join(REGIONS),
    "status": "one of: " + ", ".join(STATUSES),
    "consent": "publish: yes/no and acknowledge: yes/no (your name itself is never written here)",
    "history": "review history written by `cvmbok review`: date, outcome, optional note and reviewer code",
    "merged": "where `cvmbok merge` put the text (written by the tool)",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Consent(_Strict):
    publish: bool
    acknowledge: bool


class HistoryEntry(_Strict):
    date: dt.date
    outcome: Outcome
    note: str = Field(default="", max_length=2000)
    reviewer: str | None = Field(default=None, pattern=REVIEWER_PATTERN)
    body_digest: str | None = Field(default=None, pattern=r"^[0-9a-f]{16}$")
    """What the text was when the outcome was recorded (written by `cvmbok review`), so
    `status` can tell an editor whether the contributor changed it since."""


MERGED_INTO_PATTERN = r"^source/(?:[a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*\.md$"
"""`merged.into` as merge writes it: a chapter page inside source/, relative, no '..'."""
EDITION_PATTERN = r"^[0-9]{4}\.[0-9]+(?:[.-][0-9a-z]+)*$"


class MergedInto(_Strict):
    into: str = Field(pattern=MERGED_INTO_PATTERN)
    anchor: str = Field(pattern=r"^insight-cvm-[a-z0-9]{4,12}$")
    edition: str = Field(pattern=EDITION_PATTERN)
    date: dt.date


class FrontMatter(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=5, max_length=120, pattern=r"^[^\n]+$")
    section: str = Field(min_length=1)
    kind: Kind
    industry: Industry
    region: Region
    status: Status
    consent: Consent
    history: list[HistoryEntry] = Field(default_factory=list)
    merged: MergedInto | None = None


FIELDS: tuple[str, ...] = tuple(FrontMatter.model_fields)
REQUIRED: tuple[str, ...] = tuple(name for name, f in FrontMatter.model_fields.items() if f.is_required())


@dataclass(frozen=True)
class SchemaError:
    """One problem, at `loc` (the key path, e.g. ("consent", "publish") or ("history", 0, "date"))."""

    loc: tuple[str | int, ...]
    rule: str
    message: str
    fix: str
    on_key: bool = True
    """Point at the key itself (True) or at its value (False)."""


def dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _allowed_for(loc: tuple[str | int, ...]) -> tuple[str, ...]:
    model: type[BaseModel] = FrontMatter
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation
        inner = [a for a in get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        elif inner:
            model = inner[0]
    return tuple(model.model_fields)


def _convert(error: Mapping[str, Any]) -> SchemaError:
    loc = tuple(error["loc"])
    name = dotted(loc)
    kind = error["type"]
    top = str(loc[0]) if loc else ""
    value = error.get("input")
    if kind == "missing":
        allowed = FIELD_HELP.get(str(loc[-1]), "") if len(loc) == 1 else "yes or no" if top == "consent" else ""
        return SchemaError(loc, "schema.missing-field", f"missing required field '{name}'" + (f": {allowed}" if allowed else ""),
                           f"add '{loc[-1]}: ...' ({allowed})" if allowed else f"add '{loc[-1]}: ...'")
    if kind == "extra_forbidden":
        allowed = ", ".join(_allowed_for(loc))
        return SchemaError(loc, "schema.unknown-field", f"unknown field '{name}'; allowed fields here: {allowed}",
                           "remove the field or correct its spelling (your name and employer never go in the file)")
    if kind == "literal_error":
        expected = get_args(_literal_for(loc))
        hint = " (a coarse region, never a country or city)" if loc[-1] == "region" else ""
        return SchemaError(loc, "schema.invalid-value",
                           f"'{name}' is {value!r}; allowed values{hint}: {', '.join(expected)}",
                           f"write one of: {', '.join(expected)}", on_key=False)
    if kind.startswith("bool"):
        return SchemaError(loc, "schema.invalid-value", f"'{name}' is {value!r}; allowed values: yes, no",
                           "write yes or no", on_key=False)
    if kind.startswith("date"):
        return SchemaError(loc, "schema.invalid-value", f"'{name}' is {value!r}; it must be a date written YYYY-MM-DD",
                           "write the date as e.g. 2026-11-28", on_key=False)
    if kind == "string_pattern_mismatch":
        help_text = {"id": FIELD_HELP["id"], "title": FIELD_HELP["title"], "reviewer": "an editor code such as ed-k7 (never a name)",
                     "into": "a chapter page inside source/ as `cvmbok merge` writes it, e.g. source/04-work-of-cvm/lifecycle.md",
                     "anchor": "insight-<id>, as `cvmbok merge` writes it", "edition": "an edition such as 2026.1"}
        what = help_text.get(str(loc[-1]), f"must match {error.get('ctx', {}).get('pattern', '')}")
        return SchemaError(loc, "schema.invalid-value", f"'{name}' is {value!r}; expected {what}",
                           "correct the value", on_key=False)
    if kind == "string_type":
        what = FIELD_HELP.get(str(loc[-1]), "text")
        return SchemaError(loc, "schema.invalid-value", f"'{name}' is {value!r}, not text; expected {what}",
                           "write the value as text (put it in quotes if it looks like a number or a date)", on_key=False)
    if kind in ("string_too_short", "string_too_long"):
        expected = FIELD_HELP.get(str(loc[-1]), error["msg"].lower())
        return SchemaError(loc, "schema.invalid-value", f"'{name}' has {len(str(value))} characters; expected {expected}",
                           "shorten or lengthen the value", on_key=False)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return SchemaError(loc, "schema.wrong-type", f"'{name}' must be a mapping of keys to values, not {type(value).__name__}",
                           FIELD_HELP.get(str(loc[-1]), "write one 'key: value' per line, indented under the field"), on_key=False)
    if kind == "list_type":
        return SchemaError(loc, "schema.wrong-type", f"'{name}' must be a list, not {type(value).__name__}",
                           "write one '- date: ...' entry per line", on_key=False)
    return SchemaError(loc, "schema.wrong-type", f"'{name}' is {value!r}: {error['msg']}",
                       FIELD_HELP.get(top, "correct the value"), on_key=False)


def _literal_for(loc: tuple[str | int, ...]) -> Any:
    last = loc[-1]
    return {"kind": Kind, "industry": Industry, "region": Region, "status": Status, "outcome": Outcome}.get(str(last), Status)


def validate(data: Mapping[str, Any], chapters: Mapping[str, object]) -> tuple[FrontMatter | None, list[SchemaError]]:
    """Validate one front matter mapping against the schema and the book's chapters.

    `chapters` is `cvmbok.sections.chapter_index(...)`: the valid `section:` values.
    Returns the model when valid (cross-field rules may still add errors).
    """
    errors: list[SchemaError] = []
    keys = [k for k in data if not isinstance(k, str)]
    for key in keys:
        errors.append(SchemaError((str(key),), "schema.unknown-field", f"field name {key!r} is not text",
                                  f"allowed fields: {', '.join(FIELDS)}"))
    try:
        model: FrontMatter | None = FrontMatter.model_validate({k: v for k, v in data.items() if isinstance(k, str)})
    except ValidationError as exc:
        model = None
        errors.extend(_convert(e) for e in exc.errors(include_url=False))
    section = data.get("section")
    if chapters and isinstance(section, str) and section.strip() and section.strip() not in chapters:  # no book: cannot tell
        sections = sorted({ref.split("/")[0] for ref in chapters})
        wanted = section.strip()
        close = [ref for ref in chapters if wanted in ref] or difflib.get_close_matches(wanted, list(chapters), n=3)
        hint = f" (did you mean {', '.join(sorted(close))}?)" if close else ""
        errors.append(SchemaError(("section",), "schema.unknown-section",
                                  f"section {section!r} is not a section or chapter of the book{hint}; sections: {', '.join(sections)}",
                                  "run `cvmbok sections --chapters` and copy one id", on_key=False))
    if model is not None:
        errors.extend(_cross_field(model))
    return model, errors


def _history_errors(model: FrontMatter) -> list[SchemaError]:
    """The history and status as the tools write them: one valid step at a time, status = last outcome."""
    how = "the tools keep status and history: undo the hand edit (git checkout the file) and use `cvmbok review`"
    if not model.history:
        if model.status != "submitted":
            return [SchemaError(("history",), "schema.inconsistent",
                                f"status is {model.status!r} but the history is empty", how, on_key=False)]
        return []
    errors: list[SchemaError] = []
    previous: str | None = None
    last_date: dt.date | None = None
    for index, entry in enumerate(model.history):
        allowed = STATUS_FOLLOWS[entry.outcome]
        if previous is None and entry.outcome != "submitted":
            errors.append(SchemaError(("history", index, "outcome"), "schema.history",
                                      f"the history starts with {entry.outcome!r}; every contribution starts 'submitted'", how, on_key=False))
        elif previous is not None and previous not in allowed:
            errors.append(SchemaError(("history", index, "outcome"), "schema.history",
                                      f"history[{index}] goes from {previous!r} to {entry.outcome!r}; {entry.outcome!r} "
                                      f"can only follow {', '.join(allowed)}", how, on_key=False))
        if last_date is not None and entry.date < last_date:
            errors.append(SchemaError(("history", index, "date"), "schema.history",
                                      f"history[{index}] is dated {entry.date} but the entry before it {last_date}", how, on_key=False))
        previous, last_date = entry.outcome, entry.date
    if previous != model.status:
        errors.append(SchemaError(("status",), "schema.inconsistent",
                                  f"status is {model.status!r} but the last history entry is {previous!r}", how, on_key=False))
    if model.merged is not None and model.history[-1].outcome == "merged" and model.history[-1].date != model.merged.date:
        errors.append(SchemaError(("merged", "date"), "schema.inconsistent",
                                  f"merged.date is {model.merged.date} but the merge is recorded on {model.history[-1].date}", how, on_key=False))
    return errors


def _cross_field(model: FrontMatter) -> list[SchemaError]:
    errors = _history_errors(model)
    if model.status == "merged" and model.merged is None:
        errors.append(SchemaError(("status",), "schema.inconsistent", "status is 'merged' but there is no 'merged' record of where it went",
                                  "merge with `cvmbok merge ID`, which writes both", on_key=False))
    if model.merged is not None and model.status != "merged":
        errors.append(SchemaError(("merged",), "schema.inconsistent", f"a 'merged' record is present but status is {model.status!r}",
                                  "remove the 'merged' record or set status to merged with `cvmbok merge`"))
    if model.status in ("accepted", "merged") and not model.consent.publish:
        errors.append(SchemaError(("consent", "publish"), "schema.inconsistent",
                                  f"status is {model.status!r} but consent.publish is no: nothing is published without consent",
                                  "set consent.publish to yes, or set status to rejected", on_key=False))
    return errors


def is_reviewer_code(value: str) -> bool:
    return re.fullmatch(REVIEWER_PATTERN, value) is not None
