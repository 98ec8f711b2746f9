"""Reading the cells of a roster file (.xlsx, .xls, .csv) as rows of plain Python values.

Every reader yields sheets as ``(name, rows)``, ``rows`` an iterator of tuples (read as it is
consumed, so that a roster of any size is never held whole): None for an empty cell, str, int, float or
datetime otherwise (integral floats become int). The ``i``-th row yielded is spreadsheet row ``i + 1``;
a sheet's rows must be consumed before the next sheet is asked for.
.xlsx is read with openpyxl in read-only mode (merged cells then hold their value only
in the top-left cell, which the table detection expects); .xls with xlrd; .csv as UTF-8 (with or without
BOM) or, failing that, GBK (read as GB 18030, its superset).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from huimin_desktop.errors import ServiceError
from huimin_desktop.progress import TaskState

Row = tuple[object, ...]
Rows = Iterator[Row]
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")


def _clean(value: object) -> object:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _xlsx_sheets(path: Path, task: TaskState) -> Iterator[tuple[str, Rows]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML or openpyxl errors: the file is not a readable workbook
        raise ServiceError(
            code="spreadsheet.unreadable_xlsx", file=path.name, kind=exc.__class__.__name__
        ) from exc
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            yield sheet.title, _xlsx_rows(book, sheet, task)
    finally:
        book.close()


def _xlsx_rows(book: Any, sheet: Any, task: TaskState) -> Rows:
    produced = 0
    try:
        for row in _sheet_values(book, sheet, task):
            produced += 1
            yield row
    except (AttributeError, KeyError, ValueError, IndexError, SyntaxError):
        # An unusual file: openpyxl's own (slower) reader, from where the fast one stopped.
        for number, row in enumerate(_openpyxl_values(sheet, task)):
            if number >= produced:
                yield row


def _openpyxl_values(sheet: Any, task: TaskState) -> Rows:
    sheet.reset_dimensions()  # some writers store a wrong dimension; read every cell there is
    # openpyxl already gives ints for integral numbers; blank strings are left to the table
    # detection (is_blank), which is cheaper than cleaning all of 10,000 rows here.
    for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        yield values
        if number % 2000 == 0:
            task.check()


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


def _sheet_values(book: Any, sheet: Any, task: TaskState) -> Rows:
    """The sheet's cell values, parsed straight from its XML with the workbook's shared strings and date
    styles (what openpyxl's read-only iteration yields, values only, for a data-only read).

    openpyxl builds a dict and a coordinate tuple per cell; a 10,000-row roster spends most of its import
    time there, so the hot loop is done here. Formulas give their cached value; inline rich text is joined
    without its phonetic (rPh) runs, as openpyxl does. Anything unexpected falls back to openpyxl.
    """
    strings = book.shared_strings
    date_styles = book._date_formats
    epoch = book.epoch
    produced = 0
    with book._archive.open(sheet._worksheet_path) as source:
        current: dict[int, object] = {}
        row_number = 0
        for _event, element in iterparse(source, events=("end",)):
            tag = element.tag
            if tag == _CELL:
                reference = element.get("r")
                column = _column_index(reference) if reference else len(current)
                value = _cell_value(element, strings, date_styles, epoch)
                if value is not None:
                    current[column] = value
            elif tag == _ROW:
                reference = element.get("r")
                row_number = int(reference) if reference else row_number + 1
                while produced < row_number - 1:
                    produced += 1
                    yield ()
                width = max(current) + 1 if current else 0
                produced += 1
                yield tuple(current.get(i) for i in range(width))
                current = {}
                element.clear()
                if row_number % 2000 == 0:
                    task.check()


def _cell_value(element: Any, strings: Any, date_styles: Any, epoch: Any) -> object:
    """One ``<c>`` element's value: formulas give their cached value, an error value (#N/A …) is None."""
    kind = element.get("t", "n")
    if kind == "inlineStr":
        inline = element.find(_INLINE)
        if inline is None:
            return None
        phonetic = _phonetic_texts(inline)
        return "".join(t.text or "" for t in inline.iter(_TEXT) if t not in phonetic) or None
    text = element.findtext(_VALUE)
    if not text:
        return None
    if kind == "n":
        value = _number(text)
        style = element.get("s")
        if style and int(style) in date_styles:
            from openpyxl.utils.datetime import from_excel

            try:
                return from_excel(value, epoch)
            except (OverflowError, ValueError):
                return None
        return value
    if kind == "s":
        return strings[int(text)]
    if kind == "b":
        return bool(int(text))
    if kind in ("str", "d"):
        return text
    return None


def _phonetic_texts(inline: Any) -> set[Any]:
    return {t for phonetic in inline.iter(_PHONETIC) for t in phonetic.iter(_TEXT)}


def _xls_sheets(path: Path, task: TaskState) -> Iterator[tuple[str, Rows]]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:
        raise ServiceError(
            code="spreadsheet.unreadable_xls", file=path.name, kind=exc.__class__.__name__
        ) from exc
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if getattr(sheet, "visibility", 0) != 0:
                continue
            yield sheet.name, _xls_rows(book, sheet, task)
            book.unload_sheet(index)
    finally:
        book.release_resources()


def _xls_rows(book: Any, sheet: Any, task: TaskState) -> Rows:
    """An .xls sheet is at most 65,536 rows, which xlrd holds; rows are converted as they are asked for."""
    import xlrd

    for r in range(sheet.nrows):
        values: list[object] = []
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
        yield tuple(values)
        if r % 2000 == 0:
            task.check()


def csv_encoding(path: Path) -> str:
    """UTF-8 (BOM or not) or else GB 18030, found by decoding the whole file piece by piece (no copy)."""
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as source:
                while chunk := source.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise ServiceError(code="spreadsheet.csv_encoding")


def _csv_sheets(path: Path, task: TaskState) -> Iterator[tuple[str, Rows]]:
    encoding = csv_encoding(path)
    with path.open(encoding=encoding, newline="") as source:
        sample = source.read(4096)
        source.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
        yield path.stem, _csv_rows(csv.reader(source, dialect), task)


def _csv_rows(reader: Iterator[list[str]], task: TaskState) -> Rows:
    for number, row in enumerate(reader, start=1):
        yield tuple(_clean(v) for v in row)
        if number % 2000 == 0:
            task.check()


def read_sheets(path: Path, task: TaskState | None = None) -> Iterator[tuple[str, Rows]]:
    """The file's visible sheets, in order (a CSV is one sheet)."""
    task = task or TaskState()
    if not path.is_file():
        raise ServiceError(code="input.missing", path=path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_sheets(path, task)
    if suffix == ".xls":
        return _xls_sheets(path, task)
    if suffix == ".csv":
        return _csv_sheets(path, task)
    raise ServiceError(code="spreadsheet.unsupported", file=path.name)
