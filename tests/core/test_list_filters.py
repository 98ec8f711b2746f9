"""The project list's stage and funds-source filters against plain SQL over a demo city's projects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from huimin_desktop.services.projects import FUNDS, ProjectQuery
from huimin_desktop.services.station import Station
from tests.stations import new_station


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Station]:
    folder: Path = tmp_path_factory.mktemp("list-filters") / "city"
    station = new_station(folder, level="city", name="朝阳市民委", division_code="211300")
    station.generate_demo(3000, seed=11)
    try:
        yield station
    finally:
        station.close()


def plain(city: Station, where: str, **parameters: object) -> set[str]:
    with city.db.reader() as session:
        sql = f"SELECT id FROM project WHERE deleted = 0 AND {where}"
        return set(session.execute(text(sql), parameters).scalars())


def test_stage_filter_finds_the_projects_at_that_stage(city: Station) -> None:
    stages = ["", "1", "2", "3", "4", "5"]
    found_any = 0
    for year in city.projects.years():
        for stage in stages:
            expected = plain(city, "year = :year AND coalesce(stage, '') = :stage", year=year, stage=stage)
            assert set(city.projects.ids(ProjectQuery(year=year, stage=stage))) == expected
            found_any += len(expected)
    assert found_any == len(plain(city, "1 = 1"))


def test_funds_source_filter_and_its_totals(city: Station) -> None:
    for source in FUNDS:
        for year in city.projects.years():
            query = ProjectQuery(year=year, fund_source=source)
            assert set(city.projects.ids(query)) == plain(city, f"year = :year AND {source} > 0", year=year)
            with city.db.reader() as session:
                total = session.execute(
                    text(f"SELECT coalesce(sum({source}), 0) FROM project WHERE deleted = 0 AND year = :y"),
                    {"y": year},
                ).scalar()
            # the list's totals of that source are the year's whole planned amount of it
            assert getattr(city.projects.totals(query), source) == total
    with pytest.raises(ValueError):
        city.projects.ids(ProjectQuery(fund_source="fund_other"))
