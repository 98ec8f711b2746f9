"""An advisory lock on a small file, taken without waiting: "is another process doing this right now?"

The operating system drops the lock when its process ends, killed or not, so a lock file left behind
locks nothing. POSIX ``flock``; on Windows ``msvcrt.locking`` of the file's first byte.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


class Held(Exception):
    """Another process holds the lock."""


@contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold ``path``'s lock for the block; ``Held`` at once when another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    if not _try_lock(descriptor):
        os.close(descriptor)
        raise Held(str(path))
    try:
        yield
    finally:
        # Unlinked while still locked: a process that opened this file meanwhile fails to lock it, and
        # one that comes later makes a new file. (Windows refuses to delete an open file: it stays.)
        with suppress(OSError):
            path.unlink()
        _unlock(descriptor)
        os.close(descriptor)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        with suppress(OSError):
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
