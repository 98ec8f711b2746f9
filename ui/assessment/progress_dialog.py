"""Entering a month's progress on an indicator reported by hand, with its evidence (证明材料).

The entry and its files go in one operation on the worker thread: the entry first, then the files
attached to it (a refused file is named afterwards; the entry stays).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.services.indicators import ProgressInput
from ui.errors import expected_error_message
from ui.operations import Operation
from ui.widgets.labels import muted_label, section_title

if TYPE_CHECKING:
    from huimin_desktop.progress import TaskState
    from huimin_desktop.services.assessment import IndicatorScore
    from huimin_desktop.services.station import Station


class ProgressDialog(QDialog):
    def __init__(self, station: Station, indicator: IndicatorScore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.indicator = station, indicator
        self.setWindowTitle(self.tr("Enter progress"))
        self.month = QComboBox()
        today = dt.date.today()
        for month in range(1, 13):
            self.month.addItem(self.tr("Month %1").replace("%1", str(month)), month)
        self.month.setCurrentIndex(max(0, today.month - 2))  # usually last month's figure
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("Cumulative value so far, in %1").replace("%1", indicator.unit))
        self.note = QLineEdit()
        self.reporter = QLineEdit()
        self.files = QListWidget()
        self.files.setMaximumHeight(80)
        self.error = QLabel()
        self.error.setObjectName("inlineError")
        self.error.setWordWrap(True)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(section_title(f"{self.indicator.code} {self.indicator.name}"))
        if self.indicator.evidence:
            layout.addWidget(
                muted_label(self.tr("Evidence required: %1").replace("%1", self.indicator.evidence))
            )
        form = QFormLayout()
        form.addRow(self.tr("Month reported"), self.month)
        form.addRow(self.tr("Reported on"), self.date)
        form.addRow(self.tr("Value"), self.value)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Reported by"), self.reporter)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        add = QPushButton(self.tr("Add files…"))
        add.clicked.connect(self._pick_files)
        files_row.addWidget(add)
        form.addRow(self.tr("Evidence"), files_row)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _pick_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Evidence files"))
        for path in paths:
            self.files.addItem(path)

    def entry(self) -> ProgressInput | None:
        """The form as an entry; None (with the reason shown) when the value is not a number."""
        text = self.value.text().strip().replace(",", "")
        value = None
        if text:
            try:
                value = float(text)
            except ValueError:
                self.error.setText(self.tr("The value must be a number: %1").replace("%1", text))
                return None
        picked = self.date.date()
        return ProgressInput(
            dt.date(picked.year(), picked.month(), picked.day()),
            value,
            self.note.text(),
            self.reporter.text(),
            int(self.month.currentData()),
        )

    def _save(self) -> None:
        entry = self.entry()
        if entry is None:
            return
        files = [Path(self.files.item(i).text()) for i in range(self.files.count())]
        indicator_id, station = self.indicator.id, self.station

        def work(task: TaskState) -> None:
            saved = station.indicators.add_progress(indicator_id, entry)
            if files:
                station.attachments.add_files("indicator_progress", saved.id, files, task=task)

        self.error.clear()
        Operation(self, work, label=self.tr("Saving the progress…")).success(
            lambda _result: self.accept()
        ).failure(self._failed).run_in_background()

    def _failed(self, error: BaseException) -> None:
        self.error.setText(expected_error_message(error) or str(error))
