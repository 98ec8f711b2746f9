"""Opening a station's database: schema check, backup, upgrade, then sessions with change capture."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from huimin_desktop.model import SYNCED_MODELS, StationIdentity
from huimin_desktop.security.roles import SYSTEM, Actor
from huimin_desktop.stamps.capture import CONTEXT_KEY, ChangeContext
from huimin_desktop.stamps.clock import HybridLogicalClock
from huimin_desktop.store import schema
from huimin_desktop.store.datafolder import DataFolder, DataFolderError
from huimin_desktop.store.engine import WRITE, make_engine


def _stored_revision(db_path: Path) -> str | None:
    """Read the schema revision without touching the file (read-only, no pragmas)."""
    # immutable=1 keeps SQLite from creating -wal/-shm files beside a cleanly closed database; when a
    # WAL file is already there (the program was not closed cleanly) it must be read, so plain ro.
    wal = db_path.with_name(db_path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "immutable=1"
    try:
        connection = sqlite3.connect(f"{db_path.as_uri()}?{mode}", uri=True)
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
    except sqlite3.DatabaseError as exc:
        raise DataFolderError(
            db_path,
            f"数据库文件已损坏或不是本程序的数据库：{exc}",
            code="data_folder.damaged",
            detail=str(exc),
        ) from exc
    finally:
        connection.close()


def backup_database(db_path: Path, backups_dir: Path, label: str) -> Path:
    """Copy the database with SQLite's online backup (consistent even with a WAL file beside it)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"huimin-{label}-{stamp}.db"
    source = sqlite3.connect(db_path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


class Database:
    """The open database of one data folder."""

    def __init__(self, folder: DataFolder, engine: Engine) -> None:
        self.folder = folder
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.station_id: str | None = None
        self.clock: HybridLogicalClock | None = None
        # who the services act for (set at login; SYSTEM until then) and the data folder's key
        # (None for a folder not yet encrypted): huimin_desktop/security/
        self.actor: Actor = SYSTEM
        self.data_key: bytes | None = None
        self.load_station()

    @classmethod
    def open(cls, folder: DataFolder) -> Database:
        """Open (creating or upgrading as needed). Refuses a newer schema without touching anything."""
        existed = folder.exists()
        revision = _stored_revision(folder.db_path) if existed else None
        if existed:
            schema.check_known(revision)
        folder.ensure_layout()
        behind = revision != schema.HEAD_REVISION
        if existed and behind:
            backup_database(folder.db_path, folder.backups_dir, f"before-upgrade-from-{revision or 'none'}")
        engine = make_engine(folder.db_path)
        if behind:
            schema.upgrade(engine)
        return cls(folder, engine)

    def close(self) -> None:
        self.engine.dispose()

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
        if capture and self.station_id is not None:
            session.info[CONTEXT_KEY] = self.change_context(user, audit)
        try:
            session.connection(execution_options={WRITE: True})
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def writer(self) -> Iterator[Connection]:
        """A connection for bulk writes (demo data, merges) in one transaction holding the write lock."""
        with self.engine.execution_options(**{WRITE: True}).begin() as connection:
            yield connection

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for queries only; anything written in it is rolled back."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()
