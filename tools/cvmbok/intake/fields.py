"""The allowed values of the submission form, from the one place the schema keeps them.

Every other intake module imports the schema through here, so when the schema
module moves only this import changes.
"""

from __future__ import annotations

from ..policy import schema
from ..repo import Repo
from ..sections import chapter_index


def choices(repo: Repo) -> dict[str, tuple[str, ...]]:
    """Form choices: the book's sections and chapters, and the schema's kinds, industries and regions."""
    return {
        "section": tuple(chapter_index(repo.source)),
        "kind": schema.KINDS,
        "industry": schema.INDUSTRIES,
        "region": schema.REGIONS,
    }


CONSENT_FIELDS: tuple[str, ...] = tuple(schema.Consent.model_fields)
"""publish, acknowledge."""

__all__ = ["schema", "choices", "CONSENT_FIELDS"]
