"""Roster workbooks made the way offices make them (title, unit line, merged two-row header, column-number
row, 合计 row, signature footer), as .xlsx (openpyxl), .xls (xlwt, or LibreOffice when installed) and GBK
.csv; plus tests that the table is found in each of them. Other roster tests import the builders.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from huimin_desktop.domain.idnumber import check_character
from huimin_desktop.spreadsheet.table import read_roster_table


def make_id(birth: str, sequence: int, prefix: str = "211381") -> str:
    """A valid 18-digit ID number; an odd ``sequence`` is a man."""
    first17 = f"{prefix}{birth}{sequence:03d}"
    return first17 + check_character(first17)


# Column order of the office layout: (upper header, lower header or None for a vertical merge)
OFFICE_HEADER: tuple[tuple[str, str | None], ...] = (
    ("序号", None),
    ("所在村", None),
    ("户主姓名", None),
    ("性别", None),
    ("民族", None),
    ("公民身份号码", None),
    ("家庭人口（人）", None),
    ("联系电话", None),
    ("家庭收入情况（元）", "工资性收入"),
    ("家庭收入情况（元）", "经营性收入"),
    ("家庭收入情况（元）", "财产性收入"),
    ("家庭收入情况（元）", "转移性收入"),
    ("备注", None),
)
NUMBER_ROW = ("序号", "甲", "乙", "丙", "丁", "1", "2", "3", "4", "5", "6", "7", "8")


def household_row(
    village: str, name: str, sex: str, ethnicity: object, id_number: object, *rest: object
) -> list[object]:
    """One row after 序号: village … ID number, then 家庭人口, 电话, the four incomes and 备注 (padded)."""
    values = [village, name, sex, ethnicity, id_number, *rest]
    return values + [None] * (12 - len(values))


def sample_rows() -> list[list[object]]:
    """Four households as a village types them: text numbers, full-width digits, units, a 15-digit ID."""
    return [
        household_row("三家子村", "宝音", "男", "蒙古族", make_id("19650302", 11), "4人", "13904211234",
                      "3,500", "4200元", "0", "１２００"),
        household_row("三家子村", "王 芳", "女", "汉", make_id("19780915", 22).lower(), 3, None,
                      8000, "２５００", None, 600),
        household_row("东营子", "白玉兰", "女", "02", make_id("19590101", 42), "2", "0421-3456789",
                      "0", "3000", "", "2400元"),
        household_row("东营子村", "吴国军", "男", "蒙古", "211381700512311", 5, None, 12000, 6000, 0, 800),
    ]  # fmt: skip


def write_office_xlsx(
    path: Path, rows: Sequence[Sequence[object]], *, title: str = "2025年度马友营蒙古族乡惠民工程农户花名册"
) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Sheet1"
    width = len(OFFICE_HEADER)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.append(
        [
            "填报单位：马友营蒙古族乡人民政府",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "填报日期：2025年12月5日",
            None,
            "单位：人、元",
        ]
    )
    ws.append([upper for upper, _ in OFFICE_HEADER])
    ws.append([lower for _, lower in OFFICE_HEADER])
    for column, (_upper, lower) in enumerate(OFFICE_HEADER, start=1):
        if lower is None:
            ws.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    ws.merge_cells("I3:L3")  # openpyxl, like Excel, keeps only the first cell's value
    ws.append(list(NUMBER_ROW))
    for number, row in enumerate(rows, start=1):
        ws.append([number, *row])
    ws.append([])
    ws.append(["合计", None, None, None, None, None, 14, None, 23500, 15700, 0, 5000])
    ws.append(["填表人：张三", None, None, "审核人：李四", None, None, "村负责人：王五（盖章）"])
    book.save(path)
    return path


def write_office_xls(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """The same layout as .xls: LibreOffice converts the .xlsx when installed, else xlwt writes it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        source = write_office_xlsx(path.with_suffix(".xlsx"), rows)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "xls", "--outdir", str(path.parent), str(source)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return path
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Sheet1")
    width = len(OFFICE_HEADER)
    ws.write_merge(0, 0, 0, width - 1, "2025年度马友营蒙古族乡惠民工程农户花名册")
    ws.write(1, 0, "填报单位：马友营蒙古族乡人民政府")
    for column, (upper, lower) in enumerate(OFFICE_HEADER):
        if lower is None:
            ws.write_merge(2, 3, column, column, upper)
        else:
            ws.write(3, column, lower)
    ws.write_merge(2, 2, 8, 11, "家庭收入情况（元）")
    for column, text in enumerate(NUMBER_ROW):
        ws.write(4, column, text)
    for r, row in enumerate(rows, start=5):
        for column, value in enumerate([r - 4, *row]):
            if value is not None:
                ws.write(r, column, value)
    last = 5 + len(rows)
    ws.write(last, 0, "合计")
    ws.write(last + 1, 0, "填表人：张三")
    book.save(str(path))
    return path


def write_office_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str = "gbk") -> Path:
    """A CSV saved from Excel on a Chinese Windows: GBK, the merged header's cells blank."""
    with path.open("w", encoding=encoding, newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["2025年度马友营蒙古族乡惠民工程农户花名册"])
        out.writerow(["填报单位：马友营蒙古族乡人民政府"])
        out.writerow(
            [upper if lower is None or i == 8 else "" for i, (upper, lower) in enumerate(OFFICE_HEADER)]
        )
        out.writerow([lower or "" for _, lower in OFFICE_HEADER])
        for number, row in enumerate(rows, start=1):
            out.writerow([number, *("" if v is None else v for v in row)])
        out.writerow(["合计"])
        out.writerow(["填表人：张三"])
    return path


def write_table_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    title: str = "2025年惠民工程农户花名册",
) -> Path:
    """A plain roster: title, one header row, data from row 3 (row numbers are easy to name in tests)."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append([title])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def _check_table(path: Path) -> None:
    table = read_roster_table(path)
    assert table.header_rows == (3, 4)
    assert [number for number, _ in table.rows] == [6, 7, 8, 9] if path.suffix != ".csv" else [5, 6, 7, 8]
    for key in ("village", "name", "sex", "ethnicity", "id_number", "household_size", "phone", "notes"):
        assert key in table.mapping, key
    assert table.mapping["income_wage"] == 8
    assert table.mapping["income_transfer"] == 11
    assert table.year == 2025


def test_table_found_in_office_xlsx(tmp_path: Path) -> None:
    _check_table(write_office_xlsx(tmp_path / "roster.xlsx", sample_rows()))


def test_table_found_in_office_xls(tmp_path: Path) -> None:
    _check_table(write_office_xls(tmp_path / "roster.xls", sample_rows()))


def test_table_found_in_gbk_csv(tmp_path: Path) -> None:
    path = write_office_csv(tmp_path / "roster.csv", sample_rows())
    with pytest.raises(UnicodeDecodeError):
        path.read_text(encoding="utf-8")
    table = read_roster_table(path)
    assert [number for number, _ in table.rows] == [5, 6, 7, 8]
    assert table.mapping["income_wage"] == 8 and table.mapping["name"] == 2


def _trimmed(rows: Sequence[Sequence[object]]) -> list[tuple[object, ...]]:
    out = [tuple(row) for row in rows]
    out = [row[: max((i + 1 for i, v in enumerate(row) if v is not None), default=0)] for row in out]
    while out and not out[-1]:
        out.pop()
    return out


def test_fast_xlsx_reader_gives_what_openpyxl_gives(tmp_path: Path) -> None:
    """The roster reader parses sheet XML itself (speed); it must agree with openpyxl cell for cell."""
    import datetime as dt

    from openpyxl import Workbook, load_workbook

    from huimin_desktop.spreadsheet.reading import read_sheets

    mixed = tmp_path / "mixed.xlsx"
    book = Workbook()
    ws = book.active
    ws.append(["文本", 12, 3.5, 4.0, True, dt.datetime(2025, 3, 5), None, "=1+1", 211381198001011234])
    ws["C3"] = "后面有空行"
    ws["AB4"] = "远处的单元格"
    ws["B5"] = dt.date(1990, 1, 2)
    book.save(mixed)
    office = write_office_xlsx(tmp_path / "office.xlsx", sample_rows())
    for path in (mixed, office):
        sheets = read_sheets(path)  # the book stays open while its generator lives
        _, rows = next(sheets)
        fast = list(rows)
        reference = load_workbook(path, read_only=True, data_only=True).active
        reference.reset_dimensions()
        expected = _trimmed(list(reference.iter_rows(min_row=1, values_only=True)))
        assert _trimmed(fast) == expected, path.name
