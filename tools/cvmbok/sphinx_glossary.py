"""Sphinx extension: the glossary rendered from the term registry (`styles/terms.yml`).

The directive `{cvmbok-glossary}` builds the same doctree as Sphinx's own `glossary`
directive (an `addnodes.glossary` holding a definition list whose terms are registered
with the standard domain), so `{term}` references work from every page and the HTML,
PDF and ePub editions carry the same glossary. Each entry lists the term, its
abbreviation as a second term (so `{term}`CLV`` resolves too), the definition and
the forms the book avoids. The registry is a build dependency: edit it and the
glossary page is rebuilt.

Register with `extensions = [..., "cvmbok.sphinx_glossary"]`; the registry path can be
changed with the `cvmbok_terms_file` setting (default: `styles/terms.yml` next to conf.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

from .errors import CvmbokError
from .terms.registry import REGISTRY, Term, load_registry


def registry_path(app_confdir: str | Path, setting: str) -> Path:
    path = Path(setting) if setting else Path(REGISTRY)
    return path if path.is_absolute() else Path(app_confdir) / path


def _avoid_text(term: Term) -> str:
    forms = [v.text for v in term.variants if v.level in ("error", "warning")] + list(term.avoid)
    return ", ".join(f"“{form}”" for form in dict.fromkeys(forms))


class GlossaryDirective(SphinxDirective):
    """`{cvmbok-glossary}`: every registry term, sorted alphabetically, as a Sphinx glossary."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        path = registry_path(self.env.app.confdir, self.config.cvmbok_terms_file)
        self.env.note_dependency(str(path))
        try:
            registry = load_registry(path)
        except CvmbokError as exc:
            return [self.state.reporter.error(f"cvmbok-glossary: {exc}", line=self.lineno)]
        source, lineno = self.get_source_info()
        items = []
        for term in sorted(registry.terms, key=lambda t: t.term.lower()):
            termnodes: list[nodes.Node] = []
            labels = [term.term] + ([term.abbr] if term.abbr else [])
            for label in labels:
                node = make_glossary_term(
                    self.env, [nodes.Text(label)], None, source, lineno, node_id=None, document=self.state.document
                )
                node.rawsource = label
                termnodes.append(node)
            body: list[nodes.Node] = [nodes.paragraph("", term.definition)]
            avoided = _avoid_text(term)
            if avoided:
                body.append(nodes.paragraph("", "", nodes.emphasis("", "Avoid: "), nodes.Text(avoided)))
            termnodes.append(nodes.definition("", *body))
            items.append(nodes.definition_list_item("", *termnodes))
        dlist = nodes.definition_list("", *items)
        dlist["classes"].append("glossary")
        glossary = addnodes.glossary()
        glossary["sorted"] = True  # read by Sphinx's glossary handling; the entries are sorted above
        glossary += dlist
        return [glossary]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("cvmbok_terms_file", "", "env", types=[str])
    app.add_directive("cvmbok-glossary", GlossaryDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
