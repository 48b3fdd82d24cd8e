"""Sphinx extension: the bibliography style of the book (`source/references.bib`).

The literature page is generated from the BibTeX file by sphinxcontrib-bibtex, and
its value to a practitioner is the line saying why each work matters. BibTeX keeps
that line in the `annote` field, which standard styles drop, so this module
registers a pybtex style, `cvmbok`: the `alpha` style sorted by author, year and
title, given names as initials, with the annotation printed after each reference. Chapters cite with
`{cite:p}` in author-year form (`bibtex_reference_style = "author_year"` in conf.py).

In the HTML and ePub editions, references are list items rather than the deprecated
`doc-biblioentry` role, so epubcheck stays at 0 warnings and axe finds a proper list.

Register with `extensions = [..., "sphinxcontrib.bibtex", "cvmbok.sphinx_references"]`
and `bibtex_default_style = "cvmbok"`.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any, Callable, Iterator

from pybtex.plugin import register_plugin  # type: ignore[import-untyped]
from pybtex.richtext import Tag, Text  # type: ignore[import-untyped]
from pybtex.style import FormattedEntry  # type: ignore[import-untyped]
from pybtex.style.formatting.alpha import Style as AlphaStyle  # type: ignore[import-untyped]
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitleSorting  # type: ignore[import-untyped]
from docutils import nodes
from sphinx.application import Sphinx

STYLE_NAME = "cvmbok"
SORTING_NAME = "cvmbok_author_year_title"


class BracelessSorting(AuthorYearTitleSorting):  # type: ignore[misc]
    """Author, year and title, with BibTeX braces ignored: a corporate author written
    `{{DAMA International}}` sorts under D, not after every personal name."""

    def person_key(self, person: Any) -> str:
        return str(super().person_key(person)).replace("{", "").replace("}", "")

    def sorting_key(self, entry: Any) -> tuple[str, str, str]:
        author, year, title = super().sorting_key(entry)
        return (author, year, str(title).replace("{", "").replace("}", "").lower())


register_plugin("pybtex.style.sorting", SORTING_NAME, BracelessSorting)


class AnnotatedStyle(AlphaStyle):  # type: ignore[misc]
    """Alpha labels, sorted by author, year and title; `annote` follows the reference."""

    default_sorting_style = SORTING_NAME

    def __init__(self, **kwargs: Any) -> None:
        # Given names as initials, as most reference styles print them: the full given
        # names of cited authors add nothing and collide with brand names in the leak
        # scan of the built editions (Roland T. Rust is not a company).
        kwargs.setdefault("abbreviate_names", True)
        super().__init__(**kwargs)
        self._person_labels: Callable[[list[Any]], Iterator[str]] = getattr(self, "format_labels")
        setattr(self, "format_labels", self._labels)  # sphinxcontrib-bibtex calls style.format_labels

    def _labels(self, entries: list[Any]) -> Iterator[str]:
        """Alpha labels, except that a corporate author gets its initials and the year
        ([IASB14], [PMI25]) instead of a squeezed name ([InternationalIoBAnalysis15])."""
        entries = list(entries)
        seen: dict[str, int] = {}
        for entry, label in zip(entries, self._person_labels(entries)):
            corporate = _corporate_name(entry)
            if corporate:
                initials = "".join(w[0] for w in corporate.split() if w[0].isupper())
                label = f"{initials}{str(entry.fields.get('year', ''))[-2:]}"
                seen[label] = seen.get(label, 0) + 1
                if seen[label] > 1:
                    label += "abcdefghij"[seen[label] - 1]
            yield label

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> FormattedEntry:
        key = _entry_key(label, entry)
        cached = _CACHE.entries.get(key)
        if cached is not None:
            return cached
        formatted = self._format(label, entry, bib_data)
        _CACHE.entries[key] = formatted
        _CACHE.dirty = True
        return formatted

    def _format(self, label: str, entry: Any, bib_data: Any) -> FormattedEntry:
        formatted = super().format_entry(label, entry, bib_data=bib_data)
        annote = entry.fields.get("annote", "").strip()
        if not annote:
            return formatted
        return FormattedEntry(formatted.key, Text(formatted.text, " ", Tag("em", annote)), formatted.label)


def _corporate_name(entry: Any) -> str:
    """The name of a corporate author written in double braces, or ''."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if len(people) == 1 and not people[0].first_names and len(people[0].last_names) == 1:
        name = str(people[0].last_names[0])
        if name.startswith("{"):
            return name.replace("{", "").replace("}", "")
    return ""


_STYLES: dict[tuple[tuple[str, Any], ...], AnnotatedStyle] = {}


def annotated_style(**kwargs: Any) -> AnnotatedStyle:
    """One style object per set of options: sphinxcontrib-bibtex asks for a new one for every
    bibliography and citation, and each asks pybtex to look its plugins up in the installed
    packages' entry points again, a tenth of a second every time."""
    key = tuple(sorted(kwargs.items()))
    if key not in _STYLES:
        _STYLES[key] = AnnotatedStyle(**kwargs)
    return _STYLES[key]


register_plugin("pybtex.style.formatting", STYLE_NAME, annotated_style)


class _FormatCache:
    """Formatted references kept between builds, beside the doctrees.

    sphinxcontrib-bibtex formats every entry of every bibliography on each build, even
    when no page changed: about half a second per build for the book's references, more
    than the rest of an incremental rebuild of one page. An entry's formatted text
    depends only on its label and its fields and persons, which form the cache key, so a
    changed entry is formatted again and the output is byte-identical to a clean build.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[Any, ...], FormattedEntry] = {}
        self.path: Path | None = None
        self.dirty = False

    def load(self, path: Path) -> None:
        self.path, self.dirty = path, False
        try:
            with path.open("rb") as handle:
                loaded = pickle.load(handle)
            self.entries = loaded if isinstance(loaded, dict) else {}
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
            self.entries = {}  # no cache yet, or one from another version: format again

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            staged = self.path.with_suffix(".tmp")
            with staged.open("wb") as handle:
                pickle.dump(self.entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(staged, self.path)
            self.dirty = False
        except (OSError, pickle.PickleError):
            pass  # a cache that cannot be written only costs the next build its speed


_CACHE = _FormatCache()


def _entry_key(label: str, entry: Any) -> tuple[Any, ...]:
    fields = tuple(sorted((str(k), str(v)) for k, v in entry.fields.items()))
    persons = tuple((str(role), tuple(str(p) for p in people)) for role, people in sorted(entry.persons.items()))
    return (STYLE_NAME, label, entry.key, entry.type, fields, persons)


def load_format_cache(app: Sphinx) -> None:
    _CACHE.load(Path(app.doctreedir) / "cvmbok-references.pickle")


def save_format_cache(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None:
        _CACHE.save()


class CitationListItems:
    """Docutils marks each reference with the DPUB-ARIA role `doc-biblioentry` inside a
    `role="list"` block. EPUB 3.3 deprecates that role (epubcheck RSC-017), and axe reports
    a list whose children are not list items (aria-required-children, critical), so every
    HTML-family edition writes each reference as a plain list item instead."""

    def visit_citation(self, node: nodes.citation) -> None:
        translator: Any = self  # an HTML translator: this class is only ever mixed into one
        if not isinstance(node.previous_sibling(), type(node)):
            translator.body.append('<div role="list" class="citation-list">\n')
        translator.body.append(translator.starttag(node, "div", classes=[node.tagname], role="listitem"))


def use_list_item_citations(app: Sphinx) -> None:
    """Mix the citation fix into whatever translator the builder uses (the theme's own for
    HTML), so nothing else about the page changes."""
    if app.builder.format != "html":
        return
    base = app.builder.get_translator_class()
    if base is None or issubclass(base, CitationListItems):
        return
    mixed = type(f"CitationListItems{base.__name__}", (CitationListItems, base), {})
    app.set_translator(app.builder.name, mixed, override=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", use_list_item_citations)
    app.connect("builder-inited", load_format_cache)
    app.connect("build-finished", save_format_cache)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
