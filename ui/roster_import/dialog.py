"""导入花名册: choose a roster (file picker or drop), check the preview, correct the column mapping, import.

Page 1 takes the file. Reading it finds the table and the columns (or the mapping remembered for files
of this shape), and the preview follows at once: what would be added, updated and refused, nothing
written. 调整列对应 opens the mapping page, whose changes give a new preview. 导入 then writes in one
transaction (cancel rolls it back); the refused rows can be saved as an .xlsx to send back to the village.
Columns that hold data but map to no field are highlighted in the preview and the mapping, and 导入 asks
before leaving them out. The survey year is the one the file names (the preview says why) until the user
picks another.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.spreadsheet.reading import SUFFIXES
from ui.operations import Operation
from ui.roster_import.mapping_table import MappingTable
from ui.roster_import.preview import PreviewPanel
from ui.widgets.labels import title_label
from ui.widgets.message_boxes import widen

if TYPE_CHECKING:
    from huimin_desktop.services.rosters import RosterOutcome
    from huimin_desktop.services.station import Station
    from huimin_desktop.spreadsheet.table import RosterTable

CHOOSE, PREVIEW, MAPPING, RESULT = range(4)


class RosterImportDialog(QDialog):
    imported = Signal(object)  # RosterOutcome of the real import

    def __init__(self, station: Station, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.table: RosterTable | None = None
        self.mapping: dict[str, int] = {}
        self.outcome: RosterOutcome | None = None
        self.import_result: RosterOutcome | None = None  # (QDialog has a result())
        self.operation: Operation | None = None
        self.year_chosen = False  # the user picked a year: it wins over the one the file names
        self.unmapped_question: QMessageBox | None = None
        self.setWindowTitle(self.tr("Import household roster"))
        self.setMinimumSize(900, 580)
        self.setAcceptDrops(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_choose_page())
        self.stack.addWidget(self._build_preview_page())
        self.stack.addWidget(self._build_mapping_page())
        self.stack.addWidget(self._build_result_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.addWidget(self.stack)
        if path is not None:
            self.load(Path(path))

    # -- page 1: choose ---------------------------------------------------------------------------

    def _build_choose_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(title_label(self.tr("Import household roster")))
        intro = QLabel(
            self.tr(
                "Choose the roster a village sent (.xlsx, .xls or .csv), or drop it here. Title lines, "
                "two-row headers, total rows and the signature lines are recognised; the next page shows "
                "what would be added, updated and refused before anything is written."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.drop_area = QFrame()
        self.drop_area.setObjectName("dropArea")
        self.drop_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_area.setStyleSheet("#dropArea { border: 2px dashed #9aa5b1; border-radius: 8px; }")
        drop_layout = QVBoxLayout(self.drop_area)
        drop_label = QLabel(self.tr("Drop a roster file here"))
        drop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.setDefault(True)
        drop_layout.addStretch(1)
        drop_layout.addWidget(drop_label)
        drop_layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignHCenter)
        drop_layout.addStretch(1)
        layout.addWidget(self.drop_area, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        self.choose_button.clicked.connect(self.choose_file)
        cancel.clicked.connect(self.reject)
        return page

    def choose_file(self) -> None:
        patterns = " ".join(f"*{s}" for s in SUFFIXES)
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a roster"), "", self.tr("Rosters ({patterns})").format(patterns=patterns)
        )
        if chosen:
            self.load(Path(chosen))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if any(u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in SUFFIXES for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in SUFFIXES:
                event.acceptProposedAction()
                self.load(Path(url.toLocalFile()))
                return

    def load(self, path: Path) -> None:
        """Read the file (off the GUI thread), then preview it with the detected or remembered mapping."""
        station = self.station

        def loaded(table: RosterTable) -> None:
            self.table = table
            self.mapping = dict(table.mapping)
            self.year.blockSignals(True)
            self.year.setValue(station.rosters.default_year(table))
            self.year.blockSignals(False)
            self.year_chosen = False
            self.mapping_table.show_table(table, self.mapping, station.masking)
            self.file_label.setText(self._file_text(table))
            self.start_preview()

        self.operation = (
            Operation(
                self, lambda task: station.rosters.read(path, task), label=self.tr("Reading the roster…")
            )
            .success(loaded)
            .run_in_background()
        )

    def _file_text(self, table: RosterTable) -> str:
        return self.tr("{file}, sheet “{sheet}”: header in row {header}, {rows} data rows").format(
            file=table.path.name,
            sheet=table.sheet,
            header="–".join(str(r) for r in table.header_rows),
            rows=f"{len(table.rows):,}",
        )

    # -- page 2: preview --------------------------------------------------------------------------

    def _build_preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(title_label(self.tr("Preview of the import")))
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        self.preview_panel = PreviewPanel()
        layout.addWidget(self.preview_panel, 1)
        buttons = QHBoxLayout()
        self.mapping_button = QPushButton(self.tr("Adjust columns…"))
        self.save_rejected_button = QPushButton(self.tr("Save refused rows…"))
        year_label = QLabel(self.tr("Survey year:"))
        self.year = QSpinBox()
        self.year.setRange(2000, dt.date.today().year + 1)
        self.year.setValue(dt.date.today().year)
        self.year.setToolTip(self.tr("The year the incomes belong to; the preview says where it was read"))
        self.year.valueChanged.connect(self._year_changed)
        cancel = QPushButton(self.tr("Cancel"))
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setDefault(True)
        for widget in (self.mapping_button, self.save_rejected_button, year_label, self.year):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.import_button)
        layout.addLayout(buttons)
        self.mapping_button.clicked.connect(lambda: self.stack.setCurrentIndex(MAPPING))
        self.preview_panel.map_column.connect(self.map_column)
        self.save_rejected_button.clicked.connect(self.save_rejected)
        cancel.clicked.connect(self.reject)
        self.import_button.clicked.connect(self.start_import)
        return page

    def _year_changed(self, _value: int) -> None:
        self.year_chosen = True
        self.start_preview()

    def chosen_year(self) -> int | None:
        """The year the user picked, or None for the one the file names."""
        return self.year.value() if self.year_chosen else None

    def map_column(self, index: int) -> None:
        """Open the mapping on column ``index`` (an unmapped one the preview listed)."""
        self.stack.setCurrentIndex(MAPPING)
        self.mapping_table.focus_column(index)

    def start_preview(self) -> None:
        if self.table is None:
            return
        table, mapping, year, station = self.table, dict(self.mapping), self.chosen_year(), self.station

        def shown(outcome: RosterOutcome) -> None:
            self.outcome = outcome
            self.year.blockSignals(True)
            self.year.setValue(outcome.year)
            self.year.blockSignals(False)
            self.preview_panel.show_outcome(outcome)
            self.save_rejected_button.setEnabled(bool(outcome.rejected))
            self.import_button.setEnabled(bool(outcome.added or outcome.updated))
            self.stack.setCurrentIndex(PREVIEW)

        self.operation = (
            Operation(
                self,
                lambda task: station.rosters.preview(table, mapping, year, task),
                label=self.tr("Checking the roster…"),
            )
            .success(shown)
            .run_in_background()
        )

    def save_rejected(self) -> None:
        if self.table is None or self.outcome is None or not self.outcome.rejected:
            return
        suggested = self.table.path.with_name(
            self.tr("{name}-refused.xlsx").format(name=self.table.path.stem)
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save refused rows"), str(suggested), self.tr("Excel workbook (*.xlsx)")
        )
        if chosen:
            self.write_rejected(Path(chosen))

    def write_rejected(self, path: Path) -> None:
        assert self.table is not None and self.outcome is not None
        table, rejected, station = self.table, self.outcome.rejected, self.station
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        full, reason = False, ""  # masked for a role without the right (services/rosters.py)
        if station.masking.full:  # whole ID numbers for this role: ask why (or save them masked)
            from ui.privacy.reason_dialog import ask_export_reason

            choice = ask_export_reason(self, self.tr("file of refused rows"))
            if choice is None:
                return
            full, reason = choice.full, choice.reason
        self.operation = Operation(
            self,
            lambda _task: station.rosters.save_rejected(table, rejected, path, full=full, reason=reason),
            label=self.tr("Saving the refused rows…"),
        ).run_in_background()

    # -- page 3: mapping --------------------------------------------------------------------------

    def _build_mapping_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(title_label(self.tr("Columns of the roster")))
        intro = QLabel(
            self.tr(
                "Choose what each column holds. Name and ID number are needed; columns left as “not "
                "imported” are ignored. The choice is remembered for the next file with the same columns."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.mapping_table = MappingTable()
        layout.addWidget(self.mapping_table, 1)
        buttons = QHBoxLayout()
        back = QPushButton(self.tr("Back"))
        self.apply_mapping_button = QPushButton(self.tr("Preview again"))
        self.apply_mapping_button.setDefault(True)
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_mapping_button)
        layout.addLayout(buttons)
        back.clicked.connect(lambda: self.stack.setCurrentIndex(PREVIEW))
        self.apply_mapping_button.clicked.connect(self.apply_mapping)
        return page

    def apply_mapping(self) -> None:
        self.mapping = self.mapping_table.mapping()
        self.start_preview()

    # -- page 4: result ---------------------------------------------------------------------------

    def _build_result_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(title_label(self.tr("Roster imported")))
        self.result_panel = PreviewPanel()
        layout.addWidget(self.result_panel, 1)
        buttons = QHBoxLayout()
        self.result_save_button = QPushButton(self.tr("Save refused rows…"))
        close = QPushButton(self.tr("Close"))
        close.setDefault(True)
        buttons.addWidget(self.result_save_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.result_save_button.clicked.connect(self.save_rejected)
        close.clicked.connect(self.accept)
        return page

    def start_import(self) -> None:
        """Import; when columns with data would be left out, ask first (the default is to go and map)."""
        if self.table is None:
            return
        if self.outcome is not None and self.outcome.unmapped_columns:
            self._ask_about_unmapped()
            return
        self.import_now()

    def _ask_about_unmapped(self) -> None:
        assert self.outcome is not None
        columns = self.outcome.unmapped_columns
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Columns not imported"),
            self.tr("{count} columns hold data that will not be imported. Import without them?").format(
                count=len(columns)
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("unmappedQuestion")
        box.setInformativeText(
            "\n".join(
                self.tr("• column {letter} “{header}”: {rows} rows with a value").format(
                    letter=c.column, header=c.header, rows=f"{c.filled_rows:,}"
                )
                for c in columns
            )
        )
        widen(box)
        anyway = box.addButton(self.tr("Import without them"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Choose fields for them"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: object) -> None:
            self.unmapped_question = None
            if button is anyway:
                self.import_now()
            else:
                self.map_column(columns[0].index)

        box.buttonClicked.connect(answered)
        self.unmapped_question = box
        box.open()

    def import_now(self) -> None:
        if self.table is None:
            return
        table, mapping, year, station = self.table, dict(self.mapping), self.chosen_year(), self.station

        def done(outcome: RosterOutcome) -> None:
            self.import_result = outcome
            self.result_panel.show_outcome(outcome)
            self.result_save_button.setEnabled(bool(outcome.rejected))
            self.stack.setCurrentIndex(RESULT)
            self.imported.emit(outcome)

        self.operation = (
            Operation(
                self,
                lambda task: station.rosters.import_table(table, mapping, year, task),
                label=self.tr("Importing the roster…"),
            )
            .success(done)
            .run_in_background()
        )
