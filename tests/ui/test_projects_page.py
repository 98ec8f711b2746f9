"""The 项目档案 page: the list with funds in 万元 and beneficiary counts, filters, open, delete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from huimin_desktop.demo import generate_demo
from huimin_desktop.domain.amounts import format_wan_yuan
from huimin_desktop.model import Project
from huimin_desktop.services.projects import ProjectQuery
from huimin_desktop.services.station import Station
from ui.main_window import MainWindow
from ui.pages.projects_page import ProjectsPage

FUNDS, BENEFICIARIES = 6, 7


@pytest.fixture
def demo_station(station: Station) -> Station:
    generate_demo(station, 600, seed=2)
    return station


@pytest.fixture
def page(qtbot: QtBot, demo_station: Station, chinese: str) -> ProjectsPage:
    shown = ProjectsPage(demo_station)
    shown.editors_enabled = False
    qtbot.addWidget(shown)
    shown.resize(1280, 720)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_rows_show_funds_in_wan_yuan_and_beneficiary_counts(
    page: ProjectsPage, demo_station: Station
) -> None:
    rows = demo_station.projects.list(ProjectQuery(limit=1000))
    assert page.model.rowCount() == len(rows) > 1
    for number, row in enumerate(rows):
        assert page.model.index(number, 0).data() == row.code
        assert page.model.index(number, FUNDS).data() == format_wan_yuan(row.total_funds)
        counts = page.model.index(number, BENEFICIARIES).data()
        assert str(row.beneficiary_count) in counts and str(row.minority_count) in counts
    totals = demo_station.projects.totals()
    assert format_wan_yuan(totals.total_funds) in page.count_label.text()
    assert page.count_label.text().startswith(f"共 {len(rows)} 个项目")


def test_filters_and_search(qtbot: QtBot, page: ProjectsPage, demo_station: Station) -> None:
    rows = demo_station.projects.list(ProjectQuery(limit=1000))
    category = rows[0].category
    page.category.setCurrentIndex(page.category.findData(category))
    assert page.model.rowCount() == sum(1 for r in rows if r.category == category)
    page.category.setCurrentIndex(0)
    page.search.setText(rows[-1].code)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.current_id() == rows[-1].id
    assert format_wan_yuan(rows[-1].total_funds) in page.count_label.text()
    page.search.setText("no-such-project")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.table.empty_label.isVisible()
    assert not page.open_button.isEnabled()


def test_enter_opens_and_delete_tombstones(
    qtbot: QtBot, page: ProjectsPage, demo_station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    page.open_record.connect(opened.append)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    first = page.model.id_at(0)
    assert opened == [first]
    count = page.model.rowCount()
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: answers.pop(0))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # No: nothing happens
    assert page.model.rowCount() == count
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == count - 1
    with demo_station.db.reader() as session:
        assert session.get(Project, first).deleted  # type: ignore[union-attr]


def test_main_window_shows_the_project_and_training_pages(
    qtbot: QtBot, demo_station: Station, chinese: str
) -> None:
    from ui.pages.training_page import TrainingPage

    window = MainWindow(demo_station)
    qtbot.addWidget(window)
    window.show()
    window.show_page("projects")
    assert isinstance(window.stack.currentWidget(), ProjectsPage)
    window.show_page("training")
    assert isinstance(window.stack.currentWidget(), TrainingPage)


def test_stage_and_funds_source_filters_with_their_chips(
    qtbot: QtBot, page: ProjectsPage, demo_station: Station
) -> None:
    rows = demo_station.projects.list(ProjectQuery(limit=1000))
    stage = rows[0].stage
    page.stage.setCurrentIndex(page.stage.findData(stage))
    assert page.model.rowCount() == sum(1 for r in rows if r.stage == stage)
    with demo_station.db.reader() as session:
        from sqlalchemy import text

        with_provincial = session.execute(
            text("SELECT COUNT(*) FROM project WHERE deleted = 0 AND stage = :s AND fund_provincial > 0"),
            {"s": stage},
        ).scalar()
    page.source.setCurrentIndex(page.source.findData("fund_provincial"))
    assert page.model.rowCount() == with_provincial
    assert page.chips.texts() == [
        page.tr("Stage: {value}").format(value=page.stage.currentText()),
        page.tr("Funds from: {value}").format(value="省专项资金"),
    ]
    page.chips.chips[0].click()  # the stage chip: only the funds source is left
    assert page.stage.currentData() is None and page.source.currentData() == "fund_provincial"
    page.search.setText("no-such-project")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    qtbot.keyClick(
        page.table, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert page.search.text() == "" and page.source.currentData() is None
    assert page.model.rowCount() == len(rows) and not page.chips.isVisible()
