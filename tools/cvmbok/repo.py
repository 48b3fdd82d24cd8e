"""Find the CVMBoK repository a command works on, the way git finds its repository.

Every command works on the repository that contains the current directory, so a
fresh clone or a scratch copy behaves exactly like the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

MARKER = "edition.toml"

NOT_COPIED = (".venv", "build", ".git", "__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache",
              "node_modules", "_build")
"""What a scratch copy of the repository leaves out (preview, tests): tools, caches and outputs.
Use with `shutil.copytree(..., ignore=shutil.ignore_patterns(*NOT_COPIED))`."""


@dataclass(frozen=True)
class Repo:
    """Paths of one CVMBoK checkout. All derived from `root`; nothing else is stored."""

    root: Path

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def contrib(self) -> Path:
        return self.root / "contrib"

    @property
    def styles(self) -> Path:
        return self.root / "styles"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def edition_file(self) -> Path:
        return self.root / MARKER

    def relative(self, path: Path) -> str:
        """`path` relative to the root when inside it, else as given (for findings)."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def find_repo(start: Path | None = None) -> Repo:
    """The nearest directory at or above `start` holding `edition.toml` and `source/`."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / MARKER).is_file() and (candidate / "source").is_dir():
            return Repo(candidate)
    raise UsageError(
        f"not inside a CVMBoK repository (no {MARKER} and source/ in {here} or above); "
        "run the command from a clone of the book"
    )


def try_find_repo(start: Path | None = None) -> Repo | None:
    try:
        return find_repo(start)
    except UsageError:
        return None
