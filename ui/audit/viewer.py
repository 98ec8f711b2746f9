"""审计日志 window: the audit log in a Qt model/view table, filtered by user, action, record and date,
exported to .xlsx. It reads through ``station.audit`` (services/audit.py), which refuses anyone without
READ_AUDIT and masks the ID numbers, birth dates and phones in the values for a role without
SEE_PERSONAL_DATA; an export with them whole asks a reason. The main window only shows the menu entry to
those who may use it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.services.audit import AuditFilter, AuditLine
from huimin_desktop.services.station import Station
from ui.errors import expected_error_message
from ui.vocabulary import action_label, kind_label

SHOWN_AT_MOST = 5000  # newest lines the table holds; the export takes every line the filter selects

Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    """The lines of one filter, newest first; the last column shows the changed fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[AuditLine] = []
        self.headers = [
            self.tr("Time"),
            self.tr("User"),
            self.tr("Action"),
            self.tr("Record"),
            self.tr("Record id"),
            self.tr("What"),
            self.tr("Before → after"),
        ]

    def set_lines(self, lines: list[AuditLine]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's names)
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        line = self.lines[index.row()]
        values = (
            line.local_time,
            line.user,
            action_label(line.action),
            kind_label(line.kind),
            line.record_id,
            line.summary_in(),  # in the interface's language where the entry has a code
            line.changes_in(),
        )
        return values[index.column()]


def _naive_utc(day: QDate) -> dt.datetime:
    """The local midnight that starts ``day``, as the log stores times (naive UTC)."""
    local = dt.datetime(day.year(), day.month(), day.day()).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None)


class AuditWindow(QDialog):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(1100, 640)
        self.model = AuditTableModel(self)
        self._build()
        self.fill_choices()
        self.refresh()

    # -- the window ------------------------------------------------------------------------------

    def _build(self) -> None:
        filters = QGridLayout()
        self.user = QComboBox()
        self.action = QComboBox()
        self.kind = QComboBox()
        for combo in (self.user, self.action, self.kind):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(110)
        self.record = QLineEdit()
        self.record.setPlaceholderText(self.tr("Record id (exact)"))
        self.record.setClearButtonEnabled(True)
        today = QDate.currentDate()
        self.use_from, self.date_from = QCheckBox(self.tr("From")), QDateEdit(today.addDays(-30))
        self.use_to, self.date_to = QCheckBox(self.tr("To")), QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        filters.addWidget(QLabel(self.tr("User:")), 0, 0)
        filters.addWidget(self.user, 0, 1)
        filters.addWidget(QLabel(self.tr("Action:")), 0, 2)
        filters.addWidget(self.action, 0, 3)
        filters.addWidget(QLabel(self.tr("Record:")), 0, 4)
        filters.addWidget(self.kind, 0, 5)
        filters.addWidget(self.record, 0, 6)
        dates = QHBoxLayout()
        for widget in (self.use_from, self.date_from, self.use_to, self.date_to):
            dates.addWidget(widget)
        dates.addStretch(1)
        filters.addLayout(dates, 1, 0, 1, 7)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.status = QLabel()
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        close = QPushButton(self.tr("Close"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        for combo in (self.user, self.action, self.kind):
            combo.currentIndexChanged.connect(self.refresh)
        self.record.editingFinished.connect(self.refresh)
        for box in (self.use_from, self.use_to):
            box.toggled.connect(self.refresh)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export_file)
        close.clicked.connect(self.close)

    def fill_choices(self) -> None:
        users, actions, kinds = self.station.audit.choices()
        everyone = self.tr("(all)")
        labels: tuple[tuple[QComboBox, Sequence[str], Callable[[str], str]], ...] = (
            (self.user, users, str),
            (self.action, actions, action_label),
            (self.kind, kinds, kind_label),
        )
        for combo, values, label in labels:
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for value in values:
                combo.addItem(label(value), value)
            combo.blockSignals(False)

    # -- what it shows ---------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        until = _naive_utc(self.date_to.date().addDays(1)) if self.use_to.isChecked() else None
        return AuditFilter(
            user=self.user.currentData(),
            action=self.action.currentData(),
            kind=self.kind.currentData(),
            record_id=self.record.text().strip() or None,
            since=_naive_utc(self.date_from.date()) if self.use_from.isChecked() else None,
            until=until,
        )

    def refresh(self) -> None:
        where = self.current_filter()
        lines = self.station.audit.lines(where, limit=SHOWN_AT_MOST)
        total = self.station.audit.count(where) if len(lines) == SHOWN_AT_MOST else len(lines)
        self.model.set_lines(lines)
        self.table.resizeColumnsToContents()
        for column, widest in ((5, 360), (6, 420)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        if total > len(lines):
            text = self.tr("{shown} newest of {total} lines (the export takes them all)")
            self.status.setText(text.format(shown=len(lines), total=total))
        else:
            self.status.setText(self.tr("{count} lines").format(count=total))
        self.export_button.setEnabled(total > 0)

    # -- export ----------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the audit log"),
            self.tr("audit-log.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> int | None:
        """Write what the filter selects; the count, or None (the reason is shown in the status line)."""
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        full, reason = False, ""  # the values masked for a role without the right (services/audit.py)
        if self.station.masking.full:  # whole ID numbers in the before/after values: ask why, or mask
            from ui.privacy.reason_dialog import ask_export_reason

            choice = ask_export_reason(self, self.tr("audit log"))
            if choice is None:
                return None
            full, reason = choice.full, choice.reason
        try:
            count = self.station.audit.export_xlsx(
                path, self.current_filter(), self.windowTitle(), full=full, reason=reason
            )
        except Exception as exc:  # the service's one-line reason, never a traceback
            message = expected_error_message(exc)
            if message is None:
                raise
            self.status.setText(message)
            return None
        self.status.setText(self.tr("Exported {count} lines to {path}").format(count=count, path=path))
        self.fill_choices_keeping()
        return count

    def fill_choices_keeping(self) -> None:
        """The export added its own line (and maybe a new action to the list): keep what is chosen."""
        chosen = [combo.currentData() for combo in (self.user, self.action, self.kind)]
        self.fill_choices()
        for combo, value in zip((self.user, self.action, self.kind), chosen, strict=True):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.refresh()
