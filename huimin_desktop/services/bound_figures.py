"""The figures an indicator may be bound to, per county and month, cumulative within the year.

An indicator bound to a figure (``Indicator.figure``) takes its progress from the data: the value at
the end of each month (or today, for the current month) is one reading for the scoring. Each figure is
one grouped query over the whole station (by the record's division and month), mapped to counties
here, so the 考核 grid costs one query per figure whatever the number of counties.

What each figure counts (live rows of the year's records in the county):

- ``households_covered``: distinct beneficiary households of the year's projects, from the month the
  first of their projects started (``actual_start`` in the year; services/figures.py counts them all,
  started or not, as the year's figure);
- ``surveys_done``: households with a survey of the year, from its first survey date (undated: December);
- ``projects_accepted``: the year's projects, from the month they first advanced to 验收;
- ``people_trained``: attendees of the year's trainings (listed plus extra), by training date;
- ``income_increase``: the average, over households surveyed this year (by survey date) and in an
  earlier year, of net income this year less net income in their earliest surveyed year (yuan);
- ``funds_spent``: all sources of the year's projects from the month they reached 验收 (paid out
  against an accepted project, as services/figures.py counts them), in 万元.

services/figures.py (the 首页's and 报表's figures) gives the same figures for a whole year, not by
month; if it ever does, ``monthly_values`` is the one function to point at it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

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

_HOUSEHOLDS_COVERED = """
SELECT h.division_id, CAST(strftime('%m', min(p.actual_start)) AS INTEGER), 1
FROM project_beneficiary b
JOIN project p ON p.id = b.project_id
JOIN household h ON h.id = b.household_id
WHERE p.year = :year AND p.deleted = 0 AND b.deleted = 0 AND h.deleted = 0
  AND p.actual_start IS NOT NULL AND strftime('%Y', p.actual_start) = :year_text
GROUP BY h.id
"""
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
_INCOME = """
SELECT h.division_id, COALESCE(CAST(strftime('%m', s.survey_date) AS INTEGER), 12),
       (s.income_wage + s.income_business + s.income_property + s.income_transfer - s.expense_business)
       - (SELECT b.income_wage + b.income_business + b.income_property + b.income_transfer
                 - b.expense_business
          FROM survey b WHERE b.household_id = s.household_id AND b.deleted = 0 AND b.year < s.year
          ORDER BY b.year LIMIT 1)
FROM survey s JOIN household h ON h.id = s.household_id
WHERE s.year = :year AND s.deleted = 0 AND h.deleted = 0
  AND EXISTS (SELECT 1 FROM survey b WHERE b.household_id = s.household_id AND b.deleted = 0
              AND b.year < s.year)
"""
_SUMMED = {
    "households_covered": _HOUSEHOLDS_COVERED,
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
    rows: _Rows = session.execute(text(_INCOME if figure == "income_increase" else _SUMMED[figure]), params)
    if figure == "income_increase":
        return _running_average(rows, county)
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


def _running_average(rows: _Rows, county: Callable[[str], str | None]) -> MonthlyValues:
    sums: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for division_id, month, increase in rows:
        if (county_id := county(division_id)) is not None and month and increase is not None:
            cell = sums[county_id][month]
            cell[0] += float(increase)
            cell[1] += 1
    result: MonthlyValues = {}
    for county_id, months in sums.items():
        total = count = 0.0
        running: dict[int, float] = {}
        for month in range(1, 13):
            total += months.get(month, [0.0, 0.0])[0]
            count += months.get(month, [0.0, 0.0])[1]
            if count:
                running[month] = round(total / count, 1)
        result[county_id] = running
    return result


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
