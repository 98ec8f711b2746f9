"""The city's indicators from a workbook an office fills in (``indicators import FILE.xlsx``).

One sheet, one row per indicator under a header row; the columns are found by their heading, in any
order (``COLUMNS``; only 名称, 县（市、区） and 年度 are required). The monthly milestones (时间节点) are
the twelve columns 1月 … 12月 on the same row, as an assessment plan's table prints them: a number is
the planned value, a text its description, and a text that starts with a number ("400 半年过四成")
both. The county is a division code or name, or 全部 for every county (one indicator each).

A row whose county, year and 编号 name a live indicator updates it; every other row adds one. Each
bad cell is named by its row and heading, and when any row is bad nothing is imported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from huimin_desktop.domain.issues import Issue
from huimin_desktop.messages import Words
from huimin_desktop.services.bound_figures import FIGURES
from huimin_desktop.services.scoring import METHOD_LABELS
from huimin_desktop.spreadsheet.cells import CellError

ALL_COUNTIES = ("全部", "全部县", "所有县", "*")
MANUAL = ("", "手工填报", "无", "手工")

# heading → IndicatorInput field (the same names the service's issues give in ``field``)
COLUMNS: dict[str, str] = {
    "编号": "code",
    "名称": "name",
    "县（市、区）": "division_id",
    "年度": "year",
    "目标": "target",
    "目标值": "target_value",
    "单位": "unit",
    "分值": "max_score",
    "计分方式": "scoring_method",
    "计分标准": "scoring_rule",
    "每次扣分": "deduction",
    "每档差额": "deduction_step",
    "宽限天数": "grace_days",
    "关联数据": "figure",
    "责任人": "responsible_person",
    "牵头单位": "lead_unit",
    "完成时限": "deadline",
    "证明材料": "evidence",
}
HEADING_OF = {name: heading for heading, name in COLUMNS.items()}
REQUIRED = ("名称", "县（市、区）", "年度")
MONTHS = {f"{m}月": m for m in range(1, 13)}
_ALIASES = {"县": "县（市、区）", "县(市、区)": "县（市、区）", "县区": "县（市、区）", "指标名称": "名称"}
_NUMBERED_TEXT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)(?:\s*[，,；;、：:]\s*|\s+|$)(.*)$")


@dataclass
class SheetRow:
    """One filled row: its number in the sheet and its cells by field name (``months``: 1–12)."""

    number: int
    cells: dict[str, Any]
    months: dict[int, Any] = field(default_factory=dict)


def heading_of(field_name: str) -> str:
    """The column heading an issue's ``field`` names (``milestones[2].month`` → 时间节点)."""
    if field_name.startswith("milestones"):
        return "时间节点"
    return HEADING_OF.get(field_name, field_name)


def read_rows(path: Path) -> tuple[list[SheetRow], list[Issue]]:
    """The filled rows of the workbook's first sheet, or the issues that stop reading it at all."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        return [], [Issue("indicator_import.missing", f"找不到文件 {path}", params={"path": str(path)})]
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return [], [
            Issue(
                "indicator_import.unreadable", f"{path} 不是可读的 .xlsx 工作簿", params={"path": str(path)}
            )
        ]
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        return _rows_under_heading(rows)
    finally:
        workbook.close()


def _rows_under_heading(rows: Iterator[tuple[Any, ...]]) -> tuple[list[SheetRow], list[Issue]]:
    """The heading is the first row that names 名称; the rows under it that hold anything are read."""
    columns: dict[int, str] | None = None
    found: list[SheetRow] = []
    for number, values in enumerate(rows, start=1):
        if columns is None:
            headings = [_heading(v) for v in values]
            if "名称" in headings:
                columns = {i: h for i, h in enumerate(headings) if h in COLUMNS or h in MONTHS}
                missing = [h for h in REQUIRED if h not in headings]
                if missing:
                    return [], [_missing_columns(number, missing)]
            continue
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        row = SheetRow(number, {})
        for index, heading in columns.items():
            value = values[index] if index < len(values) else None
            if heading in MONTHS:
                row.months[MONTHS[heading]] = value
            else:
                row.cells[COLUMNS[heading]] = value
        found.append(row)
    if columns is None:
        return [], [Issue("indicator_import.no_heading", "工作簿第一张表中找不到含“名称”的表头行")]
    return found, []


def _heading(value: Any) -> str:
    text = re.sub(r"\s+", "", str(value or ""))
    return _ALIASES.get(text, text)


def _missing_columns(number: int, missing: list[str]) -> Issue:
    names = "、".join(missing)
    return Issue(
        "indicator_import.columns_missing",
        f"第 {number} 行的表头缺少列：{names}",
        params={"row": number, "columns": names},
    )


# -- cells to values (each returns the value or raises CellError with the reason) -------------------


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def number(value: Any) -> float | None:
    if value is None or text(value) == "":
        return None
    if isinstance(value, bool):
        raise CellError(f"“{value}”不是数字", f"“{value}” is not a number")
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(text(value).replace(",", "").replace("，", ""))
    except ValueError:
        raise CellError(f"“{text(value)}”不是数字", f"“{text(value)}” is not a number") from None


def whole(value: Any, default: int = 0) -> int:
    found = number(value)
    if found is None:
        return default
    if not found.is_integer():
        raise CellError(f"“{text(value)}”不是整数", f"“{text(value)}” is not a whole number")
    return int(found)


def day(value: Any) -> dt.date | None:
    if value is None or text(value) == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value).replace("/", "-").replace(".", "-")
    raw = re.sub(r"[年月]", "-", raw).rstrip("日")
    try:
        year, month, date = (int(part) for part in raw.split("-"))
        return dt.date(year, month, date)
    except ValueError:
        raise CellError(
            f"“{text(value)}”不是日期（写成 2026-12-31）", f"“{text(value)}” is not a date (write 2026-12-31)"
        ) from None


def method(value: Any) -> str:
    raw = text(value)
    if raw == "":
        return "proportional"
    for key, label in METHOD_LABELS.items():
        if raw in (str(key), label) or label.startswith(raw):
            return str(key)
    labels = "、".join(METHOD_LABELS.values())
    quoted = ", ".join(f"“{label}”" for label in METHOD_LABELS.values())
    raise CellError(
        f"“{raw}”不是计分方式（可写：{labels}）", f"“{raw}” is not a scoring method (write one of: {quoted})"
    )


def figure(value: Any) -> str:
    raw = text(value)
    if raw in MANUAL:
        return ""
    for key, known in FIGURES.items():
        if raw in (key, known.label):
            return key
    labels = "、".join(f.label for f in FIGURES.values())
    quoted = ", ".join(f"“{f.label}”" for f in FIGURES.values())
    raise CellError(
        f"“{raw}”不是可关联的数据（可写：{labels}，或留空由县乡手工填报）",
        f"“{raw}” is not a figure the program computes (write one of: {quoted}; or leave it empty for the "
        "counties and townships to report by hand)",
    )


def milestone(month: int, value: Any) -> tuple[int, float | None, str] | None:
    """A month's cell as (month, planned value, description); None for an empty cell."""
    if value is None or text(value) == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (month, float(value), "")
    raw = text(value)
    numbered = _NUMBERED_TEXT.match(raw)
    if numbered:
        return (month, float(numbered.group(1)), numbered.group(2).strip())
    return (month, None, raw)


# -- a row to the service's input ------------------------------------------------------------------

_READERS = {
    "year": lambda v: whole(v, 0),
    "target_value": number,
    "max_score": lambda v: number(v) or 0.0,
    "deduction": lambda v: number(v) or 0.0,
    "deduction_step": lambda v: number(v) or 0.0,
    "grace_days": lambda v: whole(v, 0),
    "deadline": day,
    "scoring_method": method,
    "figure": figure,
}


def row_fields(row: SheetRow) -> tuple[dict[str, Any], list[Issue]]:
    """The row's cells read as the service's values (the county still as written), and its bad cells."""
    values: dict[str, Any] = {}
    issues: list[Issue] = []
    for name, raw in row.cells.items():
        try:
            values[name] = _READERS.get(name, text)(raw)
        except CellError as exc:
            issues.append(cell_issue(row.number, name, exc.words))
    milestones = []
    for month, raw in sorted(row.months.items()):
        found = milestone(month, raw)
        if found is not None:
            milestones.append(found)
    values["milestones"] = tuple(milestones)
    if not values.get("year"):
        issues.append(cell_issue(row.number, "year", Words("未填写考核年度", "the year is not filled in")))
    return values, issues


def cell_issue(row: int, field_name: str, reason: Words) -> Issue:
    column = heading_of(field_name)
    return Issue(
        "indicator_import.cell",
        f"第 {row} 行“{column}”：{reason.zh}",
        field=field_name,
        params={"row": row, "column": column, "reason": reason},
    )
