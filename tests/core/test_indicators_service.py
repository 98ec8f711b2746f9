"""Indicator use cases: county-only, milestones diffed by month, progress entries, tombstones."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from huimin_desktop.errors import NotFoundError, ValidationError
from huimin_desktop.messages import EN, ZH, set_language
from huimin_desktop.model import AuditEntry, Division, Indicator, IndicatorMilestone, IndicatorProgress
from huimin_desktop.services.indicators import IndicatorInput, IndicatorService, ProgressInput
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import division_id_for_code
from tests.conftest import TOWNSHIP_CODE
from tests.core.test_cli_language import CJK
from tests.stations import new_station

COUNTY = division_id_for_code("211381")  # 北票市
OTHER_COUNTY = division_id_for_code("211324")  # 喀左
TOWNSHIP = division_id_for_code(TOWNSHIP_CODE)
CITY = division_id_for_code("211300")
YEAR = dt.date.today().year


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    """The city defines indicators: these tests run at a city station."""
    opened = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def indicators(station: Station) -> IndicatorService:
    return IndicatorService(station.db)


def _input(**changes: object) -> IndicatorInput:
    data = IndicatorInput(
        division_id=COUNTY,
        year=YEAR,
        code="1.2",
        name="户均增收",
        target="项目村户均年增收 1000 元以上",
        target_value=1000.0,
        unit="元",
        scoring_rule="完成得满分，每少 100 元扣 1 分",
        max_score=10.0,
        responsible_person="李主任",
        lead_unit="北票市民族宗教事务局",
        deadline=dt.date(YEAR, 12, 31),
        evidence="入户调查表、收入台账",
        milestones=((6, 400.0, "半年过四成"), (3, 200.0, "一季度"), (12, 1000.0, "全年完成")),
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def _counts(station: Station) -> tuple[int, ...]:
    with station.db.reader() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Indicator, IndicatorMilestone, IndicatorProgress, AuditEntry)
        )


def _milestones(station: Station, indicator_id: str) -> dict[int, list[IndicatorMilestone]]:
    found: dict[int, list[IndicatorMilestone]] = {}
    with station.db.reader() as session:
        for row in session.scalars(
            select(IndicatorMilestone).where(IndicatorMilestone.indicator_id == indicator_id)
        ):
            found.setdefault(row.month, []).append(row)
        session.expunge_all()
    return found


def test_create_and_get(station: Station, indicators: IndicatorService) -> None:
    result = indicators.create(_input(), user="county")
    assert result.warnings == ()
    record = indicators.get(result.id)
    assert (record.name, record.target_value, record.unit, record.max_score) == (
        "户均增收",
        1000.0,
        "元",
        10.0,
    )
    assert [(m.month, m.planned_value, m.description) for m in record.milestones] == [
        (3, 200.0, "一季度"),
        (6, 400.0, "半年过四成"),
        (12, 1000.0, "全年完成"),
    ]
    assert record.progress == () and record.latest_value is None
    with station.db.reader() as session:
        tables = session.scalars(select(AuditEntry.table_name).where(AuditEntry.user == "county")).all()
    assert sorted(tables) == ["indicator"] + ["indicator_milestone"] * 3


@pytest.mark.parametrize(
    ("changes", "issue"),
    [
        ({"division_id": TOWNSHIP}, "indicator.division_not_county"),
        ({"division_id": CITY}, "indicator.division_not_county"),
        ({"division_id": "a" * 32}, "indicator.division_unknown"),
        ({"name": ""}, "indicator.name_missing"),
        ({"year": 1999}, "indicator.year"),
        ({"max_score": -1.0}, "indicator.max_score_negative"),
        ({"milestones": ((13, 1.0, ""),)}, "milestone.month"),
        ({"milestones": ((0, 1.0, ""),)}, "milestone.month"),
        ({"milestones": ((5, 1.0, "a"), (5, 2.0, "b"))}, "milestone.month_repeated"),
        ({"scoring_method": "by_feel"}, "indicator.method_unknown"),
        ({"scoring_method": "shortfall_deduction", "deduction": 1.0}, "indicator.step_missing"),
        ({"deduction": -2.0}, "indicator.deduction_negative"),
        ({"grace_days": 40}, "indicator.grace_days"),
        ({"figure": "happiness"}, "indicator.figure_unknown"),
    ],
)
def test_invalid_input_writes_nothing(
    station: Station, indicators: IndicatorService, changes: dict, issue: str
) -> None:
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        indicators.create(_input(**changes))
    assert [i.code for i in refused.value.issues] == [issue]
    assert _counts(station) == before


def test_township_refusal_says_why(indicators: IndicatorService) -> None:
    with pytest.raises(ValidationError) as refused:
        indicators.create(_input(division_id=TOWNSHIP))
    assert "马友营蒙古族乡" in refused.value.message and "县" in refused.value.message


def test_code_unique_per_county_and_year(station: Station, indicators: IndicatorService) -> None:
    indicators.create(_input())
    with pytest.raises(ValidationError) as refused:
        indicators.create(_input(name="另一个"))
    assert "户均增收" in refused.value.message
    indicators.create(_input(division_id=OTHER_COUNTY))
    indicators.create(_input(year=YEAR - 1, deadline=dt.date(YEAR - 1, 12, 31)))


def test_deadline_outside_the_year_warns(indicators: IndicatorService) -> None:
    result = indicators.create(_input(deadline=dt.date(YEAR + 1, 3, 31)))
    assert [w.code for w in result.warnings] == ["indicator.deadline_other_year"]


def test_update_diffs_milestones_by_month(station: Station, indicators: IndicatorService) -> None:
    indicator_id = indicators.create(_input()).id
    before = {m: rows[0] for m, rows in _milestones(station, indicator_id).items()}
    indicators.update(
        indicator_id,
        _input(milestones=((3, 200.0, "一季度"), (6, 500.0, "半年过半"), (9, 800.0, "三季度"))),
        user="county",
    )
    after = _milestones(station, indicator_id)
    assert sorted(after) == [3, 6, 9, 12] and all(len(rows) == 1 for rows in after.values())
    march, june, sept, dec = after[3][0], after[6][0], after[9][0], after[12][0]
    assert march.id == before[3].id and march.stamp == before[3].stamp and march.field_stamps is None
    assert june.id == before[6].id and june.planned_value == 500.0
    assert june.field_stamps == {"planned_value": june.stamp, "description": june.stamp}
    assert dec.deleted and dec.field_stamps == {"deleted": dec.stamp}
    assert not sept.deleted and sept.created_stamp == june.stamp
    indicator = _counts(station)
    record = indicators.get(indicator_id)
    assert [m.month for m in record.milestones] == [3, 6, 9]
    # Saving the same input again changes nothing at all.
    indicators.update(
        indicator_id, _input(milestones=((3, 200.0, "一季度"), (6, 500.0, "半年过半"), (9, 800.0, "三季度")))
    )
    assert _counts(station) == indicator
    # A month dropped and then planned again gets a fresh row; the tombstone stays.
    indicators.update(indicator_id, _input())
    assert len(_milestones(station, indicator_id)[12]) == 2


def test_progress_and_latest_value(station: Station, indicators: IndicatorService) -> None:
    indicator_id = indicators.create(_input(year=YEAR - 1, deadline=None)).id
    indicators.add_progress(indicator_id, ProgressInput(dt.date(YEAR - 1, 3, 31), 210.0, "一季度", "王会计"))
    later = indicators.add_progress(indicator_id, ProgressInput(dt.date(YEAR - 1, 6, 30), 480.0)).id
    indicators.add_progress(indicator_id, ProgressInput(dt.date(YEAR - 1, 7, 15), None, "已组织入户核查"))
    record = indicators.get(indicator_id)
    assert [p.value for p in record.progress] == [210.0, 480.0, None]
    assert record.progress[0].reporter == "王会计"
    assert record.latest_value == 480.0
    assert indicators.list()[0].latest_value == 480.0

    indicators.delete_progress(later, user="county")
    with station.db.reader() as session:
        row = session.get(IndicatorProgress, later)
        assert row is not None and row.deleted
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.record_id == later)).all() == [
            "create",
            "delete",
        ]
    assert indicators.get(indicator_id).latest_value == 210.0
    with pytest.raises(NotFoundError):
        indicators.delete_progress(later)


def test_progress_refusals_and_warnings(station: Station, indicators: IndicatorService) -> None:
    indicator_id = indicators.create(_input()).id
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        indicators.add_progress(indicator_id, ProgressInput(dt.date.today() + dt.timedelta(days=1), 1.0))
    assert refused.value.issues[0].code == "progress.date_future"
    with pytest.raises(ValidationError) as refused:
        indicators.add_progress(indicator_id, ProgressInput(dt.date.today(), None, "  "))
    assert refused.value.issues[0].code == "progress.empty"
    with pytest.raises(NotFoundError):
        indicators.add_progress("b" * 32, ProgressInput(dt.date.today(), 1.0))
    assert _counts(station) == before
    result = indicators.add_progress(indicator_id, ProgressInput(dt.date(YEAR - 1, 12, 20), 5.0))
    assert [w.code for w in result.warnings] == ["progress.date_other_year"]


def test_delete_tombstones_the_indicator_and_its_milestones(
    station: Station, indicators: IndicatorService
) -> None:
    indicator_id = indicators.create(_input()).id
    before = _counts(station)
    indicators.delete(indicator_id, user="county")
    with station.db.reader() as session:
        assert session.get(Indicator, indicator_id).deleted  # type: ignore[union-attr]
        rows = session.scalars(
            select(IndicatorMilestone).where(IndicatorMilestone.indicator_id == indicator_id)
        )
        assert all(r.deleted for r in rows.all())
    assert _counts(station)[:3] == before[:3]
    assert _counts(station)[3] == before[3] + 4  # one delete line per tombstoned row
    with pytest.raises(NotFoundError):
        indicators.get(indicator_id)
    assert indicators.list() == []


def test_an_indicator_with_progress_is_refused_not_deleted(
    station: Station, indicators: IndicatorService
) -> None:
    """The counties' reports are theirs: a city tombstone would take them off the county's station."""
    indicator_id = indicators.create(_input()).id
    indicators.add_progress(indicator_id, ProgressInput(dt.date.today(), 100.0))
    assert indicators.progress_count(indicator_id) == 1
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        indicators.delete(indicator_id)
    issue = refused.value.issues[0]
    assert issue.code == "indicator.has_progress" and issue.params["count"] == 1
    assert "1 条进度记录" in issue.message and "不能删除" in issue.message
    assert _counts(station) == before
    assert indicators.get(indicator_id).name == "户均增收"


def test_list_filters(indicators: IndicatorService) -> None:
    indicators.create(_input(code="2", name="培训人次"))
    indicators.create(_input(code="1", name="户均增收"))
    indicators.create(_input(division_id=OTHER_COUNTY, code="1", name="项目完工率"))
    indicators.create(_input(year=YEAR - 1, code="1", name="去年指标", deadline=None))
    rows = indicators.list(year=YEAR)
    # by county code (北票市 211381 after 喀左 211324), then code
    assert [r.name for r in rows] == ["项目完工率", "户均增收", "培训人次"]
    assert rows[0].division_name == "喀喇沁左翼蒙古族自治县"
    assert [r.name for r in indicators.list(year=YEAR, division_id=COUNTY)] == ["户均增收", "培训人次"]
    assert [r.name for r in indicators.list(division_id=COUNTY)] == ["去年指标", "户均增收", "培训人次"]


def test_scoring_fields_and_progress_month_are_kept(indicators: IndicatorService) -> None:
    indicator_id = indicators.create(
        _input(scoring_method="shortfall_deduction", deduction=1.0, deduction_step=100.0, grace_days=5)
    ).id
    entry = ProgressInput(dt.date(YEAR, 4, 2), 300.0, "三月数据", month=3)
    indicators.add_progress(indicator_id, entry)
    record = indicators.get(indicator_id)
    assert (record.scoring_method, record.deduction, record.deduction_step, record.grace_days) == (
        "shortfall_deduction",
        1.0,
        100.0,
        5,
    )
    assert [(p.date, p.month) for p in record.progress] == [(dt.date(YEAR, 4, 2), 3)]


def test_a_bound_indicator_takes_no_entries(station: Station, indicators: IndicatorService) -> None:
    indicator_id = indicators.create(_input(figure="people_trained", unit="人次")).id
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        indicators.add_progress(indicator_id, ProgressInput(dt.date.today(), 10.0))
    assert refused.value.issues[0].code == "progress.bound" and "培训人次" in refused.value.message
    assert _counts(station) == before


def test_only_the_city_defines_indicators(tmp_path: Path) -> None:
    with new_station(
        tmp_path / "t", level="township", name="马友营蒙古族乡", division_code=TOWNSHIP_CODE
    ) as township:
        before = _counts(township)
        with pytest.raises(ValidationError) as refused:
            township.indicators.create(_input())
        assert refused.value.issues[0].code == "indicator.city_only"
        assert _counts(township) == before


def test_a_township_reports_on_its_own_county_only(tmp_path: Path) -> None:
    """Indicators arrive at a township by the return package; here written as that merge would."""
    with new_station(
        tmp_path / "t", level="township", name="马友营蒙古族乡", division_code=TOWNSHIP_CODE
    ) as township:
        with township.db.session() as session:
            mine = Indicator(division_id=COUNTY, year=YEAR, name="户均增收")
            other = Indicator(division_id=OTHER_COUNTY, year=YEAR, name="喀左的指标")
            session.add_all([mine, other])
            session.flush()
            mine_id, other_id = mine.id, other.id
        township.indicators.add_progress(mine_id, ProgressInput(dt.date.today(), 5.0))
        before = _counts(township)
        with pytest.raises(ValidationError) as refused:
            township.indicators.add_progress(other_id, ProgressInput(dt.date.today(), 5.0))
        assert refused.value.issues[0].code == "progress.other_county"
        assert "喀喇沁左翼" in refused.value.message
        assert _counts(township) == before


def test_one_plan_for_every_county_in_one_transaction(station: Station, indicators: IndicatorService) -> None:
    counties = indicators.create_for_counties(_input(code="9"))
    with station.db.reader() as session:
        rows = session.execute(
            select(Division.id, Division.code).where(Division.level == "county", Division.deleted.is_(False))
        ).all()
    expected = [i for i, code in rows if code.startswith("2113")]  # 朝阳市's counties, not others
    listed = indicators.list(YEAR)
    assert sorted(r.division_id for r in listed) == sorted(expected)
    assert sorted(r.id for r in listed) == sorted(counties)
    assert len(expected) >= 2 and COUNTY in expected and OTHER_COUNTY in expected
    assert {len(indicators.get(i).milestones) for i in counties} == {3}
    # one county already has code 8: the whole plan is refused and the county named
    indicators.create(_input(code="8"))
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        indicators.create_for_counties(_input(code="8"))
    assert [i.code for i in refused.value.issues] == ["indicator.code_taken"]
    assert refused.value.issues[0].message.startswith("北票市：")
    assert _counts(station) == before


def test_copy_last_years_indicators(station: Station, indicators: IndicatorService) -> None:
    last = indicators.create(_input(year=YEAR - 1, deadline=dt.date(YEAR - 1, 12, 31))).id
    indicators.create(_input(year=YEAR - 1, code="2", name="已有的", deadline=None))
    indicators.create(_input(code="2", name="今年已有"))  # the new year has code 2 already
    indicators.add_progress(last, ProgressInput(dt.date(YEAR - 1, 6, 1), 300.0))
    summary = indicators.copy_year(YEAR - 1, YEAR)
    assert len(summary.copied) == 1 and len(summary.skipped) == 1 and "“2”" in summary.skipped[0]
    assert summary.skipped[0].startswith("2：")  # the code, then why, in the current language
    set_language(EN)
    try:
        again = indicators.copy_year(YEAR - 1, YEAR)
    finally:
        set_language(ZH)
    (skipped,) = [line for line in again.skipped if line.startswith("2: ")]
    assert not CJK.search(re.sub(r"“[^”]*”", "", skipped)), skipped
    copy = indicators.get(summary.copied[0])
    assert (copy.year, copy.code, copy.name, copy.deadline) == (
        YEAR,
        "1.2",
        "户均增收",
        dt.date(YEAR, 12, 31),
    )
    assert [(m.month, m.planned_value) for m in copy.milestones] == [(3, 200.0), (6, 400.0), (12, 1000.0)]
    assert copy.progress == ()
    assert indicators.get(last).year == YEAR - 1  # the source stays
    with pytest.raises(ValidationError):
        indicators.copy_year(YEAR, YEAR)


def test_defining_indicators_needs_a_reviewer_of_the_city(tmp_path: Path) -> None:
    from huimin_desktop.errors import PermissionDeniedError
    from tests.stations import open_station

    folder = tmp_path / "city"
    with new_station(folder, level="city", name="朝阳市民委", division_code="211300") as admin:
        admin.users.create("clerk", "", "entry", password="clerk-pass-1")
        admin.users.create("chief", "", "reviewer", password="chief-pass-1")
        kept = admin.indicators.create(_input()).id
    with open_station(folder, user="clerk", password="clerk-pass-1") as clerk:
        before = _counts(clerk)
        for attempt in (
            lambda: clerk.indicators.create(_input(code="x")),
            lambda: clerk.indicators.update(kept, _input(name="改名")),
            lambda: clerk.indicators.delete(kept),
            lambda: clerk.indicators.copy_year(YEAR, YEAR + 1),
        ):
            with pytest.raises(PermissionDeniedError):
                attempt()
        assert _counts(clerk) == before
        assert [r.name for r in clerk.indicators.list()] == ["户均增收"]  # reading is open to all
    with open_station(folder, user="chief", password="chief-pass-1") as chief:
        chief.indicators.update(kept, _input(name="户均增收（修订）"), user="chief")
        with chief.db.reader() as session:
            actions = session.scalars(
                select(AuditEntry.action).where(AuditEntry.record_id == kept, AuditEntry.user == "chief")
            ).all()
        assert actions == ["update"]
