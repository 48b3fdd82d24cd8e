"""A large file is linted by Vale in chunks, several processes at once (issue 15), with the
findings of one run: the same lines, columns and messages, and a once-per-page rule
(CVMBoK.Abbreviations, 'spell it out the first time') asks once per page, not per chunk."""

from __future__ import annotations

import pytest

from cvmbok import vale
from cvmbok.checks.terms import _load_registry, advice_for, once_per_page
from cvmbok.document import split_front_matter

from .conftest import ROOT

CONFIG = ROOT / ".vale.ini"


def book_prose(pages: int) -> str:
    """The bodies of the book's first `pages` pages, one after another, twice, after a bare 'ARPU':
    the second time round every abbreviation was spelled out earlier in the file, but not
    earlier in its chunk."""
    paths = sorted((ROOT / "source").rglob("*.md"))[:pages]
    once = "\n\n".join(split_front_matter(p.read_text(encoding="utf-8"))[1] for p in paths)
    return "The ARPU rose before anyone spelled it out.\n\n" + once + "\n\n" + once


def keys(findings: list) -> list[tuple]:
    return sorted((f.path, f.line, f.column, f.rule, f.severity, f.message, f.fix, f.match) for f in findings)


def test_cuts_fall_between_top_level_blocks_only() -> None:
    text = "---\ntitle: x\n\nnot a cut\n---\n\nOne.\n\n```{note}\nIn a note.\n\nStill in it.\n```\n\n- item\n\n  more of it\n\nTwo.\n"
    lines = text.split("\n")
    cuts = vale.split_points(text, 8)
    assert cuts and all(not lines[cut - 1].strip() and lines[cut] in ("One.", "- item", "Two.") for cut in cuts)


def test_a_chunked_file_gets_the_findings_of_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = _load_registry(CONFIG)
    item = vale.ValeInput("contrib/cvm-chk111-long.md", book_prose(6))
    words = once_per_page(registry)
    assert words["CVMBoK.Abbreviations"]

    def lint(chunk_bytes: int, rules: dict) -> list:
        monkeypatch.setattr(vale, "CHUNK_BYTES", chunk_bytes)
        monkeypatch.setattr(vale.os, "cpu_count", lambda: 3)
        return keys(vale.run_vale([item], CONFIG, advice=advice_for(registry), once_per_page=rules))

    single = lint(len(item.text) + 1, words)
    size = len(vale.myst_for_vale(item.text)) // 3 + 1
    chunked = lint(size, words)
    assert len(vale._pieces(item, 3, "")) == 3  # really cut in three
    without_probe = lint(size, {})
    assert any(key[3] == "CVMBoK.Abbreviations" for key in single)
    assert set(without_probe) - set(single)  # each chunk alone would ask for the abbreviations again ...
    assert chunked == single  # ... the probes make the chunks report what one run reports
