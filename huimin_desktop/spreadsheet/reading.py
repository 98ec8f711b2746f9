"""Reading the cells of a roster file (.xlsx, .xls, .csv) as rows of plain Python values.

Every reader yields sheets as ``(name, rows)``, ``rows`` a list of tuples: None for an empty cell,
str, int, float or datetime otherwise (integral floats become int). Row ``i`` of the list is spreadsheet
row ``i + 1``. .xlsx is read with openpyxl in read-only mode (merged cells then hold their value only
in the top-left cell, which the table detection expects); .xls with xlrd; .csv as UTF-8 (with or without
BOM) or, failing that, GBK (read as GB 18030, its superset).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from huimin_desktop.errors import ServiceError
from huimin_desktop.progress import TaskState

Row = tuple[object, ...]
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")


def _clean(value: object) -> object:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _xlsx_sheets(path: Path, task: TaskState) -> Iterator[tuple[str, list[Row]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML or openpyxl errors: the file is not a readable workbook
        raise ServiceError(
            f"{path.name}：无法读取 Excel 文件（{exc.__class__.__name__}），请确认文件完好"
        ) from exc
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            try:
                rows = _sheet_values(book, sheet, task)
            except (AttributeError, KeyError, ValueError, IndexError, SyntaxError):
                rows = _openpyxl_values(sheet, task)  # an unusual file: openpyxl's own (slower) reader
            yield sheet.title, rows
    finally:
        book.close()


def _openpyxl_values(sheet: Any, task: TaskState) -> list[Row]:
    sheet.reset_dimensions()  # some writers store a wrong dimension; read every cell there is
    rows: list[Row] = []
    # openpyxl already gives ints for integral numbers; blank strings are left to the table
    # detection (is_blank), which is cheaper than cleaning all of 10,000 rows here.
    for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        rows.append(values)
        if number % 2000 == 0:
            task.check()
    return rows


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE, _TEXT, _PHONETIC = (
    f"{_MAIN}row",
    f"{_MAIN}c",
    f"{_MAIN}v",
    f"{_MAIN}is",
    f"{_MAIN}t",
    f"{_MAIN}rPh",
)
_COLUMN_LETTERS = re.compile(r"[A-Z]+")


def _column_index(reference: str) -> int:
    letters = _COLUMN_LETTERS.match(reference)
    if letters is None:
        raise ValueError(reference)
    index = 0
    for char in letters.group():
        index = index * 26 + ord(char) - 64
    return index - 1


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        value = float(text)
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    return int(text)


def _sheet_values(book: Any, sheet: Any, task: TaskState) -> list[Row]:
    """The sheet's cell values, parsed straight from its XML with the workbook's shared strings and date
    styles (what openpyxl's read-only iteration yields, values only, for a data-only read).

    openpyxl builds a dict and a coordinate tuple per cell; a 10,000-row roster spends most of its import
    time there, so the hot loop is done here. Formulas give their cached value; inline rich text is joined
    without its phonetic (rPh) runs, as openpyxl does. Anything unexpected falls back to openpyxl.
    """
    from openpyxl.utils.datetime import from_excel

    strings = book.shared_strings
    date_styles = book._date_formats
    epoch = book.epoch
    rows: list[Row] = []
    with book._archive.open(sheet._worksheet_path) as source:
        current: dict[int, object] = {}
        row_number = 0
        for _event, element in iterparse(source, events=("end",)):
            tag = element.tag
            if tag == _CELL:
                reference = element.get("r")
                column = _column_index(reference) if reference else len(current)
                kind = element.get("t", "n")
                value: object = None
                if kind == "inlineStr":
                    inline = element.find(_INLINE)
                    if inline is not None:
                        phonetic = _phonetic_texts(inline)
                        value = "".join(t.text or "" for t in inline.iter(_TEXT) if t not in phonetic) or None
                else:
                    text = element.findtext(_VALUE)
                    if text:
                        if kind == "n":
                            value = _number(text)
                            style = element.get("s")
                            if style and int(style) in date_styles:
                                try:
                                    value = from_excel(value, epoch)
                                except (OverflowError, ValueError):
                                    value = None
                        elif kind == "s":
                            value = strings[int(text)]
                        elif kind == "b":
                            value = bool(int(text))
                        elif kind in ("str", "d"):
                            value = text
                        # "e": an error value (#N/A …) reads as empty
                if value is not None:
                    current[column] = value
            elif tag == _ROW:
                reference = element.get("r")
                row_number = int(reference) if reference else row_number + 1
                while len(rows) < row_number - 1:
                    rows.append(())
                width = max(current) + 1 if current else 0
                rows.append(tuple(current.get(i) for i in range(width)))
                current = {}
                element.clear()
                if row_number % 2000 == 0:
                    task.check()
    return rows


def _phonetic_texts(inline: Any) -> set[Any]:
    return {t for phonetic in inline.iter(_PHONETIC) for t in phonetic.iter(_TEXT)}


def _xls_sheets(path: Path, task: TaskState) -> Iterator[tuple[str, list[Row]]]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:
        raise ServiceError(
            f"{path.name}：无法读取 .xls 文件（{exc.__class__.__name__}），请确认文件完好"
        ) from exc
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if getattr(sheet, "visibility", 0) != 0:
                continue
            rows: list[Row] = []
            for r in range(sheet.nrows):
                values = []
                for cell in sheet.row(r):
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        try:
                            values.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                            values.append(cell.value)
                    elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                        values.append(None)
                    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                        values.append(bool(cell.value))
                    else:
                        values.append(_clean(cell.value))
                rows.append(tuple(values))
                if r % 2000 == 0:
                    task.check()
            yield sheet.name, rows
            book.unload_sheet(index)
    finally:
        book.release_resources()


def decode_csv(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) or else GBK; GB 18030 is read because it is GBK's superset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise ServiceError(
                "CSV 文件既不是 UTF-8 也不是 GBK 编码，请在 Excel 中另存为“CSV UTF-8”"
            ) from exc


def _csv_sheets(path: Path, task: TaskState) -> Iterator[tuple[str, list[Row]]]:
    text = decode_csv(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = [tuple(_clean(v) for v in row) for row in csv.reader(io.StringIO(text), dialect)]
    task.check()
    yield path.stem, rows


def read_sheets(path: Path, task: TaskState | None = None) -> Iterator[tuple[str, list[Row]]]:
    """The file's visible sheets, in order (a CSV is one sheet)."""
    task = task or TaskState()
    if not path.is_file():
        raise ServiceError(f"找不到文件 {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_sheets(path, task)
    if suffix == ".xls":
        return _xls_sheets(path, task)
    if suffix == ".csv":
        return _csv_sheets(path, task)
    raise ServiceError(f"{path.name}：不支持的文件类型，请使用 .xlsx、.xls 或 .csv")
