"""Division use cases: the seeded tree, villages added by a station, rename, tombstones, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from huimin_desktop.errors import NotFoundError, ValidationError
from huimin_desktop.model import AuditEntry, Division, Household, Project, Training
from huimin_desktop.services.divisions import DivisionService
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import SEED_STATION, division_id_for_code
from tests.conftest import TOWNSHIP_CODE

CITY = division_id_for_code("211300")
COUNTY = division_id_for_code("211381")  # 北票市
TOWNSHIP = division_id_for_code(TOWNSHIP_CODE)  # 马友营蒙古族乡
OTHER_TOWNSHIP = division_id_for_code("211381223000")  # 凉水河蒙古族乡


@pytest.fixture
def divisions(station: Station) -> DivisionService:
    return DivisionService(station.db)


def _counts(station: Station) -> tuple[int, int]:
    with station.db.reader() as session:
        return (
            session.scalar(select(func.count()).select_from(Division)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def _row(station: Station, division_id: str) -> Division:
    with station.db.reader() as session:
        row = session.get(Division, division_id)
        assert row is not None
        session.expunge(row)
        return row


def _audit(station: Station, record_id: str) -> list[tuple[str, str]]:
    with station.db.reader() as session:
        return [
            (e.action, e.user)
            for e in session.scalars(
                select(AuditEntry).where(AuditEntry.record_id == record_id).order_by(AuditEntry.id)
            )
        ]


def test_seeded_tree_city_counties_townships(divisions: DivisionService) -> None:
    roots = divisions.tree()
    assert [n.division.name for n in roots] == ["朝阳市"]
    counties = roots[0].children
    assert len(counties) == 7
    assert [n.division.code for n in counties] == sorted(n.division.code or "" for n in counties)
    beipiao = next(n for n in counties if n.division.id == COUNTY)
    assert {n.division.name for n in beipiao.children} == {"马友营蒙古族乡", "凉水河蒙古族乡"}
    assert [d.id for d in divisions.children(None)] == [CITY]
    assert [d.name for d in divisions.children(COUNTY)] == ["马友营蒙古族乡", "凉水河蒙古族乡"]
    assert divisions.get(TOWNSHIP).level == "township"
    assert divisions.find_by_code(TOWNSHIP_CODE).id == TOWNSHIP  # type: ignore[union-attr]
    assert divisions.find_by_code("999999999999") is None
    assert divisions.is_reference(TOWNSHIP)


def test_add_village_writes_a_stamped_row_and_audit_line(
    station: Station, divisions: DivisionService
) -> None:
    result = divisions.add_village(TOWNSHIP, " 东营子村 ", "211381204201", user="cadre")
    assert result.warnings == ()
    row = _row(station, result.id)
    assert (row.name, row.code, row.level, row.parent_id) == ("东营子村", "211381204201", "village", TOWNSHIP)
    assert row.origin == station.db.station_id and row.stamp == row.created_stamp and not row.deleted
    assert row.seq > 0
    assert _audit(station, result.id) == [("create", "cadre")]
    divisions.add_village(TOWNSHIP, "西营子村")
    assert [v.name for v in divisions.villages(TOWNSHIP)] == ["东营子村", "西营子村"]  # coded first
    assert divisions.find_by_code("211381204201").id == result.id  # type: ignore[union-attr]
    assert not divisions.is_reference(result.id)
    township = next(n for n in divisions.tree()[0].children if n.division.id == COUNTY).children[0]
    assert [n.division.name for n in township.children] == ["东营子村", "西营子村"]


@pytest.mark.parametrize(
    ("parent", "name", "code", "issue"),
    [
        (TOWNSHIP, "  ", None, "division.name_missing"),
        (TOWNSHIP, "东营子村", None, "division.name_taken"),
        (TOWNSHIP, "新村", "2113812042", "division.code_format"),
        (TOWNSHIP, "新村", "21138120420a", "division.code_format"),
        (TOWNSHIP, "新村", "211381204201", "division.code_taken"),
        (COUNTY, "新村", None, "division.parent_not_township"),
        (CITY, "新村", None, "division.parent_not_township"),
        ("0" * 32, "新村", None, "division.parent_unknown"),
    ],
)
def test_add_village_refusals_write_nothing(
    station: Station, divisions: DivisionService, parent: str, name: str, code: str | None, issue: str
) -> None:
    divisions.add_village(TOWNSHIP, "东营子村", "211381204201")
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        divisions.add_village(parent, name, code)
    assert refused.value.issues[0].code == issue
    assert _counts(station) == before


def test_refusal_message_names_the_level(divisions: DivisionService) -> None:
    with pytest.raises(ValidationError) as refused:
        divisions.add_village(COUNTY, "新村")
    assert "北票市" in refused.value.message and "乡镇" in refused.value.message


def test_same_village_name_in_another_township_is_fine(divisions: DivisionService) -> None:
    divisions.add_village(TOWNSHIP, "东营子村")
    divisions.add_village(OTHER_TOWNSHIP, "东营子村")
    assert len(divisions.villages(OTHER_TOWNSHIP)) == 1


def test_code_outside_the_township_is_a_warning(station: Station, divisions: DivisionService) -> None:
    result = divisions.add_village(TOWNSHIP, "东营子村", "211381223201")
    assert [w.code for w in result.warnings] == ["division.code_outside_township"]
    assert _row(station, result.id).code == "211381223201"


def test_rename_stamps_the_field_and_audits(station: Station, divisions: DivisionService) -> None:
    village = divisions.add_village(TOWNSHIP, "东营子村").id
    before = _row(station, village)
    divisions.rename(village, "东营子新村", user="clerk")
    after = _row(station, village)
    assert after.name == "东营子新村"
    assert after.stamp > before.stamp and after.created_stamp == before.created_stamp
    assert after.field_stamps == {"name": after.stamp}
    with station.db.reader() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == village, AuditEntry.action == "update")
        ).one()
        session.expunge_all()
    assert entry.user == "clerk" and entry.details == {"changed": {"name": ["东营子村", "东营子新村"]}}


def test_rename_refuses_blank_duplicate_and_reference(station: Station, divisions: DivisionService) -> None:
    village = divisions.add_village(TOWNSHIP, "东营子村").id
    divisions.add_village(TOWNSHIP, "西营子村")
    before = _counts(station)
    for target, name, issue in (
        (village, "", "division.name_missing"),
        (village, "西营子村", "division.name_taken"),
        (TOWNSHIP, "马友营乡", "division.reference"),
    ):
        with pytest.raises(ValidationError) as refused:
            divisions.rename(target, name)
        assert refused.value.issues[0].code == issue
    assert "内置" in refused.value.message
    assert _counts(station) == before
    assert divisions.get(TOWNSHIP).name == "马友营蒙古族乡"
    divisions.rename(village, "东营子村")  # renaming to its own name is no clash


def test_delete_is_a_tombstone(station: Station, divisions: DivisionService) -> None:
    village = divisions.add_village(TOWNSHIP, "东营子村", "211381204201").id
    divisions.delete(village, user="cadre")
    row = _row(station, village)
    assert row.deleted and row.field_stamps == {"deleted": row.stamp}
    assert _audit(station, village) == [("create", "admin"), ("delete", "cadre")]
    assert divisions.villages(TOWNSHIP) == []
    assert divisions.find_by_code("211381204201") is None
    with pytest.raises(NotFoundError):
        divisions.get(village)
    with pytest.raises(NotFoundError):
        divisions.delete(village)
    # The name and the code are free again.
    divisions.add_village(TOWNSHIP, "东营子村", "211381204201")


def test_reference_divisions_cannot_be_deleted(station: Station, divisions: DivisionService) -> None:
    before = _counts(station)
    for seeded in (CITY, COUNTY, TOWNSHIP):
        assert _row(station, seeded).origin == SEED_STATION
        with pytest.raises(ValidationError) as refused:
            divisions.delete(seeded)
        assert refused.value.issues[0].code == "division.reference"
    assert _counts(station) == before


def test_delete_refused_while_used_and_says_how_much(station: Station, divisions: DivisionService) -> None:
    village = divisions.add_village(TOWNSHIP, "东营子村").id
    with station.db.session() as session:
        session.add_all([Household(division_id=village), Household(division_id=village)])
        session.add(Project(code="P1", name="养牛", category="1", division_id=village, year=2024))
        session.add(Training(date=dt.date(2024, 5, 1), division_id=village, topic="养殖技术"))
        gone = Household(division_id=village, deleted=True)
        session.add(gone)
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        divisions.delete(village)
    message = refused.value.message
    assert "2 户农户" in message and "1 个项目" in message and "1 次培训" in message
    assert refused.value.issues[0].params["usage"] == {"户农户": 2, "个项目": 1, "次培训": 1}
    assert _counts(station) == before
    assert not _row(station, village).deleted

    with station.db.session() as session:
        for model in (Household, Project, Training):
            for row in session.scalars(select(model).where(model.division_id == village)):
                row.deleted = True
    divisions.delete(village)
    assert _row(station, village).deleted


def test_delete_refused_while_children_live(station: Station, divisions: DivisionService) -> None:
    village = divisions.add_village(TOWNSHIP, "东营子村").id
    with station.db.session() as session:
        group = Division(name="一组", level="village", parent_id=village)
        session.add(group)
    with pytest.raises(ValidationError) as refused:
        divisions.delete(village)
    assert "1 个下级区划" in refused.value.message
