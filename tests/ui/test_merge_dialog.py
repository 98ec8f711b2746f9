"""The merge dialog: choosing packages (list, USB stick, drag and drop), the preview, the real merge."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from huimin_desktop.sync.drives import TEST_DRIVES_ENV
from tests.core.sync_helpers import household_field
from tests.ui.sync_scenario import enroll, phone_conflict, stick, township_sends_households
from ui.sync.merge_dialog import PREVIEW, RESULT, MergeDialog
from ui.sync.texts import REFUSED_COLOR


def _dialog(qtbot: QtBot, station: Station, *paths: Path) -> MergeDialog:
    dialog = MergeDialog(station, paths=paths)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_choosing_folders_files_and_removing(qtbot: QtBot, station: Station, tmp_path: Path, english) -> None:
    dialog = _dialog(qtbot, station)
    assert not dialog.preview_button.isEnabled()
    first, second = stick(tmp_path, "A"), stick(tmp_path, "B")
    manifest = second / "MANIFEST.JSN"
    manifest.write_text("{}")
    dialog.add_path(first)
    dialog.add_path(manifest)  # a file stands for the folder it is in
    dialog.add_path(first)  # twice is once
    assert dialog.paths() == [first, second]
    assert dialog.preview_button.isEnabled()
    dialog.path_list.item(0).setSelected(True)
    dialog.remove_button.click()
    assert dialog.paths() == [second]


def test_folders_dropped_on_the_dialog_are_added(qtbot: QtBot, station: Station, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, station)
    folders = [stick(tmp_path, "P1"), stick(tmp_path, "P2")]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(f)) for f in folders])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dropEvent(drop)
    assert dialog.paths() == folders


def test_the_usb_stick_menu_adds_the_stick(
    qtbot: QtBot, station: Station, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english: str
) -> None:
    usb = stick(tmp_path, "KINGSTON")
    monkeypatch.setenv(TEST_DRIVES_ENV, str(usb))
    dialog = _dialog(qtbot, station)
    dialog._fill_drive_menu()
    (action,) = dialog.drive_menu.actions()
    assert action.text().startswith("KINGSTON (")
    action.trigger()
    assert dialog.paths() == [usb]


def test_a_folder_that_is_no_package_is_refused_in_red_with_its_reason(
    qtbot: QtBot, pair: tuple[Station, Station], tmp_path: Path, sync_operations: None, english: str
) -> None:
    city, _township = pair
    junk = stick(tmp_path, "PHOTOS")
    (junk / "IMG_0001.JPG").write_bytes(b"\xff\xd8")
    dialog = _dialog(qtbot, city, junk)
    dialog.preview_button.click()
    assert dialog.stack.currentIndex() == PREVIEW
    table = dialog.preview_table
    assert table.rowCount() == 1
    assert table.text(0, "status") == "Refused"
    assert table.text(0, "reason")  # the core's one-line reason
    assert table.item(0, 7).foreground().color() == QColor(REFUSED_COLOR)
    assert not dialog.merge_button.isEnabled()
    assert "1 refused" in dialog.preview_intro.text()


def test_preview_changes_nothing_then_merge_applies(
    qtbot: QtBot, pair: tuple[Station, Station], tmp_path: Path, sync_operations: None, english: str
) -> None:
    city, township = pair
    usb = stick(tmp_path, "KINGSTON")
    households = township_sends_households(township, usb, heads=3)
    dialog = _dialog(qtbot, city, usb)
    dialog.preview_button.click()

    table = dialog.preview_table
    assert dialog.stack.currentIndex() == PREVIEW
    assert table.rowCount() == 1
    assert table.text(0, "origin") == "马友营蒙古族乡 (211381204000)"  # the English interface names it so
    assert table.text(0, "status") == "Will be merged"
    assert int(table.text(0, "new")) >= 6  # 3 households and their 3 heads
    assert table.text(0, "conflicts") == "0"
    assert dialog.merge_button.isEnabled()
    assert city.households.count() == 0  # the preview changed nothing

    merged: list[list[object]] = []
    dialog.merged.connect(merged.append)
    dialog.merge_button.click()
    assert dialog.stack.currentIndex() == RESULT
    assert dialog.result_table.text(0, "status") == "Merged"
    assert city.households.count() == 3
    assert household_field(city, households[0], "head_name") == "宝斯鲁"
    assert len(merged) == 1
    assert not dialog.review_button.isVisibleTo(dialog)


def test_preview_lists_the_conflicts_to_come_and_a_revoked_station_is_refused(
    qtbot: QtBot, pair: tuple[Station, Station], tmp_path: Path, sync_operations: None, english: str
) -> None:
    city, township = pair
    usb = stick(tmp_path, "KINGSTON")
    phone_conflict(city, township, usb)
    # A second township sends a package, then its laptop is stolen: the city revokes it.
    other = enroll(city, tmp_path / "net2", name="蒙古营乡", code="211381205000")
    other_usb = stick(tmp_path, "OTHER")
    township_sends_households(other, other_usb, heads=1)
    other.close()
    city.enrollment.revoke("211381205000", "笔记本电脑被盗")

    dialog = _dialog(qtbot, city, usb, other_usb)
    dialog.preview_button.click()
    table = dialog.preview_table
    assert table.rowCount() == 2
    assert [table.text(r, "status") for r in range(2)] == ["Will be merged", "Refused"]
    assert "revoked station" in table.text(1, "reason")  # in the interface's language
    assert table.item(1, 2).foreground().color() == QColor(REFUSED_COLOR)
    assert table.text(0, "conflicts") == "1"
    conflicts = dialog.preview_conflicts
    assert conflicts.rowCount() == 1
    assert conflicts.item(0, 0).text() == "马友营蒙古族乡 (211381204000)"  # the English interface names it so
    assert conflicts.item(0, 1).text() and conflicts.item(0, 2).text()  # record and field, as labelled
    kept, other = conflicts.item(0, 4).text(), conflicts.item(0, 5).text()
    assert {kept.split()[0], other.split()[0]} == {"13911111111", "13922222222"}
    assert city.sync.conflicts() == []  # not yet: only a preview

    dialog.merge_button.click()
    assert dialog.stack.currentIndex() == RESULT
    assert [dialog.result_table.text(r, "status") for r in range(2)] == ["Merged", "Refused"]
    assert len(city.sync.conflicts()) == 1
    assert dialog.review_button.isVisibleTo(dialog)
    asked: list[bool] = []
    dialog.review_conflicts.connect(lambda: asked.append(True))
    dialog.review_button.click()
    assert asked == [True]


def test_a_stick_holding_packages_is_listed_at_once(
    qtbot: QtBot, pair: tuple[Station, Station], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    city, township = pair
    usb, empty = stick(tmp_path, "KINGSTON"), stick(tmp_path, "EMPTY")
    township_sends_households(township, usb, heads=1)
    monkeypatch.setenv(TEST_DRIVES_ENV, os.pathsep.join([str(usb), str(empty)]))
    dialog = _dialog(qtbot, city)
    assert dialog.paths() == [usb]  # the empty stick is not offered as a package
    assert dialog.preview_button.isEnabled()


def test_this_stations_own_package_is_skipped_and_counted(
    qtbot: QtBot, pair: tuple[Station, Station], tmp_path: Path, sync_operations: None, english: str
) -> None:
    _city, township = pair
    usb = stick(tmp_path, "KINGSTON")
    township_sends_households(township, usb, heads=2)  # its own package, waiting to go up
    dialog = _dialog(qtbot, township, usb)
    dialog.preview_button.click()
    assert dialog.preview_table.text(0, "status") == "This station's own package (skipped)"
    assert dialog.preview_table.item(0, 2).foreground().color() != QColor(REFUSED_COLOR)
    assert "0 refused" in dialog.preview_intro.text()
    assert "Skipped 1 of this station's own package(s)." in dialog.preview_intro.text()
    assert not dialog.merge_button.isEnabled()  # nothing to merge
