"""Households covered and the average income increase have one definition (figure_definitions.py):
the 首页's year figure and the bound indicators' December reading agree county by county on the demo
data, and the months in between follow the definition on hand-made households."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from huimin_desktop.model import Division, Household, Project, ProjectBeneficiary, Survey
from huimin_desktop.services.bound_figures import monthly_values
from huimin_desktop.services.figures import FigureService, rollup
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import division_id_for_code
from tests.stations import new_station

BEIPIAO = division_id_for_code("211381")


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Station]:
    opened = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    try:
        yield opened
    finally:
        opened.close()


def test_the_dashboard_and_the_bound_figures_agree_on_the_demo(city: Station) -> None:
    city.generate_demo(400, seed=5)
    figures = FigureService(city.db)
    covered_seen = income_seen = 0
    for year in figures.years():
        tallies, tree, _baseline = figures.tallies(year)
        counties = {
            k: v for k, v in rollup(tallies, tree, "county").items() if tree.nodes[k].level == "county"
        }
        with city.db.reader() as session:
            covered = monthly_values(session, "households_covered", year)
            income = monthly_values(session, "income_increase", year)
        assert {k: int(v[12]) for k, v in covered.items() if v[12]} == {
            k: t.covered for k, t in counties.items() if t.covered
        }
        assert {k: v[12] for k, v in income.items() if 12 in v} == {
            k: t.average_increase for k, t in counties.items() if t.average_increase is not None
        }
        covered_seen += sum(1 for t in counties.values() if t.covered)
        income_seen += len(income)
    assert covered_seen >= 2 and income_seen >= 4  # the demo has both, in more than one county


def _village(city: Station) -> str:
    """A village of 马友营 (北票市), made here: a city station ships counties and townships only."""
    with city.db.session() as session:
        village = Division(
            code="211381204201",
            name="试验村",
            level="village",
            parent_id=division_id_for_code("211381204000"),
        )
        session.add(village)
        session.flush()
        return village.id


def _household(session, village: str) -> str:  # type: ignore[no-untyped-def]
    household = Household(division_id=village, phone="", address="")
    session.add(household)
    session.flush()
    return household.id


def test_households_covered_month_by_month(city: Station) -> None:
    """From the month its first project of the year started; January for a project started earlier;
    December while none has started; December's value is the year's figure."""
    village, year = _village(city), 2025
    starts = [
        dt.date(year, 3, 10),
        dt.date(year - 1, 11, 1),
        None,
        dt.date(year + 1, 2, 1),
        dt.date(year, 7, 1),
    ]
    with city.db.session() as session:
        households = [_household(session, village) for _ in range(4)]
        for number, start in enumerate(starts):
            project = Project(code=f"P{number}", name="项目", category="01", division_id=village, year=year,
                              actual_start=start)  # fmt: skip
            session.add(project)
            session.flush()
            # the last project (July) is the first household's second: it still counts from March
            owner = households[number] if number < 4 else households[0]
            session.add(ProjectBeneficiary(project_id=project.id, household_id=owner))
    with city.db.reader() as session:
        months = monthly_values(session, "households_covered", year)[BEIPIAO]
    assert [months[m] for m in range(1, 13)] == [1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4]
    tallies, tree, _ = FigureService(city.db).tallies(year)
    assert rollup(tallies, tree, "county")[BEIPIAO].covered == 4


def test_income_increase_month_by_month(city: Station) -> None:
    """A survey of the year counts from its month (undated: December); the earlier one stands until
    then; two surveys of one year count once (the one changed last); whole yuan, half up."""
    village, year = _village(city), 2025
    with city.db.session() as session:
        a, b, c = (_household(session, village) for _ in range(3))

        def survey(household: str, in_year: int, wage: int, day: dt.date | None = None) -> None:
            session.add(Survey(household_id=household, year=in_year, income_wage=wage, survey_date=day))
            session.flush()

        survey(a, 2023, 1000)  # the baseline: the earliest year with a survey
        survey(a, 2024, 1500)  # increase 500 until its 2025 survey counts
        survey(a, 2025, 2001, dt.date(2025, 5, 20))  # 1001 from May
        survey(b, 2023, 3000)
        survey(b, 2025, 3000, dt.date(2025, 8, 1))  # replaced below: the later one counts
        survey(b, 2025, 3400, dt.date(2025, 9, 2))  # 400 from September
        survey(c, 2023, 800)
        survey(c, 2025, 900)  # undated: 100 in December
    with city.db.reader() as session:
        months = monthly_values(session, "income_increase", year)[BEIPIAO]
    assert months == {
        **{m: 500 for m in range(1, 5)},
        **{m: 1001 for m in range(5, 9)},
        **{m: round((1001 + 400) / 2 + 0.001) for m in range(9, 12)},  # 700.5 → 701
        12: 500,  # (1001 + 400 + 100) / 3
    }
    tallies, tree, _ = FigureService(city.db).tallies(year)
    assert rollup(tallies, tree, "county")[BEIPIAO].average_increase == 500
