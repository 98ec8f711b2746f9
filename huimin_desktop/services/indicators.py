"""Performance-indicator use cases (绩效考核): a county's indicators for a year, with monthly
milestones and the progress reported against them.

The city defines the indicators (a county or township station refuses to create or change one: they
come down in the return package); any station records progress on the indicators of its own county,
for a month, with the evidence attached to the entry.

Milestones are keyed by month: saving an indicator updates the milestone of a month that stays, adds
new months and tombstones dropped ones, so an unchanged milestone keeps its stamps.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from huimin_desktop.domain.issues import Issue, Severity, errors
from huimin_desktop.errors import ValidationError
from huimin_desktop.messages import EN, SUBJECT, Words, describe_issue, labelled
from huimin_desktop.model import (
    Attachment,
    Division,
    Indicator,
    IndicatorMilestone,
    IndicatorProgress,
    StationIdentity,
)
from huimin_desktop.security.roles import DEFINE_INDICATORS, ENTER_RECORDS
from huimin_desktop.services import indicator_import as sheet
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

if TYPE_CHECKING:
    from huimin_desktop.progress import TaskState
    from huimin_desktop.services.attachments import IntakeReport

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


@dataclass(frozen=True)
class CopySummary:
    """What ``copy_year`` did: the new indicators' ids, and each one left out with the reason."""

    from_year: int
    to_year: int
    copied: tuple[str, ...]
    skipped: tuple[str, ...]


@dataclass(frozen=True)
class ImportSummary:
    path: Path
    created: int
    updated: int


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
        self.db.actor.require(DEFINE_INDICATORS)
        with self.db.session(user) as session:
            indicator = (
                None if indicator_id is None else live_row(session, Indicator, indicator_id, "考核指标")
            )
            _require_city(session)
            issues = self._check(session, data, indicator_id)
            if errors(issues):
                raise ValidationError(errors(issues))
            saved = _write(session, indicator, data)
            return SaveResult(saved.id, tuple(i for i in issues if not i.is_error))

    def create_for_counties(
        self, data: IndicatorInput, county_ids: Sequence[str] | None = None, user: str = "system"
    ) -> list[str]:
        """One indicator per county (``None``: every county of the station), in one transaction: the
        same plan handed to several counties. Any county's refusal writes none; the issue names it."""
        self.db.actor.require(DEFINE_INDICATORS)
        with self.db.session(user) as session:
            _require_city(session)
            counties = list(county_ids) if county_ids is not None else _counties(session)
            if not counties:
                raise ValidationError(
                    [
                        Issue(
                            "indicator.no_counties",
                            "本站还没有县（市、区）级区划，无法下达指标",
                            field="division_id",
                        )
                    ]
                )
            found: list[Issue] = []
            for county in counties:
                each = dataclasses.replace(data, division_id=county)
                found += [_for_county(session, i, county) for i in errors(self._check(session, each, None))]
            if found:
                raise ValidationError(found)
            return [_write(session, None, dataclasses.replace(data, division_id=c)).id for c in counties]

    def copy_year(
        self, from_year: int, to_year: int, division_id: str | None = None, user: str = "system"
    ) -> CopySummary:
        """Last year's indicators (with their milestones and the city's reference attachments, not the
        progress) as a new year's: the deadline moves by the years between. An indicator whose code the
        new year already has for its county is skipped and named in the summary."""
        self.db.actor.require(DEFINE_INDICATORS)
        if from_year == to_year:
            raise ValidationError(
                [Issue("indicator.copy_same_year", "复制的目标年度与来源年度相同", field="year")]
            )
        with self.db.session(user) as session:
            _require_city(session)
            copied: list[str] = []
            skipped: list[str] = []
            for source in _year_indicators(session, from_year, division_id):
                data = dataclasses.replace(_input_of(session, source), year=to_year)
                data = dataclasses.replace(data, deadline=_moved(source.deadline, to_year - from_year))
                issues = errors(self._check(session, data, None))
                if issues:
                    skipped.append(labelled(source.code or source.name, describe_issue(issues[0])))
                    continue
                copy = _write(session, None, data)
                _copy_attachments(session, source.id, copy.id)
                copied.append(copy.id)
            return CopySummary(from_year, to_year, tuple(copied), tuple(skipped))

    def delete(self, indicator_id: str, user: str = "system") -> None:
        """Tombstone the indicator with its milestones and the city's reference attachments.

        An indicator with progress is refused, not archived: its progress entries and their evidence
        are the counties' reports (rule 3 of sync/authority.py: they come up, never down), and a
        tombstone from the city would take them off the county's station with the next return package.
        The city ends such an indicator by editing it (a deadline, a note in the standard) instead."""
        self.db.actor.require(DEFINE_INDICATORS)
        with self.db.session(user) as session:
            _require_city(session)
            indicator = live_row(session, Indicator, indicator_id, "考核指标")
            reports = len(_live_children(session, IndicatorProgress, indicator_id))
            if reports:
                raise ValidationError(
                    [
                        Issue(
                            "indicator.has_progress",
                            f"指标“{indicator.name}”已有 {reports} 条进度记录（县乡上报），不能删除；"
                            "如需停用，请修改该指标",
                            field="indicator_id",
                            params={"name": indicator.name, "count": reports},
                        )
                    ]
                )
            indicator.deleted = True
            for row in _live_children(session, IndicatorMilestone, indicator_id):
                row.deleted = True
            for attachment in _live_attachments(session, indicator_id):
                attachment.deleted = True

    def import_workbook(self, path: Path, user: str = "system") -> ImportSummary:
        """The indicators of an office's workbook (services/indicator_import.py): all of them, or none
        when any row is bad (each bad cell named by row and heading)."""
        self.db.actor.require(DEFINE_INDICATORS)
        rows, issues = sheet.read_rows(Path(path))
        if issues:
            raise ValidationError(issues)
        with self.db.session(user) as session:
            _require_city(session)
            plans, issues = _plans(session, rows, self._check)
            if issues:
                raise ValidationError(issues)
            if not plans:
                raise ValidationError(
                    [
                        Issue(
                            "indicator_import.empty", f"{path} 中没有填写任何指标", params={"path": str(path)}
                        )
                    ]
                )
            created = updated = 0
            for existing, data in plans:
                _write(session, existing, data)
                created, updated = (created + 1, updated) if existing is None else (created, updated + 1)
            return ImportSummary(Path(path), created, updated)

    def add_reference_files(
        self, indicator_id: str, paths: Sequence[Path], *, user: str = "system", task: TaskState | None = None
    ) -> IntakeReport:
        """The city's own reference files of an indicator (a template, the plan's text): they go down
        with the indicator in the return package (sync/changes.py). Only the city adds them."""
        from huimin_desktop.services.attachments import AttachmentService

        self.db.actor.require(DEFINE_INDICATORS)
        with self.db.reader() as session:
            _require_city(session)
            live_row(session, Indicator, indicator_id, "考核指标")
        return AttachmentService(self.db).add_files("indicator", indicator_id, paths, user=user, task=task)

    def can_define(self) -> bool:
        """Whether this station and its user may create, edit and delete indicators (the city's
        reviewers and administrators); the GUI shows the editing buttons only then."""
        if not self.db.actor.can(DEFINE_INDICATORS):
            return False
        with self.db.reader() as session:
            identity = session.scalars(select(StationIdentity)).first()
            return identity is None or identity.level == "city"

    def counties(self) -> list[tuple[str, str]]:
        """(id, name) of each county an indicator may be set for, by code."""
        with self.db.reader() as session:
            return [
                (county_id, division.name)
                for county_id in _counties(session)
                if (division := session.get(Division, county_id)) is not None
            ]

    def progress_count(self, indicator_id: str) -> int:
        """Live progress entries of an indicator (the GUI says before a delete that it will be refused)."""
        with self.db.reader() as session:
            return len(_live_children(session, IndicatorProgress, indicator_id))

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


_Plan = tuple[Indicator | None, IndicatorInput]  # the live indicator a row updates (None: a new one)
_Check = Callable[[Session, IndicatorInput, str | None], list[Issue]]


def _plans(session: Session, rows: list[sheet.SheetRow], check: _Check) -> tuple[list[_Plan], list[Issue]]:
    """Each row as the service's input (one per county for 全部), checked as a save checks it."""
    counties = _county_names(session)
    plans: list[_Plan] = []
    issues: list[Issue] = []
    seen: dict[tuple[str, int, str], int] = {}
    for row in rows:
        values, found = sheet.row_fields(row)
        written = sheet.text(values.pop("division_id", ""))
        targets = _row_counties(written, counties)
        if not targets:
            found.append(sheet.cell_issue(row.number, "division_id", _county_reason(written)))
        issues += found
        if found:
            continue
        for county in targets:
            data = IndicatorInput(**{**values, "division_id": county})
            existing = _by_code(session, data)
            wrong = errors(check(session, data, existing.id if existing is not None else None))
            key = (county, data.year, data.code.strip())
            if data.code.strip() and key in seen:
                reason = f"与第 {seen[key]} 行的编号重复"
                wrong.append(
                    Issue("indicator_import.code_repeated", reason, field="code", params={"first": seen[key]})
                )
            seen.setdefault(key, row.number)
            issues += [
                sheet.cell_issue(row.number, i.field or "", _named(session, i, county, targets))
                for i in wrong
            ]
            plans.append((existing, data))
    return plans, issues


def _named(session: Session, issue: Issue, county: str, targets: list[str]) -> Words:
    """The issue in both languages, after the county's name when the row was given to every county."""
    if len(targets) > 1:
        issue = _for_county(session, issue, county)
    return Words(issue.message, describe_issue(issue, EN))


def _county_names(session: Session) -> dict[str, list[str]]:
    """The code and the name of each county of the station → the county ids they name."""
    found: dict[str, list[str]] = {}
    for county_id in _counties(session):
        division = session.get(Division, county_id)
        for key in {division.code, division.name} if division is not None else set():
            if key:
                found.setdefault(key, []).append(county_id)
    return found


def _row_counties(written: str, counties: dict[str, list[str]]) -> list[str]:
    if written in sheet.ALL_COUNTIES:
        return sorted({c for ids in counties.values() for c in ids})
    ids = counties.get(written, [])
    return ids if len(ids) == 1 else []


def _county_reason(written: str) -> Words:
    if not written:
        return Words(
            "未填写县（市、区）：写区划代码、名称，或“全部”",
            "the county is not filled in: write its division code, its name, or “全部” (all)",
        )
    return Words(
        f"本站没有（或有多个）名为“{written}”的县（市、区）：写区划代码、名称，或“全部”",
        f"this station has no county (or more than one) named “{written}”: write its division code, its "
        "name, or “全部” (all)",
    )


def _by_code(session: Session, data: IndicatorInput) -> Indicator | None:
    """The live indicator of the row's county and year with the row's code (None without a code)."""
    code = data.code.strip()
    if not code:
        return None
    return session.scalars(
        select(Indicator).where(
            Indicator.code == code,
            Indicator.division_id == data.division_id,
            Indicator.year == data.year,
            Indicator.deleted.is_(False),
        )
    ).first()


def _write(session: Session, indicator: Indicator | None, data: IndicatorInput) -> Indicator:
    """Put ``data`` into ``indicator`` (a new one when None) and its milestones, keyed by month."""
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
    _put_milestones(session, indicator.id, data.milestones)
    return indicator


def _put_milestones(session: Session, indicator_id: str, milestones: tuple[Milestone, ...]) -> None:
    existing = {m.month: m for m in _live_children(session, IndicatorMilestone, indicator_id)}
    wanted = {month: (planned, description) for month, planned, description in milestones}
    for month, milestone in existing.items():
        if month not in wanted:
            milestone.deleted = True
    for month, (planned, description) in wanted.items():
        milestone = existing.get(month)
        if milestone is None:
            milestone = IndicatorMilestone(indicator_id=indicator_id, month=month)
            session.add(milestone)
        if milestone.planned_value != planned:
            milestone.planned_value = planned
        if milestone.description != description:
            milestone.description = description
    session.flush()


def _input_of(session: Session, i: Indicator) -> IndicatorInput:
    milestones = sorted(_live_children(session, IndicatorMilestone, i.id), key=lambda m: m.month)
    return IndicatorInput(
        division_id=i.division_id,
        year=i.year,
        name=i.name,
        code=i.code,
        target=i.target,
        target_value=i.target_value,
        unit=i.unit,
        scoring_rule=i.scoring_rule,
        max_score=i.max_score,
        scoring_method=i.scoring_method,
        deduction=i.deduction,
        deduction_step=i.deduction_step,
        grace_days=i.grace_days,
        figure=i.figure,
        responsible_person=i.responsible_person,
        lead_unit=i.lead_unit,
        deadline=i.deadline,
        evidence=i.evidence,
        milestones=tuple((m.month, m.planned_value, m.description) for m in milestones),
    )


def _year_indicators(session: Session, year: int, division_id: str | None) -> list[Indicator]:
    statement = (
        select(Indicator)
        .where(Indicator.year == year, Indicator.deleted.is_(False))
        .order_by(Indicator.division_id, Indicator.code, Indicator.name, Indicator.id)
    )
    if division_id is not None:
        statement = statement.where(Indicator.division_id == division_id)
    return list(session.scalars(statement))


def _moved(day: dt.date | None, years: int) -> dt.date | None:
    """``day`` ``years`` later (29 February becomes the 28th in a common year)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _counties(session: Session) -> list[str]:
    """Every live county within the station's division, by code (the city's counties)."""
    from huimin_desktop.sync.enrollment import division_contains

    home = session.scalars(select(StationIdentity.division_code)).first() or ""
    rows = session.execute(
        select(Division.id, Division.code)
        .where(Division.level == "county", Division.deleted.is_(False))
        .order_by(Division.code, Division.id)
    )
    return [county for county, code in rows if not home or division_contains(home, code or "")]


def _for_county(session: Session, issue: Issue, county_id: str) -> Issue:
    """``issue`` with the county it concerns in front of its message (a plan given to every county)."""
    county = session.get(Division, county_id)
    name = county.name if county is not None else county_id
    params = {**issue.params, SUBJECT: name}
    return dataclasses.replace(issue, message=f"{name}：{issue.message}", params=params)


def _live_attachments(session: Session, indicator_id: str) -> list[Attachment]:
    return list(
        session.scalars(
            select(Attachment).where(
                Attachment.owner_table == "indicator",
                Attachment.owner_id == indicator_id,
                Attachment.deleted.is_(False),
            )
        )
    )


def _copy_attachments(session: Session, source_id: str, copy_id: str) -> None:
    """The city's reference attachments of ``source_id`` on ``copy_id`` too (the same stored blobs)."""
    for a in _live_attachments(session, source_id):
        session.add(
            Attachment(
                owner_table="indicator",
                owner_id=copy_id,
                sha256=a.sha256,
                size=a.size,
                filename=a.filename,
                mime=a.mime,
                kind=a.kind,
                category=a.category,
                caption=a.caption,
                taken_at=a.taken_at,
                duration_ms=a.duration_ms,
            )
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
