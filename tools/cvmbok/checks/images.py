"""Images shown by contributions: metadata that can name a person, a device or a place is an error.

Only images the markup policy accepts (inside the contribution's folder, a known
type) are opened; the fix is `cvmbok strip-metadata FILE`, which keeps the pixels.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..policy import markup_rules as policy
from ..policy.images import identifying_metadata
from ..document import Document
from ..errors import CvmbokError
from ..findings import Finding, Severity
from . import Check, CheckContext
from ..policy.markup import image_targets


def _position(document: Document, target: str) -> tuple[int, int]:
    for number, line in enumerate(document.text.split("\n"), 1):
        index = line.find(target)
        if index >= 0 and number >= document.body_start:
            return number, index + 1
    return document.body_start, 1


def check_document(document: Document) -> list[Finding]:
    findings = []
    base = document.path.parent
    for target in dict.fromkeys(image_targets(document)):
        if policy.image_violation(target, base) is not None:
            continue  # the markup check reports it; never open a file outside the folder
        line, column = _position(document, target)
        try:
            fields = identifying_metadata(base / target)
        except CvmbokError:
            findings.append(Finding(document.display_path, line, column, "image.unreadable", Severity.ERROR,
                                    f"image {target!r} cannot be read as a picture", "save it again as PNG or JPEG", target))
            continue
        if fields:
            findings.append(Finding(
                document.display_path, line, column, "image.metadata", Severity.ERROR,
                f"image {target!r} carries metadata that can identify a person, a device or a place: {', '.join(fields)}",
                f"run `cvmbok strip-metadata {(Path(document.display_path).parent / target).as_posix()}` (keeps the picture, drops the metadata)",
                target))
    return findings


def run(documents: Sequence[Document], ctx: CheckContext) -> list[Finding]:
    findings: list[Finding] = []
    for document in documents:
        if ctx.is_contribution(document):
            findings.extend(check_document(document))
    return findings


CHECK = Check(
    name="images",
    run=run,
    order=25,
    description="images in contributions: EXIF, XMP and text metadata that can identify a person, device or place",
)
