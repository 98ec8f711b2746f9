"""Users (local, audited by hand) and attachment metadata (tombstoned links, blobs untouched)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from huimin_desktop.errors import ValidationError
from huimin_desktop.model import Attachment, AuditEntry, User
from huimin_desktop.services.station import Station


def test_users_are_created_listed_deactivated_and_audited(station: Station) -> None:
    station.users.create("wang.li", "王丽", "entry")
    assert [u.username for u in station.users.list()] == ["admin", "wang.li"]
    station.users.disable("wang.li")
    assert [u.username for u in station.users.list(include_inactive=False)] == ["admin"]
    assert station.users.list()[1].active is False
    with station.db.reader() as session:
        entries = session.execute(
            select(AuditEntry.user, AuditEntry.action).where(AuditEntry.table_name == "app_user")
        ).all()
    assert entries == [("system", "user_create"), ("admin", "user_create"), ("admin", "user_disable")]


@pytest.mark.parametrize(
    ("username", "display", "role"),
    [("王", "王丽", "entry"), ("wang", "王丽", "boss"), ("1abc", "王丽", "entry"), ("wang", "王丽", "clerk")],
)
def test_bad_users_are_refused_and_nothing_is_written(station: Station, username, display, role) -> None:
    with pytest.raises(ValidationError):
        station.users.create(username, display, role)
    with station.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1  # the administrator


def test_duplicate_username_is_refused(station: Station) -> None:
    station.users.create("li", "李")
    with pytest.raises(ValidationError, match="已存在"):
        station.users.create("LI", "李二")


def _attach(station: Station, owner_id: str, sha: str) -> str:
    with station.db.session() as session:
        attachment = Attachment(
            owner_table="project", owner_id=owner_id, sha256=sha, size=3, filename="照片.jpg", kind="photo"
        )
        session.add(attachment)
    return attachment.id


def test_attachment_metadata_describe_and_remove(station: Station) -> None:
    shared = "ab" * 32
    first = _attach(station, "p1", shared)
    _attach(station, "p2", shared)
    station.attachments.describe(first, caption="施工现场", category="03")
    [record] = station.attachments.for_record("project", "p1")
    assert (record.caption, record.category) == ("施工现场", "03")
    with pytest.raises(ValidationError):
        station.attachments.describe(first, caption="x", category="zz")
    station.attachments.remove(first)
    assert station.attachments.for_record("project", "p1") == []
    assert [a.sha256 for a in station.attachments.for_record("project", "p2")] == [shared]
    with station.db.reader() as session:
        assert session.get(Attachment, first).deleted
