"""Sphinx extension: the book's index is built from the term registry.

A reader looking up "save rate" in the PDF index wants the pages that discuss it,
not only the glossary entry. Writing `{index}` by hand on every page drifts as pages
change, so the index comes from the same source as the glossary: for every page
(the glossary itself excepted, it indexes its own entries) and every term in
`styles/terms.yml`, a page gets an index entry where a section title names the term
(the page discusses it there) or, failing that, at the first paragraph that uses the
term or its abbreviation, if the page uses it at least three times. Sphinx then builds the general index of the HTML edition and
the printed index of the PDF from these entries. The PDF prints entries in the body
font (conf.py redefines `\\sphinxstyleindexentry`), not in typewriter.

Register with `extensions = [..., "cvmbok.sphinx_index"]` after `cvmbok.sphinx_glossary`.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .errors import CvmbokError
from .sphinx_glossary import registry_path
from .terms.registry import load_registry

logger = logging.getLogger(__name__)
MIN_USES = 3  # a page that names a term once or twice only mentions it; three times, it discusses it
SKIP_DOCS = frozenset({"glossary", "genindex", "search"})
_SKIP_PARENTS = (nodes.literal_block, nodes.comment, nodes.raw, addnodes.glossary, nodes.title)


def term_patterns(app: Sphinx) -> list[tuple[str, re.Pattern[str]]]:
    """(index key, pattern) for every registry term; the abbreviation matches in capitals only."""
    cached: list[tuple[str, re.Pattern[str]]] | None = getattr(app, "_cvmbok_index_patterns", None)
    if cached is not None:
        return cached
    path = registry_path(app.confdir, app.config.cvmbok_terms_file)
    try:
        registry = load_registry(path)
    except CvmbokError as exc:
        logger.warning(f"cvmbok index: {exc}", type="cvmbok", subtype="index")
        registry = None
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for term in registry.terms if registry else []:
        words = r"\s+".join(re.escape(word) for word in term.term.split())
        # The term in any case unless it is a proper term; the abbreviation in capitals only.
        forms = [words if term.is_proper else f"(?i:{words})"]
        if term.abbr:
            forms.append(re.escape(term.abbr))
        patterns.append((term.term, re.compile(r"(?<![\w-])(?:" + "|".join(forms) + r")(?:s|es)?(?![\w-])")))
    setattr(app, "_cvmbok_index_patterns", patterns)
    return patterns


def _indexable(paragraph: nodes.paragraph) -> bool:
    parent = paragraph.parent
    while parent is not None:
        if isinstance(parent, _SKIP_PARENTS):
            return False
        parent = parent.parent
    return True


class TermIndexTransform(SphinxTransform):
    """Adds the entries before the index domain collects them (priority 850)."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        add_index_entries(self.app, self.env.docname, self.document)


def _entry(key: str, number: int) -> list[nodes.Node]:
    target_id = f"index-term-{number}"
    return [addnodes.index(entries=[("single", key, target_id, "", None)], inline=False),
            nodes.target("", "", ids=[target_id])]


def add_index_entries(app: Sphinx, docname: str, doctree: nodes.document) -> None:
    if docname in SKIP_DOCS:
        return
    app.env.note_dependency(str(registry_path(app.confdir, app.config.cvmbok_terms_file)))
    titles = [t for t in doctree.findall(nodes.title) if isinstance(t.parent, nodes.section)]
    title_texts = [t.astext() for t in titles]
    paragraphs = [p for p in doctree.findall(nodes.paragraph) if _indexable(p)]
    texts = [p.astext() for p in paragraphs]
    whole = "\n".join(texts)
    for number, (key, pattern) in enumerate(term_patterns(app)):
        # A section whose title names the term defines or discusses it: index it there.
        heading = next((t for t, text in zip(titles, title_texts) if pattern.search(text)), None)
        if heading is not None:
            section = heading.parent
            section.insert(section.index(heading) + 1, _entry(key, number))
            continue
        if len(pattern.findall(whole)) < MIN_USES:
            continue
        for paragraph, text in zip(paragraphs, texts):
            if pattern.search(text):
                parent = paragraph.parent
                parent.insert(parent.index(paragraph), _entry(key, number))
                break


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("cvmbok.sphinx_glossary")
    app.add_transform(TermIndexTransform)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
