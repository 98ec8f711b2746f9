"""Change capture: stamps every local change of a synced row and writes its audit entry.

It runs as a SQLAlchemy ``before_flush`` hook on sessions that carry a ``ChangeContext`` in
``session.info``, so no service can forget it. One stamp serves a whole flush: rows written together
share it, which is all the ordering the sync merge needs.

A synced row is never deleted: ``session.delete()`` on one raises, and services set ``deleted`` (a
tombstone) instead. Merges apply other stations' stamps and switch capture off for their session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from huimin_desktop.model import Attachment, AuditEntry, Synced, new_id
from huimin_desktop.stamps.clock import HybridLogicalClock

CONTEXT_KEY = "change_context"


class SyncedRowDeleteError(RuntimeError):
    """A synced row was deleted physically; it must be tombstoned so the deletion can travel."""


@dataclass
class ChangeContext:
    station: str
    clock: HybridLogicalClock
    user: str = "system"
    audit: bool = True  # bulk generators (demo) write one summary entry instead of one per row


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _changed_fields(obj: Synced) -> dict[str, list[Any]]:
    state = inspect(obj)
    changed: dict[str, list[Any]] = {}
    for name in [*type(obj).content_columns(), "deleted"]:
        history = state.attrs[name].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changed[name] = [_jsonable(old), _jsonable(new)]
    return changed


def _audit(
    session: Session, ctx: ChangeContext, now: dt.datetime, action: str, obj: Synced, details: dict | None
) -> None:
    session.add(
        AuditEntry(
            at=now,
            station=ctx.station,
            user=ctx.user,
            action=action,
            table_name=type(obj).__tablename__,  # type: ignore[attr-defined]
            record_id=obj.id,
            details=details,
        )
    )


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, _flush_context: Any, _instances: Any) -> None:
    ctx: ChangeContext | None = session.info.get(CONTEXT_KEY)
    deleted_synced = [o for o in session.deleted if isinstance(o, Synced)]
    if deleted_synced:
        raise SyncedRowDeleteError(
            f"{type(deleted_synced[0]).__name__} rows are tombstoned (deleted=True), never deleted"
        )
    if ctx is None:
        return
    new = [o for o in session.new if isinstance(o, Synced)]
    dirty = [o for o in session.dirty if isinstance(o, Synced) and session.is_modified(o)]
    if not new and not dirty:
        return
    stamp = ctx.clock.now()
    text, seq = str(stamp), stamp.ordinal
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for obj in new:
        _stamp_new(session, ctx, obj, text, seq, now)
    for obj in dirty:
        _stamp_changed(session, ctx, obj, text, seq, now)


def _stamp_new(
    session: Session, ctx: ChangeContext, obj: Synced, text: str, seq: int, now: dt.datetime
) -> None:
    if obj.id is None:
        obj.id = new_id()
    obj.origin = obj.origin or ctx.station
    obj.created_stamp = obj.stamp = text
    obj.deleted = bool(obj.deleted)
    obj.seq = seq
    if isinstance(obj, Attachment):
        obj.arrival_seq = seq
    if ctx.audit:
        _audit(session, ctx, now, "create", obj, None)


def _stamp_changed(
    session: Session, ctx: ChangeContext, obj: Synced, text: str, seq: int, now: dt.datetime
) -> None:
    """Each changed field gets the new stamp and keeps, as its base, the stamp it had."""
    changed = _changed_fields(obj)
    if not changed:
        return
    stamps, bases = dict(obj.field_stamps or {}), dict(obj.field_bases or {})
    for name in changed:
        bases[name] = stamps.get(name, obj.created_stamp)
        stamps[name] = text
    obj.field_stamps, obj.field_bases = stamps, bases
    obj.stamp = text
    obj.seq = seq
    if ctx.audit:
        action = "update"
        if "deleted" in changed:
            action = "delete" if obj.deleted else "restore"
        _audit(session, ctx, now, action, obj, {"changed": changed})
