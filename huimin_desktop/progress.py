"""Progress reporting and cancellation for long work, with no Qt in sight.

A long core function takes a ``TaskState``; it calls ``report(done, total, message)`` now and then and
``check()`` at safe points, which raises ``Cancelled`` when the user pressed cancel. The GUI adapts
``TaskState`` to a progress dialog on another thread; the CLI and tests use it as is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user cancelled; whatever the operation was doing has been rolled back."""


class TaskState:
    def __init__(self, on_progress: ProgressCallback | None = None) -> None:
        self._on_progress = on_progress
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled()

    def report(self, done: int, total: int, message: str = "") -> None:
        if self._on_progress is not None:
            self._on_progress(done, total, message)
        self.check()
