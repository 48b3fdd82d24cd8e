"""The markup policy for contributions, as data: what a practitioner's text may contain.

A contribution ends up in the website, the PDF and the ePub. Anything that can run
script in a reader's browser, read files from the build machine or reach out to the
network is refused here, with the reason, before an editor ever has to spot it.
Ordinary Markdown plus the directives and roles below is enough for every kind of
contribution.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ALLOWED_DIRECTIVES: tuple[str, ...] = (
    "note", "tip", "hint", "important", "attention", "warning", "caution", "seealso",
    "figure", "table",
)
"""Admonitions, figures and captioned tables: they only arrange the contributor's own text."""

BODY_DIRECTIVES: frozenset[str] = frozenset(ALLOWED_DIRECTIVES) - {"figure"}
"""Directives whose content is Markdown (checked again, recursively, by the same rules)."""

ALLOWED_ROLES: tuple[str, ...] = ("term", "ref", "abbr", "sub", "sup", "math")
"""`{term}` links a glossary entry, `{ref}` a labelled place in the book."""

FORBIDDEN_DIRECTIVES: dict[str, str] = {
    "raw": "passes its content unchanged into the HTML or LaTeX output, so it can inject script into the website",
    "include": "pulls another file into the book, which can publish private files from the build machine",
    "literalinclude": "pulls another file into the book, which can publish private files from the build machine",
    "eval-rst": "evaluates reStructuredText, which reopens every directive this policy closes (raw, include ...)",
    "csv-table": "can read a file or a URL at build time",
    "toctree": "changes the structure of the book; editors decide where a contribution goes",
    "image": "is replaced by figure, which keeps a caption with the picture",
}

FORBIDDEN_ROLES: dict[str, str] = {
    "raw": "passes text unchanged into the output, so it can inject script",
    "download": "publishes a file from the build machine",
    "doc": "depends on the contribution's file location; use {ref} with a label instead",
}

IMAGE_SUFFIXES: tuple[str, ...] = (".png", ".jpg", ".jpeg", ".gif", ".webp")
"""No SVG: an SVG file is a document that can carry script."""

SAFE_LINK_SCHEMES: tuple[str, ...] = ("http", "https")
MIN_HEADING, MAX_HEADING = 2, 3
"""The title lives in the front matter; the body uses '##' and '###' only (merge shifts them down)."""

_SCHEME = re.compile(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    fix: str


def directive_violation(name: str) -> Violation | None:
    if name in ALLOWED_DIRECTIVES:
        return None
    if name in FORBIDDEN_DIRECTIVES:
        return Violation(
            "markup.directive-not-allowed",
            f"directive {{{name}}} is not allowed in a contribution: it {FORBIDDEN_DIRECTIVES[name]}",
            f"remove it; allowed directives: {', '.join(ALLOWED_DIRECTIVES)}",
        )
    return Violation(
        "markup.directive-not-allowed",
        f"directive {{{name}}} is not on the contribution allowlist",
        f"use plain Markdown or one of: {', '.join(ALLOWED_DIRECTIVES)}",
    )


def role_violation(name: str) -> Violation | None:
    if name in ALLOWED_ROLES:
        return None
    reason = FORBIDDEN_ROLES.get(name, "is not on the contribution allowlist")
    return Violation("markup.role-not-allowed", f"role {{{name}}} is not allowed in a contribution: it {reason}"
                     if name in FORBIDDEN_ROLES else f"role {{{name}}} {reason}",
                     f"use plain text or one of: {', '.join('{' + r + '}' for r in ALLOWED_ROLES)}")


RAW_HTML = Violation(
    "markup.raw-html",
    "raw HTML is not allowed in a contribution: it can inject script or styling into the website",
    "write it in Markdown (**bold**, *italic*, lists, tables); for a note use :::{note} ... :::",
)


def link_violation(target: str) -> Violation | None:
    """Links may point to the web (http/https) or to an anchor on the same page only."""
    target = target.strip()
    if not target or target.startswith("#"):
        return None
    match = _SCHEME.match(target)
    if match:
        if match.group("scheme").lower() in SAFE_LINK_SCHEMES:
            return None
        return Violation("markup.unsafe-link", f"link scheme '{match.group('scheme')}:' is not allowed: only http and https links are published",
                         "link to a web page with https://, or remove the link")
    return Violation("markup.local-link",
                     f"link to a local file {target!r}: a contribution cannot publish files or rely on its own location",
                     "to point at a place in the book, write {ref}`label`; otherwise link to a web page with https://")


def image_violation(target: str, base: Path) -> Violation | None:
    """An image must be a PNG/JPEG/GIF/WebP file inside the contribution's own folder, not a link."""
    target = target.strip()
    if not target:
        return Violation("markup.image-missing", "image has no file name", "write ![description](my-id/figure.png)")
    if target.startswith("//") or _SCHEME.match(target) and not re.match(r"^[a-zA-Z]:[\\/]", target):
        return Violation("markup.remote-image",
                         f"remote image {target!r}: it would be fetched from another site by every reader and can track them",
                         "download the picture (if you may publish it), put it next to your contribution and link it by file name")
    if target.startswith(("/", "\\", "~")) or re.match(r"^[a-zA-Z]:[\\/]", target):
        return Violation("markup.image-outside",
                         f"image path {target!r} is absolute: only files in the contribution's own folder can be published",
                         "copy the picture into contrib/<your id>/ and write a relative path such as cvm-xxxx/figure.png")
    parts = PurePosixPath(target.replace("\\", "/")).parts
    if ".." in parts:
        return Violation("markup.image-outside",
                         f"image path {target!r} leaves the contribution's folder with '..'",
                         "copy the picture into contrib/<your id>/ and write a relative path without '..'")
    suffix = PurePosixPath(target).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return Violation("markup.image-type",
                         f"image type {suffix or '(none)'!r} is not allowed" + (": an SVG file can carry script" if suffix == ".svg" else ""),
                         f"save the picture as one of: {', '.join(IMAGE_SUFFIXES)}")
    path = base.joinpath(*parts)
    probe = base
    for part in parts:
        probe = probe / part
        if probe.is_symlink():
            return Violation("markup.image-outside",
                             f"image path {target!r} goes through a symbolic link, which can point anywhere on the machine",
                             "replace the link with a copy of the picture itself")
    if not path.is_file():
        return Violation("markup.image-missing", f"image file {target!r} does not exist next to the contribution",
                         "check the file name (it is case-sensitive) and that the picture is in the contribution's folder")
    try:
        real = Path(os.path.realpath(path))
        real.relative_to(Path(os.path.realpath(base)))
    except ValueError:
        return Violation("markup.image-outside", f"image path {target!r} resolves outside the contribution's folder",
                         "copy the picture into contrib/<your id>/")
    return None


def heading_violation(level: int, previous: int, setext: bool) -> Violation | None:
    if setext:
        return Violation("markup.heading-style", "underlined (setext) heading: contributions write headings with '##'",
                         "write the heading on one line starting with '## '")
    if level < MIN_HEADING:
        return Violation("markup.heading-level", "a '#' heading is not allowed: the title comes from the front matter",
                         "delete this heading (put the text in 'title:') or make it a '##' subheading")
    if level > MAX_HEADING:
        return Violation("markup.heading-level", f"heading level {level} is too deep: contributions use '##' and '###' only",
                         "use '##' for parts and '###' for sub-parts")
    if level > previous + 1:
        return Violation("markup.heading-level", f"heading jumps from level {previous} to {level}",
                         "use '##' before the first '###'")
    return None


LABEL = Violation("markup.label-not-allowed",
                  "labels '(name)=' are not allowed in a contribution: merge adds the label insight-<id> itself and a label of yours could clash with the book's",
                  "remove the label; others can link to your insight as {ref}`insight-<id>`")


# -- text the tools read as structure -------------------------------------------------

MARKER = re.compile(r"%\s*CVMBoK\s+(?:contribution\b|insights\s+from\s+practice)", re.IGNORECASE)
"""The merge markers (`% CVMBoK contribution <id> begin/end`, `% CVMBoK insights from practice`),
in any spacing or case: merge finds published text by them, anywhere on a line."""

FORGED_MARKER = Violation(
    "markup.merge-marker",
    "the text contains a CVMBoK merge marker: merge finds published insights by these lines, so a copy in a "
    "contribution would nest it around another insight or delete text on the next merge",
    "remove the line (merge writes the markers itself); to talk about them, describe them in words",
)

TEMPLATE = re.compile(r"\{\{|\{%")
TEMPLATE_SYNTAX = Violation(
    "markup.template",
    "template syntax ('{{' or '{%') is not allowed in a contribution: a template engine would evaluate it "
    "on the build machine",
    "write the text itself; to show braces, put them in `code`",
)


# -- the template's guidance text ------------------------------------------------------

PLACEHOLDER = Violation(
    "markup.template-placeholder",
    "this paragraph is the template's guidance, not your text: a contribution that still holds it is not ready",
    "replace the paragraph with your own words, or delete it",
)

_FENCE_LINE = re.compile(r"^\s*(?::{3,}|`{3,}|~{3,})")


def text_blocks(body: str) -> list[tuple[int, str]]:
    """(first line, words joined by one space) of each run of non-blank lines, fences and
    headings left out: the unit in which a guidance paragraph of the template is recognized."""
    blocks: list[tuple[int, str]] = []
    start, words = 0, list[str]()
    for number, line in enumerate([*body.split("\n"), ""], 1):
        keep = line.strip() and not _FENCE_LINE.match(line) and not line.lstrip().startswith("#")
        if keep:
            start = start or number
            words.extend(line.split())
        elif not line.strip() or words:
            if words:
                blocks.append((start, " ".join(words)))
            start, words = 0, []
    return blocks


def template_placeholders(template_text: str) -> frozenset[str]:
    """The guidance paragraphs of `contrib/TEMPLATE.md` (its body after the front matter):
    the template is the one place they are written, so editing it changes the rule too."""
    body = template_text
    if body.startswith("---"):
        closing = body.find("\n---", 3)
        body = body[closing + 4:] if closing >= 0 else ""
    return frozenset(text for _line, text in text_blocks(body) if len(text) >= 20)


# -- directive options -------------------------------------------------------------------

OptionKind = str
"""'text', 'length', 'percent', 'align', 'widths' or 'link': how an option's value is checked."""

DIRECTIVE_OPTIONS: dict[str, dict[str, OptionKind]] = {
    "figure": {"alt": "text", "width": "length", "height": "length", "scale": "percent",
               "align": "align", "figwidth": "length", "target": "link"},
    "table": {"align": "align", "width": "length", "widths": "widths"},
}
"""The options each allowed directive may carry; admonitions take none. Everything else a
directive accepts is refused, with the reason below when there is a specific one."""

REFUSED_OPTIONS: dict[str, str] = {
    "class": "sets HTML classes, which can make a contributor's text look like the book's own notices or hide it",
    "figclass": "sets HTML classes, which can make a contributor's text look like the book's own notices or hide it",
    "loading": "changes how the browser fetches the picture",
}

_OPTION_FORMS: dict[OptionKind, tuple[re.Pattern[str], str]] = {
    "length": (re.compile(r"^\d+(?:\.\d+)?\s*(?:px|%|em|ex|pt|pc|cm|mm|in)?$"), "a length such as 80% or 400px"),
    "percent": (re.compile(r"^\d{1,3}\s*%?$"), "a percentage such as 50%"),
    "align": (re.compile(r"^(?:left|center|right)$"), "left, center or right"),
    "widths": (re.compile(r"^(?:auto|grid|\d+(?:[ ,]+\d+)*)$"), "auto, grid or column widths such as 30 70"),
}


def option_violation(directive: str, key: str, value: str) -> Violation | None:
    """One `:key: value` of an allowed directive against `DIRECTIVE_OPTIONS`."""
    allowed = DIRECTIVE_OPTIONS.get(directive, {})
    if key == "name":
        return LABEL
    kind = allowed.get(key)
    if kind is None:
        reason = REFUSED_OPTIONS.get(key, "is not on the contribution allowlist")
        listed = ", ".join(f":{k}:" for k in allowed) or "none"
        return Violation("markup.option-not-allowed",
                         f"option :{key}: of {{{directive}}} is not allowed in a contribution: it {reason}"
                         if key in REFUSED_OPTIONS else f"option :{key}: of {{{directive}}} {reason}",
                         f"remove it; options allowed on {{{directive}}}: {listed}")
    text = value.strip()
    if kind == "link":
        return link_violation(text) if text else Violation("markup.unsafe-link", f":{key}: has no link", "remove the option")
    if kind == "text":
        if "\n" in text or any(ord(c) < 32 for c in text) or len(text) > 300:
            return Violation("markup.option-value", f":{key}: must be one line of plain text (at most 300 characters)",
                             "describe the picture in one sentence")
        return None
    pattern, expected = _OPTION_FORMS[kind]
    if not pattern.match(text):
        return Violation("markup.option-value", f":{key}: {text!r} is not {expected}", f"write {expected}")
    return None


# -- math --------------------------------------------------------------------------------

MATH_COMMANDS: frozenset[str] = frozenset("""
    frac dfrac tfrac sqrt sum prod int iint oint lim log ln exp min max sup inf arg det
    times cdot div pm mp ast star circ bullet leq le geq ge neq ne approx equiv sim simeq cong propto
    ll gg infty partial nabla prime left right middle big Big bigg Bigg bigl bigr Bigl Bigr
    mathrm mathbf mathit mathsf mathtt mathcal mathbb boldsymbol text textrm textbf textit operatorname
    overline underline overbrace underbrace hat widehat bar tilde widetilde vec dot ddot
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi
    rho varrho sigma varsigma tau upsilon phi varphi chi psi omega
    Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega
    in notin ni subset subseteq supset supseteq cup cap bigcup bigcap setminus emptyset varnothing
    forall exists neg lnot land lor wedge vee to rightarrow leftarrow Rightarrow Leftarrow
    leftrightarrow Leftrightarrow mapsto implies iff uparrow downarrow
    ldots cdots vdots ddots dots quad qquad binom choose over atop mid vert Vert lvert rvert lVert rVert
    langle rangle lfloor rfloor lceil rceil displaystyle textstyle scriptstyle
    begin end mod bmod pmod percent not limits nolimits stackrel overset underset substack
""".split())
"""The TeX commands `{math}` may use: plain formulas. Anything else could read files in the
PDF build (`\\input`), define macros, or link and style in the browser (`\\href`, `\\class`)."""

MATH_ENVIRONMENTS: frozenset[str] = frozenset({"cases", "aligned", "gathered", "split", "matrix", "pmatrix",
                                                "bmatrix", "vmatrix", "Vmatrix", "array"})

_MATH_COMMAND = re.compile(r"\\([A-Za-z]+)")
_MATH_ENVIRONMENT = re.compile(r"\\(?:begin|end)\s*\{([^}]*)\}")


def math_violation(formula: str) -> Violation | None:
    """A formula for `{math}`: only the commands and environments above, no TeX character codes."""
    if "^^" in formula:
        return Violation("markup.math-command", "'^^' (a TeX character code) is not allowed in {math}",
                         "write the formula with ordinary characters")
    for match in _MATH_COMMAND.finditer(formula):
        if match.group(1) not in MATH_COMMANDS:
            return Violation("markup.math-command",
                             f"TeX command \\{match.group(1)} is not allowed in {{math}}: only formula commands are "
                             "(\\frac, \\sum, \\times, Greek letters ...)",
                             "write the formula with the common commands, or describe it in words")
    for match in _MATH_ENVIRONMENT.finditer(formula):
        if match.group(1).strip() not in MATH_ENVIRONMENTS:
            return Violation("markup.math-command", f"environment {match.group(1)!r} is not allowed in {{math}}",
                             f"use one of: {', '.join(sorted(MATH_ENVIRONMENTS))}")
    return None


# -- titles and labels -------------------------------------------------------------------

def title_violation(kind: str) -> Violation:
    """The front-matter title is shown as a heading and in every page's navigation: plain text only."""
    what = {"html_inline": "raw HTML", "myst_role": "a role", "link_open": "a link", "image": "an image",
            "footnote_ref": "a footnote"}.get(kind, kind)
    return Violation("markup.title", f"the title contains {what}: it is shown in the heading and in the navigation "
                     "of every page, so it must be plain text",
                     "write the title as plain words (emphasis with * and `code` are fine)")


FOOTNOTE_LABEL = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
FOOTNOTE_LABEL_VIOLATION = Violation("markup.footnote-label",
                                     "a footnote label may hold only letters, digits, '-' and '_' (at most 40)",
                                     "number your footnotes: [^1], [^2] ...")


KNOWN_TOKENS: frozenset[str] = frozenset("""
    paragraph_open paragraph_close heading_open heading_close inline text softbreak hardbreak text_special
    em_open em_close strong_open strong_close code_inline link_open link_close image html_inline html_block
    blockquote_open blockquote_close bullet_list_open bullet_list_close ordered_list_open ordered_list_close
    list_item_open list_item_close hr code_block fence colon_fence
    table_open table_close thead_open thead_close tbody_open tbody_close tr_open tr_close th_open th_close td_open td_close
    dl_open dl_close dt_open dt_close dd_open dd_close
    field_list_open field_list_close fieldlist_name_open fieldlist_name_close fieldlist_body_open fieldlist_body_close
    footnote_ref footnote_reference_open footnote_reference_close
    myst_role myst_target myst_line_comment myst_block_break
""".split())
"""Every token the policy knows how to judge. The parser is MyST's own, so a new MyST
extension in `MYST_EXTENSIONS` brings new tokens: they are refused until a rule here
says what is safe about them, rather than passing unseen."""


def unknown_syntax(token_type: str) -> Violation:
    return Violation("markup.unsupported-syntax",
                     f"this markup ({token_type}) is not known to the contribution checker, so it cannot be published",
                     "write it as ordinary Markdown (paragraphs, lists, tables, **bold**, *italic*, links)")
