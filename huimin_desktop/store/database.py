"""Opening a station's database: schema check, backup, upgrade, then sessions with change capture."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from huimin_desktop.model import SYNCED_MODELS, AuditEntry, StationIdentity
from huimin_desktop.security.roles import SYSTEM, Actor
from huimin_desktop.stamps.capture import CONTEXT_KEY, ChangeContext
from huimin_desktop.stamps.clock import HybridLogicalClock
from huimin_desktop.store import backups, schema
from huimin_desktop.store.datafolder import DataFolder, DataFolderError
from huimin_desktop.store.engine import WRITE, connect, make_engine, wrote_anything

AUDIT_ACTOR = "audit_actor"  # session.info / connection.info: (station id, user) for services/audit.record


def _stored_revision(db_path: Path, key: bytes | None = None) -> str | None:
    """Read the schema revision without touching the file (read-only, no pragmas but the key)."""
    # immutable=1 keeps SQLite from creating -wal/-shm files beside a cleanly closed database; when a
    # WAL file is already there (the program was not closed cleanly) it must be read, so plain ro.
    wal = db_path.with_name(db_path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "immutable=1"
    try:
        connection = connect(f"{db_path.as_uri()}?{mode}", key, uri=True)
    except sqlite3.Error as exc:
        raise DataFolderError(
            db_path, f"无法打开数据库：{exc}", code="data_folder.cannot_open", detail=str(exc)
        ) from exc
    try:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except (sqlite3.DatabaseError, sqlcipher_errors()) as exc:
        if _disk_trouble(exc):  # a full disk or a failing one, not a damaged file: worded as such
            raise
        raise DataFolderError(
            db_path,
            f"数据库文件已损坏或不是本程序的数据库：{exc}",
            code="data_folder.damaged",
            detail=str(exc),
        ) from exc
    finally:
        connection.close()


def _disk_trouble(error: BaseException) -> bool:
    reason = str(error).lower()
    return any(words in reason for words in ("disk i/o error", "database or disk is full", "locked"))


def sqlcipher_errors() -> type[Exception]:
    from sqlcipher3 import dbapi2

    return dbapi2.DatabaseError


def backup_database(db_path: Path, backups_dir: Path, label: str, key: bytes | None = None) -> Path:
    """Copy the database into ``backups_dir`` with SQLite's online backup (store/backups.py: consistent
    while others write, encrypted under the same key), then apply the rotation (7 daily + 4 weekly)."""
    target = backups.take_backup(db_path, backups_dir, label, key)
    backups.rotate(backups_dir)
    return target


class Database:
    """The open database of one data folder."""

    def __init__(self, folder: DataFolder, engine: Engine, data_key: bytes | None = None) -> None:
        self.folder = folder
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.station_id: str | None = None
        self.clock: HybridLogicalClock | None = None
        # who the services act for (set at login; SYSTEM until then) and the data folder's key
        # (None for a folder not yet encrypted): huimin_desktop/security/
        self.actor: Actor = SYSTEM
        self.data_key: bytes | None = data_key
        # audit rows that wait for this connection's first change (a command-line login: a command that
        # is refused or only reads leaves no trace), and what to do once they are committed
        self.pending_audit: list[dict[str, Any]] = []
        self.after_pending_audit: list[Callable[[], None]] = []
        self.load_station()

    @classmethod
    def open(cls, folder: DataFolder, key: bytes | None = None) -> Database:
        """Open (creating or upgrading as needed), encrypted under ``key`` when given (a new database is
        created encrypted). Refuses a newer schema without touching anything."""
        existed = folder.exists()
        revision = _stored_revision(folder.db_path, key) if existed else None
        if existed:
            schema.check_known(revision)
        folder.ensure_layout()
        behind = revision != schema.HEAD_REVISION
        if existed and behind:
            label = f"before-upgrade-from-{revision or 'none'}"
            backup_database(folder.db_path, folder.backups_dir, label, key)
        engine = make_engine(folder.db_path, key)
        if behind:
            schema.upgrade(engine)
        return cls(folder, engine, key)

    def close(self) -> None:
        self.engine.dispose()

    def reopen(self) -> None:
        """Open the folder's database again after its file was replaced (a restore): a new engine, the
        schema upgraded when behind, the station read again. The clock keeps its last stamp when that is
        later than the new file's, so no stamp this station already issued is issued twice."""
        previous = self.clock.last_ordinal if self.clock is not None else 0
        self.engine.dispose()
        fresh = Database.open(self.folder, self.data_key)
        self.engine, self._sessions = fresh.engine, fresh._sessions
        self.station_id = fresh.station_id
        if fresh.clock is not None and fresh.station_id is not None:
            last = max(previous, fresh.clock.last_ordinal)
            self.clock = HybridLogicalClock(fresh.station_id, last=last)

    def load_station(self) -> None:
        with self._sessions() as session:
            identity = session.scalars(select(StationIdentity)).first()
            if identity is None:
                return
            self.station_id = identity.id
            self.clock = HybridLogicalClock(identity.id, last=self._last_local_ordinal(session))

    @staticmethod
    def _last_local_ordinal(session: Session) -> int:
        # Every local write records the clock ordinal in ``seq``; resuming from the highest keeps the
        # clock monotonic across restarts, even when the laptop's clock was set back meanwhile.
        highest = 0
        for model in SYNCED_MODELS:
            value = session.scalar(select(func.max(model.seq)))
            highest = max(highest, value or 0)
        return highest

    def acting_user(self, user: str = "system") -> str:
        """Whom a change is written for: the logged-in user when the caller leaves the services' default
        ``user="system"`` (the GUI and the CLI always do), else the name the caller gives (set-up,
        migrations, and core tests that name a clerk without logging one in)."""
        if user == "system" and self.actor is not SYSTEM:
            return self.actor.username
        return user

    def change_context(self, user: str = "system", audit: bool = True) -> ChangeContext:
        if self.station_id is None or self.clock is None:
            raise RuntimeError("no station in this data folder yet")
        return ChangeContext(station=self.station_id, clock=self.clock, user=user, audit=audit)

    @contextmanager
    def session(self, user: str = "system", *, capture: bool = True, audit: bool = True) -> Iterator[Session]:
        """One unit of work: commits when the block ends, rolls back if it raises.

        The transaction takes the write lock at once (see ``engine.WRITE``), before any change is
        stamped, so stamps commit in the order they are issued.
        """
        session = self._sessions()
        user = self.acting_user(user)
        session.info[AUDIT_ACTOR] = (self.station_id or "", user)
        if capture and self.station_id is not None:
            session.info[CONTEXT_KEY] = self.change_context(user, audit)
        try:
            session.connection(execution_options={WRITE: True})
            yield session
            flushed = False
            if self.pending_audit:
                session.flush()
                flushed = self._write_pending_audit(session.connection())
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        if flushed:
            self._pending_audit_committed()

    @contextmanager
    def writer(self) -> Iterator[Connection]:
        """A connection for bulk writes (demo data, merges) in one transaction holding the write lock."""
        with self.engine.execution_options(**{WRITE: True}).begin() as connection:
            connection.info[AUDIT_ACTOR] = (self.station_id or "", self.acting_user("system"))
            yield connection
            flushed = self._write_pending_audit(connection)
        if flushed:
            self._pending_audit_committed()

    def _write_pending_audit(self, connection: Connection) -> bool:
        if not self.pending_audit or not wrote_anything(connection):
            return False
        connection.execute(insert(AuditEntry), self.pending_audit)
        return True

    def _pending_audit_committed(self) -> None:
        self.pending_audit = []
        callbacks, self.after_pending_audit = self.after_pending_audit, []
        for callback in callbacks:
            callback()

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for queries only; anything written in it is rolled back."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()
