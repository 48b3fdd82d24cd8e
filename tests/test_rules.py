"""The rule catalogue (`cvmbok.rules`) is complete, has no dead ids, and feeds the CLI and the docs."""

from __future__ import annotations

import json
import re

import yaml

from cvmbok.rules import PYTHON_RULES, catalogue, lookup

from .conftest import ROOT, run_cvmbok

PACKAGE = ROOT / "tools" / "cvmbok"
RULE_LITERAL = re.compile(r"""["'](?P<id>(?:file|schema|markup|image|leak|reader)\.[a-z0-9][a-z0-9.-]*)(?P<end>["{])""")


def rule_ids_in_code() -> dict[str, str]:
    """Every rule id written in the package's source, with the first file that writes it."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "rules.py":
            continue
        for match in RULE_LITERAL.finditer(path.read_text(encoding="utf-8")):
            rule_id = match.group("id")
            if match.group("end") == "{":  # f"reader.a11y.{name}": a family of ids
                rule_id = rule_id.rstrip(".") + ".*"
            found.setdefault(rule_id, path.relative_to(ROOT).as_posix())
    return found


def test_every_rule_the_code_reports_is_in_the_catalogue() -> None:
    missing = {rule_id: where for rule_id, where in rule_ids_in_code().items() if lookup(rule_id) is None}
    assert not missing, f"add these rule ids to tools/cvmbok/rules.py: {missing}"


def test_no_catalogued_rule_is_dead() -> None:
    used = set(rule_ids_in_code())
    dead = [r.id for r in PYTHON_RULES if r.id not in used]
    assert not dead, f"these catalogued rules are reported nowhere: {dead}"


def test_every_vale_rule_of_ours_says_how_to_fix_it() -> None:
    for path in sorted((ROOT / "styles" / "CVMBoK").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert str(data.get("description", "")).strip(), f"{path.name}: add a `description:` with the fix"


def test_list_rules_through_the_cli() -> None:
    result = run_cvmbok("check", "--list-rules", "json")
    assert result.returncode == 0, result.stderr
    rules = {r["id"]: r for r in json.loads(result.stdout)}
    assert rules["markup.raw-html"]["severity"] == "error"
    assert rules["CVMBoK.Terms"]["severity"] == "error" and rules["CVMBoK.Terms"]["fix"]
    assert rules["leak.person-name"]["severity"] == "warning"
    assert set(rules) == {r.id for r in catalogue(ROOT / "styles" / "CVMBoK")}


def test_the_contributors_rule_list_is_generated_and_fresh() -> None:
    result = run_cvmbok("check", "--list-rules", "markdown")
    assert result.returncode == 0, result.stderr
    committed = (ROOT / "contrib" / "RULES.md").read_text(encoding="utf-8")
    assert committed == result.stdout, "contrib/RULES.md is stale: run `cvmbok check --list-rules markdown > contrib/RULES.md`"


def test_a_vale_finding_carries_the_fix_from_the_rules_yaml(tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.md"
    page.write_text("# A page\n\nStudies show that this is very important.\n", encoding="utf-8")
    result = run_cvmbok("check", "--only", "terms", "--format", "json", str(page))
    findings = [f for f in json.loads(result.stdout) if f["rule"] == "CVMBoK.Weasel"]
    assert findings and findings[0]["fix"] == "cite the source or give the figure; otherwise delete the word"
