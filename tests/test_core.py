"""The package core through the real CLI: loading files safely, reporters, sections, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cvmbok.document import MAX_BYTES, load_document, parse_text
from cvmbok.findings import Finding, Severity, sort_findings
from cvmbok.report import REPORTERS

from .conftest import ROOT, run_cvmbok


def test_help_explains_every_command() -> None:
    result = run_cvmbok("--help")
    assert result.returncode == 0
    for command in ("build", "check", "sections"):
        assert command in result.stdout
    assert "exit codes" in result.stdout


def test_sections_lists_ids_and_titles() -> None:
    result = run_cvmbok("sections")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "preface\tPreface"
    assert lines[2] == "role-of-cvm\tThe Role of CVM in an Organization"
    assert len(lines) == 8


def test_sections_works_from_a_subfolder() -> None:
    result = run_cvmbok("sections", cwd=ROOT / "source" / "03-role-of-cvm")
    assert result.returncode == 0 and result.stdout.startswith("preface\t")


def test_unknown_flag_is_misuse() -> None:
    result = run_cvmbok("check", "--no-such-flag")
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr


def test_missing_path_is_misuse(tmp_path: Path) -> None:
    result = run_cvmbok("check", str(tmp_path / "nope.md"))
    assert result.returncode == 2
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def _check_json(path: Path) -> tuple[int, list[dict[str, object]]]:
    result = run_cvmbok("check", "--format", "json", str(path))
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def test_non_utf8_file_is_reported_at_its_position(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"# Title\n\nCaf\xe9 prices\n")
    code, findings = _check_json(bad)
    assert code == 1
    assert findings == [{
        "path": str(bad), "line": 3, "column": 4, "rule": "file.encoding", "severity": "error",
        "message": "file is not valid UTF-8 (byte 0xe9 at offset 12)",
        "fix": "save the file as UTF-8 in your editor", "match": "",
    }]


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"word " * (MAX_BYTES // 5 + 10))
    code, findings = _check_json(big)
    assert code == 1
    assert [f["rule"] for f in findings] == ["file.too-large"]


def test_binary_file_is_refused(tmp_path: Path) -> None:
    binary = tmp_path / "image.md"
    binary.write_bytes(b"# x\n\x00\x01\x02")
    result = load_document(binary)
    assert result.document is None and result.findings[0].rule == "file.binary"


def test_malformed_yaml_points_at_the_problem() -> None:
    text = "---\nid: cvm-0001\ntitle: [unclosed\nsection: preface\n---\n# Body\n"
    result = parse_text(Path("x.md"), "x.md", text)
    assert result.document is not None
    (finding,) = result.findings
    assert finding.rule == "schema.yaml" and finding.line in (3, 4, 5)
    assert "not valid YAML" in finding.message


def test_front_matter_that_is_not_a_mapping() -> None:
    result = parse_text(Path("x.md"), "x.md", "---\n- a\n- b\n---\nbody\n")
    assert [f.rule for f in result.findings] == ["schema.yaml"]


def test_body_lines_map_back_to_the_file() -> None:
    text = "---\nid: a\nsection: preface\n---\n# Heading\n\nParagraph text.\n"
    document = parse_text(Path("x.md"), "x.md", text).document
    assert document is not None and document.front_matter == {"id": "a", "section": "preface"}
    paragraph = next(t for t in document.tokens if t.type == "paragraph_open")
    assert document.token_line(paragraph) == 7
    assert document.front_matter_key_line("section") == 3


def test_crlf_is_normalized() -> None:
    document = parse_text(Path("x.md"), "x.md", "---\r\nid: a\r\n---\r\ntext\r\n").document
    assert document is not None and document.front_matter == {"id": "a"} and "\r" not in document.text


FINDINGS = [
    Finding("b.md", 2, 1, "leak.company", Severity.ERROR, "a company name", "replace it", "Acme"),
    Finding("a.md", 9, 3, "CVMBoK.Terms", Severity.WARNING, "use 'customer lifetime value'", "", "LTV"),
    Finding("a.md", 1, 5, "schema.missing-field", Severity.ERROR, "missing 'section'"),
]


def test_findings_sort_by_file_then_line() -> None:
    ordered = sort_findings(FINDINGS + [FINDINGS[0]])
    assert [(f.path, f.line) for f in ordered] == [("a.md", 1), ("a.md", 9), ("b.md", 2)]


def test_text_reporter_groups_per_file_with_a_summary() -> None:
    text = REPORTERS["text"](sort_findings(FINDINGS), 2)
    assert text.splitlines() == [
        "a.md (2 findings)",
        "  a.md:1:5: error [schema.missing-field] missing 'section'",
        "  a.md:9:3: warning [CVMBoK.Terms] use 'customer lifetime value'",
        "b.md (1 finding)",
        "  b.md:2:1: error [leak.company] a company name",
        "      fix: replace it",
        "2 errors, 1 warning, 0 suggestions in 2 files checked",
    ]


def test_json_reporter_round_trips() -> None:
    data = json.loads(REPORTERS["json"](FINDINGS, 2))
    assert [Finding.from_json(item) for item in data] == FINDINGS


def test_github_reporter_emits_annotations() -> None:
    lines = REPORTERS["github"](sort_findings(FINDINGS), 2).splitlines()
    assert lines[0] == "::error file=a.md,line=1,col=5,title=schema.missing-field::missing 'section'"
    assert lines[2].startswith("::error file=b.md,line=2,col=1,title=leak.company::")
    assert "Acme" not in lines[2] and "a company name" not in lines[2], "a public CI log never repeats the leak"
    assert lines[1].startswith("::warning file=a.md,line=9,col=3,")


def test_finding_json_has_the_documented_keys() -> None:
    for finding in FINDINGS:
        data = finding.to_json()
        assert set(data) == {"path", "line", "column", "rule", "severity", "message", "fix", "match"}
        assert data["severity"] in ("error", "warning", "suggestion") and data["rule"] == finding.rule


ROLE_TEXTS = [
    "The {term}`CLV` rose and {sub}`2` fell.",
    "{term}``a ` b`` and {ref}`x <y>` and {abbr}`CLV (customer lifetime value)`",
    "unclosed {term}`CLV and {bad name}`x` and {}`x` and {a}",
    "{a}`", "{a}", "{a}``x`", "*a _b **c {x}`y` [z](w) <b> \\{q}`r`",
    "line one {term}`multi\nline` end", "{a+b:c-d_e}`ok`", "{é}`not a name`",
]


@pytest.mark.parametrize("text", ROLE_TEXTS)
def test_the_linear_role_rule_gives_the_plugins_tokens(text: str) -> None:
    """cvmbok.document.myst_role replaces mdit_py_plugins' rule (quadratic on long paragraphs):
    on every branch of the plugin it must give the same tokens as the plugin itself."""
    from markdown_it.renderer import RendererHTML
    from mdit_py_plugins.myst_role.index import myst_role as plugin_rule
    from myst_parser.parsers.mdit import create_md_parser

    from cvmbok.document import markdown_parser, myst_config

    plugin = create_md_parser(myst_config(), RendererHTML)
    plugin.disable("front_matter")
    assert plugin.inline.ruler.__rules__[plugin.inline.ruler.__find__("myst_role")].fn is plugin_rule

    def flat(tokens: list) -> list[tuple[str, str, object]]:
        return [(t.type, t.content, t.meta) for block in tokens for t in [block, *(block.children or [])]]

    assert flat(markdown_parser().parse(text)) == flat(plugin.parse(text))

