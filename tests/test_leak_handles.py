"""Chat and social-media handles name a person as surely as an e-mail address does."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.findings import Severity  # noqa: E402
from cvmbok.names.heuristics import all_flags  # noqa: E402


def found(text: str) -> set[tuple[str, str, Severity]]:
    return {(text[f.start : f.end], f.rule, f.severity) for f in all_flags(text, ())}


def test_a_handle_is_a_person_warning() -> None:
    text = "cc @kwatanabe on the next draft, and @ayse.karaca for the sign-off.\n"
    assert found(text) >= {("@kwatanabe", "leak.person-name", Severity.WARNING),
                           ("@ayse.karaca", "leak.person-name", Severity.WARNING)}


def test_chat_commands_addresses_and_domains_are_no_handles() -> None:
    for text in ("Tag @here when the run finishes.\n", "Write to churn@example.com for the template.\n",
                 "We met @ 10 am.\n", "See @example.com for the form.\n"):
        assert not {f for f in found(text) if f[1] == "leak.person-name"}, text
