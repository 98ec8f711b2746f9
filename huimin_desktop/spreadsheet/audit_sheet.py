"""The audit log as an .xlsx workbook (the audit viewer's export): one line per entry, a title with the
filter that chose them, text cells throughout (record ids and values are never turned into numbers)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

AUDIT_COLUMNS: tuple[tuple[str, float], ...] = (
    ("时间", 20),
    ("用户", 12),
    ("操作", 12),
    ("记录类型", 16),
    ("记录编号", 34),
    ("说明", 48),
    ("改动前 → 改动后", 60),
    ("站点", 34),
)


def write_audit_sheet(path: Path, title: str, rows: Iterable[Sequence[str]]) -> int:
    """Write ``rows`` (one string per column of ``AUDIT_COLUMNS``) under ``title``; returns the count.
    Written to a temporary file beside ``path`` and renamed, so a failure leaves no half workbook."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("审计日志")
    for index, (_name, width) in enumerate(AUDIT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    heading = WriteOnlyCell(sheet, title)
    heading.font = Font(bold=True, size=14)
    sheet.append([heading])
    bold = Font(bold=True)
    header = []
    for name, _width in AUDIT_COLUMNS:
        cell = WriteOnlyCell(sheet, name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, str(value))
            cell.number_format = "@"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    partial = path.with_name(f".{path.name}.partial")
    try:
        workbook.save(partial)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count
