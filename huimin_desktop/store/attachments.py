"""Content-addressed attachment store: ``attachments/ab/cd/<sha256>``, each file kept once.

A file comes in through ``ingest``: it is copied into ``attachments/.incoming/`` while being hashed,
fsynced, re-read to confirm the bytes on disk have that hash, and only then renamed to its final name
(a rename within one folder tree is atomic). So a blob under its hash name is always whole; a cancel
removes its temporary file at once, and a crash leaves at most one, which a later intake clears. A blob
already present is not written again, unless it no longer matches its hash, in which case the good copy
replaces it.

Thumbnails are a cache beside the store (``thumbnails/<size>/ab/<sha256>.jpg``) and can always be
deleted.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from huimin_desktop.store import fingerprints
from huimin_desktop.store.durable import fsync_folder

_CHUNK = 1 << 20
INCOMING = ".incoming"


def blob_path(root: Path, sha256: str) -> Path:
    return root.joinpath(sha256[:2], sha256[2:4], sha256)  # one join: an export asks for thousands


def thumbnail_path(root: Path, sha256: str, size: int) -> Path:
    return root / str(size) / sha256[:2] / f"{sha256}.jpg"


def file_sha256(path: Path) -> str:
    return file_hashes(path)[0]


def file_hashes(path: Path) -> tuple[str, str]:
    """(SHA-256, xxh3 fingerprint) of a file, read once."""
    digest = hashlib.sha256()
    quick = fingerprints.hasher()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            quick.update(chunk)
    return digest.hexdigest(), quick.hexdigest()


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    created: bool  # False when the store already held these bytes
    xxh3: str  # its fingerprint (store/fingerprints.py), for the caller to record

    @property
    def fingerprint(self) -> fingerprints.Fingerprint:
        return (self.sha256, self.size, self.xxh3)


class BlobDamagedError(Exception):
    """What was written does not read back with the hash it was written with (disk or memory fault)."""


def incoming_dir(root: Path) -> Path:
    return root / INCOMING


def clear_incoming(root: Path, older_than_s: float = 3600) -> int:
    """Delete temporary files a crashed or killed intake left behind; returns how many.

    Only old ones: another process (the command line beside the GUI) may be writing a fresh one.
    """
    folder = incoming_dir(root)
    removed = 0
    if folder.is_dir():
        limit = time.time() - older_than_s
        for leftover in folder.iterdir():
            try:
                if leftover.stat().st_mtime < limit:
                    leftover.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
    return removed


def ingest(root: Path, source: Path, *, check: Callable[[], None] | None = None) -> StoredBlob:
    """Store ``source`` by content. ``check`` is called between chunks and may raise to cancel."""
    folder = incoming_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{uuid.uuid4().hex}.tmp"
    digest = hashlib.sha256()
    quick = fingerprints.hasher()
    size = 0
    try:
        with source.open("rb") as reader, tmp.open("wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                quick.update(chunk)
                writer.write(chunk)
                size += len(chunk)
                if check is not None:
                    check()
            writer.flush()
            os.fsync(writer.fileno())
        sha256 = digest.hexdigest()
        final = blob_path(root, sha256)
        if final.is_file() and final.stat().st_size == size and file_sha256(final) == sha256:
            return StoredBlob(sha256, size, created=False, xxh3=quick.hexdigest())
        if file_sha256(tmp) != sha256:
            raise BlobDamagedError(f"写入后校验失败：{source.name}")
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)
        fsync_folder(final.parent)
        return StoredBlob(sha256, size, created=True, xxh3=quick.hexdigest())
    finally:
        tmp.unlink(missing_ok=True)


def stored_blobs(root: Path) -> Iterator[tuple[str, Path]]:
    """Every blob in the store as (sha256, path); temporary and foreign files are left out."""
    if not root.is_dir():
        return
    for first in sorted(root.iterdir()):
        if len(first.name) != 2 or not first.is_dir():
            continue  # .incoming and anything a user dropped in
        for second in sorted(first.iterdir()):
            if len(second.name) != 2 or not second.is_dir():
                continue
            for path in sorted(second.iterdir()):
                name = path.name
                if len(name) == 64 and name.startswith(first.name + second.name) and _is_hex(name):
                    yield name, path


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def discard_blob(root: Path, sha256: str) -> None:
    """Delete a blob (only ever one that no attachment row refers to) and its thumbnails' source."""
    blob_path(root, sha256).unlink(missing_ok=True)


def copy_verified(
    source: Path, target: Path, sha256: str, *, check: Callable[[], None] | None = None
) -> None:
    """Copy a blob out of the store under a temporary name, checking its hash, then rename it."""
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    digest = hashlib.sha256()
    try:
        with source.open("rb") as reader, tmp.open("wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
                if check is not None:
                    check()
            writer.flush()
            os.fsync(writer.fileno())
        if digest.hexdigest() != sha256:
            raise BlobDamagedError(source.name)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
