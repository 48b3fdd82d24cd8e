"""`cvmbok preview ID`: see a contribution in place, in a scratch copy of the book, with live reload."""

from __future__ import annotations

import argparse
import errno
import re
import socket
import shutil
import sys
import tempfile
from pathlib import Path

from ..contributions.merge import anchor, begin_marker, end_marker, insert_block, plan_merge
from ..builder import build_html
from ..live_preview import LiveBuild, Watched, serve, watch
from ..errors import CvmbokError
from ..repo import NOT_COPIED, Repo, find_repo
from ..contributions.store import Transaction
from ._contrib import load_one

NAME = "preview"
HELP = "build the HTML with one contribution merged into a scratch copy and serve it with live reload"
DESCRIPTION = """\
Copy the book to a scratch folder, merge the contribution there (whatever its
status; your repository is not touched) and serve the HTML from 127.0.0.1, rebuilt in the same process after each save.
Edit the contribution and the page reloads, and the page's address is printed
again after each rebuild. Refuses when the front matter or the markup check reports
an error, since unsafe markup must not reach a browser; while serving, such an
error replaces the insight on the page until the file is fixed. A port already in
use is reported before anything is built. The scratch copy is deleted when preview
stops or refuses (--out keeps it). --no-serve builds once and prints the path of the
page instead of serving."""

PREVIEW_CHECKS = ["frontmatter", "markup"]
_IGNORE = shutil.ignore_patterns(*NOT_COPIED)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="contribution id")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    parser.add_argument("--out", type=Path, help="scratch folder to use and keep (default: a temporary folder, "
                                                  "deleted when preview stops)")
    parser.add_argument("--no-serve", action="store_true", help="build once and print the page path; do not serve")
    parser.add_argument("--sync-into", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sync-page", help=argparse.SUPPRESS)


def sync(repo: Repo, contribution_id: str, scratch: Path) -> Path:
    """Refresh the scratch copy from `repo` and merge the contribution into it; returns the target page."""
    contribution, _ = load_one(repo, contribution_id)
    refresh = Transaction()  # only files that differ are written, so live reload does not loop
    for path in sorted(repo.contrib.rglob("*")):
        if path.is_file() and not path.is_symlink() and not any(p.startswith(".") for p in path.relative_to(repo.contrib).parts):
            refresh.copy(path, scratch / "contrib" / path.relative_to(repo.contrib))
    refresh.commit()
    scratch_repo = Repo(scratch)
    plan = plan_merge(scratch_repo, [contribution.id], require_accepted=False, record=False, only=PREVIEW_CHECKS)
    plan.transaction.commit()
    return plan.merged[0][1].relative_to(scratch_repo.source)


def error_block(contribution_id: str, problem: str) -> str:
    """What the browser shows in place of the insight while the preview refuses it: the
    reason, as literal text (never markup: it may quote the very HTML that was refused)."""
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", problem)), default=0) + 1)
    return "\n".join([
        begin_marker(contribution_id),
        f"({anchor(contribution_id)})=",
        "",
        f"{fence}{{warning}} The preview cannot show {contribution_id}",
        "Fix what is listed below and save the file again; this page then shows your text.",
        "",
        f"{fence}text",
        problem,
        fence,
        fence,
        end_marker(contribution_id),
        "",
    ])


def sync_or_show_error(repo: Repo, contribution_id: str, scratch: Path, page: str) -> None:
    """The pre-build step of each rebuild: merge again, or put the refusal on the page."""
    try:
        sync(repo, contribution_id, scratch)
    except CvmbokError as exc:
        print(f"cvmbok preview: {exc}", file=sys.stderr, flush=True)
        target = Repo(scratch).source / page
        text = target.read_text(encoding="utf-8")
        target.write_text(insert_block(text, contribution_id, error_block(contribution_id, str(exc))), encoding="utf-8")


def port_in_use(host: str, port: int) -> bool:
    """Would serving on host:port fail because something already listens there?"""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.errno == errno.EADDRINUSE
    return False


def run(args: argparse.Namespace) -> int:
    repo = find_repo()
    if args.sync_into:
        if args.sync_page:
            sync_or_show_error(repo, args.id, args.sync_into, args.sync_page)
        else:
            sync(repo, args.id, args.sync_into)
        return 0
    load_one(repo, args.id)
    if not args.no_serve:
        if port_in_use(args.host, args.port):
            raise CvmbokError(f"port {args.port} on {args.host} is already in use (another preview or web server?); "
                              f"stop it, or choose another port with --port {args.port + 1}")
    keep = args.out is not None
    root = (args.out or Path(tempfile.mkdtemp(prefix=f"cvmbok-preview-{args.id}-"))).resolve()
    try:
        shown = _preview(repo, args, root)
        keep = keep or shown
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


def _preview(repo: Repo, args: argparse.Namespace, root: Path) -> bool:
    """Build (and serve) the preview in `root`; True when the files must outlive the command."""
    scratch = root / "repo"
    shutil.copytree(repo.root, scratch, ignore=_IGNORE, dirs_exist_ok=True, symlinks=True)
    page = sync(repo, args.id, scratch)
    html_page = page.with_suffix(".html").as_posix()
    scratch_repo = Repo(scratch)
    if args.no_serve:
        out = root / "build"
        html = build_html(scratch_repo, out)
        print(html / html_page)
        return True  # the printed page is for the reader to open
    contribution, _ = load_one(repo, args.id)
    url = f"http://{args.host}:{args.port}/{html_page}#{anchor(args.id)}"
    print(f"previewing {args.id} at {url}  (Ctrl+C to stop; the scratch copy is deleted then)", flush=True)
    live = LiveBuild(scratch_repo.source, scratch_repo.root, root / "build" / "html", root / "build" / "doctrees")
    _show(live.build())
    server = serve(live, args.host, args.port)
    print(f"Serving on http://{args.host}:{args.port}/", flush=True)
    print(f"previewing {args.id} at {url}", flush=True)

    def rebuild() -> None:
        sync_or_show_error(repo, args.id, scratch, page.as_posix())
        _show(live.build())
        print(f"previewing {args.id} at {url}", flush=True)

    try:
        watch(Watched([contribution.path, contribution.path.parent / args.id]), rebuild)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return False


def _show(problems: list[str]) -> None:
    for line in problems:
        print(f"cvmbok preview: {line}", file=sys.stderr, flush=True)
