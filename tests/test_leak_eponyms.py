"""A method named after a person is no leak; a company's own model is."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .conftest import run_cvmbok


def leak_errors(tmp_path: Path, text: str) -> dict[int, str]:
    names = tmp_path / "names.yml"
    names.write_text(yaml.safe_dump({"companies": [{"name": "Quenfield", "industry": "telecom"}]}), encoding="utf-8")
    doc = tmp_path / "c.md"
    doc.write_text(text, encoding="utf-8")
    result = run_cvmbok("check", "--only", "leaks", "--format", "json", "--names", str(names), str(doc), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return {f["line"]: f["match"] for f in json.loads(result.stdout) if f["severity"] == "error"}


def test_a_company_name_before_a_method_noun_is_still_a_leak(tmp_path: Path) -> None:
    errors = leak_errors(tmp_path, (
        "Quenfield churn model was simple.\n"  # the name is no surname: the company's model
        "Quenfield's uplift test ran for six weeks.\n"
        "We used a Pearson correlation and a Cox proportional hazards model.\n"  # surnames: eponyms
    ))
    assert errors == {1: "Quenfield", 2: "Quenfield"}
