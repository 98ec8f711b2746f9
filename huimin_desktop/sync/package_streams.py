"""The byte layer of a sync package: encrypted streams spread over size-limited volume files.

A *stream* is the STREAM construction that age uses (Hoang, Reyhanitabar, Rogaway, Vizár 2015), with
ChaCha20-Poly1305 from the cryptography package: a 16-byte random salt, then chunks of ``CHUNK``
plaintext bytes (the last one may be shorter), each sealed under a key derived from the package key and
the salt (HKDF-SHA-256), with the nonce ``chunk counter (11 bytes) || last-chunk flag``. Chunks cannot be
reordered, dropped or spliced from another stream, and a stream cut at a chunk boundary lacks the chunk
sealed as the last one, so truncation is detected, not only bit flips.

It replaced libsodium's secretstream (format 1) because OpenSSL's ChaCha20-Poly1305 is about twice as
fast here, which is most of an export's time; the primitive is the same, and fast without AES-NI on
the older laptops.

Streams are written one after another into a *span*: one logical byte sequence cut into volume files
(``BLOBS.000``, ``BLOBS.001`` …) of at most ``volume_size`` bytes each, so that no file reaches FAT32's
4 GiB limit whatever the package holds. Files are hashed while they are written (one pass over the
data) and can be hashed again while they are read back.
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import Words

CHUNK = 1 << 20  # plaintext bytes per chunk: big enough that per-call costs vanish
HEADER_BYTES = 16  # the stream's random salt
ABYTES = 16  # the Poly1305 tag of each chunk
_KEY_INFO = b"huimin-sync-package stream"
MAX_VOLUMES = 1000  # three-digit extensions


class PackageError(ServiceError):
    """A package cannot be written, opened or trusted; ``message`` is the one-line Chinese reason."""

    code = "package"


@dataclass(frozen=True)
class FileEntry:
    """One file of a package as the manifest lists it."""

    name: str
    size: int
    sha256: str

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "size": self.size, "sha256": self.sha256}


def new_stream_key() -> bytes:
    return ChaCha20Poly1305.generate_key()


def chunk_cipher(key: bytes, salt: bytes) -> ChaCha20Poly1305:
    """The stream's own key: one package key serves thousands of streams without any nonce reuse."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_KEY_INFO).derive(key)
    return ChaCha20Poly1305(derived)


def chunk_nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def fsync_file(handle: BinaryIO) -> None:
    handle.flush()
    os.fsync(handle.fileno())


# -- writing ---------------------------------------------------------------------------------------


class _VolumeIO(threading.Thread):
    """Hashes and writes volume files on a second thread while the caller encrypts the next chunk.

    hashlib and file writes release the GIL, so on two cores encryption and hashing+writing overlap.
    At most ``_QUEUE`` pieces wait in between, which keeps memory flat whatever the package size.
    """

    _QUEUE = 8

    def __init__(self) -> None:
        super().__init__(name="package-volume-writer", daemon=True)
        self._queue: queue.Queue[tuple[str, Any] | None] = queue.Queue(self._QUEUE)
        self.error: BaseException | None = None
        self.digests: dict[str, str] = {}
        self.aborted = False
        self.start()

    def submit(self, kind: str, value: Any = None) -> None:
        if self.error is not None:
            raise self.error
        self._queue.put((kind, value))

    def finish(self) -> None:
        self._queue.put(None)
        self.join()
        if self.error is not None and not self.aborted:
            raise self.error

    def run(self) -> None:
        handle: BinaryIO | None = None
        digest = hashlib.sha256()
        path = Path()
        while (item := self._queue.get()) is not None:
            if self.error is not None or self.aborted:
                continue  # drain, so that the producer never blocks
            kind, value = item
            try:
                if kind == "open":
                    path = Path(value)
                    handle = path.open("xb")  # kept open across queue items
                    digest = hashlib.sha256()
                elif kind == "data":
                    assert handle is not None
                    handle.write(value)
                    digest.update(value)
                else:  # "close"
                    assert handle is not None
                    fsync_file(handle)
                    handle.close()
                    handle = None
                    self.digests[path.name] = digest.hexdigest()
            except BaseException as exc:  # handed to the producer at its next call
                self.error = exc
        if handle is not None:
            handle.close()


class SpanWriter:
    """Writes one logical byte sequence into ``STEM.000``, ``STEM.001`` … of at most ``volume_size``."""

    def __init__(self, folder: Path, stem: str, volume_size: int, *, single_file: bool = False) -> None:
        """With ``single_file`` the span is one file named ``stem`` (no size limit, no extension)."""
        if volume_size < 1:
            raise ValueError("volume_size must be positive")
        self.folder, self.stem, self.volume_size = folder, stem, volume_size
        self.single_file = single_file
        self.files: list[FileEntry] = []
        self.position = 0  # logical offset of the next byte
        self._io: _VolumeIO | None = None
        self._open = False
        self._written = 0  # bytes in the open volume

    def write(self, data: bytes) -> None:
        view = memoryview(bytes(data) if not isinstance(data, bytes) else data)  # immutable: shared
        while view:
            if not self._open or (self._written >= self.volume_size and not self.single_file):
                self._next_volume()
            assert self._io is not None
            take = len(view) if self.single_file else min(len(view), self.volume_size - self._written)
            self._io.submit("data", view[:take])
            self._written += take
            self.position += take
            view = view[take:]

    def _next_volume(self) -> None:
        self._close_volume()
        index = len(self.files)
        if index >= MAX_VOLUMES:
            raise PackageError(code="package.too_many_volumes", limit=MAX_VOLUMES)
        name = self.stem if self.single_file else f"{self.stem}.{index:03d}"
        if self._io is None:
            self._io = _VolumeIO()
        self._io.submit("open", self.folder / name)
        self._open = True
        self._written = 0
        self.files.append(FileEntry(name, 0, ""))

    def _close_volume(self) -> None:
        if not self._open:
            return
        assert self._io is not None
        self._io.submit("close")
        self._open = False
        self.files[-1] = FileEntry(self.files[-1].name, self._written, "")

    def close(self) -> list[FileEntry]:
        """Finish the last volume and wait until every volume is written, fsynced and hashed."""
        self._close_volume()
        if self._io is not None:
            self._io.finish()
            self.files = [FileEntry(f.name, f.size, self._io.digests[f.name]) for f in self.files]
            self._io = None
        return self.files

    def abort(self) -> None:
        if self._io is not None:
            self._io.aborted = True
            self._io.finish()
            self._io = None


class StreamEncryptor:
    """One stream, written into a span: full ``CHUNK``-sized pieces, then the last (``last=True``)."""

    def __init__(self, key: bytes, out: SpanWriter) -> None:
        salt = os.urandom(HEADER_BYTES)
        self._cipher = chunk_cipher(key, salt)
        self._counter = 0
        self._out = out
        self.start = out.position
        out.write(salt)

    def push(self, chunk: bytes, *, final: bool = False) -> None:
        if len(chunk) > CHUNK or (not final and len(chunk) != CHUNK):
            raise ValueError("only the last chunk of a stream may be shorter than CHUNK")
        self._out.write(self._cipher.encrypt(chunk_nonce(self._counter, final), chunk, None))
        self._counter += 1

    @property
    def length(self) -> int:
        return self._out.position - self.start


class BufferedEncryptor:
    """Collects bytes and encrypts them in ``CHUNK`` pieces; the last piece (maybe empty) is FINAL."""

    def __init__(self, key: bytes, out: SpanWriter) -> None:
        self._stream = StreamEncryptor(key, out)
        self._pending = bytearray()

    def write(self, data: bytes) -> None:
        self._pending += data
        # Keep at least one byte back, so that ``finish`` always has the piece to tag FINAL.
        while len(self._pending) > CHUNK:
            self._stream.push(bytes(self._pending[:CHUNK]))
            del self._pending[:CHUNK]

    def finish(self) -> int:
        self._stream.push(bytes(self._pending), final=True)
        self._pending.clear()
        return self._stream.length


def stream_length(plain_size: int) -> int:
    """The encrypted length of a stream of ``plain_size`` bytes written by ``encrypt_file``."""
    chunks = max(1, -(-plain_size // CHUNK))
    return HEADER_BYTES + plain_size + chunks * ABYTES


# -- reading ---------------------------------------------------------------------------------------


class SpanReader:
    """Reads a span's volumes in order as one byte sequence, optionally hashing each as it goes.

    With ``check_hashes`` every volume must be read to its end (``finish`` checks that and the last
    volume's hash), which is how a full verification reads each byte of a package exactly once.
    """

    def __init__(self, folder: Path, files: list[FileEntry], *, check_hashes: bool) -> None:
        self._folder, self._files, self._check = folder, files, check_hashes
        self._index = -1
        self._handle: BinaryIO | None = None
        self._left = 0  # bytes left in the open volume
        self._digest = hashlib.sha256()
        self.length = sum(entry.size for entry in files)
        self.position = 0

    def _advance(self) -> bool:
        self._close_volume()
        self._index += 1
        if self._index >= len(self._files):
            return False
        entry = self._files[self._index]
        self._handle = (self._folder / entry.name).open("rb")
        self._left = entry.size
        self._digest = hashlib.sha256()
        return True

    def _close_volume(self) -> None:
        if self._handle is None:
            return
        entry = self._files[self._index]
        trailing = self._handle.read(1)
        self._handle.close()
        self._handle = None
        if self._left or trailing:
            raise PackageError(code="package.size_mismatch", name=entry.name)
        if self._check and self._digest.hexdigest() != entry.sha256:
            raise PackageError(code="package.hash_mismatch", name=entry.name)

    def read(self, size: int) -> bytes:
        """Exactly ``size`` bytes, or fewer only when the span ends."""
        parts: list[bytes] = []
        wanted = size
        while wanted > 0:
            if self._handle is None or self._left == 0:
                if not self._advance():
                    break
                continue
            assert self._handle is not None
            data = self._handle.read(min(wanted, self._left))
            if not data:
                entry = self._files[self._index]
                raise PackageError(code="package.file_truncated", name=entry.name)
            if self._check:
                self._digest.update(data)
            self._left -= len(data)
            wanted -= len(data)
            parts.append(data)
        data = b"".join(parts)
        self.position += len(data)
        return data

    def finish(self) -> None:
        """The whole span was read: close (and check) the open volume and any empty ones after it."""
        if self.position != self.length:
            raise PackageError(code="package.extra_data")
        while self._advance():
            pass

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class StreamDecryptor:
    """Reads one stream of a known total length from a span, chunk by chunk.

    The length (from the signed manifest or the encrypted index) says which chunk is the last one, so
    that chunk is opened as the last: a stream cut short or extended fails its tag.
    """

    def __init__(self, key: bytes, span: SpanReader, length: int, what: Words) -> None:
        self._span, self._left, self._what = span, length, what
        self._counter = 0
        self.finished = False
        self._cipher = chunk_cipher(key, self._take(HEADER_BYTES))

    def _take(self, size: int) -> bytes:
        if size > self._left:
            raise PackageError(code="package.stream_truncated", what=self._what)
        data = self._span.read(size)
        if len(data) != size:
            raise PackageError(code="package.stream_truncated", what=self._what)
        self._left -= size
        return data

    def chunks(self) -> Iterator[bytes]:
        while not self.finished:
            if self._left < ABYTES:
                raise PackageError(code="package.stream_no_end", what=self._what)
            sealed = self._take(min(CHUNK + ABYTES, self._left))
            last = self._left == 0
            try:
                plain = self._cipher.decrypt(chunk_nonce(self._counter, last), sealed, None)
            except InvalidTag:
                raise PackageError(code="package.stream_tampered", what=self._what) from None
            self._counter += 1
            self.finished = last
            yield plain


SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")
