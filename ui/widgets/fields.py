"""Fields that say what is wrong with them: a message under the field, a red or amber mark, Enter-to-next."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLabel, QVBoxLayout, QWidget

ERROR = "error"
WARNING = "warning"

# Cells of a table marked as a field is (the table has no border to colour), and derived values.
ERROR_BACKGROUND = "#fbe3e1"
WARNING_BACKGROUND = "#fff1cc"
DERIVED_FOREGROUND = "#4a5a6c"


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
    line_edit = widget.lineEdit() if isinstance(widget, QComboBox) else None
    if line_edit is not None:
        repolish(line_edit)


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
    follows the editor's tab order exactly; a date field, where Tab steps from year to month to day,
    is left at once.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and isinstance(watched, QWidget)
        ):
            if isinstance(watched, QDateTimeEdit):
                QWidget.focusNextPrevChild(watched, True)  # past its own sections
                return True
            tab = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
            QCoreApplication.sendEvent(watched, tab)
            return True
        return False


def install_enter_moves_focus(filter_: EnterMovesFocus, *widgets: QWidget) -> None:
    for widget in widgets:
        widget.installEventFilter(filter_)
        line_edit = widget.lineEdit() if isinstance(widget, QComboBox) else None
        if line_edit is not None:
            line_edit.installEventFilter(filter_)
