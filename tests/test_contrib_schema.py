"""Front matter schema through `cvmbok check`: every error names the field, its line and column, and the allowed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from cvmbok.policy import schema

from .contrib_helpers import FIXTURES, check_json, cli, copy_repo

CLEAN = (FIXTURES / "clean.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_repo(tmp_path_factory.mktemp("schema") / "repo")


_counter = iter(range(10_000))


def write(repo: Path, text: str, cid: str = "cvm-test01") -> Path:
    path = repo / "contrib" / f"{cid}-case{next(_counter)}.md"
    path.write_text(text, encoding="utf-8")
    return path


def findings_for(repo: Path, text: str, cid: str = "cvm-test01") -> list[dict]:
    path = write(repo, text, cid)
    try:
        code, found = check_json(repo, path, "frontmatter")
    finally:
        path.unlink()
    assert code == (1 if any(f["severity"] == "error" for f in found) else 0)
    return found


def test_clean_contribution_has_no_findings(repo: Path) -> None:
    assert findings_for(repo, CLEAN) == []


def one(found: list[dict], rule: str) -> dict:
    matching = [f for f in found if f["rule"] == rule]
    assert len(matching) == 1, found
    return matching[0]


STATUS_BLOCK = "status: submitted\nconsent:\n  publish: yes\n  acknowledge: no\nhistory:\n  - date: 2026-11-01\n    outcome: submitted\n"


def with_status(status: str, *outcomes: str) -> str:
    """CLEAN's status block with `status` and further history entries, as the tools would write them."""
    entries = "".join(f"  - date: 2026-11-02\n    outcome: {outcome}\n" for outcome in outcomes)
    return STATUS_BLOCK.replace("status: submitted", f"status: {status}") + entries


# (replace this, with that, expected rule, line, column, fragments the message must contain)
CASES = [
    ("kind: practice", "kind: story", "schema.invalid-value", 5, 7, ["'kind'", "'story'", *schema.KINDS]),
    ("industry: telecoms", "industry: telecom operators", "schema.invalid-value", 6, 11, ["'industry'", "telecoms", "banking"]),
    ("region: Europe", "region: Germany", "schema.invalid-value", 7, 9, ["'region'", "never a country or city", *schema.REGIONS]),
    ("region: Europe", "region: Berlin", "schema.invalid-value", 7, 9, ["'Berlin'", "Middle East and Africa"]),
    ("status: submitted", "status: done", "schema.invalid-value", 8, 9, ["'status'", *schema.STATUSES]),
    ("  publish: yes", "  publish: maybe", "schema.invalid-value", 10, 12, ["'consent.publish'", "yes, no"]),
    ("  acknowledge: no\n", "", "schema.missing-field", 9, 1, ["'consent.acknowledge'"]),
    ("  acknowledge: no\n", "  acknowledge: no\n  name: Jane Example\n", "schema.unknown-field", 12, 3,
     ["'consent.name'", "publish, acknowledge"]),
    ("  - date: 2026-11-01", "  - date: first of November", "schema.invalid-value", 13, 11, ["'history[0].date'", "YYYY-MM-DD"]),
    ("    outcome: submitted", "    outcome: approved", "schema.invalid-value", 14, 14, ["'history[0].outcome'", "accepted"]),
    ("    outcome: submitted", "    outcome: submitted\n    reviewer: Jane Example", "schema.invalid-value", 15, 15,
     ["'history[0].reviewer'", "editor code", "never a name"]),
    ("id: cvm-test01", "id: 7", "schema.invalid-value", 2, 5, ["'id'", "cvm-"]),
    ("title: Measure retention against a holdout group", "title: Hi", "schema.invalid-value", 3, 8, ["'title'", "5 to 120"]),
    ("section: work-of-cvm/churn-prevention", "section: churn", "schema.unknown-section", 4, 10,
     ["'churn'", "did you mean work-of-cvm/churn-prevention", "preface", "strategy"]),
    ("kind: practice\n", "", "schema.missing-field", 1, 1, ["'kind'", "insight, practice"]),
    ("region: Europe", "region: Europe\nauthor: Jane Example", "schema.unknown-field", 8, 1,
     ["'author'", ", ".join(schema.FIELDS)]),
    ("consent:\n  publish: yes\n  acknowledge: no\n", "consent: yes\n", "schema.wrong-type", 9, 10, ["'consent'", "mapping"]),
    ("history:\n  - date: 2026-11-01\n    outcome: submitted\n", "history: yesterday\n", "schema.wrong-type", 12, 10, ["'history'", "list"]),
    (STATUS_BLOCK, with_status("merged", "accepted", "merged"), "schema.inconsistent", 8, 9, ["'merged' record"]),
    (STATUS_BLOCK, with_status("accepted", "accepted"), None, 0, 0, []),
    ("status: submitted", "status: accepted", "schema.inconsistent", 8, 9, ["'accepted'", "last history entry is 'submitted'"]),
    (STATUS_BLOCK, with_status("merged", "merged"), "schema.history", 16, 14, ["'submitted' to 'merged'", "accepted"]),
]


@pytest.mark.parametrize("old,new,rule,line,column,fragments", CASES, ids=[c[1].strip()[:30] or c[0].strip()[:30] for c in CASES])
def test_schema_error_names_field_position_and_allowed_values(repo: Path, old: str, new: str, rule: str | None,
                                                               line: int, column: int, fragments: list[str]) -> None:
    assert old in CLEAN
    found = findings_for(repo, CLEAN.replace(old, new, 1))
    if rule is None:
        assert found == []
        return
    finding = one(found, rule)
    assert (finding["line"], finding["column"]) == (line, column), finding
    for fragment in fragments:
        assert fragment in finding["message"], (fragment, finding["message"])
    assert finding["fix"], "every finding says how to fix it"


def test_accepted_without_consent_to_publish_is_inconsistent(repo: Path) -> None:
    text = CLEAN.replace(STATUS_BLOCK, with_status("accepted", "accepted")).replace("publish: yes", "publish: no")
    finding = one(findings_for(repo, text), "schema.inconsistent")
    assert "consent.publish is no" in finding["message"] and finding["line"] == 10


def test_file_name_must_start_with_the_id(repo: Path) -> None:
    finding = one(findings_for(repo, CLEAN, cid="cvm-other1"), "schema.id-filename")
    assert finding["line"] == 2 and "cvm-test01" in finding["message"]


def test_duplicate_ids_are_reported_in_both_files(repo: Path) -> None:
    first, second = write(repo, CLEAN), write(repo, CLEAN)
    try:
        code, found = check_json(repo, repo / "contrib", "frontmatter")
    finally:
        first.unlink()
        second.unlink()
    dupes = [f for f in found if f["rule"] == "schema.duplicate-id"]
    assert code == 1 and {f["path"] for f in dupes} == {f"contrib/{first.name}", f"contrib/{second.name}"}
    assert all(f["line"] == 2 for f in dupes)


@pytest.mark.parametrize("text,rule,line,column,fragment", [
    ("Just text, no front matter.\n", "schema.missing-front-matter", 1, 1, "no front matter"),
    ("---\nid: cvm-test01\ntitle: Unclosed\n\nBody.\n", "schema.missing-front-matter", 1, 1, "not closed"),
    ("---\nid: cvm-test01\ntitle: [unclosed\n---\nBody.\n", "schema.yaml", 3, 17, "not valid YAML"),
    ("---\nid: cvm-test01\nkind: a: b\n---\n", "schema.yaml", 3, 8, "not valid YAML"),
    ("---\n- a list\n- not a mapping\n---\n", "schema.yaml", 2, 1, "mapping"),
    ("---\nid: cvm-test01\nsection: preface\nhistory:\n  - date: 2026-13-01\n---\n", "schema.yaml", 2, 1, "impossible value"),
])
def test_malformed_front_matter_is_a_precise_finding(repo: Path, text: str, rule: str, line: int, column: int, fragment: str) -> None:
    path = write(repo, text)
    try:
        code, found = check_json(repo, path, "frontmatter")
    finally:
        path.unlink()
    finding = one(found, rule)
    assert code == 1 and (finding["line"], finding["column"]) == (line, column) and fragment in finding["message"], finding


def test_non_utf8_and_huge_files_are_findings_not_tracebacks(repo: Path) -> None:
    bad = repo / "contrib" / "cvm-test01-latin1.md"
    bad.write_bytes(CLEAN.encode("utf-8").replace(b"holdout group", b"holdout gr\xf6up"))
    huge = repo / "contrib" / "cvm-test01-huge.md"
    huge.write_text(CLEAN + ("x" * 100 + "\n") * 11_000, encoding="utf-8")
    try:
        code, found = check_json(repo, repo / "contrib", "frontmatter")
        text_code, out, err = cli(repo, "check", "--only", "frontmatter", str(bad))
    finally:
        bad.unlink()
        huge.unlink()
    encoding = one(found, "file.encoding")
    assert code == 1 and encoding["path"] == "contrib/cvm-test01-latin1.md" and encoding["line"] == 3
    assert "UTF-8" in encoding["message"] and one(found, "file.too-large")["line"] == 1
    assert text_code == 1 and "Traceback" not in err and "contrib/cvm-test01-latin1.md:3:" in out


def test_every_sample_contribution_passes_the_schema(repo: Path) -> None:
    code, found = check_json(repo, repo / "contrib", "frontmatter", "markup")
    assert code == 0 and found == []


def test_readme_and_template_list_every_allowed_value() -> None:
    """The README's table and the template's comments are checked against the schema, so they cannot go stale."""
    from .conftest import ROOT

    readme = (ROOT / "contrib" / "README.md").read_text(encoding="utf-8")
    for value in (*schema.KINDS, *schema.INDUSTRIES, *schema.REGIONS, *schema.STATUSES):
        assert value in readme, f"contrib/README.md does not mention {value!r}"
    template = (ROOT / "contrib" / "TEMPLATE.md").read_text(encoding="utf-8")
    for placeholder in ("$kinds", "$industries", "$regions", "$id", "$title", "$section"):
        assert placeholder in template
