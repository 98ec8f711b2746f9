"""Project use cases: validation before writing, stamps, tombstones, beneficiaries, stage workflow."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from huimin_desktop import messages
from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.errors import NotFoundError, ValidationError
from huimin_desktop.model import AuditEntry, Household, Project, ProjectBeneficiary, ProjectStageEntry
from huimin_desktop.services.divisions import DivisionService
from huimin_desktop.services.projects import (
    ProjectInput,
    ProjectQuery,
    ProjectService,
    StageInput,
    stage_order,
)
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import division_id_for_code
from tests.conftest import TOWNSHIP_CODE

TOWNSHIP = division_id_for_code(TOWNSHIP_CODE)
OTHER_TOWNSHIP = division_id_for_code("211381223000")
TODAY = dt.date.today()


@pytest.fixture
def projects(station: Station) -> ProjectService:
    return ProjectService(station.db)


@pytest.fixture
def village(station: Station) -> str:
    return DivisionService(station.db).add_village(TOWNSHIP, "东营子村").id


def _categories() -> list[str]:
    return list(code_lists().project_category.codes())


def _input(division_id: str, code: str = "BP-2024-001", **changes: object) -> ProjectInput:
    data = ProjectInput(
        code=code,
        name="肉牛养殖小区",
        category=_categories()[0],
        division_id=division_id,
        year=2024,
        content="新建牛舍 6 栋",
        scale="存栏 300 头",
        fund_provincial=500_000,
        fund_local=100_000,
        fund_integrated=50_000,
        fund_self=20_000,
        planned_start=dt.date(2024, 4, 1),
        planned_finish=dt.date(2024, 10, 31),
        responsible="王德胜",
        income_increase_expected=1200,
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def _counts(station: Station) -> tuple[int, ...]:
    with station.db.reader() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Project, ProjectStageEntry, ProjectBeneficiary, AuditEntry)
        )


def _row(station: Station, model: type, record_id: str) -> Any:
    with station.db.reader() as session:
        row = session.get(model, record_id)
        assert row is not None
        session.expunge(row)
        return row


def _household(station: Station, division_id: str, ethnicity: str, name: str = "户主") -> str:
    with station.db.session() as session:
        household = Household(division_id=division_id, head_name=name, ethnicity=ethnicity, member_count=1)
        session.add(household)
    return household.id


# -- create / update / delete --------------------------------------------------------------------


def test_create_and_get(station: Station, projects: ProjectService, village: str) -> None:
    result = projects.create(_input(village), user="cadre")
    assert result.warnings == ()
    record = projects.get(result.id)
    assert (record.code, record.name, record.year, record.division_id) == (
        "BP-2024-001",
        "肉牛养殖小区",
        2024,
        village,
    )
    assert record.total_funds == 670_000
    assert record.stage == "" and record.stages == () and record.beneficiary_ids == ()
    assert record.origin == station.db.station_id
    with station.db.reader() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.record_id == result.id)).one()
        session.expunge_all()
    assert (entry.action, entry.user, entry.table_name) == ("create", "cadre", "project")


def test_no_funds_is_only_a_warning(projects: ProjectService, village: str) -> None:
    result = projects.create(_input(village, fund_provincial=0, fund_local=0, fund_integrated=0, fund_self=0))
    assert [w.code for w in result.warnings] == ["project.no_funds"]


@pytest.mark.parametrize(
    ("changes", "issue", "field"),
    [
        ({"code": "  "}, "project.code_missing", "code"),
        ({"name": ""}, "project.name_missing", "name"),
        ({"category": "zz"}, "project.category_unknown", "category"),
        ({"division_id": "f" * 32}, "project.division_unknown", "division_id"),
        ({"year": 1990}, "project.year", "year"),
        ({"year": TODAY.year + 10}, "project.year", "year"),
        ({"fund_local": -1}, "amount.negative", "fund_local"),
        ({"fund_self": -5}, "amount.negative", "fund_self"),
        ({"planned_finish": dt.date(2024, 3, 1)}, "project.finish_before_start", "planned_finish"),
        (
            {"actual_start": dt.date(2024, 5, 1), "actual_finish": dt.date(2024, 4, 1)},
            "project.finish_before_start",
            "actual_finish",
        ),
        ({"actual_start": TODAY + dt.timedelta(days=3)}, "project.date_future", "actual_start"),
    ],
)
def test_invalid_input_writes_nothing(
    station: Station, projects: ProjectService, village: str, changes: dict, issue: str, field: str
) -> None:
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        projects.create(dataclasses.replace(_input(village), **changes))
    assert [(i.code, i.field) for i in refused.value.issues] == [(issue, field)]
    assert _counts(station) == before


def test_code_unique_among_live_projects(station: Station, projects: ProjectService, village: str) -> None:
    first = projects.create(_input(village, code="P-1", name="温室大棚")).id
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        projects.create(_input(village, code=" P-1 "))
    assert "温室大棚" in refused.value.message and "P-1" in refused.value.message
    assert refused.value.issues[0].params["project_id"] == first
    assert _counts(station) == before
    projects.update(first, _input(village, code="P-1", name="温室大棚二期"))  # its own code is fine
    projects.delete(first)
    projects.create(_input(village, code="P-1"))  # a tombstone does not hold the code


def test_update_stamps_only_changed_fields(station: Station, projects: ProjectService, village: str) -> None:
    project_id = projects.create(_input(village)).id
    before = _row(station, Project, project_id)
    projects.update(project_id, _input(village, name="肉牛养殖小区（扩建）", fund_self=30_000), user="clerk")
    after = _row(station, Project, project_id)
    assert after.name == "肉牛养殖小区（扩建）" and after.fund_self == 30_000
    assert after.stamp > before.stamp and after.created_stamp == before.created_stamp
    assert after.field_stamps == {"name": after.stamp, "fund_self": after.stamp}
    with station.db.reader() as session:
        update = session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == project_id, AuditEntry.action == "update")
        ).one()
        session.expunge_all()
    assert update.user == "clerk"
    assert update.details == {
        "changed": {"name": ["肉牛养殖小区", "肉牛养殖小区（扩建）"], "fund_self": [20000, 30000]}
    }


def test_update_of_missing_project(projects: ProjectService, village: str) -> None:
    with pytest.raises(NotFoundError):
        projects.update("a" * 32, _input(village))


def test_delete_tombstones_project_stages_and_beneficiaries(
    station: Station, projects: ProjectService, village: str
) -> None:
    project_id = projects.create(_input(village)).id
    projects.set_beneficiaries(project_id, [_household(station, village, "02")])
    projects.advance_stage(project_id, StageInput(stage_order()[0], TODAY, "张三"))
    before = _counts(station)
    projects.delete(project_id, user="cadre")
    with station.db.reader() as session:
        assert session.get(Project, project_id).deleted  # type: ignore[union-attr]
        for model in (ProjectStageEntry, ProjectBeneficiary):
            rows = session.scalars(select(model).where(model.project_id == project_id)).all()
            assert rows and all(r.deleted for r in rows)
        deletes = session.scalars(
            select(AuditEntry.table_name).where(AuditEntry.action == "delete", AuditEntry.user == "cadre")
        ).all()
    assert sorted(deletes) == ["project", "project_beneficiary", "project_stage"]
    assert _counts(station)[:3] == before[:3]  # nothing physically removed
    with pytest.raises(NotFoundError):
        projects.get(project_id)
    assert projects.count() == 0


# -- list -----------------------------------------------------------------------------------------


def test_list_and_count_filters(station: Station, projects: ProjectService, village: str) -> None:
    categories = _categories()
    projects.create(_input(village, code="A-1", name="肉牛养殖", year=2023))
    projects.create(_input(TOWNSHIP, code="A-2", name="村道硬化", category=categories[1]))
    projects.create(_input(OTHER_TOWNSHIP, code="B-1", name="养羊合作社"))
    assert projects.count() == 3
    assert [r.code for r in projects.list()] == ["A-2", "B-1", "A-1"]  # newest year first, then code
    assert projects.count(ProjectQuery(search="养")) == 2
    assert projects.count(ProjectQuery(search="a-")) == 2  # Latin letters match in either case
    assert projects.count(ProjectQuery(year=2023)) == 1
    assert [r.code for r in projects.list(ProjectQuery(category=categories[1]))] == ["A-2"]
    # A township's projects include those of its villages.
    assert {r.code for r in projects.list(ProjectQuery(division_id=TOWNSHIP))} == {"A-1", "A-2"}
    assert [r.code for r in projects.list(ProjectQuery(division_id=village))] == ["A-1"]
    assert [r.code for r in projects.list(ProjectQuery(offset=1, limit=1))] == ["B-1"]
    row = projects.list(ProjectQuery(search="肉牛"))[0]
    assert (row.division_name, row.total_funds, row.stage, row.beneficiary_count) == (
        "东营子村",
        670_000,
        "",
        0,
    )


# -- beneficiaries --------------------------------------------------------------------------------


def test_beneficiaries_added_tombstoned_and_counted(
    station: Station, projects: ProjectService, village: str
) -> None:
    project_id = projects.create(_input(village)).id
    mongol = _household(station, village, "02", "宝斯鲁")
    manchu = _household(station, village, "03", "关玉")
    han = _household(station, village, "01", "李强")
    counts = projects.set_beneficiaries(project_id, [mongol, han, manchu, han], user="cadre")
    assert (counts.total, counts.minority) == (3, 2)
    record = projects.get(project_id)
    assert set(record.beneficiary_ids) == {mongol, manchu, han}
    assert record.beneficiaries == counts
    assert projects.list()[0].beneficiary_count == 3

    assert [r.id for r in projects.for_household(manchu)] == [project_id]

    projects.set_beneficiaries(project_id, [mongol, han])
    assert projects.beneficiary_counts(project_id).minority == 1
    assert projects.for_household(manchu) == []
    with station.db.reader() as session:
        rows = {r.household_id: r for r in session.scalars(select(ProjectBeneficiary))}
        session.expunge_all()
    assert len(rows) == 3 and rows[manchu].deleted and not rows[mongol].deleted

    projects.set_beneficiaries(project_id, [mongol, han, manchu])  # re-adding restores the link row
    with station.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(ProjectBeneficiary)) == 3
        restored = session.get(ProjectBeneficiary, rows[manchu].id)
        assert restored is not None and not restored.deleted
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.record_id == rows[manchu].id).order_by(AuditEntry.id)
        ).all()
    assert actions == ["create", "delete", "restore"]
    assert projects.set_beneficiaries(project_id, []).total == 0


def test_unknown_or_deleted_beneficiaries_refused(
    station: Station, projects: ProjectService, village: str
) -> None:
    project_id = projects.create(_input(village)).id
    good = _household(station, village, "02")
    gone = _household(station, village, "02")
    with station.db.session() as session:
        session.get(Household, gone).deleted = True  # type: ignore[union-attr]
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        projects.set_beneficiaries(project_id, [good, gone, "b" * 32])
    assert refused.value.issues[0].params["household_ids"] == [gone, "b" * 32]
    assert "2 户" in refused.value.message
    assert _counts(station) == before


# -- stage workflow -------------------------------------------------------------------------------


def test_stages_follow_the_order_one_by_one(station: Station, projects: ProjectService, village: str) -> None:
    order = stage_order()
    names = [code_lists().project_stage.name(c) for c in order]
    assert names == ["申报", "评审", "审核", "公示", "验收"]
    project_id = projects.create(_input(village)).id
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        projects.advance_stage(project_id, StageInput(order[1], TODAY))
    assert "申报" in refused.value.message and "评审" in refused.value.message
    assert _counts(station) == before

    start = TODAY - dt.timedelta(days=40)
    for index, stage in enumerate(order):
        projects.advance_stage(
            project_id, StageInput(stage, start + dt.timedelta(days=index * 7), f"经办人{index}", "同意")
        )
    record = projects.get(project_id)
    assert record.stage == order[-1]
    assert [(e.stage, e.action) for e in record.stages] == [(s, "advance") for s in order]
    assert [e.stage_name for e in record.stages] == names
    assert record.stages[2].person == "经办人2" and record.stages[2].opinion == "同意"

    with pytest.raises(ValidationError) as refused:
        projects.advance_stage(project_id, StageInput(order[0], TODAY))
    assert refused.value.issues[0].code == "stage.finished" and "验收" in refused.value.message


def test_skipping_a_stage_names_current_and_expected(projects: ProjectService, village: str) -> None:
    order = stage_order()
    project_id = projects.create(_input(village)).id
    projects.advance_stage(project_id, StageInput(order[0], TODAY))
    with pytest.raises(ValidationError) as refused:
        projects.advance_stage(project_id, StageInput(order[2], TODAY))
    message = refused.value.message
    assert "当前阶段为“申报”" in message and "“评审”" in message and "“审核”" in message
    params = refused.value.issues[0].params
    assert (params["expected"], params["given"]) == (order[1], order[2])
    english = messages.describe(refused.value, messages.EN)
    assert english == "stage: The current stage is “申报”, so the next stage can only be “评审”, not “审核”"


def test_stage_dates(station: Station, projects: ProjectService, village: str) -> None:
    order = stage_order()
    project_id = projects.create(_input(village)).id
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        projects.advance_stage(project_id, StageInput(order[0], TODAY + dt.timedelta(days=1)))
    assert refused.value.issues[0].code == "stage.date_future"
    assert _counts(station) == before
    projects.advance_stage(project_id, StageInput(order[0], dt.date(2024, 3, 10)))
    with pytest.raises(ValidationError) as refused:
        projects.advance_stage(project_id, StageInput(order[1], dt.date(2024, 3, 9)))
    assert "2024-03-10" in refused.value.message and "申报" in refused.value.message
    with pytest.raises(ValidationError):
        projects.return_stage(project_id, order[0], dt.date(2024, 3, 1))
    projects.advance_stage(project_id, StageInput(order[1], dt.date(2024, 3, 10)))  # same day is fine


def test_return_is_a_new_entry_and_history_survives(
    station: Station, projects: ProjectService, village: str
) -> None:
    order = stage_order()
    project_id = projects.create(_input(village)).id
    for stage in order[:3]:
        projects.advance_stage(project_id, StageInput(stage, TODAY, "乡干部"))
    ids_before = [e.id for e in projects.get(project_id).stages]
    result = projects.return_stage(project_id, order[1], TODAY, "县民委", "资金测算需重做", user="county")
    record = projects.get(project_id)
    assert record.stage == order[1]
    assert [e.id for e in record.stages][:3] == ids_before
    last = record.stages[-1]
    assert (last.id, last.stage, last.action, last.person, last.opinion) == (
        result.id,
        order[1],
        "return",
        "县民委",
        "资金测算需重做",
    )
    with station.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(ProjectStageEntry)) == 4
        stage_audit = session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == project_id, AuditEntry.user == "county")
        ).one()
        session.expunge_all()
    assert stage_audit.details == {"changed": {"stage": [order[2], order[1]]}}

    projects.advance_stage(project_id, StageInput(order[2], TODAY))  # next after the returned-to stage
    assert projects.get(project_id).stage == order[2]


def test_return_refusals(station: Station, projects: ProjectService, village: str) -> None:
    order = stage_order()
    project_id = projects.create(_input(village)).id
    with pytest.raises(ValidationError) as refused:
        projects.return_stage(project_id, order[0], TODAY)
    assert refused.value.issues[0].code == "stage.nothing_to_return"
    projects.advance_stage(project_id, StageInput(order[0], TODAY))
    projects.advance_stage(project_id, StageInput(order[1], TODAY))
    before = _counts(station)
    for target in (order[1], order[3], "99"):
        with pytest.raises(ValidationError) as refused:
            projects.return_stage(project_id, target, TODAY)
    assert refused.value.issues[0].code == "stage.unknown"
    with pytest.raises(ValidationError) as refused:
        projects.return_stage(project_id, order[3], TODAY)
    assert "当前阶段为“评审”" in refused.value.message and "公示" in refused.value.message
    assert _counts(station) == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.one_of(st.just(("advance", 0)), st.tuples(st.just("return"), st.integers(0, 4))),
        max_size=12,
    )
)
def test_any_sequence_keeps_history_append_only(station: Station, steps: list[tuple[str, int]]) -> None:
    projects = ProjectService(station.db)
    order = stage_order()
    project_id = projects.create(_input(TOWNSHIP, code=uuid.uuid4().hex[:12])).id
    model_stage = -1  # index into order; -1 before 申报
    history: list[tuple[str, str, str]] = []  # (id, stage, action)
    for action, target in steps:
        try:
            if action == "advance":
                wanted = order[min(model_stage + 1, len(order) - 1)]
                projects.advance_stage(project_id, StageInput(wanted, TODAY))
            else:
                projects.return_stage(project_id, order[target], TODAY)
        except ValidationError:
            ok = False
        else:
            ok = True
        if action == "advance":
            assert ok == (model_stage + 1 < len(order))
            model_stage += 1 if ok else 0
        else:
            assert ok == (0 <= target < model_stage)
            model_stage = target if ok else model_stage
        record = projects.get(project_id)
        entries = [(e.id, e.stage, e.action) for e in record.stages]
        assert entries[: len(history)] == history  # nothing erased or rewritten
        assert len(entries) == len(history) + (1 if ok else 0)
        history = entries
        if ok:
            assert entries[-1][2] == action
        assert record.stage == (entries[-1][1] if entries else "")
        assert record.stage == (order[model_stage] if model_stage >= 0 else "")


# -- what the project editor and list page use ------------------------------------------------------


def test_save_writes_project_and_beneficiaries_together(
    station: Station, projects: ProjectService, village: str
) -> None:
    mongol = _household(station, village, "02", "宝斯鲁")
    han = _household(station, village, "01", "李强")
    unknown_ethnicity = _household(station, village, "", "王五")
    result = projects.save(None, _input(village), [mongol, han, unknown_ethnicity, mongol], user="cadre")
    record = projects.get(result.id)
    assert set(record.beneficiary_ids) == {mongol, han, unknown_ethnicity}
    assert (record.beneficiaries.total, record.beneficiaries.minority) == (3, 1)

    projects.save(result.id, _input(village, name="肉牛养殖小区二期"), [han])
    record = projects.get(result.id)
    assert record.name == "肉牛养殖小区二期" and record.beneficiary_ids == (han,)
    # None leaves the beneficiary list alone.
    projects.save(result.id, _input(village, name="肉牛养殖小区三期"))
    assert projects.get(result.id).beneficiary_ids == (han,)


def test_save_refused_for_an_unknown_household_writes_nothing(
    station: Station, projects: ProjectService, village: str
) -> None:
    good = _household(station, village, "02")
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        projects.save(None, _input(village), [good, "c" * 32])
    assert refused.value.issues[0].code == "project.beneficiary_unknown"
    assert "1 户" in refused.value.message
    assert _counts(station) == before


def test_validate_reports_without_writing(station: Station, projects: ProjectService, village: str) -> None:
    before = _counts(station)
    issues = projects.validate(
        _input(village, code="", fund_provincial=0, fund_local=0, fund_integrated=0, fund_self=0)
    )
    assert [(i.code, i.is_error) for i in issues] == [
        ("project.code_missing", True),
        ("project.no_funds", False),
    ]
    assert [i.code for i in projects.validate(_input(village), beneficiary_ids=["d" * 32])] == [
        "project.beneficiary_unknown"
    ]
    assert _counts(station) == before


def test_counts_for_a_list_not_saved_yet(station: Station, projects: ProjectService, village: str) -> None:
    ids = [_household(station, village, code) for code in ("02", "03", "01", "", "02")]
    with station.db.session() as session:
        session.get(Household, ids[4]).deleted = True  # type: ignore[union-attr]
    counts = projects.counts_for([*ids, ids[0], "e" * 32])
    assert (counts.total, counts.minority) == (4, 2)
    assert projects.counts_for([]) == projects.counts_for(())


def test_ids_rows_totals_and_years(station: Station, projects: ProjectService, village: str) -> None:
    first = projects.create(_input(village, code="A-1", year=2023, fund_provincial=356_800, fund_self=0)).id
    second = projects.create(_input(TOWNSHIP, code="A-2", fund_local=1)).id
    third = projects.create(_input(OTHER_TOWNSHIP, code="B-1", name="养羊合作社")).id
    projects.set_beneficiaries(
        first, [_household(station, village, "02"), _household(station, village, "01")]
    )
    ids = projects.ids()
    assert ids == [r.id for r in projects.list()] == [second, third, first]
    assert projects.ids(ProjectQuery(search="养羊")) == [third]
    rows = projects.rows([first, "f" * 32, second])
    assert [r.id for r in rows] == [first, second]
    assert (rows[0].beneficiary_count, rows[0].minority_count, rows[0].total_funds) == (2, 1, 506_800)
    projects.delete(third)
    assert [r.id for r in projects.rows(ids)] == [second, first]

    totals = projects.totals()
    assert totals.count == 2 and totals.beneficiaries == 2
    assert (totals.fund_provincial, totals.fund_local, totals.fund_integrated, totals.fund_self) == (
        856_800,
        100_001,
        100_000,
        20_000,
    )
    assert totals.total_funds == 1_076_801
    assert projects.totals(ProjectQuery(year=2023)).total_funds == 506_800
    assert projects.totals(ProjectQuery(search="nothing")) == type(totals)(0, 0, 0, 0, 0, 0)
    assert projects.years() == [2024, 2023]
