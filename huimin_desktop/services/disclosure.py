"""Exports that carry personal data in full: they need a reason, and the reason goes to the audit log
with the user who gave it (issue 13).

A roster or an archive with whole ID numbers is a copy of thousands of families' identities on a USB
stick; the office must be able to say later who took one and why. ``require_reason`` refuses an empty
reason before anything is written; ``note_disclosure`` writes the audit entry once the file exists.
The entry is written by ``services.audit.record_export``, like every other export's.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from huimin_desktop.domain.masking import SEE_PERSONAL_DATA, Masking
from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import Words
from huimin_desktop.services import audit
from huimin_desktop.store.database import Database

EXPORT_ACTION = audit.EXPORT
MAX_REASON = 200


def export_masking(db: Database, full: bool | None) -> Masking:
    """The masking of an export: ``full=None`` gives what the user may see, ``True`` asks for whole
    numbers (refused without ``SEE_PERSONAL_DATA``), ``False`` always masks."""
    if full is None:
        return Masking.for_actor(db.actor)
    if full:
        db.actor.require(SEE_PERSONAL_DATA)
        return Masking(full=True)
    return Masking(full=False)


def require_reason(masking: Masking, reason: str | None) -> str:
    """The reason, trimmed; refused when the export holds whole numbers and none was given."""
    cleaned = " ".join((reason or "").split())
    if masking.full and not cleaned:
        raise ServiceError(code="export.reason_required")
    if len(cleaned) > MAX_REASON:
        raise ServiceError(code="export.reason_too_long", limit=MAX_REASON)
    return cleaned


def note_disclosure(
    db: Database,
    *,
    what: str | Words,
    path: Path,
    reason: str,
    masking: Masking,
    details: Mapping[str, object],
    record_id: str = "",
    kind: str | None = None,
) -> None:
    """The audit entry of an export (``services.audit.record_export``): who, which file, why, and whether
    it held whole numbers; ``kind`` is the record kind it names (else ``what``). Should the entry not
    commit, the export is removed: nothing leaves unlogged."""
    numbers = (
        Words("完整身份证号和电话", "whole ID numbers and phones")
        if masking.full
        else Words("身份证号和电话已遮盖", "ID numbers and phones masked")
    )
    what = what if isinstance(what, Words) else Words(what, what)
    summary = (
        audit.Summary.of("audit.disclosure_why", what=what, numbers=numbers, file=path.name, reason=reason)
        if reason
        else audit.Summary.of("audit.disclosure", what=what, numbers=numbers, file=path.name)
    )
    audit.record_export(
        db,
        kind or what.zh,
        record_id or db.station_id or "",
        path,
        summary=summary,
        details={"full_personal_data": masking.full, "reason": reason, **details},
    )
