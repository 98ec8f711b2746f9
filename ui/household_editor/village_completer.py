"""The village box's completer: pinyin initials and full pinyin find a village, as the household search does.

"bjy", "baojiaying" and "宝家" all offer 宝家营子村; the rule is the core's (``name_match_rank``: the name,
its pinyin and its initials, beginnings before middles), this only shows it. The list is ordered best
match first, and Enter or Tab with the list open takes the highlighted village, or the first one when
none is highlighted, then moves on to the next field as Enter does everywhere in the form.
"""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QAbstractProxyModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter

from huimin_desktop.domain.search import name_match_rank

# A combo entry such as "宝家营子村 (马友营蒙古族乡)" is matched by each of its names.
_NAME_SEPARATORS = re.compile(r"[\s()（）,，]+")
_TAKE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)


class _Matches(QSortFilterProxyModel):
    """The combo's entries the query finds, best rank first (then in the combo's order)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_query(self, query: str) -> None:
        self.query = query
        self.invalidate()
        self.sort(0)

    def rank(self, source_row: int) -> int | None:
        text = str(self.sourceModel().index(source_row, 0).data(Qt.ItemDataRole.DisplayRole) or "")
        names = [name for name in _NAME_SEPARATORS.split(text) if name]
        return name_match_rank(self.query, *names) if names else None

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        return self.rank(source_row) is not None

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        return (self.rank(left.row()) or 0, left.row()) < (self.rank(right.row()) or 0, right.row())


class PinyinCompleter(QCompleter):
    """A completer for an editable combo box of places (see the module docstring)."""

    def __init__(self, combo: QComboBox) -> None:
        self.matches = _Matches(combo)
        self.matches.setSourceModel(combo.model())
        super().__init__(self.matches, combo)
        self.combo = combo
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def splitPath(self, path: str) -> list[str]:
        # The filtering is ours: QCompleter then matches every row we kept against an empty prefix.
        self.matches.set_query(path)
        return [""]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")

    def take(self) -> bool:
        """Choose the highlighted entry (or the first) in the combo box; False when the list is empty."""
        popup = self.popup()
        if popup is None:
            return False
        index = popup.currentIndex()
        if not index.isValid():
            index = self.completionModel().index(0, 0)
        completion = self.completionModel()
        if not index.isValid() or not isinstance(completion, QAbstractProxyModel):
            return False
        row = self.matches.mapToSource(completion.mapToSource(index)).row()
        popup.hide()
        self.combo.setCurrentIndex(row)
        return row >= 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # QCompleter filters its popup's keys in this method: Enter and Tab are ours first.
        if (
            watched is self.popup()
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _TAKE_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self.take()
        ):
            tab = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
            QCoreApplication.sendEvent(self.combo, tab)  # on to the next field
            return True
        return super().eventFilter(watched, event)
