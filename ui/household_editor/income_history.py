"""Income over the years: each year's survey side by side, and the change from the baseline year.

The 828 program's goal is +1,000 yuan a year per household: a household surveyed first in 2023 (the
baseline) should have a net income at least 1,000 yuan higher in 2024, 2,000 higher in 2025, and so
on. Each later year says whether that was met. The year being edited in the survey panel is shown with
its live (unsaved) figures, marked with an asterisk.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.domain.amounts import format_yuan
from ui.widgets.labels import muted_label

GOAL_PER_YEAR = 1000  # yuan of net household income, per year since the baseline (the "828" target)
MET_BACKGROUND = "#e2f3e2"
NOT_MET_BACKGROUND = "#fbe3e1"


@dataclass(frozen=True)
class YearIncome:
    year: int
    total: int
    net: int
    per_capita: int | None
    unsaved: bool = False


@dataclass(frozen=True)
class YearProgress:
    income: YearIncome
    change: int | None  # net income minus the baseline's; None for the baseline itself
    target: int | None  # GOAL_PER_YEAR × years since the baseline

    @property
    def met(self) -> bool | None:
        if self.change is None or self.target is None:
            return None
        return self.change >= self.target


def progress(years: list[YearIncome]) -> list[YearProgress]:
    """Oldest first; the first year is the baseline."""
    ordered = sorted(years, key=lambda y: y.year)
    if not ordered:
        return []
    base = ordered[0]
    result = [YearProgress(base, None, None)]
    for income in ordered[1:]:
        result.append(YearProgress(income, income.net - base.net, GOAL_PER_YEAR * (income.year - base.year)))
    return result


class IncomeHistory(QWidget):
    ROWS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(self.ROWS, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setVerticalHeaderLabels(
            [
                self.tr("Total income"),
                self.tr("Net income"),
                self.tr("Per person"),
                self.tr("Change from baseline"),
                self.tr("Goal (+{goal} yuan/year)").format(goal=format_yuan(GOAL_PER_YEAR)),
                self.tr("Goal met?"),
            ]
        )
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(96)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.note = muted_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self._fit_height()

    def _fit_height(self) -> None:
        # Every row visible without a vertical scroll bar; room for a horizontal one only when many years
        # do not fit side by side.
        table = self.table
        header = max(table.horizontalHeader().sizeHint().height(), table.fontMetrics().height() + 8)
        rows = table.verticalHeader().length() or self.ROWS * table.verticalHeader().defaultSectionSize()
        minimum = table.horizontalHeader().minimumSectionSize()
        crowded = table.verticalHeader().width() + table.columnCount() * minimum > table.viewport().width()
        scrollbar = table.horizontalScrollBar().sizeHint().height() if crowded else 0
        table.setFixedHeight(header + rows + 2 * table.frameWidth() + scrollbar + 1)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._fit_height()  # the header's height is only right once the style is applied
        super().showEvent(event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit_height()

    def show_years(self, years: list[YearIncome]) -> None:
        rows = progress(years)
        self.table.setColumnCount(len(rows))
        for column, entry in enumerate(rows):
            income = entry.income
            title = str(income.year)
            if entry.change is None:
                title = self.tr("{year} (baseline)").format(year=income.year)
            if income.unsaved:
                title += " *"
            self.table.setHorizontalHeaderItem(column, QTableWidgetItem(title))
            cells = [
                format_yuan(income.total),
                format_yuan(income.net),
                "—" if income.per_capita is None else format_yuan(income.per_capita),
                "—" if entry.change is None else _signed(entry.change),
                "—" if entry.target is None else _signed(entry.target),
                self._verdict(entry),
            ]
            for row, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row == 5 and entry.met is not None:
                    item.setBackground(QColor(MET_BACKGROUND if entry.met else NOT_MET_BACKGROUND))
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(rows))
        self._fit_height()
        if not rows:
            self.note.setText(self.tr("No survey yet."))
        elif len(rows) == 1:
            self.note.setText(
                self.tr("{year} is the baseline year; later surveys are compared with it.").format(
                    year=rows[0].income.year
                )
            )
        else:
            self.note.setText(
                self.tr("Goal of the 828 program: net household income +{goal} yuan a year.").format(
                    goal=format_yuan(GOAL_PER_YEAR)
                )
                + ("  " + self.tr("* not saved yet") if any(r.income.unsaved for r in rows) else "")
            )

    def _verdict(self, entry: YearProgress) -> str:
        if entry.met is None:
            return "—"
        if entry.met:
            return self.tr("Met")
        assert entry.change is not None and entry.target is not None
        return self.tr("Not met (short by {amount})").format(amount=format_yuan(entry.target - entry.change))


def _signed(value: int) -> str:
    return f"+{format_yuan(value)}" if value > 0 else format_yuan(value)
