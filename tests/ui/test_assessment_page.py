"""The 考核 page: the county × month grid coloured by milestone state, the drill-down, entering progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from huimin_desktop.model import Attachment, IndicatorProgress
from huimin_desktop.services.scoring import Status
from huimin_desktop.services.station import Station
from tests.stations import new_station
from ui.assessment.grid_model import SCORE_COLUMN, STATUS_COLOURS
from ui.assessment.page import AssessmentPage
from ui.assessment.progress_dialog import ProgressDialog

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Station]:
    opened = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    opened.generate_demo(300, seed=3)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def page(qtbot: QtBot, city: Station, english: str, sync_operations: None) -> AssessmentPage:
    shown = AssessmentPage(city, today=TODAY)
    qtbot.addWidget(shown)
    shown.resize(1180, 680)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_the_grid_shows_every_county_coloured_by_its_milestones(page: AssessmentPage, city: Station) -> None:
    grid = city.assessment.grid(2026, TODAY)
    model = page.grid.model()
    assert model.rowCount() == len(grid.counties) == 4
    assert [model.index(r, 0).data() for r in range(4)] == [c.name for c in grid.counties]
    seen: set[str] = set()
    for row, county in enumerate(grid.counties):
        assert model.index(row, SCORE_COLUMN).data() == f"{county.points:g} / {county.max_score:g}"
        for month, cell in enumerate(county.cells, start=1):
            index = model.index(row, month)
            if cell.status is None:
                assert index.data() == "" and index.data(Qt.ItemDataRole.BackgroundRole) is None
                continue
            assert index.data() == f"{cell.counts.get(Status.ON_TIME, 0)}/{cell.total}"
            brush = index.data(Qt.ItemDataRole.BackgroundRole)
            assert isinstance(brush, QBrush) and brush.color().name() == STATUS_COLOURS[cell.status][0]
            seen.add(cell.status.value)
    assert {"on_time", "late"} <= seen
    assert page.year.currentData() == 2026


def test_a_click_drills_down_to_the_countys_indicators(
    qtbot: QtBot, page: AssessmentPage, city: Station
) -> None:
    grid = city.assessment.grid(2026, TODAY)
    county = grid.counties[2]
    index = page.grid.model().index(2, 6)
    qtbot.mouseClick(
        page.grid.viewport(), Qt.MouseButton.LeftButton, pos=page.grid.visualRect(index).center()
    )
    table = page.indicators.model()
    assert table.rowCount() == len(county.indicators) == 8
    assert table.headerData(5, Qt.Orientation.Horizontal) == "Month 6 milestone"
    assert county.name in page.detail_title.text()
    for row, indicator in enumerate(county.indicators):
        assert table.index(row, 0).data() == indicator.code
        assert table.index(row, 6).data() == f"{indicator.score.points:g} / {indicator.score.max_score:g}"
        june = indicator.milestone(6)
        if june is not None:
            brush = table.index(row, 5).data(Qt.ItemDataRole.BackgroundRole)
            assert brush.color().name() == STATUS_COLOURS[june.status][0]
        assert table.index(row, 8).data().startswith("Computed" if indicator.figure else "Entered")


def test_progress_is_entered_for_a_hand_reported_indicator_only(
    qtbot: QtBot, page: AssessmentPage, city: Station, tmp_path: Path
) -> None:
    county = city.assessment.grid(2026, TODAY).counties[0]
    bound = next(r for r, i in enumerate(county.indicators) if i.figure)
    page.indicators.selectRow(bound)
    assert not page.progress_button.isEnabled()
    by_hand = next(r for r, i in enumerate(county.indicators) if i.code == "ZB08")
    page.indicators.selectRow(by_hand)
    assert page.progress_button.isEnabled()
    indicator = county.indicators[by_hand]
    dialog = ProgressDialog(city, indicator, page)
    qtbot.addWidget(dialog)
    dialog.month.setCurrentIndex(10)  # November
    dialog.value.setText("abc")
    dialog._save()
    assert "number" in dialog.error.text()
    dialog.value.setText("1")
    evidence = tmp_path / "总结.pdf"
    evidence.write_bytes(b"%PDF-1.4 summary")
    dialog.files.addItem(str(evidence))
    dialog._save()
    assert dialog.result() == ProgressDialog.DialogCode.Accepted
    with city.db.reader() as session:
        entry = session.scalars(
            select(IndicatorProgress).where(IndicatorProgress.indicator_id == indicator.id)
        ).one()
        assert (entry.month, entry.value) == (11, 1.0)
        files = session.scalars(select(Attachment.filename).where(Attachment.owner_id == entry.id)).all()
    assert files == ["总结.pdf"]
    refreshed = city.assessment.grid(2026, dt.date.today()).county(county.division_id)  # entered today
    assert refreshed is not None
    assert next(i for i in refreshed.indicators if i.code == "ZB08").latest_value == 1.0


def test_details_show_the_plan_and_the_entries_with_their_evidence(
    qtbot: QtBot, page: AssessmentPage, city: Station
) -> None:
    from ui.assessment.detail_dialog import IndicatorDetailDialog

    county = city.assessment.grid(2026, TODAY).counties[1]
    by_hand = next(i for i in county.indicators if i.code == "ZB01")
    dialog = IndicatorDetailDialog(city, by_hand, page)
    qtbot.addWidget(dialog)
    assert dialog.milestones.rowCount() == len(by_hand.score.milestones) == 12
    first = by_hand.score.milestones[0]
    assert dialog.milestones.item(0, 2).text() == {
        "on_time": "On time",
        "late": "Late",
        "missed": "Missed",
    }.get(first.status.value, "Not yet due")
    entries = city.indicators.get(by_hand.id).progress
    assert dialog.entries.rowCount() == len(entries) > 0
    assert dialog.entries.item(0, 1).text() == entries[0].date.isoformat()
    bound = next(i for i in county.indicators if i.figure)
    computed = IndicatorDetailDialog(city, bound, page)
    qtbot.addWidget(computed)
    assert computed.entries.rowCount() == 0


def test_the_grid_is_read_off_the_gui_thread(qtbot: QtBot, city: Station, english: str) -> None:
    """Without synchronous operations the page paints at once and the grid arrives from the worker."""
    shown = AssessmentPage(city, today=TODAY)
    qtbot.addWidget(shown)
    with qtbot.waitSignal(shown.grid_shown, timeout=60_000):
        shown.show()
    assert shown.grid.model().rowCount() == 4
    assert "2026-11-20" in shown.summary.text()
