"""County indicators: the year's assessment plan, its monthly milestones and the progress so far.

Written at a city station only (the city defines indicators; a lower station receives them in the
return package and reports progress). Each county with townships in the run gets the eight
indicators of a Chaoyang 828 assessment plan for the last program year. Four are bound to a figure
the program computes from the demo data written before them (households covered, surveys, people
trained, average income increase): their target is that figure at the deadline times a draw around
1, so some counties make it and some fall short, and their milestones follow the figure's own course.
The other four are reported by hand: monthly or quarterly milestones (percentages front-loaded,
counts evenly) and a report for each month before ``LAST_EVENT_DATE``, usually on the month's last
days, sometimes a few days into the next month (late), sometimes behind the plan (missed), now and
then not at all.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from huimin_desktop.demo.bulk import BulkWriter
from huimin_desktop.demo.names import PeopleMaker
from huimin_desktop.demo.places import Township
from huimin_desktop.demo.timeline import LAST_EVENT_DATE, YEARS
from huimin_desktop.services.bound_figures import monthly_values


@dataclass(frozen=True)
class _Template:
    code: str
    name: str
    target: str  # "{n}": the drawn target
    target_value: float | None  # None: drawn (bound: from the figure)
    unit: str
    method: str
    rule: str
    max_score: float
    evidence: str
    figure: str = ""
    deduction: float = 0.0
    step: float = 0.0


_INDICATORS = (
    _Template(
        "ZB01",
        "828工程项目开工率",
        "年度项目6月底前全部开工",
        100.0,
        "%",
        "milestone_deduction",
        "按月度计划完成得满分，每滞后一个节点扣2分",
        15.0,
        "项目开工报告、现场照片",
        deduction=2.0,
    ),
    _Template(
        "ZB02",
        "项目村农户户均增收",
        "项目村农户户均年增收{n}元以上",
        1000.0,
        "元",
        "shortfall_deduction",
        "达到目标得满分，每少100元扣1分",
        20.0,
        "农户收入调查表、项目效益分析",
        figure="income_increase",
        deduction=1.0,
        step=100.0,
    ),
    _Template(
        "ZB03",
        "省级专项资金拨付率",
        "年底前专项资金拨付率达到100%",
        100.0,
        "%",
        "proportional",
        "按拨付进度计分，完成比例乘以分值",
        15.0,
        "资金拨付凭证",
    ),
    _Template(
        "ZB04",
        "农业实用技术培训人次",
        "全年培训农民{n}人次",
        None,
        "人次",
        "proportional",
        "完成目标得满分，按完成比例计分",
        10.0,
        "培训签到表、培训照片",
        figure="people_trained",
    ),
    _Template(
        "ZB05",
        "项目档案完整率",
        "一个项目一个档案，档案完整率100%",
        100.0,
        "%",
        "milestone_deduction",
        "按季度抽查档案，每误一个节点扣1分",
        10.0,
        "项目档案目录、抽查记录",
        deduction=1.0,
    ),
    _Template(
        "ZB06",
        "惠民工程覆盖农户",
        "全年覆盖少数民族农户{n}户",
        None,
        "户",
        "proportional",
        "按覆盖户数占目标比例计分",
        15.0,
        "受益农户花名册",
        figure="households_covered",
    ),
    _Template(
        "ZB07",
        "建档立卡入户调查",
        "10月底前完成{n}户入户调查",
        None,
        "份",
        "all_or_nothing",
        "10月31日前全部完成得满分，否则不得分",
        10.0,
        "入户调查表",
        figure="surveys_done",
    ),
    _Template(
        "ZB08",
        "年度考核材料报送",
        "12月10日前报送年度总结及考核材料",
        1.0,
        "份",
        "all_or_nothing",
        "按期报送得满分，逾期不得分",
        5.0,
        "年度工作总结、自评报告",
    ),
)
_FRACTIONAL_UNITS = ("%", "元", "万元")  # others count people, households or forms: whole numbers
_DEADLINES = {"ZB01": (6, 30), "ZB07": (10, 31), "ZB08": (12, 10)}
_PROGRESS_NOTES = ("按计划推进", "进度正常", "进度略有滞后，已督办", "超额完成月度计划", "")


def write_indicators(
    writer: BulkWriter, rng: random.Random, people: PeopleMaker, townships: list[Township]
) -> int:
    """The indicators of every county of ``townships``; how many were written."""
    counties: dict[str, str] = {}
    for township in townships:
        if township.county_id:
            counties.setdefault(township.county_id, township.county_name)
    writer.flush()  # the bound targets are read from the households, projects and trainings written
    year = YEARS[-1]
    figures = {t.figure: monthly_values(writer.connection, t.figure, year) for t in _INDICATORS if t.figure}
    written = 0
    for county_id, county_name in counties.items():
        for template, indicator_id in zip(_INDICATORS, writer.ids(len(_INDICATORS)), strict=True):
            reached = figures.get(template.figure, {}).get(county_id, {})
            _indicator(writer, rng, people, indicator_id, (county_id, county_name), template, reached)
            written += 1
    writer.flush("indicator", "indicator_milestone", "indicator_progress")
    return written


def _target(rng: random.Random, template: _Template, reached: dict[int, float], by_month: int) -> float:
    if template.figure == "income_increase":
        return 1000.0
    if template.figure:
        return float(max(10, round(reached.get(by_month, 0.0) * rng.uniform(0.92, 1.1) / 10) * 10))
    if template.target_value is None:
        return float(rng.randint(4, 12) * 100)
    return template.target_value


def _indicator(
    writer: BulkWriter,
    rng: random.Random,
    people: PeopleMaker,
    indicator_id: str,
    county: tuple[str, str],
    template: _Template,
    reached: dict[int, float],
) -> None:
    year = YEARS[-1]
    month, day = _DEADLINES.get(template.code, (12, 31))
    value = _target(rng, template, reached, month)
    responsible = people.adult_name(rng.randint(1965, 1985))
    writer.add(
        "indicator",
        indicator_id,
        county[0],
        year,
        template.code,
        template.name,
        template.target.format(n=f"{value:g}"),
        value,
        template.unit,
        template.rule,
        template.max_score,
        responsible,
        f"{county[1]}民族和宗教事务局",
        dt.date(year, month, day).isoformat(),
        template.evidence,
        template.method,
        template.deduction,
        template.step,
        0,
        template.figure,
    )
    planned = _milestones(writer, rng, indicator_id, template, value, reached, month)
    if not template.figure:
        _progress(writer, rng, indicator_id, template, planned, responsible)


def _milestones(
    writer: BulkWriter,
    rng: random.Random,
    indicator_id: str,
    template: _Template,
    value: float,
    reached: dict[int, float],
    deadline_month: int,
) -> dict[int, float]:
    """The monthly steps: a bound indicator's follow the figure's own course (a little ahead of it or
    behind), a percentage is front-loaded, a count even; a one-off report has one step."""
    shares = _shares(rng, template, reached, deadline_month)
    planned: dict[int, float] = {}
    for (month, share), row_id in zip(shares.items(), writer.ids(len(shares)), strict=True):
        amount = (
            round(value * share, 1) if template.unit in _FRACTIONAL_UNITS else float(round(value * share))
        )
        planned[month] = amount
        writer.add(
            "indicator_milestone",
            row_id,
            indicator_id,
            month,
            amount,
            f"{month}月底累计完成{amount:g}{template.unit}",
        )
    return planned


def _shares(
    rng: random.Random, template: _Template, reached: dict[int, float], deadline_month: int
) -> dict[int, float]:
    """Month → the share of the target planned by its end (the whole target by the deadline)."""
    if template.code == "ZB08":
        return {12: 1.0}
    if template.figure == "income_increase":
        return {12: 1.0}  # measured once, by the autumn survey
    if template.code == "ZB05":
        return {m: m / 12 for m in (3, 6, 9, 12)}
    if template.code == "ZB01":
        return {m: min(1.0, m / 6) for m in range(1, 13)}
    if template.figure:
        last = deadline_month
        year_end = reached.get(last, 0.0)
        shares = {last: 1.0}  # nothing recorded this year: only the deadline is planned
        for month in range(1, last if year_end else 1):
            course = reached.get(month, 0.0) / year_end
            if course > 0:
                shares[month] = min(1.0, course * rng.uniform(0.9, 1.08))
        return dict(sorted(shares.items()))
    if template.unit == "%":
        return {m: min(1.0, (m / 9) ** 1.3) for m in range(1, 13)}
    return {m: m / 12 for m in range(1, 13)}


def _progress(
    writer: BulkWriter,
    rng: random.Random,
    indicator_id: str,
    template: _Template,
    planned: dict[int, float],
    responsible: str,
) -> None:
    year = YEARS[-1]
    last_month = LAST_EVENT_DATE.month - 1
    months = [m for m in range(1, last_month + 1) if template.code != "ZB08"]
    best = 0.0
    pace = rng.uniform(0.96, 1.08)  # how well this county keeps to this indicator's plan
    rows = writer.ids(len(months))
    for month, row_id in zip(months, rows, strict=True):
        if rng.random() < 0.06:
            continue  # not reported that month
        goal = planned.get(month) or max((v for m, v in planned.items() if m <= month), default=0.0)
        best = max(best, round(min(template.target_value or goal, goal * pace * rng.uniform(0.98, 1.03)), 1))
        end = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
        reported = end - dt.timedelta(days=rng.randint(0, 3))
        if rng.random() < 0.15:
            reported = end + dt.timedelta(days=rng.randint(2, 6))  # after the month's end: late
        writer.add(
            "indicator_progress",
            row_id,
            indicator_id,
            min(reported, LAST_EVENT_DATE).isoformat(),
            month,
            best,
            rng.choice(_PROGRESS_NOTES),
            responsible,
        )
