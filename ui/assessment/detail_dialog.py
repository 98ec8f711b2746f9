"""One indicator in full: its plan month by month with each milestone's state, and the progress
entries reported so far with their evidence (the drill-down's last level)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ui.assessment.grid_model import STATUS_COLOURS, status_label
from ui.assessment.indicator_model import number_text
from ui.widgets.labels import muted_label, section_title
from ui.widgets.tables import read_only_table

if TYPE_CHECKING:
    from huimin_desktop.services.assessment import IndicatorScore
    from huimin_desktop.services.station import Station


class IndicatorDetailDialog(QDialog):
    def __init__(self, station: Station, indicator: IndicatorScore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{indicator.code} {indicator.name}")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(section_title(f"{indicator.code} {indicator.name}"))
        if indicator.scoring_rule:
            layout.addWidget(muted_label(indicator.scoring_rule))
        self.milestones = read_only_table(
            QTableWidget(),
            [self.tr("Month"), self.tr("Planned"), self.tr("State"), self.tr("Reached on")],
        )
        self._fill_milestones(indicator)
        layout.addWidget(section_title(self.tr("Milestones")))
        layout.addWidget(self.milestones, 1)
        self.entries = read_only_table(
            QTableWidget(),
            [
                self.tr("Month"),
                self.tr("Reported on"),
                self.tr("Value"),
                self.tr("Note"),
                self.tr("Evidence"),
            ],
        )
        layout.addWidget(section_title(self.tr("Progress entries")))
        if indicator.figure:
            layout.addWidget(
                muted_label(self.tr("Computed from the records at each month's end: no entries."))
            )
        else:
            self._fill_entries(station, indicator)
        layout.addWidget(self.entries, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fill_milestones(self, indicator: IndicatorScore) -> None:
        states = indicator.score.milestones
        self.milestones.setRowCount(len(states))
        for row, state in enumerate(states):
            background = QBrush(QColor(STATUS_COLOURS[state.status][0]))
            values = (
                str(state.month),
                number_text(state.planned, indicator.unit) if state.planned is not None else "",
                status_label(state.status),
                state.reached_on.isoformat() if state.reached_on else "",
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setBackground(background)
                self.milestones.setItem(row, column, item)

    def _fill_entries(self, station: Station, indicator: IndicatorScore) -> None:
        record = station.indicators.get(indicator.id)
        evidence = station.attachments.for_records("indicator_progress", [p.id for p in record.progress])
        self.entries.setRowCount(len(record.progress))
        for row, entry in enumerate(record.progress):
            files = "，".join(a.filename for a in evidence.get(entry.id, []))
            values = (
                str(entry.month),
                entry.date.isoformat(),
                number_text(entry.value, indicator.unit),
                entry.note,
                files,
            )
            for column, text in enumerate(values):
                self.entries.setItem(row, column, QTableWidgetItem(text))
