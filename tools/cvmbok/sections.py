"""The book's sections, read from the one place they live: the folders of `source/`.

`source/NN-<id>/index.md` is section NN; its first `# ` heading is the title. The
toctree, `cvmbok sections` and the valid `section:` values of a contribution all
come from here, so adding or renaming a folder is the only change ever needed.
Chapters are the other pages of a section folder, addressed as `<id>/<page>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_FOLDER = re.compile(r"^(?P<number>\d{2})-(?P<id>[a-z0-9][a-z0-9-]*)$")
_HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$")


@dataclass(frozen=True)
class Chapter:
    section_id: str
    page: str  # file stem inside the section folder; "index" for the section page
    title: str
    path: Path

    @property
    def ref(self) -> str:
        """The id a contribution uses: `<section>` for the index, `<section>/<page>` otherwise."""
        return self.section_id if self.page == "index" else f"{self.section_id}/{self.page}"


@dataclass(frozen=True)
class Section:
    number: int
    id: str
    title: str
    folder: Path
    chapters: tuple[Chapter, ...]


def first_heading(path: Path) -> str:
    """The text of the first level-1 heading of a MyST page (front matter skipped)."""
    in_front_matter = False
    for index, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if index == 0 and line.strip() == "---":
            in_front_matter = True
            continue
        if in_front_matter:
            if line.strip() == "---":
                in_front_matter = False
            continue
        match = _HEADING.match(line)
        if match:
            return match.group("title")
    return path.stem


def load_sections(source: Path) -> list[Section]:
    """All numbered section folders under `source`, in book order."""
    sections = []
    for folder in sorted(p for p in source.iterdir() if p.is_dir()):
        match = _FOLDER.match(folder.name)
        index = folder / "index.md"
        if not match or not index.is_file():
            continue
        section_id = match.group("id")
        chapters = tuple(
            Chapter(section_id, page.stem, first_heading(page), page)
            for page in sorted(folder.glob("*.md"), key=lambda p: (p.stem != "index", p.name))
        )
        sections.append(
            Section(int(match.group("number")), section_id, first_heading(index), folder, chapters)
        )
    return sections


def chapter_index(source: Path) -> dict[str, Chapter]:
    """Every valid `section:` value of a contribution, mapped to its chapter page."""
    return {chapter.ref: chapter for section in load_sections(source) for chapter in section.chapters}
