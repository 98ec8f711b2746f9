"""Every click target on 首页 opens its list with exactly the matching filter: for each card, bar,
segment and row, the number the dashboard shows, the rows of the list it opens and a count made here
with plain SQL over the demo city are the same number."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCharts import QChartView
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from huimin_desktop.services.station import Station
from tests.stations import new_station
from ui.dashboard.links import ListLink
from ui.dashboard.page import DashboardPage, wan
from ui.main_window import MainWindow

SOURCES = ("fund_provincial", "fund_local", "fund_integrated", "fund_self")  # the funds chart's order


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Station]:
    folder: Path = tmp_path_factory.mktemp("dashboard-links")
    station = new_station(folder / "city", level="city", name="朝阳市民委", division_code="211300")
    station.generate_demo(4000, seed=7)  # 20 projects: several in every year
    with station.db.reader() as session:
        counties = session.execute(
            text(
                "SELECT name, code FROM division WHERE level = 'county' AND deleted = 0 ORDER BY code LIMIT 2"
            )
        ).all()
    for name, code in counties:
        station.enrollment.enroll("county", f"{name}民宗局", code, folder / f"{code}.setup")
    try:
        yield station
    finally:
        station.close()


@pytest.fixture
def window(qtbot: QtBot, city: Station, sync_operations: None) -> MainWindow:
    shown = MainWindow(city)
    qtbot.addWidget(shown)
    shown.resize(1366, 728)
    shown.show()
    qtbot.waitExposed(shown)
    page = shown.pages["home"]
    assert isinstance(page, DashboardPage) and page.figures is not None
    # the year with the most projects (the demo's latest year has only a few)
    busiest = sql(
        city, "SELECT year FROM project WHERE deleted = 0 GROUP BY year ORDER BY COUNT(*) DESC LIMIT 1"
    )
    page.year_box.setCurrentIndex(page.year_box.findData(busiest))
    assert page.figures.year == busiest
    return shown


def sql(city: Station, statement: str, **parameters: object) -> int:
    with city.db.reader() as session:
        return int(session.execute(text(statement), parameters).scalar() or 0)


def covered(city: Station, year: int, township: str | None = None) -> int:
    where = "AND h.division_id IN (SELECT id FROM division WHERE parent_id = :t)" if township else ""
    return sql(
        city,
        "SELECT COUNT(DISTINCT b.household_id) FROM project_beneficiary b "
        "JOIN project p ON p.id = b.project_id JOIN household h ON h.id = b.household_id "
        f"WHERE p.year = :y AND b.deleted = 0 AND p.deleted = 0 AND h.deleted = 0 {where}",
        y=year,
        t=township,
    )


def surveyed(city: Station, year: int, township: str | None = None) -> int:
    where = "AND h.division_id IN (SELECT id FROM division WHERE parent_id = :t)" if township else ""
    return sql(
        city,
        "SELECT COUNT(DISTINCT s.household_id) FROM survey s JOIN household h ON h.id = s.household_id "
        f"WHERE s.year = :y AND s.deleted = 0 AND h.deleted = 0 {where}",
        y=year,
        t=township,
    )


def dashboard(window: MainWindow) -> DashboardPage:
    page = window.pages["home"]
    assert isinstance(page, DashboardPage)
    return page


def year_of(window: MainWindow) -> int:
    figures = dashboard(window).figures
    assert figures is not None
    return figures.year


def rows_of(window: MainWindow, key: str) -> int:
    """The rows of the list the last click opened (every one read)."""
    assert window.current_page_key() == key
    model = window.pages[key].model  # type: ignore[attr-defined]
    if hasattr(model, "wait_until_complete"):
        model.wait_until_complete()
    return int(model.rowCount())


def charts(qtbot: QtBot, window: MainWindow) -> dict[str, QChartView]:
    page = dashboard(window)
    qtbot.waitUntil(lambda: len(page.chart_views) == 4)
    return {key: view for key, view in page.chart_views.items() if isinstance(view, QChartView)}


def click_bar(window: MainWindow, view: QChartView, set_index: int, index: int) -> float:
    """Click bar ``index`` (in the chart's own order) of set ``set_index``; the value it shows."""
    window.show_page("home")
    bar_set = view.chart().series()[0].barSets()[set_index]
    value = bar_set.at(index)
    bar_set.clicked.emit(index)
    return value


@pytest.mark.parametrize("card", ["covered", "surveyed", "projects", "trainings"])
def test_a_card_opens_a_list_as_long_as_its_number(
    qtbot: QtBot, window: MainWindow, city: Station, card: str
) -> None:
    year = year_of(window)
    expected = {
        "covered": lambda: covered(city, year),
        "surveyed": lambda: surveyed(city, year),
        "projects": lambda: sql(city, "SELECT COUNT(*) FROM project WHERE deleted = 0 AND year = :y", y=year),
        "trainings": lambda: sql(
            city, "SELECT COUNT(*) FROM training WHERE deleted = 0 AND substr(date, 1, 4) = :y", y=str(year)
        ),
    }[card]()
    page = dashboard(window)
    assert page.cards[card].value.text() == f"{expected:,}"
    assert expected > 0
    page.cards[card].click()
    opened = {"covered": "households", "surveyed": "households", "projects": "projects"}.get(card, "training")
    assert rows_of(window, opened) == expected


def test_the_funds_card_opens_the_projects_whose_sums_it_shows(window: MainWindow, city: Station) -> None:
    year = year_of(window)
    planned = sql(
        city,
        "SELECT SUM(fund_provincial + fund_local + fund_integrated + fund_self) FROM project "
        "WHERE deleted = 0 AND year = :y",
        y=year,
    )
    page = dashboard(window)
    assert page.cards["funds"].value.text() == wan(planned)
    page.cards["funds"].click()
    projects = window.pages["projects"]
    assert rows_of(window, "projects") == sql(
        city, "SELECT COUNT(*) FROM project WHERE deleted = 0 AND year = :y", y=year
    )
    assert projects.station.projects.totals(projects.query()).total_funds == planned  # type: ignore[attr-defined]


def test_the_income_card_opens_the_households_it_averages_over(window: MainWindow, city: Station) -> None:
    """户均增收: households with a survey in the baseline (earliest) year and a later one up to the year."""
    year = year_of(window)
    baseline = sql(city, "SELECT MIN(year) FROM survey WHERE deleted = 0")
    expected = sql(
        city,
        "SELECT COUNT(*) FROM household h WHERE h.deleted = 0 "
        "AND EXISTS (SELECT 1 FROM survey s WHERE s.household_id = h.id AND s.deleted = 0 AND s.year = :b) "
        "AND EXISTS (SELECT 1 FROM survey s WHERE s.household_id = h.id AND s.deleted = 0 "
        "AND s.year > :b AND s.year <= :y)",
        b=baseline,
        y=year,
    )
    assert baseline < year and expected > 0
    card = dashboard(window).cards["income"]
    assert f"{expected:,}" in card.detail.text()
    card.click()
    households = window.pages["households"]
    assert households.model.query.compared == (baseline, year)  # type: ignore[attr-defined]
    assert rows_of(window, "households") == expected
    chips = households.chips  # type: ignore[attr-defined]
    assert chips.texts() == [
        households.tr("Surveyed in {baseline} and again by {year}").format(baseline=baseline, year=year)
    ]
    chips.chips[0].click()  # removing the chip shows every household again
    assert rows_of(window, "households") == sql(city, "SELECT COUNT(*) FROM household WHERE deleted = 0")


@pytest.mark.parametrize("set_index", [0, 1], ids=["covered", "surveyed"])
def test_every_township_bar_opens_its_households(
    qtbot: QtBot, window: MainWindow, city: Station, set_index: int
) -> None:
    year = year_of(window)
    figures = dashboard(window).figures
    assert figures is not None and len(figures.parts) > 3
    view = charts(qtbot, window)["parts"]
    count = len(figures.parts)
    for index, part in enumerate(figures.parts):
        shown = click_bar(window, view, set_index, count - 1 - index)  # the chart lists bottom-up
        expected = (covered if set_index == 0 else surveyed)(city, year, part.division_id)
        assert shown == expected
        assert rows_of(window, "households") == expected, part.name
        assert window.pages["households"].township.currentData() == part.division_id  # type: ignore[attr-defined]


def test_every_segment_of_the_stages_chart_opens_its_projects(
    qtbot: QtBot, window: MainWindow, city: Station
) -> None:
    from huimin_desktop.domain.codelists import code_lists

    year = year_of(window)
    view = charts(qtbot, window)["stages"]
    categories = code_lists().project_category.codes()
    sets = view.chart().series()[0].barSets()
    stage_names = {bar_set.label(): i for i, bar_set in enumerate(sets)}
    from huimin_desktop.services.projects import stage_name

    stages = {stage_name(code): code for code in ("", "1", "2", "3", "4", "5")}
    tried = 0
    for label, set_index in stage_names.items():
        stage = stages[label]
        for index, category in enumerate(categories):
            expected = sql(
                city,
                "SELECT COUNT(*) FROM project WHERE deleted = 0 AND year = :y AND category = :c "
                "AND coalesce(stage, '') = :s",
                y=year,
                c=category,
                s=stage,
            )
            assert click_bar(window, view, set_index, index) == expected
            assert rows_of(window, "projects") == expected, (label, category)
            tried += expected
    # every project of the year was behind one segment, and there were several
    assert tried == sql(city, "SELECT COUNT(*) FROM project WHERE deleted = 0 AND year = :y", y=year) > 3


def test_every_funds_bar_opens_the_projects_of_that_source(
    qtbot: QtBot, window: MainWindow, city: Station
) -> None:
    year = year_of(window)
    view = charts(qtbot, window)["funds"]
    for set_index, accepted in ((0, ""), (1, "AND stage = '5'")):
        for index, source in enumerate(SOURCES):
            amount = sql(
                city, f"SELECT SUM({source}) FROM project WHERE deleted = 0 AND year = :y {accepted}", y=year
            )
            projects = sql(
                city,
                f"SELECT COUNT(*) FROM project WHERE deleted = 0 AND year = :y AND {source} > 0 {accepted}",
                y=year,
            )
            assert round(click_bar(window, view, set_index, index) * 10_000) == amount
            assert rows_of(window, "projects") == projects
            page = window.pages["projects"]
            assert getattr(page.station.projects.totals(page.query()), source) == amount  # type: ignore[attr-defined]


def test_every_year_bar_opens_the_households_covered_that_year(
    qtbot: QtBot, window: MainWindow, city: Station
) -> None:
    view = charts(qtbot, window)["years"]
    figures = dashboard(window).figures
    assert figures is not None
    years = sorted({*figures.years, figures.year})
    assert sum(1 for y in years if covered(city, y)) >= 2
    for index, year in enumerate(years):
        expected = covered(city, year)
        assert click_bar(window, view, 0, index) == expected
        assert rows_of(window, "households") == expected, year
        assert window.pages["households"].model.query.covered_year == year  # type: ignore[attr-defined]


def test_a_lower_station_row_selects_that_station(window: MainWindow, city: Station) -> None:
    page = dashboard(window)
    figures = page.figures
    assert figures is not None and len(figures.packages) == 2
    for row, package in enumerate(figures.packages):
        window.show_page("home")
        assert page.packages.item(row, 0).text() == package.name
        page.packages.cellActivated.emit(row, 0)
        assert window.current_page_key() == "sync"
        chosen = window.pages["sync"].selected_peer()  # type: ignore[attr-defined]
        assert chosen is not None and chosen.station_id == package.station_id


def test_a_late_indicator_row_opens_its_county(qtbot: QtBot, window: MainWindow, city: Station) -> None:
    page = dashboard(window)
    year = next(y for y in city.figures.years() if city.figures.late_indicators(y))
    page.year_box.setCurrentIndex(page.year_box.findData(year))
    qtbot.waitUntil(lambda: page.late.rowCount() > 0)
    late = page.late_indicators[-1]
    page.late.cellActivated.emit(len(page.late_indicators) - 1, 1)
    assessment = window.pages["assessment"]
    assert window.current_page_key() == "assessment"
    assert assessment.county_id == late.division_id  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: assessment.indicator_model.rowCount() > 0)  # type: ignore[attr-defined]
    assert assessment.year.currentData() == year_of(window)  # type: ignore[attr-defined]
    assert late.indicator_id in {
        assessment.indicator_model.indicator(r).id  # type: ignore[attr-defined]
        for r in range(assessment.indicator_model.rowCount())  # type: ignore[attr-defined]
    }


def test_a_link_names_what_it_filters_in_chips(window: MainWindow) -> None:
    year = year_of(window)
    window.open_list(ListLink("households", covered_year=year))
    households = window.pages["households"]
    assert households.chips.isVisible()  # type: ignore[attr-defined]
    assert households.chips.texts() == [households.tr("Covered by projects of {year}").format(year=year)]  # type: ignore[attr-defined]


def test_at_a_township_every_village_bar_opens_its_households(
    qtbot: QtBot, station: Station, sync_operations: None
) -> None:
    """A township station bars by village: each covered / surveyed bar opens that village's households."""
    station.generate_demo(600, seed=3)
    window = MainWindow(station)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    page = dashboard(window)
    figures = page.figures
    assert figures is not None and figures.part_level == "village"
    year = next(y for y in sorted(figures.years) if covered(station, y))
    page.year_box.setCurrentIndex(page.year_box.findData(year))
    figures = page.figures
    assert figures is not None
    view = charts(qtbot, window)["parts"]
    count, tried = len(figures.parts), 0
    for index, part in enumerate(figures.parts):
        for set_index, counted in ((0, covered), (1, surveyed)):
            village = "AND h.division_id = :v"
            expected = sql(
                station,
                (
                    "SELECT COUNT(DISTINCT b.household_id) FROM project_beneficiary b "
                    "JOIN project p ON p.id = b.project_id JOIN household h ON h.id = b.household_id "
                    f"WHERE p.year = :y AND b.deleted = 0 AND p.deleted = 0 AND h.deleted = 0 {village}"
                )
                if counted is covered
                else (
                    "SELECT COUNT(DISTINCT s.household_id) FROM survey s "
                    "JOIN household h ON h.id = s.household_id "
                    f"WHERE s.year = :y AND s.deleted = 0 AND h.deleted = 0 {village}"
                ),
                y=year,
                v=part.division_id,
            )
            assert click_bar(window, view, set_index, count - 1 - index) == expected
            assert rows_of(window, "households") == expected, part.name
            assert window.pages["households"].village.currentData() == part.division_id  # type: ignore[attr-defined]
            tried += expected
    assert tried > 0


def test_a_link_to_a_year_the_list_did_not_offer_adds_it(window: MainWindow, city: Station) -> None:
    """The project list was built before a project of a new year was entered: the link still filters."""
    projects = window.pages["projects"]
    year = min(city.projects.years()) - 1
    assert projects.year.findData(year) < 0  # type: ignore[attr-defined]
    window.open_list(ListLink("projects", year=year))
    assert projects.year.currentData() == year  # type: ignore[attr-defined]
    assert rows_of(window, "projects") == 0
