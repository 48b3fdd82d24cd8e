"""The `cvmbok` command line: a thin layer that parses arguments and dispatches.

Each subcommand is a module in `cvmbok.commands` with `NAME`, `HELP`,
`add_arguments(parser)` and `run(args) -> int`. This is the only place that turns
`CvmbokError` into a one-line message and an exit code:
0 clean, 1 findings or refusal, 2 misuse, 3 internal error, 130 interrupted.

It is also where a command is made safe to stop and to run twice at once: Ctrl-C
and SIGTERM become one line and exit 130 from the first instant (the handler is
installed before anything else is imported), commands that write the tree hold
the repository lock (`cvmbok.locking`), and every command first repairs what a
killed command left behind.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # the C module: `import signal` builds its enums first, long enough for a Ctrl-C to land
import os
import sys
from types import FrameType


def _exit_interrupted(signum: int, frame: FrameType | None) -> None:
    """Before (and after) `main` runs there is nothing to roll back: leave with one line."""
    try:
        os.write(2, b"cvmbok: interrupted\n")
    finally:
        os._exit(130)


def _is_the_program() -> bool:
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return name == "cvmbok" or (name == "__main__.py" and "cvmbok" in sys.argv[0])


if _is_the_program():  # never in a process that only imports the package (tests, Sphinx)
    _signal.signal(_signal.SIGINT, _exit_interrupted)
    _signal.signal(_signal.SIGTERM, _exit_interrupted)

import argparse  # noqa: E402 - after the handler, so Ctrl-C during imports is handled
import signal  # noqa: E402
import importlib  # noqa: E402
import pkgutil  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402
from types import ModuleType  # noqa: E402
from typing import Any, Callable, Iterator, Sequence  # noqa: E402
from contextlib import contextmanager  # noqa: E402

from . import __version__, commands  # noqa: E402
from .errors import CvmbokError, UsageError  # noqa: E402

EPILOG = """\
exit codes: 0 no errors, 1 error findings or a refused action, 2 misuse
(bad flag, unreadable registry, missing tool), 3 internal error, 130 interrupted.

Every command works on the CVMBoK repository that contains the current directory.
Start with `cvmbok sections`, `cvmbok new` and `cvmbok check`.
"""


def command_modules(only: str | None = None) -> list[ModuleType]:
    """Every command module; with `only`, just the module of that command when there is one.

    Importing all of them brings in what every command needs (the build, the browser
    checks, the intake's forms), which `cvmbok check` on one file, run on every commit,
    would pay for on each start."""
    modules = []
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_") or (only is not None and info.name.replace("_", "-") != only):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            modules.append(module)
    return modules


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `command`, only that subcommand (the others are not
    imported). An unknown or misspelled command falls back to the whole parser, so its
    usage and did-you-mean advice stay complete."""
    parser = _Parser(
        prog="cvmbok",
        description="Check, review, merge and publish the Customer Value Management Body of Knowledge.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cvmbok {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    modules = command_modules(command) if command is not None else []
    if not any(getattr(m, "NAME", None) == command for m in modules):
        modules = command_modules()
    for module in modules:
        child = sub.add_parser(
            module.NAME,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(child)
        child.set_defaults(_run=module.run, _parser=child)
    return parser


def _refuse_unknown(parser: argparse.ArgumentParser, args: argparse.Namespace, extra: list[str]) -> None:
    """An unknown flag is the command's misuse: its usage, and the flag it was likely meant to be."""
    import difflib

    owner = getattr(args, "_parser", None) or parser
    message = f"unrecognized arguments: {' '.join(extra)}"
    flags = [o for action in owner._actions for o in action.option_strings]
    for word in extra:
        close = difflib.get_close_matches(word.split("=", 1)[0], flags, n=1) if word.startswith("-") else []
        if close:
            message += f" (did you mean {close[0]}?)"
            break
    owner.error(message)


_WRITERS: dict[str, Callable[[argparse.Namespace], bool]] = {
    "merge": lambda a: True,
    "review": lambda a: True,
    "new": lambda a: True,
    "release": lambda a: True,
    "strip-metadata": lambda a: True,
    "generate": lambda a: not getattr(a, "check", False),
    "names": lambda a: getattr(a, "action", None) == "add"
    or (getattr(a, "action", None) == "generate-vale" and not getattr(a, "check", False)),
    "terms": lambda a: getattr(a, "action", None) == "generate",
}
"""The commands that change the tree, and so run one at a time under the repository lock."""
_TEXT_ENV = ("CVMBOK_NAMES_KEY", "CVMBOK_VALE", "CVMBOK_LOCK_TIMEOUT", "SOURCE_DATE_EPOCH")


class _Interrupted(KeyboardInterrupt):
    """SIGTERM, delivered like Ctrl-C so every `except BaseException` rollback runs."""


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise _Interrupted() if signum == signal.SIGTERM else KeyboardInterrupt()


def _install(handler: Any) -> dict[int, Any]:
    old: dict[int, Any] = {}
    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            old[signum] = signal.signal(signum, handler)
    except ValueError:  # not the main thread (an embedding program): leave its handlers alone
        pass
    return old


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _check_text_inputs(argv: Sequence[str]) -> None:
    """Arguments and variables must be text: bytes that are not UTF-8 end here, not in an encoder."""
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise UsageError(f"argument {number} ({shown!r}) is not valid UTF-8; type it again or "
                             "set your terminal to UTF-8") from None
    for name in _TEXT_ENV:
        value = os.environ.get(name)
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(f"the environment variable {name} is not valid UTF-8; set it again as plain text") from None


def _current_dir() -> Path:
    try:
        return Path(os.getcwd())
    except FileNotFoundError:
        raise UsageError("the current folder no longer exists (it was deleted or moved); "
                         "cd into the repository again") from None


def _describe(argv: Sequence[str]) -> str:
    text = " ".join(["cvmbok", *argv])
    return text if len(text) <= 80 else text[:77] + "..."


@contextmanager
def _guarded(args: argparse.Namespace, argv: Sequence[str]) -> Iterator[None]:
    """The repository lock for writers, and the repair of a killed command's leftovers for all."""
    from . import locking
    from .repo import try_find_repo

    repo = try_find_repo(_current_dir())
    if repo is None:
        yield
        return
    decide = _WRITERS.get(str(args.command))
    if decide is not None and decide(args):
        with locking.repo_lock(repo.root, _describe(argv), say=_say):
            for note in locking.recover(repo.root):
                _say(f"cvmbok: {note}")
            yield
        return
    with locking.lock_if_free(repo.root, _describe(argv)) as mine:
        if mine:
            for note in locking.recover(repo.root):
                _say(f"cvmbok: {note}")
    yield


def _validation_message(exc: Any) -> str:
    errors = exc.errors() if hasattr(exc, "errors") else []
    if not errors:
        return str(exc).splitlines()[0]
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ())) or "value"
    return f"{where}: {first.get('msg', 'invalid value')}"


def _safe_streams() -> None:
    """A message that quotes a path with odd bytes must still print."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    old = _install(_raise_interrupt)
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt as exc:
        _say("cvmbok: terminated" if isinstance(exc, _Interrupted) else "cvmbok: interrupted")
        return 130
    finally:
        if _is_the_program():
            _install(_exit_interrupted)  # Python's shutdown has nothing to roll back either
        else:
            for signum, handler in old.items():
                signal.signal(signum, handler)


def _main(argv: list[str]) -> int:
    _safe_streams()
    command = "cvmbok"
    try:
        _check_text_inputs(argv)
        parser = build_parser(argv[0] if argv and not argv[0].startswith("-") else None)
        args, extra = parser.parse_known_args(argv)
        if extra:
            _refuse_unknown(parser, args, extra)
        if not getattr(args, "_run", None):
            parser.print_help()
            return 2
        command = f"cvmbok {args.command}"
        with _guarded(args, argv):
            return int(args._run(args))
    except CvmbokError as exc:
        print(f"{command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 1
    except RecursionError:
        print(f"{command}: the input is nested too deeply to process; flatten the nesting "
              "(lists, quotes, directives or front matter)", file=sys.stderr)
        return 1
    except MemoryError:
        print(f"{command}: out of memory; the input is too large", file=sys.stderr)
        return 3
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{command}: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the one place an unexpected error is reported
        if type(exc).__name__ == "ValidationError" and type(exc).__module__.startswith("pydantic"):
            print(f"{command}: invalid value for {_validation_message(exc)}", file=sys.stderr)
            return 2
        print("cvmbok: internal error, please report it with the lines below:", file=sys.stderr)
        traceback.print_exc()
        return 3


if __name__ == "__main__":
    sys.exit(main())
