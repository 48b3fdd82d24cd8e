"""Closed compounds: a registered name joined to the noun after it, as German, Dutch and
the Scandinavian languages write them, through the real CLI with invented companies."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .conftest import run_cvmbok

NAMES = {
    "companies": [
        {"name": "Quenfield", "industry": "telecom", "markets": ["DE"], "size": "large"},
        {"name": "Brellwick", "industry": "retail", "markets": ["NL"], "size": "medium"},
        # an invented brand that begins ordinary words ("Generali|sierung" style): never a compound head
        {"name": "Informa", "industry": "media", "markets": ["DE"], "size": "small"},
    ],
}


def leak_errors(tmp_path: Path, text: str) -> dict[int, str]:
    names = tmp_path / "names.yml"
    names.write_text(yaml.safe_dump(NAMES), encoding="utf-8")
    doc = tmp_path / "c.md"
    doc.write_text(text, encoding="utf-8")
    result = run_cvmbok("check", "--only", "leaks", "--format", "json", "--names", str(names), str(doc), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return {f["line"]: f["match"] for f in json.loads(result.stdout)
            if f["severity"] == "error" and f["rule"] == "leak.company"}


def test_a_name_joined_to_a_noun_is_found(tmp_path: Path) -> None:
    errors = leak_errors(tmp_path, (
        "Die Quenfieldmeilen verfallen nach drei Jahren.\n"  # a noun beyond the 4,000 most frequent words
        "Jede Brellwickfiliale hatte ein eigenes Ziel.\n"
        "Wer eine Quenfieldkundenkarte hat, bekommt Punkte.\n"  # the rest is two words
        "De Brellwickklanten kregen een aanbod.\n"
    ))
    assert errors == {1: "Quenfieldmeilen", 2: "Brellwickfiliale", 3: "Quenfieldkundenkarte", 4: "Brellwickklanten"}


def test_words_that_only_begin_like_a_name_are_not_compounds(tmp_path: Path) -> None:
    errors = leak_errors(tmp_path, (
        "Die Informationen kamen aus der Informatik.\n"  # "Informa" begins ordinary words: no compound head
        "Die Quenfielder Straße liegt im Norden.\n"  # a short ending is no noun
        "Quenfieldxyzzq is noise.\n"  # the rest is no word
    ))
    assert errors == {}
