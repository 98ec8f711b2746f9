"""Small pieces the household editor is built from: cards, inline messages, field marking, Enter-to-next."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

ERROR = "error"
WARNING = "warning"

# Local to the editor (and its children), so the marks work whatever the application style sheet is.
EDITOR_STYLE = """
#editorCard { background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px; }
#sectionTitle { color: #14324f; font-weight: bold; }
#inlineError { color: #b3261e; }
#inlineWarning { color: #8a5a00; }
#mutedText { color: #5b6777; }
#resultBox { background: #f1f6fc; border: 1px solid #c9daee; border-radius: 6px; }
#resultValue { color: #0d4a80; font-weight: bold; }
#draftBanner { background: #fff7e0; border: 1px solid #ecd28b; border-radius: 6px; padding: 6px 10px; }
#messageArea { background: #fdf1f0; border: 1px solid #efc4c0; border-radius: 6px; padding: 6px 10px; }
#statusText { color: #3c6e3c; }
QLineEdit[mark="error"], QComboBox[mark="error"], QAbstractSpinBox[mark="error"] {
    border: 1px solid #b3261e; border-radius: 3px; background: #fff6f5; padding: 2px 3px;
}
QLineEdit[mark="warning"], QComboBox[mark="warning"] {
    border: 1px solid #c98a00; border-radius: 3px; background: #fffaf0; padding: 2px 3px;
}
"""

ERROR_BACKGROUND = "#fbe3e1"
WARNING_BACKGROUND = "#fff1cc"
DERIVED_FOREGROUND = "#4a5a6c"


def card(title: str = "") -> tuple[QFrame, QVBoxLayout]:
    """A white panel with an optional bold title; returns the frame and its layout."""
    frame = QFrame()
    frame.setObjectName("editorCard")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(8)
    if title:
        layout.addWidget(section_title(title))
    return frame, layout


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("mutedText")
    label.setWordWrap(True)
    return label


class FieldMessage(QLabel):
    """The reason under a field: red for an error, amber for a warning, hidden (no space) when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str, severity: str = ERROR) -> None:
        self.setObjectName("inlineWarning" if severity == WARNING else "inlineError")
        self.setText(text)
        self.setVisible(bool(text))
        repolish(self)

    def clear(self) -> None:
        self.show_message("")


def repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def mark(widget: QWidget, severity: str | None) -> None:
    """Red (error) or amber (warning) border on a field; None takes the mark away."""
    value = severity or ""
    if widget.property("mark") == value:
        return
    widget.setProperty("mark", value)
    repolish(widget)
    if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
        repolish(widget.lineEdit())


def field_with_message(field: QWidget, message: FieldMessage) -> QWidget:
    """The field with its message right under it (the message takes no room while hidden)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(message)
    return box


class EnterMovesFocus(QObject):
    """Enter or Return in a one-line field moves to the next field, as Tab does (paper-form habit).

    Installed on the fields themselves. An open completer or combo popup gets the key first (it grabs
    the keyboard), so choosing an entry with Enter still works. The move is a Tab key event, so it
    follows the editor's tab order exactly.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and isinstance(watched, QWidget)
        ):
            tab = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
            QCoreApplication.sendEvent(watched, tab)
            return True
        return False


def widen(box: QMessageBox, width: int = 460) -> None:
    """Give a message box room for a list (it sizes itself to the first line and wraps the rest)."""
    layout = box.layout()
    if isinstance(layout, QGridLayout):
        spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())


def install_enter_moves_focus(filter_: EnterMovesFocus, *widgets: QWidget) -> None:
    for widget in widgets:
        widget.installEventFilter(filter_)
        if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
            widget.lineEdit().installEventFilter(filter_)
