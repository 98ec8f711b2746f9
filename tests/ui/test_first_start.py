"""The first-start dialog: creating a station through the real widgets, inline validation, the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import has_station
from tests.stations import TEST_ADMIN, TEST_PASSWORD, new_station, open_station
from tests.ui.conftest import type_text
from ui import first_start, operations
from ui.first_start import FirstStartDialog, demo_data_dir


def open_dialog(qtbot: QtBot, folder: Path, *, password: str = TEST_PASSWORD) -> FirstStartDialog:
    """The dialog with the first administrator filled in (``admin`` is its default name)."""
    dialog = FirstStartDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.admin.text() == TEST_ADMIN
    type_text(dialog.password, password)
    type_text(dialog.password_again, password)
    return dialog


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_labels_are_chinese(qtbot: QtBot, tmp_path: Path, chinese: str) -> None:
    dialog = open_dialog(qtbot, tmp_path / "new")
    assert dialog.windowTitle() == "欢迎使用惠民工程数据采集系统"
    assert dialog.ok_button.text() == "创建站点"
    assert dialog.demo_button.text() == "打开演示数据"
    assert [dialog.level.itemText(i) for i in range(dialog.level.count())] == ["市", "县（市、区）", "乡镇"]
    assert dialog.level.currentData() == "township"


def test_divisions_follow_the_level(qtbot: QtBot, tmp_path: Path, chinese: str) -> None:
    dialog = open_dialog(qtbot, tmp_path / "new")
    townships = [dialog.division.itemData(i) for i in range(dialog.division.count())]
    assert "211381204000" in townships and all(len(code) == 12 for code in townships)
    assert dialog.division.isEditable()
    dialog.level.setCurrentIndex(dialog.level.findData("city"))
    assert [dialog.division.itemData(i) for i in range(dialog.division.count())] == ["211300"]
    assert not dialog.division.isEditable()
    dialog.level.setCurrentIndex(dialog.level.findData("county"))
    counties = [dialog.division.itemText(i) for i in range(dialog.division.count())]
    assert "北票市（211381）" in counties and len(counties) >= 7


def test_create_a_township_station(qtbot: QtBot, tmp_path: Path, chinese: str, sync_operations: None) -> None:
    folder = tmp_path / "new"
    dialog = open_dialog(qtbot, folder)
    dialog.level.setCurrentIndex(dialog.level.findData("township"))
    dialog.division.setCurrentIndex(dialog.division.findData("211381204000"))
    type_text(dialog.name, "马友营蒙古族乡 station")
    assert dialog.name.text() == "马友营蒙古族乡 station"
    click(qtbot, dialog.ok_button)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.station is not None
    dialog.station.close()
    with open_station(folder) as station:
        info = station.info()
    assert (info.name, info.level, info.division_code) == (
        "马友营蒙古族乡 station",
        "township",
        "211381204000",
    )


def test_a_township_may_type_its_12_digit_code(
    qtbot: QtBot, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    folder = tmp_path / "new"
    dialog = open_dialog(qtbot, folder)
    dialog.division.setEditText("")
    type_text(dialog.division.lineEdit(), "211324203000")
    type_text(dialog.name, "Dachengzi")
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.station is not None
    dialog.station.close()
    with open_station(folder) as station:
        assert station.info().division_code == "211324203000"


def test_the_administrator_password_is_checked_inline_and_nothing_is_created(
    qtbot: QtBot, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    folder = tmp_path / "new"
    dialog = open_dialog(qtbot, folder, password="")
    dialog.division.setCurrentIndex(dialog.division.findData("211381204000"))
    type_text(dialog.name, "马友营")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.admin_error.isVisible() and not folder.exists()
    type_text(dialog.password, "secret-1")
    type_text(dialog.password_again, "secret-2")
    click(qtbot, dialog.ok_button)
    assert dialog.admin_error.isVisible() and not folder.exists()
    dialog.password_again.clear()
    type_text(dialog.password_again, "secret-1")
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.station is not None and dialog.station.db.actor.username == "admin"
    assert dialog.station.recovery_code  # shown once by whoever opens the window
    dialog.station.close()


def test_empty_name_shows_an_inline_message_and_creates_nothing(
    qtbot: QtBot, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    folder = tmp_path / "new"
    dialog = open_dialog(qtbot, folder)
    dialog.division.setCurrentIndex(0)
    type_text(dialog.name, "   ")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.name_error.isVisible()
    assert dialog.name_error.text() == "请填写站点名称。"
    assert not dialog.division_error.isVisible()
    assert not has_station(folder)
    assert not (folder / "huimin.db").exists()
    # Typing clears the message.
    type_text(dialog.name, "x")
    assert not dialog.name_error.isVisible()


def test_a_bad_typed_code_shows_an_inline_message(
    qtbot: QtBot, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    folder = tmp_path / "new"
    dialog = open_dialog(qtbot, folder)
    dialog.division.setEditText("21138")
    type_text(dialog.name, "abc")
    click(qtbot, dialog.ok_button)
    assert dialog.division_error.isVisible()
    assert "12 位" in dialog.division_error.text()
    assert not has_station(folder)


def test_a_core_refusal_is_shown_inline(
    qtbot: QtBot, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    folder = tmp_path / "taken"
    new_station(folder, level="city", name="朝阳市民委", division_code="211300").close()
    dialog = open_dialog(qtbot, folder)
    dialog.division.setCurrentIndex(0)
    type_text(dialog.name, "second")
    click(qtbot, dialog.ok_button)
    assert dialog.form_error.isVisible()
    assert "已有站点" in dialog.form_error.text()
    assert dialog.ok_button.isEnabled()
    with open_station(folder) as station:
        assert station.info().name == "朝阳市民委"


def test_demo_data_opens_a_filled_city_station_beside_the_data_folder(
    qtbot: QtBot, tmp_path: Path, chinese: str, sync_operations: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_start, "DEMO_HOUSEHOLDS", 20)
    folder = tmp_path / "station"
    dialog = open_dialog(qtbot, folder)
    click(qtbot, dialog.demo_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.station is not None
    assert dialog.station.data_dir == demo_data_dir(folder) == tmp_path / "huimin-demo"
    info = dialog.station.info()
    assert (info.level, info.division_code) == ("city", "211300")
    assert dialog.station.households.count() == 20
    dialog.station.close()
    assert not has_station(folder)  # the real data folder stays empty


def test_cancelling_the_demo_leaves_no_households(
    qtbot: QtBot, tmp_path: Path, chinese: str, sync_operations: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_start, "DEMO_HOUSEHOLDS", 30)
    seen: list[tuple[int, int, str]] = []

    def press_cancel_on_first_progress(operation: operations.Operation[object]) -> None:
        def on_progress(done: int, total: int, message: str) -> None:
            seen.append((done, total, message))
            assert operation.progress_dialog is not None
            assert operation.progress_dialog.value() == done
            operation.progress_dialog.findChild(QPushButton).click()

        operation.progressed.connect(on_progress)

    operations.hooks().started.connect(press_cancel_on_first_progress)
    try:
        folder = tmp_path / "station"
        dialog = open_dialog(qtbot, folder)
        click(qtbot, dialog.demo_button)
    finally:
        operations.hooks().started.disconnect(press_cancel_on_first_progress)

    assert seen, "the demo reported no progress"
    assert dialog.isVisible() and dialog.station is None
    assert dialog.operation is not None and dialog.operation.was_cancelled
    assert dialog.demo_button.isEnabled()
    demo = demo_data_dir(folder)
    if has_station(demo):
        with open_station(demo) as station:
            assert station.households.count() == 0


def test_a_township_starts_from_its_setup_file_and_code(
    qtbot: QtBot, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    with new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300") as city:
        enrolled = city.enrollment.enroll("township", "马友营蒙古族乡", "211381204000", tmp_path / "s.json")
        city_id = city.info().id
    folder = tmp_path / "new"
    dialog = open_dialog(qtbot, folder)
    assert dialog.setup_button.text() == "选择安装文件…"
    assert dialog.setup_code.isVisible() and dialog.setup_code.isEnabled()
    # no code yet: it asks for one and writes nothing
    dialog.set_up_from(enrolled.setup_file)
    assert dialog.station is None and dialog.setup_error.isVisible()
    assert not folder.exists()
    # a wrong code: the core's one Chinese line, nothing written
    code = enrolled.setup_code
    wrong = ("A" if code[0] != "A" else "B") + code[1:]
    type_text(dialog.setup_code, wrong)
    assert not dialog.setup_error.isVisible()  # typing clears the message
    dialog.set_up_from(enrolled.setup_file)
    assert dialog.station is None
    assert dialog.setup_error.text().startswith("安装码不正确") and "\n" not in dialog.setup_error.text()
    assert not (folder / "huimin.db").exists()
    assert dialog.setup_button.isEnabled()
    # the right code, typed the way a cadre might (lower case, spaces)
    dialog.setup_code.clear()
    type_text(dialog.setup_code, code.lower().replace("-", " "))
    dialog.set_up_from(enrolled.setup_file)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.station is not None
    assert dialog.station.enrollment.upper().station_id == city_id
    assert dialog.station.info().id == enrolled.station_id
    dialog.station.close()


def test_a_damaged_setup_file_is_refused_inline_and_creates_nothing(
    qtbot: QtBot, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not a setup file", encoding="utf-8")
    folder = tmp_path / "new"
    dialog = open_dialog(qtbot, folder)
    type_text(dialog.setup_code, "7K3Q-M9TX-2BHD")
    dialog.set_up_from(bad)
    assert dialog.station is None
    assert dialog.setup_error.text()
    assert not (folder / "huimin.db").exists()
