"""The 考核 view of a year: every county's indicators scored, and a county × month grid of milestones.

Each indicator's readings are its progress entries (entered by hand), or, for an indicator bound to a
figure, the figure computed from the data at the end of each month so far (services/bound_figures.py).
services/scoring.py turns readings into milestone states and points; a grid cell is the worst state of
that county's milestones due in that month, with the counts behind it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from huimin_desktop.model import Division, Indicator, IndicatorMilestone, IndicatorProgress
from huimin_desktop.services.bound_figures import FIGURES, MonthlyValues, monthly_values, readings_dates
from huimin_desktop.services.scoring import (
    METHOD_LABELS,
    Method,
    MilestoneState,
    Plan,
    Reading,
    Score,
    Status,
    Step,
    score,
    worst,
)
from huimin_desktop.store.database import Database


@dataclass(frozen=True)
class IndicatorScore:
    """One indicator of the drill-down: its plan, where it stands and its points."""

    id: str
    division_id: str
    code: str
    name: str
    unit: str
    target_value: float | None
    method: str
    method_label: str
    scoring_rule: str
    responsible_person: str
    lead_unit: str
    deadline: dt.date | None
    evidence: str
    figure: str  # "" entered by hand
    latest_value: float | None
    score: Score

    def milestone(self, month: int) -> MilestoneState | None:
        for state in self.score.milestones:
            if state.month == month:
                return state
        return None


@dataclass(frozen=True)
class GridCell:
    status: Status | None  # None: no milestone that month
    counts: dict[Status, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class CountyRow:
    division_id: str
    name: str
    cells: tuple[GridCell, ...]  # months 1–12
    points: float
    max_score: float
    indicators: tuple[IndicatorScore, ...]


@dataclass(frozen=True)
class AssessmentGrid:
    year: int
    today: dt.date
    counties: tuple[CountyRow, ...]

    def county(self, division_id: str) -> CountyRow | None:
        return next((c for c in self.counties if c.division_id == division_id), None)


class AssessmentService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def years(self) -> list[int]:
        """Years with live indicators, newest first."""
        with self.db.reader() as session:
            found = session.scalars(
                select(Indicator.year).where(Indicator.deleted.is_(False)).distinct()
            ).all()
        return sorted(found, reverse=True)

    def grid(self, year: int, today: dt.date | None = None, division_id: str | None = None) -> AssessmentGrid:
        """Every county with indicators in ``year`` (or only ``division_id``), scored as of ``today``."""
        today = today or dt.date.today()
        with self.db.reader() as session:
            scores = self._scores(session, year, today, division_id)
            places = {
                row.id: (row.code or "", row.name)
                for row in session.execute(
                    select(Division.id, Division.code, Division.name).where(Division.id.in_(list(scores)))
                )
            }
        rows = [
            _county_row(county_id, places.get(county_id, ("", ""))[1], indicators)
            for county_id, indicators in sorted(scores.items(), key=lambda i: places.get(i[0], ("", ""))[0])
        ]
        return AssessmentGrid(year, today, tuple(rows))

    def _scores(
        self, session: Session, year: int, today: dt.date, division_id: str | None
    ) -> dict[str, list[IndicatorScore]]:
        found: dict[str, list[IndicatorScore]] = defaultdict(list)
        for scored in indicator_scores(session, year, today, division_id):
            found[scored.division_id].append(scored)
        return found


def indicator_scores(
    session: Session, year: int, today: dt.date, division_id: str | None = None
) -> list[IndicatorScore]:
    """Every live indicator of ``year`` (of one county when given), by code, scored as of ``today``:
    the one scoring the 考核 page and the 绩效考核进度表 share."""
    statement = select(Indicator).where(Indicator.year == year, Indicator.deleted.is_(False))
    if division_id is not None:
        statement = statement.where(Indicator.division_id == division_id)
    indicators = list(session.scalars(statement.order_by(Indicator.code, Indicator.name, Indicator.id)))
    ids = [i.id for i in indicators]
    steps = _steps(session, ids)
    entered = _entered_readings(session, ids)
    figures: dict[str, MonthlyValues] = {}
    for figure in sorted({i.figure for i in indicators if i.figure in FIGURES}):
        figures[figure] = monthly_values(session, figure, year)
    scored = []
    for indicator in indicators:
        if indicator.figure in figures:
            values = figures[indicator.figure].get(indicator.division_id, {})
            empty = None if indicator.figure == "income_increase" else 0.0
            readings = _computed_readings(values, year, today, empty)
        else:
            readings = entered.get(indicator.id, [])
        scored.append(_indicator_score(indicator, steps.get(indicator.id, ()), readings, today))
    return scored


def plan_of(indicator: Indicator, steps: tuple[Step, ...]) -> Plan:
    method = indicator.scoring_method if indicator.scoring_method in METHOD_LABELS else Method.PROPORTIONAL
    return Plan(
        year=indicator.year,
        method=Method(method),
        max_score=indicator.max_score,
        target=indicator.target_value,
        deadline=indicator.deadline,
        deduction=indicator.deduction,
        step=indicator.deduction_step,
        milestones=steps,
        grace_days=indicator.grace_days,
    )


def _indicator_score(
    indicator: Indicator, steps: tuple[Step, ...], readings: list[Reading], today: dt.date
) -> IndicatorScore:
    result = score(plan_of(indicator, steps), readings, today)
    seen = [r for r in sorted(readings, key=lambda r: r.date) if r.date <= today and r.value is not None]
    method = indicator.scoring_method
    return IndicatorScore(
        id=indicator.id,
        division_id=indicator.division_id,
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        target_value=indicator.target_value,
        method=method,
        method_label=METHOD_LABELS.get(Method(method), method) if method in METHOD_LABELS else method,
        scoring_rule=indicator.scoring_rule,
        responsible_person=indicator.responsible_person,
        lead_unit=indicator.lead_unit,
        deadline=indicator.deadline,
        evidence=indicator.evidence,
        figure=indicator.figure,
        latest_value=seen[-1].value if seen else None,
        score=result,
    )


def _county_row(county_id: str, name: str, indicators: list[IndicatorScore]) -> CountyRow:
    cells = []
    for month in range(1, 13):
        states = [s.status for i in indicators if (s := i.milestone(month)) is not None]
        cells.append(GridCell(worst(states), dict(Counter(states))))
    return CountyRow(
        county_id,
        name,
        tuple(cells),
        round(sum(i.score.points for i in indicators), 2),
        round(sum(i.score.max_score for i in indicators), 2),
        tuple(indicators),
    )


def _steps(session: Session, indicator_ids: list[str]) -> dict[str, tuple[Step, ...]]:
    found: dict[str, list[Step]] = defaultdict(list)
    if indicator_ids:
        rows = session.execute(
            select(
                IndicatorMilestone.indicator_id, IndicatorMilestone.month, IndicatorMilestone.planned_value
            )
            .where(IndicatorMilestone.indicator_id.in_(indicator_ids), IndicatorMilestone.deleted.is_(False))
            .order_by(IndicatorMilestone.month)
        )
        for indicator_id, month, planned in rows:
            found[indicator_id].append(Step(month, planned))
    return {key: tuple(value) for key, value in found.items()}


def _entered_readings(session: Session, indicator_ids: list[str]) -> dict[str, list[Reading]]:
    found: dict[str, list[Reading]] = defaultdict(list)
    if indicator_ids:
        rows = session.execute(
            select(
                IndicatorProgress.indicator_id,
                IndicatorProgress.date,
                IndicatorProgress.value,
                IndicatorProgress.month,
            ).where(IndicatorProgress.indicator_id.in_(indicator_ids), IndicatorProgress.deleted.is_(False))
        )
        for indicator_id, date, value, month in rows:
            found[indicator_id].append(Reading(date, value, month))
    return found


def _computed_readings(
    values: dict[int, float], year: int, today: dt.date, empty: float | None
) -> list[Reading]:
    """One reading per month so far; ``empty``: the value of a month with no data yet."""
    return [
        Reading(day, values.get(month, empty), month) for month, day in readings_dates(year, today).items()
    ]
