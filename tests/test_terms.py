"""Terminology: the registry, its generated Vale rules and vocabulary, the `terms` check and the glossary.

Everything runs through the real Vale binary (`.venv/bin/vale`, or `$CVMBOK_VALE`) and
real Sphinx. Fixture pairs live in tests/fixtures/vale/<Rule>/: `bad.md` must raise
exactly the alerts listed in `expected.txt` ("LINE RULE" per line) for that rule, and
`good.md` must raise nothing at all.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, run_cvmbok

sys.path.insert(0, str(ROOT / "tools"))

from cvmbok.errors import ToolMissingError, UsageError  # noqa: E402
from cvmbok.terms.registry import REGISTRY, load_registry, parse_registry  # noqa: E402
from cvmbok.vale import find_vale, myst_for_vale  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "vale"
RULE_DIRS = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.txt").is_file())
RULE_NAMES = {"ValeTerms": "Vale.Terms", "ValeAvoid": "Vale.Avoid"}


def rule_name(folder: str) -> str:
    return RULE_NAMES.get(folder, f"CVMBoK.{folder}")


def check_json(*paths: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[int, list[dict]]:
    result = run_cvmbok("check", "--only", "terms", "--format", "json", *map(str, paths), cwd=cwd, env=env)
    assert result.returncode in (0, 1), f"cvmbok check failed ({result.returncode}): {result.stderr}"
    return result.returncode, json.loads(result.stdout)


@pytest.fixture(scope="module")
def fixture_findings() -> dict[str, list[dict]]:
    """One `cvmbok check` run over every fixture (one Vale process), grouped by path."""
    _, findings = check_json(FIXTURES.relative_to(ROOT))
    grouped: dict[str, list[dict]] = {}
    for finding in findings:
        grouped.setdefault(finding["path"], []).append(finding)
    return grouped


# ------------------------------------------------------------------ fixture pairs


def test_there_is_a_fixture_pair_for_every_rule_file() -> None:
    rules = {p.stem for p in (ROOT / "styles" / "CVMBoK").glob("*.yml")} - {"Leaks"}
    assert rules <= set(RULE_DIRS), f"rules without a fixture pair: {sorted(rules - set(RULE_DIRS))}"


@pytest.mark.parametrize("folder", RULE_DIRS)
def test_bad_fixture_raises_exactly_the_expected_alerts(folder: str, fixture_findings: dict[str, list[dict]]) -> None:
    path = f"tests/fixtures/vale/{folder}/bad.md"
    expected = Counter(
        (int(line.split()[0]), line.split()[1])
        for line in (FIXTURES / folder / "expected.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    rule = rule_name(folder)
    got = Counter((f["line"], f["rule"]) for f in fixture_findings.get(path, []) if f["rule"] == rule)
    assert got == expected
    for finding in fixture_findings.get(path, []):
        assert finding["message"], finding
        assert finding["fix"], f"{finding['rule']} finding without a fix: {finding}"


@pytest.mark.parametrize("folder", RULE_DIRS)
def test_good_fixture_raises_nothing(folder: str, fixture_findings: dict[str, list[dict]]) -> None:
    assert fixture_findings.get(f"tests/fixtures/vale/{folder}/good.md", []) == []


def test_severities_follow_the_registry_levels(fixture_findings: dict[str, list[dict]]) -> None:
    levels = {
        f["rule"]: f["severity"] for findings in fixture_findings.values() for f in findings
    }
    assert levels["CVMBoK.Terms"] == "error"
    assert levels["CVMBoK.TermsWarning"] == "warning"
    assert levels["CVMBoK.TermsSuggestion"] == "suggestion"
    assert levels["CVMBoK.Abbreviations"] == "warning"


def test_terms_message_names_both_forms_and_the_fix(fixture_findings: dict[str, list[dict]]) -> None:
    findings = fixture_findings["tests/fixtures/vale/Terms/bad.md"]
    cltv = next(f for f in findings if f["match"] == "CLTV")
    assert "CLV" in cltv["message"] and "CLTV" in cltv["message"]
    assert cltv["fix"] == "write 'CLV'"
    assert (cltv["line"], cltv["column"]) == (3, 17)  # "The team tracks CLTV ..."


# ------------------------------------------------------------------ MyST fences


def test_term_inside_backtick_admonition_is_reported_on_its_line_but_not_in_code() -> None:
    _, findings = check_json("tests/fixtures/vale/myst/fences.md")
    lines = sorted((f["line"], f["column"], f["match"]) for f in findings if f["rule"] == "CVMBoK.Terms")
    text = (FIXTURES / "myst" / "fences.md").read_text().splitlines()
    # note body (line 9), nested admonition (line 15), colon fence (line 27); never the code blocks
    assert lines == [(9, 3, "touch point"), (15, 23, "CLTV"), (27, 3, "touch point")]
    for line, column, match in lines:
        assert text[line - 1][column - 1 : column - 1 + len(match)] == match


def test_bare_vale_misses_the_backtick_admonition_so_the_rewrite_is_needed() -> None:
    """Documents why the rewrite exists: plain Vale skips the ```{note} body."""
    result = subprocess.run(
        [str(find_vale()), "--no-global", "--no-exit", "--config", str(ROOT / ".vale.ini"), "--output", "JSON",
         "tests/fixtures/vale/myst/fences.md"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    lines = {a["Line"] for alerts in json.loads(result.stdout).values() for a in alerts if a["Check"] == "CVMBoK.Terms"}
    assert 9 not in lines and 27 in lines


def test_myst_rewrite_keeps_every_line_and_leaves_code_alone() -> None:
    text = (FIXTURES / "myst" / "fences.md").read_text()
    rewritten = myst_for_vale(text)
    before, after = text.split("\n"), rewritten.split("\n")
    assert len(before) == len(after)
    assert after[7] == ":::{note}" and after[9] == ":::"
    assert after[11] == "::::{admonition} Worked example" and after[12] == ""  # option line blanked
    for index, line in enumerate(before):
        if "touch point" in line or "CLTV" in line:
            assert after[index] == line  # prose and code lines are untouched


def test_myst_comments_are_not_prose() -> None:
    text = "# Page\n\n% CVMBoK contribution cvm-x1 begin\nText.\n\n```text\n% kept in code\n```\n"
    assert myst_for_vale(text).split("\n") == ["# Page", "", "", "Text.", "", "```text", "% kept in code", "```", ""]


def test_myst_rewrite_keeps_code_directives_as_code() -> None:
    text = "```{code-block} python\nx = 'touch point'\n```\n\n```{toctree}\nchapter\n```\n"
    assert myst_for_vale(text) == text


# ------------------------------------------------------------------ generators


def test_registry_has_at_least_100_terms_each_defined() -> None:
    registry = load_registry(ROOT / REGISTRY)
    assert len(registry.terms) >= 100
    for term in registry.terms:
        assert term.definition and term.pos and term.case in ("lower", "proper")
    by_abbr = {t.abbr: t for t in registry.terms if t.abbr}
    assert by_abbr["CLV"].term == "customer lifetime value"
    clv = by_abbr["CLV"]
    assert {"CLTV", "LCV"} <= {v.text for v in clv.variants if v.level == "error"}
    assert "LTV" in {v.text for v in clv.variants if v.level == "warning"}


def test_generated_files_are_up_to_date() -> None:
    result = run_cvmbok("terms", "check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_terms_list_prints_every_term() -> None:
    result = run_cvmbok("terms", "list")
    assert result.returncode == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) == len(load_registry(ROOT / REGISTRY).terms)
    assert ["customer lifetime value", "CLV"] == rows[[r[0] for r in rows].index("customer lifetime value")][:2]


def test_a_stale_generated_file_fails_the_check(scratch_repo: Path) -> None:
    rule = scratch_repo / "styles" / "CVMBoK" / "Terms.yml"
    rule.write_text(rule.read_text().replace("CLTV: CLV", "CLTVX: CLV"))
    result = run_cvmbok("terms", "check", cwd=scratch_repo)
    assert result.returncode == 1
    assert "styles/CVMBoK/Terms.yml is stale: run `cvmbok terms generate` and commit it" in result.stderr
    assert run_cvmbok("terms", "generate", cwd=scratch_repo).returncode == 0
    assert run_cvmbok("terms", "check", cwd=scratch_repo).returncode == 0


NEW_TERM = {
    "term": "zonal value index",
    "abbr": "ZVI",
    "pos": "noun",
    "case": "lower",
    "replace": ["zonal-value index"],
    "warn": ["ZV index"],
    "definition": "A made-up measure used only by the test suite to prove the generators.",
}


def test_a_new_term_reaches_the_rules_the_vocabulary_and_the_built_glossary(scratch_repo: Path, tmp_path: Path) -> None:
    registry = scratch_repo / REGISTRY
    data = yaml.safe_load(registry.read_text())
    data["terms"].append(NEW_TERM)
    data["exact_case"].append("Zonalix")
    registry.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert run_cvmbok("terms", "check", cwd=scratch_repo).returncode == 1
    assert run_cvmbok("terms", "generate", cwd=scratch_repo).returncode == 0

    styles = scratch_repo / "styles"
    assert yaml.safe_load((styles / "CVMBoK" / "Terms.yml").read_text())["swap"]["(?i:zonal-value index)"] == "zonal value index"
    assert yaml.safe_load((styles / "CVMBoK" / "TermsWarning.yml").read_text())["swap"]["ZV index"] == "zonal value index"
    abbreviations = yaml.safe_load((styles / "CVMBoK" / "Abbreviations.yml").read_text())
    assert "ZVI" in abbreviations["first"] and r"(?i:zonal\s+value\s+indexs?)\s+\((ZVI)s?\)" in abbreviations["second"]
    assert "ZVI" in yaml.safe_load((styles / "CVMBoK" / "Headings.yml").read_text())["exceptions"]
    assert "Zonalix" in (styles / "config" / "vocabularies" / "CVMBoK" / "accept.txt").read_text().split("\n")
    assert "Zonalix" in (styles / "config" / "vocabularies" / "CVMBoK" / "spelling.txt").read_text().split("\n")

    # the generated rule fires through the real check in the scratch clone
    page = scratch_repo / "contrib" / "zvi-test.md"
    page.parent.mkdir(exist_ok=True)
    page.write_text("# Test\n\nThe ZVI rose. Our zonal-value index is new. Zonalix is fine.\n")
    code, findings = check_json(page, cwd=scratch_repo)
    assert code == 1
    got = {(f["rule"], f["match"]) for f in findings}
    assert ("CVMBoK.Terms", "zonal-value index") in got
    assert ("CVMBoK.Abbreviations", "ZVI") in got
    assert not any(f["rule"] == "CVMBoK.Spelling" for f in findings)

    # the glossary of a real Sphinx build carries the new term, and {term} links to it
    project = tmp_path / "sphinx"
    project.mkdir()
    (project / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'tools')!r})\n"
        "extensions = ['myst_parser', 'cvmbok.sphinx_glossary']\n"
        f"cvmbok_terms_file = {str(registry)!r}\n"
        "root_doc = 'index'\n"
    )
    (project / "index.md").write_text(
        "# Test book\n\nSee {term}`ZVI` and {term}`zonal value index`.\n\n```{toctree}\nglossary\n```\n"
    )
    (project / "glossary.md").write_text("# Glossary\n\n```{cvmbok-glossary}\n```\n")
    out = tmp_path / "html"
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(project), str(out)],
        capture_output=True, text=True,
    )
    assert build.returncode == 0, build.stderr
    glossary = (out / "glossary.html").read_text()
    assert 'id="term-zonal-value-index"' in glossary and 'id="term-ZVI"' in glossary
    assert "A made-up measure used only by the test suite" in glossary
    assert "zonal-value index" in glossary  # the avoided form is listed
    index = (out / "index.html").read_text()
    assert index.count('href="glossary.html#term-') >= 2


def test_every_discouraged_variant_is_reported(tmp_path: Path) -> None:
    """No vocabulary entry may silence a substitution (Vale drops alerts containing accepted words)."""
    registry = load_registry(ROOT / REGISTRY)
    rule = {"error": "CVMBoK.Terms", "warning": "CVMBoK.TermsWarning", "suggestion": "CVMBoK.TermsSuggestion"}
    cases = [(v.text, rule[v.level]) for t in registry.terms for v in t.variants]
    page = tmp_path / "variants.md"
    page.write_text("# Variants\n\n" + "".join(f"We saw {text} here.\n\n" for text, _ in cases))
    _, findings = check_json(page)
    by_line: dict[int, set[str]] = {}
    for finding in findings:
        by_line.setdefault(finding["line"], set()).add(finding["rule"])
    missing = [(text, name) for index, (text, name) in enumerate(cases) if name not in by_line.get(3 + 2 * index, set())]
    assert missing == []


def test_a_broken_registry_is_a_usage_error_naming_the_entry(scratch_repo: Path) -> None:
    registry = scratch_repo / REGISTRY
    data = yaml.safe_load(registry.read_text())
    del data["terms"][3]["definition"]
    registry.write_text(yaml.safe_dump(data, sort_keys=False))
    result = run_cvmbok("terms", "generate", cwd=scratch_repo)
    assert result.returncode == 2
    assert "term #4" in result.stderr and "'definition' is required" in result.stderr
    assert "Traceback" not in result.stderr


def test_duplicate_terms_are_rejected() -> None:
    with pytest.raises(UsageError, match="already defined"):
        parse_registry({"terms": [
            {"term": "churn", "definition": "a"},
            {"term": "Churn", "definition": "b"},
        ]})


# ------------------------------------------------------------------ the binary


def test_missing_vale_says_how_to_install_it(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Page\n\nText.\n")
    result = run_cvmbok("check", "--only", "terms", str(page), env={"CVMBOK_VALE": str(tmp_path / "no-vale")})
    assert result.returncode == 2
    assert "make test" in result.stderr and "3.26.0" in result.stderr and "PATH" in result.stderr


def test_vale_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = find_vale()
    assert find_vale({"CVMBOK_VALE": str(real)}) == real
    with pytest.raises(ToolMissingError, match="CVMBOK_VALE"):
        find_vale({"CVMBOK_VALE": str(tmp_path / "missing")})
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))  # no vale beside this "python"
    assert find_vale({"PATH": str(real.parent)}) == real
    with pytest.raises(ToolMissingError, match="make test"):
        find_vale({"PATH": str(tmp_path)})


def test_vale_alone_works_in_the_repository() -> None:
    """`vale .` (editor integrations) uses .vale.ini, needs no `vale sync`, and skips tool folders."""
    result = subprocess.run(
        [str(find_vale()), "--no-global", "--output", "JSON", "."], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode in (0, 1), result.stderr
    paths = json.loads(result.stdout)
    assert any(p.startswith("source/") for p in paths) or paths == {}
    assert not any(re.match(r"^\.?/?(\.venv|build|node_modules)/", p) for p in paths)
    assert any(p.startswith("tests/fixtures/vale/Terms/bad.md") for p in paths)


# ------------------------------------------------------------------ the book


def test_the_book_has_no_error_level_terminology_finding() -> None:
    _, findings = check_json("source")
    errors = [f"{f['path']}:{f['line']}:{f['column']} {f['rule']} {f['message']}" for f in findings if f["severity"] == "error"]
    assert errors == []


def test_the_glossary_is_in_all_three_editions(built_editions: Path) -> None:
    html = (built_editions / "html" / "glossary.html").read_text()
    assert 'id="term-customer-lifetime-value"' in html and 'id="term-CLV"' in html
    epub = next(built_editions.rglob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        glossary = next(n for n in archive.namelist() if n.endswith("glossary.xhtml"))
        assert "customer lifetime value" in archive.read(glossary).decode()
    pdf = next(built_editions.rglob("*.pdf"))
    from pypdf import PdfReader

    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages[-40:])
    assert "customer lifetime value" in text.lower()


# ------------------------------------------------------------------ rewrite properties

_LINES = st.sampled_from([
    "```{note}", "````{admonition} Title", "```python", "```", "````", "~~~{tip}", "~~~",
    ":class: tip", "% a comment", "A touch point in prose.", "", "  ```{warning}", "x = 1",
])
# '---' is left out of the generated lines: right after a directive fence, a closed
# '---' block is YAML options (markup) and is blanked whatever it holds; the example
# tests below pin that behaviour down.


def test_a_closed_yaml_option_block_is_markup_and_an_unclosed_one_is_prose() -> None:
    closed = "```{note}\n---\nclass: tip\n---\nProse here.\n```"
    assert myst_for_vale(closed).split("\n") == [":::{note}", "", "", "", "Prose here.", ":::"]
    unclosed = "```{note}\n---\nProse here.\n```"
    assert myst_for_vale(unclosed).split("\n")[2] == "Prose here."


@given(st.lists(_LINES, max_size=30))
@settings(max_examples=300, deadline=None)
def test_rewrite_is_line_preserving_and_only_touches_markup(lines: list[str]) -> None:
    text = "\n".join(lines)
    after = myst_for_vale(text).split("\n")
    assert len(after) == len(text.split("\n"))
    for old, new in zip(text.split("\n"), after):
        if new != old:
            stripped = old.strip()
            # only fence lines (same width, colons), option lines and comments ever change
            assert stripped.startswith(("```", "~~~", ":", "---", "%")), (old, new)
            if stripped.startswith(("```", "~~~")):
                assert len(new) == len(old) and new.strip().startswith(":")
            else:
                assert new == ""
    # prose lines keep every character, so columns map one to one
    for old, new in zip(text.split("\n"), after):
        if old == "A touch point in prose.":
            assert new == old


def test_front_matter_data_is_not_prose_but_the_title_is(tmp_path: Path) -> None:
    page = tmp_path / "insight.md"
    page.write_text(
        "---\nid: cvm-abc123\ntitle: 'Raise the LTV of new customers'\nkind: KPI definition\n---\n\n"
        "A key performance indicator (KPI) is named here.\n",
        encoding="utf-8",
    )
    result = run_cvmbok("check", "--only", "terms", "--format", "json", str(page))
    findings = json.loads(result.stdout)
    assert [(f["line"], f["match"]) for f in findings if f["rule"].startswith("CVMBoK.Terms")] == [(3, "LTV")]
    assert not [f for f in findings if f["line"] == 4], "front matter data was linted as prose"
