"""The roster columns the import understands: a stable key, the Chinese label, and the names offices use.

Headings are matched by score against these names (spreadsheet/headers.py), not looked up exactly.
``header_key`` is the old exact form, kept for the signature of remembered mappings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from huimin_desktop.domain.text import remove_spaces, to_halfwidth
from huimin_desktop.spreadsheet.headers import match_heading


@dataclass(frozen=True)
class RosterField:
    key: str
    label: str  # shown in the mapping dialog and written as the export header
    names: tuple[str, ...]  # what offices write (normalised: no units, years or spaces), short forms too


INCOME_FIELDS = ("income_wage", "income_business", "income_property", "income_transfer", "expense_business")

FIELDS: tuple[RosterField, ...] = (
    RosterField("township", "乡镇", ("乡镇", "所在乡镇", "乡镇名称", "乡(镇)", "乡镇街道", "乡镇(街道)")),
    RosterField(
        "village",
        "村",
        ("村", "所在村", "行政村", "村名", "村别", "村委会", "村名称", "所在行政村", "村组", "嘎查村"),
    ),
    RosterField("household_no", "户编号", ("户编号", "户号", "农户编号", "户码", "户序号")),
    RosterField("name", "姓名", ("姓名", "成员姓名", "家庭成员姓名", "名字")),
    # A member roster may have both 户主 (the head's name on every row) and 姓名: 姓名 then wins.
    RosterField("head_name", "户主姓名", ("户主姓名", "户主", "户主名称", "户主名字")),
    RosterField("relationship", "与户主关系", ("与户主关系", "关系", "家庭关系", "与户主的关系")),
    RosterField("sex", "性别", ("性别",)),
    RosterField("ethnicity", "民族", ("民族", "族别", "户主民族")),
    RosterField(
        "id_number",
        "身份证号",
        ("身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "成员身份证号", "身份号码"),
    ),
    RosterField(
        "head_id_number",
        "户主身份证号",
        ("户主身份证号", "户主身份证号码", "户主公民身份号码", "所属户主身份证号", "户主身份证"),
    ),
    RosterField("birth_date", "出生日期", ("出生日期", "出生年月", "出生年月日", "生日")),
    RosterField("education", "文化程度", ("文化程度", "学历", "受教育程度")),
    RosterField("health", "健康状况", ("健康状况", "身体状况")),
    RosterField("labour", "劳动技能", ("劳动技能", "劳动能力")),
    RosterField("school_status", "在校生状况", ("在校生状况", "在校情况", "在校生情况")),
    RosterField(
        "work_away_months", "务工月数", ("务工月数", "外出务工月数", "务工时间", "外出务工时间", "务工时长")
    ),
    RosterField(
        "phone", "联系电话", ("联系电话", "电话", "手机", "手机号", "手机号码", "电话号码", "联系方式")
    ),
    RosterField("address", "家庭住址", ("家庭住址", "住址", "地址", "家庭地址", "居住地址")),
    RosterField(
        "household_size",
        "家庭人口",
        ("家庭人口", "人口数", "家庭人口数", "人口", "家庭人数", "户人口", "家庭成员数", "共同生活人口"),
    ),
    RosterField(
        "income_wage",
        "工资性收入",
        ("工资性收入", "工资收入", "务工收入", "工资性", "务工", "工资", "劳务收入", "打工收入"),
    ),
    RosterField(
        "income_business",
        "生产经营性收入",
        (
            "生产经营性收入",
            "经营性收入",
            "家庭经营性收入",
            "家庭经营收入",
            "经营收入",
            "经营性",
            "生产经营性",
            "生产经营收入",
            "家庭经营",
        ),
    ),
    RosterField("income_property", "财产性收入", ("财产性收入", "财产收入", "财产性", "财产净收入", "财产")),
    RosterField("income_transfer", "转移性收入", ("转移性收入", "转移收入", "转移性", "转移净收入", "转移")),
    RosterField(
        "expense_business",
        "生产经营性支出",
        (
            "生产经营性支出",
            "经营性支出",
            "生产性支出",
            "经营费用支出",
            "经营支出",
            "生产经营费用",
            "生产经营支出",
            "生产支出",
            "经营费用",
        ),
    ),
    RosterField("hardship_causes", "致贫原因", ("致贫原因", "主要致贫原因", "困难原因", "贫困原因")),
    RosterField("survey_date", "调查日期", ("调查日期", "调查时间", "入户日期")),
    RosterField("surveyor", "调查人", ("调查人", "调查员", "入户调查人")),
    RosterField(
        "needs",
        "发展需求",
        ("发展需求", "需求", "主要需求", "拟扶持项目", "扶持项目", "拟帮扶项目", "帮扶需求", "扶持需求"),
    ),
    RosterField("notes", "备注", ("备注", "说明", "附注")),
)
FIELDS_BY_KEY = {f.key: f for f in FIELDS}
# A field's name in an English sentence (a roster import's reasons under --lang en); every field has one.
ENGLISH_LABELS = {
    "township": "township",
    "village": "village",
    "household_no": "household number",
    "name": "name",
    "head_name": "head's name",
    "relationship": "relationship to the head",
    "sex": "sex",
    "ethnicity": "ethnicity",
    "id_number": "ID number",
    "head_id_number": "head's ID number",
    "birth_date": "birth date",
    "education": "education",
    "health": "health",
    "labour": "labour skill",
    "school_status": "schooling",
    "work_away_months": "months worked away",
    "phone": "phone",
    "address": "address",
    "household_size": "household size",
    "income_wage": "wage income",
    "income_business": "business income",
    "income_property": "property income",
    "income_transfer": "transfer income",
    "expense_business": "business expense",
    "hardship_causes": "causes of hardship",
    "survey_date": "survey date",
    "surveyor": "surveyor",
    "needs": "development needs",
    "notes": "notes",
}

# Columns recognised but not imported: the row number, and the totals the import checks each row's
# parts against (纯收入 = 总收入 − 生产经营性支出, domain/income.py; 人均 = 纯收入 ÷ 家庭人口).
ROW_NUMBER = "row_number"
TOTAL_INCOME, NET_INCOME, PER_CAPITA = "total_income", "net_income", "per_capita_income"
CHECK_COLUMNS = (TOTAL_INCOME, NET_INCOME, PER_CAPITA)
CHECK_LABELS = {TOTAL_INCOME: "家庭总收入", NET_INCOME: "家庭纯收入", PER_CAPITA: "人均纯收入"}
CHECK_LABELS_EN = {
    TOTAL_INCOME: "total income",
    NET_INCOME: "net income",
    PER_CAPITA: "net income per person",
}
RECOGNISED: dict[str, tuple[str, ...]] = {
    ROW_NUMBER: ("序号", "编号", "顺序号", "序", "行号", "栏次"),
    TOTAL_INCOME: ("合计", "总收入", "家庭总收入", "收入合计", "年收入", "家庭年收入", "总计", "小计"),
    NET_INCOME: ("纯收入", "家庭纯收入", "年纯收入", "家庭年纯收入", "净收入", "家庭净收入"),
    PER_CAPITA: ("人均纯收入", "年人均纯收入", "人均收入", "家庭人均纯收入", "人均净收入"),
}
ALL_NAMES: dict[str, tuple[str, ...]] = {
    **{f.key: tuple(dict.fromkeys((f.label, *f.names))) for f in FIELDS},
    **RECOGNISED,
}

_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*\]|（[^）]*）|【[^】]*】")
_TRAILING = re.compile(r"[:：*＊、.。]+$")


def header_key(text: object) -> str:
    """A header cell as compared with the names: no spaces, no bracketed units, half-width."""
    if text is None:
        return ""
    cleaned = remove_spaces(to_halfwidth(str(text)))
    cleaned = _BRACKETS.sub("", cleaned)
    return _TRAILING.sub("", cleaned)


def match_field(text: object) -> str | None:
    """The field a one-row header names (scored, see spreadsheet/headers.py), or None."""
    key = match_any(text)
    return key if key in FIELDS_BY_KEY else None


def match_any(text: object) -> str | None:
    """The field or recognised column (序号, the totals) a header names, or None."""
    return match_heading(None, text, ALL_NAMES)[0]
