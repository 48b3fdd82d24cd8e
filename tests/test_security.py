"""Issue 11: a contribution never runs code on the build machine or script in a reader's browser.

Each attack is submitted as a contributor would: a file in contrib/ checked with the
real `cvmbok check`, then `review --accept` and `merge` (both must refuse). A tree
where the check was bypassed (attacks written straight into a chapter between merge
markers) must still fail the real HTML build, through the Sphinx guard. A clean
contribution with a formula goes all the way to the HTML edition, whose MathJax comes
from the book itself: Chromium's request log shows no request to another site.
"""

from __future__ import annotations

import json
import runpy
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from cvmbok.document import MYST_EXTENSIONS, markdown_parser
from cvmbok.policy.markup_rules import KNOWN_TOKENS
from cvmbok.reader_checks import check_accessibility, check_html_links

from .conftest import ROOT, run_cvmbok
from .contrib_helpers import FIXTURES, cli, copy_repo, snapshot

CLEAN = (FIXTURES / "clean.md").read_text(encoding="utf-8")
TITLE_LINE = "title: Measure retention against a holdout group"
STATUS_BLOCK = "status: submitted\nconsent:\n  publish: yes\n  acknowledge: no\nhistory:\n  - date: 2026-11-01\n    outcome: submitted\n"
CHAPTER = "source/04-work-of-cvm/churn-prevention.md"


# -- one parser configuration ----------------------------------------------------------

EXTENSION_SAMPLES: dict[str, tuple[str, str]] = {
    "colon_fence": (":::{note}\ntext\n:::\n", "colon_fence"),
    "deflist": ("term\n: definition\n", "dl_open"),
    "fieldlist": (":name: body\n", "field_list_open"),
}
"""For every enabled extension, a sample and the token the checker must see for it."""

PARSING_NEUTRAL_OPTIONS = {"myst_enable_extensions", "myst_heading_anchors"}
"""conf.py's myst_* settings that do not change what is parsed."""


def _rules(md: object) -> dict[str, list[str]]:
    return {chain: getattr(md, chain).ruler.get_active_rules() for chain in ("block", "inline", "core")}


def test_the_build_parses_exactly_the_syntax_the_checker_parses() -> None:
    conf = runpy.run_path(str(ROOT / "conf.py"))
    enabled = set(conf["myst_enable_extensions"])
    assert enabled == set(MYST_EXTENSIONS), "take myst_enable_extensions from cvmbok.document.MYST_EXTENSIONS"
    assert not {"substitution", "attrs_inline", "attrs_block", "linkify", "dollarmath", "amsmath"} & enabled
    assert {k for k in conf if k.startswith("myst_")} <= PARSING_NEUTRAL_OPTIONS, "a new MyST option may change parsing"
    built = create_md_parser(MdParserConfig(enable_extensions=enabled), RendererHTML)
    built.disable("front_matter")  # the checker parses bodies; merged text sits mid-page
    assert _rules(markdown_parser()) == _rules(built)
    assert set(EXTENSION_SAMPLES) == set(MYST_EXTENSIONS), "every enabled extension needs a sample and a checked token"
    for extension, (sample, token) in EXTENSION_SAMPLES.items():
        tokens = markdown_parser().parse(sample)
        assert token in [t.type for t in tokens], extension
        assert {t.type for t in tokens} <= KNOWN_TOKENS, f"{extension}: the markup policy must judge every token"


# -- attacks through the check ---------------------------------------------------------

@dataclass(frozen=True)
class Attack:
    name: str
    rule: str
    needle: str
    """Text on the line (and at the column, unless `column` is False) where the finding must point."""
    body: str = ""
    replace: tuple[tuple[str, str], ...] = ()
    column: bool = True


ATTACKS: list[Attack] = [
    # MyST substitutions: Jinja2 with Sphinx's env in scope
    Attack("jinja-rce", "markup.template", "{{", '{{ lipsum.__globals__["os"].popen("id").read() }}'),
    Attack("jinja-block", "markup.template", "{%", "{% for x in range(3) %}x{% endfor %}"),
    Attack("jinja-script", "markup.template", "{{", 'Text {{ "<script>alert(1)</script>" }}'),
    Attack("jinja-in-code", "markup.template", "{{", "```text\n{{ env.config }}\n```"),
    Attack("title-jinja", "markup.template", "{{", replace=((TITLE_LINE, 'title: "Lessons {{ env.srcdir }}"'),)),
    # the title is rendered as Markdown in the heading and every page's navigation
    Attack("title-html", "markup.title", '"A lesson', replace=((TITLE_LINE, 'title: "A lesson <img src=x onerror=alert(3)>"'),)),
    Attack("title-role", "markup.title", '"A lesson', replace=((TITLE_LINE, 'title: "A lesson {raw}`<b>x</b>`"'),)),
    Attack("title-link", "markup.title", '"A lesson', replace=((TITLE_LINE, 'title: "A lesson [here](https://example.org)"'),)),
    Attack("title-marker", "markup.merge-marker", "% CVMBoK",
           replace=((TITLE_LINE, 'title: "A lesson % CVMBoK contribution cvm-other1 begin"'),)),
    # field lists (the fieldlist extension)
    Attack("field-raw", "markup.directive-not-allowed", "{raw}", ":notes: a field\n  ```{raw} html\n  <script>alert(1)</script>\n  ```"),
    Attack("field-include", "markup.directive-not-allowed", "{include}", ":notes: a field\n  ```{include} /etc/hostname\n  ```"),
    Attack("field-html", "markup.raw-html", "<b ", ":notes: a <b onclick=alert(1)>field</b>"),
    Attack("field-name-html", "markup.raw-html", "<i>", ":<i>name</i>: a field"),
    # definition lists and colon fences
    Attack("deflist-html", "markup.raw-html", "<span", "Term\n: a definition <span onclick=alert(1)>here</span>"),
    Attack("colon-raw", "markup.directive-not-allowed", "{raw}", ":::{raw} html\n<script>alert(1)</script>\n:::"),
    # directives that read files, evaluate markup or pass it through
    Attack("include", "markup.directive-not-allowed", "{include}", "```{include} /etc/hostname\n```"),
    Attack("literalinclude", "markup.directive-not-allowed", "{literalinclude}", ":::{literalinclude} ../conf.py\n:::"),
    Attack("eval-rst", "markup.directive-not-allowed", "{eval-rst}", "```{eval-rst}\n.. raw:: html\n\n   <b>x</b>\n```"),
    Attack("csv-file", "markup.directive-not-allowed", "{csv-table}", "```{csv-table}\n:file: ../edition.toml\n```"),
    Attack("raw-upper", "markup.directive-not-allowed", "{RAW}", "```{RAW} html\n<b>x</b>\n```"),
    # directive options that take a URL or a path
    Attack("target-js", "markup.unsafe-link", "javascript", ":::{figure} cvm-sec00/pic.png\n:target: javascript:alert(5)\nA caption\n:::"),
    Attack("target-js-case", "markup.unsafe-link", "JavaScript", ":::{figure} cvm-sec00/pic.png\n:target: JavaScript:alert(5)\nA caption\n:::"),
    Attack("target-data", "markup.unsafe-link", "data:", ":::{figure} cvm-sec00/pic.png\n:target: data:text/html,<script>alert(1)</script>\nA caption\n:::"),
    Attack("target-vbscript", "markup.unsafe-link", "vbscript", ":::{figure} cvm-sec00/pic.png\n:target: vbscript:msgbox(1)\nA caption\n:::"),
    Attack("target-file", "markup.unsafe-link", "file:", ":::{figure} cvm-sec00/pic.png\n:target: file:///etc/passwd\nA caption\n:::"),
    Attack("target-path", "markup.local-link", "../../conf.py", ":::{figure} cvm-sec00/pic.png\n:target: ../../conf.py\nA caption\n:::"),
    Attack("target-yaml-block", "markup.unsafe-link", "javascript",
           ":::{figure} cvm-sec00/pic.png\n---\ntarget: javascript:alert(1)\n---\nA caption\n:::"),
    Attack("figure-path", "markup.image-outside", "/etc/x.png", ":::{figure} /etc/x.png\nA caption\n:::"),
    Attack("figure-climb", "markup.image-outside", "../../source", ":::{figure} ../../source/x.png\nA caption\n:::"),
    Attack("figure-remote", "markup.remote-image", "https://", ":::{figure} https://tracker.example/p.png\nA caption\n:::"),
    Attack("figure-class", "markup.option-not-allowed", "class", ":::{figure} cvm-sec00/pic.png\n:class: bd-sidebar\nA caption\n:::"),
    Attack("figure-figclass", "markup.option-not-allowed", "figclass", ":::{figure} cvm-sec00/pic.png\n:figclass: x\nA caption\n:::"),
    Attack("figure-name", "markup.label-not-allowed", "name", ":::{figure} cvm-sec00/pic.png\n:name: index\nA caption\n:::"),
    Attack("figure-width-css", "markup.option-value", "1px;", ":::{figure} cvm-sec00/pic.png\n:width: 1px;background:url(x)\nA caption\n:::"),
    Attack("note-class", "markup.option-not-allowed", "class", ":::{note}\n:class: dropdown\nHidden\n:::"),
    Attack("table-file", "markup.option-not-allowed", "file", ":::{table} A table\n:file: /etc/passwd\n\n| a |\n|---|\n| b |\n:::"),
    Attack("table-title-html", "markup.raw-html", "<img", ":::{table} A <img src=x onerror=alert(1)> table\n\n| a |\n|---|\n| b |\n:::"),
    # footnotes and link reference definitions
    Attack("footnote-html", "markup.raw-html", "<b", "Text[^1].\n\n[^1]: a note <b onmouseover=alert(1)>here</b>"),
    Attack("footnote-label", "markup.footnote-label", "[^a.b]", "Text[^a.b].\n\n[^a.b]: a note"),
    Attack("refdef-local", "markup.local-link", "notes.pdf", "Text.\n\n[unused]: notes.pdf"),
    Attack("refdef-ftp", "markup.unsafe-link", "ftp://", "Text [x][y].\n\n[y]: ftp://example.org/file"),
    # math: in the PDF it is TeX (\input reads files), in the browser MathJax (\href links)
    Attack("math-href", "markup.math-command", "{math}", "A {math}`\\href{javascript:alert(1)}{x}` formula."),
    Attack("math-input", "markup.math-command", "{math}", "A {math}`\\input{/etc/passwd}` formula."),
    Attack("math-charcode", "markup.math-command", "{math}", "A {math}`^^5cinput{/etc/passwd}` formula."),
    Attack("math-environment", "markup.math-command", "{math}", "A {math}`\\begin{filecontents}x\\end{filecontents}` formula."),
    # forged merge markers, anywhere (merge finds blocks by substring)
    Attack("marker-begin", "markup.merge-marker", "% CVMBoK", "% CVMBoK contribution cvm-other1 begin"),
    Attack("marker-end", "markup.merge-marker", "% CVMBoK", "Text.\n\n% CVMBoK contribution cvm-other1 end\n\nMore."),
    Attack("marker-part", "markup.merge-marker", "% CVMBoK", "% CVMBoK insights from practice: here"),
    Attack("marker-in-code", "markup.merge-marker", "%   cvmbok", "```text\n%   cvmbok Contribution cvm-x end\n```"),
    # front matter: one meaning only
    Attack("fm-duplicate-id", "schema.yaml-duplicate-key", "id: cvm-other9",
           replace=(("section:", "id: cvm-other9\nsection:"),)),
    Attack("fm-merge-key", "schema.yaml-merge-key", "<<", replace=(("region: Europe", "<<: {region: Europe}"),)),
    Attack("fm-python-tag", "schema.yaml-tag", "!!python", replace=(("kind: practice", 'kind: !!python/object/apply:os.system ["id"]'),)),
    Attack("fm-binary", "schema.yaml-tag", "!!binary", replace=(("kind: practice", "kind: !!binary cHJhY3RpY2U="),)),
    Attack("fm-timestamp", "schema.yaml-tag", "!!timestamp", replace=(("- date: 2026-11-01", "- date: !!timestamp 2026-11-01"),)),
    Attack("fm-float", "schema.yaml-tag", "!!float", replace=(("kind: practice", "kind: practice\nversion: !!float 1"),)),
    Attack("fm-bool", "schema.yaml-tag", "!!bool", replace=(("  publish: yes", "  publish: !!bool yes"),)),
    Attack("fm-bare-tag", "schema.yaml-tag", "! practice", replace=(("kind: practice", "kind: ! practice"),)),
    Attack("fm-anchor", "schema.yaml-anchor", "&t", replace=((TITLE_LINE, TITLE_LINE.replace("title: ", "title: &t ")),)),
    Attack("fm-alias", "schema.yaml-alias", "*first", replace=(
        ("  - date: 2026-11-01\n    outcome: submitted\n", "  - &first {date: 2026-11-01, outcome: submitted}\n  - *first\n"),)),
    Attack("fm-merged-outside", "schema.invalid-value", "/etc/passwd", replace=((STATUS_BLOCK, STATUS_BLOCK.replace("status: submitted", "status: merged")
           + "  - date: 2026-11-02\n    outcome: accepted\n  - date: 2026-11-03\n    outcome: merged\n"
           "merged:\n  into: /etc/passwd\n  anchor: insight-cvm-sec00\n  edition: '2026.1'\n  date: 2026-11-03\n"),)),
    Attack("fm-merged-climb", "schema.invalid-value", "source/../", replace=((STATUS_BLOCK, STATUS_BLOCK.replace("status: submitted", "status: merged")
           + "  - date: 2026-11-02\n    outcome: accepted\n  - date: 2026-11-03\n    outcome: merged\n"
           "merged:\n  into: source/../conf.py\n  anchor: insight-cvm-sec00\n  edition: '2026.1'\n  date: 2026-11-03\n"),)),
    Attack("fm-status-by-hand", "schema.inconsistent", "status:", replace=(("status: submitted", "status: accepted"),), column=False),
]


def attack_id(index: int) -> str:
    return f"cvm-sec{index:02d}"


def attack_text(index: int, attack: Attack) -> str:
    text = CLEAN.replace("id: cvm-test01", f"id: {attack_id(index)}").replace("insight-cvm-sec00", f"insight-{attack_id(index)}")
    for old, new in attack.replace:
        assert old in text, (attack.name, old)
        text = text.replace(old, new.replace("insight-cvm-sec00", f"insight-{attack_id(index)}"), 1)
    return text.rstrip("\n") + ("\n\n" + attack.body.replace("cvm-sec00", attack_id(index)) + "\n" if attack.body else "\n")


def expected_position(text: str, attack: Attack) -> tuple[int, int]:
    for number, line in enumerate(text.split("\n"), 1):
        if attack.needle in line:
            return number, line.index(attack.needle) + 1
    raise AssertionError(f"{attack.name}: needle {attack.needle!r} not in the file")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repo(tmp_path_factory.mktemp("security") / "repo")
    picture = FIXTURES / "pixel.png"
    for index, _ in enumerate(ATTACKS, 1):
        folder = root / "contrib" / attack_id(index)
        folder.mkdir()
        if picture.is_file():
            (folder / "pic.png").write_bytes(picture.read_bytes())
        else:  # a real 1x1 PNG, so only the attack itself is reported
            from PIL import Image
            Image.new("RGB", (1, 1)).save(folder / "pic.png")
    return root


def test_every_attack_is_refused_by_the_check_at_its_line(repo: Path) -> None:
    paths = {}
    for index, attack in enumerate(ATTACKS, 1):
        path = repo / "contrib" / f"{attack_id(index)}-attack.md"
        path.write_text(attack_text(index, attack), encoding="utf-8")
        paths[attack.name] = path
    try:
        code, out, err = cli(repo, "check", "--format", "json", "--only", "frontmatter", "--only", "markup",
                             *[str(p) for p in paths.values()])
    finally:
        for path in paths.values():
            path.unlink()
    assert code == 1 and "Traceback" not in err, err
    found = json.loads(out)
    missed = []
    for index, attack in enumerate(ATTACKS, 1):
        mine = [f for f in found if f["path"].startswith(f"contrib/{attack_id(index)}-")]
        line, column = expected_position(attack_text(index, attack), attack)
        hits = [f for f in mine if f["rule"] == attack.rule and f["line"] == line and (not attack.column or f["column"] == column)]
        if not hits or any(f["severity"] != "error" for f in hits):
            missed.append(f"{attack.name}: expected {attack.rule} at {line}:{column}, got "
                          f"{[(f['rule'], f['line'], f['column']) for f in mine]}")
    assert not missed, "\n".join(missed)


def test_a_clean_contribution_with_a_byte_order_mark_is_the_same_for_every_command(repo: Path) -> None:
    cid = "cvm-bom001"
    path = repo / "contrib" / f"{cid}-bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + CLEAN.replace("cvm-test01", cid).encode("utf-8"))
    try:
        code, out, err = cli(repo, "check", "--format", "json", "--only", "frontmatter", "--only", "markup", str(path))
        assert code == 0 and json.loads(out) == [], out + err
        code, out, err = cli(repo, "review", cid, "--start", "--reviewer", "ed-k7")
        assert code == 0, out + err
        assert "status: in-review" in path.read_text(encoding="utf-8")
    finally:
        path.unlink()


REVIEWED = ["jinja-rce", "title-html", "target-js", "field-raw", "marker-begin", "math-input"]


@pytest.mark.parametrize("name", REVIEWED)
def test_review_accept_and_merge_refuse_an_attack(repo: Path, name: str) -> None:
    index, attack = next((i, a) for i, a in enumerate(ATTACKS, 1) if a.name == name)
    cid = attack_id(index)
    path = repo / "contrib" / f"{cid}-attack.md"
    in_review = STATUS_BLOCK.replace("status: submitted", "status: in-review") + "  - date: 2026-11-02\n    outcome: in-review\n"
    path.write_text(attack_text(index, attack).replace(STATUS_BLOCK, in_review), encoding="utf-8")
    before = snapshot(repo)
    try:
        code, out, err = cli(repo, "review", cid, "--accept", "--reviewer", "ed-k7")
        assert code == 1 and f"cannot accept {cid}" in err and "Traceback" not in err, out + err
        assert snapshot(repo) == before
        accepted = STATUS_BLOCK.replace("status: submitted", "status: accepted") + "  - date: 2026-11-02\n    outcome: accepted\n"
        path.write_text(attack_text(index, attack).replace(STATUS_BLOCK, accepted), encoding="utf-8")  # accepted by hand
        before = snapshot(repo)
        code, out, err = cli(repo, "merge", cid)
        assert code == 1 and "refusing to merge" in err and "Traceback" not in err, out + err
        assert snapshot(repo) == before, "a refused merge changes nothing"
    finally:
        path.unlink()


# -- defence in depth: the build fails when the check was bypassed -------------------------

BYPASSED: dict[str, str] = {
    "cvm-byraw1": "```{raw} html\n<script>alert(1)</script>\n```",
    "cvm-byinc1": "```{include} ../../../private-notes.txt\n```",
    "cvm-bylit1": "```{literalinclude} ../../conf.py\n```",
    "cvm-byevl1": "```{eval-rst}\n.. raw:: html\n\n   <b>x</b>\n```",
    "cvm-byfig1": ":::{figure} ../../tools/cvmbok/static/cvmbok.css\n:target: javascript:alert(5)\nA caption\n:::",
    "cvm-byhtm1": "Inline <img src=x onerror=alert(2)> markup.",
    "cvm-bysub1": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "cvm-byfld1": ":notes: a field\n  ```{raw} html\n  <b>x</b>\n  ```",
}


def merged_block(cid: str, body: str) -> str:
    return f"\n% CVMBoK contribution {cid} begin\n({'insight-' + cid})=\n### Lesson {cid}\n\n{body}\n\n% CVMBoK contribution {cid} end\n"


@pytest.mark.editions
def test_a_tree_where_the_check_was_bypassed_does_not_build(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    chapter = root / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8").rstrip("\n") + "\n\n## Insights from practice\n\n"
                       "% CVMBoK insights from practice: merged from contrib/ by `cvmbok merge`\n"
                       + "".join(merged_block(cid, body) for cid, body in BYPASSED.items())
                       + "\n% CVMBoK contribution cvm-byopn1 begin\nNo end marker.\n", encoding="utf-8")
    (tmp_path / "private-notes.txt").write_text("a file on the build machine\n", encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text("% CVMBoK contribution cvm-byout1 begin\n\n```{raw} html\n<b>from outside</b>\n```\n\n"
                       "% CVMBoK contribution cvm-byout1 end\n", encoding="utf-8")
    lifecycle = root / "source/04-work-of-cvm/lifecycle.md"
    lifecycle.write_text(lifecycle.read_text(encoding="utf-8") + "\n```{include} ../../../outside.md\n```\n", encoding="utf-8")
    book_page = root / "source/04-work-of-cvm/contact-policy.md"
    book_page.write_text(book_page.read_text(encoding="utf-8") + "\n<script>alert('not from the theme')</script>\n", encoding="utf-8")
    out = tmp_path / "out"
    built = run_cvmbok("build", "html", "--out", str(out), cwd=root)
    log = built.stdout + built.stderr + (out / "logs" / "sphinx-html.log").read_text(encoding="utf-8")
    assert built.returncode == 1, log[-3000:]
    assert "CVMBoK guard" in log and not (out / "html" / "04-work-of-cvm" / "churn-prevention.html").exists()
    expected = [
        "cvm-byraw1, line", "[markup.directive-not-allowed] directive {raw}",
        "insight cvm-byinc1, line 1: content read from", "private-notes.txt, outside the source tree",
        "insight cvm-bylit1, line", "conf.py, outside the source tree",
        "insight cvm-byevl1, line", "insight cvm-byfig1", "refuri='javascript:alert(5)'", "an image from",
        "insight cvm-byhtm1", "event handler onerror=", "insight cvm-bysub1", "[markup.template]",
        "insight cvm-byfld1", "the block of cvm-byopn1 has no end marker",
        "lifecycle.md: doctree: insight cvm-byout1", "outside.md, outside the source tree",
        "contact-policy.md: doctree: line", "a <script> element",
    ]
    missing = [text for text in expected if text not in log]
    assert not missing, f"not reported: {missing}\n{log[-4000:]}"

    conf = root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace("myst_enable_extensions = list(MYST_EXTENSIONS)",
                                                             'myst_enable_extensions = [*MYST_EXTENSIONS, "substitution"]'),
                    encoding="utf-8")
    configured = run_cvmbok("build", "html", "--out", str(tmp_path / "out2"), cwd=root)
    assert configured.returncode == 1
    assert "enables substitution, which the contribution checker does not parse" in configured.stderr, configured.stderr[-2000:]


# -- a clean contribution with math, all the way to the reader's browser ---------------------

@pytest.mark.editions
@pytest.mark.browser
def test_math_is_served_from_the_book_and_no_page_contacts_another_site(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    cid = "cvm-math01"
    path = root / "contrib" / f"{cid}-uplift-formula.md"
    path.write_text(CLEAN.replace("cvm-test01", cid).rstrip("\n")
                    + "\n\nThe uplift is {math}`\\frac{r_t - r_c}{r_c} \\times 100` percent.\n", encoding="utf-8")
    for args in (("check", str(path)), ("review", cid, "--start", "--reviewer", "ed-k7"),
                 ("review", cid, "--accept", "--reviewer", "ed-k7"), ("merge", cid)):
        done = run_cvmbok(*args, cwd=root)
        assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
    out = tmp_path / "out"
    built = run_cvmbok("build", "html", "--out", str(out), cwd=root)
    assert built.returncode == 0, built.stderr[-3000:]
    html = out / "html"
    page = "04-work-of-cvm/churn-prevention.html"
    text = (html / page).read_text(encoding="utf-8")
    assert 'src="../_static/mathjax/tex-chtml.js' in text and "\\(\\frac{r_t - r_c}{r_c}" in text
    assert (html / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert (html / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2" / "MathJax_Main-Regular.woff").is_file()
    third_party = [f for f in check_html_links(html) if f.rule == "reader.html.third-party"]
    assert not third_party, third_party
    requests = [f for f in check_accessibility(html, [page, "index.html"]) if f.rule == "reader.html.third-party-request"]
    assert not requests, [f.message for f in requests]
