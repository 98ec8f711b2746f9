"""A logical digest of every synced row: the same on two stations that hold the same data (issue 13).

``check --json`` reports it, so two stations can confirm after a sync that their copies are identical
and a script can confirm that a refused command changed nothing. It hashes what a sync package would
carry of each row (``records.TableSpec.stored_columns``: id, content fields, ``deleted``, origin and
stamps), never how SQLite stores it: rows are read in (table, id) order, values are encoded canonically
(JSON with sorted keys, the stamp maps parsed and sorted), and nothing local goes in (``seq``, derived
columns, the audit log, users, sync bookkeeping). So the page layout, row order on disk, VACUUM and
encryption do not change it; any changed field, stamp or tombstone does.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from sqlalchemy import Connection

from huimin_desktop.sync.records import TABLE_ORDER, TABLES, TableSpec, load_json_object

DIGEST_VERSION = b"huimin-digest-1"
_STAMP_MAPS = ("field_stamps", "field_bases")


def synced_digest(connection: Connection) -> str:
    """SHA-256 (hex) over every synced row, table by table in name order, rows in id order."""
    digest = hashlib.sha256(DIGEST_VERSION)
    for name in sorted(TABLE_ORDER):
        spec = TABLES[name]
        digest.update(b"\x00table\x00" + name.encode() + b"\x00" + _columns(spec))
        columns = ", ".join(f'"{column}"' for column in spec.stored_columns)
        rows = connection.exec_driver_sql(f'SELECT {columns} FROM "{name}" ORDER BY id')
        for row in rows:
            digest.update(_canonical(spec, tuple(row)))
            digest.update(b"\n")
    return digest.hexdigest()


def _columns(spec: TableSpec) -> bytes:
    return orjson.dumps(list(spec.stored_columns))


def _canonical(spec: TableSpec, row: tuple[Any, ...]) -> bytes:
    values: dict[str, Any] = dict(zip(spec.stored_columns, row, strict=True))
    for key in _STAMP_MAPS:  # JSON text: key order and spacing are layout, not data
        raw = values[key]
        values[key] = load_json_object(raw) if isinstance(raw, str) else (raw or {})
    for key, value in values.items():
        if isinstance(value, bool):
            values[key] = int(value)
        elif isinstance(value, bytes):
            values[key] = value.hex()
    return orjson.dumps(values, option=orjson.OPT_SORT_KEYS)
