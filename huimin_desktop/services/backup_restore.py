"""Restoring a backup, with a check first.

``BACKUP`` is a backup folder from a stick (``backup.json`` beside the files: services/backup_drive.py)
or one database copy (``backups/huimin-*.db``). Before anything in the data folder changes the backup is
checked, and refused with one line when it is:

- unfinished (an interrupted backup to the stick), or its manifest is unreadable;
- damaged or truncated: a file missing, of another size or another SHA-256 than the manifest says, or
  the database fails SQLite's ``integrity_check`` or is not a station database at all;
- foreign: another station's (the manifest or the database names another station);
- under another key: the database does not open with this station's data key;
- from a newer program version (a schema this program does not know).

The database is checked as a copy in ``staging/`` (the bytes that will be installed, read once from the
stick); a refusal removes it and nothing else was touched. A good backup then replaces the data: the
current database is backed up first (``backups/huimin-before-restore-*.db``), the backup's attachment
files missing from the store are added (checked against the manifest; the store is content-addressed,
so nothing is overwritten), and the checked copy is renamed over ``huimin.db`` (one atomic rename, after
the open connections were closed and the WAL folded in). An older schema is upgraded as at any open.
The key vault stays as it is (the current passwords); the users' table is the backup's.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huimin_desktop.errors import AuthenticationError, PermissionDeniedError, ServiceError, StationExistsError
from huimin_desktop.messages import Words, text
from huimin_desktop.progress import TaskState
from huimin_desktop.security.roles import ADMIN, RESTORE
from huimin_desktop.security.vault import Vault
from huimin_desktop.services.backup_drive import (
    ATTACHMENTS,
    DB_NAME,
    FORMAT,
    MANIFEST,
    UNFINISHED,
    VAULT_NAME,
    hash_file,
)
from huimin_desktop.store import schema
from huimin_desktop.store.attachments import INCOMING
from huimin_desktop.store.backups import BEFORE_RESTORE, parse_name
from huimin_desktop.store.database import Database, backup_database, sqlcipher_errors
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.store.durable import fsync_folder
from huimin_desktop.store.encryption import is_clear_database
from huimin_desktop.store.engine import connect

DRIVE, COPY = "drive", "copy"
_CHUNK = 1 << 20
_NOTADB = 26


class RestoreRefused(ServiceError):
    """The backup failed its check; nothing in the data folder changed."""

    code = "restore.damaged"


@dataclass(frozen=True)
class CheckedBackup:
    """A backup that passed its check, its database staged for installing."""

    source: Path
    kind: str  # DRIVE or COPY
    station_id: str
    station_name: str
    taken_at: str  # as the manifest or the file name says
    revision: str | None
    staged: Path  # the checked database copy in staging/
    files: dict[str, dict[str, Any]]  # the manifest's (empty for a copy)

    @property
    def attachments(self) -> int:
        return sum(1 for name in self.files if name.startswith(f"{ATTACHMENTS}/"))


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    kind: str
    taken_at: str
    safety_copy: Path  # the data as it was before, in backups/
    attachments_added: int


def _one_line(text: str, limit: int = 160) -> str:
    """SQLite's and the system's texts can run over several lines: the first one, shortened."""
    first = (text.strip().splitlines() or [""])[0].strip()
    first = first.removeprefix("*** in database main ***").strip() or text.strip().replace("\n", " ")
    return first if len(first) <= limit else first[: limit - 1] + "…"


# -- the check -----------------------------------------------------------------------------------


def _manifest(folder: Path) -> dict[str, Any]:
    if (folder / UNFINISHED).exists() and not (folder / MANIFEST).exists():
        raise RestoreRefused(code="restore.unfinished", path=folder)
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RestoreRefused(code="restore.not_a_backup", path=folder) from exc
    except OSError as exc:
        raise RestoreRefused(code="restore.unreadable", path=folder / MANIFEST) from exc
    except ValueError as exc:
        raise RestoreRefused(code="restore.no_manifest", path=folder, reason=_one_line(str(exc))) from exc
    files = data.get("files") if isinstance(data, dict) else None
    station = data.get("station") if isinstance(data, dict) else None
    if data.get("format") != FORMAT or not isinstance(files, dict) or not isinstance(station, dict):
        raise RestoreRefused(code="restore.no_manifest", path=folder, reason="format")
    if DB_NAME not in files:
        raise RestoreRefused(
            code="restore.damaged", path=folder / DB_NAME, reason=Words("不在清单中", "not in the manifest")
        )
    return data


def _check_file(folder: Path, name: str, entry: Any, task: TaskState | None) -> None:
    path = folder / name
    if not isinstance(entry, dict) or ".." in Path(name).parts or Path(name).is_absolute():
        raise RestoreRefused(
            code="restore.damaged", path=path, reason=Words("清单有误", "the manifest is malformed")
        )
    try:
        size = path.stat().st_size
    except OSError:
        if not folder.is_dir():  # the whole folder went: the stick, not the backup
            raise RestoreRefused(code="restore.unreadable", path=folder) from None
        raise RestoreRefused(
            code="restore.damaged", path=path, reason=Words("文件缺失", "the file is missing")
        ) from None
    if size != entry.get("size"):
        raise RestoreRefused(
            code="restore.damaged",
            path=path,
            reason=Words(
                f"大小 {size}，应为 {entry.get('size')}", f"size {size}, should be {entry.get('size')}"
            ),
        )
    if hash_file(path, task) != entry.get("sha256"):
        raise RestoreRefused(
            code="restore.damaged",
            path=path,
            reason=Words("内容与清单的校验值不符", "its content does not match the manifest's checksum"),
        )


def _stage(source: Path, staging: Path, expected: str | None) -> Path:
    """Copy the backup's database into staging/ (read once from the stick); checked against the hash the
    manifest gives, so what is installed is what was checked."""
    import hashlib

    staging.mkdir(parents=True, exist_ok=True)
    staged = staging / f"restore-{os.getpid()}.db"
    digest = hashlib.sha256()
    with source.open("rb") as reader, staged.open("wb") as writer:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
            writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    if expected is not None and digest.hexdigest() != expected:
        staged.unlink()
        raise RestoreRefused(
            code="restore.damaged", path=source, reason=Words("读取时内容改变", "it changed while being read")
        )
    return staged


def _read_database(staged: Path, key: bytes | None, source: Path) -> tuple[str, str, str | None]:
    """(station id, station name, schema revision) of a staged copy that opens with ``key`` and passes
    ``integrity_check``; RestoreRefused otherwise."""
    if key is not None and is_clear_database(staged):
        raise RestoreRefused(code="restore.not_encrypted", path=source)
    try:
        connection = connect(f"{staged.as_uri()}?immutable=1", key, uri=True)
    except (sqlite3.Error, sqlcipher_errors()) as exc:
        raise RestoreRefused(code="restore.damaged", path=source, reason=_one_line(str(exc))) from exc
    try:
        if key is not None:  # a wrong key is an answer here, not an error for SQLCipher's log on stderr
            connection.execute("PRAGMA cipher_log_level = NONE")
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return _station_of(connection, source)
        except (sqlite3.DatabaseError, sqlcipher_errors()) as exc:
            # SQLITE_NOTADB: page 1 does not decrypt (another key, or that page damaged); anything
            # else (malformed, short pages) is damage further in
            if getattr(exc, "sqlite_errorcode", None) == _NOTADB:
                raise RestoreRefused(code="restore.wrong_key", path=source) from exc
            raise RestoreRefused(code="restore.damaged", path=source, reason=_one_line(str(exc))) from exc
    finally:
        connection.close()


def _station_of(connection: Any, source: Path) -> tuple[str, str, str | None]:
    problems = [str(row[0]) for row in connection.execute("PRAGMA integrity_check(5)")]
    if problems != ["ok"]:
        raise RestoreRefused(code="restore.damaged", path=source, reason=_one_line(problems[0]))
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "station_identity" not in tables:
        raise RestoreRefused(
            code="restore.damaged",
            path=source,
            reason=Words("不是本程序的站点数据库", "not a station database of this program"),
        )
    row = connection.execute("SELECT id, name FROM station_identity").fetchone()
    if row is None:
        raise RestoreRefused(
            code="restore.damaged",
            path=source,
            reason=Words("数据库中没有站点", "the database holds no station"),
        )
    revision = None
    if "alembic_version" in tables:
        found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = found[0] if found else None
    return str(row[0]), str(row[1]), revision


def _check_files(source: Path, files: dict[str, Any], task: TaskState | None) -> None:
    """Every file the manifest lists is there with its size and SHA-256; a stick that stops answering
    half-way (pulled out) is a refusal too, never a traceback."""
    try:
        for done, (name, entry) in enumerate(sorted(files.items())):
            if task is not None:
                task.report(done, len(files), text("working.checking_backup"))
            _check_file(source, name, entry, task)
    except OSError as exc:
        raise RestoreRefused(code="restore.unreadable", path=exc.filename or source) from exc


def check_backup(
    source: Path,
    staging: Path,
    key: bytes | None,
    station_id: str | None,
    task: TaskState | None = None,
    *,
    verify_files: bool = True,
) -> CheckedBackup:
    """Check ``source`` against this station (``station_id``; None for a folder without one) and its
    ``key``; the checked database is staged in ``staging``. RestoreRefused, with nothing changed.
    ``verify_files=False`` when ``check_stick_backup`` just hashed every file (the database copy is
    still checked against the manifest as it is staged, and each attachment as it is added)."""
    source = Path(source).expanduser().absolute()
    if source.is_dir():
        manifest = _manifest(source)
        files, station = manifest["files"], manifest["station"]
        if station_id is not None and station.get("id") != station_id:
            raise RestoreRefused(code="restore.foreign", path=source, station=station.get("name", "?"))
        if verify_files:
            _check_files(source, files, task)
        database, expected, taken_at = source / DB_NAME, files[DB_NAME]["sha256"], manifest.get("created_at")
        kind = DRIVE
    elif source.is_file():
        files, expected, database, kind = {}, None, source, COPY
        parsed = parse_name(source)
        taken_at = parsed[1].isoformat(sep=" ") if parsed else ""
    else:
        raise RestoreRefused(code="restore.missing", path=source)
    staged = _stage(database, staging, expected)
    try:
        found_id, name, revision = _read_database(staged, key, source)
        if station_id is not None and found_id != station_id:
            raise RestoreRefused(code="restore.foreign", path=source, station=name)
        if kind == DRIVE and found_id != manifest["station"].get("id"):
            raise RestoreRefused(
                code="restore.damaged",
                path=source,
                reason=Words(
                    "清单与数据库的站点不符", "the manifest and the database name different stations"
                ),
            )
        try:
            schema.check_known(revision)
        except ServiceError as exc:
            raise RestoreRefused(code="restore.too_new", path=source, revision=revision) from exc
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return CheckedBackup(source, kind, found_id, name, str(taken_at or ""), revision, staged, files)


# -- installing ----------------------------------------------------------------------------------


def _add_attachments(checked: CheckedBackup, store: Path, task: TaskState | None) -> int:
    """The backup's attachment files the store does not hold, each checked and renamed into place."""
    incoming = store / INCOMING
    added = 0
    names = [n for n in sorted(checked.files) if n.startswith(f"{ATTACHMENTS}/")]
    for done, name in enumerate(names):
        if task is not None:
            task.report(done, len(names), text("working.restoring_attachments"))
        entry = checked.files[name]
        target = store.joinpath(*name.split("/")[1:])
        if target.is_file() and target.stat().st_size == entry["size"]:
            continue  # content-addressed: the same name holds the same bytes
        incoming.mkdir(parents=True, exist_ok=True)
        temporary = incoming / f"restore-{os.getpid()}-{done}"
        staged = _stage(checked.source / name, incoming, entry["sha256"])
        os.replace(staged, temporary)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, target)
        fsync_folder(target.parent)
        added += 1
    return added


def _fold_wal(db_path: Path, key: bytes | None) -> None:
    """With every connection closed: the WAL written into the database and removed, so no stale WAL
    can be replayed onto the file that replaces it."""
    connection = connect(db_path, key, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except (sqlite3.OperationalError, sqlcipher_errors()) as exc:
        raise ServiceError(code="restore.in_use", path=db_path) from exc
    finally:
        connection.close()
    if str(mode).lower() != "delete":  # another program still has the database open
        raise ServiceError(code="restore.in_use", path=db_path)
    for suffix in ("-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)


def restore(db: Database, source: Path, task: TaskState | None = None) -> RestoreResult:
    """Check ``source``, back up the current data, then replace it with the backup's (see the module)."""
    db.actor.require(RESTORE)
    folder = db.folder
    checked = check_backup(source, folder.staging_dir, db.data_key, db.station_id, task)
    try:
        safety = backup_database(folder.db_path, folder.backups_dir, BEFORE_RESTORE, db.data_key)
        added = _add_attachments(checked, folder.attachments_dir, task)
        if task is not None:
            task.report(1, 1, text("working.replacing_database"))
        db.engine.dispose()
        _fold_wal(folder.db_path, db.data_key)
        os.replace(checked.staged, folder.db_path)
        fsync_folder(folder.root)
    finally:
        checked.staged.unlink(missing_ok=True)
        db.reopen()
    return RestoreResult(checked.source, checked.kind, checked.taken_at, safety, added)


# -- a new laptop: a stick's backup into a folder without a station -----------------------------------


def _admin_in(staged: Path, key: bytes, username: str) -> bool:
    connection = connect(f"{staged.as_uri()}?immutable=1", key, uri=True)
    try:
        row = connection.execute(
            "SELECT role, active FROM app_user WHERE username = ?", (username,)
        ).fetchone()
    finally:
        connection.close()
    return row is not None and row[0] == ADMIN and bool(row[1])


def _backup_key(source: Path, username: str, password: str | None, recovery_code: str | None) -> bytes:
    """The data key from the backup's own vault: the user's password, or the recovery code."""
    vault_file = source / VAULT_NAME
    if not vault_file.is_file():
        raise RestoreRefused(code="restore.no_vault", path=source)
    vault = Vault.load(vault_file)  # never saved: a wrong password on a stick counts nowhere
    if recovery_code is not None:
        return vault.unlock_with_recovery_code(recovery_code)
    key = vault.unlock(username, password or "")
    if key is None:
        raise AuthenticationError(code="auth.wrong_password", user=username)
    return key


@dataclass(frozen=True)
class StickBackup:
    """A stick's backup that passed the check a folder without a station makes before any password is
    asked: finished, its manifest readable, every file there with the size and SHA-256 the manifest
    gives, its key vault beside them. The database itself is checked once the key is known."""

    source: Path
    station_id: str
    station_name: str
    taken_at: str  # the manifest's UTC time, ISO 8601
    files: int
    attachments: int
    bytes: int


def check_stick_backup(source: Path, task: TaskState | None = None) -> StickBackup:
    """The first step of a restore onto a new laptop: reads the stick, writes nothing anywhere."""
    source = Path(source).expanduser().absolute()
    if not source.exists():
        raise RestoreRefused(code="restore.missing", path=source)
    if not source.is_dir():
        raise RestoreRefused(code="restore.no_vault", path=source)
    manifest = _manifest(source)
    if not (source / VAULT_NAME).is_file():
        raise RestoreRefused(code="restore.no_vault", path=source)
    files: dict[str, Any] = manifest["files"]
    _check_files(source, files, task)
    station = manifest["station"]
    return StickBackup(
        source,
        str(station.get("id", "")),
        str(station.get("name", "")),
        str(manifest.get("created_at") or ""),
        len(files),
        sum(1 for name in files if name.startswith(f"{ATTACHMENTS}/")),
        sum(int(entry.get("size", 0)) for entry in files.values() if isinstance(entry, dict)),
    )


def _paths_under(root: Path) -> set[Path] | None:
    """What a folder holds before a restore writes into it (None: it does not exist yet)."""
    if not root.exists():
        return None
    return set(root.rglob("*"))


def _remove_new(root: Path, before: set[Path] | None) -> None:
    """Everything a failed restore made under ``root`` removed again (the folder too when it made it);
    what was there before stays."""
    if before is None:
        shutil.rmtree(root, ignore_errors=True)
        return
    made = [path for path in root.rglob("*") if path not in before]
    for path in sorted(made, key=lambda p: len(p.parts), reverse=True):  # files before their folders
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            continue


def _install_new(folder: DataFolder, source: Path, checked: CheckedBackup, task: TaskState | None) -> None:
    folder.ensure_layout()
    _add_attachments(checked, folder.attachments_dir, task)
    vault = folder.vault_path.with_name(folder.vault_path.name + ".restoring")
    shutil.copyfile(source / VAULT_NAME, vault)
    os.replace(vault, folder.vault_path)
    fsync_folder(folder.keys_dir)
    database = folder.staging_dir / "restore-new.db"  # the same file system: the rename is atomic
    shutil.copyfile(checked.staged, database)
    with database.open("rb+") as handle:
        os.fsync(handle.fileno())
    if task is not None:
        task.check()  # the last point a cancel can stop at: the rename below makes the station
    os.replace(database, folder.db_path)  # last: the database's presence makes the station
    fsync_folder(folder.root)


def restore_to_new_folder(
    folder: DataFolder,
    source: Path,
    username: str,
    *,
    password: str | None = None,
    recovery_code: str | None = None,
    task: TaskState | None = None,
    verified: bool = False,
) -> None:
    """Install a stick's backup into a folder that holds no station (a new laptop): the backup's vault
    opens it with an administrator's password (or the recovery code), the same check as any restore
    runs, then the database, the vault and the attachments are put in place. Open it afterwards with
    ``Station.open`` (or ``Station.recover`` after the recovery code). The station's signing keys did
    not travel: it registers again with its upper station.

    ``verified``: ``check_stick_backup`` has just hashed every file. Any refusal, a cancel, or the stick
    pulled out half-way leaves the folder as it was: what the restore wrote there is removed again."""
    if folder.exists():
        raise StationExistsError(path=folder.root)
    source = Path(source).expanduser().absolute()
    if not source.is_dir():
        raise RestoreRefused(code="restore.no_vault", path=source)
    _manifest(source)  # unfinished or not a backup: refused before any password is tried
    key = _backup_key(source, username, password, recovery_code)
    before = _paths_under(folder.root)
    try:
        with tempfile.TemporaryDirectory(prefix="huimin-restore-") as scratch:
            checked = _check_with_own_key(source, Path(scratch), key, task, verified)
            if recovery_code is None and not _admin_in(checked.staged, key, username):
                raise PermissionDeniedError(code="auth.forbidden", user=username, permission=RESTORE)
            _install_new(folder, source, checked, task)
    except OSError as exc:
        _remove_new(folder.root, before)
        if _names_the_target(exc, folder.root):  # the laptop's disk (full, read-only …): its own words
            raise
        raise RestoreRefused(code="restore.interrupted", path=source, target=folder.root) from exc
    except BaseException:
        _remove_new(folder.root, before)
        raise


def _names_the_target(error: OSError, target: Path) -> bool:
    for name in (error.filename, error.filename2):
        if name is not None and Path(name).absolute().is_relative_to(target.absolute()):
            return True
    return False


def _check_with_own_key(
    source: Path, scratch: Path, key: bytes, task: TaskState | None, verified: bool
) -> CheckedBackup:
    try:
        return check_backup(source, scratch, key, None, task, verify_files=not verified)
    except RestoreRefused as refused:
        if refused.code == "restore.wrong_key":  # the backup's own vault: its parts do not belong together
            raise RestoreRefused(code="restore.vault_mismatch", path=source) from refused
        raise
