"""The catalogue of rule ids: every finding the tools can report, with its severity and what it means.

One source of truth for `cvmbok check --list-rules`, the contributors' rule list
(`contrib/RULES.md`, generated) and the tests (a test fails when code reports a rule
id that is not here, or when an id here is reported nowhere). Vale's rules live in
their own YAML files under `styles/CVMBoK/` (severity `level:`, advice `description:`)
and are read from there, so they are written down once too.

A rule id is stable: renaming one breaks editors' searches and CI annotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .findings import Severity

E, W, S = Severity.ERROR, Severity.WARNING, Severity.SUGGESTION


@dataclass(frozen=True)
class Rule:
    """One rule: `severity` is the most severe level it reports (some leak rules lower
    themselves to a warning without company context); `family` is the check that owns it."""

    id: str
    severity: Severity
    family: str
    summary: str
    fix: str = ""


def _rules(family: str, *entries: tuple[str, Severity, str] | tuple[str, Severity, str, str]) -> list[Rule]:
    return [Rule(e[0], e[1], family, e[2], e[3] if len(e) > 3 else "") for e in entries]


PYTHON_RULES: tuple[Rule, ...] = tuple([
    *_rules(
        "file",
        ("file.too-large", E, "the file is larger than a contribution can be"),
        ("file.too-dense", E, "a file with so much markup (lines, block starts, markup characters, table cells) that it is not parsed"),
        ("file.encoding", E, "the file is not UTF-8 text"),
        ("file.binary", E, "the file holds NUL bytes: it is not a text file"),
        ("file.unreadable", E, "the file cannot be read (permissions, a folder, a special file)"),
        ("file.outside", E, "a symbolic link to a file outside the repository"),
        ("file.not-regular", E, "a pipe, device or other special file named like a Markdown file"),
    ),
    *_rules(
        "frontmatter",
        ("schema.yaml", E, "the front matter is not valid YAML"),
        ("schema.yaml-duplicate-key", E, "a front-matter key written twice (which one counts would be a guess)"),
        ("schema.yaml-merge-key", E, "a YAML merge key (<<) in the front matter"),
        ("schema.yaml-tag", E, "an explicit YAML tag (!!binary, !!python/..., !!timestamp ...) in the front matter"),
        ("schema.yaml-alias", E, "a YAML alias (*name) in the front matter"),
        ("schema.yaml-anchor", E, "a YAML anchor (&name) in the front matter"),
        ("schema.yaml-complex-key", E, "a front-matter key that is not a plain string"),
        ("schema.yaml-depth", E, "front matter nested deeper than anything a contribution needs"),
        ("schema.history", E, "a review history the tools would not have written (order, dates, outcomes)"),
        ("schema.missing-front-matter", E, "the file has no front matter block, or it is not closed"),
        ("schema.missing-field", E, "a required front-matter field is missing"),
        ("schema.unknown-field", E, "a front-matter field the schema does not know"),
        ("schema.wrong-type", E, "a front-matter value has the wrong type"),
        ("schema.invalid-value", E, "a front-matter value is not one of the allowed values"),
        ("schema.unknown-section", E, "the section is not a chapter of the book that can hold an insight"),
        ("schema.inconsistent", E, "front-matter fields contradict each other (status, history, merged)"),
        ("schema.duplicate-id", E, "two contributions use the same id"),
        ("schema.id-filename", E, "the file name does not start with the contribution's id"),
    ),
    *_rules(
        "markup",
        ("markup.raw-html", E, "raw HTML in a contribution"),
        ("markup.directive-not-allowed", E, "a directive that can read files, run code or emit raw output"),
        ("markup.role-not-allowed", E, "a role that contributions may not use"),
        ("markup.unsafe-link", E, "a link with a scheme other than http, https or an email link"),
        ("markup.local-link", E, "a link to a file on the build machine"),
        ("markup.remote-image", E, "a picture loaded from another site"),
        ("markup.image-outside", E, "a picture outside the contribution's own folder"),
        ("markup.image-missing", E, "a picture that does not exist"),
        ("markup.image-type", E, "a picture of a type the editions cannot show"),
        ("markup.heading-level", E, "a heading that skips a level or starts above the insight's level"),
        ("markup.heading-style", E, "a heading underlined with '===' or '---' instead of written with '#'"),
        ("markup.label-not-allowed", E, "a '(label)=' target: merge gives each insight its own label"),
        ("markup.template-placeholder", E, "a paragraph of the template's guidance left in place of the contributor's text"),
        ("markup.unknown-term", E, "a {term} link to a term the glossary does not have"),
        ("markup.unknown-ref", E, "a {ref} link to a label the book does not have"),
        ("markup.too-deep", E, "Markdown nested too deeply to be parsed safely"),
        ("markup.template", E, "template syntax ('{{' or '{%') that a template engine would evaluate"),
        ("markup.merge-marker", E, "the text imitates a merge marker of the book's chapters"),
        ("markup.option-not-allowed", E, "a directive option contributions may not set (classes, names, unknown options)"),
        ("markup.option-value", E, "a directive option whose value is unsafe (a script link, a path)"),
        ("markup.math-command", E, "a command in a formula outside the allowed set (file input, links)"),
        ("markup.title", E, "markup in the title, which every page's navigation shows"),
        ("markup.footnote-label", E, "a footnote label that is not a plain word or number"),
        ("markup.unsupported-syntax", E, "markup the contribution checker does not know, so it cannot be published"),
    ),
    *_rules(
        "images",
        ("image.unreadable", E, "a picture that cannot be decoded"),
        ("image.too-large", E, "a picture with more pixels or bytes than are read (a decompression bomb, or a photo at full size)",
         "save it smaller, at most a few thousand pixels wide, and check again"),
        ("image.metadata", E, "a picture that carries identifying metadata (EXIF, XMP, IPTC, text chunks)"),
    ),
    *_rules(
        "leaks",
        ("leak.company", E, "a registered company's name"),
        ("leak.brand", E, "a registered company's brand or product"),
        ("leak.domain", E, "a registered company's web domain or email domain"),
        ("leak.person", E, "a registered private person's name"),
        ("leak.person-unchecked", W, "private names could not be checked (no key, or a damaged hash store)"),
        ("leak.person-name", W, "something that looks like a person's name"),
        ("leak.email", W, "an email address"),
        ("leak.phone", W, "a phone number"),
        ("leak.url", W, "a link to a site outside the allowlist"),
        ("leak.legal-entity", W, "an organization's name with a legal form such as a limited company's suffix"),
        ("leak.organization", W, "something shaped like an organization's name (an industry word, company context)"),
        ("leak.reidentifying", W, "detail that narrows the source down (exact figures, rank, dates)"),
    ),
    *_rules(
        "reader",
        ("reader.html.broken-link", E, "an internal link of the HTML edition leads nowhere"),
        ("reader.html.broken-anchor", E, "an internal link names an anchor the page does not have"),
        ("reader.html.third-party", E, "a page of the HTML edition refers to a resource on another site"),
        ("reader.html.third-party-request", E, "the browser requested something from another site while showing a page"),
        ("reader.a11y.page-load", E, "a page of the HTML edition did not load in the browser"),
        ("reader.a11y.*", E, "an axe-core accessibility violation (serious or critical is an error)"),
        ("reader.pdf.unreadable", E, "the PDF cannot be read"),
        ("reader.pdf.no-fonts", E, "the PDF reports no fonts"),
        ("reader.pdf.font-not-embedded", E, "a font of the PDF is not embedded"),
        ("reader.pdf.no-bookmark", E, "a section of the book has no PDF bookmark"),
        ("reader.pdf.lang", E, "the PDF does not declare its language"),
        ("reader.pdf.title", E, "the PDF's title metadata is not the book's title"),
        ("reader.pdf.text-not-extractable", E, "the PDF's text cannot be extracted"),
        ("reader.pdf.reading-order", E, "the PDF's text does not come out in reading order"),
        ("reader.epub.no-package", E, "the ePub has no package document"),
        ("reader.epub.no-nav", E, "the ePub has no navigation document"),
        ("reader.epub.nav-broken-link", E, "an entry of the navigation of the ePub leads nowhere"),
        ("reader.epub.nav-missing-section", E, "a section of the book is missing from the navigation of the ePub"),
    ),
])

VALE_BUILTINS: tuple[Rule, ...] = tuple(_rules(
    "terms",
    ("Vale.Avoid", E, "a form the vocabulary rejects", "rephrase without this form (see styles/terms.yml)"),
    ("Vale.Terms", E, "a vocabulary word in the wrong case", "write the word as the vocabulary spells it"),
    ("Vale.Spelling", W, "a word Vale's dictionary does not know",
     "correct the spelling; if the word is right, add it to `vocabulary:` in styles/terms.yml and run `cvmbok terms generate`"),
    ("Vale.Repetition", W, "a word repeated by mistake", "delete the second one"),
))

FAMILY_TITLES = {
    "file": "Reading the file", "frontmatter": "Front matter", "markup": "Markup", "images": "Pictures",
    "leaks": "Names and other leaks", "reader": "Reader checks of the built editions",
    "terms": "Terminology and style, checked by Vale",
}

_SEVERITY = {"error": E, "warning": W, "suggestion": S}


def vale_rules(style_dir: Path) -> list[Rule]:
    """The project's Vale rules as written in their YAML: id, level and `description:` (the fix)."""
    rules = []
    for path in sorted(style_dir.glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue  # Vale itself reports a broken rule file
        if not isinstance(data, dict):
            continue
        summary = next((line.lstrip("# ").split(": ", 1)[-1] for line in path.read_text(encoding="utf-8").splitlines()
                        if line.startswith("#")), str(data.get("message", "")))
        summary = re.sub(r"\s*\((error|warning|suggestion)\)\.?$", "", summary.strip())
        rules.append(Rule(f"{style_dir.name}.{path.stem}", _SEVERITY.get(str(data.get("level", "warning")), W),
                          "terms", summary, str(data.get("description", ""))))
    return rules


def catalogue(style_dir: Path | None = None) -> list[Rule]:
    """Every rule, Python's and (when the style folder is known) Vale's, sorted by id."""
    rules = [*PYTHON_RULES, *VALE_BUILTINS, *(vale_rules(style_dir) if style_dir is not None else [])]
    return sorted(rules, key=lambda r: r.id)


def lookup(rule_id: str, rules: list[Rule] | None = None) -> Rule | None:
    """The rule with this id; `reader.a11y.color-contrast` is found through `reader.a11y.*`."""
    for rule in rules if rules is not None else catalogue():
        if rule.id == rule_id or (rule.id.endswith(".*") and rule_id.startswith(rule.id[:-1])):
            return rule
    return None


def builtin_fix(rule_id: str) -> str:
    """Advice for a rule of Vale's own (which has no YAML of ours to carry it)."""
    rule = next((r for r in VALE_BUILTINS if r.id == rule_id), None)
    return rule.fix if rule else ""


def render_markdown(rules: list[Rule]) -> str:
    """The contributors' rule list (`contrib/RULES.md`), one table per check family."""
    out = [
        "# The rules `cvmbok check` applies",
        "",
        "Generated by `cvmbok check --list-rules --format markdown > contrib/RULES.md`; do not edit by hand.",
        "Every finding names one of these rules. Errors must be fixed before an insight about",
        "customer value management (CVM) can be accepted; warnings are for you and the editor to judge.",
    ]
    for family in sorted({r.family for r in rules}):
        out += ["", f"## {FAMILY_TITLES.get(family, family.capitalize())} (`{family}`)", "", "| rule | severity | what it finds | how to fix it |", "|---|---|---|---|"]
        for rule in (r for r in rules if r.family == family):
            fix = rule.fix.replace("|", "\\|") or "see the finding's message"
            out.append(f"| `{rule.id}` | {rule.severity.value} | {rule.summary.replace('|', '/')} | {fix} |")
    return "\n".join(out) + "\n"
