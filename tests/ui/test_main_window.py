"""The main window on a station: title, navigation (Chinese and English), shortcuts, pages, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from tests.stations import TEST_ADMIN, TEST_PASSWORD, new_station
from tests.ui.conftest import type_text
from ui import preferences
from ui.i18n import choose_language
from ui.main_window import MainWindow
from ui.pages.households_page import HouseholdsPage
from ui.pages.settings_page import SettingsPage

CHINESE_LABELS = ["农户", "项目档案", "培训", "考核", "同步", "报表", "设置"]
ENGLISH_LABELS = [
    "Overview",
    "Households",
    "Project archives",
    "Training",
    "Assessment",
    "Sync",
    "Reports",
    "Settings",
]


def home_label() -> str:
    """首页 once the catalog has it (the session's incoming translations); until then the source."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("MainWindow", "Overview")


def open_window(qtbot: QtBot, station: Station) -> MainWindow:
    window = MainWindow(station)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_title_navigation_and_status_bar_are_chinese(qtbot: QtBot, station: Station, chinese: str) -> None:
    window = open_window(qtbot, station)
    assert window.windowTitle() == "惠民工程数据采集系统 — 马友营蒙古族乡"
    assert window.navigation_labels() == [home_label(), *CHINESE_LABELS]
    assert window.navigation.currentRow() == 0
    assert window.stack.currentWidget() is window.pages["home"]  # the 首页 opens first
    assert window.station_label.text() == "站点：马友营蒙古族乡（乡镇）"
    assert window.folder_label.text() == f"数据文件夹：{station.data_dir}"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "帮助(&H)"]


def test_households_page_lists_the_station(qtbot: QtBot, station: Station, chinese: str) -> None:
    from huimin_desktop.demo import generate_demo

    generate_demo(station, 25, seed=5)
    window = open_window(qtbot, station)
    page = window.pages["households"]
    assert isinstance(page, HouseholdsPage)
    assert page.model.rowCount() == 25


def test_ctrl_number_switches_pages(qtbot: QtBot, station: Station, chinese: str) -> None:
    window = open_window(qtbot, station)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "training"
    page = window.stack.currentWidget()
    assert type(page).__name__ == "TrainingPage"
    assert page.title.text() == "培训"
    assert window.navigation.currentItem().text() == "培训"
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.stack.currentWidget(), SettingsPage)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "households"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "home"


def test_clicking_the_navigation_switches_pages(qtbot: QtBot, station: Station, chinese: str) -> None:
    window = open_window(qtbot, station)
    item = window.navigation.item(5)
    rect = window.navigation.visualItemRect(item)
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page_key() == "sync"
    assert window.stack.currentWidget().title.text() == "同步"


def test_english_interface(qtbot: QtBot, station: Station, english: str) -> None:
    window = open_window(qtbot, station)
    assert window.navigation_labels() == ENGLISH_LABELS
    assert window.windowTitle() == "Huimin Desktop — 马友营蒙古族乡"
    assert window.station_label.text() == "Station: 马友营蒙古族乡 (Township)"
    # The longer English labels are not elided.
    metrics = window.navigation.fontMetrics()
    for row in range(window.navigation.count()):
        rect = window.navigation.visualItemRect(window.navigation.item(row))
        assert rect.width() >= metrics.horizontalAdvance(window.navigation.item(row).text()) + 24 + 20


def test_settings_page_shows_folder_version_and_saves_the_language(
    qtbot: QtBot, station: Station, chinese: str
) -> None:
    from huimin_desktop import __version__

    window = open_window(qtbot, station)
    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    assert page.data_folder.text() == str(station.data_dir)
    assert page.version.text() == __version__
    assert page.language.currentText() == "中文"
    assert "重新启动" in page.language_note.text()
    page.language.setCurrentIndex(page.language.findText("English"))
    assert preferences.read(preferences.LANGUAGE) == "en"
    assert choose_language(None) == "en"
    assert "已保存" in page.language_note.text()


@pytest.mark.parametrize(
    ("explicit", "saved", "expected"),
    [
        (None, None, "zh_CN"),
        (None, "en", "en"),
        ("en", None, "en"),
        ("zh_CN", "en", "zh_CN"),
        ("en_US", None, "en"),
    ],
)
def test_language_choice(explicit: str | None, saved: str | None, expected: str) -> None:
    if saved is not None:
        preferences.write(preferences.LANGUAGE, saved)
    assert choose_language(explicit) == expected


def test_window_fits_a_1366x768_laptop(qtbot: QtBot, station: Station, chinese: str) -> None:
    window = open_window(qtbot, station)
    fits = QSize(1366, 768 - 40)  # the Windows task bar
    for key in window.pages:
        window.show_page(key)
        assert window.minimumSizeHint().width() <= fits.width()
        assert window.minimumSizeHint().height() <= fits.height()
    assert window.minimumSize().width() <= fits.width()
    assert window.minimumSize().height() <= fits.height()


def test_window_geometry_is_remembered(qtbot: QtBot, station: Station, chinese: str) -> None:
    window = open_window(qtbot, station)
    window.resize(1000, 640)
    window.close()
    assert not preferences.read(preferences.MAIN_WINDOW_GEOMETRY).isEmpty()
    again = open_window(qtbot, station)
    # restoreGeometry keeps the window on the (800×600 offscreen) screen, so only the height survives.
    assert again.height() == 640


def test_ctrl_q_quits(qtbot: QtBot, station: Station, chinese: str) -> None:
    window = open_window(qtbot, station)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.users_action.isVisible()  # the station fixture logs in as an administrator
    assert window.audit_action.isVisible()
    menu = window.menuBar().actions()[0].menu().actions()
    assert window.public_notice_action in menu  # 受益农户公示… (its Chinese comes with the catalog merge)
    own = (window.users_action, window.public_notice_action, window.audit_action)  # tested with their windows
    shown = [a for a in menu if a.text() and a not in own]
    assert [a.text() for a in shown] == [
        "打开数据文件夹(&O)…",
        "导入花名册(&I)…",
        "导出花名册(&E)…",
        "退出(&Q)",
    ]
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_opening_another_data_folder_switches_station(
    qtbot: QtBot, station: Station, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    other = tmp_path / "city"
    new_station(other, level="city", name="朝阳市民委", division_code="211300").close()
    window = open_window(qtbot, station)
    window.show_page("settings")
    window.open_data_folder(other)
    login = window.login_dialog  # the other folder asks who logs in
    assert login is not None and login.isVisible()
    type_text(login.user, TEST_ADMIN)
    type_text(login.password, "wrong")
    login.log_in()
    assert login.isVisible() and login.error.isVisible() and window.station is station
    login.password.clear()
    type_text(login.password, TEST_PASSWORD)
    login.log_in()
    assert window.windowTitle() == "惠民工程数据采集系统 — 朝阳市民委"
    assert window.station.data_dir == other
    assert window.current_page_key() == "settings"
    settings_page = window.pages["settings"]
    assert isinstance(settings_page, SettingsPage)
    assert settings_page.data_folder.text() == str(other)
    window.station.close()
