"""The intake's check round trip against `cvmbok check` on the same file.

Usage: .venv/bin/python bench/bench_intake.py [--requests N] [--runs M]

Starts `cvmbok serve` for real on 127.0.0.1 (SQLite in a temporary folder, a
`git clone` of this checkout as its repository), builds one 1,000-word submission,
and sends it N times (default 50) to the Check button's endpoint (POST /submit,
action=check, JSON answer): every check family runs on the server each time.
Then it runs `cvmbok check` on the very file the submission renders to, M times
(default 10), in the same clone. Prints p50 and p95 of both; timings never go in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import http.cookiejar
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CVMBOK = str(BIN / "cvmbok")

PARAGRAPH = ("The retention team compared two ways of offering a discount to customers whose contract was about "
             "to end. One group received the offer a month before the end date and the other group received it "
             "in the final week. A control group received nothing, so the effect of each timing could be measured "
             "against customers who would have stayed anyway. ")


def words(n: int) -> str:
    out, count, section = [], 0, 1
    while count < n:
        if count // 250 >= section:
            out.append(f"\n## Part {section}\n")
            section += 1
        out.append(PARAGRAPH.strip() + "\n")
        count += len(PARAGRAPH.split())
    return "\n".join(out)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-intake-") as tmp:
        repo = Path(tmp) / "repo"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
        env = {**os.environ, "CVMBOK_INTAKE_KEY": secrets.token_urlsafe(32)}
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([CVMBOK, "serve", "--port", str(port), "--data", str(Path(tmp) / "data"), "--repo", str(repo)],
                                  cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(base + "/", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            page = opener.open(base + "/submit").read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
            sid = re.search(r'name="contribution_id" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
            body = words(1000)
            fields = {"csrfmiddlewaretoken": token, "contribution_id": sid, "action": "check",
                      "title": "Offer timing for customers near the end of a contract", "section": "work-of-cvm",
                      "kind": "insight", "industry": "telecoms", "region": "Europe", "publish": "yes",
                      "acknowledge": "no", "body": body}
            data = urllib.parse.urlencode(fields).encode()
            request = urllib.request.Request(base + "/submit", data=data, headers={"Accept": "application/json"})
            answer = json.loads(opener.open(request).read())  # warm-up, and the file to compare with
            round_trips = []
            for _ in range(args.requests):
                started = time.perf_counter()
                opener.open(request).read()
                round_trips.append(time.perf_counter() - started)
        finally:
            server.terminate()
            server.wait(timeout=30)
        sys.path.insert(0, str(ROOT / "tools"))
        import datetime as dt

        from cvmbok.intake.draft import Draft

        draft = Draft(sid, fields["title"], "work-of-cvm", "insight", "telecoms", "Europe", True, False, body
                      ).with_entry("submitted", dt.date.today())
        target = repo / "contrib" / draft.file_name
        target.write_text(draft.render(), encoding="utf-8")
        command_runs = []
        for _ in range(args.runs):
            started = time.perf_counter()
            done = subprocess.run([CVMBOK, "check", str(target)], cwd=repo, env=env, capture_output=True, text=True)
            command_runs.append(time.perf_counter() - started)
            if done.returncode not in (0, 1):
                raise SystemExit(f"cvmbok check failed: {done.stderr[-400:]}")
    print(f"submission: {len(body.split())} words, {answer['summary']}")
    print(f"intake check round trip ({args.requests} requests): p50 {statistics.median(round_trips) * 1000:.0f} ms, "
          f"p95 {percentile(round_trips, 95) * 1000:.0f} ms")
    print(f"cvmbok check on the same file ({args.runs} runs): p50 {statistics.median(command_runs) * 1000:.0f} ms, "
          f"p95 {percentile(command_runs, 95) * 1000:.0f} ms")
    print(f"p50 ratio: {statistics.median(command_runs) / statistics.median(round_trips):.1f}x faster in the server")
    return 0


if __name__ == "__main__":
    sys.exit(main())
