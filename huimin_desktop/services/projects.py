"""Project archive use cases: the project, its beneficiary households and its stage workflow.

A project moves 申报 → 评审 → 审核 → 公示 → 验收, one stage at a time. Sending it back is a new history
entry (action "return"), so the history only ever grows; ``Project.stage`` is the current stage, which is
always the stage of the latest entry. History is ordered by date, then by change stamp (entries of the
same day keep the order they were made in).
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import ColumnElement, ScalarSelect, Select, exists, func, or_, select
from sqlalchemy.orm import Session

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.domain.issues import Issue, Severity, errors
from huimin_desktop.errors import ValidationError
from huimin_desktop.messages import Words
from huimin_desktop.model import Division, Household, Project, ProjectBeneficiary, ProjectStageEntry
from huimin_desktop.security.roles import ENTER_RECORDS
from huimin_desktop.services.common import live_row
from huimin_desktop.services.divisions import live_descendant_ids
from huimin_desktop.services.project_records import (
    BeneficiaryCounts,
    ProjectRecord,
    ProjectRow,
    ProjectTotals,
    StageEntryRecord,
)
from huimin_desktop.services.records import SaveResult
from huimin_desktop.store.database import Database

HAN = "01"
FIRST_YEAR = 2000  # the program's records start well after this
FUNDS = {
    "fund_provincial": "省专项资金",
    "fund_local": "市县配套资金",
    "fund_integrated": "整合资金",
    "fund_self": "自筹资金",
}


@dataclass(frozen=True)
class ProjectInput:
    code: str
    name: str
    category: str
    division_id: str
    year: int
    content: str = ""
    scale: str = ""
    fund_provincial: int = 0
    fund_local: int = 0
    fund_integrated: int = 0
    fund_self: int = 0
    planned_start: dt.date | None = None
    planned_finish: dt.date | None = None
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    responsible: str = ""
    income_increase_expected: int | None = None  # yuan per household and year
    income_increase_measured: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class ProjectQuery:
    search: str = ""  # part of the code or the name
    year: int | None = None
    category: str | None = None
    stage: str | None = None  # the current stage's code; "" for a project before 申报
    fund_source: str | None = None  # one of FUNDS' keys: projects with money from that source
    division_id: str | None = None  # this division and everything under it
    household_id: str | None = None  # projects this household benefits from
    offset: int = 0
    limit: int = 200


@dataclass(frozen=True)
class StageInput:
    stage: str
    date: dt.date
    person: str = ""
    opinion: str = ""
    note: str = ""


def stage_order() -> tuple[str, ...]:
    """Stage codes in workflow order (申报 评审 审核 公示 验收)."""
    return code_lists().project_stage.codes()


def stage_name(code: str) -> str:
    if not code:
        return "未申报"
    return code_lists().project_stage.name(code) or code


def _category_known(code: str) -> bool:
    return code in code_lists().project_category


class ProjectService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- validation ---------------------------------------------------------------------------

    def _check(self, session: Session, data: ProjectInput, project_id: str | None) -> list[Issue]:
        issues = _code_issues(session, data.code.strip(), project_id)
        if not data.name.strip():
            issues.append(Issue("project.name_missing", "项目名称不能为空", field="name"))
        if not _category_known(data.category):
            issues.append(Issue.worded("project.category_unknown", field="category", category=data.category))
        division = session.get(Division, data.division_id)
        if division is None or division.deleted:
            issues.append(Issue("project.division_unknown", "项目所在地（区划）不存在", field="division_id"))
        this_year = dt.date.today().year
        if not FIRST_YEAR <= data.year <= this_year + 2:
            issues.append(
                Issue.worded(
                    "project.year", field="year", year=data.year, first=FIRST_YEAR, last=this_year + 2
                )
            )
        issues += _amount_issues(data)
        issues += _date_issues(data)
        if sum(getattr(data, name) for name in FUNDS) == 0:
            issues.append(
                Issue("project.no_funds", "项目尚未填写任何资金", Severity.WARNING, field="fund_provincial")
            )
        return issues

    def validate(
        self, data: ProjectInput, project_id: str | None = None, beneficiary_ids: Sequence[str] = ()
    ) -> list[Issue]:
        """Every issue saving would raise (errors) or report (warnings); nothing is written."""
        with self.db.reader() as session:
            return self._check(session, data, project_id) + _check_beneficiaries(session, beneficiary_ids)

    # -- writing ------------------------------------------------------------------------------

    def create(self, data: ProjectInput, user: str = "system") -> SaveResult:
        return self._save(None, data, user)

    def update(self, project_id: str, data: ProjectInput, user: str = "system") -> SaveResult:
        return self._save(project_id, data, user)

    def save(
        self,
        project_id: str | None,
        data: ProjectInput,
        beneficiary_ids: Sequence[str] | None = None,
        user: str = "system",
    ) -> SaveResult:
        """Create (``project_id`` None) or update the project and, when given, set its beneficiaries.

        One transaction: the editor's Ctrl+S either stores the form and the household list together or,
        refused, stores nothing.
        """
        self.db.actor.require(ENTER_RECORDS)
        return self._save(project_id, data, user, beneficiary_ids)

    def _save(
        self,
        project_id: str | None,
        data: ProjectInput,
        user: str,
        beneficiary_ids: Sequence[str] | None = None,
    ) -> SaveResult:
        with self.db.session(user) as session:
            if project_id is not None:
                live_row(session, Project, project_id, "项目")
            issues = self._check(session, data, project_id)
            if beneficiary_ids is not None:
                issues += _check_beneficiaries(session, beneficiary_ids)
            if errors(issues):
                raise ValidationError(errors(issues))
            if project_id is None:
                project = Project()
                session.add(project)
            else:
                project = live_row(session, Project, project_id, "项目")
            project.code = data.code.strip()
            project.name = data.name.strip()
            project.category = data.category
            project.division_id = data.division_id
            project.year = data.year
            project.content = data.content
            project.scale = data.scale
            for name in FUNDS:
                setattr(project, name, getattr(data, name))
            project.planned_start = data.planned_start
            project.planned_finish = data.planned_finish
            project.actual_start = data.actual_start
            project.actual_finish = data.actual_finish
            project.responsible = data.responsible.strip()
            project.income_increase_expected = data.income_increase_expected
            project.income_increase_measured = data.income_increase_measured
            project.notes = data.notes
            if project_id is None:
                project.stage = ""
            session.flush()
            if beneficiary_ids is not None:
                _apply_beneficiaries(session, project.id, beneficiary_ids)
            return SaveResult(project.id, tuple(i for i in issues if not i.is_error))

    def delete(self, project_id: str, user: str = "system") -> None:
        """Tombstone the project with its stage history and beneficiary links."""
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            live_row(session, Project, project_id, "项目").deleted = True
            _tombstone_rows_of(session, ProjectStageEntry, project_id)
            _tombstone_rows_of(session, ProjectBeneficiary, project_id)

    # -- beneficiaries ------------------------------------------------------------------------

    def set_beneficiaries(
        self, project_id: str, household_ids: tuple[str, ...] | list[str], user: str = "system"
    ) -> BeneficiaryCounts:
        """Make the project's beneficiaries exactly ``household_ids`` (links added or tombstoned)."""
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            live_row(session, Project, project_id, "项目")
            issues = _check_beneficiaries(session, household_ids)
            if issues:
                raise ValidationError(issues)
            _apply_beneficiaries(session, project_id, household_ids)
            return _beneficiary_counts(session, project_id)

    def counts_for(self, household_ids: Sequence[str]) -> BeneficiaryCounts:
        """All and minority households among ``household_ids`` (live ones only): the editor's counts
        for a list that is not saved yet, by the same rule as ``beneficiary_counts``."""
        wanted = list(dict.fromkeys(household_ids))
        total = minority = 0
        with self.db.reader() as session:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                live = select(func.count()).where(Household.id.in_(chunk), Household.deleted.is_(False))
                total += session.scalar(live) or 0
                minority += session.scalar(live.where(_is_minority())) or 0
        return BeneficiaryCounts(total, minority)

    def beneficiary_counts(self, project_id: str) -> BeneficiaryCounts:
        with self.db.reader() as session:
            live_row(session, Project, project_id, "项目")
            return _beneficiary_counts(session, project_id)

    # -- stage workflow -----------------------------------------------------------------------

    def advance_stage(self, project_id: str, data: StageInput, user: str = "system") -> SaveResult:
        """Record the next stage (the first is 申报). Only the stage right after the current one."""
        self.db.actor.require(ENTER_RECORDS)
        order = stage_order()
        with self.db.session(user) as session:
            project = live_row(session, Project, project_id, "项目")
            issues: list[Issue] = []
            current = project.stage
            position = order.index(current) if current in order else -1
            if position + 1 >= len(order):
                issues.append(Issue.worded("stage.finished", field="stage", stage=stage_name(order[-1])))
            elif data.stage != order[position + 1]:
                expected = order[position + 1]
                where = (
                    Words(
                        f"当前阶段为“{stage_name(current)}”，",
                        f"The current stage is “{stage_name(current)}”, so",
                    )
                    if current
                    else Words("项目尚未申报，", "The project is not submitted yet, so")
                )
                issues.append(
                    Issue.worded(
                        "stage.out_of_order",
                        field="stage",
                        where=where,
                        expected_name=stage_name(expected),
                        given_name=stage_name(data.stage),
                        expected=expected,
                        given=data.stage,
                    )
                )
            issues += _check_entry_date(session, project_id, data.date)
            if issues:
                raise ValidationError(issues)
            entry = _add_entry(session, project, data.stage, "advance", data)
            return SaveResult(entry.id)

    def return_stage(
        self,
        project_id: str,
        to_stage: str,
        date: dt.date,
        person: str = "",
        opinion: str = "",
        user: str = "system",
    ) -> SaveResult:
        """Send the project back to an earlier stage: a new "return" entry; the history is kept."""
        self.db.actor.require(ENTER_RECORDS)
        order = stage_order()
        with self.db.session(user) as session:
            project = live_row(session, Project, project_id, "项目")
            issues: list[Issue] = []
            current = project.stage
            if current not in order:
                issues.append(Issue("stage.nothing_to_return", "项目尚未申报，无法退回", field="stage"))
            elif to_stage not in order:
                issues.append(Issue.worded("stage.unknown", field="stage", stage=to_stage))
            elif order.index(to_stage) >= order.index(current):
                issues.append(
                    Issue.worded(
                        "stage.return_not_back",
                        field="stage",
                        current_name=stage_name(current),
                        given_name=stage_name(to_stage),
                        current=current,
                        given=to_stage,
                    )
                )
            issues += _check_entry_date(session, project_id, date)
            if issues:
                raise ValidationError(issues)
            entry = _add_entry(
                session, project, to_stage, "return", StageInput(to_stage, date, person, opinion)
            )
            return SaveResult(entry.id)

    # -- reading ------------------------------------------------------------------------------

    def get(self, project_id: str) -> ProjectRecord:
        with self.db.reader() as session:
            p = live_row(session, Project, project_id, "项目")
            beneficiary_ids = session.scalars(
                select(ProjectBeneficiary.household_id)
                .join(Household, ProjectBeneficiary.household_id == Household.id)
                .where(
                    ProjectBeneficiary.project_id == project_id,
                    ProjectBeneficiary.deleted.is_(False),
                    Household.deleted.is_(False),
                )
                .order_by(Household.head_name, Household.id)
            ).all()
            return ProjectRecord(
                id=p.id,
                code=p.code,
                name=p.name,
                category=p.category,
                division_id=p.division_id,
                year=p.year,
                content=p.content,
                scale=p.scale,
                fund_provincial=p.fund_provincial,
                fund_local=p.fund_local,
                fund_integrated=p.fund_integrated,
                fund_self=p.fund_self,
                planned_start=p.planned_start,
                planned_finish=p.planned_finish,
                actual_start=p.actual_start,
                actual_finish=p.actual_finish,
                responsible=p.responsible,
                income_increase_expected=p.income_increase_expected,
                income_increase_measured=p.income_increase_measured,
                notes=p.notes,
                stage=p.stage,
                origin=p.origin,
                stages=tuple(_entry_record(e) for e in _history(session, project_id)),
                beneficiary_ids=tuple(beneficiary_ids),
                beneficiaries=_beneficiary_counts(session, project_id),
            )

    def history(self, project_id: str) -> list[StageEntryRecord]:
        with self.db.reader() as session:
            live_row(session, Project, project_id, "项目")
            return [_entry_record(e) for e in _history(session, project_id)]

    def _filtered(self, session: Session, query: ProjectQuery) -> Select[Project]:
        statement = select(Project).where(Project.deleted.is_(False))
        if query.year is not None:
            statement = statement.where(Project.year == query.year)
        if query.category:
            statement = statement.where(Project.category == query.category)
        if query.stage is not None:
            statement = statement.where(_at_stage(query.stage))
        if query.fund_source is not None:
            if query.fund_source not in FUNDS:
                raise ValueError(f"unknown funds source {query.fund_source!r}")
            statement = statement.where(getattr(Project, query.fund_source) > 0)
        if query.division_id:
            statement = statement.where(
                Project.division_id.in_(live_descendant_ids(session, query.division_id))
            )
        if query.household_id:
            statement = statement.where(
                exists().where(
                    ProjectBeneficiary.project_id == Project.id,
                    ProjectBeneficiary.household_id == query.household_id,
                    ProjectBeneficiary.deleted.is_(False),
                )
            )
        term = query.search.strip()
        if term:
            statement = statement.where(
                or_(
                    Project.code.contains(term, autoescape=True), Project.name.contains(term, autoescape=True)
                )
            )
        return statement

    def count(self, query: ProjectQuery = ProjectQuery()) -> int:
        with self.db.reader() as session:
            subquery = self._filtered(session, query).with_only_columns(Project.id).subquery()
            return session.scalar(select(func.count()).select_from(subquery)) or 0

    def list(self, query: ProjectQuery = ProjectQuery()) -> list[ProjectRow]:
        with self.db.reader() as session:
            statement = (
                self._filtered(session, query)
                .join(Division, Project.division_id == Division.id)
                .with_only_columns(*_row_columns())
                .order_by(*_LIST_ORDER)
                .offset(query.offset)
                .limit(query.limit)
            )
            return [ProjectRow(*row) for row in session.execute(statement)]

    def ids(self, query: ProjectQuery = ProjectQuery()) -> builtins.list[str]:
        """Every matching project id in list order (newest year first, then code); no paging."""
        with self.db.reader() as session:
            statement = self._filtered(session, query).with_only_columns(Project.id).order_by(*_LIST_ORDER)
            return list(session.scalars(statement))

    def rows(self, ids: Sequence[str]) -> builtins.list[ProjectRow]:
        """The list rows of ``ids``, in the same order; ids of deleted projects are left out."""
        found: dict[str, ProjectRow] = {}
        with self.db.reader() as session:
            for start in range(0, len(ids), _CHUNK):
                statement = (
                    select(*_row_columns())
                    .join(Division, Project.division_id == Division.id)
                    .where(Project.id.in_(ids[start : start + _CHUNK]), Project.deleted.is_(False))
                )
                found.update((row[0], ProjectRow(*row)) for row in session.execute(statement))
        return [found[i] for i in ids if i in found]

    def totals(self, query: ProjectQuery = ProjectQuery()) -> ProjectTotals:
        """Count and funds by source of every project the filters match (paging ignored)."""
        with self.db.reader() as session:
            matching = self._filtered(session, query).with_only_columns(Project.id).subquery()
            links = (
                select(func.count())
                .select_from(ProjectBeneficiary)
                .join(Household, ProjectBeneficiary.household_id == Household.id)
                .where(
                    ProjectBeneficiary.project_id.in_(select(matching.c.id)),
                    ProjectBeneficiary.deleted.is_(False),
                    Household.deleted.is_(False),
                )
                .scalar_subquery()
            )
            row = session.execute(
                select(
                    func.count(Project.id),
                    *(func.coalesce(func.sum(getattr(Project, name)), 0) for name in FUNDS),
                    links,
                ).where(Project.id.in_(select(matching.c.id)))
            ).one()
            return ProjectTotals(*(int(value or 0) for value in row))

    def choices(self, year: int | None = None) -> builtins.list[tuple[str, str, str]]:
        """(id, code, name) of the live projects (of ``year``), in list order: a filter's entries."""
        with self.db.reader() as session:
            statement = select(Project.id, Project.code, Project.name).where(Project.deleted.is_(False))
            if year is not None:
                statement = statement.where(Project.year == year)
            return [(i, c, n) for i, c, n in session.execute(statement.order_by(*_LIST_ORDER))]

    def years(self) -> builtins.list[int]:
        """Years that have live projects, newest first (for the list's year filter)."""
        with self.db.reader() as session:
            statement = (
                select(Project.year)
                .where(Project.deleted.is_(False))
                .distinct()
                .order_by(Project.year.desc())
            )
            return list(session.scalars(statement))

    def for_household(self, household_id: str) -> builtins.list[ProjectRow]:
        """Every live project the household is a beneficiary of, newest year first."""
        return self.list(ProjectQuery(household_id=household_id, limit=1000))


_ProjectPart = TypeVar("_ProjectPart", ProjectStageEntry, ProjectBeneficiary)


def _tombstone_rows_of(session: Session, model: type[_ProjectPart], project_id: str) -> None:
    for row in session.scalars(select(model).where(model.project_id == project_id, model.deleted.is_(False))):
        row.deleted = True


def _history(session: Session, project_id: str) -> list[ProjectStageEntry]:
    return list(
        session.scalars(
            select(ProjectStageEntry)
            .where(ProjectStageEntry.project_id == project_id, ProjectStageEntry.deleted.is_(False))
            .order_by(ProjectStageEntry.date, ProjectStageEntry.created_stamp, ProjectStageEntry.id)
        )
    )


def _check_entry_date(session: Session, project_id: str, date: dt.date) -> list[Issue]:
    issues: list[Issue] = []
    if date > dt.date.today():
        issues.append(Issue("stage.date_future", "办理日期不能晚于今天", field="date"))
    history = _history(session, project_id)
    if history and date < history[-1].date:
        last = history[-1]
        issues.append(
            Issue.worded(
                "stage.date_before_previous",
                field="date",
                date=date.isoformat(),
                stage=stage_name(last.stage),
                previous=last.date.isoformat(),
            )
        )
    return issues


def _add_entry(
    session: Session, project: Project, stage: str, action: str, data: StageInput
) -> ProjectStageEntry:
    entry = ProjectStageEntry(
        project_id=project.id,
        stage=stage,
        action=action,
        date=data.date,
        person=data.person.strip(),
        opinion=data.opinion,
        note=data.note,
    )
    session.add(entry)
    project.stage = stage
    session.flush()
    return entry


def _entry_record(e: ProjectStageEntry) -> StageEntryRecord:
    return StageEntryRecord(e.id, e.stage, stage_name(e.stage), e.action, e.date, e.person, e.opinion, e.note)


def _beneficiary_counts(session: Session, project_id: str) -> BeneficiaryCounts:
    # Distinct households: two stations may each add the same household before they sync.
    base = (
        select(func.count(ProjectBeneficiary.household_id.distinct()))
        .select_from(ProjectBeneficiary)
        .join(Household, ProjectBeneficiary.household_id == Household.id)
        .where(
            ProjectBeneficiary.project_id == project_id,
            ProjectBeneficiary.deleted.is_(False),
            Household.deleted.is_(False),
        )
    )
    total = session.scalar(base) or 0
    minority = session.scalar(base.where(_is_minority())) or 0
    return BeneficiaryCounts(total, minority)


# Ids per IN (...) query: well under SQLite's limit on bound parameters.
_CHUNK = 500
_LIST_ORDER = (Project.year.desc(), Project.code, Project.id)


def _at_stage(stage: str) -> ColumnElement[bool]:
    """At ``stage`` now; "" (not yet 申报) also matches a stage never set (as the 首页 counts it)."""
    if stage:
        return Project.stage == stage
    return or_(Project.stage == "", Project.stage.is_(None))


def _is_minority() -> ColumnElement[bool]:  # a SQL condition on Household
    # A household whose head's ethnicity is not recorded counts in the total only.
    return Household.ethnicity.not_in(["", HAN])


def _row_columns() -> tuple:
    """The columns of a ``ProjectRow``, in its field order (needs a join of Division)."""

    def beneficiaries(*conditions: ColumnElement[bool]) -> ScalarSelect[int]:
        """A correlated count of live beneficiary households."""
        return (
            select(func.count(ProjectBeneficiary.household_id.distinct()))
            .select_from(ProjectBeneficiary)
            .join(Household, ProjectBeneficiary.household_id == Household.id)
            .where(
                ProjectBeneficiary.project_id == Project.id,
                ProjectBeneficiary.deleted.is_(False),
                Household.deleted.is_(False),
                *conditions,
            )
            .correlate(Project)
            .scalar_subquery()
        )

    return (
        Project.id,
        Project.code,
        Project.name,
        Project.category,
        Division.name,
        Project.year,
        Project.stage,
        Project.fund_provincial + Project.fund_local + Project.fund_integrated + Project.fund_self,
        beneficiaries(),
        beneficiaries(_is_minority()),
    )


def _check_beneficiaries(session: Session, household_ids: Sequence[str]) -> list[Issue]:
    """An error naming how many of ``household_ids`` are unknown or deleted (none: no issue)."""
    wanted = list(dict.fromkeys(household_ids))
    known: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        known.update(
            session.scalars(select(Household.id).where(Household.id.in_(chunk), Household.deleted.is_(False)))
        )
    unknown = [h for h in wanted if h not in known]
    if not unknown:
        return []
    return [
        Issue.worded(
            "project.beneficiary_unknown", field="household_ids", count=len(unknown), household_ids=unknown
        )
    ]


def _apply_beneficiaries(session: Session, project_id: str, household_ids: Sequence[str]) -> None:
    """Make the live links exactly ``household_ids``: add, tombstone, or restore a tombstoned link."""
    wanted = list(dict.fromkeys(household_ids))
    rows = session.scalars(select(ProjectBeneficiary).where(ProjectBeneficiary.project_id == project_id))
    live: dict[str, ProjectBeneficiary] = {}
    tombstones: dict[str, ProjectBeneficiary] = {}
    for row in rows:
        (tombstones if row.deleted else live)[row.household_id] = row
    keep = set(wanted)
    for household_id, row in live.items():
        if household_id not in keep:
            row.deleted = True
    for household_id in wanted:
        if household_id in live:
            continue
        if household_id in tombstones:
            # One link row per (project, household): re-adding restores it.
            tombstones[household_id].deleted = False
        else:
            session.add(ProjectBeneficiary(project_id=project_id, household_id=household_id))
    session.flush()


def _code_issues(session: Session, code: str, project_id: str | None) -> list[Issue]:
    """A project's code is there, short enough, and no other live project's."""
    issues: list[Issue] = []
    if not code:
        issues.append(Issue("project.code_missing", "项目编号不能为空", field="code"))
    elif len(code) > 40:
        issues.append(Issue("project.code_too_long", "项目编号不能超过 40 个字符", field="code"))
    else:
        statement = select(Project).where(Project.code == code, Project.deleted.is_(False))
        if project_id is not None:
            statement = statement.where(Project.id != project_id)
        other = session.scalars(statement).first()
        if other is not None:
            issues.append(
                Issue.worded(
                    "project.code_taken",
                    field="code",
                    project_code=code,
                    name=other.name,
                    year=other.year,
                    project_id=other.id,
                )
            )
    return issues


def _amount_issues(data: ProjectInput) -> list[Issue]:
    issues: list[Issue] = []
    for name, label in FUNDS.items():
        if getattr(data, name) < 0:
            issues.append(
                Issue(
                    "amount.negative", f"{label}不能为负数", field=name, params={"value": getattr(data, name)}
                )
            )
    if data.income_increase_expected is not None and data.income_increase_expected < 0:
        issues.append(
            Issue(
                "amount.negative",
                "预期户均增收不能为负数",
                field="income_increase_expected",
                params={"value": data.income_increase_expected},
            )
        )
    return issues


def _date_issues(data: ProjectInput) -> list[Issue]:
    """Finish after start, nothing actual in the future, no actual finish without a start."""
    issues: list[Issue] = []
    for start, finish, kind in (
        ("planned_start", "planned_finish", Words("计划", "planned")),
        ("actual_start", "actual_finish", Words("实际", "actual")),
    ):
        begun, done = getattr(data, start), getattr(data, finish)
        if begun and done and done < begun:
            issues.append(Issue.worded("project.finish_before_start", field=finish, kind=kind))
    today = dt.date.today()
    for name, label in (
        ("actual_start", Words("实际开工日期", "actual start date")),
        ("actual_finish", Words("实际完工日期", "actual finish date")),
    ):
        value = getattr(data, name)
        if value and value > today:
            issues.append(Issue.worded("project.date_future", field=name, label=label))
    if data.actual_finish and not data.actual_start:
        issues.append(
            Issue(
                "project.start_missing",
                "已填实际完工日期，但未填实际开工日期",
                Severity.WARNING,
                field="actual_start",
            )
        )
    return issues
