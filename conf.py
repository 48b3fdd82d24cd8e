"""One Sphinx configuration for every edition: HTML, PDF (XeLaTeX) and ePub 3.

Build with `sphinx-build -c . source build/<builder>` or `cvmbok build html|pdf|epub|all`.
The edition's identity comes from `edition.toml` through `cvmbok.edition`; nothing
about the title, version, date or author is written down a second time here.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))  # works before and after `pip install -e .`

from cvmbok.document import MYST_EXTENSIONS  # noqa: E402
from cvmbok.edition import load_edition  # noqa: E402
from sphinx.util.texescape import escape as tex_escape  # noqa: E402

EDITION = load_edition(ROOT / "edition.toml")

# -- Project -----------------------------------------------------------------
project = EDITION.title
author = EDITION.author
copyright = f"{EDITION.date.year}, {EDITION.author}"
version = EDITION.version
release = EDITION.version
today = EDITION.date_text
language = EDITION.language

extensions = [
    "myst_parser",
    "sphinx.ext.graphviz",
    "cvmbok.sphinxext",
    "cvmbok.sphinx_guard",  # fails the build on unsafe content in merged contributions or script in page bodies
    "cvmbok.sphinx_mathjax",  # MathJax served from _static (pinned PyPI package), never from a CDN
    "cvmbok.a11y",  # names the theme's unnamed navigation toggles (axe summary-name)
    "cvmbok.sphinx_glossary",  # the glossary page, rendered from styles/terms.yml
    "cvmbok.sphinx_context",  # the context box of every program and component page
    "cvmbok.sphinx_examples",  # {worked-example}: tables whose arithmetic is checked at build time
    "sphinxcontrib.bibtex",  # {cite:p} in chapters, {bibliography} on the literature page
    "cvmbok.sphinx_references",  # the bibliography style: alpha labels plus each entry's annote
    "cvmbok.sphinx_index",  # index entries for every registry term where a page first uses it
    "cvmbok.sphinx_toc",  # chapters at one depth in every contents, whatever headings precede a toctree
    "cvmbok.sphinx_fignum",  # figure numbers from outlines kept at read time, not every doctree on every build
]
# -- Citations (one BibTeX file; the literature page lists every entry) -------------
bibtex_bibfiles = ["source/references.bib"]  # relative to this file
bibtex_default_style = "cvmbok"
bibtex_reference_style = "author_year"
exclude_patterns = ["_build", "**/.*", "**/_drafts"]
root_doc = "index"
source_suffix = {".md": "markdown"}
# Relative to this file, not absolute: absolute paths go into html/.buildinfo, and a
# rebuild from another checkout of the same commit must give the same bytes.
templates_path = ["tools/cvmbok/templates"]
html_static_path = ["tools/cvmbok/static"]
html_css_files = ["cvmbok.css"]
html_js_files = ["cvmbok-search.js"]  # search snippets from the article, not the theme's menus

# -- MyST ----------------------------------------------------------------------
# The one list of MyST extensions, shared with the contribution checker's parser (no
# `substitution`: it evaluates Jinja2 on page text; the landing page's edition line is
# the {cvmbok-edition} directive of cvmbok.sphinxext).
myst_enable_extensions = list(MYST_EXTENSIONS)
myst_heading_anchors = 3

# -- Graphviz (figures are drawn from sources in the repository) ----------------
graphviz_output_format = "svg"  # the extension switches ePub to PNG
numfig = True  # every figure numbered once, across the whole book (no numbered toctree)
numfig_format = {"figure": "Figure %s"}

# -- HTML ----------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = f"{EDITION.short_title} {EDITION.version}"
html_last_updated_fmt = None
# The printed index belongs to the PDF; HTML readers search. No page of the HTML edition
# links to a genindex page, and writing it was a large share of every incremental rebuild.
html_use_index = False
html_copy_source = True
html_show_sourcelink = True
html_theme_options = {
    "repository_url": EDITION.repository_url,
    "repository_branch": "main",
    "path_to_docs": "source",
    "use_edit_page_button": True,
    "use_repository_button": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navbar_persistent": [],  # the sidebar has the search field; no second one in a header bar
    "extra_footer": f"<p>{EDITION.short_title} edition {EDITION.version}, {EDITION.date_text}. {EDITION.rights}.</p>",
}
html_sidebars = {
    "**": ["cvmbok-home.html", "search-button-field.html", "sbt-sidebar-nav.html", "cvmbok-downloads.html"],
}

# -- PDF (LaTeX through XeLaTeX and latexmk) -----------------------------------
# Page 2 of the PDF (the back of the title page) says what the reader holds and may
# do with it: edition, date, rights, publisher, identifier and where the source lives.
_BACK_OF_TITLE_PAGE = "\n".join(
    [
        r"\def\sphinxbackoftitlepage{%",
        r"\vspace*{\fill}\begin{flushleft}\small",
        rf"\textbf{{{tex_escape(EDITION.title)}}}\par\medskip",
        rf"Edition {tex_escape(EDITION.version)}, {tex_escape(EDITION.date_text)}.\par\medskip",
        rf"\textcopyright\ {EDITION.date.year} {tex_escape(EDITION.author)}. {tex_escape(EDITION.rights)}.\par\medskip",
        rf"Published by {tex_escape(EDITION.publisher)}. Identifier: {tex_escape(EDITION.identifier)}.\par\medskip",
        rf"Source and contributions: \url{{{EDITION.repository_url}}}\par\medskip",
        r"Every case and example in this book is anonymized or a composite; none names or describes",
        r"a real organization or person.\par",
        r"\end{flushleft}}",
    ]
)
latex_engine = "xelatex"
latex_documents = [("index", "cvmbok.tex", EDITION.title, EDITION.author, "manual", False)]
latex_show_urls = "footnote"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "releasename": "Edition",
    "passoptionstopackages": r"\PassOptionsToPackage{pdflang=en-US,pdfusetitle}{hyperref}",
    "preamble": "\n".join(
        [
            r"\hypersetup{",
            f"  pdftitle={{{EDITION.title}}},",
            f"  pdfauthor={{{EDITION.author}}},",
            f"  pdfsubject={{Edition {EDITION.version}}},",
            r"  pdfcreator={CVMBoK (Sphinx and XeLaTeX)},",
            r"  bookmarksnumbered=true,",
            r"}",
            r"\def\sphinxstyleindexentry#1{#1}",  # index entries in the body font, not typewriter
            _BACK_OF_TITLE_PAGE,
        ]
    ),
}

# -- ePub 3 --------------------------------------------------------------------
epub_basename = "cvmbok"
epub_title = EDITION.title
epub_author = EDITION.author
epub_publisher = EDITION.publisher
epub_contributor = EDITION.author  # Sphinx defaults to "unknown"
epub_copyright = f"{EDITION.date.year}, {EDITION.rights}"
epub_language = EDITION.language
epub_identifier = EDITION.identifier
epub_uid = EDITION.identifier  # equal to the identifier, or epubcheck reports NCX-001
epub_scheme = "uuid"
epub_description = f"{EDITION.title}, edition {EDITION.version}"
epub_show_urls = "no"
epub_tocdepth = 2
epub_exclude_files = ["search.html", "_static/websupport.js"]
# Graphviz writes a client-side image map beside each PNG figure; the ePub does not
# use it and the builder already leaves it out, but warns about its media type.
suppress_warnings = ["epub.unknown_project_files"]

# -- CVMBoK extension ---------------------------------------------------------
cvmbok_edition = {
    "title": EDITION.title,
    "version": EDITION.version,
    "date_text": EDITION.date_text,
}
