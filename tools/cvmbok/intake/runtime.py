"""The long-lived parts of one intake process: its configuration, the storage box and the checker.

Views reach them through `current()`; they are made once at start-up so every
request reuses the loaded registries instead of reading them again.
"""

from __future__ import annotations

from dataclasses import dataclass

from .checking import Checker
from .config import IntakeConfig
from .crypto import Box


@dataclass
class Runtime:
    config: IntakeConfig
    box: Box
    checker: Checker


_RUNTIME: Runtime | None = None


def open_runtime(config: IntakeConfig) -> Runtime:
    global _RUNTIME
    _RUNTIME = Runtime(config, Box(config.key), Checker(config.repo, config.names_file))
    return _RUNTIME


def current() -> Runtime:
    if _RUNTIME is None:
        raise RuntimeError("the intake runtime is not open: call settings.configure(config) first")
    return _RUNTIME
