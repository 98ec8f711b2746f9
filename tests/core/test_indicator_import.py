"""``indicators import``: an office's workbook (one row per indicator, 1月 … 12月 as milestone columns);
bad cells named by row and heading, nothing imported when any row is bad; a second import updates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from huimin_desktop.errors import ValidationError
from huimin_desktop.messages import EN, describe_issue
from huimin_desktop.model import Indicator, IndicatorMilestone
from huimin_desktop.services.station import Station
from tests.core.test_cli_language import CJK
from tests.stations import new_station

YEAR = dt.date.today().year
HEADINGS = ["编号", "名称", "县（市、区）", "年度", "目标值", "单位", "分值", "计分方式", "关联数据",
            "责任人", "完成时限", "证明材料", "3月", "6月", "12月"]  # fmt: skip


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Station]:
    station = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    try:
        yield station
    finally:
        station.close()


def workbook(path: Path, rows: list[list[Any]], headings: list[str] = HEADINGS) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2026 年度绩效考核指标"])  # a title above the heading, as offices write them
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def good_rows() -> list[list[Any]]:
    return [
        ["1", "户均增收", "北票市", YEAR, 1000, "元", 10, "按完成比例计分", "", "李主任",
         dt.date(YEAR, 12, 31), "收入台账", 200, "400 半年过四成", "1000；全年完成"],
        ["2", "培训人次", "211321", YEAR, 500, "人次", 5, "每误一个时间节点扣分", "培训人次", "王科长",
         f"{YEAR}-11-30", "签到表", None, 250, 500],
        ["3", "项目验收", "全部", YEAR, 10, "个", 8, "", "", "", None, "验收报告", None, "上报计划", None],
    ]  # fmt: skip


def counts(station: Station) -> tuple[int, int]:
    with station.db.reader() as session:
        return (
            session.scalar(select(func.count()).select_from(Indicator).where(Indicator.deleted.is_(False)))
            or 0,
            session.scalar(select(func.count()).select_from(IndicatorMilestone)) or 0,
        )


def test_a_filled_workbook_imports_every_row(city: Station, tmp_path: Path) -> None:
    summary = city.indicators.import_workbook(workbook(tmp_path / "plan.xlsx", good_rows()))
    assert (summary.created, summary.updated) == (2 + 7, 0)  # 全部: one for each of 朝阳市's 7 counties
    rows = {(r.division_name, r.code): r for r in city.indicators.list(YEAR)}
    income = city.indicators.get(rows[("北票市", "1")].id)
    assert (income.name, income.target_value, income.unit, income.max_score) == (
        "户均增收",
        1000.0,
        "元",
        10.0,
    )
    assert (income.deadline, income.evidence, income.responsible_person) == (
        dt.date(YEAR, 12, 31),
        "收入台账",
        "李主任",
    )
    assert [(m.month, m.planned_value, m.description) for m in income.milestones] == [
        (3, 200.0, ""),
        (6, 400.0, "半年过四成"),
        (12, 1000.0, "全年完成"),
    ]
    trained = city.indicators.get(rows[("朝阳县", "2")].id)
    assert (trained.scoring_method, trained.figure) == ("milestone_deduction", "people_trained")
    assert trained.deadline == dt.date(YEAR, 11, 30)
    accepted = [r for (county, code), r in rows.items() if code == "3"]
    assert len(accepted) == 7
    plan = city.indicators.get(accepted[0].id)
    assert [(m.month, m.planned_value, m.description) for m in plan.milestones] == [(6, None, "上报计划")]
    assert plan.scoring_method == "proportional"


def test_a_second_import_updates_by_county_year_and_code(city: Station, tmp_path: Path) -> None:
    city.indicators.import_workbook(workbook(tmp_path / "plan.xlsx", good_rows()))
    before = counts(city)
    changed = good_rows()[:1]
    changed[0][4] = 1200
    changed[0][14] = None  # December's milestone dropped
    summary = city.indicators.import_workbook(workbook(tmp_path / "again.xlsx", changed))
    assert (summary.created, summary.updated) == (0, 1)
    assert counts(city)[0] == before[0]
    row = next(r for r in city.indicators.list(YEAR) if r.code == "1")
    record = city.indicators.get(row.id)
    assert record.target_value == 1200.0 and [m.month for m in record.milestones] == [3, 6]


def unquoted(line: str) -> str:
    """The line without its quoted values (the workbook's own words and names stay as written)."""
    return re.sub(r"“[^”]*”", "", line)


@pytest.mark.parametrize(
    ("column", "value", "expected", "english"),
    [
        (1, "", "第 4 行“名称”：指标名称不能为空", "The indicator name is empty"),
        (
            2,
            "火星县",
            "第 4 行“县（市、区）”：本站没有（或有多个）名为“火星县”的县（市、区）",
            "this station has no county (or more than one) named “火星县”",
        ),
        (3, "明年", "第 4 行“年度”：“明年”不是数字", "“明年” is not a number"),
        (3, 1999, "第 4 行“年度”：考核年度 1999 不合理", "1999"),
        (4, "一千", "第 4 行“目标值”：“一千”不是数字", "“一千” is not a number"),
        (7, "看心情", "第 4 行“计分方式”：“看心情”不是计分方式", "“看心情” is not a scoring method"),
        (8, "幸福指数", "第 4 行“关联数据”：“幸福指数”不是可关联的数据", "“幸福指数” is not a figure"),
        (10, "年底", "第 4 行“完成时限”：“年底”不是日期", "“年底” is not a date (write 2026-12-31)"),
        (6, -3, "第 4 行“分值”：分值不能为负数", "negative"),
    ],
)
def test_a_bad_cell_is_named_and_nothing_is_imported(
    city: Station, tmp_path: Path, column: int, value: Any, expected: str, english: str
) -> None:
    rows = good_rows()
    rows[1][column] = value  # the sheet's row 4: title, heading, then row 3 is good
    before = counts(city)
    with pytest.raises(ValidationError) as refused:
        city.indicators.import_workbook(workbook(tmp_path / "bad.xlsx", rows))
    assert any(i.message.startswith(expected) for i in refused.value.issues), refused.value.issues
    assert all(i.message.startswith("第 4 行") for i in refused.value.issues)
    assert counts(city) == before
    # The same reason in English: the row and the reason in English, the workbook's own words quoted
    lines = [describe_issue(i, EN) for i in refused.value.issues]
    assert any(line.startswith("Row 4, column “") and english in line for line in lines), lines
    assert all(not CJK.search(unquoted(line)) for line in lines), lines


def test_a_code_twice_in_the_file_and_a_missing_column(city: Station, tmp_path: Path) -> None:
    rows = good_rows()
    rows[1][0], rows[1][2] = "1", "北票市"
    with pytest.raises(ValidationError) as refused:
        city.indicators.import_workbook(workbook(tmp_path / "twice.xlsx", rows))
    assert [i.message for i in refused.value.issues] == ["第 4 行“编号”：与第 3 行的编号重复"]
    headings = [h for h in HEADINGS if h != "年度"]
    with pytest.raises(ValidationError) as refused:
        city.indicators.import_workbook(workbook(tmp_path / "cols.xlsx", [], headings))
    assert refused.value.issues[0].message == "第 2 行的表头缺少列：年度"
    (tmp_path / "not.xlsx").write_text("hello")
    with pytest.raises(ValidationError) as refused:
        city.indicators.import_workbook(tmp_path / "not.xlsx")
    assert refused.value.issues[0].code == "indicator_import.unreadable"
    assert counts(city) == (0, 0)
