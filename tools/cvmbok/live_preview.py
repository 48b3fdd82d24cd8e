"""The live preview's engine: one Sphinx application kept in memory and rebuilt in place.

Running `sphinx-build` again for every save pays Python's start-up, Sphinx's and the
theme's imports and the unpickling of the environment each time, which was most of
the three seconds a writer waited after saving. Here the application is created once;
each save re-reads the changed pages in the same process, so the page shows the change
about a second later. Pages are served from 127.0.0.1 by a small threaded HTTP server
that adds one script to each HTML page: it asks `/__cvmbok/version` a few times a
second and reloads when a rebuild finished. Nothing leaves the machine.
"""

from __future__ import annotations

import http.server
import io
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable

RELOAD_SCRIPT = b"""(function () {
  var seen = null;
  function poll() {
    fetch("/__cvmbok/version", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) { location.reload(); }
      seen = v;
    }).catch(function () {}).finally(function () { setTimeout(poll, 250); });
  }
  poll();
})();
"""
_TAG = b'<script src="/__cvmbok/reload.js"></script>'


@dataclass
class Watched:
    """Files whose change means "rebuild": the contribution and its pictures."""

    paths: list[Path]
    stamps: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def _now(self) -> dict[Path, tuple[int, int]]:
        found: dict[Path, tuple[int, int]] = {}
        for root in self.paths:
            for path in ([root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []):
                try:
                    stat = path.stat()
                except OSError:
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
        return found

    def changed(self) -> bool:
        now = self._now()
        if now != self.stamps:
            self.stamps = now
            return True
        return False


class LiveBuild:
    """A Sphinx HTML application for `source` with `confdir`, built again on demand."""

    def __init__(self, source: Path, confdir: Path, outdir: Path, doctrees: Path) -> None:
        from sphinx.application import Sphinx  # imported here: only the preview needs it

        self.outdir = outdir
        self.version = 0
        self.warnings = io.StringIO()
        self.app = Sphinx(str(source), str(confdir), str(outdir), str(doctrees), "html",
                          status=None, warning=self.warnings, freshenv=False)

    def build(self) -> list[str]:
        """Build what changed; returns the warnings of this build (an exception is one too)."""
        self.warnings.seek(0)
        self.warnings.truncate()
        try:
            self.app.build()
        except Exception as exc:  # noqa: BLE001 - shown to the writer; the preview keeps watching
            return [f"the build failed: {exc}"]
        finally:
            self.version += 1
        return [line for line in self.warnings.getvalue().splitlines() if line.strip()]


class _Handler(http.server.SimpleHTTPRequestHandler):
    build: LiveBuild

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        return  # the preview prints its own lines; no access log

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if self.path.startswith("/__cvmbok/version"):
            return self._send(str(self.build.version).encode(), "text/plain")
        if self.path.startswith("/__cvmbok/reload.js"):
            return self._send(RELOAD_SCRIPT, "text/javascript")
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            html = target.read_bytes()
            html = html.replace(b"</body>", _TAG + b"</body>", 1) if b"</body>" in html else html + _TAG
            return self._send(html, "text/html; charset=utf-8")
        super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve(build: LiveBuild, host: str, port: int) -> http.server.ThreadingHTTPServer:
    """Start serving `build.outdir` in a thread; the caller stops it with `shutdown()`."""
    handler = type("PreviewHandler", (_Handler,), {"build": build})
    server = http.server.ThreadingHTTPServer((host, port), partial(handler, directory=str(build.outdir)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def watch(watched: Watched, on_change: Callable[[], None], *, interval: float = 0.1,
          stop: Callable[[], bool] = lambda: False) -> None:
    """Call `on_change` after every change to the watched files until `stop()` (or Ctrl+C)."""
    watched.changed()
    while not stop():
        time.sleep(interval)
        if watched.changed():
            time.sleep(0.05)  # an editor may write a file in two steps
            watched.changed()
            on_change()
