"""What an export sends: the rows a recipient has not acknowledged, within what it may see.

Every local write (an edit here, or a row a merge brought) sets the row's ``seq`` to this station's
clock ordinal. A recipient acknowledges everything up to some ``seq``; the next package carries every
row above it, in its latest state. So a lost package heals itself (the next one carries the same rows
again) and overlapping packages are harmless (the merge is idempotent).

Scope (DESIGN.md §4, and privacy):
- upward (township → county → city): rows that carry at least one stamp from this station or the
  stations below it; rows that only ever changed above (reference data that came down) go back up
  for nothing, so they are left out.
- downward (a return package): reference data (divisions, indicators) with the city's reference
  attachments of its indicators (证明材料 the counties work from), and corrections of the
  recipient's own records: rows born in the recipient's part of the tree (or children of such rows)
  that carry a stamp from outside it. Other townships' households never go down, nor the evidence
  other counties attached to their progress.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from huimin_desktop.sync.records import REFERENCE_TABLES, TABLE_ORDER, TABLES, stamp_station

# For child tables of a downward export: how to find the parent whose origin decides.
_PARENT = {
    "member": ("household", "household_id"),
    "survey": ("household", "household_id"),
    "project_stage": ("project", "project_id"),
    "project_beneficiary": ("project", "project_id"),
    "training_attendee": ("training", "training_id"),
}
_OWNER_TABLES = ("household", "project", "training", "project_stage")
_REFERENCE_OWNERS = ("indicator",)  # attachments that go down with their reference row, to every station


@dataclass
class ExportScope:
    """Which rows may go to the recipient; ``subtree`` is the set of stations on the relevant side."""

    upward: bool
    subtree: frozenset[str]  # upward: this station and those below it; downward: the recipient's part

    def wants_stamps(self, stamps: list[str]) -> bool:
        stations = {stamp_station(s) for s in stamps}
        if self.upward:
            return bool(stations & self.subtree)
        return bool(stations - self.subtree)


@dataclass
class ExportStats:
    records: int = 0
    per_table: dict[str, int] = field(default_factory=dict)
    latest_stamp: str = ""
    blobs: dict[str, int] = field(default_factory=dict)  # sha256 -> size, for blobs to send


def _downward_parents(connection: Connection, subtree: frozenset[str]) -> dict[str, set[str]]:
    """Ids of the rows born in the recipient's subtree, for the tables whose children follow them."""
    marks = ", ".join("?" for _ in subtree)
    owned: dict[str, set[str]] = {}
    for table in ("household", "project", "training"):
        owned[table] = {
            row[0]
            for row in connection.exec_driver_sql(
                f"SELECT id FROM {table} WHERE origin IN ({marks})", tuple(subtree)
            )
        }
    owned["project_stage"] = {
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT s.id FROM project_stage s JOIN project p ON p.id = s.project_id "
            f"WHERE p.origin IN ({marks})",
            tuple(subtree),
        )
    }
    return owned


def collect_records(
    connection: Connection,
    *,
    since_seq: int,
    to_seq: int,
    scope: ExportScope,
    blobs_since_seq: int,
    stats: ExportStats,
) -> Iterator[dict[str, Any]]:
    """Yield the records to send, table by table; fills ``stats`` as it goes.

    ``blobs_since_seq``: attachments that arrived here after it have their blob sent too.
    """
    owned = None if scope.upward else _downward_parents(connection, scope.subtree)
    echoes: dict[tuple[str, str], int] = {}
    if scope.upward:
        echoes = {
            (table, row_id): seq
            for table, row_id, seq in connection.exec_driver_sql(
                "SELECT table_name, row_id, seq FROM sync_echo"
            )
        }
    for name in TABLE_ORDER:
        spec = TABLES[name]
        columns = ", ".join(spec.stored_columns)
        extra = ", seq, arrival_seq" if name == "attachment" else ", seq"
        cursor = connection.exec_driver_sql(
            f"SELECT {columns}{extra} FROM {name} WHERE seq > ? AND seq <= ? ORDER BY seq, id",
            (since_seq, to_seq),
        )
        count = 0
        while rows := cursor.fetchmany(2000):
            for row in rows:
                record = spec.record_from_row(row[: len(spec.stored_columns)])
                if echoes and echoes.get((name, record["id"])) == row_seq(row, spec):
                    continue  # exactly as the upper station sent it
                stamps = spec.stamps_of(record)
                if not scope.wants_stamps(stamps):
                    continue
                if owned is not None and not _in_recipient_part(name, record, owned, scope.subtree):
                    continue
                if name == "attachment" and row[-1] > blobs_since_seq and not record["v"]["deleted"]:
                    stats.blobs[record["v"]["sha256"]] = record["v"]["size"]
                latest = max(stamps)
                if latest > stats.latest_stamp:
                    stats.latest_stamp = latest
                count += 1
                yield record
        if count:
            stats.per_table[name] = count
            stats.records += count


def row_seq(row: tuple[Any, ...], spec: Any) -> int:
    return row[len(spec.stored_columns)]


def _in_recipient_part(
    table: str, record: dict[str, Any], owned: dict[str, set[str]], subtree: frozenset[str]
) -> bool:
    if table in REFERENCE_TABLES:
        return True
    if table in owned and record["o"] in subtree:
        return True
    if table in _PARENT:
        parent_table, column = _PARENT[table]
        return record["v"][column] in owned[parent_table]
    if table == "attachment":
        owner_table, owner_id = record["v"]["owner_table"], record["v"]["owner_id"]
        if owner_table in _REFERENCE_OWNERS:
            return True
        return owner_table in _OWNER_TABLES and owner_id in owned.get(owner_table, set())
    return record["o"] in subtree


def current_seq(connection: Connection) -> int:
    """The highest change sequence written so far (the end of the range an export covers)."""
    highest = 0
    for name in TABLE_ORDER:
        value = connection.exec_driver_sql(f"SELECT max(seq) FROM {name}").scalar()
        highest = max(highest, value or 0)
    return highest
