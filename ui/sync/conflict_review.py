"""冲突审核: what a merge decided on its own, one conflict at a time, both values side by side.

The merge already applied the winning value (every copy converges); the clerk either agrees (保留当前值,
K) or prefers the other (改用另一值, O), which ``choose_other`` writes as a new local edit that syncs on.
Up/Down walk the list; after a choice the next open conflict is selected. For a duplicate ID number
the two households can be opened side by side in the household editor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.errors import expected_error_message, one_line_reason
from ui.operations import Operation
from ui.sync.texts import format_time, kind_text, resolution_text, stamp_time, value_text
from ui.widgets.labels import title_label
from ui.widgets.tables import read_only_table

if TYPE_CHECKING:
    from huimin_desktop.progress import TaskState
    from huimin_desktop.services.station import Station
    from huimin_desktop.services.sync import ConflictRecord

ID_ROLE = Qt.ItemDataRole.UserRole


class ValuePanel(QFrame):
    """One side of the comparison: the value, large, and which station set it when."""

    def __init__(self, heading: str, accent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(f"#card {{ border-top: 4px solid {accent}; }}")
        self.heading = QLabel(heading)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.value = QLabel()
        self.value.setObjectName("conflictValue")
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        big = self.value.font()
        big.setPointSizeF(big.pointSizeF() * 1.4)
        self.value.setFont(big)
        self.station = QLabel()
        self.station.setObjectName("mutedText")
        self.when = QLabel()
        self.when.setObjectName("mutedText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.value)
        layout.addSpacing(12)
        layout.addWidget(self.station)
        layout.addWidget(self.when)

    def show_value(self, value: object, station: str, stamp: str, changed: dt.datetime | None = None) -> None:
        """``changed``, when given, is when the whole record last changed (a duplicate ID's household)."""
        self.value.setText(value_text(value))
        self.station.setText(self.tr("Station: {name}").format(name=station or "—"))
        moment = changed if changed is not None else stamp_time(stamp)
        self.when.setText(self.tr("Changed: {time}").format(time=format_time(moment)))

    def clear(self) -> None:
        for label in (self.value, self.station, self.when):
            label.setText("")


class ConflictReviewDialog(QDialog):
    """The open conflicts (or all, with "show resolved"), a side-by-side view, keep / use the other."""

    resolved = Signal(int)  # conflict id

    def __init__(self, station: Station, parent: QWidget | None = None, *, user: str = "system") -> None:
        super().__init__(parent)
        self.station = station
        self.user = user
        self.conflicts: list[ConflictRecord] = []
        self.editors_enabled = True  # False in tests: the "open both households" signal only
        self.operation: Operation[None] | None = None
        self.setWindowTitle(self.tr("Review conflicts"))
        self.setMinimumSize(980, 560)

        self.title = title_label(self.tr("Review conflicts"))
        self.intro = QLabel(
            self.tr(
                "The merge applied one value and kept the other here. Keep the current value, or use the "
                "other one: it becomes a new edit and reaches the other stations with the next sync."
            )
        )
        self.intro.setWordWrap(True)
        self.show_resolved = QCheckBox(self.tr("Show resolved conflicts too"))

        self.table = self._build_table()
        self.empty_label = QLabel(self.tr("No open conflicts: every merged value agrees."))
        self.empty_label.setObjectName("mutedText")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        self.record_label = QLabel()
        record_font = self.record_label.font()
        record_font.setBold(True)
        record_font.setPointSizeF(record_font.pointSizeF() * 1.2)
        self.record_label.setFont(record_font)
        self.record_label.setWordWrap(True)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("mutedText")
        self.detail_label.setWordWrap(True)
        self.current_panel = ValuePanel(self.tr("Current value (applied)"), "#1b6e35")
        self.other_panel = ValuePanel(self.tr("Other value"), "#b26a00")
        self.keep_button = QPushButton(self.tr("&Keep current value"))
        self.keep_button.setToolTip(self.tr("The applied value stays; the conflict is closed (K)"))
        self.other_button = QPushButton(self.tr("Use the &other value"))
        self.other_button.setToolTip(
            self.tr("The other value becomes a new edit that syncs to the other stations (O)")
        )
        self.open_both_button = QPushButton(self.tr("Open both households"))
        self.status_label = QLabel()
        self.status_label.setObjectName("mutedText")
        self.message = QLabel()
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        self.message.hide()
        self.close_button = QPushButton(self.tr("Close"))

        self._build_layout()
        self.table.itemSelectionChanged.connect(self._show_current)
        self.show_resolved.toggled.connect(lambda _on: self.reload())
        self.keep_button.clicked.connect(self.keep)
        self.other_button.clicked.connect(self.choose_other)
        self.open_both_button.clicked.connect(self.open_households)
        self.close_button.clicked.connect(self.accept)
        # Plain letters, as the buttons' tooltips say; Alt+K / Alt+O work through the mnemonics too.
        for key, slot in (("K", self.keep), ("O", self.choose_other)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)
        self.reload()

    def _build_table(self) -> QTableWidget:
        """The list of conflicts: one line each, whole rows selected, Tab leaves it."""
        table = QTableWidget(0, 4)
        table.setObjectName("conflictList")
        table.setHorizontalHeaderLabels(
            [self.tr("Record"), self.tr("Field"), self.tr("Kind"), self.tr("Detected")]
        )
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def _build_differences(self) -> QTableWidget:
        """For a duplicate ID number: where the two households differ, side by side."""
        self.differences = read_only_table(
            QTableWidget(0, 3), [self.tr("Differs in"), self.tr("This household"), self.tr("Other household")]
        )
        self.differences.setObjectName("householdDifferences")
        self.differences.setTabKeyNavigation(False)
        self.differences.setMaximumHeight(180)
        self.differences.hide()
        return self.differences

    def _show_differences(self, conflict: ConflictRecord | None) -> None:
        rows = conflict.differences if conflict is not None and conflict.kind == "duplicate-id" else ()
        self.differences.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.differences.setItem(row, column, QTableWidgetItem(text or "—"))
        self.differences.setVisible(bool(rows))

    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        left_layout.addWidget(self.show_resolved)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.setSpacing(8)
        right_layout.addWidget(self.record_label)
        right_layout.addWidget(self.detail_label)
        sides = QGridLayout()
        sides.setHorizontalSpacing(12)
        sides.addWidget(self.current_panel, 0, 0)
        sides.addWidget(self.other_panel, 0, 1)
        sides.addWidget(self.keep_button, 1, 0)
        sides.addWidget(self.other_button, 1, 1)
        right_layout.addLayout(sides)
        right_layout.addWidget(self._build_differences())
        right_layout.addWidget(self.open_both_button, 0, Qt.AlignmentFlag.AlignLeft)
        right_layout.addWidget(self.status_label)
        right_layout.addWidget(self.message)
        right_layout.addStretch(1)
        for button in (self.keep_button, self.other_button):
            button.setMinimumHeight(40)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([460, 560])
        splitter.setChildrenCollapsible(False)

        bottom = QHBoxLayout()
        hint = QLabel(self.tr("↑/↓ move through the list; K keeps the current value, O uses the other."))
        hint.setObjectName("mutedText")
        bottom.addWidget(hint)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    # -- the list ---------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the conflicts again and select ``select_id`` (else the first one)."""
        open_only = not self.show_resolved.isChecked()
        self.conflicts = self.station.sync.conflicts(open_only=open_only)
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            values = [
                conflict.record_label,
                conflict.field_label or conflict.field,
                kind_text(conflict.kind),
                format_time(conflict.detected_at),
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, conflict.id)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.empty_label.setVisible(not self.conflicts)
        self.table.setVisible(bool(self.conflicts))
        rows = [r for r, c in enumerate(self.conflicts) if c.id == select_id]
        if self.conflicts:
            self.table.selectRow(rows[0] if rows else 0)
            self.table.setFocus()
        self._show_current()

    def open_count(self) -> int:
        return sum(1 for c in self.conflicts if c.status == "open")

    def current(self) -> ConflictRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.conflicts[rows[0].row()] if rows else None

    def _show_current(self) -> None:
        conflict = self.current()
        if conflict is None:
            self.record_label.setText("")
            self.detail_label.setText("")
            self.current_panel.clear()
            self.other_panel.clear()
            self.status_label.setText("")
            for button in (self.keep_button, self.other_button, self.open_both_button):
                button.setEnabled(False)
            self.open_both_button.setVisible(False)
            self._show_differences(None)
            return
        self.record_label.setText(conflict.record_label)
        self.detail_label.setText(
            self.tr("{field}: {kind}, found {time}").format(
                field=conflict.field_label or conflict.field,
                kind=kind_text(conflict.kind),
                time=format_time(conflict.detected_at),
            )
        )
        self.current_panel.show_value(
            conflict.winner_value, conflict.winner_station, conflict.winner_stamp, conflict.winner_changed
        )
        self.other_panel.show_value(
            conflict.other_value, conflict.other_station, conflict.other_stamp, conflict.other_changed
        )
        self._show_differences(conflict)
        is_open = conflict.status == "open"
        self.keep_button.setEnabled(is_open)
        self.other_button.setEnabled(is_open)
        self.status_label.setText("" if is_open else resolution_text(conflict.status))
        duplicate = conflict.kind == "duplicate-id" and bool(conflict.other_row_id)
        self.open_both_button.setVisible(duplicate)
        self.open_both_button.setEnabled(duplicate and conflict.table_name == "household")
        self._set_message("")

    # -- choices ----------------------------------------------------------------------------------

    def keep(self) -> None:
        self._resolve(lambda c: self.station.sync.keep(c.id, user=self.user))

    def choose_other(self) -> None:
        self._resolve(lambda c: self.station.sync.choose_other(c.id, user=self.user))

    def _resolve(self, action: Callable[[ConflictRecord], None]) -> None:
        """Run the choice as an operation: the main window then refreshes the household list too."""
        conflict = self.current()
        if conflict is None or conflict.status != "open" or self.operation is not None:
            return
        row = self.conflicts.index(conflict)
        # The next conflict down takes the place of the one just decided.
        # (When it was the last one, the list starts again at the top.)
        following = [c.id for c in self.conflicts[row + 1 :] if c.status == "open"]

        def decide(_task: TaskState) -> None:
            action(conflict)

        def done(_result: None) -> None:
            self.operation = None
            self.resolved.emit(conflict.id)
            self.reload(following[0] if following else None)

        def failed(error: BaseException) -> None:
            self.operation = None
            self._set_message(expected_error_message(error) or one_line_reason(error))

        self.operation = (
            Operation(self, decide, label=self.tr("Saving the decision…"), cancellable=False)
            .success(done)
            .failure(failed)
        )
        self.operation.run_in_background()

    def open_households(self) -> None:
        """Both households of a duplicate ID number, each in its own editor window."""
        conflict = self.current()
        if conflict is None or conflict.table_name != "household" or not conflict.other_row_id:
            return
        if not self.editors_enabled:
            return
        from ui.household_editor import open_household_editor

        # Owned by the main window, not by this dialog: they stay open when the review closes.
        owner = self.parentWidget() or self
        for household_id in (conflict.row_id, conflict.other_row_id):
            open_household_editor(owner, self.station, household_id, user=self.user)

    def _set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
