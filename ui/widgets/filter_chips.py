"""The row under a list's filters that says what narrows the list: one chip per active filter.

Each chip names a filter and its value ("受益年度 2025 ×"); clicking it (or Space/Enter when it has
the focus: chips are buttons, reached with Tab) drops that filter. "Clear all" (Ctrl+Shift+X from
anywhere on the page) drops every one. The row hides itself when nothing is active.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

CLEAR_ALL_SHORTCUT = "Ctrl+Shift+X"

CHIP_STYLE = """
QPushButton#filterChip {
    background: #e8f0fa; color: #14324f; border: 1px solid #b9cfe8; border-radius: 10px;
    padding: 2px 10px;
}
QPushButton#filterChip:hover { background: #d6e5f6; }
QPushButton#filterChip:focus { border: 1px solid #1f5f99; }
QPushButton#clearFilters { border: none; color: #1f5f99; text-decoration: underline; padding: 2px 6px; }
QPushButton#clearFilters:focus { border: 1px dotted #1f5f99; }
"""


@dataclass(frozen=True)
class Chip:
    text: str  # the filter and its value, e.g. "Township: 马友营乡"
    clear: Callable[[], None]  # drops this filter (the page reads the list again)


class FilterChips(QWidget):
    """See the module docstring. ``show_chips`` replaces the chips; ``clear_all`` is the page's;
    Tab from ``after`` (the last filter box) leads to the chips, then "Clear all", then on."""

    def __init__(
        self, clear_all: Callable[[], None], parent: QWidget | None = None, *, after: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.after = after
        self.setObjectName("filterChips")
        self.setStyleSheet(CHIP_STYLE)
        self.chips: list[QPushButton] = []
        self._texts: list[str] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.caption = QLabel(self.tr("Showing only:"))
        self.caption.setObjectName("mutedText")
        self._layout.addWidget(self.caption)
        self.clear_button = QPushButton(self.tr("Clear all filters"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.setAutoDefault(False)
        self.clear_button.setToolTip(
            self.tr("Show the whole list again ({key})").format(
                key=QKeySequence(CLEAR_ALL_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.clear_button.clicked.connect(clear_all)
        self._layout.addWidget(self.clear_button)
        self._layout.addStretch(1)
        self.clear_action = QAction(self.tr("Clear all filters"), self)
        self.clear_action.setShortcut(QKeySequence(CLEAR_ALL_SHORTCUT))
        self.clear_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.clear_action.triggered.connect(clear_all)
        self.hide()

    def install_shortcut(self, page: QWidget) -> None:
        """Ctrl+Shift+X anywhere on ``page`` (the row itself may be hidden)."""
        page.addAction(self.clear_action)

    def texts(self) -> list[str]:
        """What each chip names (without its ×), in order."""
        return list(self._texts)

    def show_chips(self, chips: Sequence[Chip]) -> None:
        """Show ``chips`` (the same texts as now: nothing changes, the focus stays where it is)."""
        if [chip.text for chip in chips] == self._texts:
            return
        focused = next((i for i, button in enumerate(self.chips) if button.hasFocus()), None)
        for button in self.chips:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.chips = []
        self._texts = [chip.text for chip in chips]
        for position, chip in enumerate(chips):
            button = QPushButton(f"{chip.text}  ×")
            button.setObjectName("filterChip")
            button.setAutoDefault(False)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(self.tr("Remove this filter"))
            button.setAccessibleName(self.tr("Remove the filter {filter}").format(filter=chip.text))
            button.clicked.connect(chip.clear)
            self._layout.insertWidget(1 + position, button)
            button.show()  # now, not when the layout gets to it: it may take the focus below
            self.chips.append(button)
        self.setVisible(bool(chips))
        chain = [self.after, *self.chips, self.clear_button] if self.after is not None else []
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        if focused is not None:  # a chip removed from the keyboard: the focus stays in the row
            target = self.chips[min(focused, len(self.chips) - 1)] if self.chips else None
            (target or self.parentWidget() or self).setFocus(Qt.FocusReason.OtherFocusReason)


def combo_chips(
    boxes: Sequence[tuple[str, QComboBox]], search: QLineEdit | None, changed: Callable[[], None]
) -> list[Chip]:
    """A chip for the search (when there is one) and for each box not at its "all" entry (data None);
    ``boxes`` pairs a text with a ``{value}`` placeholder and its box. ``changed`` reads the list again."""

    def drop(combo: QComboBox) -> Callable[[], None]:
        def clear() -> None:
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(None), 0))
            combo.blockSignals(False)
            changed()

        return clear

    def clear_search() -> None:
        if search is not None:
            search.blockSignals(True)
            search.clear()
            search.blockSignals(False)
        changed()

    chips: list[Chip] = []
    if search is not None and search.text().strip():
        text = QCoreApplication.translate("FilterChips", "Search “{text}”")
        chips.append(Chip(text.format(text=search.text().strip()), clear_search))
    for text, combo in boxes:
        if combo.currentData() is not None:
            chips.append(Chip(text.format(value=combo.currentText()), drop(combo)))
    return chips


def clear_boxes(boxes: Sequence[QComboBox], search: QLineEdit | None) -> None:
    """Every box to its "all" entry and the search emptied, without any of them reading the list."""
    for combo in boxes:
        combo.blockSignals(True)
        combo.setCurrentIndex(max(combo.findData(None), 0))
        combo.blockSignals(False)
    if search is not None:
        search.blockSignals(True)
        search.clear()
        search.blockSignals(False)
