"""从备份恢复 in the first-start dialog, through the real widgets, with a real backup the service made on
a "stick" (a tmp folder): the check first, then the administrator's password or the recovery code, then
the restored station opens. Every refusal is one Chinese line and leaves the data folder empty."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household
from tests.core.test_backup_restore import attach_photos
from tests.stations import TEST_ADMIN, TEST_PASSWORD, new_station, open_station
from tests.ui.conftest import type_text
from ui import operations
from ui.backup.new_laptop import RestoreNewDialog
from ui.first_start import FirstStartDialog


@pytest.fixture
def made(tmp_path: Path) -> Iterator[tuple[Path, str, str]]:
    """(backup folder on the stick, station id, recovery code) of a township with two households."""
    with new_station(
        tmp_path / "old-laptop", level="township", name="马友营蒙古族乡", division_code="211381204000"
    ) as old:
        add_household(old, "宝斯鲁", "211381198001010019")
        household = add_household(old, "其木格", "211381198503030027")
        attach_photos(old, household, tmp_path / "photos", 2)
        stick = tmp_path / "stick"
        stick.mkdir()
        folder = old.backups.to_drive(stick).folder
        code = old.recovery_code
        assert code
        yield folder, old.info().id, code


def _restore_dialog(qtbot: QtBot, folder: Path) -> tuple[FirstStartDialog, RestoreNewDialog]:
    first = FirstStartDialog(folder)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    qtbot.mouseClick(first.restore_button, Qt.MouseButton.LeftButton)
    dialog = first.restore_dialog
    assert dialog is not None and dialog.isVisible()
    return first, dialog


def _one_chinese_line(label: QLabel) -> str:
    text = label.text()
    assert label.isVisible() and text, "no message shown"
    assert "\n" not in text and "Traceback" not in text, text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    return text


def _households(station: Station) -> int:
    return station.households.count()


def test_restore_with_the_administrators_password_opens_the_station(
    qtbot: QtBot, tmp_path: Path, made: tuple[Path, str, str], chinese: str, sync_operations: None
) -> None:
    backup, station_id, _code = made
    target = tmp_path / "new-laptop"
    first, dialog = _restore_dialog(qtbot, target)
    assert not dialog.restore_button.isEnabled() and not dialog.login_box.isEnabled()  # check first
    dialog.check(backup)
    assert dialog.checked is not None and dialog.checked.station_id == station_id
    assert "马友营蒙古族乡" in dialog.check_outcome.text() and dialog.check_outcome.isVisible()
    assert dialog.login_box.isEnabled() and dialog.restore_button.isEnabled()
    assert not target.exists()  # the check wrote nothing
    type_text(dialog.password, TEST_PASSWORD)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert first.result() == QDialog.DialogCode.Accepted
    station = first.station
    assert station is not None
    try:
        assert station.info().id == station_id
        assert station.db.actor.username == TEST_ADMIN
        assert _households(station) == 2
        assert station.data_dir == target
    finally:
        station.close()


def test_restore_with_the_recovery_code_sets_a_new_password(
    qtbot: QtBot, tmp_path: Path, made: tuple[Path, str, str], chinese: str, sync_operations: None
) -> None:
    backup, _id, code = made
    target = tmp_path / "new-laptop"
    first, dialog = _restore_dialog(qtbot, target)
    dialog.check(backup)
    dialog.with_code.setChecked(True)
    assert (
        dialog.code.isVisible() and dialog.new_password_again.isVisible() and not dialog.password.isVisible()
    )
    type_text(dialog.code, code)
    type_text(dialog.new_password, "new-pass-2026")
    type_text(dialog.new_password_again, "new-pass-2027")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.login_error.isVisible() and not target.exists()  # the two differ: nothing tried
    dialog.new_password_again.clear()
    type_text(dialog.new_password_again, "new-pass-2026")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert first.station is not None
    first.station.close()
    with open_station(target, password="new-pass-2026") as again:
        assert _households(again) == 2


def test_what_is_no_backup_and_a_damaged_backup_are_refused_at_the_check(
    qtbot: QtBot, tmp_path: Path, made: tuple[Path, str, str], chinese: str, sync_operations: None
) -> None:
    backup, _id, _code = made
    target = tmp_path / "new-laptop"
    _first, dialog = _restore_dialog(qtbot, target)
    not_a_backup = tmp_path / "camera"
    not_a_backup.mkdir()
    (not_a_backup / "IMG_1.jpg").write_bytes(b"\xff\xd8 a photo")
    dialog.check(not_a_backup)
    line = _one_chinese_line(dialog.check_error)
    assert "不是本程序的备份文件夹" in line and "Errno" not in line
    assert not dialog.restore_button.isEnabled()

    database = backup / "huimin.db"
    spoilt = bytearray(database.read_bytes())
    spoilt[-100] ^= 0xFF
    database.write_bytes(bytes(spoilt))
    dialog.check(backup)
    assert "备份已损坏" in _one_chinese_line(dialog.check_error)
    assert dialog.checked is None and not dialog.restore_button.isEnabled()
    assert not target.exists()


def test_a_wrong_password_and_a_clerk_are_refused_in_one_line(
    qtbot: QtBot, tmp_path: Path, made: tuple[Path, str, str], chinese: str, sync_operations: None
) -> None:
    backup, _id, _code = made
    target = tmp_path / "new-laptop"
    _first, dialog = _restore_dialog(qtbot, target)
    dialog.check(backup)
    type_text(dialog.password, "not-the-password")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "用户名或密码错误" in _one_chinese_line(dialog.login_error)
    assert dialog.password.text() == "" and dialog.isVisible()
    assert dialog.restore_button.isEnabled()  # the check still holds: try again
    dialog.with_code.setChecked(True)
    type_text(dialog.code, "AAAA-BBBB-CCCC-DDDD")
    type_text(dialog.new_password, "new-pass-2026")
    type_text(dialog.new_password_again, "new-pass-2026")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "恢复码不正确" in _one_chinese_line(dialog.login_error)
    assert not target.exists()


def test_a_backup_pieced_together_from_two_stations_is_refused(
    qtbot: QtBot, tmp_path: Path, made: tuple[Path, str, str], chinese: str, sync_operations: None
) -> None:
    import hashlib

    backup, _id, _code = made
    with new_station(
        tmp_path / "other", level="township", name="蒙古营乡", division_code="211381205000"
    ) as other:
        other_stick = tmp_path / "other-stick"
        other_stick.mkdir()
        foreign = other.backups.to_drive(other_stick).folder
    shutil.copyfile(foreign / "huimin.db", backup / "huimin.db")
    manifest = json.loads((backup / "backup.json").read_text(encoding="utf-8"))
    data = (backup / "huimin.db").read_bytes()
    manifest["files"]["huimin.db"] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    (backup / "backup.json").write_text(json.dumps(manifest), encoding="utf-8")
    target = tmp_path / "new-laptop"
    _first, dialog = _restore_dialog(qtbot, target)
    dialog.check(backup)
    type_text(dialog.password, TEST_PASSWORD)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "不属于同一个站点" in _one_chinese_line(dialog.login_error)
    assert not target.exists()


@contextmanager
def _on_progress(step: str, act: Callable[[operations.Operation[Any]], None]) -> Iterator[None]:
    """Call ``act(operation)`` when an operation reports ``step`` (with PROGRESS_INTERVAL_S at 0, every
    report gets through)."""

    def started(operation: operations.Operation[Any]) -> None:
        operation.progressed.connect(lambda _d, _t, message: act(operation) if message == step else None)

    operations.hooks().started.connect(started)
    try:
        yield
    finally:
        operations.hooks().started.disconnect(started)


def test_a_stick_pulled_out_half_way_leaves_the_folder_empty(
    qtbot: QtBot,
    tmp_path: Path,
    made: tuple[Path, str, str],
    chinese: str,
    sync_operations: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(operations, "PROGRESS_INTERVAL_S", 0.0)
    backup, _id, _code = made
    target = tmp_path / "new-laptop"
    target.mkdir()  # the folder the user chose, already there and empty
    _first, dialog = _restore_dialog(qtbot, target)
    dialog.check(backup)
    type_text(dialog.password, TEST_PASSWORD)
    stick = backup.parent

    def pull(_operation: operations.Operation[Any]) -> None:
        if stick.exists():
            shutil.rmtree(stick)

    with _on_progress("正在恢复附件", pull):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert not stick.exists()
    assert "U 盘可能已被拔出" in _one_chinese_line(dialog.check_error)
    assert list(target.iterdir()) == []  # nothing left behind
    assert dialog.checked is None and not dialog.restore_button.isEnabled()  # choose and check again


def test_the_check_can_be_cancelled(
    qtbot: QtBot,
    tmp_path: Path,
    made: tuple[Path, str, str],
    chinese: str,
    sync_operations: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(operations, "PROGRESS_INTERVAL_S", 0.0)
    backup, _id, _code = made
    _first, dialog = _restore_dialog(qtbot, tmp_path / "new-laptop")

    def cancel(operation: operations.Operation[Any]) -> None:
        operation.cancel()

    with _on_progress("正在检查备份", cancel):
        dialog.check(backup)
    assert dialog.checked is None and not dialog.restore_button.isEnabled()
    assert dialog.check_error.isVisible() and "\n" not in dialog.check_error.text()
    assert dialog.operation is not None and dialog.operation.was_cancelled
