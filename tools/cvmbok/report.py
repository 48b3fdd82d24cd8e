"""Reporters: the same findings as text for people, JSON for tools, GitHub annotations for CI.

Reporters only format. They never decide the exit code and never filter.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import groupby
from typing import Callable, Sequence

from .findings import Finding, Severity


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(findings: Sequence[Finding], files_checked: int) -> str:
    counts = Counter(f.severity for f in findings)
    parts = [
        _plural(counts[Severity.ERROR], "error"),
        _plural(counts[Severity.WARNING], "warning"),
        _plural(counts[Severity.SUGGESTION], "suggestion"),
    ]
    return f"{', '.join(parts)} in {_plural(files_checked, 'file')} checked"


def format_text(findings: Sequence[Finding], files_checked: int) -> str:
    """Grouped per file, each finding as `path:line:col: severity rule: message` plus its fix."""
    lines: list[str] = []
    for path, group in groupby(findings, key=lambda f: f.path):
        items = list(group)
        lines.append(f"{path} ({_plural(len(items), 'finding')})")
        for f in items:
            lines.append(f"  {f.path}:{f.line}:{f.column}: {f.severity.value} [{f.rule}] {f.message}")
            if f.fix:
                lines.append(f"      fix: {f.fix}")
    lines.append(summary_line(findings, files_checked))
    return "\n".join(lines) + "\n"


def format_json(findings: Sequence[Finding], files_checked: int) -> str:
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2) + "\n"


def _github_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


LEAK_CATEGORY = {
    "leak.person": "a person's name", "leak.person-name": "a person's name",
    "leak.email": "an e-mail address", "leak.phone": "a phone number", "leak.url": "a link outside the allowlist",
    "leak.legal-entity": "an organization's name", "leak.reidentifying": "re-identifying detail",
}
_NEUTRAL_FIX = re.compile(r"replace it with (?P<what>[^;]+)")


def leak_category(f: Finding) -> str:
    """What kind of thing a leak finding found, without the thing itself ("a telecom operator")."""
    if f.rule in LEAK_CATEGORY:
        return LEAK_CATEGORY[f.rule]
    match = _NEUTRAL_FIX.search(f.fix)
    return match.group("what").strip() if match else "a registered name"


def public_message(f: Finding) -> str:
    """The annotation text. A CI log is public, so a leak finding never repeats what it matched:
    only the rule and the category, and where to look."""
    if not f.rule.startswith("leak."):
        return f.message + (f" Fix: {f.fix}" if f.fix else "")
    return (f"a name or detail that can identify a source was found here ({leak_category(f)}); "
            "run `cvmbok check` on your copy to see it (this public log does not repeat it)")


def format_github(findings: Sequence[Finding], files_checked: int) -> str:
    """GitHub Actions workflow commands, shown as annotations on the pull request diff."""
    out = []
    for f in findings:
        message = public_message(f)
        out.append(
            f"::{_GITHUB_LEVEL[f.severity]} file={_github_escape(f.path, prop=True)},"
            f"line={f.line},col={f.column},title={_github_escape(f.rule, prop=True)}::"
            f"{_github_escape(message)}"
        )
    out.append(summary_line(findings, files_checked))
    return "\n".join(out) + "\n"


REPORTERS: dict[str, Callable[[Sequence[Finding], int], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
