"""Reading the audit log (it is written by change capture, never by hand)."""

from __future__ import annotations

from sqlalchemy import Select, select

from huimin_desktop.model import AuditEntry
from huimin_desktop.services.records import AuditRecord
from huimin_desktop.store.database import Database


class AuditService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def for_record(self, record_id: str) -> list[AuditRecord]:
        return self._query(select(AuditEntry).where(AuditEntry.record_id == record_id))

    def latest(self, limit: int = 100) -> list[AuditRecord]:
        return self._query(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))

    def _query(self, statement: Select[AuditEntry]) -> list[AuditRecord]:
        with self.db.reader() as session:
            return [
                AuditRecord(e.at, e.user, e.action, e.table_name, e.record_id, e.details)
                for e in session.scalars(statement.order_by(AuditEntry.id))
            ]
