"""Change capture: every local change of a synced row is stamped and audited; deletes are tombstones."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlcipher3 import dbapi2

from huimin_desktop.model import AuditEntry, Division
from huimin_desktop.services.station import Station
from huimin_desktop.stamps.capture import SyncedRowDeleteError
from huimin_desktop.stamps.clock import Stamp
from tests.stations import connect_db, open_station


def _township_id(station: Station) -> str:
    with station.db.reader() as session:
        return session.scalars(select(Division.id).where(Division.code == station.info().division_code)).one()


def test_new_row_gets_id_origin_and_stamps(station: Station) -> None:
    with station.db.session("王会计") as session:
        village = Division(name="东营子村", level="village", parent_id=_township_id(station))
        session.add(village)
    with station.db.reader() as session:
        row = session.get(Division, village.id)
        assert row is not None
        assert len(row.id) == 32
        assert row.origin == station.info().id
        assert row.stamp == row.created_stamp
        assert Stamp.parse(row.stamp).station == station.info().id
        assert row.seq == Stamp.parse(row.stamp).ordinal
        assert row.field_stamps is None
        audit = session.scalars(select(AuditEntry).where(AuditEntry.record_id == village.id)).all()
        assert [(a.action, a.user) for a in audit] == [("create", "王会计")]


def test_edit_stamps_only_the_changed_field_and_audits_old_and_new(station: Station) -> None:
    with station.db.session() as session:
        village = Division(name="东营子村", level="village", parent_id=_township_id(station))
        session.add(village)
    with station.db.session("李主任") as session:
        session.get(Division, village.id).name = "东营子村（新）"
    with station.db.reader() as session:
        row = session.get(Division, village.id)
        assert row.stamp > row.created_stamp
        assert row.field_stamps == {"name": row.stamp}
        assert row.field_stamp("level") == row.created_stamp
        update = session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == village.id, AuditEntry.action == "update")
        ).one()
        assert update.details == {"changed": {"name": ["东营子村", "东营子村（新）"]}}


def test_physical_delete_of_a_synced_row_is_refused_and_nothing_changes(station: Station) -> None:
    with station.db.session() as session:
        village = Division(name="西沟村", level="village", parent_id=_township_id(station))
        session.add(village)
    with pytest.raises(SyncedRowDeleteError), station.db.session() as session:
        session.delete(session.get(Division, village.id))
    with station.db.reader() as session:
        assert session.get(Division, village.id) is not None


def test_tombstone_is_audited_as_delete(station: Station) -> None:
    with station.db.session() as session:
        village = Division(name="西沟村", level="village", parent_id=_township_id(station))
        session.add(village)
    with station.db.session() as session:
        session.get(Division, village.id).deleted = True
    with station.db.reader() as session:
        row = session.get(Division, village.id)
        assert row.deleted and "deleted" in row.field_stamps
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.record_id == village.id)).all()
        assert actions == ["create", "delete"]


def test_audit_log_is_append_only(station: Station) -> None:
    connection = connect_db(station.db.folder.db_path)
    try:
        with pytest.raises(dbapi2.IntegrityError, match="append-only"):
            connection.execute("UPDATE audit_log SET user = 'x'")
        with pytest.raises(dbapi2.IntegrityError, match="append-only"):
            connection.execute("DELETE FROM audit_log")
    finally:
        connection.close()


def test_clock_resumes_past_every_stored_change_after_reopening(station: Station) -> None:
    with station.db.session() as session:
        village = Division(name="西沟村", level="village", parent_id=_township_id(station))
        session.add(village)
    data_dir = station.data_dir
    station.close()
    with open_station(data_dir) as reopened:
        assert reopened.db.clock is not None
        with reopened.db.reader() as session:
            stored = session.get(Division, village.id).seq
        assert reopened.db.clock.now().ordinal > stored


def test_row_ids_are_uuid7_and_later_ids_sort_later() -> None:
    import time
    import uuid

    from huimin_desktop.model import new_id

    first = new_id()
    time.sleep(0.002)
    second = new_id()
    assert uuid.UUID(first).version == 7 and uuid.UUID(second).version == 7
    assert first < second
    assert len({new_id() for _ in range(10_000)}) == 10_000
