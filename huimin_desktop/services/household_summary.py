"""The household's derived columns, recomputed for many households at once (merges, bulk imports).

``households.refresh_household_summary`` does the same for one household through the ORM; this is its
set-based twin for the thousands of households a sync package or a roster brings: one query for the
members of a block of households, one ``executemany`` for the updates, and the search index kept in step
by hand (the caller drops the index triggers for the bulk write; see ``SearchIndexSuspended``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection

from huimin_desktop.domain.search import household_search_text, name_sort_key
from huimin_desktop.services.households import HEAD_RELATIONSHIPS, refresh_latest_income

_BLOCK = 500

# The search index triggers of migration 0004 (kept in step with it and with store.search_index).
_TRIGGERS = {
    "household_search_insert": (
        "CREATE TRIGGER household_search_insert AFTER INSERT ON household BEGIN "
        "INSERT INTO household_search(rowid, search_text) VALUES (new.rowid, new.search_text); END"
    ),
    "household_search_update": (
        "CREATE TRIGGER household_search_update AFTER UPDATE OF search_text ON household BEGIN "
        "INSERT INTO household_search(household_search, rowid, search_text) "
        "VALUES ('delete', old.rowid, old.search_text); "
        "INSERT INTO household_search(rowid, search_text) VALUES (new.rowid, new.search_text); END"
    ),
}


@contextmanager
def search_index_suspended(connection: Connection) -> Iterator[None]:
    """Inside one transaction: drop the insert/update index triggers; restore them at the end.

    Whoever writes households inside the block must call ``refresh_summaries`` for every household it
    inserted or changed before the block ends: that function takes the old index entries out and puts
    the new ones in. DDL is transactional in SQLite, so a rollback brings the triggers back untouched.
    """
    for name in _TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER {name}")
    yield
    for sql in _TRIGGERS.values():
        connection.exec_driver_sql(sql)


def _blocks(ids: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(ids), _BLOCK):
        yield list(ids[start : start + _BLOCK])


def refresh_summaries(
    connection: Connection,
    household_ids: Iterable[str],
    *,
    indexed: Iterable[str] = (),
    triggers: bool = True,
) -> None:
    """Recompute head name, sort key, head ID number, ethnicity, member count, search text and income.

    With ``triggers=False`` (inside ``search_index_suspended``) the search index is maintained here:
    ``indexed`` names the households that already have an index entry (existed before the bulk write);
    their old entries are removed before the new text is written.
    """
    ids = sorted(set(household_ids))
    if not ids:
        return
    already_indexed = set(indexed)
    for block in _blocks(ids):
        marks = ", ".join("?" for _ in block)
        if not triggers:
            old = [h for h in block if h in already_indexed]
            if old:
                old_marks = ", ".join("?" for _ in old)
                connection.exec_driver_sql(
                    "INSERT INTO household_search(household_search, rowid, search_text) "
                    f"SELECT 'delete', rowid, search_text FROM household WHERE id IN ({old_marks})",
                    tuple(old),
                )
        phones: dict[str, str] = {
            household_id: phone
            for household_id, phone in connection.exec_driver_sql(
                f"SELECT id, phone FROM household WHERE id IN ({marks})", tuple(block)
            )
        }
        members: dict[str, list[tuple]] = defaultdict(list)
        for row in connection.exec_driver_sql(
            "SELECT household_id, relationship, name, id_number, ethnicity, phone FROM member "
            f"WHERE household_id IN ({marks}) AND deleted = 0 ORDER BY household_id, position, id",
            tuple(block),
        ).fetchall():
            members[row[0]].append(row)
        updates = []
        for household_id in block:
            people = members.get(household_id, [])
            head = next((m for m in people if m[1] in HEAD_RELATIONSHIPS), people[0] if people else None)
            head_name = head[2] if head else ""
            updates.append(
                (
                    head_name,
                    name_sort_key(head_name),
                    head[3] if head else "",
                    head[4] if head else "",
                    len(people),
                    household_search_text(
                        [m[2] for m in people],
                        [m[3] for m in people],
                        [phones.get(household_id) or ""] + [m[5] for m in people],
                    ),
                    household_id,
                )
            )
        connection.exec_driver_sql(
            "UPDATE household SET head_name = ?, head_name_sort = ?, head_id_number = ?, ethnicity = ?, "
            "member_count = ?, search_text = ? WHERE id = ?",
            updates,
        )
        if not triggers:
            connection.exec_driver_sql(
                "INSERT INTO household_search(rowid, search_text) "
                f"SELECT rowid, search_text FROM household WHERE id IN ({marks})",
                tuple(block),
            )
    refresh_latest_income(connection, ids)
