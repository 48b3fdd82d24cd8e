"""Chapters at the depth of chapters, whatever headings a section page has before its toctree.

A section page (`source/NN-<id>/index.md`) introduces its section under `##` headings
and ends with the toctree of its chapters. Sphinx places the included pages where
the toctree stands, so the chapters became children of the last `##` heading: in
the PDF's contents and bookmarks "Churn prevention" was 4.2.3 under "How to read
this section", and the ePub's navigation (cut at `epub_tocdepth`) dropped them.

This transform lifts every toctree out of the subsections it sits in, to the level
of the page's title, placed right after the top-level subsection that held it. The
reading order stays as written (a toctree ends its subsection in every page of the
book), and every chapter becomes a sibling of the others in all three editions. It
runs while the page is read, before Sphinx records the page's table of contents.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform


def _toctree_wrappers(document: nodes.document) -> list[nodes.Element]:
    """The outermost node of each toctree (the `compound` wrapper, or the toctree itself)."""
    found: list[nodes.Element] = []
    for toctree in document.findall(addnodes.toctree):
        parent = toctree.parent
        wrapper = parent if isinstance(parent, nodes.compound) and "toctree-wrapper" in parent["classes"] else toctree
        found.append(wrapper)
    return found


def _title_section_child(node: nodes.Node) -> tuple[nodes.section, nodes.section] | None:
    """(title section, its child subsection holding `node`), or None when `node` is not nested."""
    chain: list[nodes.section] = []
    current = node.parent
    while current is not None:
        if isinstance(current, nodes.section):
            chain.append(current)
        current = current.parent
    if len(chain) < 2:
        return None
    return chain[-1], chain[-2]


class LiftToctrees(SphinxTransform):
    """Move nested toctrees up to the page title's section (see the module docstring)."""

    default_priority = 870  # before DoctreeReadEvent (880), where TocTreeCollector records the page

    def apply(self, **kwargs: Any) -> None:
        lifted: dict[int, int] = {}  # id of a holder -> toctrees already placed after it, in order
        for wrapper in _toctree_wrappers(self.document):
            found = _title_section_child(wrapper)
            if found is None:
                continue
            top, holder = found
            wrapper.parent.remove(wrapper)
            offset = lifted.get(id(holder), 0)
            top.insert(top.index(holder) + 1 + offset, wrapper)
            lifted[id(holder)] = offset + 1


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(LiftToctrees)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
