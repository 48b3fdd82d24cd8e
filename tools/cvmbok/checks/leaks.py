"""The `leaks` check: registered names (raw and as a reader sees them), and what no registry lists.

Every file is scanned whole (front matter, code, comments and link targets too);
see `cvmbok.names` for how names are normalized and matched.
"""

from __future__ import annotations

from typing import Sequence

from ..document import Document
from ..findings import Finding
from . import Check, CheckContext


def run(documents: Sequence[Document], ctx: CheckContext) -> list[Finding]:
    # Imported here, not at the top: discovering the families must stay cheap so that the
    # runner can start Vale before the engines load (their import overlaps Vale's run).
    from ..names.loading import build_scanner

    scanner, notices = build_scanner(ctx.repo.root if ctx.repo else None, ctx.names_file)
    findings: list[Finding] = list(notices) if documents else []
    for document in documents:
        findings.extend(scanner.scan(document.text, document.display_path))
    return findings


CHECK = Check(
    "leaks", run, order=40,
    description=("registered company, brand, ticker, domain and person names, also disguised; unregistered "
                 "people and organizations; e-mails, phones, URLs; re-identifying detail with registry counts"),
)
