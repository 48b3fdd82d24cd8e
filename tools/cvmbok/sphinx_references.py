"""Sphinx extension: the bibliography style of the book (`source/references.bib`).

The literature page is generated from the BibTeX file by sphinxcontrib-bibtex, and
its value to a practitioner is the line saying why each work matters. BibTeX keeps
that line in the `annote` field, which standard styles drop, so this module
registers a pybtex style, `cvmbok`: the `alpha` style sorted by author, year and
title, given names as initials, with the annotation printed after each reference. Chapters cite with
`{cite:p}` in author-year form (`bibtex_reference_style = "author_year"` in conf.py).

In the ePub, references are list items rather than the deprecated `doc-biblioentry`
role, so epubcheck stays at 0 warnings.

Register with `extensions = [..., "sphinxcontrib.bibtex", "cvmbok.sphinx_references"]`
and `bibtex_default_style = "cvmbok"`.
"""

from __future__ import annotations

from typing import Any

from pybtex.plugin import register_plugin  # type: ignore[import-untyped]
from pybtex.richtext import Tag, Text  # type: ignore[import-untyped]
from pybtex.style import FormattedEntry  # type: ignore[import-untyped]
from pybtex.style.formatting.alpha import Style as AlphaStyle  # type: ignore[import-untyped]
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

STYLE_NAME = "cvmbok"


class AnnotatedStyle(AlphaStyle):  # type: ignore[misc]
    """Alpha labels, sorted by author, year and title; `annote` follows the reference."""

    default_sorting_style = "author_year_title"

    def __init__(self, **kwargs: Any) -> None:
        # Given names as initials, as most reference styles print them: the full given
        # names of cited authors add nothing and collide with brand names in the leak
        # scan of the built editions (Roland T. Rust is not a company).
        kwargs.setdefault("abbreviate_names", True)
        super().__init__(**kwargs)

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> FormattedEntry:
        formatted = super().format_entry(label, entry, bib_data=bib_data)
        annote = entry.fields.get("annote", "").strip()
        if not annote:
            return formatted
        return FormattedEntry(formatted.key, Text(formatted.text, " ", Tag("em", annote)), formatted.label)


register_plugin("pybtex.style.formatting", STYLE_NAME, AnnotatedStyle)


class EpubCitationTranslator(HTML5Translator):
    """Docutils marks each reference with the DPUB-ARIA role `doc-biblioentry`, which
    EPUB 3.3 deprecates (epubcheck RSC-017); the ePub uses a plain list item instead."""

    def visit_citation(self, node: nodes.citation) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def use_epub_translator(app: Sphinx) -> None:
    if app.builder.name == "epub" and app.builder.get_translator_class() is HTML5Translator:
        app.set_translator("epub", EpubCitationTranslator, override=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", use_epub_translator)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
