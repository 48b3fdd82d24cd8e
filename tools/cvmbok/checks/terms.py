"""The `terms` check family: the project's Vale style (terminology and editing advice).

All documents go to ONE Vale process (see `cvmbok.vale`); each alert becomes a finding
whose rule keeps Vale's name (`CVMBoK.Terms`, `CVMBoK.Abbreviations`, `Vale.Terms`).
Only the registry-driven substitutions and the vocabulary's exact-case and avoid lists
are errors; everything else is a warning or a suggestion.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..document import Document
from ..errors import UsageError
from ..findings import Finding
from ..terms.registry import REGISTRY, TermRegistry, load_registry
from ..vale import ValeInput, run_vale
from . import Check, CheckContext

PACKAGE_ROOT = Path(__file__).resolve().parents[3]
"""The repository this package lives in (editable install): its .vale.ini serves files outside any clone."""



def find_config(ctx: CheckContext) -> Path:
    for root in ([ctx.repo.root] if ctx.repo is not None else []) + [PACKAGE_ROOT]:
        if (root / ".vale.ini").is_file():
            return root / ".vale.ini"
    raise UsageError("no .vale.ini found: run the check inside a CVMBoK clone")


def advice_for(registry: TermRegistry | None) -> dict[str, str]:
    """Advice that depends on the match, derived from the registry ('Rule:match'); the general
    advice of each rule is its YAML's `description:` (and `cvmbok.rules` for Vale's own rules)."""
    advice: dict[str, str] = {}
    if registry is None:
        return advice
    for term in registry.terms:
        if term.abbr:
            advice[f"CVMBoK.Abbreviations:{term.abbr}"] = f"write '{term.display}' the first time it appears on this page"
            advice[f"CVMBoK.Abbreviations:{term.abbr}s"] = f"write '{term.term}s ({term.abbr}s)' the first time it appears on this page"
        for form in term.avoid:
            advice[f"Vale.Avoid:{form}"] = f"'{form}' is ambiguous here: write '{term.term}' (or the other term you mean) in full"
    return advice


def _load_registry(config: Path) -> TermRegistry | None:
    path = config.parent / REGISTRY
    if not path.is_file():
        return None
    return load_registry(path)


def prose_for_vale(document: Document) -> str:
    """The document with its front matter blanked line for line, except the title.

    Vale reads YAML front matter as text, so `kind: KPI definition` would need 'KPI'
    spelled out. Only the title is prose a reader sees; every other key is data (the
    schema check owns it). Blank lines keep every line number and column in place.
    """
    if document.body_start == 1:
        return document.text
    lines = document.text.split("\n")
    for index in range(document.body_start - 1):
        if not lines[index].startswith("title:"):
            lines[index] = ""
    return "\n".join(lines)


def run(documents: Sequence[Document], ctx: CheckContext) -> list[Finding]:
    if not documents:
        return []
    config = find_config(ctx)
    # A page refused as too deep or too dense already has an error; Vale would take minutes on it.
    inputs = [ValeInput(doc.display_path, prose_for_vale(doc)) for doc in documents if not doc.unparsed]
    registry = _load_registry(config)
    return run_vale(inputs, config, advice=advice_for(registry), once_per_page=once_per_page(registry))


def once_per_page(registry: TermRegistry | None) -> dict[str, list[str]]:
    """The rules that look at the whole page, with the words each reports: CVMBoK.Abbreviations
    asks once per page for every abbreviation of the registry ('spell it out the first time'),
    so a large file linted in chunks must not ask again in each (see `cvmbok.vale.run_vale`)."""
    if registry is None:
        return {}
    return {"CVMBoK.Abbreviations": sorted({term.abbr for term in registry.terms if term.abbr})}


CHECK = Check(
    name="terms",
    run=run,
    order=30,
    description="terminology and editing advice with Vale (styles/CVMBoK, generated from styles/terms.yml)",
    waits_on_a_process=True,
)
