"""Encrypting a clear SQLite file (the previous version's huimin.db, its backups) with SQLCipher.

One file at a time, never half: the clear file's WAL is checkpointed into it, ``sqlcipher_export`` writes
an encrypted copy beside it (``NAME.encrypting``), the copy is fsynced and opened with the key (schema
read back), and renamed over the clear one. The clear file is then overwritten with zeros and removed:
a hard link (``NAME.clear``) made before the rename keeps its blocks reachable for that, and a start
after a power cut finishes the wipe (``finish_wipes``). Each step leaves either the clear file or the
encrypted one in place under the real name, so a kill at any point loses nothing. (On an SSD, zeros
written over a file do not promise the old blocks are gone; the README says so.)
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from huimin_desktop.store.durable import fsync_folder
from huimin_desktop.store.engine import connect, key_pragma

ENCRYPTING, CLEAR = ".encrypting", ".clear"
_SQLITE_HEADER = b"SQLite format 3\x00"


def is_clear_database(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == _SQLITE_HEADER
    except FileNotFoundError:
        return False


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _checkpoint(path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")  # folds the WAL in and removes it on close
    finally:
        connection.close()


def _export(path: Path, target: Path, key: bytes) -> None:
    from sqlcipher3 import dbapi2  # sqlite3 cannot ATTACH … KEY; sqlcipher3 without a key reads clear files

    target.unlink(missing_ok=True)
    connection = dbapi2.connect(str(path), isolation_level=None)
    try:
        literal = key_pragma(key).split("=", 1)[1].strip()
        connection.execute(f"ATTACH DATABASE ? AS encrypted KEY {literal}", (str(target),))
        connection.execute("SELECT sqlcipher_export('encrypted')")
        version = connection.execute("PRAGMA main.user_version").fetchone()[0]
        connection.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _verify(target: Path, key: bytes) -> None:
    connection = connect(target, key)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        result = connection.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        connection.close()
    if result != "ok":
        raise sqlite3.DatabaseError(f"encrypted copy of {target.name} fails its check: {result}")


def wipe(path: Path) -> None:
    """Overwrite a file with zeros, fsync it, remove it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as handle:
        block = b"\0" * (1 << 20)
        left = size
        while left > 0:
            left -= handle.write(block[: min(left, len(block))])
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def encrypt_file(path: Path, key: bytes) -> bool:
    """Encrypt one clear database file in place under ``key``; False when it was not clear."""
    if not is_clear_database(path):
        return False
    _checkpoint(path)
    target = path.with_name(path.name + ENCRYPTING)
    _export(path, target, key)
    _verify(target, key)
    keeper = path.with_name(path.name + CLEAR)
    keeper.unlink(missing_ok=True)
    try:
        os.link(path, keeper)
    except OSError:  # a file system without hard links (FAT): the rename alone removes the clear file
        keeper = None  # type: ignore[assignment]
    os.replace(target, path)
    fsync_folder(path.parent)
    for sidecar in _sidecars(path):  # the clear file's (empty after the checkpoint)
        sidecar.unlink(missing_ok=True)
    if keeper is not None:
        wipe(keeper)
    fsync_folder(path.parent)
    return True


def finish_wipes(folder: Path) -> None:
    """What a power cut during ``encrypt_file`` left: clear copies to wipe, half-written copies to drop."""
    for leftover in folder.glob(f"*{CLEAR}"):
        real = leftover.with_name(leftover.name[: -len(CLEAR)])
        if real.exists() and os.path.samefile(real, leftover):
            leftover.unlink()  # killed between the link and the rename: zeroing it would zero the clear file
        else:
            wipe(leftover)
    for leftover in folder.glob(f"*{ENCRYPTING}"):
        leftover.unlink(missing_ok=True)
