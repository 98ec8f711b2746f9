"""The backup to a USB stick (备份到U盘): the database, the key vault and the attachment store, in one
folder ``huimin-backup-<division>-<YYYYMMDD-HHMMSS>/`` on the stick::

    huimin.db        a copy taken with SQLite's backup API through the keyed connection: encrypted
    vault.json       keys/vault.json: the data key wrapped per user and for the recovery code, so the
                     backup opens with a user's password or the recovery code (on a new laptop too)
    attachments/     the attachment store's files as they are stored (same names, same bytes)
    backup.json      the manifest: station, when, schema revision, and every file's size and SHA-256;
                     written last, after every file was read back from the stick and matched

Encrypted: nothing clear is written (the database copy is SQLCipher, the attachments are copied as the
store keeps them, the vault holds only wrapped keys). The station's own signing keys (keys/station.key)
never leave the laptop (sync/keys.py); a station restored on a new laptop registers again.

Resumable: until ``backup.json`` is there the folder holds ``unfinished.json`` (which station, since
when). A run finds the unfinished folder of this station on the stick and goes on: attachment files
already there under their name with their size are not copied again (each file is written as
``NAME.part``, fsynced and renamed, so a name means a whole write), the database and the vault are
copied afresh. Verified: every file is read back from the stick (its cached pages dropped first where
the system allows) and its hash compared with the manifest; a mismatch is copied once more, then the
backup fails. A pulled stick or a cancel leaves an unfinished folder for the next run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from huimin_desktop import __version__
from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import text
from huimin_desktop.model import StationIdentity
from huimin_desktop.progress import TaskState
from huimin_desktop.security.roles import BACKUP
from huimin_desktop.store.attachments import INCOMING
from huimin_desktop.store.backups import copy_database
from huimin_desktop.store.database import Database
from huimin_desktop.store.durable import fsync_folder

FORMAT = "huimin-backup/1"
MANIFEST, UNFINISHED = "backup.json", "unfinished.json"
DB_NAME, VAULT_NAME, ATTACHMENTS = "huimin.db", "vault.json", "attachments"
FOLDER_PREFIX = "huimin-backup-"
PART = ".part"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class DriveBackupResult:
    folder: Path  # the backup folder on the stick
    files: int
    bytes: int
    copied: int  # files written by this run
    reused: int  # attachment files an interrupted run had already written
    attachments: int
    resumed: bool


@dataclass(frozen=True)
class _Item:
    source: Path
    name: str  # the path inside the backup folder, with "/"
    size: int
    reusable: bool  # an attachment: immutable, so one already on the stick with its size is kept


def _drop_cache(handle: Any) -> None:
    """Ask the system to forget the file's cached pages, so the next read comes from the stick."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        with contextlib.suppress(OSError):
            advise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def hash_file(path: Path, task: TaskState | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        _drop_cache(handle)
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            if task is not None:
                task.check()
    return digest.hexdigest()


def _copy(source: Path, target: Path, task: TaskState | None) -> str:
    """``source`` to ``target`` through ``target.part`` (fsync, rename); the SHA-256 of what was read."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + PART)
    digest = hashlib.sha256()
    try:
        with source.open("rb") as reader, partial.open("wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
                if task is not None:
                    task.check()
            writer.flush()
            os.fsync(writer.fileno())
            _drop_cache(writer)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_folder(target.parent)
    return digest.hexdigest()


def _attachment_items(root: Path) -> Iterator[_Item]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] == INCOMING or not path.is_file():
            continue
        yield _Item(path, f"{ATTACHMENTS}/{relative.as_posix()}", path.stat().st_size, True)


def _check_target(target_dir: Path) -> Path:
    target = Path(target_dir).expanduser().absolute()
    if not target.exists():
        raise ServiceError(code="target.missing", path=target)
    if not target.is_dir():
        raise ServiceError(code="target.not_folder", path=target)
    if not os.access(target, os.W_OK | os.X_OK):
        raise ServiceError(code="target.not_writable", path=target)
    return target


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_json(path: Path, data: dict[str, Any]) -> None:
    partial = path.with_name(path.name + PART)
    with partial.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    fsync_folder(path.parent)


def unfinished_backup(target: Path, station_id: str) -> Path | None:
    """The newest backup folder of this station on the stick that an interrupted run left."""
    found = []
    for folder in target.glob(f"{FOLDER_PREFIX}*"):
        if not folder.is_dir() or (folder / MANIFEST).exists():
            continue
        mark = _read_json(folder / UNFINISHED)
        if mark is not None and mark.get("station") == station_id:
            found.append(folder)
    return max(found, key=lambda f: f.name) if found else None


def _new_folder(target: Path, name: str) -> Path:
    for n in range(1, 100):
        folder = target / (name if n == 1 else f"{name}-{n}")
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue  # two backups in one second
    raise FileExistsError(target / name)


class DriveBackup:
    """One run of ``backup --to DIR`` / 备份到U盘 (``Station.backups.to_drive``)."""

    def __init__(self, db: Database, target_dir: Path, task: TaskState | None) -> None:
        db.actor.require(BACKUP)
        self.db = db
        self.target = _check_target(target_dir)
        self.task = task
        with db.reader() as session:
            identity = session.scalars(select(StationIdentity)).one()
            self.station = {
                "id": identity.id,
                "name": identity.name,
                "level": identity.level,
                "division_code": identity.division_code,
            }

    def run(self) -> DriveBackupResult:
        folder = unfinished_backup(self.target, self.station["id"])
        resumed = folder is not None
        if folder is None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            folder = _new_folder(self.target, f"{FOLDER_PREFIX}{self.station['division_code']}-{stamp}")
            started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            _write_json(folder / UNFINISHED, {"station": self.station["id"], "started_at": started})
        staging = self.db.folder.staging_dir
        staging.mkdir(parents=True, exist_ok=True)
        snapshot = staging / f"drive-backup-{os.getpid()}.db"
        try:
            copy_database(self.db.folder.db_path, snapshot, self.db.data_key)
            return self._fill(folder, snapshot, resumed)
        finally:
            snapshot.unlink(missing_ok=True)

    def _items(self, snapshot: Path) -> list[_Item]:
        vault = self.db.folder.vault_path
        items = [_Item(snapshot, DB_NAME, snapshot.stat().st_size, False)]
        if vault.is_file():
            items.append(_Item(vault, VAULT_NAME, vault.stat().st_size, False))
        return items + list(_attachment_items(self.db.folder.attachments_dir))

    def _fill(self, folder: Path, snapshot: Path, resumed: bool) -> DriveBackupResult:
        items = self._items(snapshot)
        total = sum(item.size for item in items)
        needed = sum(item.size for item in items if not self._present(folder, item))
        free = shutil.disk_usage(folder).free
        if needed > free:
            raise ServiceError(code="backup.no_space", path=self.target, needed=_mb(needed), free=_mb(free))
        files: dict[str, dict[str, Any]] = {}
        copied = done = 0
        for item in items:
            self._report(done, total, text("working.writing_stick"))
            target = folder / item.name
            if self._present(folder, item):
                digest = hash_file(item.source, self.task)
            else:
                digest = _copy(item.source, target, self.task)
                copied += 1
            files[item.name] = {"size": item.size, "sha256": digest}
            done += item.size
        copied += self._verify(folder, items, files, total)
        manifest = self._manifest(files, sum(1 for i in items if i.name.startswith(f"{ATTACHMENTS}/")))
        _write_json(folder / MANIFEST, manifest)
        (folder / UNFINISHED).unlink(missing_ok=True)
        fsync_folder(folder)
        self._report(total, total, text("working.backed_up"))
        return DriveBackupResult(
            folder, len(items), total, copied, len(items) - copied, manifest["attachments"], resumed
        )

    @staticmethod
    def _present(folder: Path, item: _Item) -> bool:
        if not item.reusable:
            return False
        try:
            return (folder / item.name).stat().st_size == item.size
        except OSError:
            return False

    def _verify(self, folder: Path, items: list[_Item], files: dict[str, dict[str, Any]], total: int) -> int:
        """Read every file back from the stick; one more copy of a file that does not match."""
        recopied = done = 0
        for item in items:
            self._report(done, total, text("working.verifying_stick"))
            expected = files[item.name]["sha256"]
            target = folder / item.name
            if hash_file(target, self.task) != expected:
                recopied += 1
                if _copy(item.source, target, self.task) != expected or hash_file(target) != expected:
                    raise ServiceError(code="backup.verify_failed", path=target)
            done += item.size
        return recopied

    def _manifest(self, files: dict[str, dict[str, Any]], attachments: int) -> dict[str, Any]:
        from huimin_desktop.store.schema import HEAD_REVISION

        return {
            "format": FORMAT,
            "station": self.station,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "taken_by": self.db.actor.username,
            "program_version": __version__,
            "schema_revision": HEAD_REVISION,
            "attachments": attachments,
            "files": files,
        }

    def _report(self, done: int, total: int, message: str) -> None:
        if self.task is not None:  # in KiB: a progress bar's range is a 32-bit int
            self.task.report(-(-done // 1024), max(1, -(-total // 1024)), message)


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f}"
