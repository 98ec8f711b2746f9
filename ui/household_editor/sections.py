"""Jumping between the parts of a long form: Ctrl+Tab or Ctrl+↓ to the next, Ctrl+Shift+Tab or Ctrl+↑ back.

A section is a card of the form's scroll area, entered at one field (the household at its village, the
members at the cell last worked on, the survey at its first income). The jump scrolls the card to the
top of the scroll area, so the whole card shows whenever it fits.

The keys are caught by an application event filter, before any widget sees them: a cell editor would
take Ctrl+Tab for Tab, a spin box Ctrl+↑ for a step, a text box Ctrl+↓ for the next paragraph.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QScrollArea, QWidget

if TYPE_CHECKING:
    from ui.household_editor.editor import HouseholdEditor

_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
SCROLL_MARGIN = 8  # pixels left above a card scrolled to the top


@dataclass(frozen=True)
class Section:
    """``entry`` is the field a jump lands on; ``prepare`` runs first (e.g. choosing a table cell)."""

    name: str
    entry: QWidget
    prepare: Callable[[], None] | None = None


def jump_direction(event: QKeyEvent) -> int:
    """+1 for Ctrl+Tab / Ctrl+↓, -1 for Ctrl+Shift+Tab / Ctrl+↑, 0 for any other key."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    key = event.key()
    if modifiers == _CTRL and key in (Qt.Key.Key_Tab, Qt.Key.Key_Down):
        return 1
    if modifiers == _CTRL and key == Qt.Key.Key_Up:
        return -1
    if modifiers == _CTRL | _SHIFT and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        return -1
    return 0


class SectionKeys(QObject):
    """The section keys of one window whose form scrolls in ``scroll``; ``before_leaving`` commits
    whatever is being edited (an open table cell) before the focus moves."""

    def __init__(
        self,
        window: QWidget,
        scroll: QScrollArea,
        sections: Sequence[Section],
        before_leaving: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.form = window
        self.scroll = scroll
        self.sections = tuple(sections)
        self.before_leaving = before_leaving
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # removed by Qt when this object goes with its window

    def names(self) -> tuple[str, ...]:
        return tuple(section.name for section in self.sections)

    def card_of(self, widget: QWidget | None) -> QWidget | None:
        """The card (the child of the scroll area's body) that holds ``widget``, if any."""
        body = self.scroll.widget()
        while widget is not None and widget.parentWidget() is not body:
            widget = widget.parentWidget()
        return widget

    def current(self) -> int | None:
        """The section the focus is in (None when it is outside them all, e.g. on a button)."""
        card = self.card_of(self.form.focusWidget())
        if card is None:
            return None
        return next((n for n, s in enumerate(self.sections) if self.card_of(s.entry) is card), None)

    def go_to(self, name: str) -> None:
        """Put the focus on the section's entry field and scroll its card to the top."""
        section = self.sections[self.names().index(name)]
        if self.before_leaving is not None:
            self.before_leaving()
        if section.prepare is not None:
            section.prepare()
        section.entry.setFocus(Qt.FocusReason.ShortcutFocusReason)
        card, body = self.card_of(section.entry), self.scroll.widget()
        if card is not None and body is not None:
            top = card.mapTo(body, QPoint(0, 0)).y()
            self.scroll.verticalScrollBar().setValue(max(0, top - SCROLL_MARGIN))

    def jump(self, direction: int) -> None:
        current = self.current()
        if current is None:
            target = 0 if direction > 0 else len(self.sections) - 1
        else:
            target = max(0, min(current + direction, len(self.sections) - 1))
        self.go_to(self.sections[target].name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.form:
            return False
        direction = jump_direction(event)
        if direction == 0:
            return False
        self.jump(direction)
        return True


def household_sections(editor: HouseholdEditor) -> SectionKeys:
    """The household editor's sections: household, members, survey, notes."""
    members = editor.members
    return SectionKeys(
        editor,
        editor.scroll_area,
        (
            Section("household", editor.village),
            Section("members", members.view, members.prepare_entry),
            Section("survey", editor.survey.entry_field()),
            Section("notes", editor.notes),
        ),
        before_leaving=members.view.commit_open_editor,
    )
