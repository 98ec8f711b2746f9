"""The 首页 on a demo city: the cards show the figures service's numbers, the charts come after the
first paint with the same numbers, and a click on a card, a bar or a row opens that list filtered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from huimin_desktop.services.figures import Figures
from huimin_desktop.services.station import Station
from tests.stations import new_station
from ui.dashboard.links import HOUSEHOLDS, PROJECTS, ListLink
from ui.dashboard.page import DashboardPage, wan
from ui.main_window import MainWindow


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Station]:
    station = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    station.generate_demo(1500, seed=7)
    try:
        yield station
    finally:
        station.close()


def open_window(qtbot: QtBot, station: Station) -> MainWindow:
    window = MainWindow(station)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    return window


def dashboard(window: MainWindow) -> DashboardPage:
    page = window.pages["home"]
    assert isinstance(page, DashboardPage)
    return page


def charts_of(qtbot: QtBot, page: DashboardPage) -> dict[str, QChartView]:
    qtbot.waitUntil(lambda: len(page.chart_views) == 4)
    views = {key: view for key, view in page.chart_views.items() if isinstance(view, QChartView)}
    assert len(views) == 4
    return views


def bar_values(view: QChartView) -> list[list[float]]:
    series = view.chart().series()[0]
    return [[bar_set.at(i) for i in range(bar_set.count())] for bar_set in series.barSets()]


def test_cards_show_the_figures_of_the_year(qtbot: QtBot, city: Station, sync_operations: None) -> None:
    window = open_window(qtbot, city)
    page = dashboard(window)
    figures = page.figures
    assert isinstance(figures, Figures)
    expected = city.figures.figures(figures.year)
    assert (figures.year, figures.total) == (expected.year, expected.total)
    total = figures.total
    assert page.cards["covered"].value.text() == f"{total.covered:,}"
    assert page.cards["surveyed"].value.text() == f"{total.surveyed:,}"
    assert f"{total.average_increase:,}" in page.cards["income"].value.text()
    assert page.cards["projects"].value.text() == str(total.project_count)
    assert page.cards["funds"].value.text() == wan(total.funds_planned.total)
    assert page.cards["trainings"].value.text() == str(total.trainings)
    assert page.cards["covered"].bar is not None
    assert page.cards["covered"].bar.value() == round(min(total.covered / 8000, 1) * 100)
    assert page.year_box.currentData() == figures.year
    assert [page.year_box.itemData(i) for i in range(page.year_box.count())] == list(figures.years)
    late = city.figures.late_indicators(figures.year)
    assert page.late_indicators == late
    assert page.late.rowCount() == len(late) > 0
    assert page.late.item(0, 1).text() == late[0].name


def test_charts_after_the_first_paint_hold_the_same_numbers(
    qtbot: QtBot, city: Station, sync_operations: None
) -> None:
    window = open_window(qtbot, city)
    page = dashboard(window)
    views = charts_of(qtbot, page)
    figures = page.figures
    assert figures is not None
    covered, surveyed = bar_values(views["parts"])
    # a horizontal chart lists its first category at the top: its bars are stored bottom-up
    assert covered[::-1] == [p.tally.covered for p in figures.parts]
    assert surveyed[::-1] == [p.tally.surveyed for p in figures.parts]
    stacked = bar_values(views["stages"])
    assert sum(map(sum, stacked)) == figures.total.project_count
    planned, spent = bar_values(views["funds"])
    assert round(sum(planned) * 10_000) == figures.total.funds_planned.total
    assert round(sum(spent) * 10_000) == figures.total.funds_spent.total
    (by_year,) = bar_values(views["years"])
    assert by_year == [dict(figures.covered_by_year).get(y, 0) for y in sorted(figures.years)]


def test_choosing_a_year_reads_that_year(qtbot: QtBot, city: Station, sync_operations: None) -> None:
    window = open_window(qtbot, city)
    page = dashboard(window)
    page.year_box.setCurrentIndex(page.year_box.findData(2025))
    assert page.figures is not None and page.figures.year == 2025
    assert page.cards["covered"].value.text() == f"{city.figures.figures(2025).total.covered:,}"


def test_a_card_opens_the_list_filtered(qtbot: QtBot, city: Station, sync_operations: None) -> None:
    window = open_window(qtbot, city)
    page = dashboard(window)
    assert page.figures is not None
    year = page.figures.year
    qtbot.mouseClick(page.cards["projects"], Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "projects"
    projects = window.pages["projects"]
    assert projects.year.currentData() == year  # type: ignore[attr-defined]
    assert projects.model.rowCount() == page.figures.total.project_count  # type: ignore[attr-defined]

    window.show_page("home")
    qtbot.mouseClick(page.cards["surveyed"], Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "households"
    households = window.pages["households"]
    assert households.year.currentData() == year  # type: ignore[attr-defined]
    households.model.wait_until_complete()  # type: ignore[attr-defined]
    assert households.model.rowCount() == page.figures.total.surveyed  # type: ignore[attr-defined]


def test_a_bar_click_opens_that_townships_households(
    qtbot: QtBot, city: Station, sync_operations: None
) -> None:
    """A real mouse click on a township's 入户调查 bar: the household list of that township and year."""
    window = open_window(qtbot, city)
    page = dashboard(window)
    view = charts_of(qtbot, page)["parts"]
    figures = page.figures
    assert figures is not None
    index = next(i for i, p in enumerate(figures.parts) if p.tally.surveyed)
    part = figures.parts[index]
    page.ensureWidgetVisible(view)
    chart = view.chart()
    series = chart.series()[0]
    qtbot.waitUntil(lambda: view.isVisible() and chart.plotArea().height() > 100)  # laid out
    row = len(figures.parts) - 1 - index  # stored bottom-up
    # the second set's bar of that row: a little above the row's centre line, half way along the bar
    point = chart.mapToPosition(QPointF(part.tally.surveyed / 2, row + 0.15), series)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(point))
    assert window.current_page_key() == "households"
    households = window.pages["households"]
    assert households.township.currentData() == part.division_id  # type: ignore[attr-defined]
    assert households.year.currentData() == figures.year  # type: ignore[attr-defined]
    households.model.wait_until_complete()  # type: ignore[attr-defined]
    assert households.model.rowCount() == part.tally.surveyed  # type: ignore[attr-defined]


def test_links_set_every_filter_and_clear_the_search(
    qtbot: QtBot, city: Station, sync_operations: None
) -> None:
    window = open_window(qtbot, city)
    projects = window.pages["projects"]
    projects.search.setText("羊")  # type: ignore[attr-defined]
    projects.category.setCurrentIndex(2)  # type: ignore[attr-defined]
    window.open_list(ListLink(PROJECTS, year=2025))
    assert projects.search.text() == ""  # type: ignore[attr-defined]
    assert projects.category.currentData() is None  # type: ignore[attr-defined]
    assert projects.year.currentData() == 2025  # type: ignore[attr-defined]
    households = window.pages["households"]
    households.ethnicity.setCurrentIndex(3)  # type: ignore[attr-defined]
    window.open_list(ListLink(HOUSEHOLDS, year=2024))
    assert households.ethnicity.currentData() is None  # type: ignore[attr-defined]
    assert households.township.currentData() is None  # type: ignore[attr-defined]
    households.model.wait_until_complete()  # type: ignore[attr-defined]
    assert households.model.rowCount() == city.figures.figures(2024).total.surveyed  # type: ignore[attr-defined]


def test_a_saved_project_is_counted_at_once(qtbot: QtBot, city: Station, sync_operations: None) -> None:
    """The page reads again when an operation changed projects (hooks().changed)."""
    from huimin_desktop.changes import Changes
    from ui.operations import hooks

    window = open_window(qtbot, city)
    page = dashboard(window)
    assert page.figures is not None
    before = page.figures.total.project_count
    village = next(p for p in city.figures.figures(page.figures.year).parts if p.tally.households)
    from huimin_desktop.services.projects import ProjectInput

    villages = city.divisions.villages(village.division_id)
    city.projects.create(
        ProjectInput("MZ-TEST-1", "测试项目", "1", villages[0].id, page.figures.year, fund_provincial=10_000)
    )
    hooks().changed.emit(Changes(frozenset({"project"})))
    assert page.figures.total.project_count == before + 1
    assert page.cards["projects"].value.text() == str(before + 1)


def test_a_late_indicator_row_opens_the_assessment(
    qtbot: QtBot, city: Station, sync_operations: None
) -> None:
    window = open_window(qtbot, city)
    page = dashboard(window)
    assert page.late.rowCount() > 0
    page.ensureWidgetVisible(page.late)
    page.late.setCurrentCell(0, 1)
    page.late.setFocus()
    qtbot.keyClick(page.late, Qt.Key.Key_Return)
    assert window.current_page_key() == "assessment"


def test_a_township_has_no_lower_stations_and_bars_by_village(
    qtbot: QtBot, station: Station, sync_operations: None
) -> None:
    station.generate_demo(120, seed=3)
    window = open_window(qtbot, station)
    page = dashboard(window)
    assert page.figures is not None and page.figures.part_level == "village"
    assert page.packages.rowCount() == 0
    assert page.packages_note.text() == page.tr("This station has no lower stations.")
    views = charts_of(qtbot, page)
    names = views["parts"].chart().axes()[0].categories()
    assert sorted(names) == sorted(p.name for p in page.figures.parts)
