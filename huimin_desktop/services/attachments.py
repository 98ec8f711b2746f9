"""Attachment metadata on any record: list, describe, remove.

Adding files (hashing into the content-addressed store, thumbnails, EXIF dates) comes with the project
archive work; removing here only tombstones the link, so a blob another record uses stays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.domain.issues import Issue
from huimin_desktop.model import Attachment
from huimin_desktop.services.common import live_row
from huimin_desktop.services.errors import ValidationError
from huimin_desktop.store.database import Database


@dataclass(frozen=True)
class AttachmentRecord:
    id: str
    owner_table: str
    owner_id: str
    sha256: str
    size: int
    filename: str
    mime: str
    kind: str
    category: str
    caption: str
    taken_at: dt.datetime | None
    duration_ms: int | None


def _record(a: Attachment) -> AttachmentRecord:
    return AttachmentRecord(
        a.id,
        a.owner_table,
        a.owner_id,
        a.sha256,
        a.size,
        a.filename,
        a.mime,
        a.kind,
        a.category,
        a.caption,
        a.taken_at,
        a.duration_ms,
    )


class AttachmentService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def for_record(self, owner_table: str, owner_id: str) -> list[AttachmentRecord]:
        with self.db.reader() as session:
            rows = session.scalars(
                select(Attachment)
                .where(
                    Attachment.owner_table == owner_table,
                    Attachment.owner_id == owner_id,
                    Attachment.deleted.is_(False),
                )
                .order_by(Attachment.created_stamp)
            )
            return [_record(a) for a in rows]

    def describe(self, attachment_id: str, *, caption: str, category: str, user: str = "system") -> None:
        if category and category not in code_lists().attachment_category:
            raise ValidationError(
                [Issue("attachment.category", f"附件类别“{category}”无效", field="category")]
            )
        with self.db.session(user) as session:
            attachment = live_row(session, Attachment, attachment_id, "附件")
            attachment.caption = caption.strip()
            attachment.category = category

    def remove(self, attachment_id: str, user: str = "system") -> None:
        with self.db.session(user) as session:
            live_row(session, Attachment, attachment_id, "附件").deleted = True
