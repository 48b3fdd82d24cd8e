"""The one way to find an external program (Graphviz, TeX Live, poppler, git, Node, Chromium).

A missing tool is a `ToolMissingError` (exit 2) that names the tool and says how to get it,
the same wording from every command.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import ToolMissingError

DEBIAN_PACKAGE = {
    "dot": "graphviz", "xelatex": "texlive-xetex", "latexmk": "latexmk", "pdffonts": "poppler-utils",
    "pdftotext": "poppler-utils", "git": "git", "node": "nodejs", "java": "default-jre-headless",
}


def hint(tool: str) -> str:
    package = DEBIAN_PACKAGE.get(tool, tool)
    return f"install it with `apt-get install {package}`, or run `make bootstrap`, which installs everything the project needs"


def find_tool(name: str, *, path: str | None = None) -> str | None:
    """The program's path on PATH (or `path`), or an existing executable file named directly."""
    if "/" in name:
        return name if Path(name).is_file() else None
    return shutil.which(name, path=path)


def require_tool(name: str, *, why: str = "") -> str:
    found = find_tool(name)
    if found is None:
        raise ToolMissingError(f"{name} is missing{f' ({why})' if why else ''}: {hint(name)}")
    return found


def require_tools(*names: str) -> list[str]:
    """Every named program, or one error that lists all the missing ones."""
    missing = [n for n in names if find_tool(n) is None]
    if missing:
        raise ToolMissingError(f"missing {', '.join(missing)}: {hint(missing[0]) if len(missing) == 1 else 'run `make bootstrap` (it installs them with apt-get)'}")
    return [find_tool(n) or n for n in names]
