"""The intake on a real PostgreSQL server, started from Debian's `postgresql` package.

The harness runs `initdb` and `pg_ctl` in a temporary folder on a free port (as the
`postgres` system user when the tests run as root, since PostgreSQL refuses to run
as root), creates a database, starts `cvmbok serve --database postgresql://...` and
runs a submission from the contributor to the editor's accept.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from tests.test_intake_support import Browser, Server, fields, free_port, git_log, id_of, receipt_of, start_server, submit

pytestmark = pytest.mark.intake


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        pytest.fail("PostgreSQL is not installed: run `bash tools/bootstrap.sh debian` (it installs Debian's postgresql)")
    return Path(found[-1]).parent


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    bindir = _bindir()
    folder = Path(tempfile.mkdtemp(prefix="cvmbok-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()
    subprocess.run(_as_owner([str(bindir / "initdb"), "-D", str(data), "-U", "cvmbok", "--auth=trust", "-E", "UTF8",
                              "--no-instructions"]), check=True, capture_output=True, timeout=300)
    started = subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60",
                                        "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start"]),
                             capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stdout + started.stderr
    try:
        subprocess.run(_as_owner([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "cvmbok", "intake"]),
                       check=True, capture_output=True, timeout=60)
        yield f"postgresql://cvmbok@127.0.0.1:{port}/intake"
    finally:
        subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                       capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def server(postgres: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    started = start_server(tmp_path_factory.mktemp("intake-postgres"), database=postgres)
    yield started
    started.stop()


def test_submission_to_accept_on_postgresql(server: Server, postgres: str) -> None:
    sent = submit(Browser(server.url), fields(title="A submission stored in PostgreSQL"))
    assert sent.status == 200, sent.text[-2000:]
    sid, code = id_of(sent), receipt_of(sent)
    assert not (server.data / "intake.sqlite3").exists()
    editor = Browser(server.url)
    editor.sign_in()
    page = editor.get(f"/editor/s/{sid}")
    assert "A submission stored in PostgreSQL" in page.text
    assert editor.post(f"/editor/s/{sid}", {"action": "start", "note": ""}, token=page.token()).status == 302
    page = editor.get(f"/editor/s/{sid}")
    assert editor.post(f"/editor/s/{sid}", {"action": "accept", "note": ""}, token=page.token()).status == 302
    exported = re.search(r'<code id="exported">([^<]+)</code>', editor.get(f"/editor/s/{sid}").text)
    assert exported and (server.repo / exported.group(1)).is_file()
    assert git_log(server.repo, "-1", "--format=%an|%s").strip() == f"CVMBoK editors|{sid}"
    back = Browser(server.url)
    page = back.get("/receipt")
    opened = back.post("/receipt", {"code": code, "action": "open"}, token=page.token())
    assert opened.status == 200 and "accepted" in opened.text


def test_postgresql_rows_hold_no_plain_text(server: Server, postgres: str) -> None:
    import psycopg

    phrase = "Unmistakable words for the PostgreSQL storage test"
    assert submit(Browser(server.url), fields(title=phrase)).status == 200
    with psycopg.connect(postgres) as connection:
        rows = connection.execute("SELECT public_id, document FROM intake_submission").fetchall()
        columns = [r[0] for r in connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'intake_submission'")]
    assert rows and all(phrase.encode() not in bytes(document) for _, document in rows)
    assert "ip" not in columns and "user_agent" not in columns
