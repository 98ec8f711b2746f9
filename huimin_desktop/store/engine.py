"""SQLite engine with the pragmas the design asks for: WAL, foreign keys, synchronous=FULL; encrypted with
SQLCipher (sqlcipher3) when the data folder has a data key.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from huimin_desktop import changes

# How long a statement waits for another program's write lock before the command fails with "the
# database is in use": 10 s, or HUIMIN_BUSY_TIMEOUT_MS (a script that would rather fail fast; the tests).
DEFAULT_BUSY_TIMEOUT_MS = 10_000


def busy_timeout_ms() -> int:
    given = os.environ.get("HUIMIN_BUSY_TIMEOUT_MS", "")
    return int(given) if given.isdigit() else DEFAULT_BUSY_TIMEOUT_MS


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # see make_engine
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL: a committed change survives a power cut, which on a village laptop is not hypothetical.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
    # 64 MB of page cache (SQLite's default is 2 MB): a search of 100k households scans the whole
    # household table, and keeping it in memory takes a keystroke's query from ~55 to ~40 ms.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


# Execution option for connections that will write: their transaction takes SQLite's write lock at
# BEGIN. Change stamps (the local change sequence) are taken after the lock, so stamps commit in the
# order they were issued, and an export's snapshot can never miss a row with a smaller stamp than the
# largest it sees (which "everything since the acknowledged stamp" relies on).
WRITE = "huimin_write"


def _begin(connection: Connection) -> None:
    if connection.get_execution_options().get(WRITE):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


# Which table a writing statement writes (huimin_desktop/changes.py): its first INSERT INTO, UPDATE or
# DELETE FROM, also after a WITH clause. Triggers' own writes (the search index) are not the screens'.
_WRITTEN_TABLE = re.compile(
    r"\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)
_WRITING_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLAC", "WITH")
_TOUCHED = "huimin_touched_tables"


def _note_written_table(connection: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
    if statement.lstrip()[:6].upper().startswith(_WRITING_VERBS):
        found = _WRITTEN_TABLE.search(statement)
        if found is not None:
            connection.info.setdefault(_TOUCHED, set()).add(found.group(1).lower())


def wrote_anything(connection: Connection) -> bool:
    """True once the connection's open transaction has written a row (see ``_note_written_table``)."""
    return bool(connection.info.get(_TOUCHED))


def _report_committed(connection: Connection) -> None:
    # Before SQLite's COMMIT: should that fail, a screen refreshes once for nothing.
    changes.committed(connection.info.pop(_TOUCHED, ()))


def _forget_rolled_back(connection: Connection) -> None:
    connection.info.pop(_TOUCHED, None)


def key_pragma(key: bytes) -> str:
    """The raw 32-byte key as SQLCipher's blob literal: no passphrase derivation (the vault did that)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(db_path: Path | str, key: bytes | None, *, uri: bool = False, **kwargs: Any) -> Any:
    """A DB-API connection to the database: sqlite3 for a clear one, sqlcipher3 keyed for an encrypted one.

    Everything that opens huimin.db (or a backup of it) without SQLAlchemy goes through here.
    """
    if key is None:
        return sqlite3.connect(db_path, uri=uri, **kwargs)
    from sqlcipher3 import dbapi2

    connection = dbapi2.connect(str(db_path), uri=uri, **kwargs)
    connection.execute(key_pragma(key))  # must be the first statement on the connection
    return connection


def make_engine(db_path: Path, key: bytes | None = None) -> Engine:
    """Python 3.11's sqlite3 opens transactions only before INSERT/UPDATE/DELETE and runs everything
    else (DDL, a SAVEPOINT) in autocommit. We switch that off and begin every transaction ourselves
    (SQLAlchemy's documented recipe), so schema changes, migrations included, roll back with the rest.
    """
    if key is None:
        engine = create_engine(f"sqlite:///{db_path}")
    else:
        from sqlcipher3 import dbapi2

        # The pysqlite dialect over sqlcipher3's DB-API (same API as sqlite3); the creator keys each new
        # connection before the pool's connect hooks (our pragmas) run on it.
        engine = create_engine(
            "sqlite://",
            module=dbapi2,
            creator=lambda: connect(db_path, key, check_same_thread=False),
            poolclass=QueuePool,  # "sqlite://" alone would mean one in-memory connection per thread
        )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    event.listen(engine, "before_cursor_execute", _note_written_table)
    event.listen(engine, "commit", _report_committed)
    event.listen(engine, "rollback", _forget_rolled_back)
    return engine
