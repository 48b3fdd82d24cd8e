"""Image metadata that can identify a person, a device or a place: find it, and strip it.

A photo from a phone carries the owner's name, the camera's serial number and the GPS
position of the office in its EXIF block; a screenshot can carry the author and the
machine in PNG text chunks or XMP. None of that may reach the book.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import CvmbokError
from ..fileio import atomic_write_bytes

IDENTIFYING_EXIF: dict[int, str] = {
    0x010E: "ImageDescription",
    0x010F: "Make",
    0x0110: "Model",
    0x0131: "Software",
    0x013B: "Artist",
    0x013C: "HostComputer",
    0x8298: "Copyright",
    0x8825: "GPSInfo",
    0x9C9D: "XPAuthor",
    0x9C9C: "XPComment",
    0xA430: "CameraOwnerName",
    0xA431: "BodySerialNumber",
    0xA435: "LensSerialNumber",
    0x927C: "MakerNote",
    0x9286: "UserComment",
}
EXIF_IFD = 0x8769
IDENTIFYING_INFO = ("comment", "xmp", "XML:com.adobe.xmp", "Author", "Description", "Comment", "Software", "Copyright",
                    "Title", "Source", "Disclaimer", "Warning", "Creation Time")


def identifying_metadata(path: Path) -> list[str]:
    """Names of the metadata fields in the image at `path` that can identify someone or somewhere."""
    try:
        with Image.open(path) as image:
            image.load()
            found = []
            exif = image.getexif()
            tags = dict(exif)
            try:
                tags.update(exif.get_ifd(EXIF_IFD))
            except (KeyError, ValueError):
                pass
            found += [name for tag, name in IDENTIFYING_EXIF.items() if tag in tags]
            found += [f"{key} text" for key in image.info if key in IDENTIFYING_INFO]
            text = getattr(image, "text", None) or {}
            found += [f"{key} text" for key in text if key not in image.info]
            return sorted(set(found))
    except (UnidentifiedImageError, OSError) as exc:
        raise CvmbokError(f"{path}: not a readable image ({exc})") from exc


def strip_metadata(path: Path) -> bool:
    """Rewrite the image at `path` with its pixels only (orientation applied). True if it changed."""
    if not identifying_metadata(path):
        return False
    with Image.open(path) as image:
        image_format = image.format or "PNG"
        upright = ImageOps.exif_transpose(image)
        clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())  # pixels only, no info
        palette = upright.getpalette() if upright.mode == "P" else None
        if palette:
            clean.putpalette(palette)
    buffer = io.BytesIO()
    options = {"quality": 95} if image_format == "JPEG" else {}
    clean.save(buffer, format=image_format, **options)
    atomic_write_bytes(path, buffer.getvalue())
    return True
