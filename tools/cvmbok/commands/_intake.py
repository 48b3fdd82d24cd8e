"""Options shared by the intake commands (`serve`, `editors`, `intake`), turned into an `IntakeConfig`.

Nothing here imports Django: `cvmbok --help` and `cvmbok check` stay as fast as before.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..errors import UsageError
from ..intake.config import DATABASE_ENV, IntakeConfig, default_data_dir, intake_key
from ..repo import Repo, find_repo


def add_storage_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, metavar="DIR",
                        help=f"the intake's data folder, outside the repository (default: {default_data_dir()})")
    parser.add_argument("--database", metavar="URL",
                        help=f"postgresql://USER:PASSWORD@HOST:PORT/NAME for a hosted intake (or {DATABASE_ENV}); "
                             "default: SQLite in the data folder")
    parser.add_argument("--repo", type=Path, metavar="DIR",
                        help="the checkout accepted submissions are committed to (default: the one holding the current folder)")


def config_from(args: argparse.Namespace, host: str = "127.0.0.1", port: int = 8000) -> IntakeConfig:
    key = intake_key()
    repo = find_repo(args.repo) if args.repo else find_repo()
    if args.repo and Repo(args.repo.resolve()).root != repo.root:
        raise UsageError(f"--repo {args.repo}: not the root of a CVMBoK checkout")
    data = (args.data or default_data_dir()).resolve()
    try:
        data.relative_to(repo.root)
    except ValueError:
        pass
    else:
        raise UsageError(f"--data {data} is inside the repository {repo.root}: submissions must never sit in a checkout "
                         "(a stray `git add` would publish them); choose a folder outside it")
    names = getattr(args, "names", None)
    public = tuple(getattr(args, "public_host", None) or ())
    return IntakeConfig(data=data, repo=repo, key=key, database_url=args.database or os.environ.get(DATABASE_ENV) or None,
                        host=host, port=port, names_file=names, public_hosts=public)
