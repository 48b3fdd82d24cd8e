"""Sphinx extension: figure numbers without reading every page back from disk on each build.

With `numfig` on, Sphinx numbers the figures after every read phase by walking the
doctree of every page in toctree order, and each doctree is unpickled from disk to do
it: on this book that walk was the largest cost of an incremental rebuild after
Sphinx's own start-up, although it only needs where each figure and each toctree sits
on each page. This extension writes that outline down once, when a page is read
(`doctree-read`, the same tree Sphinx pickles), keeps it in the environment, and numbers
the figures from the outlines with Sphinx's own rules (section numbers, numbered
toctrees, `numfig_secnum_depth`, uncaptioned figures skipped). When any page has no
outline (an environment from before the extension), Sphinx's own walk runs instead.
"""

from __future__ import annotations

from typing import Any, Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.util import url_re

OUTLINES = "cvmbok_figure_outlines"

# An outline is a list of events in document order:
#   ("figure", figtype, figure_id)      a numbered, captioned figure, table or code block
#   ("toctree", (docname, ...))         a toctree's entries, walked where it stands
#   ("section", anchor, [events])       a section (its number may change the figures' prefix)
Event = tuple[Any, ...]
_original_assign = TocTreeCollector.assign_figure_numbers


def figure_type(env: BuildEnvironment, node: nodes.Node) -> str | None:
    """The enumerable type of `node` exactly as Sphinx's numbering decides it."""
    for domain in env.domains.sorted():
        figtype = domain.get_enumerable_node_type(node)
        if isinstance(domain, StandardDomain) and not domain.get_numfig_title(node):
            continue  # uncaptioned: not numbered
        if figtype:
            return figtype
    return None


def outline_of(env: BuildEnvironment, node: nodes.Element) -> list[Event]:
    events: list[Event] = []
    for child in node.children:
        if isinstance(child, nodes.section):
            events.append(("section", "#" + child["ids"][0], outline_of(env, child)))
        elif isinstance(child, addnodes.toctree):
            events.append(("toctree", tuple(name for _title, name in child["entries"])))
        elif isinstance(child, nodes.Element):
            figtype = figure_type(env, child)
            if figtype and child["ids"]:
                events.append(("figure", figtype, child["ids"][0]))
            events.extend(outline_of(env, child))
    return events


def record_outline(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    if not hasattr(env, OUTLINES):
        setattr(env, OUTLINES, {})
    getattr(env, OUTLINES)[env.docname] = outline_of(env, doctree)


def purge_outline(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, OUTLINES, {}).pop(docname, None)


def merge_outlines(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    mine: dict[str, list[Event]] = getattr(env, OUTLINES, None) or {}
    theirs: dict[str, list[Event]] = getattr(other, OUTLINES, {})
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]
    setattr(env, OUTLINES, mine)


def assign_figure_numbers(self: TocTreeCollector, env: BuildEnvironment) -> list[str]:
    """Sphinx's `assign_figure_numbers`, walking the recorded outlines instead of the doctrees."""
    outlines: dict[str, list[Event]] | None = getattr(env, OUTLINES, None)
    if not env.config.numfig or outlines is None or any(d not in outlines for d in env.found_docs):
        return _original_assign(self, env)
    generated = frozenset(env.domains.standard_domain._virtual_doc_names)
    assigned: set[str] = set()
    old = env.toc_fignumbers
    env.toc_fignumbers = {}
    counters: dict[str, dict[tuple[int, ...], int]] = {}

    def section_number(docname: str, anchor: str) -> tuple[int, ...]:
        numbers = env.toc_secnumbers.get(docname, {})
        found = numbers.get(anchor) if anchor in numbers else numbers.get("")
        return tuple(found or ())

    def register(docname: str, secnum: tuple[int, ...], figtype: str, figure_id: str) -> None:
        counter = counters.setdefault(figtype, {})
        prefix = secnum[: env.config.numfig_secnum_depth]
        counter[prefix] = counter.get(prefix, 0) + 1
        env.toc_fignumbers.setdefault(docname, {}).setdefault(figtype, {})[figure_id] = (*prefix, counter[prefix])

    def walk_events(docname: str, events: list[Event], secnum: tuple[int, ...]) -> None:
        for event in events:
            kind = event[0]
            if kind == "section":
                walk_events(docname, event[2], section_number(docname, event[1]) or secnum)
            elif kind == "toctree":
                for sub in event[1]:
                    if url_re.match(sub) or sub == "self" or sub in generated:
                        continue
                    walk_doc(sub, secnum)
            else:
                register(docname, secnum, event[1], event[2])

    def walk_doc(docname: str, secnum: tuple[int, ...]) -> None:
        if docname not in assigned and docname in outlines:
            assigned.add(docname)
            walk_events(docname, outlines[docname], secnum)

    walk_doc(env.config.root_doc, ())
    return [d for d, numbers in env.toc_fignumbers.items() if numbers != old.get(d)]


def setup(app: Sphinx) -> dict[str, Any]:
    TocTreeCollector.assign_figure_numbers = assign_figure_numbers  # type: ignore[method-assign]
    app.connect("doctree-read", record_outline, priority=900)  # after handlers that move nodes
    app.connect("env-purge-doc", purge_outline)
    app.connect("env-merge-info", merge_outlines)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
