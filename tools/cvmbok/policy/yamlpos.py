"""Where each key and value of a front matter block is written, so errors point at them.

PyYAML's composer keeps a start mark on every node; walking the node tree gives the
line and column of every key path ("consent", "publish") without a second parser.
"""

from __future__ import annotations

import yaml

Loc = tuple[str | int, ...]
Position = tuple[int, int]


def positions(front_matter_text: str, first_line: int = 2) -> dict[Loc, tuple[Position, Position]]:
    """Map each key path to ((key line, key col), (value line, value col)), 1-based file positions.

    `first_line` is the file line of the front matter's first line (2: after '---').
    Returns {} when the text does not parse (the loader reports that already).
    """
    try:
        root = yaml.compose(front_matter_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    out: dict[Loc, tuple[Position, Position]] = {}

    def pos(node: yaml.Node) -> Position:
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


def locate(table: dict[Loc, tuple[Position, Position]], loc: Loc, on_key: bool) -> Position:
    """The best position for `loc`: itself, else its nearest written parent, else the first line."""
    probe = loc
    while probe:
        if probe in table:
            key_pos, value_pos = table[probe]
            return key_pos if (on_key or probe != loc) else value_pos
        probe = probe[:-1]
    return (1, 1)
