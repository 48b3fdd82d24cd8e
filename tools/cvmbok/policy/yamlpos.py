"""Where each key and value of a front matter block is written, so errors point at them.

PyYAML's composer keeps a start mark on every node; walking the node tree gives the
line and column of every key path ("consent", "publish") without a second parser.
"""

from __future__ import annotations

import yaml

from ..strict_yaml import node_positions

Loc = tuple[str | int, ...]
Position = tuple[int, int]


def positions(front_matter_text: str, first_line: int = 2) -> dict[Loc, tuple[Position, Position]]:
    """Map each key path to ((key line, key col), (value line, value col)), 1-based file positions.

    `first_line` is the file line of the front matter's first line (2: after '---').
    Returns {} when the text does not parse (the loader reports that already). A loaded
    `Document` already has this table (`front_matter_positions`); this is for other text.
    """
    try:
        root = yaml.compose(front_matter_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    return node_positions(root, first_line)


def locate(table: dict[Loc, tuple[Position, Position]], loc: Loc, on_key: bool) -> Position:
    """The best position for `loc`: itself, else its nearest written parent, else the first line."""
    probe = loc
    while probe:
        if probe in table:
            key_pos, value_pos = table[probe]
            return key_pos if (on_key or probe != loc) else value_pos
        probe = probe[:-1]
    return (1, 1)
