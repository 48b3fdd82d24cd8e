"""Uploaded pictures: a safe file name and pixels re-encoded from scratch.

Re-encoding (rather than deleting known metadata fields) drops everything that is
not pixels: EXIF with GPS and camera serials, XMP, IPTC, ICC profiles, PNG text
chunks, thumbnails, trailing bytes after the image. The orientation is applied
first so the picture looks the same.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import PurePosixPath

from PIL import Image, ImageOps

from ..errors import CvmbokError
from ..policy.markup_rules import IMAGE_SUFFIXES
from .config import MAX_PICTURE_BYTES

FORMATS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg"), "GIF": (".gif",), "WEBP": (".webp",)}
MAX_PIXELS = 40_000_000
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,60}\.[A-Za-z]{3,4}$")


class PictureError(CvmbokError):
    """An upload the intake will not keep; the message says why and what to send instead."""


def check_name(name: str) -> str:
    """The name as it will be written under contrib/<id>/, or a refusal (no folders, no tricks)."""
    if any(c in name for c in "/\\\x00") or ".." in name or name.startswith("."):
        raise PictureError(f"picture name {name!r} is refused: it contains a folder, '..' or a hidden-file dot; "
                           "rename the file to a plain name such as figure-1.png")
    if not _SAFE_NAME.match(name):
        raise PictureError(f"picture name {name!r} is refused: use letters, digits, '-' or '_' and one extension, "
                           "such as figure-1.png (at most 60 characters)")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise PictureError(f"picture {name!r} has type {suffix!r}; allowed: {', '.join(IMAGE_SUFFIXES)}")
    return name


def reencode(name: str, data: bytes) -> bytes:
    """New image bytes with the same pixels and nothing else, in the format its name says."""
    name = check_name(name)
    if len(data) > MAX_PICTURE_BYTES:
        raise PictureError(f"picture {name!r} is {len(data) / 1e6:.1f} MB; the limit is {MAX_PICTURE_BYTES // 1_000_000} MB "
                           "(save it smaller, e.g. 1600 pixels wide)")
    suffix = PurePosixPath(name).suffix.lower()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
                if kind not in FORMATS:
                    raise PictureError(f"{name!r} is not a PNG, JPEG, GIF or WebP picture")
                if suffix not in FORMATS[kind]:
                    raise PictureError(f"{name!r} is a {kind} picture but its name ends in {suffix}; "
                                       f"rename it to end in {FORMATS[kind][0]}")
                if image.width * image.height > MAX_PIXELS:
                    raise PictureError(f"{name!r} has {image.width}x{image.height} pixels; at most {MAX_PIXELS:,} are accepted")
                image.seek(0)
                upright = ImageOps.exif_transpose(image)
                mode = "RGBA" if "A" in upright.getbands() or upright.mode == "P" and "transparency" in upright.info else "RGB"
                if kind == "JPEG":
                    mode = "RGB"
                pixels = upright.convert(mode)
                clean = Image.frombytes(mode, pixels.size, pixels.tobytes())
    except PictureError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PictureError(f"{name!r} cannot be read as a picture ({exc.__class__.__name__}); save it again as PNG or JPEG") from exc
    out = io.BytesIO()
    if kind == "JPEG":
        clean.save(out, "JPEG", quality=90)
    else:
        clean.save(out, kind)
    return out.getvalue()
