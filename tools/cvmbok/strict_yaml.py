"""YAML with one meaning only: the subset front matter and directive options may use.

PyYAML's safe loader still accepts constructs that make a file say two things at
once or say them indirectly: a key written twice (the last one silently wins, so one
file can answer to two ids), merge keys `<<`, anchors and aliases (a value defined
in one place and reused elsewhere, easy to miss in a review), and explicit tags
(`!!binary`, `!!python/...`, `!!timestamp`, `!!float`, a bare `!`) that turn text
into another type behind the reader's back. Each is reported here with its
position, before anything is constructed, so no caller ever sees a PyYAML
traceback or a value the editor did not see written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True)
class YamlProblem:
    """One problem at a 0-based (line, column) of the YAML text."""

    line: int
    column: int
    rule: str
    message: str
    fix: str


_PLAIN = "write the value itself as plain text (quote it if it contains ':' or '#')"


def _event_problems(text: str) -> list[YamlProblem]:
    found: list[YamlProblem] = []
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line, column = (event.start_mark.line, event.start_mark.column) if event.start_mark else (0, 0)
        if isinstance(event, yaml.AliasEvent):
            found.append(YamlProblem(line, column, "schema.yaml-alias",
                                     f"YAML alias '*{event.anchor}' repeats a value written elsewhere", _PLAIN))
            continue
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            found.append(YamlProblem(line, column, "schema.yaml-anchor",
                                     f"YAML anchor '&{anchor}' is not allowed: every value is written where it is used",
                                     "remove the '&name' before the value"))
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            found.append(YamlProblem(line, column, "schema.yaml-tag",
                                     f"YAML tag '{shown}' is not allowed: it changes what the value means",
                                     "remove the tag and " + _PLAIN))
    return found


def _tree_problems(node: yaml.Node | None) -> list[YamlProblem]:
    found: list[YamlProblem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            mark = key.start_mark
            if not isinstance(key, yaml.ScalarNode):
                found.append(YamlProblem(mark.line, mark.column, "schema.yaml-complex-key",
                                         "a key must be a plain word, not a list or a mapping", "write 'key: value'"))
            elif key.value == "<<" and key.style is None:
                found.append(YamlProblem(mark.line, mark.column, "schema.yaml-merge-key",
                                         "YAML merge key '<<' is not allowed: it copies keys from elsewhere",
                                         "write each key and its value out in full"))
            else:
                name = str(key.value)
                if name in seen:
                    found.append(YamlProblem(mark.line, mark.column, "schema.yaml-duplicate-key",
                                             f"key '{name}' is written twice; YAML would silently keep only the last one",
                                             "keep one of the two and delete the other"))
                seen.add(name)
            found.extend(_tree_problems(value))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(_tree_problems(item))
    return found


Loc = tuple[str | int, ...]
Positions = dict[Loc, tuple[tuple[int, int], tuple[int, int]]]


@dataclass(frozen=True)
class Loaded:
    """What one reading of a YAML block gives: the value (None when there is any problem),
    the problems, and where each key path is written (0-based line and column)."""

    value: Any
    problems: list[YamlProblem]
    positions: Positions


def node_positions(root: yaml.Node | None, first_line: int = 0) -> Positions:
    """Map each key path to ((key line, key col), (value line, value col)); lines start at
    `first_line`, columns at 1."""
    out: Positions = {}

    def pos(node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + first_line, node.start_mark.column + 1

    def walk(node: yaml.Node, loc: Loc) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*loc, str(key.value))
                out[child] = (pos(key), pos(value))
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = (*loc, index)
                out[child] = (pos(item), pos(item))
                walk(item, child)

    if root is not None:
        walk(root, ())
    return out


def read(text: str, first_line: int = 0) -> Loaded:
    """Check, compose and construct `text` with one parse of its events and one composition
    (the value and the positions come from the same node tree). Syntax errors raise
    `yaml.YAMLError` (with a mark) and impossible values `ValueError`, as `yaml.safe_load` does."""
    events = _event_problems(text)
    if any(p.rule == "schema.yaml-alias" for p in events):
        # never composed: the tree of a "billion laughs" block grows exponentially
        return Loaded(None, sorted(events, key=lambda p: (p.line, p.column)), {})
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    problems = sorted(events + _tree_problems(root), key=lambda p: (p.line, p.column))
    positions = node_positions(root, first_line)
    if problems:
        return Loaded(None, problems, positions)
    value = yaml.constructor.SafeConstructor().construct_document(root) if root is not None else None
    return Loaded(value, [], positions)


def load(text: str) -> tuple[Any, list[YamlProblem]]:
    """(value, problems): the value is None when there is any problem (see `read`)."""
    loaded = read(text)
    return loaded.value, loaded.problems
