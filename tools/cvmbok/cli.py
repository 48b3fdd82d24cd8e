"""The `cvmbok` command line: a thin layer that parses arguments and dispatches.

Each subcommand is a module in `cvmbok.commands` with `NAME`, `HELP`,
`add_arguments(parser)` and `run(args) -> int`. This is the only place that turns
`CvmbokError` into a one-line message and an exit code:
0 clean, 1 findings or refusal, 2 misuse, 3 internal error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback
from types import ModuleType
from typing import Sequence

from . import __version__, commands
from .errors import CvmbokError

EPILOG = """\
exit codes: 0 no errors, 1 error findings or a refused action, 2 misuse
(bad flag, unreadable registry, missing tool), 3 internal error, 130 interrupted.

Every command works on the CVMBoK repository that contains the current directory.
Start with `cvmbok sections`, `cvmbok new` and `cvmbok check`.
"""


def command_modules() -> list[ModuleType]:
    modules = []
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            modules.append(module)
    return modules


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cvmbok",
        description="Check, review, merge and publish the Customer Value Management Body of Knowledge.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cvmbok {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in command_modules():
        child = sub.add_parser(
            module.NAME,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(child)
        child.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args))
    except CvmbokError as exc:
        print(f"cvmbok {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("cvmbok: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception:  # noqa: BLE001 - the one place an unexpected error is reported
        print("cvmbok: internal error, please report it with the lines below:", file=sys.stderr)
        traceback.print_exc()
        return 3


if __name__ == "__main__":
    sys.exit(main())
