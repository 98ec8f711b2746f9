"""Typing into the household editor as a cadre does, for the editor and draft tests (no test here).

ASCII goes in as key clicks; Chinese as input-method commits (qtbot.keyClicks with Chinese aborts
PySide6 6.11, see shared/QT-ON-LINUX.md).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.household_editor.editor import HouseholdEditor
from ui.household_editor.members_table import COLUMNS


def valid_id(prefix17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return prefix17 + "10X98765432"[sum(int(d) * w for d, w in zip(prefix17, weights, strict=True)) % 11]


def show_active(qtbot: QtBot, window: QWidget) -> None:
    """Show an editor window and wait until it is the active one: keys go to the active window's focus
    widget, and other tests' windows may still be closing."""
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def send_text(widget: QWidget, text: str) -> None:
    """Characters to ``widget`` as the keyboard (ASCII) or an input method (Chinese) delivers them."""
    for char in text:
        if char.isascii():
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                key = Qt.Key(ord(char.upper())) if char.isalnum() else Qt.Key.Key_unknown
                QCoreApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
        else:
            # As an input method does it: the pinyin being composed first, then the character.
            QCoreApplication.sendEvent(widget, QInputMethodEvent("pinyin", []))
            event = QInputMethodEvent()
            event.setCommitString(char)
            QCoreApplication.sendEvent(widget, event)


def press(
    widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers))


def focused(editor: HouseholdEditor) -> QWidget:
    widget = QApplication.focusWidget() or editor.focusWidget()
    assert widget is not None
    return widget


def type_into(widget: QWidget, text: str) -> None:
    """Focus a field, replace its text by typing, and leave it with Tab (editingFinished fires)."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    line = getattr(widget, "lineEdit", lambda: None)() or widget
    line.selectAll()
    # Keys go to the focused widget (a combo box passes them on to its line edit), as the keyboard's do.
    press(widget, Qt.Key.Key_Backspace)
    send_text(widget, text)
    press(widget, Qt.Key.Key_Tab)
    QCoreApplication.processEvents()


def type_cell(editor: HouseholdEditor, row: int, column: str, text: str) -> None:
    """Select a roster cell, type over it (the first key opens the editor) and press Enter."""
    view = editor.members.view
    view.setCurrentIndex(editor.members.model.index(row, COLUMNS.index(column)))
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    send_text(view, text[0])  # typing on a selected cell starts editing it with that character
    assert view.state() == QAbstractItemView.State.EditingState, f"{column} did not open an editor"
    send_text(focused(editor), text[1:])
    for _ in range(3):  # completer popups filter through queued events
        QCoreApplication.processEvents()
    # The cell's editor as it is now: one fetched before the events above may have been deleted
    # meanwhile (a combo box's completer closing, a commit), which crashed the screenshot script.
    if view.state() == QAbstractItemView.State.EditingState:
        press(focused(editor), Qt.Key.Key_Return)
    # The delegate commits on Enter through a queued call.
    for _ in range(3):
        QCoreApplication.processEvents()
    assert view.state() != QAbstractItemView.State.EditingState


def cell(editor: HouseholdEditor, row: int, column: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole):
    model = editor.members.model
    return model.data(model.index(row, COLUMNS.index(column)), role)


def save_with_keyboard(editor: HouseholdEditor) -> None:
    press(focused(editor), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QCoreApplication.processEvents()
