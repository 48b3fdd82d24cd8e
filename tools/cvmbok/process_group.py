"""Run a program so that everything it starts ends with cvmbok, however cvmbok ends.

A PDF build is a tree of processes: make starts latexmk, latexmk starts xelatex
several times. Stopping only the direct child (what `subprocess.run` does on Ctrl-C)
leaves the rest of the tree running and writing into a folder the next command
removes. So the tree runs in a process group of its own, and a small guard process
(this file, run as a script) stands between cvmbok and that group:

- cvmbok -> guard: a pipe that only cvmbok holds open for writing. The kernel closes it
  when cvmbok exits for any reason (SIGKILL and the out-of-memory killer included) and
  cvmbok closes it itself when it is interrupted; the guard reads end of file and ends
  the whole group: SIGTERM, then SIGKILL after `GRACE` seconds for what is left.
- guard -> group: the program is started in a new session, so its process group id is
  its pid, and neither a terminal's Ctrl-C nor its hang-up reaches it past cvmbok.

Chosen over `prctl(PR_SET_PDEATHSIG)` in a preexec function because that signal reaches
only the direct child (make, never latexmk or xelatex), fires when the *thread* that
started the child ends rather than the process, needs `preexec_fn` (unsafe once threads
run) and exists only on Linux; chosen over killing a recorded group in the next command's
lock recovery because that waits for someone to run a next command, and a recorded
number may by then belong to someone else's processes. The pipe works on every POSIX
system, at once, for the whole group.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from typing import IO

GRACE = 3.0
"""Seconds the group has to end on SIGTERM before what is left gets SIGKILL."""
_EXIT_CANNOT_START = 127


def run(argv: list[str], *, stdout: IO[str], cwd: str | os.PathLike[str] | None = None,
        env: dict[str, str] | None = None) -> int:
    """Run `argv` (output and errors into `stdout`) in its own process group; its exit code.

    A program killed by signal N gives -N, as with `subprocess.run`. When this process is
    interrupted (KeyboardInterrupt, which cvmbok's SIGTERM handler raises too), the group
    is ended before the interrupt goes on."""
    read_end, write_end = os.pipe()  # neither end is inherited unless passed
    try:
        guard = subprocess.Popen([sys.executable, "-I", os.path.abspath(__file__), str(read_end), *argv],
                                 pass_fds=(read_end,), stdin=subprocess.DEVNULL, stdout=stdout,
                                 stderr=subprocess.STDOUT, cwd=cwd, env=env)
    except BaseException:
        os.close(write_end)
        raise
    finally:
        os.close(read_end)
    try:
        code = guard.wait()
    except BaseException:
        os.close(write_end)  # the guard reads end of file and ends the group
        _wait_for_guard(guard)
        raise
    os.close(write_end)
    return code


def _wait_for_guard(guard: subprocess.Popen[bytes]) -> None:
    """The guard ends the group on its own once the pipe is closed; give it the time that takes."""
    try:
        guard.wait(timeout=GRACE + 5)
    except subprocess.TimeoutExpired:
        guard.kill()
        guard.wait()


# -- the guard (this file run as a script) ------------------------------------------------------


def _ignore(signum: int, frame: object) -> None:
    """The guard outlives cvmbok's signals: its job is what happens after them.

    A Python handler rather than SIG_IGN because exec resets handlers to the default in
    the program the guard starts, while an ignored signal would stay ignored there."""


def _end_group(group: int, child: subprocess.Popen[bytes], ending: threading.Event) -> None:
    ending.set()
    _signal_group(group, signal.SIGTERM)
    try:
        child.wait(timeout=GRACE)
    except subprocess.TimeoutExpired:
        pass
    _signal_group(group, signal.SIGKILL)  # whatever is left, the leader gone or not
    child.wait()


def _signal_group(group: int, signum: int) -> None:
    try:
        os.killpg(group, signum)
    except ProcessLookupError:
        pass  # the group has already ended


def _watch(read_end: int, child: subprocess.Popen[bytes], ending: threading.Event) -> None:
    """Block until cvmbok closes its end of the pipe (it never writes), then end the group."""
    while os.read(read_end, 512):
        pass
    _end_group(child.pid, child, ending)


def _guard(read_end: int, argv: list[str]) -> int:
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _ignore)
    try:
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        print(f"cannot start {argv[0]}: {exc.strerror}", file=sys.stderr, flush=True)
        return _EXIT_CANNOT_START
    ending = threading.Event()
    watcher = threading.Thread(target=_watch, args=(read_end, child, ending), daemon=True)
    watcher.start()
    code = child.wait()
    if ending.is_set():
        watcher.join()  # finish ending the group before this process exits
    return code


def _exit_like(code: int) -> None:
    """Leave with the program's status: its exit code, or death by the same signal."""
    if code < 0:
        if -code != signal.SIGKILL:
            signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    _exit_like(_guard(int(sys.argv[1]), sys.argv[2:]))
