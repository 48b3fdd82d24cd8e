"""Sphinx extension: ```` ```{worked-example} Title ```` renders a worked example and
checks its arithmetic at build time.

The body is data (see `cvmbok.worked_example` for the format): named inputs with
values and units, and named results, each with a formula over the inputs and earlier
results and the value the prose states. The directive recomputes every result with
the safe evaluator in `cvmbok.arithmetic` and emits a Sphinx warning naming the file,
the line of the result and both numbers when they disagree beyond the stated
rounding, so a build with `-W` (every `cvmbok build`) fails instead of publishing
arithmetic that does not add up.

It renders plain docutils nodes (a rubric and two tables: inputs, then the
calculation with the numbers put into each formula), so the HTML, PDF and ePub
editions show the same thing without builder-specific code.

Register with `extensions = [..., "cvmbok.sphinx_examples"]`. Option `:name:` gives
the example a label for `{ref}` links.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import arithmetic
from .worked_example import Example, ExampleError, parse_example

logger = logging.getLogger(__name__)
WARNING_TYPE = "cvmbok"
WARNING_SUBTYPE = "worked-example"


def _table(title: str, header: list[str], rows: list[list[str]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["cvmbok-worked-example-table"])
    table += nodes.title(title, title)
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(header)
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += _row(cells)
    group += body
    return table


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(text, text)
        row += entry
    return row


def render_example(example: Example) -> list[nodes.Node]:
    """The rubric and the two tables of one example, from its data alone."""
    with_notes = any(i.note for i in example.inputs)
    input_rows = [
        [i.label, i.number.text(), i.unit] + ([i.note] if with_notes else []) for i in example.inputs
    ]
    result_rows = []
    for r in example.results:
        calculation = arithmetic.render(r.formula, example.shown_value)
        result_rows.append([r.label + (f" ({r.note})" if r.note else ""), calculation, r.stated.text(), r.unit])
    parts: list[nodes.Node] = [nodes.rubric("", f"Worked example: {example.title}")]
    if input_rows:
        header = ["Input", "Value", "Unit"] + (["Source or assumption"] if with_notes else [])
        widths = [40, 15, 15] + ([30] if with_notes else [])
        parts.append(_table("Inputs", header, input_rows, widths))
    parts.append(_table("Calculation", ["Step", "Calculation", "Result", "Unit"], result_rows, [30, 40, 15, 15]))
    return parts


class WorkedExampleDirective(SphinxDirective):
    """`{worked-example} Title`: the body is the example's YAML data."""

    has_content = True
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    option_spec = {"name": directives.unchanged}

    def _body_start(self) -> int:
        """The 1-based source line of the body's first line.

        MyST's `content_offset` is not a line of the file, so the body is found in the
        source: the first line after the fence (and its option lines) equal to it."""
        source, fence = self.get_source_info()
        first = self.content[0].strip() if self.content else ""
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return (fence or 0) + 1
        for index in range(fence or 0, len(lines)):
            if lines[index].strip() == first:
                return index + 1
        return (fence or 0) + 1

    def _warn(self, message: str, body_line: int) -> None:
        line = self._body_start() + body_line - 1
        logger.warning(
            f"worked example {self.arguments[0]!r}: {message}",
            location=(self.env.docname, line),
            type=WARNING_TYPE,
            subtype=WARNING_SUBTYPE,
        )

    def run(self) -> list[nodes.Node]:
        title = self.arguments[0].strip()
        try:
            example = parse_example(title, "\n".join(self.content))
            outcomes = example.outcomes()
        except ExampleError as exc:
            self._warn(str(exc), exc.line)
            return []
        for outcome in outcomes:
            if not outcome.agrees:
                self._warn(outcome.message(), outcome.result.line)
        container = nodes.container(classes=["cvmbok-worked-example"])
        container.extend(render_example(example))
        self.set_source_info(container)
        self.add_name(container)
        return [container]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("worked-example", WorkedExampleDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
