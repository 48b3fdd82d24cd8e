"""Encryption at rest: every text, note, file name and picture is stored as a Fernet token.

The key comes from `CVMBOK_INTAKE_KEY`, never from the database, so a copy of the
database file (a backup, a stolen disk) reveals nothing of what was submitted.
Separate keys for encryption and for Django's signing are derived from it with HKDF.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import CvmbokError


def derive(key: str, purpose: str) -> bytes:
    """32 bytes for one purpose ('storage', 'django-secret'), independent of each other."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"cvmbok-intake", info=purpose.encode()).derive(key.encode())


class Box:
    """Seals and opens values with the storage key."""

    def __init__(self, key: str) -> None:
        self._fernet = Fernet(base64.urlsafe_b64encode(derive(key, "storage")))

    def seal(self, data: bytes) -> bytes:
        return self._fernet.encrypt(data)

    def open(self, token: bytes) -> bytes:
        try:
            return self._fernet.decrypt(bytes(token))
        except InvalidToken as exc:
            raise CvmbokError("a stored submission cannot be decrypted: CVMBOK_INTAKE_KEY is not the key "
                              "this database was written with") from exc

    def seal_text(self, text: str) -> bytes:
        return self.seal(text.encode("utf-8"))

    def open_text(self, token: bytes) -> str:
        return self.open(token).decode("utf-8")
