"""The Help menu: the manual opens inside the program (offline, Chinese), About names version and folder."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from huimin_desktop import __version__
from huimin_desktop.domain.sizes import human_size
from huimin_desktop.services.station import Station
from ui.help_menu import MANUAL_INDEX, database_size
from ui.main_window import MainWindow


def open_window(qtbot: QtBot, station: Station) -> MainWindow:
    window = MainWindow(station)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_help_menu_lists_manual_folder_and_about(qtbot: QtBot, station: Station, chinese: str) -> None:
    window = open_window(qtbot, station)
    (help_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "帮助(&H)"]
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    menu = window.help_menu
    assert texts[:2] == ["用户手册(&M)", "打开数据文件夹(&F)"] and texts[-1] == "关于(&A)"
    shown = [a for a in help_menu.actions() if not a.isSeparator() and a.isVisible()]
    assert shown == [menu.manual_action, menu.folder_action, menu.logs_action, menu.about_action]  # an admin
    assert window.help_menu.manual_action.shortcut().toString() == "F1"


def test_the_manual_opens_on_its_contents_in_chinese(qtbot: QtBot, station: Station, chinese: str) -> None:
    window = open_window(qtbot, station)
    window.help_menu.manual_action.trigger()
    manual = window.help_menu.manual_window
    assert manual is not None and manual.isVisible()
    text = manual.browser.toPlainText()
    assert "惠民工程数据采集系统" in text and "用户手册" in text
    assert Path(manual.browser.source().toLocalFile()) == MANUAL_INDEX


def test_every_chapter_of_the_manual_is_linked_and_its_pictures_exist() -> None:
    folder = MANUAL_INDEX.parent
    index = MANUAL_INDEX.read_text(encoding="utf-8")
    chapters = sorted(p.name for p in folder.glob("*.md") if p != MANUAL_INDEX)
    assert chapters and all(f"({name})" in index for name in chapters)
    for page in [MANUAL_INDEX, *(folder / name for name in chapters)]:
        for picture in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page.read_text(encoding="utf-8")):
            assert (folder / picture).is_file(), f"{page.name}: {picture}"
        for link in re.findall(r"(?<!!)\[[^\]]*\]\(([^)#:]+\.md)\)", page.read_text(encoding="utf-8")):
            assert (folder / link).is_file(), f"{page.name}: {link}"


def test_about_names_version_folder_and_database_size(qtbot: QtBot, station: Station, chinese: str) -> None:
    window = open_window(qtbot, station)
    text = window.help_menu.about_text()
    assert f"版本 {__version__}" in text
    assert str(station.data_dir) in text
    size = database_size(station.data_dir)
    assert size > 0 and human_size(size) in text


def test_sizes_read_as_people_say_them() -> None:
    assert [human_size(n) for n in (0, 900, 2048, 5 * 1024**2 + 1, 3 * 1024**3)] == [
        "0 B",
        "900 B",
        "2.0 KB",
        "5.0 MB",
        "3.0 GB",
    ]
