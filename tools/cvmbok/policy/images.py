"""Image metadata that can identify a person, a device or a place: find it, and strip it.

A photo from a phone carries the owner's name, the camera's serial number and the GPS
position of the office in its EXIF block; a screenshot can carry the author and the
machine in PNG text chunks or XMP. None of that may reach the book.
"""

from __future__ import annotations

import io
import re
import warnings
import shutil
import subprocess
from pathlib import Path

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

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


STANDARD_ICC = ("srgb", "display p3", "adobe rgb", "generic", "prophoto", "rec. 2020", "rec2020", "rec. 709",
                "dci-p3", "gray gamma", "dot gain", "linear", "image p3", "cie rgb", "apple rgb", "colormatch")
"""ICC profile descriptions that name a colour space, not a device or its owner."""


def _icc_fields(profile: bytes) -> list[str]:
    """The ICC profile's description and copyright, when they are not a standard colour space."""
    try:
        from PIL import ImageCms

        opened = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        description = (ImageCms.getProfileDescription(opened) or "").strip()
        copyright_ = (ImageCms.getProfileCopyright(opened) or "").strip()
    except (OSError, ValueError, TypeError, ImportError, AttributeError):
        return ["ICC profile (unreadable)"]
    if description and not any(s in description.lower() for s in STANDARD_ICC):
        return [f"ICC profile description '{description}'"]
    if copyright_ and not any(w in copyright_.lower() for w in ("public domain", "no copyright", "apple", "adobe",
                                                               "international color consortium", "hewlett",
                                                               "microsoft", "google", "copyright (c)", "cc0")):
        return [f"ICC profile copyright '{copyright_}'"]
    return []


def trailing_bytes(data: bytes, image_format: str) -> int:
    """How many bytes follow the end of the picture (where a hidden payload or a second file sits)."""
    if image_format == "JPEG":
        end = data.rfind(b"\xff\xd9")
        return 0 if end < 0 else len(data) - (end + 2)
    if image_format == "PNG":
        end = data.rfind(b"IEND")
        return 0 if end < 0 else max(0, len(data) - (end + 8))
    if image_format == "GIF":
        stripped = data.rstrip(b"\x00")
        return 0 if stripped.endswith(b"\x3b") else len(data) - len(stripped) + 1
    if image_format == "WEBP" and data[:4] == b"RIFF" and len(data) >= 8:
        declared = int.from_bytes(data[4:8], "little") + 8
        return max(0, len(data) - declared)
    return 0


MAX_PIXELS = 40_000_000
"""Largest picture decoded (a 40-megapixel photo): a few-kilobyte PNG can claim billions of
pixels and take all memory when decoded, so the size is checked before any pixel is read."""
MAX_IMAGE_BYTES = 32 * 1024 * 1024
_SMALLER = ("save it smaller, at most a few thousand pixels wide (an image editor's resize or export for the web "
            "does it), and check again")


class PictureError(CvmbokError):
    """A picture that is not read. `reason` says why and `fix` what to do, without the path,
    for a finding that shows the path itself; the message joins all three."""

    def __init__(self, where: str, reason: str, fix: str) -> None:
        super().__init__(f"{where}: {reason}; {fix}")
        self.reason = reason
        self.fix = fix


class PictureTooLarge(PictureError):
    """More pixels or bytes than are ever read: refused on purpose, before decoding."""


def _unreadable(where: str, detail: str) -> PictureError:
    return PictureError(where, f"not a readable image ({detail})", "save it again as PNG or JPEG")


def _too_many_pixels(where: str, size: str) -> PictureTooLarge:
    return PictureTooLarge(where, f"the picture is {size}; at most {MAX_PIXELS:,} pixels are read, so a larger "
                                  "picture (or a small file that claims a huge size, a decompression bomb) is refused",
                           _SMALLER)


def _claimed_pixels(exc: Exception) -> str:
    """The pixel count Pillow's decompression-bomb error names, as "N pixels" (or a bound)."""
    found = re.search(r"\((\d+) pixels\)", str(exc))
    return f"{int(found.group(1)):,} pixels" if found else f"more than {MAX_PIXELS:,} pixels"


def identifying_metadata(path: Path) -> list[str]:
    """Names of the metadata fields in the image at `path` that can identify someone or somewhere.

    Read: EXIF (and its sub-IFD), IPTC (JPEG APP13), XMP, every PNG text key (tEXt,
    zTXt, iTXt), comments, ICC profile descriptions that are not a standard colour
    space, and any bytes after the end of the picture.
    """
    try:
        if not path.is_file():
            raise PictureError(str(path), "not a regular file", "name a PNG, JPEG, GIF or WebP file")
        with path.open("rb") as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)
    except OSError as exc:
        raise _unreadable(str(path), str(exc.strerror or exc)) from exc
    return metadata_fields(data, str(path))


def metadata_fields(data: bytes, where: str) -> list[str]:
    """`identifying_metadata` for a picture held in memory (one inside an ePub, say)."""
    if len(data) > MAX_IMAGE_BYTES:
        raise PictureTooLarge(where, f"the file is {len(data):,} bytes or more; at most {MAX_IMAGE_BYTES:,} are read",
                              _SMALLER)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image_file = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(where, _claimed_pixels(exc)) from exc
    except UnidentifiedImageError as exc:
        raise _unreadable(where, "not a PNG, JPEG, GIF or WebP picture") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise _unreadable(where, str(getattr(exc, "strerror", None) or exc)) from exc
    width, height = image_file.size
    if width * height > MAX_PIXELS:
        image_file.close()
        raise _too_many_pixels(where, f"{width:,} x {height:,} pixels")
    try:
        with image_file as image:
            image.load()
            return _fields(image, data)
    except UnidentifiedImageError as exc:
        raise _unreadable(where, "not a PNG, JPEG, GIF or WebP picture") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise _unreadable(where, str(getattr(exc, "strerror", None) or exc)) from exc


def _fields(image: ImageFile.ImageFile, data: bytes) -> list[str]:
    """The identifying fields of a decoded picture (`data`: its file's bytes, for what trails it)."""
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
    found += [f"{key} text" for key in text if key not in image.info or key not in IDENTIFYING_INFO]
    if any(marker == "APP13" for marker, _ in getattr(image, "applist", [])) or _iptc(image):
        found.append("IPTC")
    if any(marker == "APP1" and payload.startswith(b"http://ns.adobe.com/xap/")
           for marker, payload in getattr(image, "applist", [])):
        found.append("XMP")
    profile = image.info.get("icc_profile")
    if isinstance(profile, bytes) and profile:
        found += _icc_fields(profile)
    extra = trailing_bytes(data, image.format or "")
    if extra:
        found.append(f"{extra} bytes after the end of the picture")
    return sorted(set(found))


def _iptc(image: ImageFile.ImageFile) -> bool:
    try:
        from PIL import IptcImagePlugin

        return bool(IptcImagePlugin.getiptcinfo(image))
    except (OSError, ValueError, TypeError, SyntaxError):
        return False


def strip_metadata(path: Path) -> bool:
    """Rewrite the image at `path` with its pixels only (orientation applied), then verify.

    The file is always rewritten, even when no known field was found: a field this
    reader does not know is dropped too. Debian's ``mat2`` is used when installed (it
    knows more formats' corners); either way the result is read back and must carry
    nothing identifying, or `CvmbokError` says what is left. Returns True.
    """
    identifying_metadata(path)  # refuses a file that is not a picture before touching it
    mat2 = shutil.which("mat2")
    if mat2 is not None:
        result = subprocess.run([mat2, "--inplace", str(path)], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            _rewrite(path)
    else:
        _rewrite(path)
    left = identifying_metadata(path)
    if left:
        _rewrite(path)
        left = identifying_metadata(path)
    if left:
        raise CvmbokError(f"{path}: metadata is still there after stripping: {', '.join(left)}")
    return True


def _rewrite(path: Path) -> None:
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
