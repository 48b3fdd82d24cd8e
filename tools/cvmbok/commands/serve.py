"""`cvmbok serve`: the private intake, where insights are written, checked and reviewed."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ._intake import add_storage_arguments, config_from

NAME = "serve"
HELP = "run the private intake (web pages to submit, check and review insights)"
DESCRIPTION = """\
Start the private intake on http://127.0.0.1:8000 (--host, --port). Contributors
write and check an insight in the browser without an account and get a receipt
code; editors sign in (accounts: `cvmbok editors add CODE`) to review, and an
accepted insight is committed to contrib/ of --repo with a neutral identity.

Needs CVMBOK_INTAKE_KEY (at least 32 random characters): every text and picture
is encrypted with it. Data lives in --data (SQLite) or in --database (PostgreSQL)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--public-host", action="append", metavar="NAME",
                        help="a host name the intake is reached by through a TLS proxy, e.g. intake.example.org (repeatable)")
    parser.add_argument("--names", type=Path, metavar="FILE", help="extra clear-text name registry (YAML) for the leak check")
    add_storage_arguments(parser)


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: use a port between 1 and 65535")
    config = config_from(args, args.host, args.port)
    from ..intake.server import serve

    try:
        serve(config)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from exc
    return 0
