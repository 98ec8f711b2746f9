"""Every word on screen in the interface's language: Qt's own dialogs, and a walk over the main window's
pages and the windows its menus open, in Chinese and in English.

The walk reads each visible widget's user text (window titles, labels, buttons, group-box and tab titles,
header data of views, list items, combo-box items, placeholder texts, tool tips, spin-box affixes, menu
and action texts). The rule, in words:

- **English**: no Chinese character is left once the station's *data values* are taken out. Data values
  are what the data folder holds, not words of the program: the names of its divisions (the station,
  towns, villages), members (household heads), projects, trainings (topic and place), indicators and
  users, and the names of the shipped code lists (resources/codelists: 民族, 性别, project categories and
  stages …, national vocabularies the program shows as they are stored).
- **Chinese**: no English word (two letters or more) is left once data values, keyboard shortcuts
  (``Ctrl+S``) and the allowed words are taken out: units and formats (MB, KB, GB, xlsx …), product and
  standard names (Excel, PDF, USB, Windows, GB/T …) and the codes a user types (entry, reviewer, admin).

Translations still waiting in resources/translations/incoming/*.tsv (the brief's way to add Chinese while
several people edit the shared catalog) are compiled into a translator of their own for this test, so
the walk sees the Chinese the program will show once the lead merges them.
"""

from __future__ import annotations

import html
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui import translation_catalog
from ui.i18n import CHINESE, ENGLISH, install_translators, remove_translators

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# Words a Chinese screen may show in Latin letters.
ALLOWED_IN_CHINESE = {
    # units and file formats
    "KB",
    "MB",
    "GB",
    "TB",
    "xlsx",
    "xls",
    "csv",
    "json",
    "png",
    "jpg",
    "jpeg",
    "mp3",
    "mp4",
    "wav",
    "pdf",
    # product, standard and system names
    "Excel",
    "WPS",
    "PDF",
    "USB",
    "Windows",
    "Qt",
    "SQLite",
    "SQLCipher",
    "GB/T",
    "UTF",
    "ID",
    "SHA",
    "FAT",
    "NBS",
    "Huimin",
    "Desktop",
    # the role codes a user may type on the command line next to their names
    "entry",
    "reviewer",
    "admin",
}
SHORTCUT = re.compile(
    r"\b(?:Ctrl|Shift|Alt|Meta|Del|Esc|Enter|Return|Tab|Backspace|Ins|Home|End|F\d+)"
    r"(?:\+\S+)*|\b(?:Ctrl|Shift|Alt)\+\S+"
)


# -- the interface language, with the translations still waiting in incoming/ ----------------------


def _pending_ts(translations: dict[tuple[str, str], str], target: Path) -> None:
    root = ET.Element("TS", version="2.1", language=CHINESE)
    contexts: dict[str, ET.Element] = {}
    for (context, source), translation in sorted(translations.items()):
        if context not in contexts:
            contexts[context] = ET.SubElement(root, "context")
            ET.SubElement(contexts[context], "name").text = context
        message = ET.SubElement(contexts[context], "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation").text = translation
    ET.ElementTree(root).write(target, encoding="utf-8", xml_declaration=True)


@pytest.fixture(scope="module")
def pending_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """incoming/*.tsv compiled to a .qm (None when nothing is waiting)."""
    translations = translation_catalog.incoming_translations()
    if not translations:
        return None
    folder = tmp_path_factory.mktemp("pending")
    _pending_ts(translations, folder / "pending.ts")
    subprocess.run(
        [
            translation_catalog._tool("pyside6-lrelease"),
            str(folder / "pending.ts"),
            "-qm",
            str(folder / "pending.qm"),
        ],
        check=True,
        capture_output=True,
    )
    return folder / "pending.qm"


@contextmanager
def interface(language: str, pending: Path | None) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    translators = install_translators(app, language)
    if language == CHINESE and pending is not None:
        waiting = QTranslator(app)
        assert waiting.load(str(pending))
        app.installTranslator(waiting)
        translators.append(waiting)
    try:
        yield
    finally:
        remove_translators(app, translators)


# -- what a person reads ---------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Rich text to plain, mnemonics and shortcuts out: ``&Open\tCtrl+O`` → ``Open``."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)) if "<" in text else text
    text = text.split("\t", 1)[0]
    text = re.sub(r"\(&\w\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _action_texts(actions: list[QAction], where: str) -> Iterator[tuple[str, str]]:
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        yield where, action.text()
        if action.toolTip() and _plain(action.toolTip()) != _plain(action.text()):
            yield where, action.toolTip()
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield from _action_texts(menu.actions(), f"{where} > {_plain(action.text())}")


def _view_texts(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    for column in range(model.columnCount()):
        header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(header, str):
            yield f"{where} header", header
    if isinstance(view, QListWidget | QTreeWidget):  # the program's own lists (navigation, choices)
        for row in range(min(model.rowCount(), 50)):
            for column in range(model.columnCount()):
                value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
                if isinstance(value, str):
                    yield f"{where} item", value


def _widget_texts(widget: QWidget) -> Iterator[str]:
    if widget.isWindow():
        yield widget.windowTitle()
    yield widget.toolTip()
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        yield widget.placeholderText()
    if isinstance(widget, QComboBox):
        yield widget.placeholderText()
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield widget.tabText(index)
            yield widget.tabToolTip(index)
    if isinstance(widget, QSpinBox):
        yield widget.prefix()
        yield widget.suffix()
    if isinstance(widget, QAbstractSpinBox):
        yield widget.specialValueText()


def user_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible widget under ``root`` (itself included), every tab page's too."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for tabs in [w for w in widgets if isinstance(w, QTabWidget) and w.isVisibleTo(root)]:
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            found += _visible_texts(root, tabs.widget(index))
        tabs.setCurrentIndex(current)
    found += _visible_texts(root, root)
    return found


def _visible_texts(root: QWidget, top: QWidget) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        found += [(where, text) for text in _widget_texts(widget) if text]
        if isinstance(widget, QAbstractItemView):
            found += [pair for pair in _view_texts(widget, where) if pair[1]]
        if not isinstance(widget, QMenu):
            found += [pair for pair in _action_texts(widget.actions(), where) if pair[1]]
    if hasattr(top, "menuBar") and top.menuBar() is not None and top is root:
        found += [pair for pair in _action_texts(top.menuBar().actions(), "menu") if pair[1]]
    return found


def english_words_left(text: str, data_values: tuple[str, ...] = ()) -> list[str]:
    text = _plain(text)
    for value in data_values:
        text = text.replace(value, " ")
    text = SHORTCUT.sub(" ", text)
    for word in sorted(ALLOWED_IN_CHINESE, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", " ", text)
    text = re.sub(r"\{\w+\}|%\d|https?://\S+", " ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def chinese_left(text: str, data_values: tuple[str, ...] = ()) -> str:
    text = _plain(text)
    for value in data_values:
        text = text.replace(value, " ")
    return "".join(CJK.findall(text))


def offenders(texts: list[tuple[str, str]], language: str, data_values: tuple[str, ...] = ()) -> list[str]:
    if language == ENGLISH:
        return sorted({f"{where}: {text!r}" for where, text in texts if chinese_left(text, data_values)})
    return sorted({f"{where}: {text!r}" for where, text in texts if english_words_left(text, data_values)})


# -- Qt's own dialogs --------------------------------------------------------------------------------

MESSAGE_BOX_BUTTONS = (
    QMessageBox.StandardButton.Yes
    | QMessageBox.StandardButton.No
    | QMessageBox.StandardButton.Save
    | QMessageBox.StandardButton.Discard
    | QMessageBox.StandardButton.Cancel
)
BUTTON_BOX_BUTTONS = (
    QDialogButtonBox.StandardButton.Ok
    | QDialogButtonBox.StandardButton.Cancel
    | QDialogButtonBox.StandardButton.Save
    | QDialogButtonBox.StandardButton.Discard
    | QDialogButtonBox.StandardButton.Close
    | QDialogButtonBox.StandardButton.Apply
    | QDialogButtonBox.StandardButton.Open
    | QDialogButtonBox.StandardButton.Help
    | QDialogButtonBox.StandardButton.Reset
    | QDialogButtonBox.StandardButton.RestoreDefaults
    | QDialogButtonBox.StandardButton.Retry
    | QDialogButtonBox.StandardButton.Ignore
    | QDialogButtonBox.StandardButton.Abort
)


def _qt_dialog_texts(qtbot: QtBot) -> dict[str, list[tuple[str, str]]]:
    box = QMessageBox(QMessageBox.Icon.Question, "", "", MESSAGE_BOX_BUTTONS)
    box.setDetailedText("details")  # the Show Details… button
    buttons = QDialogButtonBox(BUTTON_BOX_BUTTONS)
    line = QLineEdit()
    text = QTextEdit()
    file_dialog = QFileDialog(None, "", str(Path.home()))
    file_dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    for widget in (box, buttons, line, text, file_dialog):
        qtbot.addWidget(widget)
    box.show()
    buttons.show()
    file_dialog.show()
    qtbot.waitExposed(file_dialog)
    found = {
        "QMessageBox": [("button", b.text()) for b in box.buttons()],
        "QDialogButtonBox": [("button", b.text()) for b in buttons.buttons()],
        "QLineEdit menu": list(_action_texts(line.createStandardContextMenu().actions(), "menu")),
        "QTextEdit menu": list(_action_texts(text.createStandardContextMenu().actions(), "menu")),
        "QFileDialog": [pair for pair in user_texts(file_dialog) if pair[1] != str(Path.home())],
    }
    file_dialog.setFileMode(QFileDialog.FileMode.Directory)  # getExistingDirectory: 目录 …
    found["QFileDialog (folder)"] = [pair for pair in user_texts(file_dialog) if pair[1] != str(Path.home())]
    file_dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    file_dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    found["QFileDialog (save)"] = [pair for pair in user_texts(file_dialog) if pair[1] != str(Path.home())]
    file_dialog.close()
    return found


@pytest.mark.parametrize("language", [CHINESE, ENGLISH])
def test_qt_own_dialogs_speak_the_interface_language(
    qtbot: QtBot, language: str, pending_catalog: Path | None
) -> None:
    with interface(language, pending_catalog):
        found = _qt_dialog_texts(qtbot)
    assert len(found["QDialogButtonBox"]) == 13 and len(found["QFileDialog"]) > 10
    for name, texts in found.items():
        assert texts, name
        assert offenders(texts, language) == [], name
    buttons = {_plain(text) for _, text in found["QDialogButtonBox"]}
    menu = {_plain(text) for _, text in found["QLineEdit menu"]}
    if language == CHINESE:
        assert {"确定", "取消", "保存", "丢弃", "关闭", "应用"} <= buttons, buttons
        assert {"撤消", "复制", "粘贴", "全选"} <= menu, menu
        assert {"是", "否", "保存", "丢弃", "取消"} <= {_plain(t) for _, t in found["QMessageBox"]}
        assert all(CJK.search(text) for _, text in found["QFileDialog"] if re.search("[A-Za-z]", text))
    else:
        assert {"OK", "Cancel", "Save", "Discard", "Close", "Apply"} <= buttons, buttons
        assert {"Undo", "Copy", "Paste", "Select All"} <= menu, menu


def test_the_check_finds_english_in_chinese_and_chinese_in_english() -> None:
    """The rules can fail, and data values and allowed words pass."""
    assert english_words_left("保存(&S)\tCtrl+S") == []
    assert english_words_left("导出 Excel 文件（xlsx，12 MB）") == []
    assert english_words_left("Files of &type:") == ["Files", "of", "type"]
    assert english_words_left("站点：Huimin 村", ("Huimin 村",)) == []
    assert chinese_left("Station: 马友营蒙古族乡", ("马友营蒙古族乡",)) == ""
    assert chinese_left("Households （农户）", ("马友营蒙古族乡",)) == "（农户）"
