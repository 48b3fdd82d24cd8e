"""Math in the HTML edition is rendered by a MathJax copy served from the book itself.

Sphinx loads MathJax from a public CDN by default, so every reader of a page with a
formula would contact a third party, and the book would not work offline. MathJax
3.2.2 comes instead from the pinned PyPI package `sphinx-mathjax-offline` (installed
with the project, on Read the Docs too): `mathjax_path` points at `_static/mathjax/`,
and the files are copied there by Sphinx's own static-file step, only when some page
has math (the files are 6 MB).
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError

DISTRIBUTION = "sphinx-mathjax-offline"
SCRIPT = "mathjax/tex-chtml.js"
"""Relative to `_static/`: TeX input, HTML output, fonts from `mathjax/output/chtml/fonts/`."""


def mathjax_static() -> Path:
    """The package's static folder (it holds `mathjax/`), or a ConfigError saying how to install it."""
    try:
        folder = Path(str(importlib.metadata.distribution(DISTRIBUTION).locate_file(f"{DISTRIBUTION}/static")))
    except importlib.metadata.PackageNotFoundError:
        folder = Path("/nonexistent")
    if not (folder / SCRIPT).is_file():
        raise ConfigError(f"MathJax is missing: install the pinned package ({DISTRIBUTION} in pyproject.toml, "
                          "e.g. `make bootstrap`); the book never loads it from a CDN")
    return folder


def use_local_mathjax(app: Sphinx, config: Config) -> None:
    config.mathjax_path = SCRIPT


def add_mathjax_files(app: Sphinx, env: BuildEnvironment) -> None:
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return  # the ePub packages no scripts (its .js files are left out), so 6 MB of fonts would be dead weight
    if env.get_domain("math").has_equations():  # type: ignore[attr-defined]
        static = str(mathjax_static())
        if static not in app.config.html_static_path:
            app.config.html_static_path = [*app.config.html_static_path, static]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", use_local_mathjax)
    app.connect("env-updated", add_mathjax_files)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
