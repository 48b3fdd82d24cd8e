"""The names the book cites: authors, editors and publishers from `source/references.bib`.

Cited authors are real people and publishers are real organizations, and citations
print them on every page that cites a work (in the HTML tooltips, the PDF's
bibliography and the ePub). The leak check must tell them apart from the names of
employers and colleagues it exists to catch, and the one source of truth for who is
cited is the bibliography itself. This module reads it and offers the names as data;
it does not decide what the leak check does with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pybtex.database import BibliographyData, PybtexError, parse_file  # type: ignore[import-untyped]

from .errors import UsageError

BIBLIOGRAPHY = Path("source") / "references.bib"
_PERSON_ROLES = ("author", "editor")
_ORGANIZATION_FIELDS = ("publisher", "institution", "organization", "school", "howpublished")


@dataclass(frozen=True)
class CitedPerson:
    """One author or editor as the bibliography spells them."""

    given: str
    surname: str
    key: str

    @property
    def full(self) -> str:
        return f"{self.given} {self.surname}".strip()


def _load(path: Path) -> BibliographyData:
    try:
        return parse_file(str(path), bib_format="bibtex")
    except (OSError, PybtexError) as exc:
        raise UsageError(f"bibliography {path}: cannot read it ({str(exc).splitlines()[0]})") from None


def _plain(text: str) -> str:
    return " ".join(text.replace("{", "").replace("}", "").split())


def cited_people(path: Path) -> list[CitedPerson]:
    """Every person who authored or edited a cited work, once per spelling.

    Corporate authors written in double braces (`{{DAMA International}}`) are
    organizations, not people, and are returned by `cited_organizations` instead."""
    seen: dict[tuple[str, str], CitedPerson] = {}
    for key, entry in _load(path).entries.items():
        for role in _PERSON_ROLES:
            for person in entry.persons.get(role, []):
                surname = _plain(" ".join(person.prelast_names + person.last_names))
                given = _plain(" ".join(person.first_names + person.middle_names))
                if not given and len(person.last_names) == 1 and person.last_names[0].startswith("{"):
                    continue  # a corporate author
                seen.setdefault((given, surname), CitedPerson(given, surname, key))
    return list(seen.values())


def cited_organizations(path: Path) -> list[str]:
    """Corporate authors and the publishers, institutions and issuers of cited works."""
    names: dict[str, None] = {}
    for entry in _load(path).entries.values():
        for role in _PERSON_ROLES:
            for person in entry.persons.get(role, []):
                if not person.first_names and len(person.last_names) == 1 and person.last_names[0].startswith("{"):
                    names.setdefault(_plain(person.last_names[0]), None)
        for field in _ORGANIZATION_FIELDS:
            if field in entry.fields:
                names.setdefault(_plain(str(entry.fields[field])), None)
    return list(names)
