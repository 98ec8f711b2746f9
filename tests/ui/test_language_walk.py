"""Every word on screen in the interface's language: Qt's own dialogs, and a walk over the main window's
pages and the windows its menus open, in Chinese and in English.

The walk reads each visible widget's user text (window titles, labels, buttons, group-box and tab titles,
header data of views, list items, chart titles, axes and series, combo-box items, placeholder texts, tool
tips, spin-box affixes, menu and action texts). The rule, in words:

- **English**: no Chinese character is left once the station's *data values* are taken out. Data values
  are what the data folder holds, not words of the program: the names of its divisions (the station,
  towns, villages), members (household heads), projects (name, number, the persons and opinions of
  their stages), trainings (topic and place), indicators, users and the audit log's user names, and
  the names of the shipped code lists (resources/codelists: 民族, 性别, project categories and stages
  …, national vocabularies the program shows as they are stored).
- **Chinese**: no English word (two letters or more) is left once data values, keyboard shortcuts
  (``Ctrl+S``) and the allowed words are taken out: units and formats (MB, KB, GB, xlsx …), product and
  standard names (Excel, PDF, USB, Windows, GB/T …) and the codes a user types (entry, reviewer, admin).

Translations still waiting in resources/translations/incoming/*.tsv (the brief's way to add Chinese while
several people edit the shared catalog) are installed too (tests/ui/pending_translations.py), so the
walk sees the Chinese the program will show once the lead merges them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QChart, QChartView
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
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
    QTableView,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from tests.conftest import TOWNSHIP_CODE
from tests.stations import new_station
from tests.ui.pending_translations import install_pending
from ui import operations
from ui.i18n import CHINESE, ENGLISH, LANGUAGE_NAMES, install_translators, remove_translators
from ui.main_window import MainWindow

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
# a key's name (Delete 键) or a combination (Ctrl+S)
SHORTCUT = re.compile(
    r"\b(?:Ctrl|Shift|Alt|Meta|Delete|Del|Esc|Enter|Return|Tab|Backspace|Space|Ins|Home|End|PgUp|PgDown|F\d+)"
    r"(?:\+\S+)*|\b(?:Ctrl|Shift|Alt)\+\S+"
)


# -- the interface language, with the translations still waiting in incoming/ ----------------------


@contextmanager
def interface(language: str) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    translators = install_translators(app, language)
    pending = install_pending(app) if language == CHINESE else None
    translators += [pending] if pending is not None else []
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
    """Column headers of tables and trees; the items of the widgets that hold their own (navigation,
    choices, the user list); a model's rows are records, read by their own tests."""
    header = view.horizontalHeader() if isinstance(view, QTableView) else None
    header = view.header() if isinstance(view, QTreeView) else header
    model = view.model()
    if header is not None and model is not None and not header.isHidden():
        for column in range(header.count()):
            value = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield f"{where} header", value
    if isinstance(view, QListWidget):
        for row in range(min(view.count(), 50)):
            yield f"{where} item", view.item(row).text()
    if isinstance(view, QTableWidget):
        for row in range(min(view.rowCount(), 50)):
            for column in range(view.columnCount()):
                item = view.item(row, column)
                if item is not None:
                    yield f"{where} item", item.text()
    if isinstance(view, QTreeWidget):
        items = QTreeWidgetItemIterator(view)
        while items.value() is not None:
            item = items.value()
            yield from ((f"{where} item", item.text(c)) for c in range(item.columnCount()))
            items += 1


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
    if isinstance(widget, QChartView):
        yield from _chart_texts(widget.chart())


def _chart_texts(chart: QChart) -> Iterator[str]:
    """A chart's title, axis titles and categories, series names and bar-set labels."""
    yield chart.title()
    for axis in chart.axes():
        yield axis.titleText()
        if isinstance(axis, QBarCategoryAxis):
            yield from axis.categories()
    for series in chart.series():
        yield series.name()
        if isinstance(series, QAbstractBarSeries):
            yield from (bar_set.label() for bar_set in series.barSets())


def user_texts(root: QWidget, documents: tuple[QWidget, ...] = ()) -> list[tuple[str, str]]:
    """(where, text) of every visible widget under ``root`` (itself included), every tab page's too;
    not the ``documents``: previews of what is printed in Chinese whatever the interface's language."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for tabs in [w for w in widgets if isinstance(w, QTabWidget) and w.isVisibleTo(root)]:
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            found += _visible_texts(root, tabs.widget(index), documents)
        tabs.setCurrentIndex(current)
    found += _visible_texts(root, root, documents)
    return found


def _visible_texts(root: QWidget, top: QWidget, documents: tuple[QWidget, ...] = ()) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if any(widget is document or document.isAncestorOf(widget) for document in documents):
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
    # placeholders, addresses, and codes (letters run into digits: MZ2025-211381-20401, BP-2024-001)
    text = re.sub(r"\{\w+\}|%\d|https?://\S+|[A-Za-z]*\d[\w-]*|[A-Za-z]+-\d[\w-]*", " ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def chinese_left(text: str, data_values: tuple[str, ...] = ()) -> str:
    text = _plain(text).replace("\u3000", " ")  # the ideographic space indents a tree in a combo box
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
def test_qt_own_dialogs_speak_the_interface_language(qtbot: QtBot, language: str) -> None:
    with interface(language):
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


# -- the walk over the main window and the windows its menus open ------------------------------------

PAGES = ("home", "households", "projects", "training", "assessment", "reports", "sync", "settings")


@pytest.fixture(scope="module")
def demo_station(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Station]:
    """One township with a little demo data (households, projects and their stages, trainings), shared
    by the walks."""
    from huimin_desktop.demo import generate_demo

    station = new_station(
        tmp_path_factory.mktemp("walk") / "station",
        level="township",
        name="马友营蒙古族乡",
        division_code=TOWNSHIP_CODE,
    )
    generate_demo(station, 12, seed=5)
    yield station
    station.close()


def data_values(station: Station) -> tuple[str, ...]:
    """What the station holds rather than what the program says (see the module's docstring), longest
    first so that a name inside a longer one goes with it."""
    from sqlalchemy import select

    from huimin_desktop.domain.codelists import code_lists
    from huimin_desktop.model import (
        AuditEntry,
        Division,
        Indicator,
        Member,
        Project,
        ProjectStageEntry,
        StationIdentity,
        Training,
        User,
    )

    columns = (
        Division.name,
        Member.name,
        Project.name,
        Project.code,
        ProjectStageEntry.person,
        ProjectStageEntry.opinion,
        Training.topic,
        Training.place,
        Indicator.name,
        Indicator.code,
        User.display_name,
        User.username,
        AuditEntry.user,
        StationIdentity.name,
    )
    values: set[str] = set()
    with station.db.reader() as session:
        for column in columns:
            values.update(value for value in session.scalars(select(column)) if value)
    lists = code_lists()
    for name in vars(lists):
        values.update(getattr(lists, name).names())
    values.update((str(station.data_dir), str(station.data_dir.parent), *LANGUAGE_NAMES.values()))
    return tuple(sorted(values, key=len, reverse=True))


def _settle(qtbot: QtBot) -> None:
    for _ in range(5):
        QApplication.processEvents()
    qtbot.wait(1)


def _window_texts(qtbot: QtBot, window: QWidget) -> list[tuple[str, str]]:
    window.show()
    qtbot.waitExposed(window)
    _settle(qtbot)
    # 公示: the notice's title and table are the Chinese notice a village board shows, as printed
    documents = (window.title, window.table) if type(window).__name__ == "PublicNoticeDialog" else ()
    return user_texts(window, documents)


def _close(window: QWidget) -> None:
    if hasattr(window, "_closing"):
        window._closing = True  # an editor: nothing typed, nothing to ask
    window.close()
    window.deleteLater()


def _about_texts(qtbot: QtBot, main: MainWindow) -> list[tuple[str, str]]:
    """Help > About is a modal QMessageBox.about: read it once it is up, then close it."""
    found: list[tuple[str, str]] = []

    def read() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        found.extend(user_texts(box))
        box.done(0)

    QTimer.singleShot(50, read)
    main.show_about()
    return found


def walk(qtbot: QtBot, station: Station) -> dict[str, list[tuple[str, str]]]:
    """Every page of the main window and each window its menus open without a file dialog."""
    from ui.audit.viewer import AuditWindow
    from ui.backup.panel import BackupPanel
    from ui.help_menu import MANUAL_INDEX
    from ui.household_editor import HouseholdEditor
    from ui.login.users_page import UsersWindow
    from ui.manual_window import ManualWindow
    from ui.project_editor.editor import ProjectEditor
    from ui.public_notice.dialog import PublicNoticeDialog
    from ui.training_editor.editor import TrainingEditor

    main = MainWindow(station)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    found: dict[str, list[tuple[str, str]]] = {}
    for key in PAGES:
        main.show_page(key)
        _settle(qtbot)
        found[key] = user_texts(main)
    assert main.pages["settings"].findChild(BackupPanel) is not None  # the backup panel was walked
    household = station.households.ids()[0]
    project = station.projects.ids()[0]
    training = station.trainings.list()[0].id
    windows: dict[str, Callable[[], QWidget]] = {
        "household editor": lambda: HouseholdEditor(station, household, main, user="admin"),
        "new household": lambda: HouseholdEditor(station, None, main, user="admin"),
        "project editor": lambda: ProjectEditor(station, project, main, user="admin"),
        "training editor": lambda: TrainingEditor(station, training, main, user="admin"),
        "users": lambda: UsersWindow(station, main),
        "audit log": lambda: AuditWindow(station, main),
        "public notice": lambda: PublicNoticeDialog(station, main),
        "manual": lambda: ManualWindow(MANUAL_INDEX, main),
    }
    for name, make in windows.items():
        window = make()
        found[name] = _window_texts(qtbot, window)
        _close(window)
    found["about"] = _about_texts(qtbot, main)
    return found


@pytest.mark.parametrize("language", [CHINESE, ENGLISH])
def test_every_window_speaks_the_interface_language(
    qtbot: QtBot, language: str, demo_station: Station
) -> None:
    values = data_values(demo_station)
    with operations.synchronous(), interface(language):
        found = walk(qtbot, demo_station)
    assert {name: len(texts) for name, texts in found.items() if len(texts) < 2} == {}
    problems = {name: offenders(texts, language, values) for name, texts in found.items()}
    listed = [f"{name} | {line}" for name, lines in problems.items() for line in lines]
    assert not listed, "\n".join(listed)
