"""Run the real Vale binary over Markdown documents and turn its alerts into findings.

Three jobs, each small:
- `find_vale()`: `$CVMBOK_VALE`, then `vale` beside the running Python (the project's
  `.venv/bin/vale`), then `PATH`; a missing binary is a `ToolMissingError` saying how to get it.
- `myst_for_vale(text)`: a line-preserving rewrite of a MyST page. Vale treats every
  backtick fence as code, so the prose inside ```` ```{note} ```` would never be checked;
  directive fences become colon fences of the same width (which Vale lints as text)
  and real code blocks stay code. Every line keeps its number and every prose character
  its column, so an alert maps straight back to the original file.
- `run_vale(documents, config)`: ONE Vale process for all files (Vale's start-up and
  rule compilation dominate on small inputs), `--no-global` and the project config so a
  user's own Vale setup cannot change results, JSON parsed into `Finding`s. A file above
  `CHUNK_BYTES` is cut into chunks linted by one process per core at once, with the same
  findings as one run (see `run_vale`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Mapping, Sequence

from .errors import CvmbokError, ToolMissingError
from .findings import Finding, Severity
from .rules import builtin_fix

VALE_VERSION = "3.26.0"
INSTALL_HINT = (
    f"run `make test` or `make editions` to build Vale {VALE_VERSION}, "
    f"or install Vale {VALE_VERSION} and put it on PATH (or set CVMBOK_VALE to its path)"
)

CODE_DIRECTIVES = frozenset(
    {
        "code", "code-block", "code-cell", "sourcecode", "literalinclude", "include",
        "math", "raw", "eval-rst", "toctree", "graphviz", "digraph", "graph", "mermaid",
        "csv-table", "cvmbok-downloads", "cvmbok-glossary", "cvmbok-edition", "bibliography", "worked-example",
    }
)
"""Directives whose body is code, data or paths, not prose: their fences stay code for Vale."""

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")  # any indent: fences inside list items
_DIRECTIVE = re.compile(r"^\s*\{(?P<name>[A-Za-z][\w:.-]*)\}")
_COMMENT = re.compile(r"^\s*%")
_OPTION = re.compile(r"^\s*:[\w-]+:(\s.*)?$")
_SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "suggestion": Severity.SUGGESTION}


# ------------------------------------------------------------------ the binary


def find_vale(environ: dict[str, str] | None = None) -> Path:
    """The Vale binary to run, in the documented order of precedence."""
    env = os.environ if environ is None else environ
    override = env.get("CVMBOK_VALE")
    if override:
        path = Path(override)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise ToolMissingError(f"CVMBOK_VALE={override} is not an executable file; {INSTALL_HINT}")
    beside = Path(sys.executable).parent / "vale"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("vale", path=env.get("PATH"))
    if found:
        return Path(found)
    raise ToolMissingError(f"Vale is not installed; {INSTALL_HINT}")


# ------------------------------------------------------------------ MyST rewrite


@dataclass
class _Open:
    char: str
    width: int
    code: bool


def _closes_yaml(lines: list[str], start: int) -> bool:
    """Is there a closing '---' before the next fence? (Only then is it a YAML option block.)"""
    for line in lines[start:]:
        if line.strip() == "---":
            return True
        if _FENCE.match(line):
            return False
    return False


def myst_for_vale(text: str) -> str:
    """Rewrite backtick/tilde-fenced MyST directives as colon fences, line for line.

    Only fence lines, directive option lines (`:class: tip`, or a `---` YAML option
    block right after the fence) and MyST comment lines (`% ...`) change; options and
    comments become blank lines because they are markup. Code blocks, and directives listed in `CODE_DIRECTIVES`, are left untouched.
    """
    lines = text.split("\n")
    out: list[str] = []
    stack: list[_Open] = []
    options_state: str | None = None  # None, "start" (just opened), "yaml" (inside --- block)
    for index, line in enumerate(lines):
        if options_state is not None:
            if options_state == "yaml" and not _FENCE.match(line):
                out.append("")
                if line.strip() == "---":
                    options_state = None
                continue
            if options_state == "yaml":  # a fence ends an unterminated option block
                options_state = None
            if options_state == "start" and line.strip() == "---" and _closes_yaml(lines, index + 1):
                options_state = "yaml"
                out.append("")
                continue
            if _OPTION.match(line):
                out.append("")
                continue
            options_state = None
        match = _FENCE.match(line)
        top = stack[-1] if stack else None
        if top is not None and top.code:
            # inside code: only its own closing fence matters
            if match and match.group("fence")[0] == top.char and len(match.group("fence")) >= top.width and not match.group("info").strip():
                stack.pop()
            out.append(line)
            continue
        if match is None:
            # a MyST comment ("% ...") is markup for editors, not prose
            out.append("" if _COMMENT.match(line) else line)
            continue
        fence, info = match.group("fence"), match.group("info")
        if top is not None and not info.strip() and fence[0] == top.char and len(fence) >= top.width:
            stack.pop()  # closing a directive we turned into a colon fence
            out.append(match.group("indent") + ":" * len(fence))
            continue
        directive = _DIRECTIVE.match(info)
        if directive and directive.group("name") not in CODE_DIRECTIVES:
            stack.append(_Open(fence[0], len(fence), code=False))
            out.append(match.group("indent") + ":" * len(fence) + info)
            options_state = "start"
            continue
        stack.append(_Open(fence[0], len(fence), code=True))
        out.append(line)
    return "\n".join(out)


# ------------------------------------------------------------------ running Vale


def _temp_name(display_path: str, index: int) -> PurePosixPath:
    """Where a document's rewrite goes inside the temp folder.

    Repository-relative paths are kept, so the path-specific sections of `.vale.ini`
    (the bibliography page, for example) apply exactly as they do to the original.
    """
    rel = PurePosixPath(display_path.replace("\\", "/"))
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        return PurePosixPath("_outside", str(index), rel.name or "page.md")
    if rel.suffix.lower() != ".md":
        rel = rel.with_suffix(rel.suffix + ".md")
    return rel


def _fix_for(alert: dict[str, Any]) -> str:
    action = alert.get("Action") or {}
    params = action.get("Params") or []
    if action.get("Name") == "replace" and params:
        return f"write '{params[0]}'"
    return ""


def alert_to_finding(display_path: str, alert: dict[str, Any], advice: dict[str, str] | None = None) -> Finding:
    """One Vale JSON alert as a project finding; `rule` keeps Vale's name (`CVMBoK.Terms`)."""
    span = alert.get("Span") or [1, 1]
    rule = str(alert.get("Check", "Vale"))
    fix = _fix_for(alert)
    match = str(alert.get("Match", ""))
    if not fix:
        fix = (advice or {}).get(f"{rule}:{match}", "") or str(alert.get("Description", "")).strip() or builtin_fix(rule)
    return Finding(
        path=display_path,
        line=int(alert.get("Line", 1)),
        column=int(span[0]) if span else 1,
        rule=rule,
        severity=_SEVERITY.get(str(alert.get("Severity", "warning")).lower(), Severity.WARNING),
        message=str(alert.get("Message", "")).strip(),
        fix=fix,
        match=match,
    )


def drop_duplicates(findings: Iterable[Finding]) -> list[Finding]:
    """Vale's own vocabulary rules repeat what a CVMBoK rule already said at the same spot."""
    items = list(findings)
    ours = {(f.path, f.line, f.column) for f in items if f.rule.startswith("CVMBoK.")}
    return [f for f in items if not (f.rule.startswith("Vale.") and (f.path, f.line, f.column) in ours)]


@dataclass(frozen=True)
class ValeInput:
    """One file to lint: how findings name it and the text to lint."""

    display_path: str
    text: str


CHUNK_BYTES = 200_000
"""A file larger than this is linted in pieces, one Vale process per core at once: Vale lints
one file on one core (about 5.5 s for 1 MB of the book's prose), so two cores halve it."""
_FENCE_OR_COLON = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class _Piece:
    """A whole file, or one chunk of a large one, as Vale is given it."""

    display_path: str
    text: str
    """The MyST rewrite of the chunk, then the probe paragraph when there is one."""
    first_line: int
    """0-based line of the file where the chunk starts: added to every finding's line."""
    lines: int
    """Lines of the chunk itself: a finding below them is on the probe."""
    chunk: int


def split_points(text: str, parts: int) -> list[int]:
    """0-based lines where `text` may be cut into `parts` chunks of about equal size.

    A cut is made only at a top-level block boundary: after a blank line, before a line
    that is not indented, outside any fence (code, directive, colon) or math block and
    after the front matter, so each chunk parses to the same blocks as in the whole file."""
    lines = text.split("\n")
    targets = [len(text) * k // parts for k in range(1, parts)]
    cuts: list[int] = []
    fence: tuple[str, int] | None = None
    math = False
    front_matter = bool(lines) and lines[0].rstrip() == "---"
    offset = 0
    for index, line in enumerate(lines):
        at = offset
        offset += len(line) + 1
        if front_matter:
            front_matter = index == 0 or line.rstrip() not in ("---", "...")
            continue
        if (match := _FENCE_OR_COLON.match(line)) is not None:
            mark = match.group("fence")
            if fence is None:
                fence = (mark[0], len(mark))
            elif mark[0] == fence[0] and len(mark) >= fence[1] and not match.group("info").strip():
                fence = None
            continue
        if fence is None and line.count("$$") % 2:
            math = not math
        if (fence is None and not math and index > 0 and not lines[index - 1].strip() and line.strip()
                and not line[0].isspace() and len(cuts) < len(targets) and at >= targets[len(cuts)]):
            cuts.append(index)
    return cuts


def _pieces(item: ValeInput, workers: int, probe: str) -> list[_Piece]:
    """`item` as one piece, or as up to `workers` chunks when it is larger than `CHUNK_BYTES`;
    every chunk but the last ends with `probe` (see `run_vale`)."""
    text = myst_for_vale(item.text)
    parts = min(workers, -(-len(text) // CHUNK_BYTES))
    cuts = split_points(text, parts) if parts > 1 else []
    if not cuts:
        return [_Piece(item.display_path, text, 0, text.count("\n") + 1, 0)]
    lines = text.split("\n")
    bounds = [0, *cuts, len(lines)]
    pieces = []
    for chunk, (first, last) in enumerate(zip(bounds, bounds[1:])):
        body = "\n".join(lines[first:last])
        tail = f"\n\n{probe}\n" if probe and last < len(lines) else ""
        pieces.append(_Piece(item.display_path, body + tail, first, last - first, chunk))
    return pieces


def _groups(pieces: list[_Piece], workers: int) -> list[list[_Piece]]:
    """The pieces shared out among at most `workers` Vale processes, largest first into the lightest."""
    groups: list[list[_Piece]] = [[] for _ in range(min(workers, len(pieces)))]
    sizes = [0] * len(groups)
    for piece in sorted(pieces, key=lambda p: len(p.text), reverse=True):
        lightest = sizes.index(min(sizes))
        groups[lightest].append(piece)
        sizes[lightest] += len(piece.text)
    return [group for group in groups if group]


def run_vale(
    inputs: Sequence[ValeInput],
    config: Path,
    vale: Path | None = None,
    advice: dict[str, str] | None = None,
    timeout: float = 600,
    once_per_page: Mapping[str, Sequence[str]] | None = None,
) -> list[Finding]:
    """Lint every input's MyST rewrite; findings point at the originals.

    A file above `CHUNK_BYTES` is cut at top-level block boundaries and its chunks are linted
    by up to `os.cpu_count()` Vale processes at once. A rule that looks at the whole page
    (`once_per_page`: rule -> the words it reports once per page, such as the abbreviations
    to spell out the first time) would report again in every chunk, so each chunk but the
    last ends with a probe paragraph of those words: Vale reports a word there unless the
    chunk already satisfied the rule for it, and a later chunk's finding for a word an
    earlier chunk satisfied is dropped. The findings are those of one run over the file.
    """
    if not inputs:
        return []
    binary = vale or find_vale()
    rules = once_per_page or {}
    probe = " ".join(dict.fromkeys(word for words in rules.values() for word in words))
    workers = os.cpu_count() or 1
    pieces = [piece for item in inputs for piece in _pieces(item, workers, probe)]
    # Without a chunked file, all in ONE process: Vale's start-up dominates small files.
    groups = _groups(pieces, workers if len(pieces) > len(inputs) else 1)
    if len(groups) == 1:
        results = [_lint(groups[0], config, binary, advice, timeout)]
    else:
        with ThreadPoolExecutor(max_workers=len(groups)) as pool:
            results = list(pool.map(lambda group: _lint(group, config, binary, advice, timeout), groups))
    return _page_findings([pair for result in results for pair in result], rules)


def _page_findings(found: list[tuple[_Piece, Finding]], rules: Mapping[str, Sequence[str]]) -> list[Finding]:
    """Findings at their lines in the file, without the probes' and without a once-per-page
    rule's findings in a chunk after one that satisfied the rule for the same word."""
    unsatisfied: dict[tuple[str, int, str], set[str]] = {}
    for piece, finding in found:
        if finding.line > piece.lines and finding.rule in rules:
            unsatisfied.setdefault((piece.display_path, piece.chunk, finding.rule), set()).add(finding.match)
    chunks = {(piece.display_path, piece.chunk) for piece, _ in found} | {(path, chunk) for path, chunk, _ in unsatisfied}
    kept: list[Finding] = []
    for piece, finding in found:
        if finding.line > piece.lines and not finding.rule.startswith("terms."):
            continue  # on the probe
        if finding.rule in rules and piece.chunk and _satisfied_before(piece, finding, rules, unsatisfied, chunks):
            continue
        kept.append(dataclasses.replace(finding, line=finding.line + piece.first_line) if piece.first_line else finding)
    return drop_duplicates(kept)


def _satisfied_before(piece: _Piece, finding: Finding, rules: Mapping[str, Sequence[str]],
                      unsatisfied: dict[tuple[str, int, str], set[str]], chunks: set[tuple[str, int]]) -> bool:
    """Did a chunk before `piece` satisfy `finding`'s rule for its word (no finding on its probe)?"""
    if finding.match not in rules[finding.rule]:
        return False
    return any(finding.match not in unsatisfied.get((piece.display_path, earlier, finding.rule), set())
               for earlier in range(piece.chunk) if (piece.display_path, earlier) in chunks)


def _lint(pieces: list[_Piece], config: Path, binary: Path, advice: dict[str, str] | None,
          timeout: float) -> list[tuple[_Piece, Finding]]:
    """ONE Vale process over `pieces`: each finding with the piece it is in (lines in the piece)."""
    with tempfile.TemporaryDirectory(prefix="cvmbok-vale-") as tmp:
        root = Path(tmp)
        names: dict[str, _Piece] = {}
        args: list[str] = []
        for index, piece in enumerate(pieces):
            rel = _temp_name(piece.display_path, index)
            if piece.chunk:  # the same path, so the path-specific sections of .vale.ini still apply
                rel = PurePosixPath("_chunk", str(piece.chunk), *rel.parts)
            if rel.as_posix() in names:  # the same display path twice: keep them apart
                rel = PurePosixPath("_dup", str(index), *rel.parts)
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(piece.text, encoding="utf-8")
            names[rel.as_posix()] = piece
            args.append(rel.as_posix())
        # CVMBoK.Leaks is the editor copy of the `leaks` check (cvmbok.names), which reports the
        # same names with more care; filtering it here avoids double findings and its cost.
        command = [str(binary), "--no-global", "--no-exit", "--config", str(config.resolve()), "--output", "JSON",
                   "--filter", '.Name != "CVMBoK.Leaks"', *args]
        broken: list[tuple[_Piece, Finding]] = []
        while True:
            try:
                result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=timeout)
            except FileNotFoundError as exc:
                raise ToolMissingError(f"cannot run Vale at {binary}; {INSTALL_HINT}") from exc
            except subprocess.TimeoutExpired as exc:
                raise CvmbokError(f"Vale did not finish within {timeout:.0f} s") from exc
            if result.returncode == 0:
                break
            displays = {name: piece.display_path for name, piece in names.items()}
            failed = _failed_file(result.stderr or result.stdout, displays)
            if failed is None or failed[0] not in command:
                reason = (result.stderr or result.stdout).strip().splitlines()
                raise CvmbokError(f"Vale failed (exit {result.returncode}): {' '.join(reason)[:600]}; "
                                  "check .vale.ini and styles/")
            # One file Vale cannot read must not blind the check for the others: report it, lint the rest.
            failed_name, finding = failed
            broken.append((names[failed_name], finding))
            command = [arg for arg in command if arg != failed_name]
            if not any(arg in names for arg in command):
                return broken
    try:
        data = json.loads(result.stdout or "{}")
    except json.JSONDecodeError as exc:
        raise CvmbokError(f"Vale printed something that is not JSON: {result.stdout[:200]!r}") from exc
    found = list(broken)
    for path, alerts in data.items():
        key = PurePosixPath(path.replace("\\", "/")).as_posix()
        piece = names.get(key) or names.get(key.removeprefix("./")) or _Piece(path, "", 0, 1 << 30, 0)
        found.extend((piece, alert_to_finding(piece.display_path, alert, advice)) for alert in alerts)
    return found


def _failed_file(output: str, names: dict[str, str]) -> tuple[str, Finding] | None:
    """(temp path, finding) for the file Vale's error names, when it names one of ours."""
    start = output.find("{")
    try:
        error = json.loads(output[start:]) if start >= 0 else None
    except json.JSONDecodeError:
        return None
    if not isinstance(error, dict) or not error.get("Path"):
        return None
    key = PurePosixPath(str(error["Path"]).replace("\\", "/")).as_posix().removeprefix("./")
    if key not in names:
        return None
    text = str(error.get("Text", "")).strip() or "unreadable"
    line = int(error.get("Line", 1) or 1)
    return key, Finding(names[key], line, 1, "terms.unreadable", Severity.ERROR,
                        f"Vale cannot read this file ({text}); its terminology was not checked",
                        "fix the syntax Vale names (often the front matter's YAML), then check again")
