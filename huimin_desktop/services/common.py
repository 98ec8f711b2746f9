"""Small helpers every service module shares."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from huimin_desktop.domain.issues import Issue
from huimin_desktop.errors import NotFoundError
from huimin_desktop.model import Synced

SyncedT = TypeVar("SyncedT", bound=Synced)


def live_row(session: Session, model: type[SyncedT], record_id: str, what: str) -> SyncedT:
    """The row with this id, unless it does not exist or is a tombstone (then NotFoundError)."""
    row = session.get(model, record_id)
    if row is None or row.deleted:
        raise NotFoundError(what, record_id)
    return row


def with_field(issue: Issue, name: str) -> Issue:
    """The same issue, placed on ``name`` unless it already names a field."""
    return Issue(issue.code, issue.message, issue.severity, issue.field or name, issue.params)


def at_field(issue: Issue, name: str) -> Issue:
    """The same issue placed on ``name`` (e.g. "members[2].id_number"), whatever field it named."""
    return Issue(issue.code, issue.message, issue.severity, name, issue.params)
