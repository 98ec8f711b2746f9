"""The household search index (FTS5 trigram, migration 0004) and bulk writes around it.

Triggers keep the index in step with every write. For bulk inserts (demo data, roster imports,
merges of 100k households) the per-row trigger doubles the cost, so ``deferred_search_indexing``
drops the insert trigger inside the caller's transaction and indexes the new rows in one statement at
the end; SQLite's DDL is transactional, so a rollback brings the trigger back untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

# The same trigger as migration 0004 creates (migrations are frozen copies; keep the two in step).
INSERT_TRIGGER = (
    "CREATE TRIGGER household_search_insert AFTER INSERT ON household BEGIN "
    "INSERT INTO household_search(rowid, search_text) VALUES (new.rowid, new.search_text); END"
)


@contextmanager
def deferred_search_indexing(connection: Connection) -> Iterator[None]:
    """Within one transaction: households may only be *inserted* inside the block, not updated."""
    last_rowid = connection.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM household").scalar()
    connection.exec_driver_sql("DROP TRIGGER household_search_insert")
    yield
    connection.exec_driver_sql(
        "INSERT INTO household_search(rowid, search_text) "
        "SELECT rowid, search_text FROM household WHERE rowid > ?",
        (last_rowid,),
    )
    connection.exec_driver_sql(INSERT_TRIGGER)


def rebuild_search_index(connection: Connection) -> None:
    """Re-derive the whole index from the household table (after a VACUUM, or when check finds it off)."""
    connection.exec_driver_sql("INSERT INTO household_search(household_search) VALUES ('rebuild')")
