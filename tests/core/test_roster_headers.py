"""Header matching as offices write headings: one table of real-looking spellings → field, including
headings that must map to nothing (and so are named as unmapped when their column holds data)."""

from __future__ import annotations

import pytest

from huimin_desktop.spreadsheet.fields import ALL_NAMES, match_field
from huimin_desktop.spreadsheet.headers import match_heading, normalise

# (parent heading or None, heading) → field key, recognised column, or None for "maps to nothing"
SPELLINGS: list[tuple[str | None, str, str | None]] = [
    (None, "姓名", "name"),
    (None, "姓  名", "name"),
    (None, "家庭成员姓名", "name"),
    (None, "户主姓名", "head_name"),
    (None, "户 主", "head_name"),
    ("户主", "姓名", "head_name"),
    ("户主", "身份证号", "head_id_number"),
    ("家庭成员", "姓名", "name"),
    (None, "身份证号码", "id_number"),
    (None, "公民身份号码", "id_number"),
    (None, "身份证号码(18位)", "id_number"),
    (None, "户主公民身份号码", "head_id_number"),
    (None, "与户主关系", "relationship"),
    (None, "所在村", "village"),
    (None, "行政村", "village"),
    (None, "所在乡镇", "township"),
    (None, "家庭人口（人）", "household_size"),
    (None, "家庭人口数(人)", "household_size"),
    (None, "人口", "household_size"),
    (None, "联系电话\n(手机)", "phone"),
    (None, "工资性收入（元）", "income_wage"),
    (None, "工资性收入(元)", "income_wage"),
    (None, "工资性收入 元", "income_wage"),
    (None, "2015年工资性收入", "income_wage"),
    (None, "外出务工收入", "income_wage"),
    ("家庭收入（元）", "工资性", "income_wage"),
    ("家庭收入（元）", "务工", "income_wage"),
    ("家庭收入情况（元）", "工资性收入", "income_wage"),
    ("2015年家庭收入（元）", "经营性", "income_business"),
    ("家庭收入（元）", "生产经营性", "income_business"),
    (None, "家庭经营性收入", "income_business"),
    ("家庭收入（元）", "财产性", "income_property"),
    (None, "财产性收入（元）", "income_property"),
    ("家庭收入（元）", "转移性", "income_transfer"),
    (None, "转移性收入（元）", "income_transfer"),
    (None, "生产经营性支出（元）", "expense_business"),
    ("支出（元）", "经营性", "expense_business"),
    ("生产经营性支出", "经营性", "expense_business"),
    (None, "经营性支出", "expense_business"),
    (None, "拟扶持项目", "needs"),
    (None, "发展需求", "needs"),
    (None, "帮扶需求", "needs"),
    (None, "备 注", "notes"),
    (None, "备注：", "notes"),
    (None, "致贫原因", "hardship_causes"),
    (None, "主要致贫原因", "hardship_causes"),
    (None, "调查日期", "survey_date"),
    (None, "务工月数（月）", "work_away_months"),
    (None, "２０１６年度家庭总收入", "total_income"),
    ("家庭收入（元）", "合计", "total_income"),
    (None, "2015年家庭纯收入", "net_income"),
    (None, "纯 收 入", "net_income"),
    (None, "人均纯收入（元/人）", "per_capita_income"),
    (None, "年人均纯收入", "per_capita_income"),
    (None, "序号", "row_number"),
    # Must not match: another column, a mix, or nothing the import knows.
    (None, "其他收入", None),
    ("家庭收入（元）", "其他", None),
    (None, "种养殖收入", None),
    (None, "低保金", None),
    (None, "收入", None),
    (None, "家庭收入", None),
    (None, "年龄", None),
    (None, "户主签字", None),
    (None, "审核意见", None),
    (None, "帮扶责任人", None),
    (None, "耕地面积（亩）", None),
    (None, "是否低保户", None),
    (None, "养老保险", None),
    (None, "", None),
]


@pytest.mark.parametrize(("parent", "heading", "expected"), SPELLINGS)
def test_heading_spellings(parent: str | None, heading: str, expected: str | None) -> None:
    assert match_heading(parent, heading, ALL_NAMES)[0] == expected


def test_units_and_years_are_taken_out_and_remembered() -> None:
    assert normalise("2015年家庭纯收入（元）") == normalise("家庭纯收入").__class__("家庭纯收入", 2015, 1, "")
    wan = normalise("工资性收入（万元）")
    assert (wan.text, wan.scale) == ("工资性收入", 10_000)
    assert normalise("２０１６年度 家庭总收入").year == 2016
    assert normalise("人均纯收入 元/人").text == "人均纯收入"


def test_match_field_never_returns_a_recognised_column() -> None:
    assert match_field("合计") is None and match_field("序号") is None
    assert match_field("身份证号") == "id_number"
