"""File-name slugs from titles: lowercase ASCII words joined by hyphens."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 48


def slugify(title: str, max_length: int = MAX_LENGTH) -> str:
    """'Don't reward the "sure things"!' -> 'dont-reward-the-sure-things'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = re.sub(r"['’]", "", ascii_text)
    words = re.findall(r"[a-z0-9]+", ascii_text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "contribution")
