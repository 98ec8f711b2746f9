"""Attachment metadata. The bytes live in the content-addressed store, named by ``sha256``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from huimin_desktop.model.base import Base, Synced

ATTACHMENT_KINDS = ("photo", "audio", "video", "document")


class Attachment(Synced, Base):
    """Links one stored file to any record (``owner_table`` + ``owner_id``)."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_table", "owner_id"),)
    derived_columns = frozenset({"arrival_seq"})

    owner_table: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(2), default="")
    caption: Mapped[str] = mapped_column(Text, default="")
    taken_at: Mapped[datetime | None] = mapped_column(DateTime)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    # Local: this station's change sequence when the row (and so its blob) first arrived here, by intake
    # or by a merge. An export sends the blob only to a recipient that has not acknowledged that far.
    arrival_seq: Mapped[int] = mapped_column(Integer, default=0)


class BlobFingerprint(Base):
    """Local, never synced: the xxh3 of a stored blob, taken when its SHA-256 was checked
    (``store/fingerprints.py``: why an export checks this instead of the SHA-256)."""

    __tablename__ = "blob_fingerprint"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    xxh3: Mapped[str] = mapped_column(String(16))
