"""报表 page: pick a year, an area and a table; see it as it prints; print preview, PDF or Excel.

The tables are built by ``Station.reports`` on the worker thread (``ui.operations``) and shown with the
same ``QTextDocument`` the print preview and the PDF use (``ui.reports.printing``), so the screen is
the page. Reviewers and administrators only (``PRINT_REPORTS``); others see why the page is empty.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.security.roles import PRINT_REPORTS
from ui.reports.printing import new_printer, print_report, report_html, save_pdf
from ui.widgets.labels import muted_label, title_label

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from huimin_desktop.changes import Changes
    from huimin_desktop.services.reports import ReportScope, ReportSet
    from huimin_desktop.services.station import Station
    from huimin_desktop.spreadsheet.report_tables import ReportTable

ALL_TABLES = "all"
LEVEL_INDENT = {"city": 0, "county": 1, "township": 2}


class ReportsPage(QWidget):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self.station = station
        self.report: ReportSet | None = None
        self.stale = False
        self.preview_dialog: QWidget | None = None
        self.preview_printer: QPrinter | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title_label(self.tr("Reports")))
        layout.addLayout(self._filters())
        self.status = muted_label()
        layout.addWidget(self.status)
        self.view = QTextBrowser()
        self.view.setObjectName("reportView")
        self.view.setOpenLinks(False)
        layout.addWidget(self.view, 1)
        self.allowed = station.db.actor.can(PRINT_REPORTS)
        for button in self.buttons:
            button.setEnabled(False)
        if not self.allowed:
            self.status.setText(
                self.tr("Reports are printed by reviewers and administrators. Ask one of them to log in.")
            )
            for widget in (self.year, self.scope, self.table):
                widget.setEnabled(False)
            return
        from ui.operations import hooks

        self.stale = True  # counted when first shown: the main window makes every page at start-up
        hooks().changed.connect(self._changes_made)

    # -- building ---------------------------------------------------------------------------------

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.year = QComboBox()
        self.year.setObjectName("reportYear")
        self.scope = QComboBox()
        self.scope.setObjectName("reportScope")
        self.scopes: list[ReportScope] = []
        self.table = QComboBox()
        self.table.setObjectName("reportTable")
        self.table.addItem(self.tr("All five tables"), ALL_TABLES)
        for label, row_widget in ((self.tr("Year"), self.year), (self.tr("Area"), self.scope)):
            row.addWidget(QLabel(label))
            row.addWidget(row_widget)
        row.addWidget(QLabel(self.tr("Table")))
        row.addWidget(self.table)
        row.addStretch(1)
        self.preview_button = QPushButton(self.tr("Print preview…"))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.excel_button = QPushButton(self.tr("Save as Excel…"))
        self.buttons = (self.preview_button, self.pdf_button, self.excel_button)
        for button in self.buttons:
            row.addWidget(button)
        self.preview_button.clicked.connect(self.show_preview)
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.excel_button.clicked.connect(self.choose_excel)
        self.table.currentIndexChanged.connect(self._show)
        return row

    def _fill_choices(self) -> None:
        """The years with data (this year first when it has some) and the areas, read once."""
        years = self.station.figures.years()
        default = self.station.figures.default_year()
        for year in sorted({*years, default}, reverse=True):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(default)))
        self.scopes = self.station.reports.scopes()
        for index, scope in enumerate(self.scopes):
            self.scope.addItem("\u3000" * LEVEL_INDENT.get(scope.level, 0) + scope.name, index)
        self.year.currentIndexChanged.connect(self.refresh)
        self.scope.currentIndexChanged.connect(self.refresh)

    # -- the report -------------------------------------------------------------------------------

    def selected_scope(self) -> ReportScope | None:
        index = self.scope.currentData()
        return self.scopes[index] if isinstance(index, int) and index < len(self.scopes) else None

    def refresh(self) -> None:
        """Build the tables again for the chosen year and area (on the worker thread)."""
        from ui.operations import Operation

        self.stale = False
        if self.year.count() == 0:
            self._fill_choices()
        year, scope = int(self.year.currentData()), self.selected_scope()
        for button in self.buttons:
            button.setEnabled(False)
        self.status.setText(self.tr("Counting the tables…"))
        Operation(
            self,
            lambda task: self.station.reports.build(year, scope, task=task),
            label=self.tr("Counting the report tables…"),
        ).success(self._built).run_in_background()

    def _built(self, report: ReportSet) -> None:
        self.report = report
        chosen = self.table.currentData()
        self.table.blockSignals(True)
        self.table.clear()
        self.table.addItem(self.tr("All five tables"), ALL_TABLES)
        for table in report.tables:
            self.table.addItem(self._table_name(table), table.key)
        self.table.setCurrentIndex(max(0, self.table.findData(chosen)))
        self.table.blockSignals(False)
        for button in self.buttons:
            button.setEnabled(True)
        self.status.setText(
            self.tr("{area}, {year}: figures as of {date}.").format(
                area=report.scope.name, year=report.year, date=self._reported_on(report)
            )
        )
        self._show()

    def _table_name(self, table: ReportTable) -> str:
        """The official name (附件1 项目统计表) in Chinese, words of the interface's language in English."""
        names = {
            "projects": self.tr("Annex 1: projects"),
            "income": self.tr("Annex 2: household income"),
            "training": self.tr("Annex 3: training"),
            "assessment": self.tr("Annex 4: assessment progress"),
            "funds": self.tr("Annex 5: use of funds"),
        }
        return names.get(table.key, f"{table.attachment} {table.name}")

    @staticmethod
    def _reported_on(report: ReportSet) -> str:
        """The report's date: as the tables print it (2026年12月3日) in Chinese, 2026-12-03 in English."""
        from huimin_desktop import messages

        if messages.language() != messages.EN:
            return report.reported_on
        year, month, day = (int(part) for part in re.findall(r"\d+", report.reported_on)[:3])
        return f"{year:04d}-{month:02d}-{day:02d}"

    def selected_tables(self) -> list[ReportTable]:
        if self.report is None:
            return []
        key = self.table.currentData()
        return [t for t in self.report.tables if key in (ALL_TABLES, t.key)]

    def _show(self) -> None:
        if self.report is not None:
            self.view.setHtml(report_html(self.report, self.selected_tables()))

    def _changes_made(self, changes: Changes) -> None:
        """Anything written (a merge, an edit) may move a figure: count again when next shown."""
        if changes.tables:
            self.stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale and self.allowed:
            self.refresh()

    # -- printing and saving ------------------------------------------------------------------------

    def show_preview(self) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        report, tables = self.report, self.selected_tables()
        if report is None:
            return
        self.preview_printer = new_printer()  # kept: the dialog holds it without owning it
        dialog = QPrintPreviewDialog(self.preview_printer, self)
        dialog.setWindowTitle(self.tr("Print preview: {title}").format(title=self._title(tables)))
        dialog.resize(1200, 720)

        def paint(printer: QPrinter) -> None:
            print_report(report, tables, printer)

        dialog.paintRequested.connect(paint)
        self.preview_dialog = dialog
        dialog.open()

    def _title(self, tables: list[ReportTable]) -> str:
        return tables[0].title if len(tables) == 1 else self.tr("report tables")

    def _file_name(self, suffix: str) -> str:
        report = self.report
        if report is None:
            return f"report{suffix}"
        tables = self.selected_tables()
        name = tables[0].name if len(tables) == 1 else self.tr("report tables")
        return f"{report.scope.name}{report.year}{name}{suffix}"

    def choose_pdf(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), self._file_name(".pdf"), self.tr("PDF file (*.pdf)")
        )
        if chosen:
            self.save_pdf(Path(chosen))

    def save_pdf(self, path: Path) -> None:
        if self.report is None:
            return
        path = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
        save_pdf(self.report, self.selected_tables(), str(path))
        self.status.setText(self.tr("Saved {path}").format(path=path))

    def choose_excel(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as Excel"), self._file_name(".xlsx"), self.tr("Excel workbook (*.xlsx)")
        )
        if chosen:
            self.save_excel(Path(chosen))

    def save_excel(self, path: Path) -> None:
        """All five tables, one sheet each (the workbook the ``report`` command writes)."""
        from ui.operations import Operation, show_message

        report = self.report
        if report is None:
            return
        path = path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

        def done(_: object) -> None:
            self.status.setText(self.tr("Saved {path}").format(path=path))
            self.saved_box = show_message(
                self,
                QMessageBox.Icon.Information,
                self.tr("Report saved"),
                self.tr("The report tables were saved to {path}.").format(path=path),
            )

        Operation(
            self, lambda task: self.station.reports.write(path, report), label=self.tr("Saving the report…")
        ).success(done).run_in_background()
