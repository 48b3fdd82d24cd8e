"""Images shown by contributions: metadata that can name a person, a device or a place is an error.

Only images the markup policy accepts (inside the contribution's folder, a known
type) are opened; the fix is `cvmbok strip-metadata FILE`, which keeps the pixels.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..policy import markup_rules as policy
from ..document import Document
from ..findings import Finding, Severity
from . import Check, CheckContext
from ..policy.markup import image_targets


def _position(document: Document, target: str) -> tuple[int, int]:
    for number, line in enumerate(document.text.split("\n"), 1):
        index = line.find(target)
        if index >= 0 and number >= document.body_start:
            return number, index + 1
    return document.body_start, 1


def _book_picture(target: str, base: Path, root: Path | None) -> bool:
    """A picture a book page shows: a local raster file inside the repository (pages may use ../_static)."""
    if root is None or "://" in target or target.startswith("//"):
        return False
    path = (base / target).resolve()
    try:
        path.relative_to(root.resolve())
    except ValueError:
        return False
    return path.suffix.lower() in policy.IMAGE_SUFFIXES and path.is_file()


def check_document(document: Document, book_root: Path | None = None) -> list[Finding]:
    """Identifying metadata in the pictures a document shows.

    Contributions follow the markup policy (pictures in their own folder only); book
    pages (`book_root` given) may show any picture inside the repository.
    """
    targets = dict.fromkeys(image_targets(document))
    if not targets:
        return []
    # Pillow is imported only when a page shows a picture: most contributions have none,
    # and every `cvmbok check` would otherwise pay for it before Vale could start.
    from ..policy.images import PictureError, PictureTooLarge, identifying_metadata

    findings = []
    base = document.path.parent
    for target in targets:
        if book_root is not None:
            if not _book_picture(target, base, book_root):
                continue
        elif policy.image_violation(target, base) is not None:
            continue  # the markup check reports it; never open a file outside the folder
        line, column = _position(document, target)
        try:
            fields = identifying_metadata(base / target)
        except PictureTooLarge as exc:
            findings.append(Finding(document.display_path, line, column, "image.too-large", Severity.ERROR,
                                    f"image {target!r}: {exc.reason}", exc.fix, target))
            continue
        except PictureError as exc:
            findings.append(Finding(document.display_path, line, column, "image.unreadable", Severity.ERROR,
                                    f"image {target!r}: {exc.reason}", exc.fix, target))
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
        elif ctx.repo is not None:
            findings.extend(check_document(document, ctx.repo.root))
    return findings


CHECK = Check(
    name="images",
    run=run,
    order=25,
    description="images in contributions and book pages: EXIF, IPTC, XMP, ICC, text and trailing data that can identify a person, device or place",
)
