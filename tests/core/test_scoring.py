"""Scoring methods and milestone states on hand-made cases (services/scoring.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huimin_desktop.services.scoring import (
    Method,
    Plan,
    Reading,
    Status,
    Step,
    milestone_due,
    score,
    worst,
)

D = dt.date


def _plan(method: Method, **changes: object) -> Plan:
    values: dict[str, object] = {
        "year": 2026,
        "method": method,
        "max_score": 10.0,
        "target": 100.0,
        "deadline": D(2026, 6, 30),
        "milestones": (Step(3, 30.0), Step(6, 100.0)),
    }
    values.update(changes)
    return Plan(**values)  # type: ignore[arg-type]


# -- milestones -----------------------------------------------------------------------------------


def test_milestone_due_is_the_month_end_plus_grace() -> None:
    assert milestone_due(2026, 2, 0) == D(2026, 2, 28)
    assert milestone_due(2024, 2, 0) == D(2024, 2, 29)
    assert milestone_due(2026, 12, 5) == D(2027, 1, 5)


def test_milestone_states_on_time_late_missed_pending() -> None:
    plan = _plan(
        Method.MILESTONE_DEDUCTION,
        milestones=(Step(1, 10.0), Step(2, 20.0), Step(3, 30.0), Step(5, 50.0)),
    )
    readings = [
        Reading(D(2026, 1, 31), 12.0),  # month 1 on its last day: on time
        Reading(D(2026, 2, 27), 15.0),  # short of 20 in February
        Reading(D(2026, 3, 10), 22.0),  # February's 20 reached in March: late
    ]
    result = score(plan, readings, today=D(2026, 4, 15))
    states = {m.month: (m.status, m.reached_on) for m in result.milestones}
    assert states == {
        1: (Status.ON_TIME, D(2026, 1, 31)),
        2: (Status.LATE, D(2026, 3, 10)),
        3: (Status.MISSED, None),  # 30 not reached, March is over
        5: (Status.PENDING, None),
    }


def test_readings_after_the_assessment_day_are_not_seen() -> None:
    plan = _plan(Method.PROPORTIONAL)
    readings = [Reading(D(2026, 3, 20), 40.0), Reading(D(2026, 5, 1), 90.0)]
    result = score(plan, readings, today=D(2026, 4, 1))
    assert result.points == 4.0
    assert [m.status for m in result.milestones] == [Status.ON_TIME, Status.PENDING]


def test_a_milestone_without_a_value_is_met_by_any_report_for_its_month() -> None:
    plan = _plan(Method.MILESTONE_DEDUCTION, deduction=2.0, milestones=(Step(2, None), Step(3, None)))
    readings = [Reading(D(2026, 2, 20), None, month=2), Reading(D(2026, 4, 2), None, month=3)]
    result = score(plan, readings, today=D(2026, 5, 1))
    assert [m.status for m in result.milestones] == [Status.ON_TIME, Status.LATE]
    assert result.points == 8.0


def test_grace_days_move_the_due_day() -> None:
    readings = [Reading(D(2026, 4, 3), 30.0)]
    strict = score(_plan(Method.MILESTONE_DEDUCTION), readings, today=D(2026, 4, 10))
    lenient = score(_plan(Method.MILESTONE_DEDUCTION, grace_days=5), readings, today=D(2026, 4, 10))
    assert strict.milestones[0].status == Status.LATE
    assert lenient.milestones[0].status == Status.ON_TIME


def test_the_worst_status_wins_a_cell() -> None:
    assert worst([Status.ON_TIME, Status.LATE]) == Status.LATE
    assert worst([Status.ON_TIME, Status.LATE, Status.MISSED]) == Status.MISSED
    assert worst([Status.ON_TIME, Status.PENDING]) == Status.PENDING
    assert worst([Status.ON_TIME]) == Status.ON_TIME
    assert worst([]) is None


# -- the scoring methods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "points", "completion"),
    [
        ([], 0.0, None),
        ([45.0], 4.5, 0.45),
        ([45.0, 80.0], 8.0, 0.8),  # the latest reading counts
        ([120.0], 10.0, 1.2),  # capped at the maximum
        ([33.333], 3.33, 0.33333),
    ],
)
def test_proportional(values: list[float], points: float, completion: float | None) -> None:
    readings = [Reading(D(2026, m + 1, 28), v) for m, v in enumerate(values)]
    result = score(_plan(Method.PROPORTIONAL), readings, today=D(2026, 8, 1))
    assert result.points == points
    assert result.completion == pytest.approx(completion)


def test_proportional_without_a_target_scores_nothing() -> None:
    result = score(_plan(Method.PROPORTIONAL, target=None), [Reading(D(2026, 1, 5), 50.0)], D(2026, 2, 1))
    assert (result.points, result.completion) == (0.0, None)


@pytest.mark.parametrize(
    ("readings", "today", "points", "final"),
    [
        ([Reading(D(2026, 6, 30), 100.0)], D(2026, 7, 1), 10.0, True),  # on the deadline
        ([Reading(D(2026, 7, 1), 100.0)], D(2026, 7, 2), 0.0, True),  # a day late: nothing
        ([Reading(D(2026, 6, 1), 99.9)], D(2026, 7, 1), 0.0, True),  # almost is nothing
        ([Reading(D(2026, 3, 1), 60.0)], D(2026, 4, 1), 0.0, False),  # not yet, may still come
        ([Reading(D(2026, 5, 1), 120.0), Reading(D(2026, 6, 2), 90.0)], D(2026, 7, 1), 0.0, True),
    ],
)
def test_all_or_nothing_by_the_deadline(
    readings: list[Reading], today: dt.date, points: float, final: bool
) -> None:
    result = score(_plan(Method.ALL_OR_NOTHING), readings, today)
    assert (result.points, result.final) == (points, final)


def test_all_or_nothing_deadline_defaults_to_the_year_end() -> None:
    plan = _plan(Method.ALL_OR_NOTHING, deadline=None)
    assert score(plan, [Reading(D(2026, 12, 31), 100.0)], D(2027, 1, 10)).points == 10.0
    assert score(plan, [Reading(D(2027, 1, 2), 100.0)], D(2027, 1, 10)).points == 0.0


@pytest.mark.parametrize(
    ("readings", "points", "missed"),
    [
        ([Reading(D(2026, 3, 31), 30.0), Reading(D(2026, 6, 30), 100.0)], 10.0, 0),
        ([Reading(D(2026, 4, 1), 30.0), Reading(D(2026, 6, 30), 100.0)], 7.0, 1),  # March late
        ([Reading(D(2026, 3, 31), 30.0)], 7.0, 1),  # June missed
        ([], 4.0, 2),
    ],
)
def test_milestone_deduction(readings: list[Reading], points: float, missed: int) -> None:
    result = score(_plan(Method.MILESTONE_DEDUCTION, deduction=3.0), readings, today=D(2026, 7, 15))
    assert (result.points, result.missed_milestones) == (points, missed)


def test_milestone_deduction_counts_only_milestones_already_due() -> None:
    plan = _plan(Method.MILESTONE_DEDUCTION, deduction=3.0)
    assert score(plan, [], today=D(2026, 5, 1)).points == 7.0  # March missed, June not due


def test_milestone_deduction_never_below_zero() -> None:
    plan = _plan(Method.MILESTONE_DEDUCTION, deduction=8.0)
    assert score(plan, [], today=D(2026, 12, 31)).points == 0.0


@pytest.mark.parametrize(
    ("value", "points"),
    [(1000.0, 20.0), (1200.0, 20.0), (950.0, 19.0), (900.0, 19.0), (899.0, 18.0), (0.0, 10.0)],
)
def test_shortfall_deduction_per_started_step(value: float, points: float) -> None:
    plan = _plan(Method.SHORTFALL_DEDUCTION, target=1000.0, max_score=20.0, deduction=1.0, step=100.0)
    assert score(plan, [Reading(D(2026, 11, 30), value)], D(2026, 12, 31)).points == points


@given(
    method=st.sampled_from(list(Method)),
    max_score=st.floats(0, 100),
    target=st.one_of(st.none(), st.floats(0.1, 1e6)),
    deduction=st.floats(0, 50),
    values=st.lists(st.one_of(st.none(), st.floats(-1e6, 1e7)), max_size=12),
)
def test_a_score_lies_between_zero_and_the_maximum(
    method: Method,
    max_score: float,
    target: float | None,
    deduction: float,
    values: list[float | None],
) -> None:
    plan = _plan(method, max_score=max_score, target=target, deduction=deduction, step=10.0)
    readings = [Reading(D(2026, 1 + i, 15), v) for i, v in enumerate(values)]
    result = score(plan, readings, today=D(2026, 12, 31))
    assert 0.0 <= result.points <= max_score + 1e-9
