"""`cvmbok new`: start a contribution from the template, with a fresh id."""

from __future__ import annotations

import argparse
import json
import string
import sys
from pathlib import Path

from ..policy import schema
from ..contributions.ids import new_id
from ..contributions.slug import slugify
from ..contributions.store import today
from ..policy.files import TEMPLATE_NAME
from ..fileio import atomic_write
from ..errors import CvmbokError, UsageError
from ..repo import Repo, find_repo
from ..sections import chapter_index

NAME = "new"
HELP = "start a new contribution in contrib/ from the template"
DESCRIPTION = """\
Write contrib/<id>-<slug>.md from the template with a new, unique id, and print
its path. Asks for whatever is not given as a flag; with --non-interactive (or when
nobody is at the keyboard) it fails instead of asking.

Your name, your employer and your colleagues' names never go into the file."""

QUESTIONS = ("title", "section", "kind", "industry", "region")
DEFAULTS = {"region": "global", "publish": "yes", "acknowledge": "no"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", help="a short title (5-120 characters)")
    parser.add_argument("--section", help="section id or SECTION/PAGE (see `cvmbok sections --chapters`)")
    parser.add_argument("--kind", help="one of: " + ", ".join(schema.KINDS))
    parser.add_argument("--industry", help="one of: " + ", ".join(schema.INDUSTRIES))
    parser.add_argument("--region", help="coarse region, never a country (default: global); one of: " + ", ".join(schema.REGIONS))
    parser.add_argument("--publish", choices=("yes", "no"), help="may the editors publish it? (default: yes)")
    parser.add_argument("--acknowledge", choices=("yes", "no"),
                        help="thank you by name in section 8? (default: no; your name is sent to an editor separately)")
    parser.add_argument("--non-interactive", action="store_true", help="never ask; fail when a required flag is missing")


def _normalize(field: str, value: str, allowed: tuple[str, ...]) -> str:
    folded = {a.casefold().replace(" ", "-"): a for a in allowed}
    key = value.strip().casefold().replace(" ", "-").replace("_", "-")
    if key in folded:
        return folded[key]
    raise UsageError(f"--{field} {value!r} is not allowed; allowed: {', '.join(allowed)}")


def _choices(repo: Repo) -> dict[str, tuple[str, ...]]:
    return {
        "section": tuple(chapter_index(repo.source)),
        "kind": schema.KINDS,
        "industry": schema.INDUSTRIES,
        "region": schema.REGIONS,
    }


def _ask(field: str, options: tuple[str, ...] | None) -> str:
    if options:
        print(f"{field}:", file=sys.stderr)
        for number, option in enumerate(options, 1):
            print(f"  {number:2}. {option}", file=sys.stderr)
    while True:
        print(f"{field}{' (number or text)' if options else ''}: ", end="", file=sys.stderr, flush=True)
        line = sys.stdin.readline()
        if not line:
            raise UsageError(f"no answer for {field} (end of input); pass --{field} instead")
        answer = line.strip()
        if options and answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1]
        if answer:
            return answer


def gather(args: argparse.Namespace, repo: Repo) -> dict[str, str]:
    """The answers from flags and, when allowed, from questions; validated against the schema."""
    choices = _choices(repo)
    values: dict[str, str] = {}
    interactive = not args.non_interactive and sys.stdin is not None and sys.stdin.isatty()
    missing = [f for f in ("title", "section", "kind", "industry") if not getattr(args, f)]
    if missing and not interactive:
        flags = " ".join(f"--{f} ..." for f in missing)
        reason = "--non-interactive was given" if args.non_interactive else "there is no terminal to ask on"
        raise UsageError(f"missing {flags} ({reason}); see `cvmbok new --help` for the allowed values")
    for field in QUESTIONS:
        value = getattr(args, field)
        if value is None and field in DEFAULTS and not interactive:
            value = DEFAULTS[field]
        if value is None:
            value = _ask(field, choices.get(field))
        if field == "section":
            if value.strip() not in choices["section"]:
                raise UsageError(f"--section {value!r} is not a section or chapter of the book; run `cvmbok sections --chapters`")
            value = value.strip()
        elif field in choices:
            value = _normalize(field, value, choices[field])
        values[field] = value.strip()
    title = values["title"]
    if not 5 <= len(title) <= 120 or "\n" in title:
        raise UsageError(f"--title must be one line of 5 to 120 characters (got {len(title)})")
    values["publish"] = args.publish or DEFAULTS["publish"]
    values["acknowledge"] = args.acknowledge or DEFAULTS["acknowledge"]
    return values


def render_template(template: str, values: dict[str, str], contribution_id: str) -> str:
    return string.Template(template).substitute(
        id=contribution_id,
        title=json.dumps(values["title"], ensure_ascii=False),
        section=values["section"],
        kind=values["kind"],
        industry=values["industry"],
        region=values["region"],
        publish=values["publish"],
        acknowledge=values["acknowledge"],
        date=today().isoformat(),
        kinds=", ".join(schema.KINDS),
        industries=", ".join(schema.INDUSTRIES),
        regions=", ".join(schema.REGIONS),
    )


def run(args: argparse.Namespace) -> int:
    repo = find_repo()
    template_path = repo.contrib / TEMPLATE_NAME
    if not template_path.is_file():
        raise CvmbokError(f"the template {repo.relative(template_path)} is missing; restore it from version control")
    values = gather(args, repo)
    contribution_id = new_id(repo)
    target = repo.contrib / f"{contribution_id}-{slugify(values['title'])}.md"
    if target.exists():  # cannot happen with a fresh id; never overwrite anyone's text
        raise CvmbokError(f"{repo.relative(target)} exists already")
    try:
        text = render_template(template_path.read_text(encoding="utf-8"), values, contribution_id)
    except (KeyError, ValueError) as exc:
        raise CvmbokError(f"the template {repo.relative(template_path)} has an unknown placeholder: {exc}") from exc
    atomic_write(target, text)
    print(repo.relative(target))
    print(f"created {contribution_id}: write your text in {repo.relative(target)}, then run "
          f"`cvmbok check {repo.relative(target)}`", file=sys.stderr)
    return 0


__all__ = ["run", "add_arguments", "Path"]
