"""考核 page: every county's milestones month by month, and the indicators behind a clicked cell.

The grid is read when the page is first shown and again when indicators (or the records a bound
indicator counts) change. A click on a county's row or one of its months fills the drill-down below
with that county's indicators, the clicked month's milestone in its own column.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.services.scoring import Status
from ui.assessment.grid_model import MONTHS, SCORE_COLUMN, STATUS_COLOURS, AssessmentGridModel, status_label
from ui.assessment.indicator_model import IndicatorScoreModel
from ui.operations import Operation, hooks
from ui.widgets.labels import muted_label, section_title, title_label

if TYPE_CHECKING:
    from huimin_desktop.changes import Changes
    from huimin_desktop.services.assessment import AssessmentGrid, IndicatorScore
    from huimin_desktop.services.station import Station


class AssessmentPage(QWidget):
    grid_shown = Signal()  # a grid read has been shown (tests and benchmarks wait for it)

    def __init__(self, station: Station, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentPage")
        self.station = station
        self.today = today
        self._loaded = self._stale = False
        self._generation = 0  # of grid reads: only the newest one is shown
        self.county_id: str | None = None
        self.month = 0
        self.year = QComboBox()
        self.grid_model = AssessmentGridModel(self)
        self.grid = QTableView()
        self.indicator_model = IndicatorScoreModel(self)
        self.indicators = QTableView()
        self.detail_title = section_title("")
        self.summary = muted_label()
        self.progress_button = QPushButton(self.tr("Enter progress…"))
        self.details_button = QPushButton(self.tr("Details…"))
        self.new_button = QPushButton(self.tr("New indicator…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.copy_button = QPushButton(self.tr("Copy to a new year…"))
        self._build()
        hooks().changed.connect(self._changes_made)

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("Assessment")))
        top.addSpacing(24)
        year_label = QLabel(self.tr("Year"))
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        for button in (self.new_button, self.copy_button):
            top.addWidget(button)
        top.addSpacing(12)
        for status in (Status.ON_TIME, Status.LATE, Status.MISSED, Status.PENDING):
            top.addWidget(_legend_chip(status))
        layout.addLayout(top)
        layout.addWidget(self.summary)
        self._build_grid()
        layout.addWidget(self.grid)
        detail = QHBoxLayout()
        detail.addWidget(self.detail_title)
        detail.addStretch(1)
        detail.addWidget(self.edit_button)
        detail.addWidget(self.delete_button)
        detail.addWidget(self.details_button)
        detail.addWidget(self.progress_button)
        layout.addLayout(detail)
        self._build_indicators()
        layout.addWidget(self.indicators, 1)
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.progress_button.clicked.connect(self._enter_progress)
        self.progress_button.setEnabled(False)
        self.details_button.clicked.connect(self._show_details)
        self.details_button.setEnabled(False)
        self._build_defining()

    def _build_defining(self) -> None:
        """The city's reviewers and administrators define the indicators; everyone else reads them."""
        from ui.assessment import defining

        self.defining = defining.Defining(self)
        self.new_button.clicked.connect(self.defining.new)
        self.edit_button.clicked.connect(self.defining.edit)
        self.delete_button.clicked.connect(self.defining.delete)
        self.copy_button.clicked.connect(lambda: self.defining.copy_year())  # asks the year (not "checked")
        allowed = self.station.indicators.can_define()
        for button in (self.new_button, self.edit_button, self.delete_button, self.copy_button):
            button.setVisible(allowed)
            button.setEnabled(allowed)

    def _build_grid(self) -> None:
        grid = self.grid
        grid.setModel(self.grid_model)
        grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        grid.verticalHeader().setVisible(False)
        grid.setShowGrid(True)
        header = grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for month in range(1, MONTHS + 1):
            header.setSectionResizeMode(month, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SCORE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        grid.clicked.connect(self._cell_clicked)

    def _build_indicators(self) -> None:
        table = self.indicators
        table.setModel(self.indicator_model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # the evidence list takes what is left
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_button())
        table.activated.connect(lambda _index: self._show_details())

    # -- reading ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded or self._stale:
            self._load()

    def _load(self) -> None:
        self._loaded, self._stale = True, False
        years = self.station.assessment.years()
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        index = self.year.findData(chosen) if chosen is not None else 0
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Read the grid on the worker thread (at 100k households the figures take a few seconds);
        the page keeps showing the last grid meanwhile."""
        year = self.year.currentData()
        self._generation += 1
        generation, today, station = self._generation, self.today, self.station
        chosen = int(year) if year is not None else (today or dt.date.today()).year
        self.summary.setText(self.tr("Scoring…"))
        Operation(
            self, lambda _task: station.assessment.grid(chosen, today), label=self.tr("Scoring…"), quiet=True
        ).success(lambda grid: self._show_grid(grid, generation, year is not None)).run_in_background()

    def _show_grid(self, grid: AssessmentGrid, generation: int, has_year: bool) -> None:
        if generation != self._generation:
            return  # a newer read is on its way
        self.grid_model.set_grid(grid)
        if not has_year:
            self.summary.setText(self.tr("No indicators yet: the city defines them and sends them down."))
            self._show_county(None)
            return
        self.summary.setText(
            self.tr("Scored as of %1. Each month shows the milestones met on time out of those due.").replace(
                "%1", grid.today.isoformat()
            )
        )
        self._fit_grid()
        county = grid.county(self.county_id) if self.county_id else None
        if county is None and grid.counties:
            county = grid.counties[0]
        self._show_county(county.division_id if county else None)
        self.grid_shown.emit()

    def _fit_grid(self) -> None:
        """As tall as its rows (a city has a handful of counties), at most half the page."""
        grid = self.grid
        grid.resizeRowsToContents()
        rows = sum(grid.rowHeight(r) for r in range(self.grid_model.rowCount()))
        height = grid.horizontalHeader().height() + rows + 2 * grid.frameWidth() + 2
        grid.setFixedHeight(
            max(height, 80) if self.height() <= 0 else min(max(height, 80), self.height() // 2)
        )

    def _cell_clicked(self, index: QModelIndex) -> None:
        county = self.grid_model.county(index.row())
        if county is None:
            return
        self.month = index.column() if 1 <= index.column() <= MONTHS else 0
        self._show_county(county.division_id)

    def _show_county(self, county_id: str | None) -> None:
        self.county_id = county_id
        grid = self.grid_model.grid
        county = grid.county(county_id) if grid is not None and county_id else None
        if county is None:
            self.detail_title.setText(self.tr("Indicators"))
            self.indicator_model.set_rows((), 0)
        else:
            month = self.month or (grid.today.month if grid and grid.today.year == grid.year else 12)
            self.detail_title.setText(
                self.tr("%1: %2 indicators, %3 points")
                .replace("%1", county.name)
                .replace("%2", str(len(county.indicators)))
                .replace("%3", f"{county.points:g} / {county.max_score:g}")
            )
            self.indicator_model.set_rows(county.indicators, month)
        self._update_button()

    def _update_button(self) -> None:
        indicator = self._selected()
        self.progress_button.setEnabled(indicator is not None and not indicator.figure)
        self.details_button.setEnabled(indicator is not None)
        self.edit_button.setEnabled(indicator is not None)
        self.delete_button.setEnabled(indicator is not None)

    def _show_details(self) -> None:
        indicator = self._selected()
        if indicator is None:
            return
        from ui.assessment.detail_dialog import IndicatorDetailDialog

        self.details = IndicatorDetailDialog(self.station, indicator, self)
        self.details.open()

    def selected_year(self) -> int:
        year = self.year.currentData()
        return int(year) if year is not None else (self.today or dt.date.today()).year

    def selected(self) -> IndicatorScore | None:
        return self._selected()

    def _selected(self) -> IndicatorScore | None:
        rows = self.indicators.selectionModel().selectedRows()
        return self.indicator_model.indicator(rows[0].row()) if rows else None

    def _enter_progress(self) -> None:
        indicator = self._selected()
        if indicator is None or indicator.figure:
            return
        from ui.assessment.progress_dialog import ProgressDialog

        dialog = ProgressDialog(self.station, indicator, self)
        if dialog.exec():
            self.refresh()

    def _changes_made(self, changes: Changes) -> None:
        if not self._loaded:
            return
        if changes.indicators:
            self._stale = True  # a year may have come or gone: the year list is read again
        if not (changes.indicators or changes.households or changes.projects or changes.trainings):
            return
        if self.isVisible():
            self._load() if changes.indicators else self.refresh()
        else:
            self._stale = True


def _legend_chip(status: Status) -> QLabel:
    background, text = STATUS_COLOURS[status]
    chip = QLabel(status_label(status))
    chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
    chip.setStyleSheet(
        f"background: {background}; color: {text}; border-radius: 4px; padding: 2px 10px; margin-left: 4px;"
    )
    return chip
