"""The intake in Debian's Chromium (playwright-core from tools/browser), with and without JavaScript.

One script (tests/fixtures/intake/flow.mjs) plays both people: the contributor
submits an insight with a leaked company name, sees the finding beside its line,
fixes it and submits; the editor signs in and requests changes; the contributor
comes back with the receipt code, reads the note and revises; the editor accepts, and the
file is in `contrib/` of the server's clone with the neutral author and a midnight
UTC date. In the JavaScript run axe-core audits every page on the way (0 serious or
critical allowed); the run without JavaScript walks the same pages with forms alone.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from cvmbok.reader_checks import BROWSER_DIR, CHROMIUM, require_browser_tools
from tests.conftest import ROOT
from tests.test_intake_support import EDITOR, PASSWORD, SECTION, git_log, start_server

pytestmark = [pytest.mark.intake, pytest.mark.browser]

FLOW = ROOT / "tests" / "fixtures" / "intake" / "flow.mjs"
NOTE = "Please say how large the customer base was, as a range."


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_contributor_and_editor_in_chromium(tmp_path: Path, javascript: bool) -> None:
    node = require_browser_tools()
    server = start_server(tmp_path)
    try:
        job = tmp_path / "job.json"
        job.write_text(json.dumps({
            "base": server.url, "chromium": CHROMIUM, "browser_dir": str(BROWSER_DIR), "javascript": javascript,
            "editor": EDITOR, "password": PASSWORD, "section": SECTION, "leak": "Vodafone", "note": NOTE,
        }), encoding="utf-8")
        done = subprocess.run([node, str(FLOW), str(job)], capture_output=True, text=True, timeout=420)
    finally:
        server.stop()
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-2000:]
    result = json.loads(done.stdout)
    steps = result["steps"]
    assert "leak.company" in steps["finding_row"] and "Vodafone" in steps["finding_row"]
    assert "a telecom operator" in steps["finding_row"]
    if javascript:
        assert "leak.company" in steps["live"]
    assert len(steps["receipt"].split()) == 10
    assert steps["anonymous_editor_url"].endswith("/editor/sign-in?next=/editor/")
    assert steps["after_request"] == "changes-requested"
    assert NOTE in steps["notes"]
    assert steps["cookies"] == ["csrftoken"]
    assert "Your revision was sent" in steps["revised"]
    assert steps["after_accept"] == "accepted"
    exported = server.repo / steps["exported"]
    assert exported.is_file() and steps["id"] in exported.name
    log = git_log(server.repo, "-1", "--format=%an <%ae>|%aI|%cn <%ce>|%cI|%s").strip().split("|")
    assert log[0] == log[2] == "CVMBoK editors <editors@cvmbok.invalid>"
    assert all(stamp.endswith(("T00:00:00Z", "T00:00:00+00:00")) for stamp in (log[1], log[3]))
    assert log[4] == steps["id"]
    assert result["requests_elsewhere"] == []
    names = {p["name"] for p in result["pages"]}
    if javascript:
        assert all(p.get("audited", True) for p in result["pages"])
    assert {"home", "submit", "submit-with-findings", "receipt", "sign-in", "queue", "submission", "come-back",
            "status", "revised", "accepted"} <= names
    serious = [(p["name"], v["id"], v["impact"], v["nodes"]) for p in result["pages"] for v in p["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
