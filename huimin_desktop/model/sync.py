"""Local bookkeeping of sync (DESIGN.md §4). None of these tables travels in packages.

- ``SyncPeer``: the stations this one exchanges packages with: its upper station (city or county) and
  the lower stations it enrolled, with their public keys, revocation, and how far each side has got.
  Stations relayed through a county appear too (``relation = "relayed"``), so the city can name the
  township a record came from.
- ``SyncPackageLog``: every package written or applied, so a replay is recognised.
- ``SyncConflict``: what a merge decided on its own and a clerk should review.
- ``SyncQuarantine``: packages held back because their stamps lie far in the future.
- ``SyncEcho``: rows a return package brought exactly as the upper station holds them, so the next
  upward export does not send them straight back (until they change here again).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from huimin_desktop.model.base import Base

PEER_RELATIONS = ("upper", "lower", "relayed")
CONFLICT_KINDS = ("field", "edit-delete", "duplicate-id")
CONFLICT_STATUSES = ("open", "kept", "chose-other")


class SyncPeer(Base):
    __tablename__ = "sync_peer"

    station_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))
    division_code: Mapped[str] = mapped_column(String(12))
    relation: Mapped[str] = mapped_column(String(10))
    # The county through which a relayed station's rows arrive (None for direct peers).
    via: Mapped[str | None] = mapped_column(String(32))
    sign_key: Mapped[str] = mapped_column(String(64), default="")  # Ed25519 public key, hex
    box_key: Mapped[str] = mapped_column(String(64), default="")  # X25519 public key, hex
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Our own change sequence up to which this peer has acknowledged everything (exports send more).
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    # The peer's change sequence up to which we hold everything it sent (acknowledged back to it).
    received_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_package_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncPackageLog(Base):
    __tablename__ = "sync_package_log"

    package_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # "out" written here, "in" applied here
    origin: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    processed_at: Mapped[datetime] = mapped_column(DateTime)
    from_seq: Mapped[int] = mapped_column(Integer)  # the origin's sequence range (from, to]
    to_seq: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SyncConflict(Base):
    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_status", "status", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(60), default="")
    # The applied (winning) value and the one that lost, as JSON values, with their stamps.
    winner_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    other_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    winner_stamp: Mapped[str] = mapped_column(String(64), default="")
    other_stamp: Mapped[str] = mapped_column(String(64), default="")
    # For duplicate ID numbers: the other row that holds the same number.
    other_row_id: Mapped[str | None] = mapped_column(String(32))
    package_id: Mapped[str | None] = mapped_column(String(32))
    detected_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(12), default="open")
    resolved_by: Mapped[str | None] = mapped_column(String(50))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class SyncQuarantine(Base):
    __tablename__ = "sync_quarantine"

    package_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    origin: Mapped[str] = mapped_column(String(32))
    stored_as: Mapped[str] = mapped_column(String(255))  # folder name under the data folder's quarantine/
    latest_stamp: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    quarantined_at: Mapped[datetime] = mapped_column(DateTime)


class SyncEcho(Base):
    __tablename__ = "sync_echo"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)  # the row's seq when it arrived; a later edit differs


class SyncEnrollment(Base):
    """One enrollment of a lower station (kept at the upper station, never synced).

    ``secret`` is the one-time enrollment secret sealed in the setup file (hex). The first upward
    package that proves it binds ``sign_key`` / ``box_key`` (``registered_at``); from then on the
    secret registers nothing else. Enrolling the division again ends this row (``superseded_at``), so
    a package from the old laptop is recognised and refused with the date. A station enrolled before
    registrations existed gets a row (without secret) for its old key when it is enrolled again.
    """

    __tablename__ = "sync_enrollment"
    __table_args__ = (Index("ix_sync_enrollment_station", "station_id", "enrolled_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    station_id: Mapped[str] = mapped_column(String(32))
    division_code: Mapped[str] = mapped_column(String(12))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    secret: Mapped[str] = mapped_column(String(64), default="")
    sign_key: Mapped[str] = mapped_column(String(64), default="")
    box_key: Mapped[str] = mapped_column(String(64), default="")
    registered_at: Mapped[datetime | None] = mapped_column(DateTime)
    registered_package: Mapped[str | None] = mapped_column(String(32))
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime)
