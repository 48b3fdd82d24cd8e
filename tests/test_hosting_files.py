"""The hosting files (GitHub workflows and forms, Read the Docs, CONTRIBUTING.md) say only true things.

Every YAML file parses, every `make X` they run is a Makefile target, every `cvmbok ...`
line they run parses with the real command line, and the forms keep the anonymity
warnings. A renamed command or target fails here instead of in CI.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from cvmbok.cli import build_parser, command_modules
from cvmbok.sections import load_sections

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
YAML_FILES = [*WORKFLOWS, *sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")), ROOT / ".readthedocs.yaml"]
COMMANDS = {module.NAME for module in command_modules()}
SHELL_STOP = {"&&", "||", "|", ";", ">", ">>", "2>&1", "2>/dev/null", "then", "do", "fi"}


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def makefile_targets() -> set[str]:
    targets: set[str] = set()
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_. -]+?)\s*:(?![=:])", line)
        if match and not line.startswith((".", "\t")):
            targets.update(match.group(1).split())
    return targets


def run_scripts(node: Any) -> list[str]:
    """Every `run:` script in a workflow, and every command list in .readthedocs.yaml."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "run" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(run_scripts(value))
    elif isinstance(node, list):
        for item in node:
            found.extend([item] if isinstance(item, str) and re.search(r"\b(cvmbok|make)\b", item) else run_scripts(item))
    return found


def invocations(script: str, program: str) -> list[list[str]]:
    """The argument lists `program` is called with in a shell script (variables become placeholders)."""
    calls = []
    for line in script.replace("\\\n", " ").splitlines():
        line = line.split(" #", 1)[0]
        try:
            words = shlex.split(line)
        except ValueError:
            continue
        for index, word in enumerate(words):
            at_command_position = all(re.match(r"^[A-Z_]+=", w) for w in words[:index]) or words[index - 1] in SHELL_STOP
            if at_command_position and (word == program or word.endswith(f"/{program}")):
                args = []
                for arg in words[index + 1:]:
                    if arg in SHELL_STOP:
                        break
                    args.append("PLACEHOLDER" if "$" in arg else arg)
                calls.append(args)
    return calls


def scripts_of_every_file() -> list[tuple[str, str]]:
    scripts = [(p.relative_to(ROOT).as_posix(), s) for p in WORKFLOWS + [ROOT / ".readthedocs.yaml"] for s in run_scripts(load(p))]
    for doc in (ROOT / "CONTRIBUTING.md", ROOT / ".github" / "pull_request_template.md"):
        for block in re.findall(r"```sh\n(.*?)```", doc.read_text(encoding="utf-8"), re.DOTALL):
            scripts.append((doc.relative_to(ROOT).as_posix(), block))
    return scripts


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_yaml_parses(path: Path) -> None:
    assert isinstance(load(path), dict), f"{path} is not a YAML mapping"


def test_there_are_workflows_for_pull_requests_and_tags() -> None:
    triggers = {p.name: load(p).get(True, load(p).get("on")) for p in WORKFLOWS}  # PyYAML reads `on:` as True
    assert any("pull_request" in t for t in triggers.values()), triggers
    assert any("tags" in (t.get("push") or {}) for t in triggers.values() if isinstance(t, dict)), triggers


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_jobs_are_complete(workflow: Path) -> None:
    data = load(workflow)
    assert data.get("name") and data.get("permissions"), f"{workflow.name}: give it a name and least-privilege permissions"
    for job_id, job in data["jobs"].items():
        assert "runs-on" in job and job.get("steps"), f"{workflow.name}: job {job_id} needs runs-on and steps"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{workflow.name}: job {job_id} step {step} needs exactly one of uses/run"


def test_every_make_target_they_run_exists() -> None:
    targets = makefile_targets()
    assert {"test", "editions", "bootstrap"} <= targets
    for where, script in scripts_of_every_file():
        for args in invocations(script, "make"):
            names = [a for a in args if not a.startswith("-") and "=" not in a]
            missing = [n for n in names if n not in targets]
            assert not missing, f"{where} runs `make {' '.join(args)}`, but the Makefile has no target {missing}"


def test_every_cvmbok_command_they_run_parses() -> None:
    parser = build_parser()
    seen = set()
    for where, script in scripts_of_every_file():
        for args in invocations(script, "cvmbok"):
            assert args and args[0] in COMMANDS, f"{where} runs `cvmbok {' '.join(args)}`: no such command ({sorted(COMMANDS)})"
            try:
                parser.parse_args(args)
            except SystemExit as exc:
                pytest.fail(f"{where} runs `cvmbok {' '.join(args)}`, which the command line rejects (exit {exc.code})")
            seen.add(args[0])
    assert {"check", "build", "release", "reader-checks"} <= seen


def test_commands_named_in_prose_exist() -> None:
    for doc in (ROOT / "CONTRIBUTING.md", ROOT / ".github" / "pull_request_template.md", ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-a-topic.yml"):
        text = doc.read_text(encoding="utf-8")
        for name in re.findall(r"`cvmbok ([a-z-]+)", text):
            assert name in COMMANDS, f"{doc.name} mentions `cvmbok {name}`, which does not exist"
        for name in re.findall(r"`make ([a-z-]+)`", text):
            assert name in makefile_targets(), f"{doc.name} mentions `make {name}`, which the Makefile lacks"


def test_pull_requests_are_checked_with_annotations_built_and_uploaded() -> None:
    text = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert "cvmbok check --format github" in text
    assert "make editions" in text and "actions/upload-artifact" in text
    assert "reader-checks" in text


def test_private_names_use_the_secret_and_forks_get_a_notice() -> None:
    for workflow in WORKFLOWS:
        text = workflow.read_text(encoding="utf-8")
        if "cvmbok check" in text or "cvmbok release" in text:
            assert "secrets.CVMBOK_NAMES_KEY" in text, f"{workflow.name} runs checks without the names key"
            assert re.search(r'if \[ -z "\$CVMBOK_NAMES_KEY" \]; then\s+echo "::notice', text), \
                f"{workflow.name} must say with a notice when private names could not be checked"


def test_release_workflow_attaches_the_release_files() -> None:
    data = load(ROOT / ".github" / "workflows" / "release.yml")
    assert data["permissions"] == {"contents": "write"}
    steps = data["jobs"]["release"]["steps"]
    attach = next(s for s in steps if str(s.get("uses", "")).startswith("softprops/action-gh-release"))
    for name in ("cvmbok-*.pdf", "cvmbok-*.epub", "cvmbok-*-html.tar.gz", "SHA256SUMS"):
        assert name in attach["with"]["files"]
    assert any("--rebuild" in str(s.get("run", "")) for s in steps)


def test_read_the_docs_builds_html_with_pdf_and_epub_from_our_conf() -> None:
    data = load(ROOT / ".readthedocs.yaml")
    assert data["version"] == 2
    assert data["formats"] == ["pdf", "epub"]
    assert (ROOT / data["sphinx"]["configuration"]).resolve() == (ROOT / "conf.py").resolve()
    builds = data["build"]["jobs"]["build"]
    assert set(builds) == {"html", "pdf", "epub"}
    for fmt, commands in builds.items():
        assert any(f"$READTHEDOCS_OUTPUT/{fmt}/" in c for c in commands), f"the {fmt} job must write $READTHEDOCS_OUTPUT/{fmt}/"


def test_topic_form_warns_and_lists_the_sections() -> None:
    form = load(ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-a-topic.yml")
    warning = form["body"][0]
    assert warning["type"] == "markdown"
    assert "Never paste unreviewed text" in warning["attributes"]["value"]
    section = next(item for item in form["body"] if item.get("id") == "section")
    expected = [f"{s.id} ({s.title})" for s in load_sections(ROOT / "source")] + ["not sure"]
    assert section["attributes"]["options"] == expected, (
        "the form's section list is stale; copy the ids and titles from `cvmbok sections`"
    )
    assert any(item["type"] == "checkboxes" and all(o.get("required") for o in item["attributes"]["options"])
               for item in form["body"])


def test_pull_request_template_has_the_anonymity_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "## Anonymity checklist" in text
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) >= 6
    for topic in ("company", "person", "Figures", "Commit messages", "cvmbok check"):
        assert any(topic in box for box in boxes), f"the checklist has no item about {topic!r}"


def test_contributing_guide_warns_against_public_drafts() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "Never paste unreviewed text" in text and "CVMBOK_NAMES_KEY" in text and "contrib/README.md" in text
    assert (ROOT / "contrib" / "README.md").is_file()


def test_browser_packages_are_locked_and_download_no_browser() -> None:
    browser = ROOT / "tools" / "browser"
    package = json.loads((browser / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((browser / "package-lock.json").read_text(encoding="utf-8"))
    assert set(package["dependencies"]) == {"axe-core", "playwright-core"}, "only playwright-core: `playwright` downloads its own browser"
    assert lock["lockfileVersion"] >= 2
    for name, version in package["dependencies"].items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, f"package-lock.json is stale for {name}"
    assert "tools/browser/node_modules/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_bootstrap_installs_the_browser_packages() -> None:
    script = (ROOT / "tools" / "bootstrap.sh").read_text(encoding="utf-8")
    assert "chromium" in script
    assert re.search(r"npm ci", script) and "step_node" in script
    assert re.search(r"all\)[^\n]*step_node", script), "`bootstrap.sh all` must include the node step"
