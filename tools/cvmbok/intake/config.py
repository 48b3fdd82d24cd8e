"""Everything the intake needs to know before Django starts, read from options and the environment.

Kept free of Django so the commands can validate their options (and refuse with a
one-line reason) before any framework code is imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import UsageError
from ..repo import Repo

KEY_ENV = "CVMBOK_INTAKE_KEY"
DATABASE_ENV = "CVMBOK_DATABASE_URL"
MIN_KEY_LENGTH = 32
"""Characters: the key is the only protection of the text at rest, so it must be long and random."""
MAX_PICTURE_BYTES = 5 * 1024 * 1024
MAX_PICTURES = 6
MAX_REQUEST_BYTES = MAX_PICTURES * MAX_PICTURE_BYTES + 1024 * 1024


@dataclass(frozen=True)
class IntakeConfig:
    """One intake server's settings: where its data lives, which book it serves, the key."""

    data: Path
    repo: Repo
    key: str
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    names_file: Path | None = None
    public_hosts: tuple[str, ...] = ()
    """Host names the intake is reached by behind a TLS proxy (https://NAME), besides --host."""

    @property
    def sqlite_path(self) -> Path:
        return self.data / "intake.sqlite3"


def default_data_dir(environ: dict[str, str] | None = None) -> Path:
    """`$XDG_DATA_HOME/cvmbok/intake` (or ~/.local/share/...): outside any repository."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "cvmbok" / "intake"


def intake_key(environ: dict[str, str] | None = None) -> str:
    """The encryption key, or a refusal that says how to make one."""
    env = os.environ if environ is None else environ
    key = env.get(KEY_ENV, "")
    if not key:
        raise UsageError(f"{KEY_ENV} is not set: the intake encrypts every text and picture with it and will not "
                         f"start without it; make one with `python3 -c 'import secrets; print(secrets.token_urlsafe(32))'` "
                         "and keep it outside the data folder")
    if len(key) < MIN_KEY_LENGTH:
        raise UsageError(f"{KEY_ENV} has {len(key)} characters; use at least {MIN_KEY_LENGTH} random ones "
                         "(`python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`)")
    return key


def database_settings(config: IntakeConfig) -> dict[str, object]:
    """Django's DATABASES['default'] for SQLite in the data folder or a postgresql:// URL."""
    url = config.database_url
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(config.sqlite_path)}
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise UsageError(f"--database {parts.scheme or url!r}: only postgresql://USER:PASSWORD@HOST:PORT/NAME is supported "
                         "(leave it out for the embedded SQLite database)")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise UsageError("--database: the URL names no database (postgresql://USER@HOST:PORT/NAME)")
    try:
        port = parts.port
    except ValueError as exc:
        raise UsageError(f"--database: bad port in the URL ({exc})") from exc
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": unquote(parts.hostname or ""),
        "PORT": str(port or ""),
    }
