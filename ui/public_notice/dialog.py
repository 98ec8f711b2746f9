"""公示: pick a year and a place, see the list, save it as Excel or print it (Qt print preview).

The list comes whole from ``Station.public_notice`` (it holds nothing personal beyond the head's name);
the printed page is the same table as the workbook (``notice_cells``), A4 portrait.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.spreadsheet.public_notice import NOTICE_COLUMNS, notice_cells
from ui.widgets.tables import read_only_table

if TYPE_CHECKING:
    from huimin_desktop.services.public_notice import NoticeSummary, PublicNotice
    from huimin_desktop.services.station import Station


class PublicNoticeDialog(QDialog):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.notice: PublicNotice | None = None
        self.preview: QPrintPreviewDialog | None = None
        self.preview_printer: QPrinter | None = None
        self.setWindowTitle(self.tr("Public notice of beneficiaries"))
        self.resize(900, 600)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.scope = QComboBox()
        self.scopes = station.reports.scopes()
        for scope in self.scopes:
            self.scope.addItem(scope.name)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 15px")
        self.count = QLabel()
        self.table = read_only_table(QTableWidget(), [header for header, _ in NOTICE_COLUMNS])
        self.save_button = QPushButton(self.tr("Save as Excel…"))
        self.print_button = QPushButton(self.tr("Print preview…"))
        self.save_button.clicked.connect(self.choose_file)
        self.print_button.clicked.connect(self.show_preview)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self._lay_out(close)
        self.year.valueChanged.connect(self.refresh)
        self.scope.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def _lay_out(self, close: QDialogButtonBox) -> None:
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Year of the projects:")))
        choose.addWidget(self.year)
        choose.addSpacing(16)
        choose.addWidget(QLabel(self.tr("Place:")))
        choose.addWidget(self.scope, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    # -- the list -------------------------------------------------------------------------------

    def refresh(self) -> None:
        scope = self.scopes[self.scope.currentIndex()] if self.scopes else None
        self.notice = self.station.public_notice.build(self.year.value(), scope)
        rows = notice_cells(self.notice.sheet)[1:]
        self.table.setRowCount(len(rows))
        for number, values in enumerate(rows):
            for column, value in enumerate(values):
                text = "" if value is None else f"{value:,}" if isinstance(value, int) else str(value)
                item = QTableWidgetItem(text)
                if isinstance(value, int) and column == len(NOTICE_COLUMNS) - 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(number, column, item)
        self.title.setText(self.notice.sheet.title)
        households = len(self.notice.lines)
        self.count.setText(
            self.tr("{count} beneficiaries, {total} yuan in all").format(
                count=f"{households:,}", total=f"{self.notice.total:,}"
            )
        )
        for button in (self.save_button, self.print_button):
            button.setEnabled(households > 0)

    # -- saving ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the public notice"),
            self.tr("public-notice.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, path: Path) -> NoticeSummary | None:
        from ui.operations import show_message

        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        scope = self.scopes[self.scope.currentIndex()] if self.scopes else None
        try:
            summary = self.station.public_notice.export(path, self.year.value(), scope)
        except Exception as error:
            from ui.errors import expected_error_message

            reason = expected_error_message(error)  # a full disk, a read-only stick …
            if reason is None:
                raise
            show_message(self, QMessageBox.Icon.Warning, self.windowTitle(), reason)
            return None
        show_message(
            self,
            QMessageBox.Icon.Information,
            self.windowTitle(),
            self.tr("The public notice was saved to {path}.").format(path=summary.path),
        )
        return summary

    # -- printing -------------------------------------------------------------------------------

    def document(self) -> QTextDocument:
        """The notice as one printable document: title, notice text, the table, the seal line."""
        document = QTextDocument(self)
        document.setHtml(notice_html(self.notice) if self.notice is not None else "")
        return document

    def printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setDocName(self.notice.sheet.title if self.notice is not None else "")
        return printer

    def print_to(self, printer: QPrinter) -> None:
        self.document().print_(printer)

    def show_preview(self) -> None:
        self.preview_printer = self.printer()  # kept: the preview holds it by pointer only
        self.preview = QPrintPreviewDialog(self.preview_printer, self)
        self.preview.setWindowTitle(self.tr("Print the public notice"))
        self.preview.paintRequested.connect(self.print_to)
        self.preview.open()


def notice_html(notice: PublicNotice) -> str:
    sheet = notice.sheet
    cells = notice_cells(sheet)

    def row(values: list[object], tag: str) -> str:
        cells = []
        for index, value in enumerate(values):
            text = "" if value is None else f"{value:,}" if isinstance(value, int) else str(value)
            align = " align='right'" if index == len(values) - 1 and tag == "td" else ""
            cells.append(f"<{tag}{align}>{html.escape(text)}</{tag}>")
        return "<tr>" + "".join(cells) + "</tr>"

    body = [row(cells[0], "th"), *(row(values, "td") for values in cells[1:])]
    return (
        f"<h2 align='center'>{html.escape(sheet.title)}</h2>"
        f"<p>{html.escape(sheet.intro)}</p>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>" + "".join(body) + "</table>"
        f"<p><br>{html.escape(sheet.footer)}</p>"
    )


def open_public_notice(window: QWidget, station: Station | None) -> PublicNoticeDialog | None:
    if station is None:
        return None
    dialog = PublicNoticeDialog(station, window)
    dialog.open()
    return dialog
