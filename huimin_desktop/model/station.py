"""Local, unsynced facts about this station: who it is, its users, and the append-only audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from huimin_desktop.model.base import Base

STATION_LEVELS = ("city", "county", "township")


class StationIdentity(Base):
    """Exactly one row: this data folder's station."""

    __tablename__ = "station_identity"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))
    division_code: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(20), default="entry")  # security/roles.py ROLES
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # the password itself is nowhere in the database: the user's data-key box is in keys/vault.json
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class AuditEntry(Base):
    """One line of the audit log (services/audit.py): who (``user``) did what (``action``) to which record
    (``table_name`` + ``record_id``), with the changed fields' values before and after in
    ``details["changed"]``. Triggers in the schema refuse UPDATE and DELETE on this table; it is local
    and never synced."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    station: Mapped[str] = mapped_column(String(32))
    user: Mapped[str] = mapped_column(String(50), index=True)
    action: Mapped[str] = mapped_column(String(20), index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(32), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict | None] = mapped_column(JSON, default=None)
