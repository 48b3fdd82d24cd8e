"""Sphinx extension: the context box, one template for every program and component page.

A reference book earns trust when every program (section 4) and every technology
component (section 5) is described by the same fields in the same order, so a reader
can compare two pages at a glance, as DAMA-DMBOK does with its context diagrams. The
directive takes its fields as YAML, so the template lives here once and the pages only
hold data::

    ```{context-box} Churn prevention
    definition: Actions that keep customers who would otherwise leave.
    goals: [Lower voluntary churn in the valuable segments]
    inputs:
      - {input: Churn scores, supplier: Data and analytics}
    activities: [Size the revenue at risk]
    deliverables: [A retention plan with a budget]
    roles:
      columns: [Value manager, Analytics, Finance]
      rows:
        Set the budget: {accountable: Finance, responsible: Value manager, consulted: Analytics}
    techniques: [Uplift modeling]
    tools: [Decisioning engine]
    metrics: ["[Churn rate](../03-role-of-cvm/kpis.md#churn-rate)"]
    ```

Every text value is MyST Markdown, so metrics link to their definition on the KPI
page and a broken anchor fails the build like any other broken link. The box is built
from plain docutils nodes (a container, a rubric, two tables, bullet lists), not raw
HTML, so the HTML, PDF and ePub editions render the same content. The RACI table is a
table of its own after the main one: LaTeX cannot nest tables. A missing or empty
field, an unknown field, a RACI row that names a role outside its columns or has
not exactly one accountable role is a build warning (an error under -W), because a
half-filled template is exactly what the template exists to prevent.
"""

from __future__ import annotations

from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

# (YAML key, row label in the box); the order is the template's order.
LIST_FIELDS: tuple[tuple[str, str], ...] = (
    ("goals", "Goals"),
    ("inputs", "Inputs (supplier)"),
    ("activities", "Activities"),
    ("deliverables", "Deliverables"),
    ("techniques", "Techniques"),
    ("tools", "Tools (by capability)"),
    ("metrics", "Metrics"),
)
FIELDS: tuple[str, ...] = ("definition", *(key for key, _ in LIST_FIELDS), "roles")
RACI_LEGEND = "R responsible, A accountable, C consulted, I informed."


class ContextBoxError(ValueError):
    """A field of a context box that does not follow the template."""


def _text_list(value: Any, field: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ContextBoxError(f"field {field!r} must be a non-empty list")
    items = []
    for item in value:
        if isinstance(item, dict) and field == "inputs":
            if set(item) != {"input", "supplier"}:
                raise ContextBoxError(
                    f"input {item!r} needs exactly the keys 'input' and 'supplier' (quote text that holds a comma)"
                )
            items.append(f"{item['input']} ({item['supplier']})")
        elif isinstance(item, (str, int, float)) and str(item).strip():
            items.append(str(item))
        else:
            raise ContextBoxError(f"field {field!r} has an empty or malformed item: {item!r}")
    return items


RACI_KEYS: tuple[tuple[str, str], ...] = (
    ("responsible", "R"), ("accountable", "A"), ("consulted", "C"), ("informed", "I"),
)


def _role_names(value: Any, activity: str, key: str) -> list[str]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise ContextBoxError(f"RACI row {activity!r}: {key!r} must name a role or list roles")
    return [n.strip() for n in names]


def parse_roles(value: Any) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The RACI as (role columns, [(activity, one letter string per column)]), checked row by row.

    Each row names its roles by responsibility (`accountable: Finance, consulted: [IT]`)
    rather than as a row of bare letters: it reads as a sentence in the source, and a
    lone "I" would otherwise look like first-person prose to the style checker."""
    if not isinstance(value, dict) or set(value) != {"columns", "rows"}:
        raise ContextBoxError("field 'roles' needs exactly the keys 'columns' and 'rows'")
    columns = value["columns"]
    rows = value["rows"]
    if not isinstance(columns, list) or len(columns) < 2 or not all(isinstance(c, str) for c in columns):
        raise ContextBoxError("roles.columns must list at least two roles")
    if not isinstance(rows, dict) or not rows:
        raise ContextBoxError("roles.rows must map each activity to its accountable, responsible, consulted and informed roles")
    allowed = {key for key, _ in RACI_KEYS}
    parsed = []
    for activity, assignment in rows.items():
        if not isinstance(assignment, dict) or not set(assignment) <= allowed:
            raise ContextBoxError(
                f"RACI row {activity!r} must map some of {', '.join(k for k, _ in RACI_KEYS)} to roles"
            )
        cells: dict[str, str] = {column: "" for column in columns}
        for key, letter in RACI_KEYS:
            if key not in assignment:
                continue
            names = _role_names(assignment[key], str(activity), key)
            if key == "accountable" and len(names) != 1:
                raise ContextBoxError(f"RACI row {activity!r} needs exactly one accountable role")
            for name in names:
                if name not in cells:
                    raise ContextBoxError(f"RACI row {activity!r}: {name!r} is not one of the columns {columns}")
                cells[name] = f"{cells[name]}/{letter}" if cells[name] else letter
        if "accountable" not in assignment:
            raise ContextBoxError(f"RACI row {activity!r} needs exactly one accountable role")
        parsed.append((str(activity), [cells[column] for column in columns]))
    return [str(c) for c in columns], parsed


def parse_box(text: str) -> dict[str, Any]:
    """The YAML body as checked data; raises ContextBoxError naming the first problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ContextBoxError(f"the body is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ContextBoxError("the body must be a YAML mapping of the template's fields")
    unknown = sorted(set(map(str, data)) - set(FIELDS))
    if unknown:
        raise ContextBoxError(f"unknown field(s) {', '.join(unknown)}; the fields are {', '.join(FIELDS)}")
    missing = [field for field in FIELDS if not data.get(field)]
    if missing:
        raise ContextBoxError(f"missing field(s) {', '.join(missing)}")
    if not isinstance(data["definition"], str):
        raise ContextBoxError("field 'definition' must be one paragraph of text")
    box: dict[str, Any] = {"definition": data["definition"].strip()}
    for key, _ in LIST_FIELDS:
        box[key] = _text_list(data[key], key)
    box["roles"] = parse_roles(data["roles"])
    return box


def _table(widths: list[int], header: list[str] | None, rows: list[list[nodes.Node]]) -> nodes.table:
    table = nodes.table(classes=["cvmbok-context-table"])
    group = nodes.tgroup(cols=len(widths))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    if header:
        thead = nodes.thead()
        group += thead
        thead += nodes.row("", *(nodes.entry("", nodes.paragraph("", h)) for h in header))
    tbody = nodes.tbody()
    group += tbody
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += cell
            row += entry
        tbody += row
    return table


class ContextBoxDirective(SphinxDirective):
    """`{context-box} <title>`: the fixed template of a program or component, from YAML."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True

    def _inline(self, text: str) -> nodes.paragraph:
        parsed, messages = self.state.inline_text(text, self.lineno)
        return nodes.paragraph("", "", *parsed, *messages)

    def _bullets(self, items: list[str]) -> nodes.bullet_list:
        return nodes.bullet_list("", *(nodes.list_item("", self._inline(item)) for item in items), bullet="-")

    def run(self) -> list[nodes.Node]:
        title = self.arguments[0]
        try:
            box = parse_box("\n".join(self.content))
        except ContextBoxError as exc:
            logger.warning(
                "context-box %r: %s", title, exc, location=self.get_location(), type="cvmbok", subtype="context_box"
            )
            return []
        container = nodes.container(classes=["cvmbok-context-box"])
        container += nodes.rubric("", f"Context: {title}")
        main_rows: list[list[nodes.Node]] = [
            [nodes.paragraph("", "", nodes.strong("", "Definition")), self._inline(box["definition"])]
        ]
        for key, label in LIST_FIELDS:
            main_rows.append([nodes.paragraph("", "", nodes.strong("", label)), self._bullets(box[key])])
        container += _table([22, 78], None, main_rows)
        columns, raci = box["roles"]
        container += nodes.paragraph("", "", nodes.strong("", "Roles (RACI). "), nodes.Text(RACI_LEGEND))
        raci_rows: list[list[nodes.Node]] = [
            [self._inline(activity), *(nodes.paragraph("", cell) for cell in cells)] for activity, cells in raci
        ]
        first = 40
        rest = max(1, (100 - first) // len(columns))
        container += _table([first, *([rest] * len(columns))], ["Activity", *columns], raci_rows)
        return [container]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("context-box", ContextBoxDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
