"""Time how long `cvmbok preview` takes to show a saved change, against an incremental
and a clean `cvmbok build html` of the same tree, in the same run.

Usage: .venv/bin/python bench/bench_preview.py [--saves N]

A scratch clone of the repository gets one submitted contribution; `cvmbok preview ID`
serves it on a free port on 127.0.0.1. Each save appends a unique sentence to the
contribution, and the clock stops when the served chapter page contains it. Prints
the median and the worst of N saves, the target (1.5 s) and the two builds. The
preview is the real command with its in-process rebuilds; nothing is simulated. Timings never go in tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SAMPLE = ROOT / "tests" / "fixtures" / "contrib" / "samples"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return str(response.read().decode("utf-8", errors="replace"))
    except OSError:
        return ""


def wait_for(url: str, needle: str, limit: float) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if needle in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def timed_build(repo: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(BIN / "cvmbok"), "build", "html", "--out", str(out)], cwd=repo, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cvmbok-bench-preview-"))
    repo = work / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
    sample = next(SAMPLE.glob("cvm-tsub2x-*.md"))
    target = repo / "contrib" / sample.name
    shutil.copy2(sample, target)
    port = free_port()
    server = subprocess.Popen([str(BIN / "cvmbok"), "preview", "cvm-tsub2x", "--port", str(port)], cwd=repo,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    url = ""
    for line in server.stdout or []:  # "previewing ID at http://127.0.0.1:PORT/page.html#insight-ID ..."
        if line.startswith("previewing "):
            url = line.split(" at ", 1)[1].split()[0].split("#", 1)[0]
            break
    if not url:
        raise SystemExit("cvmbok preview printed no address")
    # keep reading what the preview prints, so a full pipe never stalls it
    threading.Thread(target=lambda: [None for _ in server.stdout or []], daemon=True).start()
    times: list[float] = []
    try:
        if wait_for(url, "insight-cvm-tsub2x", 600) is None:
            raise SystemExit(f"the preview did not serve {url} within 10 minutes")
        for number in range(args.saves):
            marker = f"Benchmark sentence {number} {time.time_ns()}."
            with target.open("a", encoding="utf-8") as handle:
                handle.write(f"\n{marker}\n")
            shown = wait_for(url, marker, 120)
            if shown is None:
                raise SystemExit(f"save {number}: the change did not appear within 2 minutes")
            times.append(shown)
            time.sleep(1.0)  # let the server settle, as a writer would between saves
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    clean = timed_build(repo, work / "clean")
    (repo / "source" / "04-work-of-cvm" / "churn-prevention.md").open("a", encoding="utf-8").write("\nOne more line.\n")
    incremental = timed_build(repo, work / "clean")
    shutil.rmtree(work, ignore_errors=True)
    print(f"{'measure':<52} {'seconds':>8}")
    print(f"{'preview: save to page shown, median of ' + str(len(times)):<52} {statistics.median(times):8.2f}")
    print(f"{'preview: save to page shown, worst':<52} {max(times):8.2f}")
    print(f"{'target':<52} {1.5:8.2f}")
    print(f"{'cvmbok build html, incremental (one page changed)':<52} {incremental:8.2f}")
    print(f"{'cvmbok build html, clean':<52} {clean:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
