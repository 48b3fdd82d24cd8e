"""Errors that end a command with a one-line reason instead of a traceback.

Only `cvmbok.cli` catches these; library code raises them and never exits.
"""

from __future__ import annotations


class CvmbokError(Exception):
    """A refusal the user can act on. The message is the whole explanation."""

    exit_code = 1


class UsageError(CvmbokError):
    """The command was misused: bad flag, unreadable registry, unknown id (exit 2)."""

    exit_code = 2


class ToolMissingError(CvmbokError):
    """A required external program (Vale, latexmk, java) is not installed (exit 2)."""

    exit_code = 2
