"""The 考核 grid: indicators scored from their entries or from a bound figure, cells by county and month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from huimin_desktop.services.assessment import AssessmentGrid
from huimin_desktop.services.bound_figures import FIGURES, monthly_values
from huimin_desktop.services.indicators import IndicatorInput, ProgressInput
from huimin_desktop.services.scoring import Status
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import division_id_for_code
from huimin_desktop.services.trainings import TrainingInput
from tests.stations import new_station

YEAR = dt.date.today().year - 1  # a finished year: every milestone is due
BEIPIAO = division_id_for_code("211381")
KAZUO = division_id_for_code("211324")
MAYOUYING = division_id_for_code("211381204000")  # a township of 北票市
TODAY = dt.date(YEAR + 1, 1, 15)


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Station]:
    opened = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    try:
        yield opened
    finally:
        opened.close()


def _indicator(city: Station, county: str, code: str, **fields: object) -> str:
    values: dict[str, object] = {
        "division_id": county,
        "year": YEAR,
        "code": code,
        "name": f"指标{code}",
        "target_value": 100.0,
        "max_score": 10.0,
        "milestones": ((3, 30.0, ""), (6, 60.0, ""), (9, 100.0, "")),
    }
    values.update(fields)
    return city.indicators.create(IndicatorInput(**values)).id  # type: ignore[arg-type]


def _report(city: Station, indicator_id: str, day: dt.date, value: float, month: int | None = None) -> None:
    city.indicators.add_progress(indicator_id, ProgressInput(day, value, "", "", month))


def _statuses(grid: AssessmentGrid, county: str) -> list[Status | None]:
    row = grid.county(county)
    assert row is not None
    return [cell.status for cell in row.cells]


def test_the_grid_scores_each_county_and_colours_its_months(city: Station) -> None:
    on_time = _indicator(city, BEIPIAO, "1", scoring_method="milestone_deduction", deduction=2.0)
    _report(city, on_time, dt.date(YEAR, 3, 31), 30.0)
    _report(city, on_time, dt.date(YEAR, 6, 30), 65.0)
    _report(city, on_time, dt.date(YEAR, 9, 29), 100.0)
    late = _indicator(city, BEIPIAO, "2")  # proportional
    _report(city, late, dt.date(YEAR, 3, 30), 31.0)
    _report(city, late, dt.date(YEAR, 7, 3), 60.0, month=6)  # June's figure, reported in July: late
    _report(city, late, dt.date(YEAR, 9, 30), 80.0)  # September missed
    grid = city.assessment.grid(YEAR, today=TODAY)
    assert [c.name for c in grid.counties] == ["北票市"]
    assert _statuses(grid, BEIPIAO) == [
        None,
        None,
        Status.ON_TIME,
        None,
        None,
        Status.LATE,
        None,
        None,
        Status.MISSED,
        None,
        None,
        None,
    ]
    row = grid.county(BEIPIAO)
    assert row is not None
    june = row.cells[5]
    assert june.counts == {Status.ON_TIME: 1, Status.LATE: 1} and june.total == 2
    scores = {i.code: i.score.points for i in row.indicators}
    assert scores == {"1": 10.0, "2": 8.0}
    assert (row.points, row.max_score) == (18.0, 20.0)
    assert row.indicators[1].latest_value == 80.0


def test_a_county_filter_and_the_order_by_division_code(city: Station) -> None:
    _indicator(city, BEIPIAO, "1")
    _indicator(city, KAZUO, "1")
    grid = city.assessment.grid(YEAR, today=TODAY)
    assert [c.name for c in grid.counties] == ["喀喇沁左翼蒙古族自治县", "北票市"]
    only = city.assessment.grid(YEAR, today=TODAY, division_id=KAZUO)
    assert [c.division_id for c in only.counties] == [KAZUO]
    assert city.assessment.years() == [YEAR]


def test_pending_months_before_the_assessment_day(city: Station) -> None:
    indicator = _indicator(city, BEIPIAO, "1")
    _report(city, indicator, dt.date(YEAR, 3, 1), 40.0)
    grid = city.assessment.grid(YEAR, today=dt.date(YEAR, 5, 10))
    assert _statuses(grid, BEIPIAO)[2:9:3] == [Status.ON_TIME, Status.PENDING, Status.PENDING]
    row = grid.county(BEIPIAO)
    assert row is not None and not row.indicators[0].score.final


def _training(city: Station, day: dt.date, extra: int) -> None:
    city.trainings.create(
        TrainingInput(date=day, division_id=MAYOUYING, topic="设施农业", extra_attendees=extra)
    )


def test_a_bound_indicator_fills_itself_from_the_trainings(city: Station) -> None:
    _training(city, dt.date(YEAR, 2, 10), 20)
    _training(city, dt.date(YEAR, 5, 5), 25)
    _training(city, dt.date(YEAR, 8, 1), 40)
    _training(city, dt.date(YEAR - 1, 8, 1), 500)  # another year
    bound = _indicator(
        city,
        BEIPIAO,
        "1",
        figure="people_trained",
        unit="人次",
        scoring_method="milestone_deduction",
        deduction=3.0,
        milestones=((3, 20.0, ""), (6, 50.0, ""), (9, 80.0, "")),
    )
    grid = city.assessment.grid(YEAR, today=TODAY)
    row = grid.county(BEIPIAO)
    assert row is not None
    (scored,) = row.indicators
    assert scored.id == bound and scored.figure == "people_trained"
    assert scored.latest_value == 85.0
    # 20 by March on time; 45 < 50 in June, 85 by August end: late; 85 ≥ 80 by September
    assert [m.status for m in scored.score.milestones] == [Status.ON_TIME, Status.LATE, Status.ON_TIME]
    assert scored.score.points == 7.0


def test_monthly_values_against_plain_sql(city: Station) -> None:
    """Each figure per county and month, from the demo data, equals an independent count."""
    city.generate_demo(400, seed=5)
    year = 2026  # the demo's last program year
    with city.db.reader() as session:
        trained = monthly_values(session, "people_trained", year)
        surveys = monthly_values(session, "surveys_done", year)
        expected_trained = dict(
            session.execute(
                text(
                    "SELECT c.id, sum(t.extra_attendees + (SELECT count(*) FROM training_attendee a "
                    " WHERE a.training_id = t.id AND a.deleted = 0)) "
                    "FROM training t JOIN division tw ON tw.id = t.division_id "
                    "JOIN division c ON c.id = tw.parent_id "
                    "WHERE t.deleted = 0 AND t.date BETWEEN :a AND :b GROUP BY c.id"
                ),
                {"a": f"{year}-01-01", "b": f"{year}-12-31"},
            ).all()
        )
        expected_surveys = dict(
            session.execute(
                text(
                    "SELECT c.id, count(DISTINCT h.id) FROM survey s "
                    "JOIN household h ON h.id = s.household_id "
                    "JOIN division v ON v.id = h.division_id JOIN division tw ON tw.id = v.parent_id "
                    "JOIN division c ON c.id = tw.parent_id "
                    "WHERE s.year = :y AND s.deleted = 0 AND h.deleted = 0 GROUP BY c.id"
                ),
                {"y": year},
            ).all()
        )
        june_surveys = dict(
            session.execute(
                text(
                    "SELECT c.id, count(DISTINCT h.id) FROM survey s "
                    "JOIN household h ON h.id = s.household_id "
                    "JOIN division v ON v.id = h.division_id JOIN division tw ON tw.id = v.parent_id "
                    "JOIN division c ON c.id = tw.parent_id "
                    "WHERE s.year = :y AND s.deleted = 0 AND s.survey_date <= :d GROUP BY c.id"
                ),
                {"y": year, "d": f"{year}-06-30"},
            ).all()
        )
    assert expected_surveys and {k: v[12] for k, v in surveys.items()} == expected_surveys
    assert {k: v[6] for k, v in surveys.items() if v[6]} == june_surveys
    assert {k: v[12] for k, v in trained.items()} == {k: float(v) for k, v in expected_trained.items()}
    assert set(FIGURES) == {
        "households_covered",
        "surveys_done",
        "projects_accepted",
        "people_trained",
        "income_increase",
        "funds_spent",
    }
    for figure in FIGURES:  # every figure's query runs on real data
        with city.db.reader() as session:
            assert isinstance(monthly_values(session, figure, year), dict)


def test_the_demo_scores_its_counties(city: Station) -> None:
    city.generate_demo(300, seed=3)
    grid = city.assessment.grid(2026, today=dt.date(2026, 12, 1))
    assert len(grid.counties) == 4
    statuses = {cell.status for county in grid.counties for cell in county.cells}
    assert {Status.ON_TIME, Status.LATE} <= statuses
    for county in grid.counties:
        assert county.max_score == 100.0 and 0 < county.points <= 100.0
        assert len(county.indicators) == 8
        assert sum(1 for i in county.indicators if i.figure) == 4
