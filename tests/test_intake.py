"""The private intake on SQLite, started for real with `cvmbok serve` on 127.0.0.1.

One server per module; every test talks HTTP to it like a browser without
JavaScript (the Chromium tests are in test_intake_browser.py).
"""

from __future__ import annotations

import io
import re
import sqlite3
from pathlib import Path
from typing import Iterator

import pytest
from PIL import Image

from tests.test_intake_support import (
    EDITOR, Browser, Server, fields, git_log, id_of, receipt_of, run, start_server, submit,
)

pytestmark = pytest.mark.intake

LEAKY = ("Agree the value of a saved customer with finance before the campaign starts.\n\n"
         "## Situation\n\nAt Vodafone the retention team measured saves by the offer taken.\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    started = start_server(tmp_path_factory.mktemp("intake-sqlite"))
    yield started
    started.stop()


def test_leak_is_shown_beside_its_line_and_blocks_submit(server: Server) -> None:
    browser = Browser(server.url)
    checked = submit(browser, fields(body=LEAKY), action="check")
    assert checked.status == 200
    row = re.search(r'<tr id="line-5">(.*?)</tr>', checked.text, re.S)
    assert row, checked.text[-3000:]
    assert "leak.company" in row.group(1) and "Vodafone" in row.group(1) and "a telecom operator" in row.group(1)
    refused = submit(browser, fields(body=LEAKY))
    assert refused.status == 400
    assert "must be fixed before you submit" in refused.text
    assert "receipt-code" not in refused.text


def test_warnings_must_be_acknowledged(server: Server) -> None:
    body = fields()["body"] + "\nThe figures came from Pemberton Widgets Ltd.\n"
    refused = submit(Browser(server.url), fields(body=body), warnings_read=False)
    assert refused.status == 400 and "tick the box" in refused.text
    accepted = submit(Browser(server.url), fields(body=body), warnings_read=True)
    assert accepted.status == 200 and "receipt-code" in accepted.text


def _open(browser: Browser, code: str, **extra: str) -> object:
    page = browser.get("/receipt")
    return browser.post("/receipt", {"code": code, "action": "open", **extra}, token=page.token())


def test_contributor_and_editor_round_trip(server: Server) -> None:
    contributor = Browser(server.url)
    sent = submit(contributor, fields())
    assert sent.status == 200, sent.text[-2000:]
    code, sid = receipt_of(sent), id_of(sent)
    assert len(code.split()) == 10
    assert sent.cookies == [] or set(sent.cookies) <= {"csrftoken"}

    editor = Browser(server.url)
    assert editor.sign_in().status == 302
    queue = editor.get("/editor/")
    assert sid in queue.text
    page = editor.get(f"/editor/s/{sid}")
    note = "Please give the size of the customer base as a range."
    asked = editor.post(f"/editor/s/{sid}", {"action": "request_changes", "note": note}, token=page.token())
    assert asked.status == 302

    back = Browser(server.url)
    status = _open(back, code)
    assert status.status == 200  # type: ignore[attr-defined]
    assert note in status.text and "changes-requested" in status.text  # type: ignore[attr-defined]
    revised = fields(body=fields()["body"].replace("a few million", "between one and five million"))
    token = status.token()  # type: ignore[attr-defined]
    done = back.post("/receipt", {**revised, "code": code, "action": "revise", "warnings_read": "on"}, token=token)
    assert "Your revision was sent" in done.text, done.text[-2000:]

    queue = editor.get("/editor/")
    row = re.search(rf"{sid}</a></th>(.*?)</tr>", queue.text, re.S)
    assert row and row.group(1).strip().endswith("<td>yes</td>")
    page = editor.get(f"/editor/s/{sid}")
    assert "between one and five million" in page.text and 'class="removed"' in page.text
    accepted = editor.post(f"/editor/s/{sid}", {"action": "accept", "note": ""}, token=page.token())
    assert accepted.status == 302, accepted.text[-2000:]
    page = editor.get(f"/editor/s/{sid}")
    exported = re.search(r'<code id="exported">([^<]+)</code>', page.text)
    assert exported and exported.group(1).startswith(f"contrib/{sid}-")
    target = server.repo / exported.group(1)
    text = target.read_text(encoding="utf-8")
    assert "status: accepted" in text and "between one and five million" in text
    log = git_log(server.repo, "-1", "--format=%an <%ae>|%cn <%ce>|%aI|%cI|%s", "--", exported.group(1))
    author, committer, adate, cdate, subject = log.strip().split("|")
    assert author == committer == "CVMBoK editors <editors@cvmbok.invalid>"
    assert adate.endswith("T00:00:00Z") or adate.endswith("T00:00:00+00:00")
    assert cdate.endswith("T00:00:00Z") or cdate.endswith("T00:00:00+00:00")
    assert subject == sid
    guard = run("intake", "verify-contrib", "--base", "origin/HEAD", cwd=server.repo)
    assert guard.returncode == 0, guard.stdout + guard.stderr


def test_accept_refuses_while_contrib_has_uncommitted_changes(server: Server) -> None:
    sid = id_of(submit(Browser(server.url), fields(title="Accepted only into a clean contrib folder")))
    editor = Browser(server.url)
    editor.sign_in()
    stray = server.repo / "contrib" / "stray-notes.md"
    stray.write_text("not committed\n", encoding="utf-8")
    try:
        page = editor.get(f"/editor/s/{sid}")
        refused = editor.post(f"/editor/s/{sid}", {"action": "accept", "note": ""}, token=page.token())
        assert refused.status == 400 and "uncommitted changes" in refused.text
        assert not list((server.repo / "contrib").glob(f"{sid}-*.md"))
        assert '<strong id="state">submitted</strong>' in editor.get(f"/editor/s/{sid}").text
    finally:
        stray.unlink()


def test_note_naming_a_company_is_refused(server: Server) -> None:
    sid = id_of(submit(Browser(server.url), fields()))
    editor = Browser(server.url)
    editor.sign_in()
    page = editor.get(f"/editor/s/{sid}")
    refused = editor.post(f"/editor/s/{sid}", {"action": "request_changes", "note": "This reads like Vodafone."},
                          token=page.token())
    assert refused.status == 400 and "the note is refused" in refused.text
    assert "changes-requested" not in editor.get(f"/editor/s/{sid}").text.split("History")[1].split("Review")[0]


def test_an_id_already_in_the_book_is_refused(server: Server) -> None:
    browser = Browser(server.url)
    page = browser.get("/submit")
    taken = {**fields(), "contribution_id": "cvm-nfp7uj", "action": "submit", "warnings_read": "on"}
    refused = browser.post("/submit", taken, token=page.token())
    assert refused.status == 400 and "already used in the book" in refused.text


def test_form_without_csrf_token_is_refused(server: Server) -> None:
    browser = Browser(server.url)
    browser.get("/submit")
    refused = browser.post("/submit", {**fields(), "action": "submit", "warnings_read": "on"})
    assert refused.status == 403 and "security token" in refused.text
    editor = Browser(server.url)
    editor.get("/editor/sign-in")
    assert editor.post("/editor/sign-in", {"username": EDITOR, "password": "x"}).status == 403


def test_editor_pages_refuse_anonymous_users(server: Server) -> None:
    sid = id_of(submit(Browser(server.url), fields()))
    anonymous = Browser(server.url)
    for path in ("/editor/", f"/editor/s/{sid}"):
        page = anonymous.get(path)
        assert page.status == 302 and page.headers["location"].startswith("/editor/sign-in")
        assert sid not in page.text
    page = anonymous.get("/submit")
    assert anonymous.post(f"/editor/s/{sid}", {"action": "accept"}, token=page.token()).status == 302


def test_a_receipt_code_opens_only_its_own_submission(server: Server) -> None:
    first = submit(Browser(server.url), fields(title="The first of two submissions here"))
    second = submit(Browser(server.url), fields(title="The second of two submissions here"))
    code_a, code_b = receipt_of(first), receipt_of(second)
    mixed = " ".join(code_a.split()[:2] + code_b.split()[2:])
    browser = Browser(server.url)
    assert _open(browser, mixed).status == 403  # type: ignore[attr-defined]
    wrong = code_a.split()
    wrong[-1] = "zoo" if wrong[-1] != "zoo" else "abandon"
    assert _open(browser, " ".join(wrong)).status == 403  # type: ignore[attr-defined]
    mine = _open(browser, code_b.upper().replace(" ", "-"))
    assert mine.status == 200 and "The second of two" in mine.text and "The first of two" not in mine.text  # type: ignore[attr-defined]


def test_text_and_findings_are_rendered_escaped(server: Server) -> None:
    body = fields()["body"] + "\nA note: <script>alert('x')</script> and <img src=x onerror=alert(1)>.\n"
    browser = Browser(server.url)
    checked = submit(browser, fields(body=body), action="check")
    assert "<script>alert" not in checked.text and "&lt;script&gt;" in checked.text
    sent = submit(browser, fields(body=body.replace("<script>alert('x')</script>", "").replace("<img src=x onerror=alert(1)>", "")))
    sid = id_of(sent)
    # raw HTML is refused by the markup policy, so put it in the title, which the editor page shows
    title_sent = submit(Browser(server.url), fields(title="<script>alert(1)</script> in a title"))
    editor = Browser(server.url)
    editor.sign_in()
    if "receipt-code" in title_sent.text:
        tid = id_of(title_sent)
        page = editor.get(f"/editor/s/{tid}")
        assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    else:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in title_sent.text and "<script>alert(1)" not in title_sent.text
    assert editor.get(f"/editor/s/{sid}").status == 200


def _png(metadata: bool = True) -> bytes:
    from PIL import PngImagePlugin

    out = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    if metadata:
        info.add_text("Author", "Somebody Private")
    Image.new("RGB", (8, 8), "red").save(out, "PNG", pnginfo=info)
    return out.getvalue()


@pytest.mark.parametrize("name", ["../escape.png", "..\\escape.png", "sub/dir.png", ".hidden.png", "evil.svg", "a\x00b.png"])
def test_path_tricks_in_picture_names_are_refused(server: Server, name: str) -> None:
    page = submit(Browser(server.url), fields(), files=[("pictures", name, _png())])
    assert page.status == 400
    assert "receipt-code" not in page.text
    assert "is refused" in page.text or "has type" in page.text


def test_wrong_type_and_oversized_pictures_get_a_clear_message(server: Server) -> None:
    fake = submit(Browser(server.url), fields(), files=[("pictures", "figure.png", b"GIF89a not really")])
    assert fake.status == 400 and "cannot be read as a picture" in fake.text
    big = submit(Browser(server.url), fields(), files=[("pictures", "figure.png", b"\x89PNG" + b"0" * (6 * 1024 * 1024))])
    assert big.status == 400 and "the limit is 5 MB" in big.text
    huge = submit(Browser(server.url), fields(), files=[("pictures", f"f{i}.png", b"0" * (5 * 1024 * 1024)) for i in range(7)])
    assert huge.status == 413 and "at most" in huge.text and "Nothing was stored" in huge.text


def test_pictures_are_reencoded_without_metadata_and_exported(server: Server) -> None:
    browser = Browser(server.url)
    page = browser.get("/submit")
    sid = page.value("contribution_id")
    body = fields()["body"] + f"\n![A chart of saves by month]({sid}/saves.png)\n"
    sent = browser.post("/submit", {**fields(body=body), "contribution_id": sid, "action": "submit", "warnings_read": "on"},
                        [("pictures", "saves.png", _png(metadata=True))], token=page.token())
    assert sent.status == 200, sent.text[-3000:]
    editor = Browser(server.url)
    editor.sign_in()
    page = editor.get(f"/editor/s/{sid}")
    assert editor.post(f"/editor/s/{sid}", {"action": "accept", "note": ""}, token=page.token()).status == 302
    picture = server.repo / "contrib" / sid / "saves.png"
    with Image.open(picture) as image:
        assert not image.info.get("Author") and image.size == (8, 8)
    assert b"Somebody Private" not in picture.read_bytes()


def test_database_holds_no_plain_text_and_nothing_about_the_sender(server: Server) -> None:
    phrase = "Quietly distinctive phrase for the database test"
    submit(Browser(server.url), fields(title=phrase, body=fields()["body"] + f"\n{phrase} in the body too.\n"))
    database = server.data / "intake.sqlite3"
    raw = b"".join(p.read_bytes() for p in server.data.glob("intake.sqlite3*"))
    assert phrase.encode() not in raw and b"Quietly distinctive" not in raw
    with sqlite3.connect(database) as db:
        columns = {row[1] for table in ("intake_submission", "intake_version", "intake_picture")
                   for row in db.execute(f"PRAGMA table_info({table})")}
        stamps = [row[0] for row in db.execute("SELECT created FROM intake_submission")]
    assert not {"ip", "address", "user_agent", "agent", "timestamp"} & columns
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) for s in stamps)
    log = server.log.read_text()
    assert "GET /" not in log and "POST /" not in log and "Mozilla" not in log and "Python-urllib" not in log


def test_contributor_pages_send_strict_headers_and_only_the_csrf_cookie(server: Server) -> None:
    browser = Browser(server.url)
    for path in ("/", "/submit", "/receipt"):
        page = browser.get(path)
        assert page.headers["content-security-policy"].startswith("default-src 'self'")
        assert page.headers["cache-control"] == "no-store"
        assert set(page.cookies) <= {"csrftoken"}
        assert not re.search(r'(src|href)="(https?:)?//', page.text)
    assert "sessionid" not in {c.name for c in browser.jar}


def test_withdraw_deletes_at_once_and_purge_removes_the_row(server: Server) -> None:
    sent = submit(Browser(server.url), fields(title="A submission that will be withdrawn"))
    code, sid = receipt_of(sent), id_of(sent)
    browser = Browser(server.url)
    page = browser.get("/receipt")
    gone = browser.post("/receipt", {"code": code, "action": "withdraw", "confirm": "yes"}, token=page.token())
    assert gone.status == 200 and "Withdrawn" in gone.text
    assert _open(Browser(server.url), code).status == 403  # type: ignore[attr-defined]
    with sqlite3.connect(server.data / "intake.sqlite3") as db:
        row = db.execute("SELECT state, length(document), locator FROM intake_submission WHERE public_id = ?", (sid,)).fetchone()
        versions = db.execute("SELECT count(*) FROM intake_version v JOIN intake_submission s ON v.submission_id = s.id "
                              "WHERE s.public_id = ?", (sid,)).fetchone()[0]
    assert row == ("withdrawn", 0, None) and versions == 0
    purged = run("intake", "purge", "--days", "0", *server.storage, cwd=server.repo)
    assert purged.returncode == 0, purged.stderr
    assert re.search(r"purged [1-9]\d* ", purged.stdout)
    with sqlite3.connect(server.data / "intake.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM intake_submission WHERE public_id = ?", (sid,)).fetchone()[0] == 0


def test_submit_command_prints_the_receipt(server: Server, tmp_path: Path) -> None:
    source = next((server.repo / "contrib").glob("cvm-nfp7uj-*.md"))
    done = run("submit", str(source), "--to", server.url, "--warnings-read", cwd=server.repo)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.split()) == 10 and "submitted as cvm-" in done.stderr
    leaky = tmp_path / "leaky.md"
    leaky.write_text(source.read_text(encoding="utf-8") + "\nWe learned this at Vodafone.\n", encoding="utf-8")
    refused = run("submit", str(leaky), "--to", server.url, "--warnings-read", cwd=server.repo)
    assert refused.returncode == 1 and "leak.company" in refused.stderr and "Traceback" not in refused.stderr
