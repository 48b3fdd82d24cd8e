"""Figure numbers from recorded outlines (`cvmbok.sphinx_fignum`) equal Sphinx's own, on a
first build and after a page changes; and the real HTML build numbers every figure."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment.collectors.toctree import TocTreeCollector

from cvmbok import sphinx_fignum

PAGES = {
    "index.md": "# Book\n\n```{toctree}\n:numbered:\none\ntwo\n```\n",
    "one.md": ("# One\n\n```{figure} pic.png\nFirst.\n```\n\n## Part\n\n```{figure} pic.png\nSecond.\n```\n\n"
               "```{figure} pic.png\n```\n\n```{table} A table\n| a |\n|---|\n| 1 |\n```\n\n```{toctree}\nthree\n```\n"),
    "two.md": "# Two\n\n```{figure} pic.png\nThird.\n```\n",
    "three.md": "# Three\n\n```{figure} pic.png\nFourth.\n```\n",
}
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def build(src: Path, out: Path) -> Sphinx:
    app = Sphinx(str(src), None, str(out / "html"), str(out / "doctrees"), "html", status=None, warning=None,
                 confoverrides={"extensions": ["myst_parser", "cvmbok.sphinx_fignum"], "numfig": True,
                                "numfig_secnum_depth": 2})
    app.build()
    return app


def sphinx_own_numbers(app: Sphinx) -> dict[str, object]:
    """Sphinx's own walk over every doctree, run on the same environment."""
    ours = dict(app.env.toc_fignumbers)
    sphinx_fignum._original_assign(TocTreeCollector(), app.env)
    theirs = dict(app.env.toc_fignumbers)
    app.env.toc_fignumbers = ours
    return theirs


def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text("", encoding="utf-8")
    (src / "pic.png").write_bytes(PNG)
    for name, text in PAGES.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


def test_outline_numbers_match_sphinx_on_a_first_and_an_incremental_build(tmp_path: Path) -> None:
    src = project(tmp_path)
    app = build(src, tmp_path / "out")
    ours = dict(app.env.toc_fignumbers)
    assert set(getattr(app.env, sphinx_fignum.OUTLINES)) == app.env.found_docs == {p[:-3] for p in PAGES}
    assert ours["one"]["figure"] and ours["three"]["figure"] and ours["one"]["table"]
    assert len(ours["one"]["figure"]) == 2, "the uncaptioned figure is not numbered"
    assert ours == sphinx_own_numbers(app)

    (src / "two.md").write_text("# Two\n\n```{figure} pic.png\nThird.\n```\n\n```{figure} pic.png\nThird b.\n```\n",
                                encoding="utf-8")
    again = build(src, tmp_path / "out")
    ours = dict(again.env.toc_fignumbers)
    assert len(ours["two"]["figure"]) == 2
    assert ours == sphinx_own_numbers(again)
