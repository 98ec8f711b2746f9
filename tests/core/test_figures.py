"""services/figures.py against the same figures computed here in plain Python over the raw rows.

One demo city (with a few hand-made awkward rows: a deleted household that had surveys and benefited
from a project, two live surveys of one household and year as two stations leave them before a sync, a
project of this year taken to 验收, a training with listed and unlisted people) is read with plain
SELECTs; every figure the service gives for the city, a county and a township is recomputed from
those rows and compared.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from huimin_desktop.services.figures import Figures, Funds, ProgramTargets, Tally
from huimin_desktop.services.indicators import IndicatorInput, ProgressInput
from huimin_desktop.services.projects import ProjectInput, StageInput
from huimin_desktop.services.station import Station
from huimin_desktop.services.trainings import TrainingInput
from tests.stations import new_station

AS_OF = dt.date(2026, 9, 15)
YEARS = (2024, 2025, 2026)


@dataclass
class Rows:
    """The raw tables, as plain tuples."""

    divisions: dict[str, dict[str, Any]]
    households: dict[str, str]  # live household → its division
    surveys: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    beneficiaries: list[tuple[str, str]]  # live (project, household)
    trainings: list[dict[str, Any]]
    attendees: Counter[str]  # live attendee rows per training
    indicators: list[dict[str, Any]]
    milestones: list[dict[str, Any]]
    progress: list[dict[str, Any]]


def _select(station: Station, sql: str) -> list[dict[str, Any]]:
    with station.db.reader() as session:
        return [dict(row._mapping) for row in session.execute(text(sql))]


def read_rows(station: Station) -> Rows:
    live = " WHERE deleted = 0"
    return Rows(
        divisions={
            d["id"]: d
            for d in _select(station, "SELECT id, code, name, level, parent_id FROM division" + live)
        },
        households={
            h["id"]: h["division_id"]
            for h in _select(station, "SELECT id, division_id FROM household" + live)
        },
        surveys=_select(station, "SELECT * FROM survey" + live),
        projects=_select(station, "SELECT * FROM project" + live),
        beneficiaries=[
            (b["project_id"], b["household_id"])
            for b in _select(station, "SELECT project_id, household_id FROM project_beneficiary" + live)
        ],
        trainings=_select(station, "SELECT * FROM training" + live),
        attendees=Counter(
            a["training_id"] for a in _select(station, "SELECT training_id FROM training_attendee" + live)
        ),
        indicators=_select(station, "SELECT * FROM indicator" + live),
        milestones=_select(station, "SELECT * FROM indicator_milestone" + live),
        progress=_select(station, "SELECT * FROM indicator_progress" + live),
    )


def ancestor(rows: Rows, division_id: str, level: str) -> str | None:
    node = rows.divisions.get(division_id)
    while node is not None:
        if node["level"] == level:
            return node["id"]
        node = rows.divisions.get(node["parent_id"]) if node["parent_id"] else None
    return None


def inside(rows: Rows, division_id: str, area_id: str | None) -> bool:
    if area_id is None:
        return True
    node = rows.divisions.get(division_id)
    while node is not None:
        if node["id"] == area_id:
            return True
        node = rows.divisions.get(node["parent_id"]) if node["parent_id"] else None
    return False


def net(survey: dict[str, Any]) -> int:
    return (
        survey["income_wage"]
        + survey["income_business"]
        + survey["income_property"]
        + survey["income_transfer"]
        - survey["expense_business"]
    )


def expected_tally(rows: Rows, year: int, keep: Any) -> Tally:
    """The figures of the households / projects / trainings whose division ``keep`` accepts."""
    households = {h for h, d in rows.households.items() if keep(d)}
    project_year = {p["id"] for p in rows.projects if p["year"] == year}
    covered = {h for p, h in rows.beneficiaries if p in project_year and h in households}
    surveyed = {
        s["household_id"] for s in rows.surveys if s["year"] == year and s["household_id"] in households
    }

    baseline = min(s["year"] for s in rows.surveys)
    chosen: dict[tuple[str, int], dict[str, Any]] = {}
    for s in rows.surveys:  # of two surveys of one household and year, the one changed last
        key = (s["household_id"], s["year"])
        if key not in chosen or (s["stamp"], s["id"]) > (chosen[key]["stamp"], chosen[key]["id"]):
            chosen[key] = s
    increases = []
    for household in households:
        base = chosen.get((household, baseline))
        later = [y for (h, y) in chosen if h == household and baseline < y <= year]
        if base is not None and later:
            increases.append(net(chosen[(household, max(later))]) - net(base))

    projects = [p for p in rows.projects if p["year"] == year and keep(p["division_id"])]

    def funds(selected: list[dict[str, Any]]) -> Funds:
        return Funds(
            *(
                sum(p[f] for p in selected)
                for f in ("fund_provincial", "fund_local", "fund_integrated", "fund_self")
            )
        )

    trainings = [
        t for t in rows.trainings if str(t["date"]).startswith(f"{year}-") and keep(t["division_id"])
    ]
    return Tally(
        households=len(households),
        covered=len(covered),
        surveyed=len(surveyed),
        income_households=len(increases),
        income_increase_total=sum(increases),
        projects=dict(Counter((p["category"], p["stage"] or "") for p in projects)),
        funds_planned=funds(projects),
        funds_spent=funds([p for p in projects if p["stage"] == "5"]),
        trainings=len(trainings),
        trained=sum(t["extra_attendees"] + rows.attendees[t["id"]] for t in trainings),
    )


def missed_in_assessment(station: Station, year: int, area_id: str | None, rows: Rows) -> set[str]:
    """The indicators the 考核 grid shows with a milestone missed (due, not reached) as of AS_OF."""
    from huimin_desktop.services.scoring import Status

    return {
        indicator.id
        for county in station.assessment.grid(year, AS_OF).counties
        if inside(rows, county.division_id, area_id)
        for indicator in county.indicators
        if any(m.status == Status.MISSED for m in indicator.score.milestones)
    }


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Station]:
    station = new_station(
        tmp_path_factory.mktemp("figures") / "city", level="city", name="朝阳市民委", division_code="211300"
    )
    station.generate_demo(900, seed=15)
    _awkward_rows(station)
    try:
        yield station
    finally:
        station.close()


def _awkward_rows(station: Station) -> None:
    """Rows the demo does not make, each a way to count wrongly."""
    rows = read_rows(station)
    village_of = rows.households
    benefited = [h for _p, h in rows.beneficiaries]
    # a deleted household that had surveys and benefited from a project: counted nowhere
    station.households.delete(benefited[0])
    # two live surveys of one household and year (two stations before a sync): the later one counts
    survey = next(s for s in rows.surveys if s["year"] == 2026 and s["household_id"] != benefited[0])
    copy = dict(survey, id="f" * 32, stamp=survey["stamp"] + "z", income_wage=survey["income_wage"] + 5_000)
    columns = ", ".join(copy)
    with station.db.session(capture=False) as session:
        session.execute(
            text(f"INSERT INTO survey ({columns}) VALUES ({', '.join(':' + c for c in copy)})"), copy
        )
    # a project of 2026 taken to 验收, one still at 评审, with beneficiaries; a training with people
    village = village_of[benefited[1]]
    done = _project(station, "MZ2026-T-001", village, ("1", "2", "3", "4", "5"), provincial=300_000)
    _project(station, "MZ2026-T-002", village, ("1", "2"), provincial=120_000, self_raised=8_000)
    households = [h for h, d in village_of.items() if d == village and h != benefited[0]][:5]
    station.projects.set_beneficiaries(done, households)
    township = rows.divisions[village]["parent_id"]
    station.trainings.create(
        TrainingInput(
            date=dt.date(2026, 5, 9),
            division_id=township,
            topic="设施农业技术",
            extra_attendees=7,
            attendees=tuple((h, None) for h in households[:3]),
        )
    )
    # two indicators entered by hand: one behind on June's milestone (March's reached late), one on time
    county = ancestor(rows, village, "county")
    assert county is not None
    behind = station.indicators.create(
        IndicatorInput(
            county,
            2026,
            "测试指标（滞后）",
            code="T01",
            target_value=30.0,
            max_score=10.0,
            milestones=((3, 10.0, ""), (6, 20.0, "")),
        )
    ).id
    station.indicators.add_progress(behind, ProgressInput(date=dt.date(2026, 4, 2), value=12.0, month=3))
    on_time = station.indicators.create(
        IndicatorInput(
            county,
            2026,
            "测试指标（按期）",
            code="T02",
            target_value=5.0,
            max_score=5.0,
            milestones=((3, 5.0, ""),),
        )
    ).id
    station.indicators.add_progress(on_time, ProgressInput(date=dt.date(2026, 3, 20), value=6.0))


def _project(station: Station, code: str, village: str, stages: tuple[str, ...], **funds: int) -> str:
    names = {"provincial": "fund_provincial", "self_raised": "fund_self"}
    project_id = station.projects.create(
        ProjectInput(
            code=code,
            name=f"测试项目 {code}",
            category="1",
            division_id=village,
            year=2026,
            **{names[k]: v for k, v in funds.items()},
        )
    ).id
    for number, stage in enumerate(stages, 1):
        station.projects.advance_stage(project_id, StageInput(stage, dt.date(2026, 3, number)))
    return project_id


def _areas(rows: Rows) -> dict[str, str | None]:
    county = next(ancestor(rows, d, "county") for d in rows.households.values())
    township = next(ancestor(rows, d, "township") for d in rows.households.values())
    return {"city": None, "county": county, "township": township}


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("area", ["city", "county", "township"])
def test_every_figure_matches_the_rows(city: Station, year: int, area: str) -> None:
    rows = read_rows(city)
    area_id = _areas(rows)[area]
    figures = city.figures.figures(year, area_id, as_of=AS_OF)

    assert figures.total == expected_tally(rows, year, lambda d: inside(rows, d, area_id))
    assert figures.baseline_year == 2024
    part_level = "village" if area == "township" else "township"
    assert figures.part_level == part_level
    parts = [
        d for d in rows.divisions.values() if d["level"] == part_level and inside(rows, d["id"], area_id)
    ]
    assert {p.division_id for p in figures.parts} == {d["id"] for d in parts}
    for part in figures.parts:
        assert part.tally == expected_tally(rows, year, lambda d, p=part.division_id: inside(rows, d, p)), (
            part.name
        )
    late = {i.indicator_id for i in figures.late_indicators}
    assert late == missed_in_assessment(city, year, area_id, rows)
    assert all(inside(rows, i.division_id, area_id) for i in figures.late_indicators)


def test_households_covered_by_year(city: Station) -> None:
    rows = read_rows(city)
    figures = city.figures.figures(2026, None, as_of=AS_OF)
    covered = {y: expected_tally(rows, y, lambda _d: True).covered for y in YEARS}
    assert dict(figures.covered_by_year) == {y: n for y, n in covered.items() if n}


def test_the_awkward_rows_count_as_they_should(city: Station) -> None:
    """The hand-made rows, checked by value (not only against the recomputation)."""
    figures = city.figures.figures(2026, None, as_of=AS_OF)
    total = figures.total
    assert total.projects_at(stage="5") >= 1 and total.projects_at(stage="2") >= 1
    assert total.funds_spent.provincial >= 300_000
    assert total.funds_planned.total - total.funds_spent.total >= 128_000
    assert total.trained >= 10 and total.covered >= 5
    assert figures.targets == ProgramTargets()
    assert total.average_increase is not None
    assert isinstance(figures, Figures)
    late = {i.code: i for i in figures.late_indicators if i.code in ("T01", "T02")}
    assert list(late) == ["T01"]  # T02 reached its one milestone on time
    assert (late["T01"].month, late["T01"].planned, late["T01"].reported) == (6, 20.0, 12.0)


def test_average_increase_rounds_half_up() -> None:
    assert Tally(income_households=2, income_increase_total=1001).average_increase == 501
    assert Tally(income_households=4, income_increase_total=-2).average_increase == -1  # -0.5 → -1
    assert Tally().average_increase is None
    value = Decimal(2501) / 2
    assert Tally(income_households=2, income_increase_total=2501).average_increase == int(
        value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    )


def test_a_part_without_rows_shows_zero(city: Station) -> None:
    """Every township of the area has its line, with nothing in it when nothing happened there."""
    rows = read_rows(city)
    figures = city.figures.figures(2026, None, as_of=AS_OF)
    used = {ancestor(rows, d, "township") for d in rows.households.values()}
    empty = [p for p in figures.parts if p.division_id not in used]
    assert all(p.tally.households == 0 and p.tally.surveyed == 0 for p in empty)


def test_years_and_default_year(city: Station) -> None:
    assert city.figures.years() == [2026, 2025, 2024]
    assert city.figures.default_year(dt.date(2026, 12, 3)) == 2026
    assert city.figures.default_year(dt.date(2027, 1, 5)) == 2026  # nothing in 2027 yet
    assert city.figures.default_year(dt.date(2020, 1, 5)) == 2024


def test_an_empty_station_has_no_figures(tmp_path: Path) -> None:
    with new_station(
        tmp_path / "t", level="township", name="马友营蒙古族乡", division_code="211381204000"
    ) as station:
        figures = station.figures.figures(2026)
        assert figures.total == Tally()
        assert figures.baseline_year is None and figures.total.average_increase is None
        assert figures.area_name == "马友营蒙古族乡" and figures.part_level == "village"
        assert figures.packages == () and figures.late_indicators == ()
        assert station.figures.years() == []


def test_last_package_of_each_lower_station(network: tuple[Station, Station, Station]) -> None:
    from tests.core.sync_helpers import deliver, make_package

    city, a, b = network
    deliver(make_package(a, city), city)
    with city.db.reader() as session:
        received = session.execute(
            text("SELECT last_package_at FROM sync_peer WHERE station_id = :id"), {"id": a.info().id}
        ).scalar_one()
    received_at = dt.datetime.fromisoformat(str(received))
    figures = city.figures.figures(2026, now=received_at + dt.timedelta(days=3, hours=1))
    ages = {p.station_id: (p.last_package_at, p.age_days) for p in figures.packages}
    assert ages == {a.info().id: (received_at, 3), b.info().id: (None, None)}
    # a revoked station is no longer expected to send anything
    city.enrollment.revoke(b.info().id, "笔记本丢失")
    assert [p.station_id for p in city.figures.figures(2026).packages] == [a.info().id]
    # the township has no lower station
    assert a.figures.figures(2026).packages == ()
