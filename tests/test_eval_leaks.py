"""The leak evaluation set (bench/leaks_eval/) and its evaluator (bench/eval_leaks.py).

Why: the set is the yardstick for the leak check, so its format and coverage must
not rot; the evaluator must keep running the real CLI and reporting every category.
The detection figures themselves are measurements and are never asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import VENV_BIN, cvmbok_command

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "leaks_eval"
EVAL = ROOT / "bench" / "eval_leaks.py"
FIELDS = ("id", "split", "category", "subcategory", "expect", "text", "leak", "span")
CATEGORIES = ("registered", "unregistered-company", "person", "reidentifying", "disguise", "negative")
SPLITS = ("dev", "test", "holdout")
REGIONS = {"europe", "middle-east-africa", "asia-pacific", "latin-america", "north-america"}


def read_split(name: str) -> list[dict[str, object]]:
    lines = (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def cases() -> list[dict[str, object]]:
    return read_split("dev") + read_split("test")


@pytest.fixture(scope="module")
def holdout() -> list[dict[str, object]]:
    return read_split("holdout")


def test_every_case_has_the_fields_and_a_consistent_label(cases: list[dict[str, object]],
                                                          holdout: list[dict[str, object]]) -> None:
    for case in cases + holdout:
        assert all(k in case for k in FIELDS), case
        assert case["category"] in CATEGORIES, case
        assert isinstance(case["text"], str) and case["text"].strip(), case
        if case["category"] == "negative":
            assert case["expect"] == "none" and case["leak"] is None and case["span"] is None, case
        else:
            assert case["expect"] in ("error", "warning"), case
            start, end = case["span"]  # type: ignore[misc]
            assert case["text"][start:end] == case["leak"] != "", case  # type: ignore[index]


def test_ids_are_unique_and_each_file_holds_its_own_split() -> None:
    ids: list[object] = []
    for name in SPLITS:
        rows = read_split(name)
        assert {r["split"] for r in rows} == {name}
        ids += [r["id"] for r in rows]
    assert len(ids) == len(set(ids))


def test_the_set_meets_the_minimums_of_issue_14(cases: list[dict[str, object]]) -> None:
    counts = Counter(c["category"] for c in cases)
    assert len(cases) >= 600
    assert counts["negative"] >= 300
    assert all(counts[c] > 0 for c in CATEGORIES), counts
    locales = {c["locale"] for c in cases if c.get("locale")}
    assert len(locales) >= 12, locales
    regions = {c["region"] for c in cases if c["category"] == "unregistered-company"}
    assert {"europe", "middle-east-africa", "asia-pacific", "latin-america", "north-america"} <= regions


def test_the_holdout_is_large_and_varied_enough_to_report_on(holdout: list[dict[str, object]]) -> None:
    counts = Counter(c["category"] for c in holdout)
    assert len(holdout) >= 400
    assert counts["negative"] >= 160
    assert all(counts[c] >= 40 for c in CATEGORIES), counts
    assert all(str(c["id"]).startswith("hld-") for c in holdout)
    assert len({c["locale"] for c in holdout if c.get("locale")}) >= 12
    assert REGIONS <= {c["region"] for c in holdout if c["category"] == "unregistered-company"}
    assert REGIONS <= {c["region"] for c in holdout if c["category"] == "registered"}
    assert all(c.get("registry_name") for c in holdout if c["category"] in ("registered", "disguise"))


def test_the_fresh_set_is_well_formed() -> None:
    rows = read_split("fresh")
    assert len(rows) >= 150
    assert {r["split"] for r in rows} == {"fresh"}
    assert all(str(r["id"]).startswith("frs-") for r in rows)
    assert all(r["span"] is None or r["text"][r["span"][0]:r["span"][1]] == r["leak"] for r in rows)


def test_the_second_fresh_set_is_well_formed() -> None:
    rows = read_split("fresh2")
    assert len(rows) >= 250
    assert {r["split"] for r in rows} == {"fresh2"}
    assert all(str(r["id"]).startswith("fr2-") for r in rows)
    assert all(r["span"] is None or r["text"][r["span"][0]:r["span"][1]] == r["leak"] for r in rows)
    assert sum(1 for r in rows if r["category"] == "negative") >= 60


@pytest.mark.parametrize("split, prefix, size", [
    ("fresh3", "fr3-", 280), ("fresh4", "fr4-", 250), ("fresh5", "fr5-", 270), ("fresh6", "fr6-", 250),
    ("fresh7", "fr7-", 290), ("fresh8", "fr8-", 250), ("fresh9", "fr9-", 300), ("fresh10", "f10-", 300), ("fresh11", "f11-", 240),
    ("fresh12", "f12-", 300), ("fresh13", "f13-", 300)])
def test_the_later_fresh_sets_are_well_formed(split: str, prefix: str, size: int) -> None:
    rows = read_split(split)
    assert len(rows) >= size
    assert {r["split"] for r in rows} == {split}
    assert all(str(r["id"]).startswith(prefix) for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["span"] is None or r["text"][r["span"][0]:r["span"][1]] == r["leak"] for r in rows)
    assert sum(1 for r in rows if r["category"] == "negative") >= 60
    assert {r["category"] for r in rows} == set(CATEGORIES)


def test_dev_is_about_forty_percent_of_every_category(cases: list[dict[str, object]]) -> None:
    for cat in CATEGORIES:
        group = [c for c in cases if c["category"] == cat]
        dev = sum(1 for c in group if c["split"] == "dev")
        assert 0.35 <= dev / len(group) <= 0.45, (cat, dev, len(group))


def run_eval(*args: str) -> subprocess.CompletedProcess[str]:
    cvmbok = cvmbok_command()
    extra = ["--cvmbok", cvmbok[0]] if len(cvmbok) == 1 else []
    return subprocess.run([sys.executable, str(EVAL), *extra, *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_evaluator_runs_the_cli_on_a_slice_and_reports_every_category() -> None:
    if not (VENV_BIN / "cvmbok").exists():
        pytest.skip("the cvmbok console script is not installed")
    result = run_eval("--per-category", "2", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["cases"] == 12
    for cat in CATEGORIES[:-1]:
        row = report["scores"]["categories"][cat]
        assert row["cases"] == 2
        assert set(row) >= {"recall_any", "recall_error", "precision", "missed"}
    assert report["scores"]["negative"]["cases"] == 2
    assert {"error_findings", "error_ids", "warning_rate"} <= set(report["scores"]["negative"])
    assert len(report["targets"]) == 8 and all(isinstance(t["pass"], bool) for t in report["targets"])

    for split in ("dev", "holdout"):
        text = run_eval("--per-category", "1", "--split", split)
        assert text.returncode == 0, text.stderr
        assert f"split {split}, 6 cases" in text.stdout
        for cat in CATEGORIES:
            assert cat in text.stdout
        assert "PASS" in text.stdout or "FAIL" in text.stdout


def test_evaluator_refuses_a_broken_data_set_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "dev.jsonl").write_text('{"id": "x-1", "split": "dev"}\n', encoding="utf-8")
    result = run_eval("--split", "dev", "--data", str(tmp_path))
    assert result.returncode == 2
    assert "dev.jsonl:1: missing field(s)" in result.stderr
    assert "Traceback" not in result.stderr
    missing = run_eval("--split", "test", "--data", str(tmp_path))
    assert missing.returncode == 2 and "cannot read" in missing.stderr
