"""Worked examples as data: named inputs, named results with formulas, and the values
the prose states for them.

A worked example is where a reader checks the book's economics, so the numbers in
the prose and the arithmetic must not drift apart. The body of a
```` ```{worked-example} ```` block is YAML:

```yaml
inputs:
  - {name: treated, label: Customers treated, value: "45,000", unit: customers}
  - {name: take_up, label: Take-up of the offer, value: 12, unit: "%"}
results:
  - {name: takers, label: Customers who take the offer, formula: treated * take_up, value: "5,400", unit: customers}
```

Rules, kept in this one module so the Sphinx directive and the tests agree:

- names are identifiers; a result's formula may use inputs and earlier results;
- values may be written with thousands separators ("45,000");
- a unit of `%` or `pp` means the value is written as a percentage: formulas see
  the fraction (12 % is 0.12) and a result in `%` is compared after multiplying by 100;
- a stated value is taken as rounded to its last written decimal ("6.2" allows
  ±0.05, "108,000" ±0.5) unless `round` names the rounding step ("round: 100" for
  "about 55,400", ±50);
- later results use the stated value of earlier ones, as a reader following the page
  does, so one wrong number is reported once, where it is written.

In YAML's flow style (`{...}`), quote numbers with thousands separators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from . import arithmetic
from .errors import CvmbokError

PERCENT_UNITS = frozenset({"%", "pp"})
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_INPUT_KEYS = frozenset({"name", "label", "value", "unit", "note"})
_RESULT_KEYS = frozenset({"name", "label", "formula", "value", "unit", "round", "note"})


class ExampleError(CvmbokError):
    """A worked example whose data cannot be read; `line` is 1-based within the YAML body."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Number:
    """A number as written: its value and how many decimals the writer gave."""

    value: float
    decimals: int

    @classmethod
    def parse(cls, text: str, what: str, line: int) -> Number:
        cleaned = text.strip().replace("\u2212", "-")
        if not _NUMBER.match(cleaned):
            raise ExampleError(f"{what}: {text!r} is not a number (write 45000, 45,000 or 6.2)", line)
        decimals = len(cleaned.split(".", 1)[1]) if "." in cleaned else 0
        return cls(float(cleaned.replace(",", "")), decimals)

    def text(self) -> str:
        return format_number(self.value, self.decimals)


def format_number(value: float, decimals: int) -> str:
    """Thousands separators, the given decimals and a real minus sign."""
    text = f"{abs(value):,.{decimals}f}"
    return ("\u2212" + text) if value < 0 and float(text.replace(",", "")) != 0 else text


@dataclass(frozen=True)
class Input:
    name: str
    label: str
    number: Number
    unit: str
    note: str
    line: int

    @property
    def value(self) -> float:
        """The value formulas see (a percentage as a fraction)."""
        return self.number.value / 100 if self.unit in PERCENT_UNITS else self.number.value


@dataclass(frozen=True)
class Result:
    name: str
    label: str
    formula: str
    stated: Number
    unit: str
    step: float
    note: str
    line: int

    @property
    def tolerance(self) -> float:
        return self.step / 2 + 1e-9 * max(1.0, abs(self.stated.value))


@dataclass(frozen=True)
class Outcome:
    """One result recomputed: what the formula gives, in the unit the prose states."""

    result: Result
    computed: float

    @property
    def agrees(self) -> bool:
        return abs(self.computed - self.result.stated.value) <= self.result.tolerance

    def message(self) -> str:
        r = self.result
        shown = format_number(self.computed, max(r.stated.decimals, 2))
        return (
            f"result {r.name!r} ({r.label}) states {r.stated.text()} but {r.formula} gives {shown}"
            f" (allowed rounding ±{format_number(r.step / 2, max(r.stated.decimals + 1, 0))})"
        )


@dataclass
class Example:
    title: str
    inputs: list[Input] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)

    def outcomes(self) -> list[Outcome]:
        """Every result evaluated in order; a formula that cannot be evaluated raises ExampleError."""
        values: dict[str, float] = {i.name: i.value for i in self.inputs}
        outcomes = []
        for result in self.results:
            try:
                raw = arithmetic.evaluate(result.formula, values)
            except arithmetic.FormulaError as exc:
                raise ExampleError(f"result {result.name!r}: {exc}", result.line) from None
            shown = raw * 100 if result.unit in PERCENT_UNITS else raw
            outcomes.append(Outcome(result, shown))
            # Later steps use the value the prose states, as a reader following the page would.
            values[result.name] = result.stated.value / 100 if result.unit in PERCENT_UNITS else result.stated.value
        return outcomes

    def disagreements(self) -> list[Outcome]:
        return [o for o in self.outcomes() if not o.agrees]

    def shown_value(self, name: str) -> str:
        """How a name appears in a rendered formula: its stated value, with % where it is one."""
        for item in self.inputs:
            if item.name == name:
                return item.number.text() + (" %" if item.unit == "%" else "")
        for result in self.results:
            if result.name == name:
                return result.stated.text() + (" %" if result.unit == "%" else "")
        return name


def parse_example(title: str, body: str) -> Example:
    """The example in `body` (YAML), with every name, value and formula checked."""
    try:
        root = yaml.compose(body, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise ExampleError(f"the example is not valid YAML: {problem}", line) from None
    if not isinstance(root, yaml.MappingNode):
        raise ExampleError("the example needs two lists, 'inputs' and 'results'", 1)
    sections = {_scalar(k, "key"): v for k, v in root.value}
    unknown = set(sections) - {"inputs", "results"}
    if unknown:
        raise ExampleError(f"unknown part {sorted(unknown)[0]!r}; only 'inputs' and 'results' are allowed", 1)
    example = Example(title)
    seen: set[str] = set()
    for node in _items(sections.get("inputs"), "inputs"):
        fields = _fields(node, _INPUT_KEYS, {"name", "label", "value"}, "input")
        name = _name(fields, node, seen)
        line = node.start_mark.line + 1
        number = Number.parse(fields["value"], f"input {name!r}", line)
        example.inputs.append(Input(name, fields["label"], number, fields.get("unit", ""), fields.get("note", ""), line))
    results = _items(sections.get("results"), "results")
    if not results:
        raise ExampleError("the example has no results to check", 1)
    for node in results:
        fields = _fields(node, _RESULT_KEYS, {"name", "label", "formula", "value"}, "result")
        name = _name(fields, node, seen)
        line = node.start_mark.line + 1
        stated = Number.parse(fields["value"], f"result {name!r}", line)
        step = 10.0 ** -stated.decimals
        if "round" in fields:
            step = Number.parse(fields["round"], f"result {name!r} round", line).value
            if step <= 0:
                raise ExampleError(f"result {name!r}: round must be a positive step such as 0.1 or 100", line)
        try:
            used = arithmetic.names(fields["formula"])
        except arithmetic.FormulaError as exc:
            raise ExampleError(f"result {name!r}: {exc}", line) from None
        for used_name in used:
            if used_name not in seen or used_name == name:
                raise ExampleError(
                    f"result {name!r}: formula uses {used_name!r}, which is not an input or an earlier result", line
                )
        example.results.append(
            Result(name, fields["label"], fields["formula"], stated, fields.get("unit", ""), step, fields.get("note", ""), line)
        )
    return example


def _scalar(node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise ExampleError(f"{what} must be a single value", node.start_mark.line + 1)
    return str(node.value)


def _items(node: yaml.Node | None, part: str) -> list[yaml.MappingNode]:
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise ExampleError(f"'{part}' must be a list of entries (each line starting with '- ')", node.start_mark.line + 1)
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            raise ExampleError(f"each entry of '{part}' must have fields such as name, label, value", item.start_mark.line + 1)
    return list(node.value)


def _fields(node: yaml.MappingNode, allowed: frozenset[str], required: set[str], kind: str) -> dict[str, str]:
    line = node.start_mark.line + 1
    fields = {_scalar(k, "a field name"): _scalar(v, "a field") for k, v in node.value}
    for key in fields:
        if key not in allowed:
            hint = " (in {...} style, put a value that contains a comma in quotes)" if key.strip().isdigit() else ""
            raise ExampleError(f"{kind} field {key!r} is unknown; allowed: {', '.join(sorted(allowed))}{hint}", line)
    for key in sorted(required):
        if not fields.get(key, "").strip():
            raise ExampleError(f"{kind} {fields.get('name', '(no name)')!r} needs a {key!r}", line)
    return fields


def _name(fields: dict[str, str], node: yaml.MappingNode, seen: set[str]) -> str:
    name = fields["name"].strip()
    line = node.start_mark.line + 1
    if not _NAME.match(name):
        raise ExampleError(f"name {name!r} must be a word of letters, digits and underscores", line)
    if name in arithmetic.FUNCTIONS:
        raise ExampleError(f"name {name!r} is a function name; choose another", line)
    if name in seen:
        raise ExampleError(f"name {name!r} is used twice", line)
    seen.add(name)
    return name
