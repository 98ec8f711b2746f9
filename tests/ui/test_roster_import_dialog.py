"""The roster import dialog: a dropped file, its preview with refused rows, mapping correction, import,
cancel, the refused-rows workbook; and the File menu's export action. Real station, real files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from huimin_desktop.model import Division, Household
from huimin_desktop.services.audit import AuditFilter
from huimin_desktop.services.station import Station
from tests.core.test_cli_language import CJK
from tests.core.test_roster_fixtures import make_id, sample_rows, write_office_xlsx, write_table_xlsx
from tests.ui.privacy_helpers import answer_reason
from ui.roster_import.dialog import MAPPING, PREVIEW, RESULT, RosterImportDialog


def household_count(station: Station) -> int:
    with station.db.reader() as session:
        return session.scalar(select(func.count()).select_from(Household))


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    rows = [
        *sample_rows(),
        ["三家子", "钱六", "男", "汉", 211381198001011234, 2],
        ["三家子", "周八", "男", "火星族", make_id("19700101", 31), 2],
    ]
    return write_office_xlsx(tmp_path / "三家子村花名册.xlsx", rows)


def drop(dialog: RosterImportDialog, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dropEvent(event)


def test_dropped_roster_previews_then_imports(
    qtbot: QtBot, station: Station, roster: Path, chinese: str, sync_operations: None
) -> None:
    dialog = RosterImportDialog(station)
    qtbot.addWidget(dialog)
    drop(dialog, roster)
    assert dialog.stack.currentIndex() == PREVIEW
    panel = dialog.preview_panel
    assert panel.tabs.currentWidget() is panel.rejected
    assert panel.rejected.rowCount() == 2
    assert (
        panel.rejected.item(0, 0).text() == "10"
        and panel.rejected.item(0, 1).text() == "钱六"
        and "Excel" in panel.rejected.item(0, 2).text()
    )
    assert panel.added.rowCount() == 4
    assert "4" in panel.summary.text() and household_count(station) == 0  # nothing written yet

    out = roster.with_name("退回.xlsx")
    answer_reason("退回三家子村修改")  # an administrator sees whole numbers: the file asks why
    dialog.write_rejected(out)
    sheet = load_workbook(out).active
    assert [sheet.cell(r, 1).value for r in (3, 4)] == [10, 11]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(make_id("19700101", 31) in c for c in cells)
    (line,) = station.audit.lines(AuditFilter(action="export"))
    assert line.details["reason"] == "退回三家子村修改" and line.details["full_personal_data"] is True

    with qtbot.waitSignal(dialog.imported) as signal:
        dialog.import_button.click()
    assert dialog.stack.currentIndex() == RESULT
    assert signal.args[0].added == 4
    assert household_count(station) == 4


def test_the_preview_gives_its_reasons_in_english(
    qtbot: QtBot, station: Station, roster: Path, english: str, sync_operations: None
) -> None:
    """In English the refused rows say why in English (the file's own words quoted), as the CLI does."""
    dialog = RosterImportDialog(station)
    qtbot.addWidget(dialog)
    drop(dialog, roster)
    panel = dialog.preview_panel
    reasons = [panel.rejected.item(row, 2).text() for row in range(panel.rejected.rowCount())]
    assert len(reasons) == 2 and "Excel" in reasons[0] and "火星族" in reasons[1], reasons
    assert not [r for r in reasons if CJK.search(re.sub(r"“[^”]*”", "", r))], reasons
    summary = panel.summary.text().replace("三家子村", "").replace("东营子", "")  # the new villages' names
    assert summary.startswith("Nothing has been written yet") and not CJK.search(summary), summary
    assert household_count(station) == 0


def test_corrected_mapping_changes_the_preview(
    qtbot: QtBot, station: Station, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    path = write_table_xlsx(
        tmp_path / "a.xlsx",
        ["村", "姓名", "身份证号", "种养殖收入"],
        [["三家子", "张三", make_id("19800101", 11), 3000]],
    )
    dialog = RosterImportDialog(station, path=path)
    qtbot.addWidget(dialog)
    assert dialog.stack.currentIndex() == PREVIEW
    dialog.mapping_button.click()
    assert dialog.stack.currentIndex() == MAPPING
    assert dialog.mapping_table.rowCount() == 4
    dialog.mapping_table.set_field(3, "income_business")
    dialog.apply_mapping_button.click()
    assert dialog.stack.currentIndex() == PREVIEW
    dialog.import_button.click()
    household = station.households.list()[0]
    assert household.latest_net_income == 3000
    assert station.rosters.read(path).mapping["income_business"] == 3  # remembered for this shape


def test_cancelled_import_writes_nothing(
    qtbot: QtBot, station: Station, roster: Path, chinese: str, sync_operations: None
) -> None:
    other = RosterImportDialog(station, path=roster)
    qtbot.addWidget(other)
    # Cancel at the last moment: everything written, nothing committed yet (as a click on 取消 would).
    from ui import operations

    def cancel_at_commit(op: operations.Operation) -> None:
        op.progressed.connect(lambda _done, _total, message: op.cancel() if message == "提交" else None)

    operations.hooks().started.connect(cancel_at_commit)
    try:
        other.start_import()
    finally:
        operations.hooks().started.disconnect(cancel_at_commit)
    assert other.operation is not None and other.operation.was_cancelled
    assert other.stack.currentIndex() == PREVIEW
    assert household_count(station) == 0
    with station.db.reader() as session:
        assert (
            session.scalar(select(func.count()).select_from(Division).where(Division.level == "village")) == 0
        )


def test_menu_exports_the_roster(
    qtbot: QtBot, station: Station, roster: Path, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    from ui.main_window import MainWindow

    station.rosters.import_file(roster)
    window = MainWindow(station)
    qtbot.addWidget(window)
    actions = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert (
        window.roster_menu.import_action.text() in actions
        and window.roster_menu.export_action.text() in actions
    )
    out = tmp_path / "导出.xlsx"
    answer_reason(cancel=True)  # the administrator sees whole numbers: asked why, and cancels
    window.roster_menu.export_to(out)
    assert not out.exists()
    answer_reason("乡里年终核对")
    window.roster_menu.export_to(out)
    assert out.is_file()
    sheet = load_workbook(out).active
    assert sheet["A3"].value == "序号"
    answer_reason(masked=True)
    window.roster_menu.export_to(tmp_path / "masked.xlsx")
    masked = load_workbook(tmp_path / "masked.xlsx").active
    column = [c.value for c in sheet[3]].index("身份证号") + 1
    assert "*" not in sheet.cell(5, column).value and "********" in masked.cell(5, column).value
    logged = [e.details for e in station.audit.latest() if e.action == "export"]
    assert {(d["full_personal_data"], d["reason"]) for d in logged} == {(True, "乡里年终核对"), (False, "")}


def test_unmapped_column_is_highlighted_asked_about_and_mappable(
    qtbot: QtBot, station: Station, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.roster_import.preview import UNMAPPED_BACKGROUND

    path = write_table_xlsx(
        tmp_path / "a.xlsx",
        ["村", "姓名", "身份证号", "2015年工资性收入", "种养殖收入", "拟扶持项目"],
        [["三家子", "张三", make_id("19800101", 11), 1000, -300, "养牛"]],
        title="2016年度惠民工程农户花名册",
    )
    dialog = RosterImportDialog(station, path=path)
    qtbot.addWidget(dialog)
    panel = dialog.preview_panel
    assert panel.tabs.currentWidget() is panel.unmapped_page
    assert [panel.unmapped.item(0, c).text() for c in range(3)] == ["E", "种养殖收入", "1"]
    assert panel.unmapped.item(0, 1).background().color().name() == UNMAPPED_BACKGROUND
    assert "种养殖收入" in panel.summary.text() and UNMAPPED_BACKGROUND in panel.summary.text()
    # The year the income heading names, with the reason; the title's 2016 is mentioned.
    assert dialog.year.value() == 2015 and "2016" in panel.summary.text()
    assert dialog.mapping_table.is_unmapped(4) and not dialog.mapping_table.is_unmapped(3)
    assert dialog.mapping_table.item(4, 1).background().color().name() == UNMAPPED_BACKGROUND

    dialog.import_button.click()  # asks first; the default goes to the mapping
    box = dialog.findChild(QMessageBox, "unmappedQuestion")
    assert box is not None and "种养殖收入" in box.informativeText()
    box.defaultButton().click()
    assert dialog.stack.currentIndex() == MAPPING and household_count(station) == 0
    assert dialog.mapping_table.currentRow() == 4

    dialog.mapping_table.set_field(4, "income_business")
    assert not dialog.mapping_table.is_unmapped(4)
    dialog.apply_mapping_button.click()
    assert dialog.outcome is not None and dialog.outcome.unmapped_columns == ()
    assert any("不能为负数" in n.reason for n in dialog.outcome.rejected)  # the −300 is now seen

    dialog.mapping_table.set_field(4, "")
    dialog.apply_mapping_button.click()
    dialog.year.setValue(2016)  # the user's choice wins over the heading's year
    assert dialog.outcome.year == 2016
    dialog.import_button.click()
    dialog.findChild(QMessageBox, "unmappedQuestion").buttons()[0].click()  # import without them
    assert dialog.stack.currentIndex() == RESULT and household_count(station) == 1
    with station.db.reader() as session:
        from huimin_desktop.model import Survey

        survey = session.scalars(select(Survey)).one()
        assert (survey.year, survey.income_wage, survey.needs) == (2016, 1000, "养牛")


def test_an_entry_users_refused_rows_are_masked(
    qtbot: QtBot, station: Station, roster: Path, data_dir: Path, chinese: str, sync_operations: None
) -> None:
    """The cells the village typed leave the program in the file: masked for 录入员, with no question."""
    from tests.stations import open_station

    station.users.create("wang.li", "王丽", "entry", password="wang-pass")
    station.close()
    with open_station(data_dir, user="wang.li", password="wang-pass") as entry:
        dialog = RosterImportDialog(entry)
        qtbot.addWidget(dialog)
        drop(dialog, roster)
        out = roster.with_name("退回-录入员.xlsx")
        dialog.write_rejected(out)  # no reason dialog: it would block here
        qtbot.waitUntil(out.exists)
        cells = [str(c.value) for row in load_workbook(out).active.iter_rows() for c in row if c.value]
        for number in (make_id("19700101", 31), "211381198001011234"):
            assert not any(number in c for c in cells), cells
        assert any("211381********" in c for c in cells)
