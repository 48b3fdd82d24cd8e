"""Start the intake: configure Django, apply migrations, serve with waitress.

waitress is a pure-Python WSGI server that needs no network and writes no access
log (nothing about a request reaches a log unless we log it, and we do not).
"""

from __future__ import annotations

import sys

from ..errors import CvmbokError
from .config import IntakeConfig
from .settings import configure


def prepare(config: IntakeConfig) -> None:
    """Configure Django and bring the database schema up to date (migrations only)."""
    config.data.mkdir(parents=True, exist_ok=True, mode=0o700)
    configure(config)
    from django.core.management import call_command
    from django.db import DatabaseError

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as exc:
        raise CvmbokError(f"the intake database cannot be opened or migrated: {str(exc).strip()[:300]}") from exc


def application() -> object:
    """Django's WSGI handler, with the request class that records changed upload names."""
    from .uploads import IntakeHandler

    return IntakeHandler()


def serve(config: IntakeConfig) -> None:
    prepare(config)
    from waitress import serve as waitress_serve

    print(f"cvmbok serve: the intake is on http://{config.host}:{config.port}/ (database: "
          f"{'PostgreSQL' if config.database_url else config.sqlite_path}); Ctrl+C stops it", file=sys.stderr, flush=True)
    waitress_serve(application(), host=config.host, port=config.port, threads=4, ident="cvmbok-intake",
                   expose_tracebacks=False, clear_untrusted_proxy_headers=True, _quiet=True)
