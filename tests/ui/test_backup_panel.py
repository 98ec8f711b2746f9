"""The settings page's backup card: folder and last backups shown, 备份到U盘 with progress, cancel and a
resumed run, restore checked, confirmed and reloaded into the window; hidden from an entry clerk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household
from tests.stations import open_station
from ui import operations
from ui.backup.dialogs import DriveBackupDialog, RestoreDialog
from ui.backup.panel import BackupPanel
from ui.main_window import MainWindow


def heads(station: Station) -> list[str]:
    with station.db.engine.connect() as connection:
        return sorted(r[0] for r in connection.exec_driver_sql("SELECT head_name FROM household"))


def settings_panel(qtbot: QtBot, station: Station) -> tuple[MainWindow, BackupPanel]:
    window = MainWindow(station)
    qtbot.addWidget(window)
    window.show()
    window.show_page("settings")
    panel = window.pages["settings"].backups
    assert isinstance(panel, BackupPanel)
    return window, panel


def test_the_card_shows_the_backup_folder_and_the_last_backups(qtbot, station, english, sync_operations):
    _window, panel = settings_panel(qtbot, station)
    assert panel.folder.text() == str(station.db.folder.backups_dir)
    assert panel.latest.text() == "none yet"
    assert panel.last_drive.text() == "never"
    assert panel.to_drive.isVisible() and panel.restore.isVisible()
    panel.daily.run_if_due()  # what the hourly timer does
    assert [b.label for b in station.backups.list()] == ["daily"]
    assert panel.latest.text().endswith("(1 kept)")
    panel.daily.run_if_due()  # once a day
    assert len(station.backups.list()) == 1


def test_back_up_to_a_stick_cancel_and_go_on(qtbot, station, english, sync_operations, usb, tmp_path):
    add_household(station, "宝斯鲁", "211381198001010019")
    dialog = DriveBackupDialog(station)
    qtbot.addWidget(dialog)
    assert dialog.picker.select_path(usb)
    assert dialog.start.isEnabled()

    def cancel_at_first_report(operation: operations.Operation) -> None:
        operation.progressed.connect(lambda *_: operation.cancel())

    operations.hooks().started.connect(cancel_at_first_report)
    try:
        dialog.start.click()
    finally:
        operations.hooks().started.disconnect(cancel_at_first_report)
    assert "Cancelled" in dialog.outcome.text()
    (folder,) = usb.iterdir()
    assert (folder / "unfinished.json").exists()
    dialog.start.click()
    assert dialog.result_value is not None and dialog.result_value.resumed
    assert dialog.result_value.folder == folder and (folder / "backup.json").exists()
    assert "read back and matches" in dialog.outcome.text()
    panel = BackupPanel(station)
    qtbot.addWidget(panel)
    assert str(folder) in panel.last_drive.text()


def test_a_refused_backup_shows_its_one_line_and_offers_nothing_to_confirm(
    qtbot, station, english, sync_operations
):
    copy = station.backups.take("daily")
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    dialog = RestoreDialog(station)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    dialog.start.click()
    assert dialog.confirm_box is None
    assert "damaged" in dialog.outcome.text() and "\n" not in dialog.outcome.text()


def test_restore_is_checked_confirmed_and_the_window_reads_the_data_again(
    qtbot, station, english, sync_operations
):
    add_household(station, "宝斯鲁", "211381198001010019")
    station.backups.take("daily")
    add_household(station, "其木格", "211381198503030027")
    window, panel = settings_panel(qtbot, station)
    households_page = window.pages["households"]
    assert households_page.model.rowCount() == 2
    panel.restore_backup()
    dialog = panel.restore_dialog
    dialog.list.setCurrentRow(0)
    dialog.start.click()
    box = dialog.confirm_box
    assert box is not None and "马友营蒙古族乡" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert dialog.result_value is not None
    assert heads(station) == ["宝斯鲁"]
    qtbot.waitUntil(lambda: window.pages["households"] is not households_page)
    assert window.pages["households"].model.rowCount() == 1


def test_an_entry_clerk_sees_the_card_without_the_buttons(qtbot, station, data_dir, english):
    station.users.create("clerk", "录入员甲", "entry", password="clerk-pass-1")
    with open_station(data_dir, user="clerk", password="clerk-pass-1") as clerk:
        panel = BackupPanel(clerk)
        qtbot.addWidget(panel)
        panel.show()
        assert not panel.to_drive.isVisible() and not panel.restore.isVisible()
        assert panel.folder.text() == str(Path(data_dir) / "backups")
