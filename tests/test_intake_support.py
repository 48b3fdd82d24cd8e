"""The intake test harness (no tests here): a clone to export into, a real server, an HTTP client.

The server is `cvmbok serve` started as a user starts it, on 127.0.0.1 and a free
port, with its data folder and its repository (a `git clone` of this checkout) in a
temporary folder, so nothing is ever exported into the working tree.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from tests.conftest import ROOT, cvmbok_command

KEY = "intake-test-key-" + "k" * 32
EDITOR, PASSWORD = "ed-t1", "correct horse battery staple"
SECTION = "work-of-cvm"
CLEAN_BODY = (
    "Agree the value of a saved customer with finance before the campaign starts.\n\n"
    "## Situation\n\nA subscription business with a few million customers measured saves by the offer taken.\n\n"
    "## What to do\n\nWrite the value rule down and apply it to the control group as well.\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clone(target: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True, timeout=300)
    subprocess.run(["git", "-C", str(target), "config", "user.name", "Test Runner"], check=True)
    subprocess.run(["git", "-C", str(target), "config", "user.email", "runner@example.invalid"], check=True)
    return target


def intake_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVMBOK_")}
    env.update({"CVMBOK_INTAKE_KEY": KEY, **(extra or {})})
    return env


def run(*args: str, cwd: Path, input: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*cvmbok_command(), *args], cwd=cwd, env=env or intake_env(), input=input,
                          capture_output=True, text=True, timeout=600)


@dataclass
class Server:
    process: subprocess.Popen[str]
    url: str
    repo: Path
    data: Path
    log: Path
    storage: list[str] = field(default_factory=list)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)


def start_server(tmp: Path, database: str | None = None) -> Server:
    repo = clone(tmp / "repo")
    data = tmp / "data"
    storage = ["--data", str(data), "--repo", str(repo)] + (["--database", database] if database else [])
    added = run("editors", "add", EDITOR, *storage, cwd=repo, input=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    port = free_port()
    log = tmp / "serve.log"
    handle = log.open("w")
    process = subprocess.Popen([*cvmbok_command(), "serve", "--port", str(port), *storage], cwd=repo,
                               env=intake_env(), stdout=handle, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"cvmbok serve exited with {process.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5):
                break
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    else:
        process.kill()
        raise AssertionError(f"cvmbok serve did not answer within 90 s: {log.read_text()}")
    return Server(process, url, repo, data, log, storage)


@dataclass
class Page:
    status: int
    text: str
    headers: dict[str, str]
    cookies: list[str]

    def token(self) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text)
        assert match, "no CSRF token on the page"
        return match.group(1)

    def value(self, name: str) -> str:
        match = re.search(rf'name="{name}" value="([^"]*)"', self.text)
        assert match, f"no field {name}"
        return unescape(match.group(1))


class Browser:
    """A cookie-keeping HTTP client that sends forms the way a browser without JavaScript does."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def _open(self, request: urllib.request.Request) -> Page:
        try:
            response = self.opener.open(request, timeout=120)
        except urllib.error.HTTPError as exc:
            response = exc
        body = response.read().decode("utf-8", "replace")
        headers = {k.lower(): v for k, v in response.headers.items()}
        cookies = [v.split("=", 1)[0].strip() for k, v in response.headers.items() if k.lower() == "set-cookie"]
        return Page(response.status if hasattr(response, "status") else response.code, body, headers, cookies)

    def get(self, path: str) -> Page:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str], files: list[tuple[str, str, bytes]] | None = None,
             token: str | None = None, accept: str = "text/html") -> Page:
        data = dict(fields)
        if token is not None:
            data["csrfmiddlewaretoken"] = token
        boundary = "b" + secrets.token_hex(8)
        out = bytearray()
        for name, value in data.items():
            out += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, filename, blob in files or []:
            out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    "Content-Type: application/octet-stream\r\n\r\n").encode() + blob + b"\r\n"
        out += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(self.base + path, data=bytes(out), method="POST", headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": accept})
        return self._open(request)

    def sign_in(self) -> Page:
        page = self.get("/editor/sign-in")
        return self.post("/editor/sign-in", {"username": EDITOR, "password": PASSWORD, "next": "/editor/"}, token=page.token())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fields(title: str = "Agree the value of a save with finance first", body: str = CLEAN_BODY) -> dict[str, str]:
    return {"title": title, "section": SECTION, "kind": "insight", "industry": "telecoms", "region": "Europe",
            "publish": "yes", "acknowledge": "no", "body": body}


def submit(browser: Browser, form: dict[str, str], action: str = "submit", files: list[tuple[str, str, bytes]] | None = None,
           warnings_read: bool = True) -> Page:
    page = browser.get("/submit")
    data = {**form, "contribution_id": page.value("contribution_id"), "action": action}
    if warnings_read:
        data["warnings_read"] = "on"
    return browser.post("/submit", data, files, token=page.token())


def receipt_of(page: Page) -> str:
    match = re.search(r'<output id="receipt-code">([^<]+)</output>', page.text)
    assert match, page.text[-2000:]
    return match.group(1)


def id_of(page: Page) -> str:
    match = re.search(r"your insight (cvm-[a-z0-9]+) was received", page.text)
    assert match
    return match.group(1)


def git_log(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "log", *args], capture_output=True, text=True, check=True).stdout


def parse_qs(text: str) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(text)
