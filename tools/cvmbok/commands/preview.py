"""`cvmbok preview ID`: see a contribution in place, in a scratch copy of the book, with live reload."""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..contributions.merge import anchor, plan_merge
from ..builder import build_html, sphinx_argv
from ..errors import CvmbokError, ToolMissingError
from ..repo import NOT_COPIED, Repo, find_repo
from ..contributions.store import Transaction
from ._contrib import load_one

NAME = "preview"
HELP = "build the HTML with one contribution merged into a scratch copy and serve it with live reload"
DESCRIPTION = """\
Copy the book to a scratch folder, merge the contribution there (whatever its
status; your repository is not touched) and serve the HTML with sphinx-autobuild.
Edit the contribution and the page reloads. Refuses when the front matter or the
markup check reports an error, since unsafe markup must not reach a browser.
--no-serve builds once and prints the path of the page instead of serving."""

PREVIEW_CHECKS = ["frontmatter", "markup"]
_IGNORE = shutil.ignore_patterns(*NOT_COPIED)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="contribution id")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    parser.add_argument("--out", type=Path, help="scratch folder to use (default: a new temporary folder)")
    parser.add_argument("--no-serve", action="store_true", help="build once and print the page path; do not serve")
    parser.add_argument("--sync-into", type=Path, help=argparse.SUPPRESS)


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


def run(args: argparse.Namespace) -> int:
    repo = find_repo()
    if args.sync_into:
        sync(repo, args.id, args.sync_into)
        return 0
    load_one(repo, args.id)
    root = (args.out or Path(tempfile.mkdtemp(prefix=f"cvmbok-preview-{args.id}-"))).resolve()
    scratch = root / "repo"
    shutil.copytree(repo.root, scratch, ignore=_IGNORE, dirs_exist_ok=True, symlinks=True)
    page = sync(repo, args.id, scratch)
    html_page = page.with_suffix(".html").as_posix()
    scratch_repo = Repo(scratch)
    if args.no_serve:
        out = root / "build"
        html = build_html(scratch_repo, out)
        print(html / html_page)
        return 0
    if shutil.which("sphinx-autobuild") is None and not (Path(sys.executable).parent / "sphinx-autobuild").exists():
        raise ToolMissingError("sphinx-autobuild is missing: run `make bootstrap` (or pip install sphinx-autobuild)")
    contribution, _ = load_one(repo, args.id)
    argv = sphinx_argv(scratch_repo, "html", root / "build" / "html", root / "build" / "doctrees")
    argv = [a for a in argv if a not in ("-W", "--keep-going", "-q")]
    pre_build = shlex.join([sys.executable, "-m", "cvmbok", "preview", args.id, "--sync-into", str(scratch)])
    command = [
        sys.executable, "-m", "sphinx_autobuild", *argv[3:],
        "--host", args.host, "--port", str(args.port),
        "--watch", str(contribution.path.parent),
        "--pre-build", pre_build,
    ]
    url = f"http://{args.host}:{args.port}/{html_page}#{anchor(args.id)}"
    print(f"previewing {args.id} at {url}  (scratch copy: {scratch}; Ctrl+C to stop)", flush=True)
    try:
        completed = subprocess.run(command, cwd=repo.root)
    except KeyboardInterrupt:
        return 0
    if completed.returncode not in (0, 130, -2):
        raise CvmbokError(f"sphinx-autobuild stopped with exit {completed.returncode}")
    return 0
