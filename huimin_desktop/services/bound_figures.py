"""The figures an indicator may be bound to, per county and month, cumulative within the year.

An indicator bound to a figure (``Indicator.figure``) takes its progress from the data: the value at
the end of each month (or today, for the current month) is one reading for the scoring. Each figure is
one grouped query over the whole station (by the record's division and month), mapped to counties
here, so the 考核 grid costs one query per figure whatever the number of counties.

What each figure counts (live rows of the year's records in the county):

- ``households_covered`` and ``income_increase``: as services/figure_definitions.py defines them for
  the 首页 and the 报表 too (the same statements, read at each month's end: December's value is
  the year's figure services/figures.py shows);
- ``surveys_done``: households with a survey of the year, from its first survey date (undated: December);
- ``projects_accepted``: the year's projects, from the month they first advanced to 验收;
- ``people_trained``: attendees of the year's trainings (listed plus extra), by training date;
- ``funds_spent``: all sources of the year's projects from the month they reached 验收 (paid out
  against an accepted project, as services/figures.py counts them), in 万元.

services/figures.py (the 首页's and 报表's figures) counts the others for a whole year with its own
grouped queries (surveys by household, projects by stage, trainings by date), to the same rules.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from huimin_desktop.services.figure_definitions import (
    COVERED_BY_MONTH_SQL,
    INCREASE_BEFORE,
    INCREASE_THIS,
    SURVEY_MONTHS_SQL,
    average_yuan,
    baseline_parameter,
    household_income_cte,
)
from huimin_desktop.services.figures import baseline_year
from huimin_desktop.services.scoring import month_end


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str


FIGURES: dict[str, Figure] = {
    f.key: f
    for f in (
        Figure("households_covered", "覆盖农户数", "户"),
        Figure("surveys_done", "完成入户调查数", "份"),
        Figure("projects_accepted", "通过验收项目数", "个"),
        Figure("people_trained", "培训人次", "人次"),
        Figure("income_increase", "户均增收", "元"),
        Figure("funds_spent", "项目资金到位", "万元"),
    )
}

# county id → month (1–12) → cumulative value at that month's end
MonthlyValues = dict[str, dict[int, float]]
_Rows = Iterable[tuple[str, int, float]]  # (division id, month, amount in that month)

_SURVEYS_DONE = """
SELECT h.division_id, COALESCE(CAST(strftime('%m', min(s.survey_date)) AS INTEGER), 12), 1
FROM survey s JOIN household h ON h.id = s.household_id
WHERE s.year = :year AND s.deleted = 0 AND h.deleted = 0
GROUP BY h.id
"""
_PROJECTS_ACCEPTED = """
SELECT p.division_id, CAST(strftime('%m', min(st.date)) AS INTEGER), 1
FROM project_stage st JOIN project p ON p.id = st.project_id
WHERE p.year = :year AND p.deleted = 0 AND st.deleted = 0 AND st.stage = '5' AND st.action = 'advance'
  AND strftime('%Y', st.date) = :year_text
GROUP BY p.id
"""
_PEOPLE_TRAINED = """
SELECT t.division_id, CAST(strftime('%m', t.date) AS INTEGER),
       sum(t.extra_attendees + (SELECT count(*) FROM training_attendee a
                                WHERE a.training_id = t.id AND a.deleted = 0))
FROM training t
WHERE t.deleted = 0 AND strftime('%Y', t.date) = :year_text
GROUP BY 1, 2
"""
_FUNDS_SPENT = """
SELECT p.division_id, CAST(strftime('%m', min(st.date)) AS INTEGER),
       (p.fund_provincial + p.fund_local + p.fund_integrated + p.fund_self) / 10000.0
FROM project_stage st JOIN project p ON p.id = st.project_id
WHERE p.year = :year AND p.deleted = 0 AND st.deleted = 0 AND st.stage = '5' AND st.action = 'advance'
  AND strftime('%Y', st.date) = :year_text
GROUP BY p.id
"""
# (division, household, increase with its survey of the year, increase before it) per household with
# either: services/figure_definitions.py; the months its survey counts from: SURVEY_MONTHS_SQL
_INCOME = (
    household_income_cte(monthly=True)
    + f"""
SELECT division_id, household_id, {INCREASE_THIS}, {INCREASE_BEFORE} FROM each
WHERE net_base IS NOT NULL AND (net_this IS NOT NULL OR net_before IS NOT NULL)
"""
)
_SUMMED = {
    "households_covered": COVERED_BY_MONTH_SQL,
    "surveys_done": _SURVEYS_DONE,
    "projects_accepted": _PROJECTS_ACCEPTED,
    "people_trained": _PEOPLE_TRAINED,
    "funds_spent": _FUNDS_SPENT,
}


def county_of(session: Session | Connection) -> Callable[[str], str | None]:
    """A function from a division id to the id of the county it lies in (None above counties)."""
    parents: dict[str, tuple[str | None, str]] = {
        row[0]: (row[1], row[2]) for row in session.execute(text("SELECT id, parent_id, level FROM division"))
    }
    found: dict[str, str | None] = {}

    def lookup(division_id: str) -> str | None:
        if division_id not in found:
            current: str | None = division_id
            seen: set[str] = set()
            county = None
            while current is not None and current not in seen:
                seen.add(current)
                parent, level = parents.get(current, (None, ""))
                if level == "county":
                    county = current
                    break
                current = parent
            found[division_id] = county
        return found[division_id]

    return lookup


def monthly_values(session: Session | Connection, figure: str, year: int) -> MonthlyValues:
    """Every county's value of ``figure`` at the end of each month of ``year`` (cumulative)."""
    params = {"year": year, "year_text": f"{year:04d}"}
    county = county_of(session)
    if figure == "income_increase":
        params["baseline"] = baseline_parameter(baseline_year(session), year)
        months: dict[str, int] = {h: int(m) for h, m in session.execute(text(SURVEY_MONTHS_SQL), params)}
        increases = session.execute(text(_INCOME), params)
        return _running_average(
            ((d, this, before, months.get(h)) for d, h, this, before in increases), county
        )
    rows: _Rows = session.execute(text(_SUMMED[figure]), params)
    return _running_sum(rows, county)


def _running_sum(rows: _Rows, county: Callable[[str], str | None]) -> MonthlyValues:
    per_month: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for division_id, month, amount in rows:
        if (county_id := county(division_id)) is not None and month:
            per_month[county_id][month] += float(amount or 0)
    result: MonthlyValues = {}
    for county_id, months in per_month.items():
        total, running = 0.0, {}
        for month in range(1, 13):
            total += months.get(month, 0.0)
            running[month] = round(total, 4)
        result[county_id] = running
    return result


def _running_average(
    rows: Iterable[tuple[str, float | None, float | None, int | None]], county: Callable[[str], str | None]
) -> MonthlyValues:
    """Each month's average over the households with an increase by then: the one with the year's
    survey from the month it counts from, the one before it until then (figure_definitions.py)."""
    totals: dict[str, list[list[float]]] = defaultdict(lambda: [[0.0, 0.0] for _ in range(13)])
    for division_id, this, before, month_this in rows:
        county_id = county(division_id)
        if county_id is None:
            continue
        months = totals[county_id]
        switch = int(month_this or 13) if this is not None else 13
        for month in range(1, 13):
            value = this if month >= switch else before
            if value is not None:
                months[month][0] += float(value)
                months[month][1] += 1
    return {
        county_id: {
            month: average
            for month in range(1, 13)
            if (average := average_yuan(months[month][0], int(months[month][1]))) is not None
        }
        for county_id, months in totals.items()
    }


def readings_dates(year: int, today: dt.date) -> dict[int, dt.date]:
    """The day each month's computed reading is taken: its last day, or today for the current month."""
    dates: dict[int, dt.date] = {}
    for month in range(1, 13):
        end = month_end(year, month)
        start = dt.date(year, month, 1)
        if start > today:
            break
        dates[month] = min(end, today)
    return dates
