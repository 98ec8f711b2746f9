"""Files at rest under the data key: attachments, thumbnails, drafts, merge staging (issue 13).

The database is SQLCipher under the random data key unlocked at login; every other file in the data
folder that may hold personal data is *sealed* under the same key, here. One key per purpose is derived
from the data key with HKDF-SHA-256 (``info = "huimin data at rest v1 <purpose>"``), so an attachment
box can never be opened as a draft, and the key naming attachments is not the key encrypting them.

A sealed file is the STREAM construction the sync packages use (package_streams.py; age's, Hoang et al.
2015) with ChaCha20-Poly1305 from the cryptography package::

    b"HMS1" | 16-byte random salt | chunk 0 | chunk 1 | … | last chunk

each chunk ``CHUNK`` plaintext bytes (the last may be shorter, even empty) sealed under
HKDF(purpose key, salt) with the nonce ``counter (11 bytes) || last flag`` and, as associated data,
the file's *context* (what it is: the attachment's name, the draft's key). So a chunk cannot be moved,
dropped or swapped, a file cut short lacks its last-flagged chunk, and a sealed file renamed over
another one fails its tag. The salt is fresh per file, so no (key, nonce) pair is ever used twice.

Files are written under a temporary name, fsynced, then renamed (``write_atomic``): on disk a sealed file
is whole or absent. Reading decrypts chunk by chunk (``chunks``) or into memory (``read_bytes``); a
program that needs a path (the video player) gets a decrypted temporary copy that is removed on close
(``DecryptedCopy``). ``Sealer(None)`` is the clear mode of a database opened without a key (a clear
folder before its conversion): it reads and writes plain bytes, so the same code serves both.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from huimin_desktop.store.durable import fsync_folder

MAGIC = b"HMS1"
SALT_BYTES = 16
HEADER_BYTES = len(MAGIC) + SALT_BYTES
CHUNK = 1 << 20  # plaintext bytes per chunk, as in the packages
TAG_BYTES = 16

# Purposes: one sub-key each (HKDF info strings; changing one makes its files unreadable).
ATTACHMENTS = "attachments"
ATTACHMENT_NAMES = "attachment names"
THUMBNAILS = "thumbnails"
DRAFTS = "drafts"
LOGS = "logs"


class SealedFileError(Exception):
    """A sealed file does not open: damaged, cut short, not sealed by this station, or renamed."""


def purpose_key(data_key: bytes, purpose: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"huimin data at rest v1 {purpose}".encode()
    ).derive(data_key)


def _file_cipher(key: bytes, salt: bytes) -> ChaCha20Poly1305:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"huimin sealed file").derive(key)
    return ChaCha20Poly1305(derived)


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def sealed_size(plain_size: int) -> int:
    chunks = max(1, -(-plain_size // CHUNK))
    return HEADER_BYTES + plain_size + chunks * TAG_BYTES


def plain_size(sealed: int) -> int:
    """The clear size of a sealed file of ``sealed`` bytes (its inverse of ``sealed_size``)."""
    body = sealed - HEADER_BYTES
    if body < TAG_BYTES:
        raise SealedFileError("sealed file too short")
    chunks = -(-body // (CHUNK + TAG_BYTES))
    return body - chunks * TAG_BYTES


def names_key(data_key: bytes) -> bytes:
    return purpose_key(data_key, ATTACHMENT_NAMES)


def keyed_name(key: bytes | None, value: str) -> str:
    """A name that does not give ``value`` away (HMAC-SHA-256 under ``key``); ``value`` in clear mode."""
    if key is None:
        return value
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


class SealedWriter:
    """Writes one sealed file into an open handle: ``write`` any amount, then ``finish`` once."""

    def __init__(self, key: bytes | None, handle: BinaryIO, context: bytes) -> None:
        self._handle, self._context = handle, context
        self._pending = bytearray()
        self._counter = 0
        self._cipher: ChaCha20Poly1305 | None = None
        if key is not None:
            salt = os.urandom(SALT_BYTES)
            self._cipher = _file_cipher(key, salt)
            handle.write(MAGIC + salt)

    def write(self, data: bytes | memoryview) -> None:
        if self._cipher is None:
            self._handle.write(data)
            return
        self._pending += data
        while len(self._pending) > CHUNK:  # keep at least one byte back for the last chunk
            self._push(bytes(self._pending[:CHUNK]), last=False)
            del self._pending[:CHUNK]

    def _push(self, chunk: bytes, *, last: bool) -> None:
        assert self._cipher is not None
        self._handle.write(self._cipher.encrypt(_nonce(self._counter, last), chunk, self._context))
        self._counter += 1

    def finish(self) -> None:
        if self._cipher is not None:
            self._push(bytes(self._pending), last=True)
            self._pending.clear()


class Sealer:
    """Seals and opens the files of one purpose under the data key (``None``: clear mode)."""

    def __init__(self, data_key: bytes | None, purpose: str) -> None:
        self.purpose = purpose
        self.key = purpose_key(data_key, purpose) if data_key is not None else None

    @property
    def sealing(self) -> bool:
        return self.key is not None

    # -- writing -------------------------------------------------------------------------------------

    def writer(self, handle: BinaryIO, context: str) -> SealedWriter:
        return SealedWriter(self.key, handle, context.encode())

    def seal(self, data: bytes, context: str) -> bytes:
        import io

        buffer = io.BytesIO()
        writer = self.writer(buffer, context)
        writer.write(data)
        writer.finish()
        return buffer.getvalue()

    def write_atomic(self, target: Path, data: bytes, context: str) -> None:
        """``data`` sealed into ``target``: temporary file, fsync, rename, folder fsync."""
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
        try:
            with open(temporary, "wb") as handle:
                handle.write(self.seal(data, context))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        fsync_folder(target.parent)

    # -- reading -------------------------------------------------------------------------------------

    def chunks(self, path: Path, context: str) -> Iterator[bytes]:
        """The clear bytes of a sealed file, chunk by chunk, each one authenticated before it is given."""
        with open(path, "rb") as handle:
            yield from self.handle_chunks(handle, context)

    def handle_chunks(self, handle: BinaryIO, context: str) -> Iterator[bytes]:
        if self.key is None:
            while chunk := handle.read(CHUNK):
                yield chunk
            return
        header = handle.read(HEADER_BYTES)
        if len(header) != HEADER_BYTES or header[: len(MAGIC)] != MAGIC:
            raise SealedFileError("not a sealed file")
        cipher = _file_cipher(self.key, header[len(MAGIC) :])
        counter = 0
        piece = handle.read(CHUNK + TAG_BYTES)
        while True:
            following = handle.read(CHUNK + TAG_BYTES) if len(piece) == CHUNK + TAG_BYTES else b""
            last = not following
            try:
                yield cipher.decrypt(_nonce(counter, last), piece, context.encode())
            except InvalidTag:
                raise SealedFileError("sealed file damaged, cut short or not this one") from None
            if last:
                return
            counter += 1
            piece = following

    def chunks_into(
        self, path: Path, context: str, sealed: bytearray, plain: bytearray
    ) -> Iterator[memoryview]:
        """``chunks`` into the caller's buffers (``CHUNK + TAG_BYTES`` and ``CHUNK`` bytes): no megabyte
        allocated per chunk, which costs more in page faults than the decryption (an export's
        threads). Each view is valid until the next one is asked for. Sealed files only."""
        assert self.key is not None
        ad = context.encode()
        with open(path, "rb", buffering=0) as handle:
            body = os.fstat(handle.fileno()).st_size - HEADER_BYTES
            header = handle.read(HEADER_BYTES)
            if len(header) != HEADER_BYTES or header[: len(MAGIC)] != MAGIC or body < TAG_BYTES:
                raise SealedFileError("not a sealed file")
            cipher = _file_cipher(self.key, header[len(MAGIC) :])
            count = -(-body // (CHUNK + TAG_BYTES))
            for number in range(count):
                wanted = min(CHUNK + TAG_BYTES, body - number * (CHUNK + TAG_BYTES))
                view = memoryview(sealed)[:wanted]
                got = 0
                while got < wanted and (read := handle.readinto(view[got:])):
                    got += read
                if got != wanted or wanted < TAG_BYTES:
                    raise SealedFileError("sealed file cut short")
                out = memoryview(plain)[: wanted - TAG_BYTES]
                try:
                    cipher.decrypt_into(_nonce(number, number == count - 1), view, ad, out)
                except InvalidTag:
                    raise SealedFileError("sealed file damaged, cut short or not this one") from None
                yield out

    def read_bytes(self, path: Path, context: str) -> bytes:
        return b"".join(self.chunks(path, context))

    def open_bytes(self, sealed: bytes, context: str) -> bytes:
        import io

        return b"".join(self.handle_chunks(io.BytesIO(sealed), context))

    def plain_size(self, path: Path) -> int:
        size = path.stat().st_size
        return plain_size(size) if self.key is not None else size

    def opens(self, path: Path, context: str) -> bool:
        """True when ``path`` is a file this sealer wrote (its first chunk authenticates): a clear file
        that happens to start with the magic bytes is not taken for a sealed one."""
        if self.key is None:
            return False
        try:
            size = path.stat().st_size
            with open(path, "rb") as handle:
                header = handle.read(HEADER_BYTES)
                piece = handle.read(CHUNK + TAG_BYTES)
        except OSError:
            return False
        if len(header) != HEADER_BYTES or header[: len(MAGIC)] != MAGIC or len(piece) < TAG_BYTES:
            return False
        last = size <= HEADER_BYTES + CHUNK + TAG_BYTES
        try:
            _file_cipher(self.key, header[len(MAGIC) :]).decrypt(_nonce(0, last), piece, context.encode())
        except InvalidTag:
            return False
        return True


CLEAR_SUFFIX = ".clear"

# Data keys unlocked by logins in this process, by data folder: what writes a file after the station
# is closed (the command line's failure log, written once the error has left the command) seals it.
_UNLOCKED: dict[Path, bytes] = {}


def remember_key(root: Path, key: bytes | None) -> None:
    if key is not None:
        resolved = Path(root).resolve()
        _UNLOCKED.pop(resolved, None)  # re-inserted last: the dict's order is the order of the logins
        _UNLOCKED[resolved] = key


def last_unlocked_root() -> Path | None:
    """The folder of the latest login in this process (the GUI's open station), if any."""
    return next(reversed(_UNLOCKED), None)


def unlocked_key(root: Path) -> bytes | None:
    """The data key a login in this process unlocked for the folder ``root``, if any."""
    return _UNLOCKED.get(Path(root).resolve())


def write_sealed_log(folder: Path, name: str, text: str, key: bytes) -> Path:
    """One log entry as its own sealed file ``folder/NAME.sealed`` (``logs`` sub-key, its file name as
    associated data): appending to a sealed file would mean rewriting it."""
    target = folder / f"{name}.sealed"
    Sealer(key, LOGS).write_atomic(target, text.encode("utf-8"), target.name)
    return target


def wipe(path: Path) -> None:
    """Overwrite a file with zeros, fsync it, remove it (missing: nothing to do)."""
    try:
        size = path.stat().st_size
        handle = open(path, "r+b")  # noqa: SIM115 (closed below)
    except FileNotFoundError:
        return
    with handle:
        block = b"\0" * (1 << 20)
        left = size
        while left > 0:
            left -= handle.write(block[: min(left, len(block))])
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def seal_in_place(path: Path, sealer: Sealer, context: str) -> None:
    """Replace a clear file by its sealed form under the same name, never half: a hard link
    (``NAME.clear``) keeps the clear blocks reachable across the atomic rename, and is zeroed and
    removed after it. A kill at any point leaves the clear or the sealed file under the name; the next
    run's ``finish_clear_keepers`` zeroes a leftover keeper (or drops it when the rename never came)."""
    data = path.read_bytes()
    link = path.with_name(path.name + CLEAR_SUFFIX)
    link.unlink(missing_ok=True)
    keeper: Path | None = link
    try:
        os.link(path, link)
    except OSError:  # no hard links (FAT): the rename alone removes the clear name
        keeper = None
    sealer.write_atomic(path, data, context)
    if keeper is not None:
        wipe(keeper)


def finish_clear_keepers(folder: Path) -> int:
    """What a kill during ``seal_in_place`` left: keepers of renamed files are zeroed and removed; a
    keeper still linked to the clear file under its real name (killed before the rename) is only
    unlinked, since zeroing it would zero that file too. How many were found."""
    found = 0
    if not folder.is_dir():
        return 0
    for keeper in folder.rglob(f"*{CLEAR_SUFFIX}"):
        real = keeper.with_name(keeper.name[: -len(CLEAR_SUFFIX)])
        found += 1
        try:
            same = real.exists() and os.path.samefile(real, keeper)
        except OSError:
            same = False
        if same:
            keeper.unlink(missing_ok=True)
        else:
            wipe(keeper)
    return found


def is_sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


PLAYER_COPY_PREFIX = "huimin-play-"
OPENED_COPIES = "huimin-open"  # ui/attachments/panel.py: documents opened in the system's program


def sweep_clear_copies(older_than_s: float) -> int:
    """Zero and remove the decrypted copies in the system's temporary folder that a killed player
    or a document opened in Word left behind, once nothing touched them for ``older_than_s``."""
    import time

    folder = Path(tempfile.gettempdir())
    limit = time.time() - older_than_s
    candidates = list(folder.glob(f"{PLAYER_COPY_PREFIX}*"))
    if (folder / OPENED_COPIES).is_dir():
        candidates += [p for p in (folder / OPENED_COPIES).rglob("*") if p.is_file()]
    removed = 0
    for path in candidates:
        with contextlib.suppress(OSError):  # still open (Windows) or already gone
            if path.is_file() and path.stat().st_mtime <= limit:
                wipe(path)
                removed += 1
    return removed


class DecryptedCopy:
    """A clear temporary copy of a sealed file for a program that needs a path (video and audio
    playback); removed by ``close`` (and at exit of a ``with``). Lives in the system's temporary folder
    with owner-only permissions, under a random name."""

    def __init__(self, sealer: Sealer, source: Path, context: str, suffix: str = "") -> None:
        handle, name = tempfile.mkstemp(prefix=PLAYER_COPY_PREFIX, suffix=suffix)
        self.path = Path(name)
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in sealer.chunks(source, context):
                    out.write(chunk)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> DecryptedCopy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
