"""Content-addressed attachment store layout: ``attachments/ab/cd/<sha256>``.

Only the layout and the integrity check live here for now; intake (temp-then-rename, thumbnails)
comes with the project-archive work.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_CHUNK = 1 << 20


def blob_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256[2:4] / sha256


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
