"""How every `--check` of generated files answers: the same words and the same exit code.

`cvmbok terms check`, `cvmbok generate --check` and `cvmbok names generate-vale --check`
all print one line per stale file to standard error, naming the command that
regenerates it, and exit 1; when nothing is stale they say so on standard output, exit 0.
"""

from __future__ import annotations

import sys
from typing import Sequence


def report(stale: Sequence[str], regenerate: str, what: str) -> int:
    for path in stale:
        print(f"{path} is stale: run `{regenerate}` and commit it", file=sys.stderr)
    if not stale:
        print(f"{what} up to date")
    return 1 if stale else 0
