"""Declarative base and the columns every synced row carries.

Sync-readiness lives here so that every aggregate gets it the same way (DESIGN.md §4):

- ``id``: a UUID (32 lowercase hex characters), made where the row is born, so rows from different
  stations never collide.
- ``origin``: the station that created the row; kept through every merge, so the city sees which
  township a record came from even when a county relayed it.
- ``created_stamp`` / ``stamp``: hybrid-logical-clock stamps (see ``sync.clock``) of the row's birth and
  of its latest change.
- ``field_stamps``: the stamp of each field changed after creation (JSON object, NULL until the first
  edit). Stamps are kept per field rather than per row because a household is often edited at two
  levels at once (a township fixes a phone number while the county corrects an income); per-field
  stamps let both edits survive a merge, and only edits of the *same* field become a conflict to
  review. Fields not listed carry ``created_stamp``.
- ``field_bases``: for each field in ``field_stamps``, the stamp of the value that edit replaced. It
  tells a merge whether the winning edit was made knowing the losing one (its base *is* the loser's
  stamp: an ordinary later edit) or without it (a concurrent edit: a conflict to review).
- ``deleted``: a tombstone. Synced rows are never physically deleted, so a deletion can travel.
- ``seq``: this station's local change sequence (the clock ordinal when the row was last written here,
  by a local edit or by a merge). It is not synced: an export sends rows with ``seq`` above what the
  recipient acknowledged.

Stamping is automatic (``sync.capture``); services never set these columns by hand.
"""

from __future__ import annotations

import os
import time
from typing import ClassVar

from sqlalchemy import JSON, Boolean, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so that Alembic migrations (batch mode on SQLite) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SYNC_COLUMNS = frozenset(
    {"id", "origin", "created_stamp", "stamp", "field_stamps", "field_bases", "deleted", "seq"}
)


def new_id() -> str:
    """A UUID in the version 7 layout (RFC 9562): Unix milliseconds first, then 74 random bits.

    Unique across stations like uuid4, but ids made later sort later, so primary-key and parent-id
    indexes grow at their end instead of splitting random pages (merges of 100k rows feel that).
    """
    unix_ms = time.time_ns() // 1_000_000
    random_bits = int.from_bytes(os.urandom(10), "big")  # 80 bits; 74 are used
    rand_a, rand_b = random_bits >> 68, random_bits & ((1 << 62) - 1)
    value = (unix_ms & ((1 << 48) - 1)) << 80 | 7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return f"{value:032x}"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Mixin for every row that travels in sync packages."""

    # Columns computed locally from other rows (e.g. a household's member count); they are neither
    # stamped nor sent, and each station recomputes them.
    derived_columns: ClassVar[frozenset[str]] = frozenset()

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    origin: Mapped[str] = mapped_column(String(32))
    created_stamp: Mapped[str] = mapped_column(String(64))
    stamp: Mapped[str] = mapped_column(String(64))
    field_stamps: Mapped[dict[str, str] | None] = mapped_column(JSON, default=None)
    field_bases: Mapped[dict[str, str] | None] = mapped_column(JSON, default=None)
    # Not indexed: nearly every row is live, so an index on it only misleads SQLite's planner into
    # scanning (an id lookup with "AND deleted = 0" took 46 ms instead of 1 ms at 100k households).
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(Integer, index=True)

    @classmethod
    def content_columns(cls) -> list[str]:
        """The synced, user-meaningful columns: what a stamp covers and a package carries."""
        table = cls.__table__  # type: ignore[attr-defined]
        return [c.name for c in table.columns if c.name not in SYNC_COLUMNS | cls.derived_columns]

    def field_stamp(self, field: str) -> str:
        return (self.field_stamps or {}).get(field, self.created_stamp)
