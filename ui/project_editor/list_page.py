"""What the project and training pages share: title and search, a filter row, new/open/delete, the table.

A page says which columns it shows, how it reads ids and rows from the core for its filters, and how
it opens and deletes a record; this base lays them out like the household page (search beside the
title, filters below, the count under the table) and keeps the selection across refreshes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.errors import expected_error_message, one_line_reason
from ui.operations import announced, hooks
from ui.project_editor.list_model import RecordColumn, RecordListModel
from ui.widgets.labels import muted_label, title_label

if TYPE_CHECKING:
    from huimin_desktop.changes import Changes
    from huimin_desktop.services.project_records import DivisionNode
    from huimin_desktop.services.records import DivisionRecord
    from huimin_desktop.services.station import Station

SEARCH_DELAY_MS = 150
_FULL_WIDTH_GLYPH = chr(0x6C11)
_CELL_PADDING = 24


class RecordTable(QTableView):
    """Whole-row selection, fixed row heights (Qt never measures every row), columns sized by sample."""

    def __init__(self, model: RecordListModel[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(not any(column.stretch for column in model.columns))
        metrics, header_metrics = self.fontMetrics(), header.fontMetrics()
        em = metrics.horizontalAdvance(_FULL_WIDTH_GLYPH)
        for number, column in enumerate(model.columns):
            sample = column.width_sample
            content = em * sample if isinstance(sample, int) else metrics.horizontalAdvance(sample)
            width = max(content, header_metrics.horizontalAdvance(column.title) + 12) + _CELL_PADDING
            header.resizeSection(number, width)
            if column.stretch:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(self.viewport())
        self.empty_label.setObjectName("mutedText")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.empty_label.setGeometry(self.viewport().rect().adjusted(24, 24, -24, -24))
        return super().viewportEvent(event)


class RecordListPage(QWidget):
    """Base of the project and training pages; subclasses fill in the hooks at the end."""

    open_record = Signal(str)
    new_record = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ready = False  # the page's filters exist (``start``)
        self._loaded = False  # the list was read (first shown)
        self.editors_enabled = True  # False: only the signals (tests, or a host that opens its own)
        self.title = title_label(self.page_title())
        search_hint = self.search_hint()
        self.new_button = QPushButton(self.new_text())
        self.open_button = QPushButton(self.tr("Open"))
        self.delete_button = QPushButton(self.tr("Delete"))
        for button in (self.new_button, self.open_button, self.delete_button):
            button.setAutoDefault(False)
        self.search = QLineEdit()
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        hint_width = self.search.fontMetrics().horizontalAdvance(search_hint)
        self.search.setMinimumWidth(min(hint_width + 48, 300))
        self.filters = QHBoxLayout()
        self.filters.setSpacing(6)

        # No ids until ``start()``: the page's filters do not exist yet while this runs.
        self.model: RecordListModel[Any] = RecordListModel(
            self.columns(), list, self.fetch_rows, lambda row: row.id, self
        )
        self.table = RecordTable(self.model)
        self.count_label = QLabel()
        self.count_label.setObjectName("listCount")
        self.hint_label = muted_label(self.tr("Enter or double-click opens the selected line."))
        self.hint_label.setWordWrap(False)
        self._build_layout()
        self._build_actions()

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search.installEventFilter(self)
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.open_record.connect(self._show_editor)
        self.new_record.connect(lambda: self._show_editor(None))
        self._stale = False  # the records changed while the page was hidden
        hooks().changed.connect(self._changes_made)

    def start(self) -> None:
        """The filters are built: the list is read when the page is first shown (start-up stays quick)."""
        self._ready = True
        if self.isVisible():
            self._load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._ready and not self._loaded:
            self._load()
        elif self._stale:
            self.refresh()

    def _load(self) -> None:
        self._loaded = True
        self.model.set_source(self.fetch_ids)
        self._after_requery(None, 0)

    def shows_changes(self, changes: Changes) -> bool:
        """Whether what the list shows changed (each page names its tables)."""
        return changes.divisions

    def _changes_made(self, changes: Changes) -> None:
        if not self._loaded or not self.shows_changes(changes):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    # -- building ---------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.title)
        top.addSpacing(24)
        top.addWidget(self.search, 3)
        top.addStretch(1)
        top.addSpacing(16)
        for button in (self.new_button, self.open_button, self.delete_button):
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 36)
            top.addWidget(button)
        layout.addLayout(top)
        layout.addLayout(self.filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.hint_label)
        layout.addLayout(bottom)

    def add_filter(self, text: str, combo: QComboBox) -> None:
        label = QLabel(text)
        label.setBuddy(combo)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMaxVisibleItems(20)
        self.filters.addWidget(label)
        self.filters.addWidget(combo)
        self.filters.addSpacing(10)
        combo.currentIndexChanged.connect(lambda _index: self.refresh())

    def finish_filters(self) -> None:
        self.filters.addStretch(1)

    def _build_actions(self) -> None:
        self.new_action = QAction(self.new_text(), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self.new_record.emit)
        self.addAction(self.new_action)
        self.new_button.clicked.connect(self.new_record.emit)
        self.find_action = QAction(self.tr("Search"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self._find)
        self.addAction(self.find_action)
        self.delete_action = QAction(self.tr("Delete"), self.table)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        # As on the household page: each button says its key.
        self.open_button.setToolTip(self.tr("Open the selected line (Enter or double-click)"))
        self.delete_button.setToolTip(self.tr("Delete the selected line (Delete key)"))

    # -- list -------------------------------------------------------------------------------------

    def _find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        """Read the list again for the current filters, keeping the selected record when it still shows."""
        self.search_timer.stop()
        if not self._loaded:
            return
        self._stale = False
        kept = self.current_id()
        rows = self.table.selectionModel().selectedRows()
        self.model.refresh()
        self._after_requery(kept, rows[0].row() if rows else 0)

    def _after_requery(self, kept: str | None, fallback_row: int) -> None:
        count = self.model.rowCount()
        if count and (kept is None or not self.select_record(kept)):
            self._select_row(min(max(fallback_row, 0), count - 1))
        self.count_label.setText(self.count_text())
        self.table.empty_label.setText(self.empty_text(bool(self.search.text().strip())))
        self.table.empty_label.setVisible(count == 0)
        self._update_buttons()

    def current_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select_record(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        selected = self.current_id() is not None
        self.open_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def open_selected(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            self.open_record.emit(record_id)

    def _open_row(self, row: int) -> None:
        record_id = self.model.id_at(row)
        if record_id is not None:
            self.open_record.emit(record_id)

    def _show_editor(self, record_id: str | None) -> None:
        if self.editors_enabled:
            self.show_editor(record_id)

    def record_saved(self, record_id: str) -> None:
        """After an editor saved: read the list again and select what was saved."""
        self.refresh()
        self.select_record(record_id)

    def delete_selected(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            return
        row = self.model.row_of(record_id) or 0
        answer = QMessageBox.question(
            self,
            self.delete_title(),
            self.delete_question(self.model.record_at(row)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with announced():  # the list is read again when the block ends
                self.delete_record(record_id)
        except Exception as error:
            message = expected_error_message(error) or one_line_reason(error)
            QMessageBox.warning(self, self.delete_title(), message)
        self._after_requery(None, row)
        self.table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.refresh()
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.refresh()
                self.open_selected()
                return True
        return super().eventFilter(watched, event)

    # -- hooks for the pages ----------------------------------------------------------------------

    def page_title(self) -> str:
        raise NotImplementedError

    def search_hint(self) -> str:
        raise NotImplementedError

    def new_text(self) -> str:
        raise NotImplementedError

    def columns(self) -> Sequence[RecordColumn[Any]]:
        raise NotImplementedError

    def fetch_ids(self) -> list[str]:
        raise NotImplementedError

    def fetch_rows(self, ids: Sequence[str]) -> list[Any]:
        raise NotImplementedError

    def count_text(self) -> str:
        raise NotImplementedError

    def empty_text(self, searching: bool) -> str:
        raise NotImplementedError

    def show_editor(self, record_id: str | None) -> None:
        raise NotImplementedError

    def delete_title(self) -> str:
        raise NotImplementedError

    def delete_question(self, row: Any) -> str:
        raise NotImplementedError

    def delete_record(self, record_id: str) -> None:
        raise NotImplementedError


def station_townships(station: Station) -> list[DivisionRecord]:
    """The station's townships in tree order (a township station: just itself)."""
    found: list[DivisionRecord] = []

    def walk(nodes: Sequence[DivisionNode]) -> None:
        for node in nodes:
            if node.division.level == "township":
                found.append(node.division)
            else:
                walk(node.children)

    walk(station.divisions.tree())
    return found
