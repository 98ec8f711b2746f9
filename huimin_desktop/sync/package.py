"""The sync package container (DESIGN.md §4): a folder on a USB stick that only its recipient can read.

It knows nothing of tables: the caller gives it records (JSON objects) and blobs (files by SHA-256).

Layout, short ASCII names that FAT32 and old Windows are happy with::

    HM2611290731A3F2/      HM + creation time (UTC, yymmddHHMM) + 4 hex digits of the package id
      MANIFEST.JSN         clear text, no personal data: versions, ids, key fingerprint, the caller's
                           header, the sealed package key, and the size and SHA-256 of every file
      MANIFEST.SIG         Ed25519 signature of MANIFEST.JSN's bytes by the origin station (64 bytes)
      PAYLOAD.000 …        one stream: zlib-compressed JSON lines, one record per line
      BLOBS.IDX            one stream: zlib-compressed JSON list of [sha256, offset, length, size]
      BLOBS.000 …          the attachments, each its own stream, back to back (absent when none)

(A *stream* is chunked ChaCha20-Poly1305 that detects truncation: ``package_streams``.)

A fresh random key per package encrypts every stream; it travels in the manifest sealed (X25519
SealedBox) to the recipient's public key. Attachment hashes and sizes are inside the encrypted index,
so nothing in the clear says what the package holds beyond counts.

Writing happens under ``HMxxxxxx.TMP`` in the destination. The attachments (``package_blobs``) are
written by two threads, fsynced, read back and compared with what was written; the records, index,
manifest and signature follow, every file and the folder fsynced, then a rename to the final name;
the package is then opened again (signature, file list, sizes) and its records and index decrypted.
Any failure or cancel removes the folder: a package under its final name is always complete.

Opening checks, in this order, before anything is decrypted: the folder holds exactly the files the
manifest lists (names short, plain ASCII, no path parts), the signature by the origin's enrolled key,
the format and schema versions, that we are the recipient, and each file's size and SHA-256. Every
refusal is a ``PackageError`` with a one-line Chinese reason.
"""

from __future__ import annotations

import base64
import datetime as dt
import errno
import hashlib
import json
import re
import secrets
import shutil
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import orjson
from nacl.exceptions import CryptoError
from nacl.public import PublicKey, SealedBox

from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import Words, text
from huimin_desktop.progress import TaskState
from huimin_desktop.store import fingerprints, schema
from huimin_desktop.store.durable import fsync_folder
from huimin_desktop.store.fingerprints import Fingerprint
from huimin_desktop.store.sealed_files import SealedWriter, Sealer
from huimin_desktop.sync.keys import StationKeys, fingerprint, verify_signature
from huimin_desktop.sync.package_blobs import BlobSource, plan_blobs, write_blobs
from huimin_desktop.sync.package_streams import (
    CHUNK,
    SHA256_PATTERN,
    BufferedEncryptor,
    FileEntry,
    PackageError,
    SpanReader,
    SpanWriter,
    StreamDecryptor,
    fsync_file,
    new_stream_key,
    stream_length,
)

__all__ = [
    "DEFAULT_VOLUME_SIZE",
    "NotForThisStation",
    "PackageError",
    "PackageInfo",
    "PackageReader",
    "StagedBlob",
    "WrittenPackage",
    "find_packages",
    "inspect_package",
    "is_package",
    "open_package",
    "peek_manifest",
    "read_manifest",
    "write_package",
]

FORMAT = "huimin-sync-package"
FORMAT_VERSION = 2  # 2: streams are ChaCha20-Poly1305 STREAM (1 was libsodium's secretstream)
# At most 256 MiB, far below FAT32's 4 GiB; attachment volumes are smaller in smaller packages, so that
# two threads can each write whole ones (package_blobs.volume_size_for)
DEFAULT_VOLUME_SIZE = 1 << 28
MANIFEST, SIGNATURE, INDEX = "MANIFEST.JSN", "MANIFEST.SIG", "BLOBS.IDX"
PAYLOAD_STEM, BLOBS_STEM = "PAYLOAD", "BLOBS"
TEMP_SUFFIX = ".TMP"
_MAX_MANIFEST_BYTES = 16 << 20
_MAX_LINE_BYTES = 64 << 20  # one record; refuses a decompression bomb disguised as one line
_INFLATE_PIECE = 8 << 20
_SAFE_NAME = re.compile(r"[A-Z0-9_]{1,8}(\.[A-Z0-9]{1,3})?")
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)), *(f"LPT{n}" for n in range(10))}
)
_RECORDS_PER_CHECK = 2000
SignKeyLookup = Callable[[str], str]


@dataclass(frozen=True)
class WrittenPackage:
    path: Path  # the package folder under its final name
    package_id: str
    records: int
    attachments: int
    bytes: int  # all files together
    # fingerprints of the attachments that came without one (their SHA-256 was checked instead),
    # for the caller to record: the next export checks them the fast way
    fingerprints: tuple[Fingerprint, ...] = ()


class StagedBlob(NamedTuple):
    """An attachment decrypted into staging and checked against its SHA-256."""

    sha256: str
    path: Path
    size: int
    xxh3: str  # its fingerprint (store/fingerprints.py)


@dataclass(frozen=True)
class _Streams:
    files: list[FileEntry]
    records: int
    index: list[list[Any]]
    fingerprints: list[Fingerprint]


@dataclass(frozen=True)
class PackageInfo:
    """What a verified package is: from the signed manifest, counted while decrypting."""

    path: Path
    package_id: str
    origin: str
    origin_fingerprint: str
    recipient: str
    created_at: dt.datetime  # UTC, naive
    schema: str
    records: int
    attachments: int
    bytes: int
    header: dict[str, Any]


@contextmanager
def _read_errors(path: Path) -> Iterator[None]:
    """A stick pulled out or a full disk while reading: the same one-line refusal as any other."""
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise PackageError(code="package.disk_full_local") from exc
        raise PackageError(code="package.read_failed", name=path.name, reason=exc.strerror or exc) from exc


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


# -- writing ---------------------------------------------------------------------------------------


def write_package(
    dest_dir: Path,
    *,
    header: dict[str, Any],
    records: Iterable[dict[str, Any]],
    blobs: Iterable[tuple[Any, ...]],
    sender: StationKeys,
    recipient: str,
    recipient_box_key: str,
    task: TaskState | None = None,
    origin: str | None = None,
    volume_size: int = DEFAULT_VOLUME_SIZE,
    sealer: Sealer | None = None,
) -> WrittenPackage:
    """Write a package for ``recipient`` into ``dest_dir`` and verify it; returns where it went.

    ``records`` is consumed first, then ``blobs``, and only then is ``header`` read (the caller may fill
    it in while its iterators run). ``blobs`` gives (sha256, stored file) or (sha256, stored file,
    (size, xxh3) or None): with its fingerprint a blob is checked by xxh3 instead of SHA-256
    (``store/fingerprints.py``). ``origin`` defaults to the station the sender's keys belong to.
    ``sealer``: the stored files are sealed under the data key (``store/sealed_files.py``); they are
    decrypted chunk by chunk on the way into the package.
    """
    dest_dir = Path(dest_dir)
    origin = origin or sender.station_id
    if not origin:
        raise PackageError(code="package.key_no_station")
    try:
        recipient_key = PublicKey(bytes.fromhex(recipient_box_key))
    except (ValueError, TypeError, CryptoError):
        raise PackageError(code="package.recipient_key_invalid") from None
    if not dest_dir.is_dir():
        raise PackageError(code="package.target_missing", path=dest_dir)
    temporary = _make_temp_folder(dest_dir)
    final: Path | None = None
    try:
        package_key = new_stream_key()
        package_id = secrets.token_hex(16)
        created_at = _utcnow()
        streams = _write_streams(temporary, package_key, records, blobs, task, volume_size, sealer)
        files = streams.files
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema": schema.HEAD_REVISION,
            "package_id": package_id,
            "origin": origin,
            "origin_fingerprint": sender.fingerprint,
            "recipient": recipient,
            "recipient_key": recipient_box_key,
            "created_at": created_at.isoformat(sep=" "),
            "sealed_key": base64.b64encode(SealedBox(recipient_key).encrypt(package_key)).decode("ascii"),
            "records": streams.records,
            "attachments": len(streams.index),
            "payload": [entry.name for entry in files if entry.name.startswith(PAYLOAD_STEM + ".")],
            "blobs": [entry.name for entry in files if entry.name.startswith(BLOBS_STEM + ".0")],
            "files": [entry.as_json() for entry in files],
            "header": header,
        }
        manifest_bytes = json.dumps(manifest, ensure_ascii=True, indent=1, default=str).encode("ascii")
        _write_small(temporary / MANIFEST, manifest_bytes)
        _write_small(temporary / SIGNATURE, sender.sign(manifest_bytes))
        fsync_folder(temporary)
        if task is not None:
            task.check()
        final = _final_name(dest_dir, created_at, package_id)
        temporary.rename(final)
        fsync_folder(dest_dir)
        # Read back from the stick under the final name: signature, file list and sizes on opening,
        # then the records and the index (the attachment volumes were read back before the rename).
        reader = PackageReader(
            final, package_key=package_key, sign_key_for=lambda _: sender.sign_public_hex, verify_hashes=False
        )
        info = reader.check_written(task)
    except BaseException as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        if final is not None:
            shutil.rmtree(final, ignore_errors=True)
        if isinstance(exc, PackageError) and final is not None:
            raise PackageError(code="package.read_back_failed", detail=exc) from exc
        if isinstance(exc, OSError):
            if exc.errno == errno.ENOSPC:
                raise PackageError(code="package.target_full", path=dest_dir) from exc
            raise PackageError(
                code="package.write_failed", reason=exc.strerror or exc, path=exc.filename or dest_dir
            ) from exc
        raise
    return WrittenPackage(
        final, package_id, info.records, info.attachments, info.bytes, tuple(streams.fingerprints)
    )


def _make_temp_folder(dest_dir: Path) -> Path:
    for _ in range(100):
        candidate = dest_dir / f"HM{secrets.token_hex(3).upper()}{TEMP_SUFFIX}"
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate
    raise PackageError(code="package.no_temp_folder", path=dest_dir)


def _final_name(dest_dir: Path, created_at: dt.datetime, package_id: str) -> Path:
    stem = f"HM{created_at:%y%m%d%H%M}"
    candidate = dest_dir / f"{stem}{package_id[:4].upper()}"
    while candidate.exists():
        candidate = dest_dir / f"{stem}{secrets.token_hex(2).upper()}"
    return candidate


def _write_small(path: Path, data: bytes) -> None:
    with path.open("xb") as handle:
        handle.write(data)
        fsync_file(handle)


def _write_streams(
    folder: Path,
    key: bytes,
    records: Iterable[dict[str, Any]],
    blobs: Iterable[tuple[Any, ...]],
    task: TaskState | None,
    volume_size: int,
    sealer: Sealer | None = None,
) -> _Streams:
    payload_span = SpanWriter(folder, PAYLOAD_STEM, volume_size)
    index_span = SpanWriter(folder, INDEX, volume_size, single_file=True)
    try:
        payload = BufferedEncryptor(key, payload_span)
        compressor = zlib.compressobj(6)
        # Lines are copied into one buffer at once (a list of orjson's small bytes objects would hold
        # several kB each until the chunk is full).
        buffer = bytearray()
        count = 0
        for record in records:
            buffer += orjson.dumps(record, default=str)
            buffer += b"\n"
            count += 1
            if len(buffer) >= CHUNK:
                payload.write(compressor.compress(buffer))
                buffer.clear()
            if task is not None and count % _RECORDS_PER_CHECK == 0:
                task.report(count, 0, text("working.package_records"))
        if buffer:
            payload.write(compressor.compress(buffer))
        payload.write(compressor.flush())
        payload.finish()

        plans = plan_blobs(_unique_blobs(blobs), sealer)

        def blob_progress(done: int) -> None:
            if task is not None:
                task.report(done, len(plans), text("working.package_attachments"))

        blob_files, new_fingerprints = write_blobs(
            folder, BLOBS_STEM, key, plans, volume_size=volume_size, progress=blob_progress, sealer=sealer
        )
        index = [[plan.sha256, plan.offset, plan.length, plan.size] for plan in plans]
        index_stream = BufferedEncryptor(key, index_span)
        index_stream.write(zlib.compress(json.dumps(index, separators=(",", ":")).encode("ascii")))
        index_stream.finish()
        files = payload_span.close() + blob_files + index_span.close()
    except BaseException:
        for span in (payload_span, index_span):
            span.abort()
        raise
    return _Streams(files, count, index, new_fingerprints)


def _unique_blobs(blobs: Iterable[tuple[Any, ...]]) -> Iterator[BlobSource]:
    """(sha256, path) or (sha256, path, (size, xxh3) or None), each blob once."""
    seen: set[str] = set()
    for sha256, source, *known in blobs:
        if not SHA256_PATTERN.fullmatch(sha256):
            raise PackageError(code="package.blob_checksum_malformed", sha=sha256[:16])
        if sha256 not in seen:
            seen.add(sha256)
            yield sha256, source, known[0] if known else None


# -- reading ---------------------------------------------------------------------------------------


def is_package(path: Path) -> bool:
    return path.is_dir() and (path / MANIFEST).is_file() and not path.name.upper().endswith(TEMP_SUFFIX)


def find_packages(path: Path) -> list[Path]:
    """``path`` itself when it is a package; else the packages directly inside it, oldest first.

    Anything else comes back as ``[path]``, so that opening it gives the user the reason.
    """
    path = Path(path)
    if is_package(path) or not path.is_dir():
        return [path]
    inside = sorted((child for child in path.iterdir() if is_package(child)), key=lambda p: p.name)
    return inside or [path]


def open_package(
    path: Path, *, keys: StationKeys, sign_key_for: SignKeyLookup, verify_hashes: bool = True
) -> PackageReader:
    """Open and check a package addressed to the owner of ``keys`` (see the module docstring).

    ``sign_key_for(station_id)`` returns the origin's enrolled signing key (hex) or raises a
    ServiceError saying why it is not trusted (unknown, revoked).
    """
    return PackageReader(Path(path), keys=keys, sign_key_for=sign_key_for, verify_hashes=verify_hashes)


def inspect_package(
    path: Path, *, keys: StationKeys, sign_key_for: SignKeyLookup, decrypt: bool = True
) -> PackageInfo:
    """Verify a package completely (with ``decrypt``: every stream decrypted and checked, nothing kept)."""
    reader = PackageReader(Path(path), keys=keys, sign_key_for=sign_key_for, verify_hashes=not decrypt)
    return reader.verify_all() if decrypt else reader.info(records=reader.manifest["records"])


class PackageReader:
    def __init__(
        self,
        path: Path,
        *,
        keys: StationKeys | None = None,
        package_key: bytes | None = None,
        sign_key_for: SignKeyLookup,
        verify_hashes: bool = True,
    ) -> None:
        self.path = path
        with _read_errors(path):
            self._open(keys, package_key, sign_key_for, verify_hashes)

    def _open(
        self,
        keys: StationKeys | None,
        package_key: bytes | None,
        sign_key_for: SignKeyLookup,
        verify_hashes: bool,
    ) -> None:
        path = self.path
        self.manifest = _read_checked_manifest(path, sign_key_for)
        manifest = self.manifest
        if package_key is None:
            assert keys is not None
            if manifest["recipient_key"] != keys.box_public_hex or (
                keys.station_id and manifest["recipient"] != keys.station_id
            ):
                raise NotForThisStation(manifest["recipient"], manifest["header"].get("for"))
            try:
                package_key = SealedBox(keys.box_key).decrypt(base64.b64decode(manifest["sealed_key"]))
            except (CryptoError, ValueError, TypeError):
                raise PackageError(code="package.key_unusable") from None
        self._key = package_key
        self._files = {entry.name: entry for entry in _entries(manifest)}
        for entry in self._files.values():
            if (path / entry.name).stat().st_size != entry.size:
                raise PackageError(code="package.size_mismatch", name=entry.name)
        if verify_hashes:
            _check_hashes(path, list(self._files.values()))

    # what the lead's merge uses

    @property
    def header(self) -> dict[str, Any]:
        return self.manifest["header"]

    def records(self, *, check_hashes: bool = False) -> Iterator[dict[str, Any]]:
        """The records, streamed and authenticated; a cut or altered payload raises PackageError."""
        with _read_errors(self.path):
            for line in self._record_lines(check_hashes=check_hashes):
                yield _parse_record(line)

    def _record_lines(self, *, check_hashes: bool) -> Iterator[bytes]:
        span = SpanReader(self.path, self._volumes("payload"), check_hashes=check_hashes)
        try:
            decryptor = StreamDecryptor(
                self._key, span, span.length, Words("同步包数据（PAYLOAD）", "package data (PAYLOAD)")
            )
            decompressor = zlib.decompressobj()
            tail = b""
            count = 0
            for chunk in decryptor.chunks():
                pending = chunk
                while pending:
                    try:  # in bounded pieces: a 1 MiB chunk of repetitive records may inflate a lot
                        data = tail + decompressor.decompress(pending, _INFLATE_PIECE)
                    except zlib.error:
                        raise PackageError(code="package.payload_unpackable") from None
                    pending = decompressor.unconsumed_tail
                    lines = data.split(b"\n")
                    tail = lines.pop()
                    if len(tail) > _MAX_LINE_BYTES:
                        raise PackageError(code="package.record_too_long")
                    count += len(lines)
                    yield from lines
            if tail or not decompressor.eof or decompressor.unused_data:
                raise PackageError(code="package.payload_truncated")
            span.finish()
            if count != self.manifest["records"]:
                raise PackageError(code="package.record_count", count=count, listed=self.manifest["records"])
        finally:
            span.close()

    def blob_index(self, *, check_hashes: bool = False) -> list[tuple[str, int, int, int]]:
        """(sha256, offset, stream length, size) of every attachment, in the order they are stored."""
        with _read_errors(self.path):
            return self._blob_index(check_hashes)

    def _blob_index(self, check_hashes: bool) -> list[tuple[str, int, int, int]]:
        span = SpanReader(self.path, [self._files[INDEX]], check_hashes=check_hashes)
        try:
            decryptor = StreamDecryptor(
                self._key, span, span.length, Words("附件目录（BLOBS.IDX）", "attachment list (BLOBS.IDX)")
            )
            raw = b"".join(decryptor.chunks())
            span.finish()
        finally:
            span.close()
        try:
            inflater = zlib.decompressobj()
            text = inflater.decompress(raw, _MAX_LINE_BYTES)
            if inflater.unconsumed_tail or not inflater.eof:
                raise ValueError("index too large or cut")
            entries = json.loads(text)
            index = [(str(s), int(o), int(n), int(z)) for s, o, n, z in entries]
        except (zlib.error, ValueError, TypeError):
            raise PackageError(code="package.blob_index_damaged") from None
        position = 0
        for sha256, offset, length, size in index:
            if (
                not SHA256_PATTERN.fullmatch(sha256)
                or offset != position
                or size < 0
                or length != stream_length(size)
            ):
                raise PackageError(code="package.blob_index_malformed")
            position += length
        total = sum(self._files[name].size for name in self.manifest["blobs"])
        if position != total or len(index) != self.manifest["attachments"]:
            raise PackageError(code="package.blob_index_mismatch")
        return index

    def blobs(
        self,
        staging: Path,
        *,
        check_hashes: bool = False,
        seal: Callable[[BinaryIO], SealedWriter] | None = None,
    ) -> Iterator[StagedBlob]:
        """Decrypt each attachment into a file in ``staging`` and yield it (with its xxh3 fingerprint).

        ``seal`` (the attachment store's ``staging_writer``) seals each file as it is written, so the
        package's attachments never lie clear in staging; without it they are written clear.

        Each file is checked against its SHA-256 before it is yielded; it is the caller's to move or
        delete. On any failure the file being written is removed before PackageError is raised.
        """
        with _read_errors(self.path):
            yield from self._blobs(Path(staging), check_hashes, seal)

    def _blobs(
        self, staging: Path, check_hashes: bool, seal: Callable[[BinaryIO], SealedWriter] | None
    ) -> Iterator[StagedBlob]:
        index = self._blob_index(check_hashes)
        span = SpanReader(self.path, self._volumes("blobs"), check_hashes=check_hashes)
        try:
            for number, (sha256, _offset, length, size) in enumerate(index):
                target = staging / f"blob-{number:06d}.part"
                digest = hashlib.sha256()
                quick = fingerprints.hasher()
                written = 0
                try:
                    with target.open("xb") as out:
                        sink = seal(out) if seal is not None else None
                        decryptor = StreamDecryptor(
                            self._key, span, length, Words(f"附件 {number + 1}", f"attachment {number + 1}")
                        )
                        for chunk in decryptor.chunks():
                            digest.update(chunk)
                            quick.update(chunk)
                            written += len(chunk)
                            (sink or out).write(chunk)
                        if sink is not None:
                            sink.finish()
                    if written != size or digest.hexdigest() != sha256:
                        raise PackageError(code="package.blob_checksum_mismatch", number=number + 1)
                except BaseException:
                    with suppress(OSError):
                        target.unlink()
                    raise
                yield StagedBlob(sha256, target, size, quick.hexdigest())
            span.finish()
        finally:
            span.close()

    def verify_all(self, task: TaskState | None = None) -> PackageInfo:
        """Decrypt everything to nowhere, hashing each file on the way: the complete verification."""
        with _read_errors(self.path):
            return self._verify_all(task)

    def check_written(self, task: TaskState | None = None) -> PackageInfo:
        """The writer's read-back after the rename: the records decrypt and count, the index fits.

        The attachment volumes, nearly all of the bytes, were already read back and compared piece by
        piece before the rename (``package_blobs.read_back``), and the files' sizes were checked on
        opening; the records are the writer's own JSON, so only their lines are counted.
        """
        with _read_errors(self.path):
            count = 0
            for count, _line in enumerate(self._record_lines(check_hashes=False), start=1):
                if task is not None and count % _RECORDS_PER_CHECK == 0:
                    task.report(count, self.manifest["records"], text("working.package_verifying"))
            self._blob_index(check_hashes=False)
            return self.info(records=count)

    def _verify_all(self, task: TaskState | None) -> PackageInfo:
        count = 0
        for count, _record in enumerate(self.records(check_hashes=True), start=1):
            if task is not None and count % _RECORDS_PER_CHECK == 0:
                task.report(count, self.manifest["records"], text("working.package_verifying"))
        index = self._blob_index(check_hashes=True)
        span = SpanReader(self.path, self._volumes("blobs"), check_hashes=True)
        try:
            for number, (sha256, _offset, length, size) in enumerate(index):
                digest = hashlib.sha256()
                written = 0
                for chunk in StreamDecryptor(
                    self._key, span, length, Words(f"附件 {number + 1}", f"attachment {number + 1}")
                ).chunks():
                    digest.update(chunk)
                    written += len(chunk)
                    if task is not None:
                        task.check()
                if written != size or digest.hexdigest() != sha256:
                    raise PackageError(code="package.blob_checksum_mismatch", number=number + 1)
            span.finish()
        finally:
            span.close()
        return self.info(records=count)

    def info(self, *, records: int) -> PackageInfo:
        manifest = self.manifest
        return PackageInfo(
            path=self.path,
            package_id=manifest["package_id"],
            origin=manifest["origin"],
            origin_fingerprint=manifest["origin_fingerprint"],
            recipient=manifest["recipient"],
            created_at=dt.datetime.fromisoformat(manifest["created_at"]),
            schema=manifest["schema"],
            records=records,
            attachments=manifest["attachments"],
            bytes=sum(entry.size for entry in self._files.values())
            + (self.path / MANIFEST).stat().st_size
            + (self.path / SIGNATURE).stat().st_size,
            header=manifest["header"],
        )

    def _volumes(self, role: str) -> list[FileEntry]:
        return [self._files[name] for name in self.manifest[role]]


def _parse_record(line: bytes) -> dict[str, Any]:
    try:
        record = orjson.loads(line)  # half a million records in a county's package: the fast parser
    except orjson.JSONDecodeError:
        raise PackageError(code="package.record_unreadable") from None
    if not isinstance(record, dict):
        raise PackageError(code="package.record_malformed")
    return record


# -- the manifest checks ---------------------------------------------------------------------------


class NotForThisStation(PackageError):
    """The package is addressed to another station (``recipient``, its id; the caller names it)."""

    def __init__(self, recipient: str, claimed: Any = None) -> None:
        super().__init__(code="package.not_for_this_station")
        self.recipient = recipient
        self.claimed = claimed  # what the manifest's header says of the recipient (clear text)


def peek_manifest(path: Path) -> dict[str, Any]:
    """The manifest as it stands, unchecked ({} when unreadable): only to choose how to open it."""
    try:
        data = _read_small(Path(path), MANIFEST)
        manifest = json.loads(data.decode("ascii"))
    except (PackageError, OSError, UnicodeDecodeError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def read_manifest(path: Path, *, sign_key_for: SignKeyLookup) -> dict[str, Any]:
    """The manifest, its listing, signature and versions checked (nothing decrypted)."""
    with _read_errors(Path(path)):
        return _read_checked_manifest(Path(path), sign_key_for)


def _read_checked_manifest(path: Path, sign_key_for: SignKeyLookup) -> dict[str, Any]:
    if not path.is_dir():
        raise PackageError(code="package.not_a_folder", path=path)
    manifest_bytes = _read_small(path, MANIFEST)
    signature = _read_small(path, SIGNATURE)
    try:
        manifest = json.loads(manifest_bytes.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise PackageError(code="package.manifest_damaged") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageError(code="package.not_ours")
    entries = _entries(manifest)
    _check_listing(path, entries)
    origin = manifest.get("origin")
    if not isinstance(origin, str) or not origin:
        raise PackageError(code="package.no_sender")
    try:
        sign_key = sign_key_for(origin)
    except PackageError:
        raise
    except ServiceError as exc:  # unknown or revoked station: one exception type for every refusal
        # one exception type for every refusal, keeping the lookup's code so it is worded the same
        raise (PackageError(code=exc.code, **exc.params) if exc.coded else PackageError(exc.message)) from exc
    if not verify_signature(sign_key, manifest_bytes, signature):
        raise PackageError(code="package.bad_signature")
    _check_versions(manifest)
    if manifest.get("origin_fingerprint") != fingerprint(sign_key):
        raise PackageError(code="package.fingerprint_mismatch")
    return manifest


def _read_small(folder: Path, name: str) -> bytes:
    target = folder / name
    try:
        info = target.lstat()
    except FileNotFoundError:
        raise PackageError(code="package.incomplete", name=name) from None
    if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_MANIFEST_BYTES:
        raise PackageError(code="package.not_a_file", name=name)
    return target.read_bytes()


def _entries(manifest: dict[str, Any]) -> list[FileEntry]:
    """The manifest's file list, every name checked to be a plain short name inside the package."""
    try:
        files = manifest["files"]
        entries = [FileEntry(str(f["name"]), int(f["size"]), str(f["sha256"])) for f in files]
        roles = [*manifest["payload"], *manifest["blobs"]]
    except (KeyError, TypeError, ValueError):
        raise PackageError(code="package.no_file_list") from None
    names = [entry.name for entry in entries]
    for name in [*names, *roles]:
        if (
            not isinstance(name, str)
            or not _SAFE_NAME.fullmatch(name)
            or name in (MANIFEST, SIGNATURE)
            or name.split(".")[0] in _WINDOWS_DEVICES
        ):
            raise PackageError(code="package.unsafe_name", name=repr(str(name)[:40]))
    if len(set(names)) != len(names) or INDEX not in names or not set(roles) <= set(names) or not roles:
        raise PackageError(code="package.file_list_malformed")
    for entry in entries:
        if entry.size < 0 or not SHA256_PATTERN.fullmatch(entry.sha256):
            raise PackageError(code="package.file_entry_malformed", name=entry.name)
    return entries


def _is_system_litter(name: str) -> bool:
    """Files an operating system drops into any folder it shows (macOS on FAT sticks, Explorer)."""
    return name.startswith("._") or name.lower() in {".ds_store", "thumbs.db", "desktop.ini"}


def _check_listing(path: Path, entries: list[FileEntry]) -> None:
    expected = {entry.name for entry in entries} | {MANIFEST, SIGNATURE}
    present = {child.name for child in path.iterdir() if not _is_system_litter(child.name)}
    missing, extra = sorted(expected - present), sorted(present - expected)
    if missing:
        raise PackageError(code="package.missing_files", names="、".join(missing[:3]))
    if extra:
        raise PackageError(code="package.extra_files", names="、".join(extra[:3]))
    for entry in entries:
        info = (path / entry.name).lstat()
        if not stat.S_ISREG(info.st_mode):
            raise PackageError(code="package.not_a_file_refused", name=entry.name)


def _check_versions(manifest: dict[str, Any]) -> None:
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise PackageError(code="package.format_newer", version=version)
    if version < FORMAT_VERSION:
        raise PackageError(code="package.format_older", version=version)
    revision = str(manifest.get("schema", ""))
    if not revision.isdigit():
        raise PackageError(code="package.schema_invalid")
    if int(revision) > int(schema.HEAD_REVISION):
        raise PackageError(code="package.schema_newer", revision=revision)
    for key, kind in (
        ("package_id", str),
        ("recipient", str),
        ("recipient_key", str),
        ("created_at", str),
        ("sealed_key", str),
        ("records", int),
        ("attachments", int),
        ("header", dict),
    ):
        if not isinstance(manifest.get(key), kind):
            raise PackageError(code="package.manifest_field_missing", key=key)
    if not re.fullmatch(r"[0-9a-f]{32}", manifest["package_id"]):
        raise PackageError(code="package.id_malformed")
    try:
        dt.datetime.fromisoformat(manifest["created_at"])
    except ValueError:
        raise PackageError(code="package.time_malformed") from None


def _check_hashes(path: Path, entries: list[FileEntry]) -> None:

    for entry in entries:
        target = path / entry.name
        if target.stat().st_size != entry.size:
            raise PackageError(code="package.size_mismatch", name=entry.name)
        digest = hashlib.sha256()
        with target.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != entry.sha256:
            raise PackageError(code="package.hash_mismatch", name=entry.name)
