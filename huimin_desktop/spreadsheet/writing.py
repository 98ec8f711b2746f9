"""Writing rosters as offices print them: title, unit line, two-row header, data, 合计 row, footer.

ID numbers and phone numbers are text cells (Excel would otherwise keep 15 significant digits and
drop the rest); the page is A4 landscape, fitted to the width, with the header rows repeated on every
printed page. ``table.find_table`` reads what this writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from huimin_desktop.spreadsheet.fields import FIELDS_BY_KEY, INCOME_FIELDS

if TYPE_CHECKING:  # openpyxl itself is imported when a workbook is written (it takes 0.2 s to load)
    from openpyxl import Workbook
    from openpyxl.styles import Border
    from openpyxl.worksheet.worksheet import Worksheet

INCOME_GROUP = "家庭收入情况（元）"
TEXT_FIELDS = frozenset({"id_number", "head_id_number", "phone", "household_no"})
# Export order: (field key or "seq" for 序号, column width in characters)
ROSTER_LAYOUT: tuple[tuple[str, float], ...] = (
    ("seq", 5),
    ("township", 12),
    ("village", 10),
    ("household_no", 10),
    ("name", 9),
    ("relationship", 7),
    ("sex", 5),
    ("ethnicity", 7),
    ("id_number", 20),
    ("head_id_number", 20),
    ("education", 8),
    ("health", 8),
    ("labour", 9),
    ("school_status", 8),
    ("work_away_months", 6),
    ("phone", 12),
    ("address", 18),
    ("household_size", 6),
    *((key, 9) for key in INCOME_FIELDS),
    ("hardship_causes", 10),
    ("survey_date", 11),
    ("surveyor", 8),
    ("needs", 16),
    ("notes", 12),
)
SUM_FIELDS = frozenset({"household_size", *INCOME_FIELDS})


@dataclass(frozen=True)
class RosterSheet:
    title: str
    unit_line: str  # 填报单位：… 填报日期：…
    footer: str  # 填表人：… 审核人：…
    rows: Sequence[dict[str, object]]  # field key → value; missing keys are blank cells


def _header(key: str) -> str:
    return "序号" if key == "seq" else FIELDS_BY_KEY[key].label


def write_roster(path: Path, sheet: RosterSheet, layout: Sequence[tuple[str, float]] = ROSTER_LAYOUT) -> None:
    """Write ``sheet`` to ``path`` (.xlsx) through a temporary file, so a failure leaves no half file."""
    from openpyxl import Workbook

    book = Workbook()
    ws = _only_sheet(book, "花名册")
    keys = [key for key, _ in layout]
    _write_title(ws, sheet, len(keys))
    _write_header(ws, layout)
    _write_data(book, ws, keys, sheet.rows)
    ws.append([])
    ws.append([sheet.footer])
    ws.freeze_panes = "A5"
    ws.print_title_rows = "3:4"
    _landscape_a4(ws)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    page_setup = ws.sheet_properties.pageSetUpPr
    if page_setup is not None:
        page_setup.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    _save(book, path)


def _only_sheet(book: Workbook, title: str) -> Worksheet:
    """A new workbook's one sheet, named ``title``."""
    from openpyxl.worksheet.worksheet import Worksheet

    ws = book.active
    if not isinstance(ws, Worksheet):  # a new workbook's active sheet is always a worksheet
        raise TypeError(f"no worksheet in a new workbook: {ws!r}")
    ws.title = title
    return ws


def _landscape_a4(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def _thin_border() -> Border:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _write_title(ws: Worksheet, sheet: RosterSheet, width: int) -> None:
    """The title (row 1) and the unit line (row 2), each across the whole width."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    last = get_column_letter(width)
    ws.append([sheet.title])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.append([sheet.unit_line])
    ws.merge_cells(f"A2:{last}2")


def _write_header(ws: Worksheet, layout: Sequence[tuple[str, float]]) -> None:
    """The two header rows (3 and 4): the incomes under one group heading, every other column merged
    over both rows."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    keys = [key for key, _ in layout]
    top = [INCOME_GROUP if key in INCOME_FIELDS else _header(key) for key in keys]
    bottom = [_header(key) if key in INCOME_FIELDS else None for key in keys]
    ws.append(top)
    ws.append(bottom)
    incomes = [i for i, key in enumerate(keys) if key in INCOME_FIELDS]
    for index, key in enumerate(keys):
        letter = get_column_letter(index + 1)
        if key not in INCOME_FIELDS:
            ws.merge_cells(f"{letter}3:{letter}4")
        ws.column_dimensions[letter].width = layout[index][1]
    if incomes:
        ws.merge_cells(f"{get_column_letter(incomes[0] + 1)}3:{get_column_letter(incomes[-1] + 1)}3")
    bold, border = Font(bold=True), _thin_border()
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in ws.iter_rows(min_row=3, max_row=4, max_col=len(keys)):
        for cell in row:
            cell.font, cell.alignment, cell.border = bold, centre, border
    ws.row_dimensions[3].height = 22
    ws.row_dimensions[4].height = 30


def _write_data(
    book: Workbook, ws: Worksheet, keys: Sequence[str], rows: Sequence[dict[str, object]]
) -> None:
    """One line per row from row 5, numbered, then the 合计 line of the summed columns."""
    from openpyxl.styles import Font, NamedStyle

    border = _thin_border()
    text_columns = [i for i, key in enumerate(keys) if key in TEXT_FIELDS]
    # Named styles: assigning a Border to 300k cells one by one hashes it each time (a minute at 10k rows).
    for name, number_format in (
        ("roster_cell", "General"),
        ("roster_text", "@"),
        ("roster_date", "yyyy-mm-dd"),
    ):
        book.add_named_style(NamedStyle(name=name, border=border, number_format=number_format))
    column_styles = [
        "roster_text" if key in TEXT_FIELDS else "roster_date" if key == "survey_date" else "roster_cell"
        for key in keys
    ]
    totals = dict.fromkeys((i for i, key in enumerate(keys) if key in SUM_FIELDS), 0)
    for seq, values in enumerate(rows, start=1):
        line = [seq if key == "seq" else values.get(key) for key in keys]
        for index in totals:
            value = line[index]
            if isinstance(value, int):
                totals[index] += value
        for index in text_columns:
            if line[index] is not None:
                line[index] = str(line[index])
        ws.append(line)
        number = 4 + seq  # not ws.max_row: openpyxl recounts every cell for it (quadratic at 10k rows)
        for column, style in enumerate(column_styles, start=1):
            ws.cell(number, column).style = style
    number = 4 + len(rows)
    total_line: list[object] = [None] * len(keys)
    total_line[0] = "合计"
    for index, total in totals.items():
        total_line[index] = total
    ws.append(total_line)
    bold = Font(bold=True)
    for column in range(1, len(keys) + 1):
        cell = ws.cell(number + 1, column)
        cell.font, cell.border = bold, border


def write_rows(
    path: Path,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    text_columns: Iterable[int] = (),
) -> None:
    """A plain one-header table (the refused rows sent back to a village), ID-like columns as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = _only_sheet(book, "退回修改")
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(list(header))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    as_text = set(text_columns)
    for number, values in enumerate(rows, start=3):
        ws.append(list(values))
        for index in as_text:
            ws.cell(number, index + 1).number_format = "@"  # a corrected number typed here stays text
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    _landscape_a4(ws)
    _save(book, path)


def _save(book: Workbook, path: Path) -> None:
    """Under a temporary name, then renamed: a half-written workbook never has the name asked for."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        book.save(temporary)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
