"""Worked examples: the safe evaluator, the data format, and a real Sphinx build that
fails (with `-W`) when a stated value disagrees with its formula."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cvmbok import arithmetic
from cvmbok.worked_example import ExampleError, parse_example

from .conftest import ROOT

# -- the evaluator -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("a - b - c", -4.0),
        ("a / b / c", 1 / 6),
        ("-a + b", 1.0),
        ("2 ** 3 ** 2", 512.0),
        ("sqrt(16) + max(a, b) - min(a, c)", 5.0),
        ("(a + b) / c * 100", 100.0),
    ],
)
def test_evaluator_computes_arithmetic(formula: str, expected: float) -> None:
    assert arithmetic.evaluate(formula, {"a": 1.0, "b": 2.0, "c": 3.0}) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("__import__('os').system('true')", "calls something other than"),
        ("a.real", "Attribute"),
        ("a[0]", "Subscript"),
        ("a if b else c", "IfExp"),
        ("a < b", "Compare"),
        ("'text'", "only numbers"),
        ("lambda: 1", "Lambda"),
        ("a // b", "operator that is not allowed"),
        ("a % b", "operator that is not allowed"),
        ("not a", "unary operator"),
        ("a +", "not valid arithmetic"),
        ("True + 1", "only numbers"),
        ("open(a)", "calls something other than"),
    ],
)
def test_evaluator_refuses_anything_but_arithmetic(formula: str, message: str) -> None:
    with pytest.raises(arithmetic.FormulaError, match=message.replace("(", r"\(")):
        arithmetic.evaluate(formula, {"a": 1.0, "b": 2.0, "c": 3.0})


def test_evaluator_names_unknown_names_and_division_by_zero() -> None:
    with pytest.raises(arithmetic.FormulaError, match="'d', which is not defined"):
        arithmetic.evaluate("a + d", {"a": 1.0})
    with pytest.raises(arithmetic.FormulaError, match="divides by zero"):
        arithmetic.evaluate("a / (b - 2)", {"a": 1.0, "b": 2.0})


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        ("a - (b - c)", "1 − (2 − 3)"),
        ("(a - b) - c", "1 − 2 − 3"),
        ("a / (b * c)", "1 ÷ (2 × 3)"),
        ("(a + b) * c", "(1 + 2) × 3"),
        ("a * b + c", "1 × 2 + 3"),
        ("sqrt(a / b)", "√(1 ÷ 2)"),
        ("a * 45000", "1 × 45,000"),
    ],
)
def test_formulas_are_written_for_readers_with_only_needed_brackets(formula: str, shown: str) -> None:
    values = {"a": "1", "b": "2", "c": "3"}
    assert arithmetic.render(formula, values.__getitem__) == shown


def test_names_lists_what_a_formula_reads() -> None:
    assert arithmetic.names("sqrt(x) * y + x") == ["x", "y"]


# -- the data format ------------------------------------------------------------------

GOOD = """\
inputs:
  - {name: treated, label: Customers treated, value: "45,000", unit: customers}
  - {name: take_up, label: Take-up, value: 12, unit: "%"}
  - {name: cost_each, label: Offer cost per taker, value: 5.00, unit: currency units}
results:
  - {name: takers, label: Takers, formula: treated * take_up, value: "5,400", unit: customers}
  - {name: cost, label: Offer cost, formula: takers * cost_each, value: "27,000", unit: currency units}
  - {name: share, label: Share of treated, formula: takers / treated, value: 12.0, unit: "%"}
  - {name: rough, label: Rounded, formula: cost * 2.05, value: "55,400", round: 100}
"""


def test_a_correct_example_agrees_everywhere() -> None:
    example = parse_example("Offer cost", GOOD)
    assert [o.agrees for o in example.outcomes()] == [True, True, True, True]
    assert example.shown_value("take_up") == "12 %"


def test_a_wrong_value_is_reported_with_its_line_and_both_numbers() -> None:
    example = parse_example("Offer cost", GOOD.replace('"27,000"', '"27,100"'))
    # 'rough' is computed from the stated cost, as a reader would, so it disagrees too.
    wrong, rough = example.disagreements()
    assert wrong.result.name == "cost" and wrong.result.line == 7
    assert rough.result.name == "rough"
    assert "states 27,100" in wrong.message() and "27,000.00" in wrong.message()


def test_rounding_follows_the_written_decimals_or_the_round_step() -> None:
    one_decimal = "results:\n  - {name: r, label: R, formula: 6.24, value: 6.2}\n"
    assert parse_example("t", one_decimal).disagreements() == []
    assert parse_example("t", one_decimal.replace("6.24", "6.26")).disagreements()
    step = "results:\n  - {name: r, label: R, formula: 55449, value: '55,400', round: 100}\n"
    assert parse_example("t", step).disagreements() == []
    assert parse_example("t", step.replace("55449", "55451")).disagreements()


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        ("inputs: [", "not valid YAML", 1),
        ("- a\n- b\n", "two lists", 1),
        ("inputs: []\n", "no results", 1),
        ("extra: 1\nresults: []\n", "unknown part 'extra'", 1),
        ("results:\n  - {name: r, label: R, formula: x * 2, value: 1}\n", "'x', which is not an input", 2),
        ("results:\n  - {name: r, label: R, formula: r * 2, value: 1}\n", "'r', which is not an input", 2),
        ("inputs:\n  - {name: a, label: A, value: 1}\n  - {name: a, label: B, value: 2}\nresults:\n"
         "  - {name: r, label: R, formula: a, value: 1}\n", "used twice", 3),
        ("inputs:\n  - {name: a, label: A, value: lots}\nresults:\n  - {name: r, label: R, formula: a, value: 1}\n",
         "not a number", 2),
        ("results:\n  - {name: r, label: R, formula: 1 / 0, value: 1}\n", "divides by zero", 2),
        ("results:\n  - {name: r, label: R, formula: 1, value: 1, colour: red}\n", "field 'colour' is unknown", 2),
        ("results:\n  - {name: 2r, label: R, formula: 1, value: 1}\n", "must be a word", 2),
        ("results:\n  - {name: r, formula: 1, value: 1}\n", "needs a 'label'", 2),
    ],
)
def test_bad_example_data_is_refused_precisely(body: str, message: str, line: int) -> None:
    with pytest.raises(ExampleError, match=message) as caught:
        parse_example("t", body).outcomes()
    assert caught.value.line == line


# -- a real build ---------------------------------------------------------------------

PAGE = """\
# Test page

Text before the example.

```{{worked-example}} Offer cost
:name: ex-offer-cost
{body}```
"""


def _build(tmp_path: Path, body: str, builder: str = "html") -> subprocess.CompletedProcess[str]:
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'tools')!r})\n"
        "extensions = ['myst_parser', 'cvmbok.sphinx_examples']\n",
        encoding="utf-8",
    )
    (tmp_path / "index.md").write_text(PAGE.format(body=body), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", builder, str(tmp_path), str(tmp_path / "_build" / builder)],
        capture_output=True, text=True, timeout=300,
    )


def test_a_correct_example_builds_and_renders_its_tables(tmp_path: Path) -> None:
    result = _build(tmp_path, GOOD)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Worked example: Offer cost" in html
    assert "5,400 × 5.00" in html and "45,000 × 12 %" in html
    assert 'id="ex-offer-cost"' in html


def test_a_wrong_example_fails_the_build_naming_file_line_and_result(tmp_path: Path) -> None:
    result = _build(tmp_path, GOOD.replace('"27,000"', '"27,100"'))
    assert result.returncode != 0
    # The result 'cost' is on line 7 of the body, which starts on line 7 of the page.
    assert "index.md:13: WARNING: worked example 'Offer cost': result 'cost'" in result.stderr
    assert "states 27,100" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_data_fails_the_latex_build_too(tmp_path: Path) -> None:
    result = _build(tmp_path, "results:\n  - {name: r, label: R, formula: x + 1, value: 1}\n", builder="latex")
    assert result.returncode != 0
    assert "index.md:8: WARNING: worked example 'Offer cost': result 'r'" in result.stderr
    assert "Traceback" not in result.stderr
