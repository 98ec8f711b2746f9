"""The audit log viewer: the table shows what the filters select, the export writes it to .xlsx, and the
File menu offers it only to reviewers and administrators; the sync page hides what a role is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from huimin_desktop.security import roles
from huimin_desktop.security.roles import ADMIN, ENTRY, REVIEWER
from huimin_desktop.services.audit import AuditFilter
from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household, set_household
from tests.stations import new_station, open_station
from tests.ui.privacy_helpers import answer_reason
from ui.audit.viewer import AuditWindow
from ui.main_window import MainWindow
from ui.pages.sync_page import SyncPage


def _viewer(qtbot: QtBot, station: Station) -> AuditWindow:
    window = AuditWindow(station)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _column(window: AuditWindow, column: int) -> list[str]:
    model = window.model
    return [
        model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount())
    ]


def _choose(combo, value: str) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_the_table_shows_what_the_filters_select(qtbot: QtBot, station: Station, chinese: str) -> None:
    household = add_household(station, "宝斯鲁", "211381199001011234")
    set_household(station, household, phone="13911112222")
    station.users.create("clerk", "李明", ENTRY, password="clerk-pass")
    window = _viewer(qtbot, station)
    assert window.model.rowCount() == station.audit.count()

    _choose(window.action, "update")
    assert _column(window, 2) == ["修改"]
    assert _column(window, 6) == ["联系电话：13800000000 → 13911112222"]
    _choose(window.action, "create")
    _choose(window.kind, "household")
    assert _column(window, 4) == [household] and _column(window, 1) == ["admin"]
    window.kind.setCurrentIndex(0)
    window.action.setCurrentIndex(0)
    window.record.setText("clerk")
    window.record.editingFinished.emit()
    assert _column(window, 2) == ["新建用户"]
    window.record.clear()
    window.record.editingFinished.emit()
    window.date_from.setDate(QDate.currentDate().addDays(2))
    window.use_from.setChecked(True)
    assert window.model.rowCount() == 0 and not window.export_button.isEnabled()
    window.use_from.setChecked(False)
    window.date_to.setDate(QDate.currentDate().addDays(-2))
    window.use_to.setChecked(True)
    assert window.model.rowCount() == 0
    window.use_to.setChecked(False)
    assert window.model.rowCount() == station.audit.count()


def test_in_english_the_lines_say_what_happened_in_english(
    qtbot: QtBot, station: Station, english: str
) -> None:
    household = add_household(station, "宝斯鲁", "211381199001011234")
    set_household(station, household, phone="13911112222")
    station.users.create("clerk", "李明", ENTRY, password="clerk-pass")
    station.users.set_role("clerk", REVIEWER)
    window = _viewer(qtbot, station)
    _choose(window.action, "update")
    assert _column(window, 2) == ["Change"] and _column(window, 6) == ["phone: 13800000000 → 13911112222"]
    window.action.setCurrentIndex(0)
    window.record.setText("clerk")
    window.record.editingFinished.emit()
    assert _column(window, 5) == ["Role of clerk: entry → reviewer", "User clerk created (entry)"]
    assert _column(window, 6) == ["role: entry → reviewer", "name: — → 李明; role: — → entry"]


def test_export_writes_the_filtered_lines_and_is_logged(
    qtbot: QtBot, station: Station, tmp_path: Path
) -> None:
    add_household(station, "宝斯鲁", "211381199001011234", members=3)
    window = _viewer(qtbot, station)
    _choose(window.kind, "member")
    shown = _column(window, 4)
    assert len(shown) == 3
    answer_reason("年终核对")  # an administrator sees the values whole: the export asks why
    count = window.export_to(tmp_path / "audit")  # the .xlsx suffix is added
    assert count == 3
    sheet = load_workbook(tmp_path / "audit.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:5] == ("时间", "用户", "操作", "记录类型", "记录编号")
    assert [r[4] for r in rows[2:]] == shown and {r[3] for r in rows[2:]} == {"家庭成员"}
    (logged,) = station.audit.lines(AuditFilter(action="export", kind="audit_log"))
    assert logged.user == "admin" and logged.details["lines"] == 3
    assert logged.details["reason"] == "年终核对" and logged.details["full_personal_data"] is True
    answer_reason(cancel=True)
    assert (
        window.export_to(tmp_path / "cancelled.xlsx") is None and not (tmp_path / "cancelled.xlsx").exists()
    )
    answer_reason(masked=True)
    assert window.export_to(tmp_path / "no-such-folder" / "a.xlsx") is None
    assert "不存在" in window.status.text()


def test_the_file_menu_offers_the_log_to_reviewers_and_administrators(qtbot: QtBot, station: Station) -> None:
    station.users.create("clerk", "李明", ENTRY, password="clerk-pass")
    station.users.create("checker", "王审", REVIEWER, password="checker-pass")
    folder = station.data_dir
    station.close()
    for user, password, shown in (("clerk", "clerk-pass", False), ("checker", "checker-pass", True)):
        opened = Station.open(folder, user, password)
        try:
            window = MainWindow(opened)
            qtbot.addWidget(window)
            assert window.audit_action.isVisible() is shown
            assert not window.users_action.isVisible()
            if shown:
                window.audit_action.trigger()
                assert window.audit_window.model.rowCount() > 0
                window.audit_window.close()
            window.close()
        finally:
            opened.close()


@pytest.mark.parametrize(
    ("role", "merge", "enroll"), [(ENTRY, False, False), (REVIEWER, True, False), (ADMIN, True, True)]
)
def test_the_sync_page_shows_only_what_the_role_may_do(
    qtbot: QtBot, tmp_path: Path, role: str, merge: bool, enroll: bool
) -> None:
    with new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300") as city:
        city.users.create("someone", "", role, password="someone-pass")
    opened = Station.open(tmp_path / "city", "someone", "someone-pass")
    try:
        page = SyncPage(opened)
        qtbot.addWidget(page)
        page.show()
        assert page.export_button.isVisible()  # every role sends its packages up
        assert page.merge_button.isVisible() is merge and page.conflicts_button.isVisible() is merge
        assert page.descriptions[page.merge_button].isVisible() is merge
        assert page.enroll_button.isVisible() is enroll and page.revoke_button.isVisible() is enroll
    finally:
        opened.close()


def test_a_role_without_the_right_reads_the_values_masked(
    qtbot: QtBot, station: Station, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should an office let 录入员 read the log (the permission table is the only change), every cell of
    the viewer shows ID numbers and phones masked, and its export holds them masked with no question."""
    import zipfile

    from sqlalchemy import select

    from huimin_desktop.domain.masking import MASKED
    from huimin_desktop.model import Member

    household = add_household(station, "宝斯鲁", "211381199001019999")
    with station.db.session() as session:  # a corrected ID number: its before and after are logged
        member = session.scalars(select(Member).where(Member.household_id == household)).one()
        member.id_number = "211381199001011234"
    set_household(station, household, phone="13911112222")
    station.users.create("clerk", "李明", ENTRY, password="clerk-pass")
    folder = station.data_dir
    station.close()
    monkeypatch.setitem(roles.LOWEST_ROLE, roles.READ_AUDIT, roles.ENTRY)
    with open_station(folder, user="clerk", password="clerk-pass") as clerk:
        window = _viewer(qtbot, clerk)
        texts = " ".join(" ".join(_column(window, c)) for c in range(window.model.columnCount()))
        for whole in ("211381199001019999", "211381199001011234", "13911112222", "13800000000"):
            assert whole not in texts
        assert MASKED.id_number("211381199001011234") in texts and MASKED.phone("13911112222") in texts
        assert window.export_to(tmp_path / "clerk.xlsx")  # no reason dialog: it would block here
        with zipfile.ZipFile(tmp_path / "clerk.xlsx") as book:
            xml = "".join(book.read(name).decode("utf-8") for name in book.namelist())
        assert "211381199001011234" not in xml and "13911112222" not in xml
        window.close()
