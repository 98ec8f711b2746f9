"""The official tables (报表) as offices print them, and their .xlsx.

A ``ReportTable`` is layout and figures, nothing else: the services fill it, this module writes it to a
workbook and the GUI renders the same object for print preview and PDF. Each sheet: 附件 number, the title
merged across the columns, the 填报单位 / 单位 line, a two-row header (a column under a group heading sits
in the second row; any other column is merged over both), the column-number row (甲 乙 for the text
columns, then 1 2 …), the data (合计 first, then county / township / village, indented), and the footer
(单位负责人 / 统计负责人 / 填表人 / 联系电话 / 报送日期). A4 landscape, one page wide, header rows repeated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written (it takes 0.2 s to load)
    from openpyxl import Workbook
    from openpyxl.cell import _CellSetValue
    from openpyxl.styles import Border
    from openpyxl.worksheet.worksheet import Worksheet

TEXT, COUNT, YUAN, WAN, PERCENT, DECIMAL = "text", "count", "yuan", "wan", "percent", "decimal"
# kind → Excel number format (WAN cells hold 万元 already divided; PERCENT cells a fraction)
NUMBER_FORMATS = {
    TEXT: "@",
    COUNT: "#,##0",
    YUAN: "#,##0",
    WAN: "#,##0.00",
    PERCENT: "0.0%",
    DECIMAL: "#,##0.0",
}
COLUMN_LETTERS = "甲乙丙丁戊己庚辛"  # the text columns' numbers, as on printed statistical tables
FOOTER_FIELDS = ("单位负责人：", "统计负责人：", "填表人：", "联系电话：", "报送日期：")
TOP_ROWS = 3  # 附件, title, 填报单位 line
HEADER_FIRST = TOP_ROWS + 1  # the two header rows, then the column numbers: repeated on every page


@dataclass(frozen=True)
class ReportColumn:
    title: str
    kind: str = COUNT
    group: str = ""  # the heading above it in the first header row; "" = merged over both rows
    width: float = 10.0


@dataclass(frozen=True)
class ReportRow:
    values: tuple[object, ...]  # one per column; None is an empty cell
    depth: int = 0  # 0 合计, 1 the level below the report's scope, 2 the next …
    total: bool = False


@dataclass(frozen=True)
class ReportTable:
    key: str  # projects, income, training, assessment, funds
    attachment: str  # 附件1
    title: str
    filler: str  # 填报单位：…
    unit: str  # 单位：…
    columns: tuple[ReportColumn, ...]
    rows: tuple[ReportRow, ...]  # 合计 first
    notes: tuple[str, ...] = ()  # 说明 lines under the table (how a figure is counted)
    name: str = ""  # 项目统计表: the sheet's name

    @property
    def sheet_name(self) -> str:
        return (self.name or self.key)[:31]


@dataclass(frozen=True)
class HeaderCell:
    """One cell of the two header rows: ``row`` 0 or 1, spanning ``rows`` × ``cols``."""

    text: str
    row: int
    col: int
    rows: int = 1
    cols: int = 1


def header_cells(columns: Sequence[ReportColumn]) -> list[HeaderCell]:
    """The two header rows' cells with their spans (the workbook and the print preview both use it)."""
    cells: list[HeaderCell] = []
    index = 0
    while index < len(columns):
        group = columns[index].group
        if not group:
            cells.append(HeaderCell(columns[index].title, 0, index, rows=2))
            index += 1
            continue
        end = index
        while end + 1 < len(columns) and columns[end + 1].group == group:
            end += 1
        cells.append(HeaderCell(group, 0, index, cols=end - index + 1))
        cells += [HeaderCell(columns[i].title, 1, i) for i in range(index, end + 1)]
        index = end + 1
    return cells


def column_numbers(columns: Sequence[ReportColumn]) -> list[str]:
    """甲 乙 … for the leading text columns, then 1 2 … for the figures."""
    numbers, letters, figures = [], 0, 0
    for column in columns:
        if column.kind == TEXT and figures == 0:
            numbers.append(COLUMN_LETTERS[letters])
            letters += 1
        else:
            figures += 1
            numbers.append(str(figures))
    return numbers


def column_width(column: ReportColumn) -> float:
    """Wide enough for the header in two lines of bold CJK (about 2.2 width units a character)."""
    return max(column.width, math.ceil(len(column.title) / 2) * 2.2 + 2)


def footer_text(reported_on: str) -> list[str]:
    return [*FOOTER_FIELDS[:-1], f"{FOOTER_FIELDS[-1]}{reported_on}"]


def write_report_workbook(path: Path, tables: Sequence[ReportTable], reported_on: str) -> None:
    """All ``tables``, one sheet each, to ``path`` through a temporary file (no half file on failure)."""
    from openpyxl import Workbook

    from huimin_desktop.spreadsheet.writing import _save

    book = Workbook()
    first = book.active
    if first is not None:
        book.remove(first)
    for table in tables:
        _write_sheet(book, table, reported_on)
    _save(book, path)


def _write_sheet(book: Workbook, table: ReportTable, reported_on: str) -> None:
    ws = book.create_sheet(table.sheet_name)
    width = len(table.columns)
    _write_top(ws, table, width)
    _write_header(ws, table.columns)
    last_data = _write_rows(ws, table)
    _write_footer(ws, table, last_data + 2, reported_on)
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column_width(column)
    ws.freeze_panes = ws.cell(HEADER_FIRST + 3, 3)
    _print_setup(ws, width)


def _write_top(ws: Worksheet, table: ReportTable, width: int) -> None:
    from openpyxl.styles import Alignment, Font

    ws.cell(1, 1, table.attachment).font = Font(size=11)
    ws.cell(2, 1, table.title)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.cell(2, 1).font = Font(bold=True, size=16)
    ws.cell(2, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[2].height = 32
    split = max(1, width // 2)
    ws.cell(3, 1, table.filler)
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=split)
    ws.cell(3, split + 1, table.unit).alignment = Alignment(horizontal="right")
    ws.merge_cells(start_row=3, start_column=split + 1, end_row=3, end_column=width)


def _write_header(ws: Worksheet, columns: Sequence[ReportColumn]) -> None:
    from openpyxl.styles import Alignment, Font

    bold, centre = Font(bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)
    border = _border()
    for cell in header_cells(columns):
        row, col = HEADER_FIRST + cell.row, cell.col + 1
        ws.cell(row, col, cell.text)
        if cell.rows > 1 or cell.cols > 1:
            ws.merge_cells(
                start_row=row, start_column=col, end_row=row + cell.rows - 1, end_column=col + cell.cols - 1
            )
    numbers_row = HEADER_FIRST + 2
    for index, number in enumerate(column_numbers(columns), start=1):
        ws.cell(numbers_row, index, number)
    for line in ws.iter_rows(min_row=HEADER_FIRST, max_row=numbers_row, max_col=len(columns)):
        for item in line:
            item.font, item.alignment, item.border = bold, centre, border
    ws.row_dimensions[HEADER_FIRST].height = 24
    ws.row_dimensions[HEADER_FIRST + 1].height = 40


def _write_rows(ws: Worksheet, table: ReportTable) -> int:
    """The data from the row under the column numbers; returns the last data row's number."""
    from openpyxl.styles import Alignment, Font

    border, bold = _border(), Font(bold=True)
    number = HEADER_FIRST + 2
    for row in table.rows:
        number += 1
        for index, (column, value) in enumerate(zip(table.columns, row.values, strict=True), start=1):
            cell = ws.cell(number, index, cast("_CellSetValue", value))
            cell.border = border
            cell.number_format = NUMBER_FORMATS[column.kind]
            if row.total:
                cell.font = bold
            if index == 1:
                horizontal = "center" if row.total else "left"
                cell.alignment = Alignment(horizontal=horizontal, indent=0 if row.total else row.depth - 1)
    return number


def _write_footer(ws: Worksheet, table: ReportTable, number: int, reported_on: str) -> None:
    """说明 lines, then the signatures spread evenly over the width on one line."""
    width = len(table.columns)
    for note in table.notes:
        ws.cell(number, 1, note)
        ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
        number += 1
    fields = footer_text(reported_on)
    step = max(1, width // len(fields))
    for index, text in enumerate(fields):
        ws.cell(number + 1, 1 + index * step, text)


def _print_setup(ws: Worksheet, width: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    properties = ws.sheet_properties.pageSetUpPr
    if properties is not None:
        properties.fitToPage = True
    ws.print_title_rows = f"{HEADER_FIRST}:{HEADER_FIRST + 2}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    footer = ws.oddFooter
    if footer is not None and footer.center is not None:
        footer.center.text = "第 &P 页，共 &N 页"
    ws.print_area = f"A1:{get_column_letter(width)}{ws.max_row}"


def _border() -> Border:
    from huimin_desktop.spreadsheet.writing import _thin_border

    return _thin_border()
