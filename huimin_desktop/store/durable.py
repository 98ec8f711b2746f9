"""Making writes survive a power cut or a pulled USB stick: fsync of files' folders.

A rename is only durable once the folder holding it is synced; every temp-then-rename in the program
(drafts, attachment blobs, keys, sync packages) ends with ``fsync_folder``.
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder; NTFS journals the rename itself
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
