"""The drill-down: one county's indicators, each with its target, where it stands and its points.

``month`` picks the milestone the "this month" column shows (the grid cell the user clicked).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from huimin_desktop.services.assessment import IndicatorScore
from huimin_desktop.services.bound_figures import FIGURES
from ui.assessment.grid_model import STATUS_COLOURS, Index, points_text, status_label


def number_text(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:,.1f}".rstrip("0").rstrip(".") + unit


class IndicatorScoreModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: tuple[IndicatorScore, ...] = ()
        self.month = 0
        self.columns: Sequence[tuple[str, Callable[[IndicatorScore], str]]] = (
            (self.tr("No."), lambda i: i.code),
            (self.tr("Indicator"), lambda i: i.name),
            (self.tr("Target"), lambda i: number_text(i.target_value, i.unit)),
            (self.tr("Done"), lambda i: number_text(i.latest_value, i.unit)),
            (self.tr("Completion"), self._completion),
            (self.tr("This month"), self._this_month),
            (self.tr("Score"), lambda i: points_text(i.score.points, i.score.max_score)),
            (self.tr("Scoring"), lambda i: i.method_label),
            (self.tr("Progress from"), self._source),
            (self.tr("Responsible"), lambda i: i.responsible_person),
            (self.tr("Deadline"), lambda i: i.deadline.isoformat() if i.deadline else ""),
            (self.tr("Lead unit"), lambda i: i.lead_unit),
            (self.tr("Evidence"), lambda i: i.evidence),
        )

    def set_rows(self, rows: tuple[IndicatorScore, ...], month: int) -> None:
        self.beginResetModel()
        self.rows, self.month = rows, month
        self.endResetModel()

    def indicator(self, row: int) -> IndicatorScore | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == 5 and self.month:
                return self.tr("Month %1 milestone").replace("%1", str(self.month))
            return self.columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        indicator = self.indicator(index.row()) if index.isValid() else None
        if indicator is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()][1](indicator)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (1, 7):
            return indicator.scoring_rule or None
        if index.column() == 5 and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            state = indicator.milestone(self.month)
            if state is not None:
                colours = STATUS_COLOURS[state.status]
                return QBrush(QColor(colours[0 if role == Qt.ItemDataRole.BackgroundRole else 1]))
        return None

    def _completion(self, indicator: IndicatorScore) -> str:
        completion = indicator.score.completion
        return "—" if completion is None else f"{completion:.0%}"

    def _this_month(self, indicator: IndicatorScore) -> str:
        state = indicator.milestone(self.month)
        if state is None:
            return ""
        planned = number_text(state.planned, indicator.unit) if state.planned is not None else ""
        return f"{planned} {status_label(state.status)}".strip()

    def _source(self, indicator: IndicatorScore) -> str:
        figure = FIGURES.get(indicator.figure)
        if figure is None:
            return self.tr("Entered")
        return self.tr("Computed: %1").replace("%1", figure.label)
