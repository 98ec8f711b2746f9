"""The 培训 page: the sessions newest first, search and year filter, opening and deleting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from huimin_desktop.demo import generate_demo
from huimin_desktop.model import Training
from huimin_desktop.services.station import Station
from ui.pages.training_page import TrainingPage


@pytest.fixture
def page(qtbot: QtBot, station: Station, chinese: str) -> TrainingPage:
    generate_demo(station, 400, seed=3)
    shown = TrainingPage(station)
    shown.editors_enabled = False
    qtbot.addWidget(shown)
    shown.resize(1280, 720)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_lists_sessions_newest_first(page: TrainingPage, station: Station) -> None:
    rows = station.trainings.list()
    assert page.model.rowCount() == len(rows) > 0
    assert [page.model.index(r, 0).data() for r in range(len(rows))] == [r.date.isoformat() for r in rows]
    assert page.model.index(0, 6).data() == str(rows[0].attendee_count)
    assert page.current_id() == rows[0].id


def test_year_filter_and_search(qtbot: QtBot, page: TrainingPage, station: Station) -> None:
    rows = station.trainings.list()
    year = rows[-1].date.year
    page.year.setCurrentIndex(page.year.findData(year))
    assert page.model.rowCount() == sum(1 for r in rows if r.date.year == year)
    page.year.setCurrentIndex(0)
    page.search.setText("no such topic")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.table.empty_label.isVisible()


def test_enter_opens_and_delete_tombstones(
    qtbot: QtBot, page: TrainingPage, station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    page.open_record.connect(opened.append)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    first = page.model.id_at(0)
    assert opened == [first]
    count = page.model.rowCount()
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    page.delete_button.click()
    assert page.model.rowCount() == count - 1
    with station.db.reader() as session:
        assert session.get(Training, first).deleted  # type: ignore[union-attr]


def test_township_filter_and_clearing_it_from_its_chip(page: TrainingPage, station: Station) -> None:
    rows = station.trainings.list()
    township = page.place.itemData(1)
    page.place.setCurrentIndex(1)
    from sqlalchemy import text

    with station.db.reader() as session:
        inside = session.execute(
            text(
                "SELECT COUNT(*) FROM training WHERE deleted = 0 AND (division_id = :t "
                "OR division_id IN (SELECT id FROM division WHERE parent_id = :t))"
            ),
            {"t": township},
        ).scalar()
    assert page.model.rowCount() == inside
    assert page.chips.texts() == [page.tr("Township: {value}").format(value=page.place.currentText())]
    page.chips.chips[0].click()
    assert page.place.currentData() is None and page.model.rowCount() == len(rows)
