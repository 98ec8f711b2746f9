"""The official tables as a ``QTextDocument``: what the screen shows, the print preview and the PDF.

Rendered from the same ``ReportTable`` the workbook is written from, as HTML tables: the two header
rows and the column numbers in ``<thead>`` (Qt repeats them at the top of every printed page), the
table at the page's full width (one page wide, always), each table from a new page. A4 landscape.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from huimin_desktop.services.reports import ReportSet
from huimin_desktop.spreadsheet.report_tables import (
    COUNT,
    DECIMAL,
    PERCENT,
    TEXT,
    WAN,
    YUAN,
    ReportColumn,
    ReportTable,
    column_numbers,
    column_width,
    footer_text,
    header_cells,
)

NOWRAP = ' style="white-space: nowrap;"'
STYLE = """
body { font-size: 9pt; }
p.attachment { margin: 0; }
p.title { font-size: 16pt; font-weight: bold; text-align: center; margin: 4px 0 4px 0; }
table.report { border-collapse: collapse; }
table.report th { font-weight: bold; background-color: #f2f2f2; }
p.note { margin: 6px 0 0 0; }
"""


def page_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        QMarginsF(12, 12, 12, 12),
        QPageLayout.Unit.Millimeter,
    )


def new_printer(pdf_path: str | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    if pdf_path is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(pdf_path)
    return printer


def cell_text(column: ReportColumn, value: object) -> str:
    """A cell as the workbook's number format shows it."""
    if value is None or value == "":
        return ""
    if column.kind == TEXT or not isinstance(value, int | float):
        return str(value)
    if column.kind == PERCENT:
        return f"{value * 100:.1f}%"
    if column.kind == WAN:
        return f"{value:,.2f}"
    if column.kind == DECIMAL:
        return f"{value:,.1f}"
    if column.kind in (COUNT, YUAN):
        return f"{round(value):,}"
    return str(value)


def print_widths(table: ReportTable) -> list[float]:
    """Each column's share of the page: the workbook's width, or more for its longest figure (digits
    are about half as wide as a Chinese character, which the workbook's widths are counted in)."""
    widths = []
    for index, column in enumerate(table.columns):
        longest = max((len(cell_text(column, row.values[index])) for row in table.rows), default=0)
        widths.append(max(column_width(column), longest * 1.1 + 2 if index else 0))
    return widths


def _header_html(table: ReportTable) -> str:
    rows: list[list[str]] = [[], []]
    for cell in header_cells(table.columns):
        span = f' rowspan="{cell.rows}"' if cell.rows > 1 else ""
        span += f' colspan="{cell.cols}"' if cell.cols > 1 else ""
        rows[cell.row].append(f'<th align="center"{span}>{escape(cell.text)}</th>')
    widths = print_widths(table)
    numbers = "".join(
        f'<th align="center" width="{100 * w / sum(widths):.1f}%">{n}</th>'
        for n, w in zip(column_numbers(table.columns), widths, strict=True)
    )
    return "".join(f"<tr>{''.join(r)}</tr>" for r in rows) + f"<tr>{numbers}</tr>"


def _body_html(table: ReportTable) -> str:
    lines = []
    for row in table.rows:
        cells = []
        for index, (column, value) in enumerate(zip(table.columns, row.values, strict=True)):
            text = escape(cell_text(column, value))
            if index == 0:
                align = "center" if row.total else "left"
                text = "&nbsp;" * (3 * max(0, row.depth - 1)) + text
            else:
                align = "left" if column.kind == TEXT else "right"
            if row.total:
                text = f"<b>{text}</b>"
            wrap = "" if index == 0 or (column.kind == TEXT and index > 1) else NOWRAP
            cells.append(f'<td align="{align}"{wrap}>{text}</td>')
        lines.append(f"<tr>{''.join(cells)}</tr>")
    return "".join(lines)


def table_html(table: ReportTable, reported_on: str, *, new_page: bool = False) -> str:
    brk = ' style="page-break-before: always;"' if new_page else ""
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in table.notes)
    signatures = "&nbsp;" * 12
    footer = signatures.join(escape(f) for f in footer_text(reported_on))
    return (
        f'<p class="attachment"{brk}>{escape(table.attachment)}</p>'
        f'<p class="title">{escape(table.title)}</p>'
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td align="left">{escape(table.filler)}</td><td align="right">{escape(table.unit)}</td>'
        "</tr></table>"
        '<table class="report" width="100%" border="1" cellspacing="0" cellpadding="2">'
        f"<thead>{_header_html(table)}</thead><tbody>{_body_html(table)}</tbody></table>"
        f'{notes}<p class="note">{footer}</p>'
    )


def report_html(report: ReportSet, tables: Sequence[ReportTable]) -> str:
    parts = [table_html(t, report.reported_on, new_page=i > 0) for i, t in enumerate(tables)]
    return f"<html><head><style>{STYLE}</style></head><body>{''.join(parts)}</body></html>"


def report_document(report: ReportSet, tables: Sequence[ReportTable]) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(report_html(report, tables))
    return document


def print_report(report: ReportSet, tables: Sequence[ReportTable], printer: QPrinter) -> None:
    """Lay the tables out on ``printer``'s pages (a preview, a printer or a PDF file)."""
    report_document(report, tables).print_(printer)


def save_pdf(report: ReportSet, tables: Sequence[ReportTable], path: str) -> None:
    print_report(report, tables, new_printer(path))
