"""The 农户 page's filters beyond the search: 受益年度, project, surveyed or not in a year; the chips that
say what is active (each removes its filter, from the mouse or the keyboard) and Ctrl+Shift+X.

Every count is made here with plain SQL over the demo township, not through the list's queries."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from huimin_desktop.demo import generate_demo
from huimin_desktop.services.station import Station
from ui.pages.households_page import HouseholdsPage

HOUSEHOLDS = 600  # three projects
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def page(qtbot: QtBot, station: Station, chinese: str) -> HouseholdsPage:
    generate_demo(station, HOUSEHOLDS)
    shown = HouseholdsPage(station)
    shown.editors_enabled = False
    qtbot.addWidget(shown)
    shown.resize(1280, 720)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    return shown


def sql(station: Station, statement: str, **parameters: object) -> list[object]:
    with station.db.reader() as session:
        return list(session.execute(text(statement), parameters).scalars())


def rows(page: HouseholdsPage) -> int:
    page.model.wait_until_complete()
    return page.model.rowCount()


def choose(combo: object, value: object) -> None:
    index = combo.findData(value)  # type: ignore[attr-defined]
    assert index >= 0, value
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def test_beneficiary_year_then_one_of_its_projects(page: HouseholdsPage, station: Station) -> None:
    years = sql(station, "SELECT DISTINCT year FROM project WHERE deleted = 0 ORDER BY year DESC")
    assert [page.covered.itemData(i) for i in range(1, page.covered.count())] == years
    year = years[0]
    choose(page.covered, year)
    covered = sql(
        station,
        "SELECT COUNT(DISTINCT b.household_id) FROM project_beneficiary b "
        "JOIN project p ON p.id = b.project_id JOIN household h ON h.id = b.household_id "
        "WHERE p.year = :y AND b.deleted = 0 AND p.deleted = 0 AND h.deleted = 0",
        y=year,
    )[0]
    assert rows(page) == covered > 0
    assert page.chips.isVisible()
    assert page.chips.texts() == [page.tr("Covered by projects of {year}").format(year=year)]
    # the project box offers that year's projects only
    projects = sql(station, "SELECT id FROM project WHERE deleted = 0 AND year = :y ORDER BY code", y=year)
    offered = [page.project.itemData(i) for i in range(1, page.project.count())]
    assert sorted(offered) == sorted(projects)
    choose(page.project, projects[0])
    beneficiaries = sql(
        station,
        "SELECT COUNT(*) FROM project_beneficiary b JOIN household h ON h.id = b.household_id "
        "WHERE b.project_id = :p AND b.deleted = 0 AND h.deleted = 0",
        p=projects[0],
    )[0]
    assert rows(page) == beneficiaries > 0
    assert len(page.chips.texts()) == 2
    # removing the 受益年度 chip drops the project too (it was one of that year's)
    page.chips.chips[0].click()
    assert page.covered.currentData() is None and page.project.currentData() is None
    assert rows(page) == HOUSEHOLDS
    assert not page.chips.isVisible()


def test_not_surveyed_in_a_year_combines_with_the_search(
    qtbot: QtBot, page: HouseholdsPage, station: Station
) -> None:
    assert not page.survey.isEnabled()  # no year, nothing to be surveyed in
    # the year the fewest households were surveyed in (the demo surveys some of them each year)
    year = sql(station, "SELECT year FROM survey WHERE deleted = 0 GROUP BY year ORDER BY COUNT(*) LIMIT 1")[
        0
    ]
    choose(page.year, year)
    assert page.survey.isEnabled()
    choose(page.survey, False)
    missing = (
        "SELECT COUNT(*) FROM household h WHERE h.deleted = 0 AND NOT EXISTS (SELECT 1 FROM survey s "
        "WHERE s.household_id = h.id AND s.year = :y AND s.deleted = 0)"
    )
    not_surveyed = sql(station, missing, y=year)[0]
    assert 0 < rows(page) == not_surveyed < HOUSEHOLDS
    page.search.setText("王")
    page.apply_filters()
    named = sql(station, missing + " AND h.search_text LIKE '%王%'", y=year)[0]
    assert rows(page) == named > 0
    assert page.chips.texts()[0] == page.tr("Search “{text}”").format(text="王")
    assert page.count_label.text().startswith(f"{named:,}") or f"{named:,}" in page.count_label.text()


def test_the_chips_and_clear_all_from_the_keyboard(
    qtbot: QtBot, page: HouseholdsPage, station: Station
) -> None:
    year = sql(station, "SELECT MAX(year) FROM survey WHERE deleted = 0")[0]
    choose(page.year, year)
    choose(page.ethnicity, "02")
    assert len(page.chips.texts()) == 2
    # Tab from the last filter box reaches the chips; Space on one removes its filter
    page.ethnicity.setFocus()
    qtbot.keyClick(page.ethnicity, Qt.Key.Key_Tab)
    first = page.chips.chips[0]
    assert first.hasFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert page.year.currentData() is None and page.ethnicity.currentData() == "02"
    assert len(page.chips.texts()) == 1 and page.chips.chips[0].hasFocus()  # the focus stays in the row
    choose(page.covered, sql(station, "SELECT MAX(year) FROM project WHERE deleted = 0")[0])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_X, CTRL_SHIFT)
    assert all(box.currentIndex() == 0 for box in page._filter_boxes())
    assert rows(page) == HOUSEHOLDS and not page.chips.isVisible()
