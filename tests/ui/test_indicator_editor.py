"""考核's 新建指标 / 编辑 / 删除 for the city: typed in by keyboard, refused field by field, the buttons
hidden from a county and from an entry user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QTableWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from huimin_desktop.model import AuditEntry, Indicator
from huimin_desktop.services.indicators import IndicatorInput, ProgressInput
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import division_id_for_code
from tests.stations import new_station, open_station
from tests.ui.conftest import type_text
from ui.assessment.edit_dialog import ALL_COUNTIES, IndicatorEditDialog
from ui.assessment.page import AssessmentPage

YEAR = dt.date.today().year
BEIPIAO = division_id_for_code("211381")


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Station]:
    opened = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    try:
        yield opened
    finally:
        opened.close()


def indicator_count(station: Station) -> int:
    with station.db.reader() as session:
        return (
            session.scalar(select(func.count()).select_from(Indicator).where(Indicator.deleted.is_(False)))
            or 0
        )


def open_page(qtbot: QtBot, station: Station) -> AssessmentPage:
    page = AssessmentPage(station)
    qtbot.addWidget(page)
    page.resize(1180, 680)
    page.show()
    qtbot.waitExposed(page)
    return page


def new_dialog(qtbot: QtBot, city: Station) -> IndicatorEditDialog:
    dialog = IndicatorEditDialog(city, None, YEAR)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_new_indicator_typed_in_and_saved_with_enter(
    qtbot: QtBot, city: Station, english: str, sync_operations: None
) -> None:
    dialog = new_dialog(qtbot, city)
    assert dialog.focusWidget() is dialog.name  # the form starts where the plan does
    type_text(dialog.name, "培训人次")
    type_text(dialog.code, "3.1")
    dialog.county.setCurrentIndex(dialog.county.findData(BEIPIAO))
    type_text(dialog.target_value, "500")
    type_text(dialog.unit, "人次")
    dialog.max_score.setValue(6)
    dialog.method.setCurrentIndex(dialog.method.findData("milestone_deduction"))
    assert dialog.deduction.isEnabled() and not dialog.step.isEnabled()
    dialog.deduction.setValue(1.5)
    dialog.has_deadline.setChecked(True)
    type_text(dialog.evidence, "sign-in sheets")
    dialog.milestones.setItem(5, 0, QTableWidgetItem("250"))
    dialog.milestones.setItem(5, 1, QTableWidgetItem("half"))
    dialog.milestones.setItem(11, 0, QTableWidgetItem("500"))
    dialog.milestones.setItem(2, 1, QTableWidgetItem("plan handed in"))
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter saves
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    [saved] = dialog.saved_ids
    record = city.indicators.get(saved)
    assert (record.code, record.name, record.division_id, record.year) == ("3.1", "培训人次", BEIPIAO, YEAR)
    assert (record.target_value, record.unit, record.max_score) == (500.0, "人次", 6.0)
    assert (record.scoring_method, record.deduction, record.deduction_step) == (
        "milestone_deduction",
        1.5,
        0.0,
    )
    assert record.deadline == dt.date(YEAR, 12, 31) and record.evidence == "sign-in sheets"
    assert [(m.month, m.planned_value, m.description) for m in record.milestones] == [
        (3, None, "plan handed in"),
        (6, 250.0, "half"),
        (12, 500.0, ""),
    ]
    with city.db.reader() as session:
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.record_id == saved)).all() == [
            "create"
        ]


def test_refused_fields_are_named_and_nothing_is_written(
    qtbot: QtBot, city: Station, english: str, sync_operations: None
) -> None:
    dialog = new_dialog(qtbot, city)
    dialog.milestones.setItem(3, 0, QTableWidgetItem("lots"))
    dialog._save()
    assert "Month 4: “lots” is not a number" in dialog.error.text()
    assert "color" in dialog.labels["milestones"].styleSheet()
    dialog.milestones.setItem(3, 0, QTableWidgetItem("40"))
    dialog.method.setCurrentIndex(dialog.method.findData("shortfall_deduction"))  # no step given
    dialog._save()  # the name is empty too: the service says both
    text = dialog.error.text()
    assert "Name: 双塔区: The indicator name is empty; 龙城区: The indicator name is empty" in text
    assert "Step size: 双塔区: Deducting by shortfall needs the size of each step" in text
    assert (
        "color" in dialog.labels["name"].styleSheet()
        and "color" in dialog.labels["deduction_step"].styleSheet()
    )
    assert dialog.focusWidget() in (dialog.name, dialog.step)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert indicator_count(city) == 0


def test_all_counties_and_editing(qtbot: QtBot, city: Station, english: str, sync_operations: None) -> None:
    dialog = new_dialog(qtbot, city)
    assert dialog.county.currentData() == ALL_COUNTIES
    type_text(dialog.name, "project acceptance")
    dialog._save()
    assert len(dialog.saved_ids) == indicator_count(city) == 7  # 朝阳市's counties
    record = city.indicators.get(dialog.saved_ids[0])
    editor = IndicatorEditDialog(city, record)
    qtbot.addWidget(editor)
    assert editor.name.text() == "project acceptance" and not editor.county.isEnabled()
    editor.name.clear()
    type_text(editor.name, "projects accepted")
    editor._save()
    assert city.indicators.get(record.id).name == "projects accepted"
    assert indicator_count(city) == 7


def test_the_page_shows_the_buttons_to_the_city_and_refuses_a_delete_with_progress(
    qtbot: QtBot, city: Station, english: str, sync_operations: None
) -> None:
    kept = city.indicators.create(
        IndicatorInput(division_id=BEIPIAO, year=YEAR, name="培训人次", code="1")
    ).id
    city.indicators.add_progress(kept, ProgressInput(dt.date.today(), 5.0))
    page = open_page(qtbot, city)
    qtbot.waitUntil(lambda: page.indicator_model.rowCount() == 1)
    assert page.new_button.isVisible() and page.copy_button.isVisible()
    page.indicators.selectRow(0)
    assert page.edit_button.isEnabled() and page.delete_button.isEnabled()
    page.delete_button.click()
    notice = page.defining.notice
    assert (
        notice is not None and "1 progress entries" in notice.text() and "cannot be deleted" in notice.text()
    )
    notice.close()
    assert indicator_count(city) == 1


def test_a_delete_is_asked_first(qtbot: QtBot, city: Station, english: str, sync_operations: None) -> None:
    city.indicators.create(IndicatorInput(division_id=BEIPIAO, year=YEAR, name="培训人次", code="1"))
    page = open_page(qtbot, city)
    qtbot.waitUntil(lambda: page.indicator_model.rowCount() == 1)
    page.indicators.selectRow(0)
    page.delete_button.click()
    box = page.defining.confirm
    assert box is not None and box.defaultButton() == box.button(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).click()
    assert indicator_count(city) == 0


def test_a_county_and_an_entry_user_see_no_editing(qtbot: QtBot, tmp_path: Path, english: str) -> None:
    with new_station(
        tmp_path / "county", level="county", name="北票市民委", division_code="211381"
    ) as county:
        page = open_page(qtbot, county)
        assert not page.new_button.isVisible() and not page.edit_button.isVisible()
        page.close()
    folder = tmp_path / "city2"
    with new_station(folder, level="city", name="朝阳市民委", division_code="211300") as admin:
        admin.users.create("clerk", "", "entry", password="clerk-pass-1")
    with open_station(folder, user="clerk", password="clerk-pass-1") as clerk:
        page = open_page(qtbot, clerk)
        assert not page.new_button.isVisible() and not page.delete_button.isVisible()
        page.close()


def test_reference_files_picked_in_the_editor_are_stored_sealed_and_listed(
    qtbot: QtBot, city: Station, tmp_path: Path, english: str, sync_operations: None
) -> None:
    """The button's files reach the indicator with the save (the core's tests carry them down in the
    return package): stored sealed, read back byte for byte, listed by name when the indicator opens."""
    plan = tmp_path / "考核细则.pdf"
    plan.write_bytes(b"%PDF-1.4 the city's own assessment rules, for the counties to work from")
    dialog = new_dialog(qtbot, city)
    dialog.county.setCurrentIndex(dialog.county.findData(BEIPIAO))
    type_text(dialog.name, "projects accepted")
    dialog.pick_files([str(plan)])  # what the file dialog of 添加参考附件… hands over
    assert [dialog.files.item(i).text() for i in range(dialog.files.count())] == ["考核细则.pdf"]
    dialog._save()
    [saved] = dialog.saved_ids
    [stored] = city.attachments.for_record("indicator", saved)
    assert (stored.filename, stored.size) == ("考核细则.pdf", len(plan.read_bytes()))
    assert city.attachments.read_bytes(stored) == plan.read_bytes()
    assert plan.read_bytes() not in city.attachments.blob_path(stored.sha256).read_bytes()  # sealed
    reopened = IndicatorEditDialog(city, city.indicators.get(saved))
    qtbot.addWidget(reopened)
    assert [reopened.files.item(i).text() for i in range(reopened.files.count())] == ["考核细则.pdf"]


def test_copy_to_a_new_year_from_the_page(
    qtbot: QtBot, city: Station, tmp_path: Path, english: str, sync_operations: None
) -> None:
    """复制到新年度 copies the shown year's indicators with their milestones and reference files, not
    their progress; a second copy to the same year is refused indicator by indicator and names them."""
    plan = IndicatorInput(
        division_id=BEIPIAO,
        year=YEAR,
        name="培训人次",
        code="3.1",
        target_value=500,
        unit="人次",
        deadline=dt.date(YEAR, 12, 31),
        milestones=((6, 250.0, "half"),),
    )
    source = city.indicators.create(plan).id
    rules = tmp_path / "细则.pdf"
    rules.write_bytes(b"%PDF-1.4 rules")
    city.indicators.add_reference_files(source, [rules])
    city.indicators.add_progress(source, ProgressInput(dt.date.today(), 5.0))
    page = open_page(qtbot, city)
    qtbot.waitUntil(lambda: page.indicator_model.rowCount() == 1)
    assert page.selected_year() == YEAR

    def answer() -> None:  # the year asked: the next one is offered
        asked = QApplication.activeModalWidget()
        assert isinstance(asked, QInputDialog) and asked.intValue() == YEAR + 1
        asked.accept()

    QTimer.singleShot(0, answer)
    page.copy_button.click()
    notice = page.defining.notice
    assert notice is not None and f"1 indicators of {YEAR} copied to {YEAR + 1}" in notice.text()
    notice.close()
    with city.db.reader() as session:
        copies = session.execute(
            select(Indicator.id, Indicator.code, Indicator.name, Indicator.division_id).where(
                Indicator.year == YEAR + 1, Indicator.deleted.is_(False)
            )
        ).all()
    assert [tuple(c)[1:] for c in copies] == [("3.1", "培训人次", BEIPIAO)]
    copy = city.indicators.get(copies[0].id)
    assert copy.deadline == dt.date(YEAR + 1, 12, 31)
    assert [(m.month, m.planned_value) for m in copy.milestones] == [(6, 250.0)]
    assert [a.filename for a in city.attachments.for_record("indicator", copy.id)] == ["细则.pdf"]
    assert city.indicators.progress_count(copy.id) == 0 and city.indicators.progress_count(source) == 1
    page.defining.copy_year(target=YEAR + 1)  # again: the new year has it already
    notice = page.defining.notice
    assert notice is not None and f"0 indicators of {YEAR} copied" in notice.text()
    assert "Not copied:" in notice.text() and "3.1" in notice.text()
    notice.close()
    assert indicator_count(city) == 2
