"""County indicators: the year's five assessment targets, their monthly plan and the progress so far.

Each county with townships in the run gets the program's indicators (开工率, 户均增收, 资金拨付率,
培训人次, 档案完整率) for the last program year, twelve monthly milestones (percentages front-loaded,
counts evenly), and a progress report at the end of each month before ``LAST_EVENT_DATE``, a little
ahead of or behind the plan.
"""

from __future__ import annotations

import datetime as dt
import random

from huimin_desktop.demo.bulk import BulkWriter
from huimin_desktop.demo.names import PeopleMaker
from huimin_desktop.demo.places import Township
from huimin_desktop.demo.timeline import LAST_EVENT_DATE, YEARS

_INDICATORS = (
    # code, name, target text, target value ("{n}" → drawn), unit, scoring rule, max score, evidence
    (
        "ZB01",
        "828工程项目开工率",
        "年度项目6月底前全部开工",
        100.0,
        "%",
        "按月度计划完成得满分，每滞后一个月扣2分",
        15.0,
        "项目开工报告、现场照片",
    ),
    (
        "ZB02",
        "项目村农户户均增收",
        "项目村农户户均年增收1000元以上",
        1000.0,
        "元",
        "达到目标得满分，每少100元扣1分",
        20.0,
        "农户收入调查表、项目效益分析",
    ),
    (
        "ZB03",
        "省级专项资金拨付率",
        "年底前专项资金拨付率达到100%",
        100.0,
        "%",
        "按拨付进度计分，未达计划每差10个百分点扣2分",
        15.0,
        "资金拨付凭证",
    ),
    (
        "ZB04",
        "农业实用技术培训人次",
        "全年培训农民{n}人次",
        None,
        "人次",
        "完成目标得满分，按完成比例计分",
        10.0,
        "培训签到表、培训照片",
    ),
    (
        "ZB05",
        "项目档案完整率",
        "一个项目一个档案，档案完整率100%",
        100.0,
        "%",
        "抽查档案，每缺一项扣1分",
        10.0,
        "项目档案目录、抽查记录",
    ),
)
_PROGRESS_NOTES = ("按计划推进", "进度正常", "进度略有滞后，已督办", "超额完成月度计划", "")


def write_indicators(
    writer: BulkWriter, rng: random.Random, people: PeopleMaker, townships: list[Township]
) -> int:
    """The indicators of every county of ``townships``; how many were written."""
    counties: dict[str, str] = {}
    for township in townships:
        if township.county_id:
            counties.setdefault(township.county_id, township.county_name)
    written = 0
    for county_id, county_name in counties.items():
        for template, indicator_id in zip(_INDICATORS, writer.ids(len(_INDICATORS)), strict=True):
            _indicator(writer, rng, people, indicator_id, county_id, county_name, template)
            written += 1
    writer.flush("indicator", "indicator_milestone", "indicator_progress")
    return written


def _indicator(
    writer: BulkWriter,
    rng: random.Random,
    people: PeopleMaker,
    indicator_id: str,
    county_id: str,
    county_name: str,
    template: tuple[str, str, str, float | None, str, str, float, str],
) -> None:
    year = YEARS[-1]
    code, name, target, value, unit, rule, score, evidence = template
    if value is None:
        value = float(rng.randint(4, 12) * 100)
        target = target.format(n=int(value))
    responsible = people.adult_name(rng.randint(1965, 1985))
    writer.add(
        "indicator",
        indicator_id,
        county_id,
        year,
        code,
        name,
        target,
        value,
        unit,
        rule,
        score,
        responsible,
        f"{county_name}民族和宗教事务局",
        dt.date(year, 12, 31).isoformat(),
        evidence,
    )
    planned: list[float] = []
    for month, row_id in zip(range(1, 13), writer.ids(12), strict=True):
        share = month / 12 if unit != "%" else min(1.0, (month / 9) ** 1.3)
        amount = round(value * share, 1)
        planned.append(amount)
        writer.add(
            "indicator_milestone",
            row_id,
            indicator_id,
            month,
            amount,
            f"{month}月底累计完成{amount:g}{unit}",
        )
    last_month = LAST_EVENT_DATE.month - 1
    for month, row_id in zip(range(1, last_month + 1), writer.ids(last_month), strict=True):
        reached = round(min(value, planned[month - 1] * rng.uniform(0.85, 1.06)), 1)
        reported = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
        writer.add(
            "indicator_progress",
            row_id,
            indicator_id,
            reported.isoformat(),
            reached,
            rng.choice(_PROGRESS_NOTES),
            responsible,
        )
