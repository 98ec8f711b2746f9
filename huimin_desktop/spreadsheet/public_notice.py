"""The 公示 sheet as it is posted: title, the notice's text, one numbered line per beneficiary and project,
a 合计 line and the signature line, on A4 portrait, one page wide, the header repeated on every page.

Its columns are fixed here and hold nothing personal beyond the head's name (services/public_notice.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from huimin_desktop.spreadsheet.writing import _only_sheet, _save, _thin_border

# (header, column width in characters)
NOTICE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6),
    ("乡镇", 14),
    ("村", 12),
    ("户主姓名", 10),
    ("扶持项目", 30),
    ("扶持资金（元）", 14),
)


@dataclass(frozen=True)
class NoticeLine:
    township: str
    village: str
    name: str  # the head of the household
    project: str
    amount: int  # yuan


@dataclass(frozen=True)
class NoticeSheet:
    title: str
    intro: str
    lines: tuple[NoticeLine, ...]
    footer: str


def notice_cells(sheet: NoticeSheet) -> list[list[object]]:
    """The table's rows as printed (header, numbered lines, 合计): the workbook and the print agree."""
    rows: list[list[object]] = [[header for header, _ in NOTICE_COLUMNS]]
    for seq, line in enumerate(sheet.lines, start=1):
        rows.append([seq, line.township, line.village, line.name, line.project, line.amount])
    rows.append(["合计", None, None, f"{len(sheet.lines)} 户次", None, sum(x.amount for x in sheet.lines)])
    return rows


def write_public_notice(path: Path, sheet: NoticeSheet) -> None:
    """Write ``sheet`` to ``path`` (.xlsx) through a temporary file."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = _only_sheet(book, "公示名单")
    last = get_column_letter(len(NOTICE_COLUMNS))
    ws.append([sheet.title])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 32
    ws.append([sheet.intro])
    ws.merge_cells(f"A2:{last}2")
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 48
    border, bold = _thin_border(), Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center")
    cells = notice_cells(sheet)
    for offset, values in enumerate(cells):
        ws.append(values)
        number = 3 + offset
        for column in range(1, len(NOTICE_COLUMNS) + 1):
            cell = ws.cell(number, column)
            cell.border = border
            if offset in (0, len(cells) - 1):
                cell.font = bold
            if column in (1, 2, 3, 4) or offset == 0:
                cell.alignment = centre
        ws.cell(number, len(NOTICE_COLUMNS)).number_format = "#,##0"
    for index, (_header, width) in enumerate(NOTICE_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.append([])
    ws.append([sheet.footer])
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if ws.oddFooter is not None:
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    book.properties.creator = ""
    book.properties.title = sheet.title
    _save(book, path)
