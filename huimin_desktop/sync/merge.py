"""Applying records from another station (DESIGN.md §4, step 3): field by field, highest stamp wins.

Every station applies the same rule to the same facts, so all copies converge whatever the order of
packages, their duplicates and their gaps:

- a row this station has never seen is inserted as it comes;
- for a known row, each field (and ``deleted``) takes the value with the higher stamp, together with
  that stamp and its base; ties are the same edit, so nothing changes.

What a clerk should see goes to the conflict log (the winner still applies, so nothing waits):

- ``field``: the two values differ, they come from different stations, and the winning edit was made
  without knowing the losing one (its base stamp is older than the loser's stamp);
- ``edit-delete``: a row ends deleted while the other side had edits, from another station, that the
  deletion did not know about;
- ``duplicate-id``: after the merge, two live households from different stations hold a person with
  the same ID number.

The caller owns the transaction; this module only reads and writes rows through ``connection``.
Rows are read and written in blocks with plain ``executemany``: a 100k-household merge is half a
million rows, and per-row ORM objects would cost several times the SQLite work.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from huimin_desktop.sync.authority import Authority
from huimin_desktop.sync.records import (
    DELETED,
    TABLES,
    MergeRefused,
    TableSpec,
    dump_json_object,
    load_json_object,
    stamp_ms,
    stamp_station,
)

_BLOCK = 1000
FUTURE_TOLERANCE_MS = 24 * 3600 * 1000  # a laptop clock a day ahead is a mistake, not a time zone


class FutureStamps(Exception):
    """A record carries a stamp far in the future: the package goes to quarantine."""

    def __init__(self, stamp: str) -> None:
        super().__init__(stamp)
        self.stamp = stamp


@dataclass
class Conflict:
    kind: str
    table_name: str
    row_id: str
    field: str
    winner_value: Any
    other_value: Any
    winner_stamp: str
    other_stamp: str
    other_row_id: str | None = None


@dataclass
class MergeStats:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    written: int = 0  # rows inserted or rewritten (stamps alone may change: counted unchanged, written)
    conflicts: list[Conflict] = field(default_factory=list)
    latest_stamp: str = ""
    households_touched: set[str] = field(default_factory=set)
    households_inserted: set[str] = field(default_factory=set)
    member_ids_changed: set[str] = field(default_factory=set)
    project_ids_changed: set[str] = field(default_factory=set)
    survey_ids_changed: set[str] = field(default_factory=set)
    new_attachments: list[tuple[str, int]] = field(default_factory=list)  # (sha256, size) of new rows


def _blocks(records: Iterable[dict[str, Any]]) -> Iterator[tuple[TableSpec, list[dict[str, Any]]]]:
    """Consecutive records of one table, in blocks."""
    block: list[dict[str, Any]] = []
    spec: TableSpec | None = None
    for record in records:
        table = record.get("t") if isinstance(record, dict) else None
        if table not in TABLES:
            raise MergeRefused(code="merge.unknown_table", table=table)
        if spec is None or spec.name != table or len(block) >= _BLOCK:
            if block and spec is not None:
                yield spec, block
            spec, block = TABLES[table], []
        block.append(record)
    if block and spec is not None:
        yield spec, block


_RECORD_KEYS = frozenset({"t", "id", "o", "cs", "s", "fs", "fb", "v"})


def _check_shape(spec: TableSpec, record: dict[str, Any]) -> None:
    """A record the merge can apply: the known keys with the right types, exactly the table's fields."""
    values = record.get("v")
    if (
        record.keys() != _RECORD_KEYS
        or type(values) is not dict
        or values.keys() != spec.field_set
        or type(record["id"]) is not str
        or type(record["cs"]) is not str
        or type(record["s"]) is not str
        or type(record["o"]) is not str
        or type(record["fs"]) is not dict
        or type(record["fb"]) is not dict
    ):
        raise MergeRefused(code="merge.record_malformed", table=spec.name, record=repr(record.get("id")))


class Merger:
    """Applies records for one package inside the caller's transaction."""

    def __init__(
        self,
        connection: Connection,
        *,
        seq: int,
        now_ms: int,
        package_id: str | None,
        from_upper: bool = False,
        authority: Authority | None = None,
    ) -> None:
        """``from_upper``: the records come from this station's upper station (a return package);
        ``authority``: what the package may carry (``sync.authority``), checked on every record."""
        self.connection = connection
        self.authority = authority
        self.from_upper = from_upper
        self.seq = seq
        self.future_limit = now_ms + FUTURE_TOLERANCE_MS
        self.package_id = package_id
        self.stats = MergeStats()

    def apply(self, records: Iterable[dict[str, Any]]) -> MergeStats:
        for spec, block in _blocks(records):
            self._apply_block(spec, block)
        if self.authority is not None:
            self.authority.finish(self.connection)
        self._find_duplicate_ids()
        self._find_duplicate_keys("project", "code", self.stats.project_ids_changed, ("code",))
        self._find_duplicate_keys("survey", "year", self.stats.survey_ids_changed, ("household_id", "year"))
        return self.stats

    # -- one block of one table -------------------------------------------------------------------

    def _apply_block(self, spec: TableSpec, block: list[dict[str, Any]]) -> None:
        self._check_stamps(spec, block)
        columns = spec.stored_columns
        existing = self._stored_rows(spec, block)
        if self.authority is not None:
            for record in block:
                self.authority.check_record(spec, record, existing.get(record["id"]))
        inserts: dict[str, list[Any]] = {}
        updates: dict[str, list[Any]] = {}
        for record in block:
            row_id = record["id"]
            current = inserts.get(row_id) or existing.get(row_id)
            if current is None:
                inserts[row_id] = self._new_row(spec, record)
                self.stats.new += 1
                self._note_touched(spec, record["v"], row_id, existed=False)
                continue
            merged, content_changed = self._merge_row(spec, current, record)
            if merged is None:
                self.stats.unchanged += 1
                continue
            if row_id in inserts:
                inserts[row_id] = merged
            else:
                existing[row_id] = merged
                updates[row_id] = merged
            if content_changed:
                self.stats.updated += 1
            else:
                self.stats.unchanged += 1
            self._note_touched(spec, dict(zip(columns, merged, strict=True)), row_id, existed=True)
        self.stats.written += len(inserts) + len(updates)
        if inserts:
            self._insert(spec, list(inserts.values()))
        if self.from_upper:
            self._remember_echoes(spec, block, inserts, updates)
        if updates:
            sets = ", ".join(f"{c} = ?" for c in columns[1:])
            self.connection.exec_driver_sql(
                f"UPDATE {spec.name} SET {sets}, seq = ? WHERE id = ?",
                [(*row[1:], self.seq, row[0]) for row in updates.values()],
            )

    def _check_stamps(self, spec: TableSpec, block: list[dict[str, Any]]) -> None:
        """Each record has the table's shape and no stamp too far ahead; the latest stamp is noted."""
        for record in block:
            _check_shape(spec, record)
            latest = max([record["s"], record["cs"], *record["fs"].values()])
            if stamp_ms(latest) > self.future_limit:
                raise FutureStamps(latest)
            if latest > self.stats.latest_stamp:
                self.stats.latest_stamp = latest

    def _stored_rows(self, spec: TableSpec, block: list[dict[str, Any]]) -> dict[str, list[Any]]:
        """The stored rows (all columns) of the block's ids, by id."""
        ids = list(dict.fromkeys(r["id"] for r in block))
        columns = spec.stored_columns
        return {
            row[0]: list(row)
            for row in self.connection.exec_driver_sql(
                f"SELECT {', '.join(columns)} FROM {spec.name} WHERE id IN ({', '.join('?' for _ in ids)})",
                tuple(ids),
            )
        }

    def _remember_echoes(
        self,
        spec: TableSpec,
        block: list[dict[str, Any]],
        inserts: dict[str, list[Any]],
        updates: dict[str, list[Any]],
    ) -> None:
        """Rows now exactly as the upper station sent them: the upper station needs them not back."""
        echoes = []
        for record in block:
            row = inserts.get(record["id"]) or updates.get(record["id"])
            if row is not None and row == self._new_row(spec, record):
                echoes.append((spec.name, record["id"], self.seq))
        if echoes:
            self.connection.exec_driver_sql(
                "INSERT OR REPLACE INTO sync_echo (table_name, row_id, seq) VALUES (?, ?, ?)", echoes
            )

    def _new_row(self, spec: TableSpec, record: dict[str, Any]) -> list[Any]:
        return [
            record["id"],
            *spec.field_values(record["v"]),
            record["o"],
            record["cs"],
            record["s"],
            dump_json_object(record["fs"]),
            dump_json_object(record["fb"]),
        ]

    def _insert(self, spec: TableSpec, rows: list[list[Any]]) -> None:
        derived = dict(spec.derived_defaults)
        if spec.name == "attachment":
            derived["arrival_seq"] = self.seq
            index = {c: i for i, c in enumerate(spec.stored_columns)}
            for row in rows:
                if not row[index[DELETED]]:
                    self.stats.new_attachments.append((row[index["sha256"]], row[index["size"]]))
        names = [*spec.stored_columns, *derived, "seq"]
        extra = [*derived.values(), self.seq]
        self.connection.exec_driver_sql(
            f"INSERT INTO {spec.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
            [(*row, *extra) for row in rows],
        )

    def _note_touched(self, spec: TableSpec, values: dict[str, Any], row_id: str, *, existed: bool) -> None:
        if spec.name == "household":
            self.stats.households_touched.add(row_id)
            if not existed:
                self.stats.households_inserted.add(row_id)
        elif spec.name in ("member", "survey"):
            self.stats.households_touched.add(values["household_id"])
            if spec.name == "member":
                self.stats.member_ids_changed.add(row_id)
            else:
                self.stats.survey_ids_changed.add(row_id)
        elif spec.name == "project":
            self.stats.project_ids_changed.add(row_id)

    # -- one row, field by field ------------------------------------------------------------------

    def _merge_row(
        self, spec: TableSpec, current: list[Any], record: dict[str, Any]
    ) -> tuple[list[Any] | None, bool]:
        """The merged row (None when nothing changes) and whether a content value changed."""
        count = len(spec.fields)
        local_values = dict(zip(spec.fields, current[1 : 1 + count], strict=True))
        _origin, local_created, local_stamp, local_fs_text, local_fb_text = current[1 + count :]
        local_fs, local_fb = load_json_object(local_fs_text), load_json_object(local_fb_text)
        in_created, in_fs, in_fb, in_values = record["cs"], record["fs"], record["fb"], record["v"]

        merged_values = dict(local_values)
        merged_fs, merged_fb = dict(local_fs), dict(local_fb)
        changed = content_changed = False
        for name in spec.fields:
            mine = local_fs.get(name, local_created)
            theirs = in_fs.get(name, in_created)
            if theirs == mine:
                continue
            mine_value, their_value = local_values[name], in_values[name]
            if theirs > mine:
                if their_value != mine_value and name != DELETED:
                    self._maybe_field_conflict(
                        spec,
                        record["id"],
                        name,
                        their_value,
                        theirs,
                        in_fb.get(name, in_created),
                        mine_value,
                        mine,
                    )
                merged_values[name] = their_value
                merged_fs[name] = theirs  # newer than any stamp here, so never the creation stamp
                if name in in_fb:
                    merged_fb[name] = in_fb[name]
                else:  # written before bases were kept (schema 0005)
                    merged_fb.pop(name, None)
                changed = True
                content_changed = content_changed or their_value != mine_value
            elif their_value != mine_value and name != DELETED:
                self._maybe_field_conflict(
                    spec,
                    record["id"],
                    name,
                    mine_value,
                    mine,
                    local_fb.get(name, local_created),
                    their_value,
                    theirs,
                )
        self._maybe_edit_delete_conflict(
            spec, record, local_values, local_fs, local_fb, local_created, merged_values, merged_fs
        )
        if not changed:
            return None, False
        merged_stamp = max(local_stamp, record["s"])
        row = [
            current[0],
            *(merged_values[f] for f in spec.fields),
            current[1 + count],  # origin never changes
            local_created,
            merged_stamp,
            dump_json_object(merged_fs),
            dump_json_object(merged_fb),
        ]
        return row, content_changed

    def _maybe_field_conflict(
        self,
        spec: TableSpec,
        row_id: str,
        name: str,
        winner_value: Any,
        winner_stamp: str,
        winner_base: str,
        other_value: Any,
        other_stamp: str,
    ) -> None:
        if stamp_station(winner_stamp) == stamp_station(other_stamp) or winner_base >= other_stamp:
            return  # the same station's later edit, or an edit made knowing the other value
        self.stats.conflicts.append(
            Conflict("field", spec.name, row_id, name, winner_value, other_value, winner_stamp, other_stamp)
        )

    def _maybe_edit_delete_conflict(
        self,
        spec: TableSpec,
        record: dict[str, Any],
        local_values: dict[str, Any],
        local_fs: dict[str, str],
        local_fb: dict[str, str],
        local_created: str,
        merged_values: dict[str, Any],
        merged_fs: dict[str, str],
    ) -> None:
        if not merged_values[DELETED] or bool(local_values[DELETED]) == bool(record["v"][DELETED]):
            return
        # One side deleted the row, the other did not: did the other side edit it meanwhile?
        if local_values[DELETED]:  # we deleted; the package is the editing side
            edit_values, edit_fs, edit_created = record["v"], record["fs"], record["cs"]
            delete_stamp = local_fs.get(DELETED, local_created)
            delete_base = local_fb.get(DELETED, local_created)
            deleting_fs, deleting_created = local_fs, local_created
        else:
            edit_values, edit_fs, edit_created = local_values, local_fs, local_created
            delete_stamp = record["fs"].get(DELETED, record["cs"])
            delete_base = record["fb"].get(DELETED, record["cs"])
            deleting_fs, deleting_created = record["fs"], record["cs"]
        edits = {
            name: edit_values[name]
            for name in spec.fields
            if name != DELETED
            and (stamp := edit_fs.get(name, edit_created)) > delete_base
            and stamp_station(stamp) != stamp_station(delete_stamp)
            and stamp != deleting_fs.get(name, deleting_created)
        }
        if edits:
            latest_edit = max(edit_fs.get(name, edit_created) for name in edits)
            self.stats.conflicts.append(
                Conflict(
                    "edit-delete", spec.name, record["id"], DELETED, True, edits, delete_stamp, latest_edit
                )
            )

    # -- after all rows -----------------------------------------------------------------------------

    def _find_duplicate_ids(self) -> None:
        """Two live households from different stations with a person of the same ID number."""
        changed = sorted(self.stats.member_ids_changed)
        for start in range(0, len(changed), 500):
            block = changed[start : start + 500]
            marks = ", ".join("?" for _ in block)
            rows = self.connection.exec_driver_sql(
                "SELECT m.id, m.household_id, h.origin, other.id, other.household_id, oh.origin, m.id_number "
                "FROM member m JOIN household h ON h.id = m.household_id "
                "JOIN member other ON other.id_number = m.id_number AND other.household_id != m.household_id "
                "JOIN household oh ON oh.id = other.household_id "
                f"WHERE m.id IN ({marks}) AND m.id_number != '' AND m.deleted = 0 AND other.deleted = 0 "
                "AND h.deleted = 0 AND oh.deleted = 0 AND h.origin != oh.origin",
                tuple(block),
            ).fetchall()
            for _m, household, _origin, _other, other_household, _other_origin, id_number in rows:
                first, second = sorted((household, other_household))
                self.stats.conflicts.append(
                    Conflict(
                        "duplicate-id", "household", first, "id_number", id_number, id_number, "", "", second
                    )
                )

    def _find_duplicate_keys(
        self, table: str, field: str, changed_ids: set[str], key: tuple[str, ...]
    ) -> None:
        """Two live rows with one natural key (a project code, a household's survey of one year)."""
        changed = sorted(changed_ids)
        same = " AND ".join(f"other.{column} = row.{column}" for column in key)
        for start in range(0, len(changed), 500):
            block = changed[start : start + 500]
            marks = ", ".join("?" for _ in block)
            rows = self.connection.exec_driver_sql(
                f"SELECT row.id, other.id, row.{field} FROM {table} row JOIN {table} other ON {same} "
                f"AND other.id != row.id WHERE row.id IN ({marks}) AND row.deleted = 0 AND other.deleted = 0",
                tuple(block),
            ).fetchall()
            for row_id, other_id, value in rows:
                if value in ("", None):
                    continue
                first, second = sorted((row_id, other_id))
                self.stats.conflicts.append(
                    Conflict("duplicate-id", table, first, field, value, value, "", "", second)
                )


def record_conflicts(
    connection: Connection, conflicts: list[Conflict], *, package_id: str | None, now: dt.datetime
) -> list[int]:
    """Write new conflicts to the log (a conflict already logged is not logged twice); their ids."""
    ids: list[int] = []
    for c in conflicts:
        known = connection.exec_driver_sql(
            "SELECT id FROM sync_conflict WHERE kind = ? AND table_name = ? AND row_id = ? AND field = ? "
            "AND winner_stamp = ? AND other_stamp = ? AND coalesce(other_row_id, '') = ?",
            (c.kind, c.table_name, c.row_id, c.field, c.winner_stamp, c.other_stamp, c.other_row_id or ""),
        ).scalar()
        if known is not None:
            continue
        cursor = connection.exec_driver_sql(
            "INSERT INTO sync_conflict (kind, table_name, row_id, field, winner_value, other_value, "
            "winner_stamp, other_stamp, other_row_id, package_id, detected_at, status, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', '')",
            (
                c.kind,
                c.table_name,
                c.row_id,
                c.field,
                json.dumps(c.winner_value, ensure_ascii=False),
                json.dumps(c.other_value, ensure_ascii=False),
                c.winner_stamp,
                c.other_stamp,
                c.other_row_id,
                package_id,
                now.isoformat(sep=" "),
            ),
        )
        ids.append(cursor.lastrowid)
    return ids
