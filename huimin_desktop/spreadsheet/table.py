"""Finding the table in a sheet laid out for printing.

Offices' rosters start with a title, a “填报单位 / 填报日期 / 单位：元” line, a one- or two-row header
(merged cells: a group title such as “家庭收入情况（元）” over its columns), often a column-number row
(序号 甲 乙 1 2 3 …), and end with 合计 / 小计 / 总计 rows and a signature footer (填表人、审核人 …).

The header row is the row among the first ``HEADER_SEARCH_ROWS`` that names the most known columns (at
least a name or ID number column and one more). A second header row directly under it is taken when its
cells are all labels; a merged group title holds its text only in its first cell, so empty cells of the
upper row are filled from the left where the lower row has a label. Data rows follow; blank rows, total
rows, repeated header rows and column-number rows are skipped, and reading stops at the footer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from huimin_desktop.domain.text import compact
from huimin_desktop.errors import ServiceError
from huimin_desktop.progress import TaskState
from huimin_desktop.spreadsheet.cells import cell_text, is_blank
from huimin_desktop.spreadsheet.fields import (
    ALL_NAMES,
    CHECK_COLUMNS,
    FIELDS_BY_KEY,
    INCOME_FIELDS,
    ROW_NUMBER,
    header_key,
    match_field,
)
from huimin_desktop.spreadsheet.headers import match_heading
from huimin_desktop.spreadsheet.reading import Row, read_sheets

HEADER_SEARCH_ROWS = 30
# The most data rows one file may hold (README “Rosters”): checked while the file is first read, before
# anything is written. Up to CACHED_ROWS rows are kept in memory; a bigger roster is streamed again.
MAX_ROWS = 200_000
CACHED_ROWS = 20_000
_TOTAL_WORDS = ("合计", "小计", "总计", "累计", "本页合计", "总合计")
_FOOTER_START = re.compile(
    r"^((填表人|填报人|制表人|审核人|审批人|负责人|单位负责人|村负责人|村委会负责人|联系人|经办人|统计人|"
    r"主管领导|领导签字|签字|盖章)|(说明|注|备注)[:：])"
)
_NUMBER_ROW_CELL = re.compile(r"^(\d{1,3}|[甲乙丙丁戊己庚辛壬癸]|[A-Z])$")
_YEAR = re.compile(r"(20\d\d)\s*年")
_UNIT_LINE = re.compile(r"(填报单位|单位名称|填表单位)[:：]\s*(\S+)")
_ID_LIKE = re.compile(r"\d{15,18}|\d{17}[Xx]")


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the row
    header: str  # the header text as shown (both rows of a two-row header, joined by “/”)
    letter: str  # A, B, … AA
    role: str | None = None  # the field (or recognised column: 序号, a total) the heading names
    year: int | None = None  # a year written in the heading (“2015年家庭纯收入”)
    scale: int = 1  # 10,000 for amounts in 万元


class DataRows:
    """The table's data rows as ``(spreadsheet row number, values)``: kept in memory for a roster of up
    to ``CACHED_ROWS`` rows, read again from the file (streamed) each time for a bigger one."""

    def __init__(self, path: Path, sheet: str, start: int, count: int, cached: list[tuple[int, Row]] | None):
        self.path, self.sheet, self.start, self.count, self.cached = path, sheet, start, count, cached
        self.header_texts: set[str] = set()

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __iter__(self) -> Iterator[tuple[int, Row]]:
        if self.cached is not None:
            return iter(self.cached)
        return self._read_again()

    def _read_again(self) -> Iterator[tuple[int, Row]]:
        for name, rows in read_sheets(self.path):
            if name != self.sheet:
                for _ in rows:  # a sheet's rows are consumed before the next sheet
                    pass
                continue
            numbered = enumerate(islice(rows, self.start - 1, None), start=self.start)
            yield from _Scanner(self.header_texts).data(numbered)
            return


class _Scanner:
    """Sorts the rows under the header into data rows and skipped ones (totals, numbering, repeats)."""

    def __init__(self, header_texts: set[str]) -> None:
        self.header_texts = header_texts
        self.skipped = 0

    def data(self, numbered: Iterable[tuple[int, Row]]) -> Iterator[tuple[int, Row]]:
        for number, row in numbered:
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                continue
            if is_footer_row(row):
                self.skipped += 1
                return
            if (
                is_total_row(row)
                or is_number_row(row)
                or (
                    _is_label_row(row)
                    and {header_key(v) for v in row if isinstance(v, str)} <= self.header_texts
                )
            ):
                self.skipped += 1
                continue
            yield number, row


@dataclass
class RosterTable:
    """The table found in a roster file: its columns, the detected field mapping and the data rows."""

    path: Path
    sheet: str
    columns: tuple[Column, ...]
    detected: dict[str, int]  # field key → column index, as recognised from the headers
    header_rows: tuple[int, ...]  # spreadsheet row numbers (1-based)
    rows: DataRows | list[tuple[int, Row]]  # (spreadsheet row number, values) of every data row
    title: str = ""
    unit: str = ""  # what the 填报单位 line names
    year: int | None = None  # from the title or the unit line (“2025年度…花名册”)
    skipped_rows: int = 0
    mapping: dict[str, int] = field(default_factory=dict)  # what the import uses (detected or remembered)
    filled: tuple[int, ...] = ()  # per column: how many data rows have a value in it
    first_row: Row = ()  # the first data row (examples in the mapping dialog)
    title_row: int = 0  # where the year in the title was read

    @property
    def signature(self) -> str:
        """Identifies files of the same shape: the header texts in order (remembered mappings use it)."""
        text = "\x1f".join(header_key(c.header) for c in self.columns)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def checks(self) -> dict[str, int]:
        """The total columns (合计 / 总收入 / 纯收入 / 人均纯收入) each row's parts are checked against."""
        found: dict[str, int] = {}
        for column in self.columns:
            if column.role in CHECK_COLUMNS and column.role not in found:
                found[column.role] = column.index
        return found

    def unmapped(self, mapping: dict[str, int]) -> list[Column]:
        """Columns that hold data but are imported as no field (序号 and the checked totals aside)."""
        used = set(mapping.values())
        if any(key in mapping for key in INCOME_FIELDS):
            used |= set(self.checks.values())
        return [
            c
            for c in self.columns
            if c.index not in used
            and c.index < len(self.filled)
            and self.filled[c.index]
            and c.role != ROW_NUMBER
        ]


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _texts(row: Row) -> list[str]:
    return [header_key(v) if isinstance(v, str) else "" for v in row]


def _header_score(row: Row) -> tuple[int, set[str]]:
    found = {match_field(v) for v in row if isinstance(v, str)}
    found.discard(None)
    return len(found), found  # type: ignore[return-value]


def _is_label_row(row: Row) -> bool:
    """Every non-empty cell is text that is no data value (no ID number, no amount)."""
    values = [v for v in row if v is not None]
    if not values:
        return False
    for value in values:
        if not isinstance(value, str):
            return False
        text = compact(value)
        if _ID_LIKE.fullmatch(text) or _NUMBER_ROW_CELL.match(text) or re.fullmatch(r"[\d.,]+", text):
            return False
    return True


def _is_sub_header(upper: Row, lower: Row) -> bool:
    """The second row of a two-row header: labels, at least one naming a field, and every label under an
    empty (merged) or group-title upper cell. A data row has values under the recognised headers."""
    if not _is_label_row(lower) or _header_score(lower)[0] < 1:
        return False
    for index, value in enumerate(lower):
        if value is None:
            continue
        above = upper[index] if index < len(upper) else None
        if isinstance(above, str) and match_field(above) is not None:
            return False
    return True


def is_number_row(row: Row) -> bool:
    """序号 甲 乙 1 2 3 …: only short labels and small numbers, at least three of them."""
    count = 0
    for value in row:  # called for every data row: give up at the first long value
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value < 1000:
                return False
        elif isinstance(value, str):
            text = value.strip()
            if len(text) > 3 or not (
                _NUMBER_ROW_CELL.match(compact(text)) or text in ("序号", "栏次", "编号")
            ):
                return False
        else:
            return False
        count += 1
    return count >= 3


def is_total_row(row: Row) -> bool:
    for value in row[:6]:
        if isinstance(value, str) and "计" in value:  # every total word has 计: most rows stop here
            text = compact(value)
            if any(text.startswith(word) for word in _TOTAL_WORDS):
                return True
    return False


def is_footer_row(row: Row) -> bool:
    first = next((v for v in row if v is not None), None)
    return isinstance(first, str) and bool(_FOOTER_START.match(compact(first)))


def _combine_headers(upper: Row, lower: Row | None, width: int) -> list[tuple[str, str]]:
    """(parent, sub-heading) of every column; a one-row header has no parent."""
    top = [cell_text(upper[i]) if i < len(upper) else "" for i in range(width)]
    if lower is None:
        return [("", text) for text in top]
    bottom = [cell_text(lower[i]) if i < len(lower) else "" for i in range(width)]
    filled = list(top)
    for i in range(1, width):
        # An empty upper cell over a lower label continues the group title on its left (a merged cell).
        if not top[i] and bottom[i] and bottom[i - 1]:
            filled[i] = filled[i - 1]
    return [(filled[i] if bottom[i] else "", bottom[i] or top[i]) for i in range(width)]


def _column(index: int, parent: str, sub: str) -> Column:
    header = f"{parent}/{sub}" if parent and sub else parent or sub
    role, heading = match_heading(parent or None, sub, ALL_NAMES)
    return Column(index, header, column_letter(index), role, heading.year, heading.scale)


def detect_mapping(columns: Iterable[Column]) -> dict[str, int]:
    """Field → column, the first column naming a field winning; 户主身份证号 alone is the ID column."""
    mapping: dict[str, int] = {}
    for column in columns:
        key = column.role
        if key in FIELDS_BY_KEY and key not in mapping:
            mapping[key] = column.index
    return normalise_mapping(mapping)


def normalise_mapping(mapping: dict[str, int]) -> dict[str, int]:
    """户主姓名 / 户主身份证号 without 姓名 / 身份证号 are the columns of a one-row-per-household roster."""
    mapping = dict(mapping)
    for head_key, key in (("head_name", "name"), ("head_id_number", "id_number")):
        if head_key in mapping and key not in mapping:
            mapping[key] = mapping.pop(head_key)
    return mapping


def _header_row(head: list[Row]) -> int:
    best, best_score = -1, 1
    for index, row in enumerate(head[:HEADER_SEARCH_ROWS]):
        score, found = _header_score(row)
        if score > best_score and found & {"name", "head_name", "id_number", "head_id_number"}:
            best, best_score = index, score
    return best


def _title_lines(rows: Iterable[Row]) -> tuple[str, str, int | None]:
    """The title, the 填报单位 and the year written above the header."""
    title, unit, year = "", "", None
    for row in rows:
        for value in row:
            if not isinstance(value, str):
                continue
            text = value.strip()
            unit_match = _UNIT_LINE.search(text)
            if not title and len(compact(text)) >= 4 and not unit_match:
                title = text
            if unit_match and not unit:
                unit = unit_match.group(2).strip("　 ")
            year_match = _YEAR.search(text)
            if year_match and year is None:
                year = int(year_match.group(1))
    return title, unit, year


@dataclass
class _Scan:
    count: int = 0
    filled: list[int] = field(default_factory=list)
    cached: list[tuple[int, Row]] | None = field(default_factory=list)
    first: Row = ()


def _scan(path: Path, data: Iterator[tuple[int, Row]], task: TaskState) -> _Scan:
    """Count the data rows and each column's filled cells, keeping the rows only while they are few;
    refuse a roster over ``MAX_ROWS`` rows as soon as it is seen to be one."""
    scan = _Scan()
    filled = scan.filled
    for number, row in data:
        scan.count += 1
        if scan.count > MAX_ROWS:
            raise ServiceError(code="roster.too_many_rows", file=path.name, limit=f"{MAX_ROWS:,}", row=number)
        if not scan.first:
            scan.first = row
        if len(filled) < len(row):
            filled.extend([0] * (len(row) - len(filled)))
        for index, value in enumerate(row):
            if value is not None and (value.__class__ is not str or not is_blank(value)):
                filled[index] += 1
        if scan.cached is not None:
            scan.cached.append((number, row))
            if len(scan.cached) > CACHED_ROWS:
                scan.cached = None  # a big roster: read again from the file when it is needed
        if scan.count % 5000 == 0:
            task.check()
    return scan


def find_table(
    path: Path, sheet: str, rows: Iterable[Row], task: TaskState | None = None
) -> RosterTable | None:
    """The table in one sheet, or None when no header row is found. The rows are read once, streamed."""
    task = task or TaskState()
    source = iter(rows)
    head = list(islice(source, HEADER_SEARCH_ROWS + 1))
    best = _header_row(head)
    if best < 0:
        return None
    header_rows = [best]
    lower = head[best + 1] if best + 1 < len(head) else None
    if lower is not None and _is_sub_header(head[best], lower):
        header_rows.append(best + 1)
    else:
        lower = None
    start = header_rows[-1] + 1  # 0-based index of the first row under the header
    title, unit, year = _title_lines(head[:best])
    header_texts = {header_key(v) for v in head[best] if isinstance(v, str)}
    scanner = _Scanner(header_texts)
    following = chain(enumerate(head[start:], start=start + 1), enumerate(source, start=len(head) + 1))
    scan = _scan(path, scanner.data(following), task)
    width = max(len(head[best]), len(lower or ()), len(scan.filled))
    headers = _combine_headers(head[best], lower, width)
    columns = tuple(_column(i, parent, sub) for i, (parent, sub) in enumerate(headers))
    data = DataRows(path, sheet, start + 1, scan.count, scan.cached)
    data.header_texts = header_texts
    detected = detect_mapping(columns)
    return RosterTable(
        path=path,
        sheet=sheet,
        columns=columns,
        detected=detected,
        header_rows=tuple(r + 1 for r in header_rows),
        rows=data,
        title=title,
        unit=unit,
        year=year,
        skipped_rows=scanner.skipped,
        mapping=dict(detected),
        filled=tuple(scan.filled) + (0,) * (width - len(scan.filled)),
        first_row=scan.first,
    )


def read_roster_table(path: Path, task: TaskState | None = None) -> RosterTable:
    """The first sheet of the file that holds a roster table; ServiceError when there is none."""
    path = Path(path)
    for sheet, rows in read_sheets(path, task):
        table = find_table(path, sheet, rows, task)
        if table is not None:
            return table
        for _ in rows:  # the rest of a sheet without a table, before the next sheet
            pass
    raise ServiceError(
        code="roster.no_heading", file=path.name, rows=HEADER_SEARCH_ROWS, examples="“姓名”“身份证号”"
    )
