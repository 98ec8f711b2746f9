"""Training use cases: attendees diffed on save, refusals that write nothing, tombstones, the list."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from huimin_desktop.errors import NotFoundError, ValidationError
from huimin_desktop.model import AuditEntry, Household, Member, Project, Training, TrainingAttendee
from huimin_desktop.services.divisions import DivisionService
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import division_id_for_code
from huimin_desktop.services.trainings import TrainingInput, TrainingQuery, TrainingService
from tests.conftest import TOWNSHIP_CODE

TOWNSHIP = division_id_for_code(TOWNSHIP_CODE)
OTHER_TOWNSHIP = division_id_for_code("211381223000")
TODAY = dt.date.today()


@dataclasses.dataclass(frozen=True)
class Family:
    household: str
    members: tuple[str, ...]


@pytest.fixture
def trainings(station: Station) -> TrainingService:
    return TrainingService(station.db)


@pytest.fixture
def village(station: Station) -> str:
    return DivisionService(station.db).add_village(TOWNSHIP, "东营子村").id


def _family(station: Station, division_id: str, *names: str) -> Family:
    with station.db.session() as session:
        household = Household(division_id=division_id, head_name=names[0], member_count=len(names))
        members = [Member(household=household, name=n, position=i) for i, n in enumerate(names)]
        session.add_all([household, *members])
    return Family(household.id, tuple(m.id for m in members))


def _counts(station: Station) -> tuple[int, int, int]:
    with station.db.reader() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Training, TrainingAttendee, AuditEntry)
        )


def _attendee_rows(station: Station, training_id: str) -> list[TrainingAttendee]:
    with station.db.reader() as session:
        rows = list(
            session.scalars(select(TrainingAttendee).where(TrainingAttendee.training_id == training_id))
        )
        session.expunge_all()
        return rows


def _input(division_id: str, attendees: tuple = (), **changes: object) -> TrainingInput:
    data = TrainingInput(
        date=dt.date(2024, 3, 18),
        division_id=division_id,
        topic="肉牛科学饲养与疫病防治",
        place="村委会会议室",
        trainer="刘兽医",
        hours=3.5,
        extra_attendees=4,
        attendees=attendees,
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def test_create_and_get_counts_listed_plus_extra(
    station: Station, trainings: TrainingService, village: str
) -> None:
    bao = _family(station, village, "宝斯鲁", "其木格")
    li = _family(station, village, "李强")
    result = trainings.create(
        _input(village, ((bao.household, bao.members[1]), (li.household, None), (li.household, None))),
        user="cadre",
    )
    assert result.warnings == ()
    record = trainings.get(result.id)
    assert (record.topic, record.hours, record.extra_attendees) == ("肉牛科学饲养与疫病防治", 3.5, 4)
    assert record.attendee_count == 2 + 4  # the repeated household counts once
    names = {(a.head_name, a.member_name) for a in record.attendees}
    assert names == {("宝斯鲁", "其木格"), ("李强", "")}
    assert record.origin == station.db.station_id
    with station.db.reader() as session:
        created = session.scalars(
            select(AuditEntry.table_name).where(AuditEntry.user == "cadre", AuditEntry.action == "create")
        ).all()
    assert sorted(created) == ["training", "training_attendee", "training_attendee"]


def test_update_diffs_attendees(station: Station, trainings: TrainingService, village: str) -> None:
    bao = _family(station, village, "宝斯鲁", "其木格")
    li = _family(station, village, "李强")
    wang = _family(station, village, "王芳")
    keep, drop, add = (bao.household, bao.members[0]), (li.household, None), (wang.household, None)
    training_id = trainings.create(_input(village, (keep, drop))).id
    rows_before = {(r.household_id, r.member_id): r for r in _attendee_rows(station, training_id)}
    training_before = _row(station, training_id)

    trainings.update(training_id, _input(village, (keep, add), topic="玉米密植高产技术"), user="clerk")
    rows_after = {(r.household_id, r.member_id): r for r in _attendee_rows(station, training_id)}
    assert set(rows_after) == {keep, drop, add}
    assert rows_after[keep].id == rows_before[keep].id
    assert rows_after[keep].stamp == rows_before[keep].stamp  # untouched
    assert rows_after[drop].deleted and rows_after[drop].field_stamps == {"deleted": rows_after[drop].stamp}
    assert not rows_after[add].deleted
    training_after = _row(station, training_id)
    assert training_after.field_stamps == {"topic": training_after.stamp}
    assert training_after.stamp > training_before.stamp
    record = trainings.get(training_id)
    assert {(a.household_id, a.member_id) for a in record.attendees} == {keep, add}
    assert record.attendee_count == 6


def _row(station: Station, training_id: str) -> Training:
    with station.db.reader() as session:
        row = session.get(Training, training_id)
        assert row is not None
        session.expunge(row)
        return row


def test_refusals_write_nothing(station: Station, trainings: TrainingService, village: str) -> None:
    bao = _family(station, village, "宝斯鲁", "其木格")
    li = _family(station, village, "李强")
    gone = _family(station, village, "赵刚")
    with station.db.session() as session:
        session.get(Household, gone.household).deleted = True  # type: ignore[union-attr]
        project = Project(
            code="X", name="已删项目", category="1", division_id=village, year=2024, deleted=True
        )
        session.add(project)
    cases = [
        ({"attendees": (("c" * 32, None),)}, "training.household_unknown"),
        ({"attendees": ((gone.household, None),)}, "training.household_unknown"),
        ({"attendees": ((bao.household, "d" * 32),)}, "training.member_unknown"),
        ({"attendees": ((li.household, bao.members[1]),)}, "training.member_not_in_household"),
        ({"date": TODAY + dt.timedelta(days=1)}, "training.date_future"),
        ({"hours": -1.0}, "training.hours_negative"),
        ({"extra_attendees": -2}, "training.extra_negative"),
        ({"topic": " "}, "training.topic_missing"),
        ({"division_id": "e" * 32}, "training.division_unknown"),
        ({"project_id": project.id}, "training.project_unknown"),
    ]
    before = _counts(station)
    for changes, issue in cases:
        with pytest.raises(ValidationError) as refused:
            trainings.create(dataclasses.replace(_input(village), **changes))
        assert [i.code for i in refused.value.issues] == [issue], changes
    assert _counts(station) == before

    training_id = trainings.create(_input(village, ((bao.household, None),))).id
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        trainings.update(training_id, _input(village, ((li.household, bao.members[0]),)))
    assert refused.value.issues[0].field == "attendees[0]" and "第 1 名" in refused.value.message
    assert _counts(station) == before
    assert len(trainings.get(training_id).attendees) == 1


def test_long_session_is_a_warning(trainings: TrainingService, village: str) -> None:
    result = trainings.create(_input(village, hours=40))
    assert [w.code for w in result.warnings] == ["training.hours_long"]


def test_linked_project(station: Station, trainings: TrainingService, village: str) -> None:
    with station.db.session() as session:
        project = Project(code="P", name="肉牛养殖", category="1", division_id=village, year=2024)
        session.add(project)
    training_id = trainings.create(_input(village, project_id=project.id)).id
    assert trainings.get(training_id).project_id == project.id


def test_delete_tombstones_session_and_attendees(
    station: Station, trainings: TrainingService, village: str
) -> None:
    bao = _family(station, village, "宝斯鲁", "其木格")
    training_id = trainings.create(
        _input(village, ((bao.household, None), (bao.household, bao.members[1])))
    ).id
    trainings.delete(training_id, user="cadre")
    assert _row(station, training_id).deleted
    rows = _attendee_rows(station, training_id)
    assert len(rows) == 2 and all(r.deleted for r in rows)
    with station.db.reader() as session:
        deletes = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "delete")
        )
    assert deletes == 3
    with pytest.raises(NotFoundError):
        trainings.get(training_id)
    with pytest.raises(NotFoundError):
        trainings.update(training_id, _input(village))
    assert trainings.count() == 0


def test_list_and_count(station: Station, trainings: TrainingService, village: str) -> None:
    bao = _family(station, village, "宝斯鲁", "其木格")
    trainings.create(_input(village, ((bao.household, None),), date=dt.date(2023, 11, 2), topic="大棚蔬菜"))
    trainings.create(_input(TOWNSHIP, date=dt.date(2024, 5, 6), topic="肉牛养殖", trainer="张教授"))
    trainings.create(_input(OTHER_TOWNSHIP, date=dt.date(2024, 6, 1), topic="电商培训", place="镇政府"))
    assert trainings.count() == 3
    rows = trainings.list()
    assert [r.topic for r in rows] == ["电商培训", "肉牛养殖", "大棚蔬菜"]  # newest first
    assert rows[2].division_name == "东营子村" and rows[2].attendee_count == 1 + 4
    assert trainings.count(TrainingQuery(year=2024)) == 2
    assert {r.topic for r in trainings.list(TrainingQuery(division_id=TOWNSHIP))} == {"大棚蔬菜", "肉牛养殖"}
    assert [r.topic for r in trainings.list(TrainingQuery(search="张教授"))] == ["肉牛养殖"]
    assert [r.topic for r in trainings.list(TrainingQuery(search="镇政府"))] == ["电商培训"]
    assert [r.topic for r in trainings.list(TrainingQuery(offset=1, limit=1))] == ["肉牛养殖"]


def test_ids_rows_and_years_for_the_list(station: Station, trainings: TrainingService, village: str) -> None:
    family = _family(station, village, "宝斯鲁", "乌云")
    older = trainings.create(_input(village, ((family.household, None),), date=dt.date(2023, 5, 2))).id
    newer = trainings.create(_input(TOWNSHIP, topic="设施蔬菜种植", place="乡政府")).id
    ids = trainings.ids()
    assert ids == [r.id for r in trainings.list()] == [newer, older]
    assert trainings.ids(TrainingQuery(search="蔬菜")) == [newer]
    assert trainings.ids(TrainingQuery(year=2023)) == [older]
    rows = trainings.rows([older, "a" * 32, newer])
    assert [(r.id, r.attendee_count, r.place) for r in rows] == [
        (older, 5, "村委会会议室"),
        (newer, 4, "乡政府"),
    ]
    assert trainings.years() == [2024, 2023]
    trainings.delete(older)
    assert trainings.rows(ids) == [trainings.rows([newer])[0]]


def test_attendees_carry_village_and_ethnicity(
    station: Station, trainings: TrainingService, village: str
) -> None:
    family = _family(station, village, "宝斯鲁", "乌云")
    with station.db.session() as session:
        session.get(Household, family.household).ethnicity = "02"  # type: ignore[union-attr]
    training_id = trainings.create(_input(village, ((family.household, family.members[1]),))).id
    (attendee,) = trainings.get(training_id).attendees
    assert (attendee.head_name, attendee.member_name, attendee.village_name, attendee.ethnicity) == (
        "宝斯鲁",
        "乌云",
        "东营子村",
        "02",
    )
