"""The compiled public registry is kept on disk by content: reused while nothing changed,
compiled again after any change, and never a reason for a check to fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from cvmbok.names import compiled

from .conftest import ROOT

COMPANIES = ROOT / "styles" / "names" / "companies.yml"


def test_the_cache_is_reused_and_follows_the_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CVMBOK_CACHE", raising=False)
    registry = tmp_path / "companies.yml"
    registry.write_text(COMPANIES.read_text(encoding="utf-8"), encoding="utf-8")
    first = compiled.compiled_registry(registry, None)
    stored = list((tmp_path / "cache" / "cvmbok").glob("names-*.pickle"))
    assert len(stored) == 1
    again = compiled.compiled_registry(registry, None)
    assert [t.text for t in again.terms] == [t.text for t in first.terms]
    assert again is not first  # read back from disk, not the same object

    registry.write_text(registry.read_text(encoding="utf-8") + "- {name: Zemblor Telecom, industry: telecom}\n",
                        encoding="utf-8")
    changed = compiled.compiled_registry(registry, None)
    assert "Zemblor Telecom" in {t.text for t in changed.terms}
    assert list((tmp_path / "cache" / "cvmbok").glob("names-*.pickle")) != stored, "a new key for new content"


def test_a_broken_or_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # cvmbok/ cannot be created below a file
    assert compiled.compiled_registry(COMPANIES, None).terms
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "cache" / "cvmbok"
    folder.mkdir(parents=True)
    (folder / f"names-{compiled.cache_key(COMPANIES, None)}.pickle").write_bytes(b"not a pickle")
    assert compiled.compiled_registry(COMPANIES, None).terms


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("CVMBOK_CACHE", "off")
    assert compiled.compiled_registry(COMPANIES, None).terms
    assert not (tmp_path / "cache").exists()
