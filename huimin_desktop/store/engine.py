"""SQLite engine with the pragmas the design asks for: WAL, foreign keys, synchronous=FULL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # see make_engine
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL: a committed change survives a power cut, which on a village laptop is not hypothetical.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
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


def make_engine(db_path: Path) -> Engine:
    """Python 3.11's sqlite3 opens transactions only before INSERT/UPDATE/DELETE and runs everything
    else (DDL, a SAVEPOINT) in autocommit. We switch that off and begin every transaction ourselves
    (SQLAlchemy's documented recipe), so schema changes, migrations included, roll back with the rest.
    """
    engine = create_engine(f"sqlite:///{db_path}")
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine
