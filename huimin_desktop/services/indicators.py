"""Performance-indicator use cases (绩效考核): a county's indicators for a year, with monthly
milestones and the progress reported against them.

The city defines the indicators (a county or township station refuses to create or change one: they
come down in the return package); any station records progress on the indicators of its own county,
for a month, with the evidence attached to the entry.

Milestones are keyed by month: saving an indicator updates the milestone of a month that stays, adds
new months and tombstones dropped ones, so an unchanged milestone keeps its stamps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from huimin_desktop.domain.issues import Issue, Severity, errors
from huimin_desktop.errors import ValidationError
from huimin_desktop.messages import Words
from huimin_desktop.model import Division, Indicator, IndicatorMilestone, IndicatorProgress, StationIdentity
from huimin_desktop.security.roles import ENTER_RECORDS
from huimin_desktop.services.bound_figures import FIGURES
from huimin_desktop.services.common import live_row
from huimin_desktop.services.project_records import (
    IndicatorRecord,
    IndicatorRow,
    MilestoneRecord,
    ProgressRecord,
)
from huimin_desktop.services.records import SaveResult
from huimin_desktop.services.scoring import METHOD_LABELS, Method
from huimin_desktop.store.database import Database

FIRST_YEAR = 2000

Milestone = tuple[int, float | None, str]  # (month 1–12, planned value, description)


@dataclass(frozen=True)
class IndicatorInput:
    division_id: str  # a county (县级)
    year: int
    name: str
    code: str = ""
    target: str = ""
    target_value: float | None = None
    unit: str = ""
    scoring_rule: str = ""
    max_score: float = 0.0
    scoring_method: str = Method.PROPORTIONAL
    deduction: float = 0.0
    deduction_step: float = 0.0
    grace_days: int = 0
    figure: str = ""  # a key of FIGURES; "" entered by hand
    responsible_person: str = ""
    lead_unit: str = ""
    deadline: dt.date | None = None
    evidence: str = ""
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class ProgressInput:
    date: dt.date
    value: float | None = None
    note: str = ""
    reporter: str = ""
    month: int | None = None  # the month it reports on; None: the month of ``date``


class IndicatorService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- validation ---------------------------------------------------------------------------

    def _check(self, session: Session, data: IndicatorInput, indicator_id: str | None) -> list[Issue]:
        issues = _division_issues(session, data.division_id)
        this_year = dt.date.today().year
        if not FIRST_YEAR <= data.year <= this_year + 1:
            issues.append(Issue.worded("indicator.year", field="year", year=data.year))
        if not data.name.strip():
            issues.append(Issue("indicator.name_missing", "指标名称不能为空", field="name"))
        issues += _code_issues(session, data, indicator_id)
        if data.max_score < 0:
            issues.append(Issue("indicator.max_score_negative", "分值不能为负数", field="max_score"))
        if data.deadline is not None and data.deadline.year != data.year:
            issues.append(
                Issue.worded(
                    "indicator.deadline_other_year",
                    Severity.WARNING,
                    field="deadline",
                    deadline=data.deadline.isoformat(),
                    year=data.year,
                )
            )
        issues += _milestone_issues(data.milestones)
        issues += _scoring_issues(data)
        return issues

    # -- writing ------------------------------------------------------------------------------

    def create(self, data: IndicatorInput, user: str = "system") -> SaveResult:
        return self._save(None, data, user)

    def update(self, indicator_id: str, data: IndicatorInput, user: str = "system") -> SaveResult:
        return self._save(indicator_id, data, user)

    def _save(self, indicator_id: str | None, data: IndicatorInput, user: str) -> SaveResult:
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            indicator = (
                None if indicator_id is None else live_row(session, Indicator, indicator_id, "考核指标")
            )
            _require_city(session)
            issues = self._check(session, data, indicator_id)
            if errors(issues):
                raise ValidationError(errors(issues))
            if indicator is None:
                indicator = Indicator()
                session.add(indicator)
            indicator.division_id = data.division_id
            indicator.year = data.year
            indicator.code = data.code.strip()
            indicator.name = data.name.strip()
            indicator.target = data.target
            indicator.target_value = data.target_value
            indicator.unit = data.unit.strip()
            indicator.scoring_rule = data.scoring_rule
            indicator.max_score = float(data.max_score)
            indicator.responsible_person = data.responsible_person.strip()
            indicator.lead_unit = data.lead_unit.strip()
            indicator.deadline = data.deadline
            indicator.evidence = data.evidence
            indicator.scoring_method = str(data.scoring_method)
            indicator.deduction = float(data.deduction)
            indicator.deduction_step = float(data.deduction_step)
            indicator.grace_days = int(data.grace_days)
            indicator.figure = data.figure
            session.flush()
            existing = {m.month: m for m in _live_children(session, IndicatorMilestone, indicator.id)}
            wanted = {month: (planned, description) for month, planned, description in data.milestones}
            for month, milestone in existing.items():
                if month not in wanted:
                    milestone.deleted = True
            for month, (planned, description) in wanted.items():
                milestone = existing.get(month)
                if milestone is None:
                    milestone = IndicatorMilestone(indicator_id=indicator.id, month=month)
                    session.add(milestone)
                milestone.planned_value = planned
                milestone.description = description
            session.flush()
            return SaveResult(indicator.id, tuple(i for i in issues if not i.is_error))

    def delete(self, indicator_id: str, user: str = "system") -> None:
        """Tombstone the indicator with its milestones and progress entries."""
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            _require_city(session)
            live_row(session, Indicator, indicator_id, "考核指标").deleted = True
            for model in (IndicatorMilestone, IndicatorProgress):
                for row in _live_children(session, model, indicator_id):
                    row.deleted = True

    def add_progress(self, indicator_id: str, data: ProgressInput, user: str = "system") -> SaveResult:
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            indicator = live_row(session, Indicator, indicator_id, "考核指标")
            issues = _progress_issues(session, indicator, data)
            if errors(issues):
                raise ValidationError(errors(issues))
            entry = IndicatorProgress(
                indicator_id=indicator_id,
                date=data.date,
                month=data.month or data.date.month,
                value=data.value,
                note=data.note,
                reporter=data.reporter.strip(),
            )
            session.add(entry)
            session.flush()
            return SaveResult(entry.id, tuple(i for i in issues if not i.is_error))

    def delete_progress(self, progress_id: str, user: str = "system") -> None:
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            live_row(session, IndicatorProgress, progress_id, "进度记录").deleted = True

    # -- reading ------------------------------------------------------------------------------

    def get(self, indicator_id: str) -> IndicatorRecord:
        with self.db.reader() as session:
            i = live_row(session, Indicator, indicator_id, "考核指标")
            milestones = sorted(
                _live_children(session, IndicatorMilestone, indicator_id), key=lambda m: m.month
            )
            return IndicatorRecord(
                id=i.id,
                division_id=i.division_id,
                year=i.year,
                code=i.code,
                name=i.name,
                target=i.target,
                target_value=i.target_value,
                unit=i.unit,
                scoring_rule=i.scoring_rule,
                max_score=i.max_score,
                responsible_person=i.responsible_person,
                lead_unit=i.lead_unit,
                deadline=i.deadline,
                evidence=i.evidence,
                scoring_method=i.scoring_method,
                deduction=i.deduction,
                deduction_step=i.deduction_step,
                grace_days=i.grace_days,
                figure=i.figure,
                origin=i.origin,
                milestones=tuple(
                    MilestoneRecord(m.id, m.month, m.planned_value, m.description) for m in milestones
                ),
                progress=tuple(
                    ProgressRecord(p.id, p.date, p.value, p.note, p.reporter, p.month)
                    for p in _progress(session, indicator_id)
                ),
            )

    def list(self, year: int | None = None, division_id: str | None = None) -> list[IndicatorRow]:
        """Live indicators, by county, year and code. An indicator list is short: no paging."""
        with self.db.reader() as session:
            statement = (
                select(Indicator, Division.name)
                .join(Division, Indicator.division_id == Division.id)
                .where(Indicator.deleted.is_(False))
                .order_by(Division.code, Indicator.year, Indicator.code, Indicator.name, Indicator.id)
            )
            if year is not None:
                statement = statement.where(Indicator.year == year)
            if division_id is not None:
                statement = statement.where(Indicator.division_id == division_id)
            rows = session.execute(statement).all()
            latest = _latest_values(session, [i.id for i, _ in rows])
            return [
                IndicatorRow(
                    i.id,
                    i.division_id,
                    division_name,
                    i.year,
                    i.code,
                    i.name,
                    i.target_value,
                    i.unit,
                    i.max_score,
                    i.deadline,
                    latest.get(i.id),
                )
                for i, division_name in rows
            ]


def _live_children(
    session: Session, model: type[IndicatorMilestone] | type[IndicatorProgress], indicator_id: str
) -> list:
    return list(
        session.scalars(select(model).where(model.indicator_id == indicator_id, model.deleted.is_(False)))
    )


def _progress(session: Session, indicator_id: str) -> list[IndicatorProgress]:
    return list(
        session.scalars(
            select(IndicatorProgress)
            .where(IndicatorProgress.indicator_id == indicator_id, IndicatorProgress.deleted.is_(False))
            .order_by(IndicatorProgress.date, IndicatorProgress.created_stamp, IndicatorProgress.id)
        )
    )


def _latest_values(session: Session, indicator_ids: list[str]) -> dict[str, float]:
    """The latest reported value of each indicator (later entries overwrite earlier ones)."""
    latest: dict[str, float] = {}
    if not indicator_ids:
        return latest
    rows = session.execute(
        select(IndicatorProgress.indicator_id, IndicatorProgress.value)
        .where(
            IndicatorProgress.indicator_id.in_(indicator_ids),
            IndicatorProgress.deleted.is_(False),
            IndicatorProgress.value.is_not(None),
        )
        .order_by(IndicatorProgress.date, IndicatorProgress.created_stamp, IndicatorProgress.id)
    )
    for indicator_id, value in rows:
        if value is not None:  # the query leaves them out; the column may hold them
            latest[indicator_id] = value
    return latest


def _division_issues(session: Session, division_id: str) -> list[Issue]:
    """Indicators are set for a county."""
    issues: list[Issue] = []
    division = session.get(Division, division_id)
    if division is None or division.deleted:
        issues.append(Issue("indicator.division_unknown", "考核单位（县级区划）不存在", field="division_id"))
    elif division.level != "county":
        issues.append(Issue.worded("indicator.division_not_county", field="division_id", name=division.name))
    return issues


def _code_issues(session: Session, data: IndicatorInput, indicator_id: str | None) -> list[Issue]:
    """A code names one indicator of a county and year."""
    issues: list[Issue] = []
    code = data.code.strip()
    if code:
        statement = select(Indicator).where(
            Indicator.code == code,
            Indicator.division_id == data.division_id,
            Indicator.year == data.year,
            Indicator.deleted.is_(False),
        )
        if indicator_id is not None:
            statement = statement.where(Indicator.id != indicator_id)
        other = session.scalars(statement).first()
        if other is not None:
            issues.append(
                Issue.worded(
                    "indicator.code_taken",
                    field="code",
                    year=data.year,
                    indicator_code=code,
                    name=other.name,
                    indicator_id=other.id,
                )
            )
    return issues


def _milestone_issues(milestones: tuple[Milestone, ...]) -> list[Issue]:
    """One plan per month, months 1 to 12."""
    issues: list[Issue] = []
    seen: set[int] = set()
    for index, (month, _planned, _description) in enumerate(milestones):
        where = f"milestones[{index}].month"
        if not 1 <= month <= 12:
            issues.append(Issue.worded("milestone.month", field=where, month=month))
        elif month in seen:
            issues.append(Issue.worded("milestone.month_repeated", field=where, month=month))
        seen.add(month)
    return issues


def _require_city(session: Session) -> None:
    """Indicators are the city's: lower stations receive them in the return package."""
    identity = session.scalars(select(StationIdentity)).first()
    if identity is not None and identity.level != "city":
        raise ValidationError(
            [Issue("indicator.city_only", "考核指标由市级下达，本站只能填报完成进度", field="division_id")]
        )


def _scoring_issues(data: IndicatorInput) -> list[Issue]:
    issues: list[Issue] = []
    if data.scoring_method not in METHOD_LABELS:
        issues.append(
            Issue.worded("indicator.method_unknown", field="scoring_method", method=data.scoring_method)
        )
    if data.deduction < 0 or data.deduction_step < 0:
        issues.append(Issue("indicator.deduction_negative", "扣分值不能为负数", field="deduction"))
    if data.scoring_method == Method.SHORTFALL_DEDUCTION and data.deduction_step <= 0:
        issues.append(Issue("indicator.step_missing", "按差额扣分时须填写每档差额", field="deduction_step"))
    if not 0 <= data.grace_days <= 31:
        issues.append(Issue.worded("indicator.grace_days", field="grace_days", days=data.grace_days))
    if data.figure and data.figure not in FIGURES:
        issues.append(Issue.worded("indicator.figure_unknown", field="figure", figure=data.figure))
    return issues


def _progress_issues(session: Session, indicator: Indicator, data: ProgressInput) -> list[Issue]:
    issues: list[Issue] = []
    if indicator.figure:
        issues.append(
            Issue.worded(
                "progress.bound",
                field="value",
                name=indicator.name,
                # the figure's key in words ("households_covered" → households covered) in English
                figure=Words(FIGURES[indicator.figure].label, indicator.figure.replace("_", " ")),
            )
        )
    if data.date > dt.date.today():
        issues.append(Issue("progress.date_future", "填报日期不能晚于今天", field="date"))
    elif data.date.year != indicator.year:
        issues.append(
            Issue.worded(
                "progress.date_other_year",
                Severity.WARNING,
                field="date",
                date=data.date.isoformat(),
                year=indicator.year,
            )
        )
    if data.month is not None and not 1 <= data.month <= 12:
        issues.append(Issue.worded("progress.month", field="month", month=data.month))
    if data.value is None and not data.note.strip():
        issues.append(Issue("progress.empty", "请填写完成值或进展说明", field="value"))
    issues += _own_county_issues(session, indicator)
    return issues


def _own_county_issues(session: Session, indicator: Indicator) -> list[Issue]:
    """A county or township reports on its own county's indicators only."""
    identity = session.scalars(select(StationIdentity)).first()
    county = session.get(Division, indicator.division_id)
    if identity is None or identity.level == "city" or county is None or not county.code:
        return []
    if identity.division_code.startswith(county.code):
        return []
    return [
        Issue.worded("progress.other_county", field="indicator_id", name=indicator.name, county=county.name)
    ]
