"""The GUI's side of the failure logs: an exception in a slot goes to a sealed log (no personal data in
clear) and the user sees one line naming it, never a traceback; Help → 错误日志… shows the logs to an
administrator only (a list with time and command, the text, Copy)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from huimin_desktop.services import failure_logs
from huimin_desktop.services.station import Station
from tests.stations import open_station
from ui import crash_log
from ui.log_viewer import LogViewer
from ui.main_window import MainWindow

ID_NUMBER = "211381198001010019"


@pytest.fixture
def our_hook(station: Station) -> Iterator[None]:
    previous = sys.excepthook
    crash_log.install(station.data_dir)
    try:
        yield
    finally:
        crash_log.uninstall()
        sys.excepthook = previous
        for box in list(crash_log.shown):
            box.close()
        crash_log.shown.clear()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_sealed_and_told_in_one_line(
    qtbot: QtBot, station: Station, our_hook: None, capsys: pytest.CaptureFixture[str]
) -> None:
    button = QPushButton("save")
    qtbot.addWidget(button)

    def broken_slot() -> None:
        raise ValueError(f"cannot save household {ID_NUMBER} 宝斯鲁")

    button.clicked.connect(broken_slot)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    folder = failure_logs.log_folder(station.data_dir)
    [log] = list(folder.iterdir())
    assert log.name.startswith("gui-") and log.name.endswith(".log.sealed")
    raw = log.read_bytes()
    for needle in (ID_NUMBER, "宝斯鲁", "broken_slot"):
        assert needle.encode() not in raw and needle.encode("utf-16-le") not in raw
    [entry] = station.failure_logs.entries()
    assert entry.source == failure_logs.GUI and "broken_slot" in entry.text and ID_NUMBER in entry.text
    [box] = crash_log.shown
    assert box.isVisible() and "\n" not in box.text() and "Traceback" not in box.text()
    assert str(log) in box.text()
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(log) in err and len(err.strip().splitlines()) == 1
    # a second failure while the box is up is logged, with no second box
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(list(folder.iterdir())) == 2 and crash_log.shown == [box]


def test_a_failed_operation_is_logged_too(qtbot: QtBot, station: Station, our_hook: None) -> None:
    from ui import operations

    widget = QPushButton()
    qtbot.addWidget(widget)

    def work(_task: object) -> None:
        raise KeyError(f"record {ID_NUMBER}")

    with operations.synchronous():
        operation = operations.Operation(widget, work, label="saving")
        operation.run_in_background()
    [entry] = station.failure_logs.entries()
    assert "KeyError" in entry.error and "saving failed" in entry.command
    assert ID_NUMBER.encode() not in entry.path.read_bytes()


def _bug(station: Station, message: str) -> None:
    from huimin_desktop.cli.failures import log_bug

    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        log_bug(error, argparse.Namespace(data=str(station.data_dir)))


def test_the_viewer_lists_the_logs_shows_the_text_and_copies_it(
    qtbot: QtBot, station: Station, chinese: str
) -> None:
    _bug(station, "first bug")
    _bug(station, f"second bug {ID_NUMBER}")
    window = MainWindow(station)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    menu = window.help_menu
    menu.update_actions()
    assert menu.logs_action.isVisible()
    menu.logs_action.trigger()
    viewer = menu.log_viewer
    assert isinstance(viewer, LogViewer) and viewer.isVisible()
    assert viewer.table.rowCount() == 2
    errors = {viewer.table.item(row, 3).text() for row in range(2)}
    assert errors == {"RuntimeError: first bug", f"RuntimeError: second bug {ID_NUMBER}"}
    assert viewer.table.item(0, 2).text()  # the command line of the failed run
    viewer.table.selectRow(1)
    shown = viewer.text.toPlainText()
    assert "Traceback" in shown and viewer.logs[1].text == shown
    viewer.copy_button.click()
    assert QGuiApplication.clipboard().text() == shown
    viewer.close()


def test_an_empty_viewer_says_so(qtbot: QtBot, station: Station) -> None:
    viewer = LogViewer(station)
    qtbot.addWidget(viewer)
    viewer.show()
    assert viewer.table.rowCount() == 0 and viewer.empty.isVisible() and not viewer.copy_button.isEnabled()


def test_only_an_administrator_sees_the_entry(qtbot: QtBot, station: Station, tmp_path: Path) -> None:
    station.users.create("checker", "审核员甲", "reviewer", password="check-pass-1")
    with open_station(station.data_dir, user="checker", password="check-pass-1") as reviewer:
        window = MainWindow(reviewer)
        qtbot.addWidget(window)
        window.show()
        window.help_menu.update_actions()
        assert not window.help_menu.logs_action.isVisible()
        window.close()
