"""Accessibility fixes to the HTML theme that cannot be made in a template.

pydata-sphinx-theme (under sphinx-book-theme) renders each navigation entry that has
sub-pages as `<details><summary>` holding only a chevron icon, so a screen reader
announces an unnamed control and axe reports `summary-name` (serious) on every page.
We name each such summary after its page ("Show the pages in <title>") where the
theme builds the navigation, so the fix is in the HTML itself, not added by script.

Graphviz figures are SVG `<object>`s whose only text alternative is a fallback
paragraph, by default the DOT source itself; axe reports `object-alt` (serious).
A figure without `:alt:` gets its caption as the alternative, and the `<object>`
gets `role="img"` and that text as its accessible name.
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable

from docutils import nodes
from sphinx.application import Sphinx

LABEL = "Show the pages in {title}"


def label_summaries(tree: Any) -> Any:
    """Give every text-less `<summary>` in a BeautifulSoup tree an aria-label from its entry's link."""
    if not hasattr(tree, "select"):
        return tree
    for summary in tree.select("details > summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        item = summary.find_parent("li")
        link = item.find("a") if item is not None else None
        title = link.get_text(" ", strip=True) if link is not None else ""
        summary["aria-label"] = LABEL.format(title=title) if title else "Show the pages in this part"
    return tree


def wrap_toctree(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    generate: Callable[..., Any] | None = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "_cvmbok_labelled", False):
        return

    def labelled(*args: Any, **kwargs: Any) -> Any:
        return label_summaries(generate(*args, **kwargs))

    labelled._cvmbok_labelled = True  # type: ignore[attr-defined]
    context["generate_toctree_html"] = labelled


FIGURE_FALLBACK = "Diagram; the surrounding text describes it"
_SVG_OBJECT = re.compile(
    r'(<object data="[^"]*" type="image/svg\+xml" class="graphviz")>(\s*<p class="warning">)(.*?)(</p>)', re.DOTALL
)


def describe_figures(app: Sphinx, doctree: nodes.document) -> None:
    """Give every Graphviz figure without `:alt:` its caption as text alternative."""
    from sphinx.ext.graphviz import graphviz

    for node in doctree.findall(graphviz):
        if node.get("alt"):
            continue
        parent = node.parent
        caption = next(iter(parent.findall(nodes.caption)), None) if isinstance(parent, nodes.figure) else None
        node["alt"] = caption.astext() if caption is not None else FIGURE_FALLBACK


def _named_object(match: re.Match[str]) -> str:
    text = html.unescape(match.group(3)).strip()
    return f'{match.group(1)} role="img" aria-label="{html.escape(text, quote=True)}">{match.group(2)}{match.group(3)}{match.group(4)}'


def name_svg_objects(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body")
    if isinstance(body, str) and 'class="graphviz"' in body:
        context["body"] = _SVG_OBJECT.sub(_named_object, body)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", wrap_toctree, priority=900)  # after the theme adds its function
    app.connect("html-page-context", name_svg_objects)
    app.connect("doctree-read", describe_figures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
