"""The county × month grid: one row per county, a cell per month coloured by its milestones.

A cell shows how many of that month's milestones were met on time out of how many there are, and its
colour is the worst state among them (missed, late, not yet due, on time); the last column is the
county's score. The data is a frozen ``AssessmentGrid`` from the core.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from huimin_desktop.services.assessment import AssessmentGrid, CountyRow, GridCell
from huimin_desktop.services.scoring import Status

Index = QModelIndex | QPersistentModelIndex
MONTHS = 12
SCORE_COLUMN = MONTHS + 1

# Background, text: readable on a projector and in grey print (the darkest is the worst).
STATUS_COLOURS: dict[Status, tuple[str, str]] = {
    Status.ON_TIME: ("#cfe8d3", "#1e5a2b"),
    Status.LATE: ("#fbe3a6", "#6b4a00"),
    Status.MISSED: ("#f2b8b2", "#7a1d16"),
    Status.PENDING: ("#eceff3", "#5b6777"),
}


def status_label(status: Status) -> str:
    labels = {
        Status.ON_TIME: QCoreApplication.translate("AssessmentGrid", "On time"),
        Status.LATE: QCoreApplication.translate("AssessmentGrid", "Late"),
        Status.MISSED: QCoreApplication.translate("AssessmentGrid", "Missed"),
        Status.PENDING: QCoreApplication.translate("AssessmentGrid", "Not yet due"),
    }
    return labels[status]


def points_text(points: float, max_score: float) -> str:
    return f"{points:g} / {max_score:g}"


class AssessmentGridModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: AssessmentGrid | None = None

    def set_grid(self, grid: AssessmentGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def county(self, row: int) -> CountyRow | None:
        if self.grid is None or not 0 <= row < len(self.grid.counties):
            return None
        return self.grid.counties[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() or self.grid is None else len(self.grid.counties)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else MONTHS + 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self.tr("County")
        if section == SCORE_COLUMN:
            return self.tr("Score")
        return self.tr("Month %1").replace("%1", str(section))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        county = self.county(index.row()) if index.isValid() else None
        if county is None:
            return None
        column = index.column()
        if column == 0:
            return county.name if role == Qt.ItemDataRole.DisplayRole else None
        if column == SCORE_COLUMN:
            return self._score_data(county, role)
        return self._cell_data(county.cells[column - 1], column, role)

    def _score_data(self, county: CountyRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return points_text(county.points, county.max_score)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _cell_data(self, cell: GridCell, month: int, role: int) -> Any:
        status = cell.status
        if role == Qt.ItemDataRole.DisplayRole:
            if status is None:
                return ""
            return f"{cell.counts.get(Status.ON_TIME, 0)}/{cell.total}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if status is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATUS_COLOURS[status][0]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(STATUS_COLOURS[status][1]))
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [
                f"{status_label(s)} {n}" for s, n in sorted(cell.counts.items(), key=lambda i: i[0].value)
            ]
            return (
                self.tr("Milestones of month %1: %2")
                .replace("%1", str(month))
                .replace("%2", "，".join(parts))
            )
        if role == Qt.ItemDataRole.UserRole:
            return status.value
        return None
