"""How a synced row travels: the record format of sync packages.

One record is one row's whole synced state, as a JSON object::

    {"t": table, "id": ..., "o": origin, "cs": created_stamp, "s": stamp,
     "fs": {field: stamp}, "fb": {field: base stamp}, "v": {column: value}}

``v`` holds every content column plus ``deleted``, as SQLite stores them (dates as ISO text, booleans
as 0/1), so rows pass through export and merge without conversions. Derived columns (a household's
member count, an attachment's arrival) and the local ``seq`` never travel.

A stamp's text sorts like the stamp itself (fixed-width hex: milliseconds, counter, station id), so
records compare stamps as strings.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import orjson

from huimin_desktop.errors import CodedError
from huimin_desktop.model import SYNCED_MODELS, Synced
from huimin_desktop.stamps.clock import STAMP_PREFIX_LEN

DELETED = "deleted"


class MergeRefused(CodedError):
    """The records cannot be applied (malformed, unknown table or column, or not the sender's to send);
    the reason is for the user."""

    code = "merge.refused"


def stamp_station(stamp: str) -> str:
    return stamp[STAMP_PREFIX_LEN:]


def stamp_ms(stamp: str) -> int:
    return int(stamp[:12], 16)


def load_json_object(text: str | None) -> dict[str, str]:
    return orjson.loads(text) if text else {}


def dump_json_object(value: dict[str, str]) -> str | None:
    return json.dumps(value) if value else None


@dataclass(frozen=True)
class TableSpec:
    """One synced table as the sync code sees it: which columns travel, in a fixed order."""

    model: type[Synced]

    @cached_property  # asked several times per record in a merge
    def name(self) -> str:
        return self.model.__tablename__  # type: ignore[attr-defined]

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """The stamped fields: content columns, then ``deleted``."""
        return (*self.model.content_columns(), DELETED)

    @cached_property
    def field_set(self) -> frozenset[str]:
        return frozenset(self.fields)

    @cached_property
    def field_values(self) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
        """Values of a record's ``v`` in ``fields`` order (one C call per record)."""
        return operator.itemgetter(*self.fields)

    @cached_property
    def stored_columns(self) -> tuple[str, ...]:
        """What a merge reads and writes: id, the fields, and the sync columns except ``seq``."""
        return ("id", *self.fields, "origin", "created_stamp", "stamp", "field_stamps", "field_bases")

    @cached_property
    def derived_defaults(self) -> dict[str, Any]:
        """Derived columns with the value a freshly merged row starts with (recomputed afterwards)."""
        defaults: dict[str, Any] = {}
        table = self.model.__table__  # type: ignore[attr-defined]
        for name in self.model.derived_columns:
            column = table.columns[name]
            default = column.default.arg if column.default is not None else None
            defaults[name] = None if callable(default) else default
        return defaults

    def record_from_row(self, row: tuple[Any, ...]) -> dict[str, Any]:
        """A record from a tuple in ``stored_columns`` order."""
        count = len(self.fields)
        values = dict(zip(self.fields, row[1 : 1 + count], strict=True))
        origin, created, stamp, field_stamps, field_bases = row[1 + count :]
        return {
            "t": self.name,
            "id": row[0],
            "o": origin,
            "cs": created,
            "s": stamp,
            "fs": load_json_object(field_stamps),
            "fb": load_json_object(field_bases),
            "v": values,
        }

    def stamps_of(self, record: dict[str, Any]) -> list[str]:
        return [record["cs"], *record["fs"].values()]


TABLES: dict[str, TableSpec] = {model.__tablename__: TableSpec(model) for model in SYNCED_MODELS}  # type: ignore[attr-defined]
# Parents before children; the merge defers foreign-key checks to commit, so this is only tidiness.
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)
REFERENCE_TABLES = frozenset({"division", "indicator", "indicator_milestone", "indicator_progress"})
