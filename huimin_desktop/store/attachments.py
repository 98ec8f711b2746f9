"""Content-addressed attachment store: ``attachments/ab/cd/<name>``, each file kept once.

The name is derived from the clear bytes' SHA-256 (``BlobStore.name``: keyed under the data key, so it
does not give the hash away) and the file is sealed under the data key (``BlobStore``).

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
from typing import BinaryIO

from huimin_desktop.errors import CodedError
from huimin_desktop.store import fingerprints
from huimin_desktop.store.durable import fsync_folder
from huimin_desktop.store.sealed_files import (
    ATTACHMENTS,
    TAG_BYTES,
    DecryptedCopy,
    SealedFileError,
    SealedWriter,
    Sealer,
    keyed_name,
    names_key,
)

_CHUNK = 1 << 20
INCOMING = ".incoming"


def blob_path(root: Path, name: str) -> Path:
    """Where the blob named ``name`` lies (``BlobStore.name``: the SHA-256 only in a clear store)."""
    return root.joinpath(name[:2], name[2:4], name)  # one join: an export asks for thousands


def thumbnail_path(root: Path, name: str, size: int) -> Path:
    return root / str(size) / name[:2] / f"{name}.jpg"


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


class BlobDamagedError(CodedError):
    """A stored blob does not read back with its hash (``what``: its hash or name), or, ``written``, what
    was just written does not (disk or memory fault)."""

    def __init__(self, what: str, *, written: bool = False) -> None:
        if written:
            super().__init__(code="attachment.write_check_failed", what=what)
        else:
            super().__init__(code="attachment.damaged", name=what[:12] if len(what) == 64 else what)


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
    """Store ``source`` by content in a clear store (no data key). ``check`` may raise to cancel."""
    return BlobStore(root, None).ingest(source, check=check)


class BlobStore:
    """The attachment store of one data folder, sealed under the data key (``store/sealed_files.py``).

    With a data key each blob is sealed (ChaCha20-Poly1305 stream under the ``attachments`` sub-key)
    and named by HMAC-SHA-256 of its SHA-256 under the ``attachment names`` sub-key, so the folder
    neither shows the bytes nor lets anyone holding a known photo confirm that the station has it (a
    plain SHA-256 name would). The rows still name blobs by the clear bytes' SHA-256 (dedup, sync and
    fingerprints are unchanged); every name is computed from it. Without a key (a clear folder before
    its conversion) blobs are clear and named by their SHA-256, as the previous version stored them.
    """

    def __init__(self, root: Path, data_key: bytes | None) -> None:
        self.root = root
        self.sealer = Sealer(data_key, ATTACHMENTS)
        self._names = names_key(data_key) if data_key is not None else None

    @property
    def sealing(self) -> bool:
        return self.sealer.sealing

    def name(self, sha256: str) -> str:
        return keyed_name(self._names, sha256)

    def path(self, sha256: str) -> Path:
        return blob_path(self.root, self.name(sha256))

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int:
        """The clear size of a stored blob (FileNotFoundError when missing)."""
        return self.sealer.plain_size(self.path(sha256))

    def chunks(self, sha256: str) -> Iterator[bytes | memoryview]:
        """The clear bytes, chunk by chunk (a view is valid until the next chunk: use or copy it);
        BlobDamagedError when the sealed file does not open."""
        try:
            yield from self._clear_chunks(self.path(sha256))
        except SealedFileError as exc:
            raise BlobDamagedError(sha256) from exc

    def _clear_chunks(self, path: Path) -> Iterator[bytes | memoryview]:
        if not self.sealer.sealing:
            yield from self.sealer.chunks(path, "")
            return
        sealed, plain = bytearray(_CHUNK + TAG_BYTES), bytearray(_CHUNK)  # reused: no page faults per chunk
        yield from self.sealer.chunks_into(path, "", sealed, plain)

    def read_bytes(self, sha256: str) -> bytes:
        """The whole blob in memory, checked against its hash (a photo for the viewer)."""
        data = b"".join(bytes(chunk) for chunk in self.chunks(sha256))
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobDamagedError(sha256)
        return data

    def hashes(self, sha256: str) -> tuple[str, str]:
        """(SHA-256, xxh3) of the stored blob's clear bytes."""
        return self._hashes(self.path(sha256))

    def _hashes(self, path: Path) -> tuple[str, str]:
        digest = hashlib.sha256()
        quick = fingerprints.hasher()
        try:
            for chunk in self._clear_chunks(path):
                digest.update(chunk)
                quick.update(chunk)
        except SealedFileError as exc:
            raise BlobDamagedError(path.name) from exc
        return digest.hexdigest(), quick.hexdigest()

    def decrypted_copy(self, sha256: str, suffix: str = "") -> DecryptedCopy:
        """A clear temporary file of the blob (for the media player); removed on ``close``."""
        return DecryptedCopy(self.sealer, self.path(sha256), "", suffix)

    def ingest(self, source: Path, *, check: Callable[[], None] | None = None) -> StoredBlob:
        """Store ``source`` by content. ``check`` is called between chunks and may raise to cancel."""
        folder = incoming_dir(self.root)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{uuid.uuid4().hex}.tmp"
        digest = hashlib.sha256()
        quick = fingerprints.hasher()
        size = 0
        try:
            with source.open("rb") as reader, tmp.open("wb") as out:
                writer = self.sealer.writer(out, "")
                while chunk := reader.read(_CHUNK):
                    digest.update(chunk)
                    quick.update(chunk)
                    writer.write(chunk)
                    size += len(chunk)
                    if check is not None:
                        check()
                writer.finish()
                out.flush()
                os.fsync(out.fileno())
            blob = StoredBlob(digest.hexdigest(), size, created=True, xxh3=quick.hexdigest())
            return self._place(tmp, blob, source.name)
        finally:
            tmp.unlink(missing_ok=True)

    def write_bytes(self, data: bytes) -> StoredBlob:
        """Store bytes held in memory (the demo's drawn photos), like ``ingest``."""
        folder = incoming_dir(self.root)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{uuid.uuid4().hex}.tmp"
        blob = StoredBlob(hashlib.sha256(data).hexdigest(), len(data), True, fingerprints.of_bytes(data))
        try:
            with tmp.open("wb") as out:
                out.write(self.sealer.seal(data, ""))
                out.flush()
                os.fsync(out.fileno())
            return self._place(tmp, blob, "")
        finally:
            tmp.unlink(missing_ok=True)

    def _place(self, tmp: Path, blob: StoredBlob, what: str) -> StoredBlob:
        """Rename a written and fsynced temporary file to its name, unless the store has the bytes."""
        final = self.path(blob.sha256)
        if final.is_file() and self._intact(final, blob):
            return StoredBlob(blob.sha256, blob.size, created=False, xxh3=blob.xxh3)
        if not self._intact(tmp, blob):
            raise BlobDamagedError(what, written=True)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)
        fsync_folder(final.parent)
        return blob

    def _intact(self, path: Path, blob: StoredBlob) -> bool:
        try:
            return self.sealer.plain_size(path) == blob.size and self._hashes(path)[0] == blob.sha256
        except (BlobDamagedError, SealedFileError, OSError):
            return False

    def staging_writer(self, handle: BinaryIO) -> SealedWriter:
        """How a merge writes a package's blob into staging: sealed as the store keeps it, so that
        decrypted package attachments never lie clear on disk and go into the store by a rename."""
        return self.sealer.writer(handle, "")

    def place_staged(self, staged: Path, sha256: str) -> Path | None:
        """Move a staged blob (written by ``staging_writer``) into the store; its path, or None when
        the store already had it (the staged file is then removed)."""
        target = self.path(sha256)
        if target.exists():
            staged.unlink()
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        staged.replace(target)
        return target

    def discard(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)

    def copy_out(self, sha256: str, target: Path, *, check: Callable[[], None] | None = None) -> None:
        """The clear bytes to ``target`` (temporary name, hash checked, fsynced, renamed)."""
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
        digest = hashlib.sha256()
        try:
            with tmp.open("wb") as writer:
                for chunk in self.chunks(sha256):
                    digest.update(chunk)
                    writer.write(chunk)
                    if check is not None:
                        check()
                writer.flush()
                os.fsync(writer.fileno())
            if digest.hexdigest() != sha256:
                raise BlobDamagedError(sha256)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)

    def stored(self) -> Iterator[tuple[str, Path]]:
        """Every blob file as (its name, path); a name is the SHA-256 only in a clear store."""
        return stored_blobs(self.root)


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
