"""Scoring an indicator (计分方式) and the state of its monthly milestones (时间节点).

Pure functions over plain values, no database: the assessment service feeds them an indicator's plan
and its readings (cumulative value reached, and the day it was reported), the report tables call the
same functions, and the tests give them hand-made cases.

A milestone of month ``m`` is due on the last day of that month (plus ``grace_days``):

- ``on_time``: a reading dated on or before the due day reaches the planned value;
- ``late``: it was reached, but only by a reading after the due day;
- ``missed``: the due day has passed (as of the assessment day) and it is not reached yet;
- ``pending``: not due yet and not reached yet.

A milestone without a planned value ("submit the plan") is reached by any reading for that month.

The three scoring methods, each giving at most the indicator's ``max_score`` and never less than 0:

- ``proportional`` (按完成比例): ``max_score × min(1, reached / target)`` with the latest reading;
- ``all_or_nothing`` (按期完成得满分): ``max_score`` when the target is reached by the deadline, else 0;
  before the deadline an unreached target scores 0 provisionally;
- ``milestone_deduction`` (每误一个节点扣分): ``max_score`` less ``deduction`` for every milestone due
  by the assessment day that was not met on time (late or missed).
- ``shortfall_deduction`` (每差一档扣分): ``max_score`` less ``deduction`` for every started ``step``
  the latest reading falls short of the target ("每少100元扣1分").
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Method(StrEnum):
    PROPORTIONAL = "proportional"
    ALL_OR_NOTHING = "all_or_nothing"
    MILESTONE_DEDUCTION = "milestone_deduction"
    SHORTFALL_DEDUCTION = "shortfall_deduction"


METHOD_LABELS = {
    Method.PROPORTIONAL: "按完成比例计分",
    Method.ALL_OR_NOTHING: "按期完成得满分，否则不得分",
    Method.MILESTONE_DEDUCTION: "每误一个时间节点扣分",
    Method.SHORTFALL_DEDUCTION: "每差一档扣分",
}


class Status(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSED = "missed"
    PENDING = "pending"


# The worst first: a month with one missed milestone is a missed month.
STATUS_ORDER = (Status.MISSED, Status.LATE, Status.PENDING, Status.ON_TIME)
STATUS_LABELS = {
    Status.ON_TIME: "按期完成",
    Status.LATE: "逾期完成",
    Status.MISSED: "未完成",
    Status.PENDING: "未到期",
}


@dataclass(frozen=True)
class Reading:
    """The indicator's cumulative value as reported (or computed) on ``date`` for ``month``."""

    date: dt.date
    value: float | None
    month: int | None = None  # the month reported for; None: the month of ``date``

    @property
    def for_month(self) -> int:
        return self.month if self.month is not None else self.date.month


@dataclass(frozen=True)
class Step:
    """A planned milestone: by the end of ``month``, ``planned`` reached (None: something done)."""

    month: int
    planned: float | None = None


@dataclass(frozen=True)
class Plan:
    year: int
    method: Method
    max_score: float
    target: float | None = None
    deadline: dt.date | None = None  # None: the end of the year
    deduction: float = 0.0  # per missed milestone, or per step of shortfall
    step: float = 0.0  # shortfall_deduction: the size of one step
    milestones: tuple[Step, ...] = ()
    grace_days: int = 0

    @property
    def due_date(self) -> dt.date:
        return self.deadline or dt.date(self.year, 12, 31)


@dataclass(frozen=True)
class MilestoneState:
    month: int
    planned: float | None
    due: dt.date
    status: Status
    reached_on: dt.date | None  # the first reading that reached it


@dataclass(frozen=True)
class Score:
    points: float
    max_score: float
    completion: float | None  # latest value / target (None without a target or a reading)
    final: bool  # False while the deadline is still ahead: the points may still change
    milestones: tuple[MilestoneState, ...] = ()

    @property
    def missed_milestones(self) -> int:
        return sum(1 for m in self.milestones if m.status in (Status.LATE, Status.MISSED))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def milestone_due(year: int, month: int, grace_days: int = 0) -> dt.date:
    return month_end(year, month) + dt.timedelta(days=grace_days)


def _ordered(readings: Iterable[Reading]) -> list[Reading]:
    return sorted((r for r in readings), key=lambda r: (r.date, r.for_month))


def first_reached(step: Step, readings: Sequence[Reading]) -> dt.date | None:
    """The day of the first reading that meets ``step`` (``readings`` ordered by date)."""
    for reading in readings:
        if step.planned is None:
            if reading.for_month >= step.month:
                return reading.date
        elif reading.value is not None and reading.value >= step.planned:
            return reading.date
    return None


def milestone_state(plan: Plan, step: Step, readings: Sequence[Reading], today: dt.date) -> MilestoneState:
    due = milestone_due(plan.year, step.month, plan.grace_days)
    reached = first_reached(step, [r for r in readings if r.date <= today])
    if reached is not None:
        status = Status.ON_TIME if reached <= due else Status.LATE
    else:
        status = Status.MISSED if today > due else Status.PENDING
    return MilestoneState(step.month, step.planned, due, status, reached)


def latest_value(readings: Sequence[Reading]) -> float | None:
    """The value of the latest reading that has one (``readings`` ordered by date)."""
    for reading in reversed(readings):
        if reading.value is not None:
            return reading.value
    return None


def score(plan: Plan, readings: Iterable[Reading], today: dt.date) -> Score:
    """The indicator's score as of ``today`` by its method, with the state of every milestone."""
    ordered = [r for r in _ordered(readings) if r.date <= today]
    states = tuple(
        milestone_state(plan, step, ordered, today) for step in sorted(plan.milestones, key=lambda s: s.month)
    )
    latest = latest_value(ordered)
    completion = None
    if plan.target and latest is not None:
        completion = latest / plan.target
    points = _points(plan, ordered, states, latest, today)
    points = min(plan.max_score, max(0.0, round(points, 2)))
    return Score(points, plan.max_score, completion, today > plan.due_date, states)


def _points(
    plan: Plan,
    readings: Sequence[Reading],
    states: tuple[MilestoneState, ...],
    latest: float | None,
    today: dt.date,
) -> float:
    if plan.method == Method.PROPORTIONAL:
        if not plan.target or latest is None:
            return 0.0
        return plan.max_score * min(1.0, latest / plan.target)
    if plan.method == Method.ALL_OR_NOTHING:
        if plan.target is None:
            return 0.0
        by_deadline = [r for r in readings if r.date <= plan.due_date]
        reached = latest_value(by_deadline)
        return plan.max_score if reached is not None and reached >= plan.target else 0.0
    if plan.method == Method.MILESTONE_DEDUCTION:
        missed = sum(1 for s in states if s.status in (Status.LATE, Status.MISSED))
        return plan.max_score - plan.deduction * missed
    return _shortfall_points(plan, latest)


def _shortfall_points(plan: Plan, latest: float | None) -> float:
    if plan.target is None:
        return 0.0
    shortfall = plan.target - (latest or 0.0)
    if shortfall <= 0:
        return plan.max_score
    if plan.step <= 0:
        return 0.0
    return plan.max_score - plan.deduction * math.ceil(round(shortfall / plan.step, 9))


def worst(statuses: Iterable[Status]) -> Status | None:
    """The status a grid cell shows for several milestones: the worst of them (None for none)."""
    found = set(statuses)
    for status in STATUS_ORDER:
        if status in found:
            return status
    return None
