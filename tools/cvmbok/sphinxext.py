"""The Sphinx extension that makes one source tree into three editions.

It registers only what the build needs:
- `{cvmbok-edition}`: the landing page's "Edition X, date" line, written from
  `cvmbok_edition` (edition.toml), not through MyST substitutions, which evaluate
  Jinja2 on page text;
- `{cvmbok-downloads}`: the whole-book PDF and ePub links on the HTML landing page
  (skipped in the PDF and ePub, where they would point outside the book);
- after an HTML build, copies `cvmbok.pdf` and `cvmbok.epub` from beside the HTML
  output folder into `downloads/`, so a static host serves them;
- the ePub cover, drawn by Graphviz from the edition's title and version;
- PNG instead of SVG for Graphviz figures in the ePub (readers handle PNG best).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

logger = logging.getLogger(__name__)

DOWNLOADS = (("cvmbok.pdf", "PDF"), ("cvmbok.epub", "ePub"))
DOWNLOAD_DIR = "downloads"


class downloads_node(nodes.General, nodes.Element):
    """Placeholder for the download links; only HTML renders it."""


class DownloadsDirective(Directive):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [downloads_node()]


class EditionDirective(Directive):
    """The edition line, in bold: the values come from conf.py's `cvmbok_edition`."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        edition = self.state.document.settings.env.config.cvmbok_edition
        text = f"Edition {edition.get('version', '')}, {edition.get('date_text', '')}"
        return [nodes.paragraph("", "", nodes.strong(text, text))]


def visit_downloads_html(translator: Any, node: downloads_node) -> None:
    builder = translator.builder
    if builder.name.startswith("epub"):
        raise nodes.SkipNode
    here = builder.get_target_uri(builder.current_docname)
    links = " ".join(
        f'<a class="cvmbok-download reference download" href="{relative_uri(here, f"{DOWNLOAD_DIR}/{name}")}" download>'
        f"Download the whole book as {label}</a>"
        for name, label in DOWNLOADS
    )
    translator.body.append(f'<p class="cvmbok-downloads">{links}</p>')
    raise nodes.SkipNode


def skip_node(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def copy_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Put the PDF and ePub built beside the HTML output into `downloads/`."""
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    outdir = Path(app.outdir)
    target = outdir / DOWNLOAD_DIR
    target.mkdir(exist_ok=True)
    for name, label in DOWNLOADS:
        built = outdir.parent / name
        if built.is_file():
            shutil.copy2(built, target / name)
        else:
            logger.info(f"cvmbok: no {label} at {built} yet; build all editions so the download link resolves")


def cover_dot(title: str, version: str, date_text: str) -> str:
    return f"""digraph cover {{
  graph [bgcolor="#12355b", margin=0, pad="0.6", size="6,9!", ratio=fill, dpi=100];
  node [shape=plaintext, fontname="DejaVu Sans", fontcolor="white"];
  t [label=<<font point-size="40"><b>CVMBoK</b></font><br/><br/><font point-size="20">{title}</font><br/><br/><br/><font point-size="16">Edition {version}<br/>{date_text}</font>>];
}}
"""


def prepare_builder(app: Sphinx) -> None:
    if not app.builder.name.startswith("epub"):
        return
    app.config.graphviz_output_format = "png"
    # A cover page left by an earlier build into the same folder would be listed
    # twice in the spine (epubcheck RSC-005, OPF-096); the builder writes it again.
    Path(app.outdir, getattr(app.builder, "coverpage_name", "epub-cover.html")).unlink(missing_ok=True)
    generated = Path(app.doctreedir) / "cvmbok-generated"
    generated.mkdir(parents=True, exist_ok=True)
    cover = generated / "cover.png"
    edition = app.config.cvmbok_edition
    dot = cover_dot(edition["title"], edition["version"], edition["date_text"])
    try:
        subprocess.run(["dot", "-Tpng", "-o", str(cover)], input=dot.encode(), check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        logger.warning(f"cvmbok: cannot draw the ePub cover with Graphviz: {exc}")
        return
    app.config.html_static_path = [*app.config.html_static_path, str(generated)]
    app.config.epub_cover = ("_static/cover.png", "epub-cover.html")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("cvmbok_edition", {}, "env", types=[dict])
    app.add_node(
        downloads_node,
        html=(visit_downloads_html, None),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_directive("cvmbok-downloads", DownloadsDirective)
    app.add_directive("cvmbok-edition", EditionDirective)
    app.connect("builder-inited", prepare_builder)
    app.connect("build-finished", copy_downloads)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
