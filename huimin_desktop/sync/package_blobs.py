"""Writing a package's attachments: the bulk of an export's bytes, so the part that must be fast.

Each attachment becomes one stream (``package_streams``), and the streams lie back to back in the
``BLOBS.nnn`` volumes. A stream's length follows from its file's size (``stream_length``), so the whole
layout is known before a byte is written, and two threads can each read, check, seal and write the
attachments of whole volumes at the same time (xxh3, SHA-256, ChaCha20-Poly1305 and file I/O release
the GIL). Each thread reuses its own buffers: fresh megabyte buffers per attachment cost more in page
faults than the encryption itself.

Every piece written is remembered with a fast checksum (xxh3). Once the volumes are fsynced they are
read back, two at a time: each piece must come back with its checksum, the pieces must cover every
byte, and the same reading gives the SHA-256 of each volume for the manifest. So the read-back proves
that the disk returns what was sealed without decrypting a second time (decrypting would cost as much
again as the SHA-256; xxh3 costs a tenth of it).
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import xxhash

from huimin_desktop.store import fingerprints
from huimin_desktop.store.fingerprints import Fingerprint
from huimin_desktop.store.sealed_files import SealedFileError, Sealer
from huimin_desktop.sync.package_streams import (
    ABYTES,
    CHUNK,
    HEADER_BYTES,
    MAX_VOLUMES,
    FileEntry,
    PackageError,
    chunk_cipher,
    chunk_nonce,
    fsync_file,
    stream_length,
)

WORKERS = 2  # the laptops have two cores (four threads at most); more threads only add switching
BlobSource = tuple[str, Path, "tuple[int, str] | None"]  # sha256, stored file, (size, xxh3) if known
_VOLUMES_AT_LEAST = 16  # enough whole volumes to share out evenly between the workers
_SMALLEST_VOLUME = 16 << 20


@dataclass(frozen=True)
class BlobPlan:
    """One attachment's place in the span, and how to check it is still the stored content."""

    number: int
    sha256: str
    path: Path
    size: int
    offset: int
    xxh3: str | None  # its fingerprint (store/fingerprints.py); without one, the SHA-256 is checked

    @property
    def length(self) -> int:
        return stream_length(self.size)


def missing_blob(sha256: str) -> PackageError:
    return PackageError(code="package.blob_missing", sha=sha256[:12])


def corrupted_blob(sha256: str) -> PackageError:
    return PackageError(code="package.blob_damaged", sha=sha256[:12])


def plan_blobs(blobs: Iterable[BlobSource], sealer: Sealer | None = None) -> list[BlobPlan]:
    """The layout: each attachment's size (from the store) and where its stream starts.

    With a ``sealer`` the stored files are sealed: the clear size follows from the sealed one.
    """
    plans: list[BlobPlan] = []
    offset = 0
    for number, (sha256, path, known) in enumerate(blobs):
        try:
            size = sealer.plain_size(path) if sealer is not None else os.stat(path).st_size
        except FileNotFoundError:
            raise missing_blob(sha256) from None
        except SealedFileError:
            raise corrupted_blob(sha256) from None
        if known is not None and known[0] != size:
            raise corrupted_blob(sha256)
        plans.append(BlobPlan(number, sha256, path, size, offset, known[1] if known else None))
        offset += stream_length(size)
    return plans


class _Volumes:
    """The span's volume files, created empty up front; every writer thread has handles of its own."""

    def __init__(self, folder: Path, stem: str, volume_size: int, length: int) -> None:
        count = -(-length // volume_size)
        if count > MAX_VOLUMES:
            raise PackageError(code="package.too_many_volumes", limit=MAX_VOLUMES)
        self.volume_size = volume_size
        self.entries = [
            FileEntry(f"{stem}.{index:03d}", min(volume_size, length - index * volume_size), "")
            for index in range(count)
        ]
        self.paths = [folder / entry.name for entry in self.entries]
        for path in self.paths:
            path.open("xb").close()


@dataclass(frozen=True)
class _Piece:
    """Bytes written at ``offset`` of a volume, and their xxh3 for the read-back."""

    offset: int
    length: int
    checksum: int


class _VolumeHandles:
    """One thread's handles on the volumes; notes every piece it writes in ``pieces[volume]``."""

    def __init__(self, volumes: _Volumes, pieces: list[list[_Piece]]) -> None:
        self._volumes = volumes
        self._handles: dict[int, BinaryIO] = {}
        self._pieces = pieces

    def write_at(self, offset: int, data: memoryview) -> None:
        size = self._volumes.volume_size
        while data:
            index, inside = divmod(offset, size)
            handle = self._handles.get(index)
            if handle is None:
                handle = self._handles[index] = self._volumes.paths[index].open("r+b", buffering=0)
            handle.seek(inside)
            piece = data[: size - inside]
            self._pieces[index].append(_Piece(inside, len(piece), xxhash.xxh3_64_intdigest(piece)))
            written = 0
            while written < len(piece):
                written += handle.write(piece[written:])
            offset += len(piece)
            data = data[len(piece) :]

    def close(self) -> None:
        for handle in self._handles.values():
            handle.close()
        self._handles.clear()


class _Stop(Exception):
    """Another thread failed or the export was cancelled: this one stops too."""


class _Completion:
    """Which volumes are complete: every stream that lies (partly) in them is written."""

    def __init__(self, plans: list[BlobPlan], volume_size: int, volume_count: int) -> None:
        self._lock = threading.Lock()
        self._remaining = [0] * volume_count
        self._spans: list[range] = []
        for plan in plans:
            first, last = plan.offset // volume_size, (plan.offset + plan.length - 1) // volume_size
            self._spans.append(range(first, last + 1))
            for volume in self._spans[-1]:
                self._remaining[volume] += 1

    def written(self, plan: BlobPlan) -> list[int]:
        """The volumes that ``plan`` was the last stream of."""
        with self._lock:
            complete = []
            for volume in self._spans[plan.number]:
                self._remaining[volume] -= 1
                if not self._remaining[volume]:
                    complete.append(volume)
            return complete


def write_blobs(
    folder: Path,
    stem: str,
    key: bytes,
    plans: list[BlobPlan],
    *,
    volume_size: int,
    progress: Callable[[int], None],
    sealer: Sealer | None = None,
) -> tuple[list[FileEntry], list[Fingerprint]]:
    """Write every planned attachment as one stream into ``stem.000`` …; returns the volumes, fsynced,
    read back, checked and hashed, and the fingerprints of the attachments that had none (their
    SHA-256 was checked instead). ``progress(done)`` is called on this thread (it may raise to cancel).

    A volume is fsynced and read back as soon as its last stream is written, on a thread of its own,
    while the workers seal the following volumes: only the last volumes are read back at the end.
    """
    if not plans:
        return [], []
    length = plans[-1].offset + plans[-1].length
    volume_size = volume_size_for(length, volume_size)
    volumes = _Volumes(folder, stem, volume_size, length)
    completion = _Completion(plans, volume_size, len(volumes.paths))
    pieces: list[list[_Piece]] = [[] for _ in volumes.paths]
    jobs = iter(_by_volume(plans, volume_size))
    jobs_lock = threading.Lock()
    stop = threading.Event()
    done = [0] * WORKERS
    read_backs: dict[int, Future[FileEntry]] = {}
    taken: list[Fingerprint] = []

    def work(slot: int, checking: ThreadPoolExecutor) -> None:
        handles = _VolumeHandles(volumes, pieces)
        plain = bytearray(CHUNK)
        sealed = bytearray(CHUNK + ABYTES)
        try:
            while not stop.is_set():
                with jobs_lock:
                    group = next(jobs, None)
                if group is None:
                    return
                for plan in group:
                    fingerprint = _seal_one(key, plan, handles, (plain, sealed), stop, sealer)
                    if plan.xxh3 is None:
                        taken.append((plan.sha256, plan.size, fingerprint))
                    done[slot] += 1
                    for volume in completion.written(plan):  # unbuffered writes: already in the file
                        read_backs[volume] = checking.submit(read_back, volumes, volume, pieces[volume], stop)
        except BaseException:
            stop.set()
            raise
        finally:
            handles.close()

    with (
        ThreadPoolExecutor(WORKERS, "package-read-back") as checking,
        ThreadPoolExecutor(WORKERS, "package-blobs") as sealing,
    ):
        running: list[Future[Any]] = [sealing.submit(work, slot, checking) for slot in range(WORKERS)]
        _watch(running, read_backs, lambda: progress(sum(done)), stop)
    _raise_first_failure([*running, *read_backs.values()])
    progress(sum(done))
    return [read_backs[volume].result() for volume in range(len(volumes.paths))], taken


def _watch(
    running: list[Future[Any]],
    read_backs: dict[int, Future[FileEntry]],
    report: Callable[[], None],
    stop: threading.Event,
) -> None:
    """Report progress until the workers and the read-backs they started are done; a failed read-back
    stops the workers at once. ``report`` may raise (cancel): the workers stop too."""
    try:
        while not all(future.done() for future in [*running, *list(read_backs.values())]):
            time.sleep(0.02)
            report()
            if any(f.done() and f.exception() for f in list(read_backs.values())):
                stop.set()
                break
    except BaseException:
        stop.set()
        raise


def _raise_first_failure(futures: list[Future[Any]]) -> None:
    """The first error of a worker or read-back, other than the stops it caused in the others."""
    errors = [future.exception() for future in futures]
    first = next((e for e in errors if e is not None and not isinstance(e, _Stop)), None)
    if first is not None:
        raise first


def volume_size_for(length: int, limit: int) -> int:
    """The attachment volumes' size for a span of ``length`` bytes: at most ``limit``, and small enough
    that there are about ``_VOLUMES_AT_LEAST`` of them (but not smaller than ``_SMALLEST_VOLUME``).

    Each worker writes whole volumes (``_by_volume``): two threads appending to one file take turns
    on its lock (ext4 lets them spin on it), which cost more than the encryption.
    """
    wanted = -(-length // _VOLUMES_AT_LEAST)
    return min(limit, max(_SMALLEST_VOLUME, wanted))


def _by_volume(plans: list[BlobPlan], volume_size: int) -> list[list[BlobPlan]]:
    """The plans in groups by the volume their stream starts in, in order."""
    groups: list[list[BlobPlan]] = []
    current = -1
    for plan in plans:
        if plan.offset // volume_size != current:
            current = plan.offset // volume_size
            groups.append([])
        groups[-1].append(plan)
    return groups


def _seal_one(
    key: bytes,
    plan: BlobPlan,
    out: _VolumeHandles,
    buffers: tuple[bytearray, bytearray],
    stop: threading.Event,
    sealer: Sealer | None,
) -> str:
    """Seal one attachment; returns its xxh3. Checks it against its fingerprint, or else its SHA-256."""
    plain, sealed = buffers
    salt = os.urandom(HEADER_BYTES)
    cipher = chunk_cipher(key, salt)
    out.write_at(plan.offset, memoryview(salt))
    position = plan.offset + HEADER_BYTES
    quick = fingerprints.hasher()
    digest = hashlib.sha256() if plan.xxh3 is None else None
    chunks = max(1, -(-plan.size // CHUNK))
    pieces = _clear_pieces(plan, plain, chunks, sealer)
    for number in range(chunks):
        if stop.is_set():
            raise _Stop
        piece = next(pieces, None)
        if piece is None:  # it shrank
            raise corrupted_blob(plan.sha256)
        quick.update(piece)
        if digest is not None:
            digest.update(piece)
        out_piece = memoryview(sealed)[: len(piece) + ABYTES]
        cipher.encrypt_into(chunk_nonce(number, number == chunks - 1), piece, None, out_piece)
        out.write_at(position, out_piece)
        position += len(out_piece)
    if next(pieces, None) is not None:  # it grew
        raise corrupted_blob(plan.sha256)
    fingerprint = quick.hexdigest()
    intact = digest.hexdigest() == plan.sha256 if digest is not None else fingerprint == plan.xxh3
    if not intact:
        raise corrupted_blob(plan.sha256)
    return fingerprint


def _clear_pieces(
    plan: BlobPlan, plain: bytearray, chunks: int, sealer: Sealer | None
) -> Iterator[memoryview]:
    """The stored file's clear bytes in ``CHUNK`` pieces (the last may be shorter, or empty), then
    anything beyond ``plan.size`` (a file that grew); a file that shrank is a corrupted blob.

    A sealed file's chunks are the same ``CHUNK`` size as a package stream's (store/sealed_files.py),
    so each decrypted chunk is one piece."""
    if sealer is not None and sealer.sealing:
        yield from _sealed_pieces(plan, sealer, plain)
        return
    try:
        source = open(plan.path, "rb", buffering=0)  # noqa: SIM115 (closed by the with below)
    except FileNotFoundError:
        raise missing_blob(plan.sha256) from None
    with source:
        left = plan.size
        for _ in range(chunks):
            wanted = min(CHUNK, left)
            piece = memoryview(plain)[:wanted]
            if _fill(source, piece) != wanted:  # the file shrank since it was planned: not the stored content
                raise corrupted_blob(plan.sha256)
            left -= wanted
            yield piece
        if source.read(1):
            yield memoryview(b"+")


def _sealed_pieces(plan: BlobPlan, sealer: Sealer, plain: bytearray) -> Iterator[memoryview]:
    left = plan.size
    sealed = _sealed_buffer()
    try:
        for chunk in sealer.chunks_into(plan.path, "", sealed, plain):
            if len(chunk) > left or len(chunk) < min(CHUNK, left):
                raise corrupted_blob(plan.sha256)
            left -= len(chunk)
            yield chunk
    except FileNotFoundError:
        raise missing_blob(plan.sha256) from None
    except SealedFileError:
        raise corrupted_blob(plan.sha256) from None


_BUFFERS = threading.local()


def _sealed_buffer() -> bytearray:
    """This thread's buffer for a sealed chunk read from the store (reused, as ``plain`` is)."""
    buffer: bytearray | None = getattr(_BUFFERS, "sealed", None)
    if buffer is None:
        buffer = _BUFFERS.sealed = bytearray(CHUNK + ABYTES)
    return buffer


def read_back(volumes: _Volumes, number: int, pieces: list[_Piece], stop: threading.Event) -> FileEntry:
    """fsync volume ``number``, then read it back: each piece must come back as written, and together
    they must cover the volume exactly. Returns the volume with the SHA-256 of the bytes read back."""
    path, entry = volumes.paths[number], volumes.entries[number]
    with path.open("rb+") as handle:
        fsync_file(handle)
    digest = hashlib.sha256()
    buffer = memoryview(bytearray(CHUNK + ABYTES))
    position = 0
    with path.open("rb", buffering=0) as handle:
        for piece in sorted(pieces, key=lambda p: p.offset):
            if stop.is_set():
                raise _Stop
            if piece.offset != position:
                raise _unreadable(path, position)
            view = buffer[: piece.length]
            if _fill(handle, view) != piece.length or xxhash.xxh3_64_intdigest(view) != piece.checksum:
                raise _unreadable(path, position)
            digest.update(view)
            position += piece.length
        if position != entry.size or handle.read(1):
            raise _unreadable(path, position)
    return FileEntry(entry.name, entry.size, digest.hexdigest())


def _fill(handle: io.RawIOBase, view: memoryview) -> int:
    """Read into all of ``view`` (an unbuffered read may return less); returns how much came."""
    got = 0
    while got < len(view) and (count := handle.readinto(view[got:])):
        got += count
    return got


def _unreadable(path: Path, position: int) -> PackageError:
    return PackageError(
        f"同步包写入后读回校验失败：{path.name} 第 {position} 字节起与写入的不符（U 盘可能有问题）；"
        "请换一个 U 盘重试"
    )
