"""Training-session use cases (农业实用科技培训): the session and who attended it.

An attendee is a household, or one member of it; people who came but are not on the household list
are counted in ``extra_attendees``. Saving diffs the attendee list: links that stay keep their rows (and
stamps), dropped ones are tombstoned, new ones added.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, extract, func, or_, select
from sqlalchemy.orm import Session

from huimin_desktop.domain.issues import Issue, Severity, errors
from huimin_desktop.errors import ValidationError
from huimin_desktop.model import Division, Household, Member, Project, Training, TrainingAttendee
from huimin_desktop.security.roles import ENTER_RECORDS
from huimin_desktop.services.common import live_row
from huimin_desktop.services.divisions import live_descendant_ids
from huimin_desktop.services.project_records import AttendeeRecord, TrainingRecord, TrainingRow
from huimin_desktop.services.records import SaveResult
from huimin_desktop.store.database import Database

Attendee = tuple[str, str | None]  # (household id, member id or None for the household as a whole)

_LONG_SESSION_HOURS = 24


@dataclass(frozen=True)
class TrainingInput:
    date: dt.date
    division_id: str
    topic: str
    place: str = ""
    trainer: str = ""
    hours: float = 0.0
    project_id: str | None = None
    extra_attendees: int = 0
    notes: str = ""
    attendees: tuple[Attendee, ...] = ()


@dataclass(frozen=True)
class TrainingQuery:
    year: int | None = None
    division_id: str | None = None  # this division and everything under it
    search: str = ""  # part of the topic, trainer or place
    offset: int = 0
    limit: int = 200


class TrainingService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- validation ---------------------------------------------------------------------------

    def _check(self, session: Session, data: TrainingInput) -> list[Issue]:
        issues: list[Issue] = []
        if not data.topic.strip():
            issues.append(Issue("training.topic_missing", "培训主题不能为空", field="topic"))
        if data.date > dt.date.today():
            issues.append(Issue("training.date_future", "培训日期不能晚于今天", field="date"))
        division = session.get(Division, data.division_id)
        if division is None or division.deleted:
            issues.append(Issue("training.division_unknown", "培训地点所在区划不存在", field="division_id"))
        if data.hours < 0:
            issues.append(Issue("training.hours_negative", "培训学时不能为负数", field="hours"))
        elif data.hours > _LONG_SESSION_HOURS:
            issues.append(
                Issue.worded(
                    "training.hours_long",
                    Severity.WARNING,
                    field="hours",
                    hours=f"{data.hours:g}",
                    limit=_LONG_SESSION_HOURS,
                )
            )
        if data.extra_attendees < 0:
            issues.append(
                Issue("training.extra_negative", "名单外参训人数不能为负数", field="extra_attendees")
            )
        if data.project_id is not None:
            project = session.get(Project, data.project_id)
            if project is None or project.deleted:
                issues.append(
                    Issue("training.project_unknown", "关联的项目不存在或已删除", field="project_id")
                )
        issues += _check_attendees(session, data.attendees)
        return issues

    # -- writing ------------------------------------------------------------------------------

    def create(self, data: TrainingInput, user: str = "system") -> SaveResult:
        return self._save(None, data, user)

    def update(self, training_id: str, data: TrainingInput, user: str = "system") -> SaveResult:
        return self._save(training_id, data, user)

    def _save(self, training_id: str | None, data: TrainingInput, user: str) -> SaveResult:
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            training = None if training_id is None else live_row(session, Training, training_id, "培训记录")
            issues = self._check(session, data)
            if errors(issues):
                raise ValidationError(errors(issues))
            if training is None:
                training = Training()
                session.add(training)
            training.date = data.date
            training.division_id = data.division_id
            training.place = data.place.strip()
            training.topic = data.topic.strip()
            training.trainer = data.trainer.strip()
            training.hours = float(data.hours)
            training.project_id = data.project_id
            training.extra_attendees = data.extra_attendees
            training.notes = data.notes
            session.flush()
            existing: dict[Attendee, TrainingAttendee] = {}
            if training_id is not None:
                for row in session.scalars(
                    select(TrainingAttendee).where(
                        TrainingAttendee.training_id == training.id, TrainingAttendee.deleted.is_(False)
                    )
                ):
                    existing[(row.household_id, row.member_id)] = row
            wanted = list(dict.fromkeys(data.attendees))
            for key, row in existing.items():
                if key not in wanted:
                    row.deleted = True
            for household_id, member_id in wanted:
                if (household_id, member_id) not in existing:
                    session.add(
                        TrainingAttendee(
                            training_id=training.id, household_id=household_id, member_id=member_id
                        )
                    )
            session.flush()
            return SaveResult(training.id, tuple(i for i in issues if not i.is_error))

    def delete(self, training_id: str, user: str = "system") -> None:
        """Tombstone the session and its attendee links."""
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            live_row(session, Training, training_id, "培训记录").deleted = True
            for row in session.scalars(
                select(TrainingAttendee).where(
                    TrainingAttendee.training_id == training_id, TrainingAttendee.deleted.is_(False)
                )
            ):
                row.deleted = True

    # -- reading ------------------------------------------------------------------------------

    def get(self, training_id: str) -> TrainingRecord:
        with self.db.reader() as session:
            t = live_row(session, Training, training_id, "培训记录")
            rows = session.execute(
                select(TrainingAttendee, Household.head_name, Member.name, Division.name, Household.ethnicity)
                .join(Household, TrainingAttendee.household_id == Household.id)
                .join(Division, Household.division_id == Division.id)
                .outerjoin(Member, TrainingAttendee.member_id == Member.id)
                .where(TrainingAttendee.training_id == training_id, TrainingAttendee.deleted.is_(False))
                .order_by(Household.head_name, Household.id, Member.position)
            )
            attendees = tuple(
                AttendeeRecord(
                    a.id, a.household_id, a.member_id, head or "", name or "", village or "", ethnicity or ""
                )
                for a, head, name, village, ethnicity in rows
            )
            return TrainingRecord(
                id=t.id,
                date=t.date,
                division_id=t.division_id,
                place=t.place,
                topic=t.topic,
                trainer=t.trainer,
                hours=t.hours,
                project_id=t.project_id,
                extra_attendees=t.extra_attendees,
                notes=t.notes,
                origin=t.origin,
                attendees=attendees,
            )

    def _filtered(self, session: Session, query: TrainingQuery) -> Select[Training]:
        statement = select(Training).where(Training.deleted.is_(False))
        if query.year is not None:
            statement = statement.where(extract("year", Training.date) == query.year)
        if query.division_id:
            statement = statement.where(
                Training.division_id.in_(live_descendant_ids(session, query.division_id))
            )
        term = query.search.strip()
        if term:
            statement = statement.where(
                or_(
                    Training.topic.contains(term, autoescape=True),
                    Training.trainer.contains(term, autoescape=True),
                    Training.place.contains(term, autoescape=True),
                )
            )
        return statement

    def count(self, query: TrainingQuery = TrainingQuery()) -> int:
        with self.db.reader() as session:
            subquery = self._filtered(session, query).with_only_columns(Training.id).subquery()
            return session.scalar(select(func.count()).select_from(subquery)) or 0

    def list(self, query: TrainingQuery = TrainingQuery()) -> list[TrainingRow]:
        with self.db.reader() as session:
            statement = (
                self._filtered(session, query)
                .join(Division, Training.division_id == Division.id)
                .with_only_columns(*_row_columns())
                .order_by(*_LIST_ORDER)
                .offset(query.offset)
                .limit(query.limit)
            )
            return [TrainingRow(*row) for row in session.execute(statement)]

    def ids(self, query: TrainingQuery = TrainingQuery()) -> builtins.list[str]:
        """Every matching session id in list order (newest first); no paging."""
        with self.db.reader() as session:
            statement = self._filtered(session, query).with_only_columns(Training.id).order_by(*_LIST_ORDER)
            return list(session.scalars(statement))

    def rows(self, ids: Sequence[str]) -> builtins.list[TrainingRow]:
        """The list rows of ``ids``, in the same order; ids of deleted sessions are left out."""
        found: dict[str, TrainingRow] = {}
        with self.db.reader() as session:
            for start in range(0, len(ids), _CHUNK):
                statement = (
                    select(*_row_columns())
                    .join(Division, Training.division_id == Division.id)
                    .where(Training.id.in_(ids[start : start + _CHUNK]), Training.deleted.is_(False))
                )
                found.update((row[0], TrainingRow(*row)) for row in session.execute(statement))
        return [found[i] for i in ids if i in found]

    def years(self) -> builtins.list[int]:
        """Years that have live sessions, newest first (for the list's year filter)."""
        with self.db.reader() as session:
            year = extract("year", Training.date)
            statement = select(year).where(Training.deleted.is_(False)).distinct().order_by(year.desc())
            return [int(value) for value in session.scalars(statement)]


_CHUNK = 500  # ids per IN (...) query, well under SQLite's limit on bound parameters
_LIST_ORDER = (Training.date.desc(), Training.id)


def _row_columns() -> tuple:
    """The columns of a ``TrainingRow``, in its field order (needs a join of Division)."""
    listed = (
        select(func.count())
        .select_from(TrainingAttendee)
        .where(TrainingAttendee.training_id == Training.id, TrainingAttendee.deleted.is_(False))
        .correlate(Training)
        .scalar_subquery()
    )
    return (
        Training.id,
        Training.date,
        Division.name,
        Training.topic,
        Training.trainer,
        Training.hours,
        listed + Training.extra_attendees,
        Training.place,
    )


def _check_attendees(session: Session, attendees: tuple[Attendee, ...]) -> list[Issue]:
    if not attendees:
        return []
    household_ids = {h for h, _ in attendees}
    member_ids = {m for _, m in attendees if m is not None}
    households = set(
        session.scalars(
            select(Household.id).where(Household.id.in_(household_ids), Household.deleted.is_(False))
        )
    )
    members: dict[str, str] = {}
    if member_ids:
        rows = session.execute(
            select(Member.id, Member.household_id).where(Member.id.in_(member_ids), Member.deleted.is_(False))
        )
        members = {member_id: household_id for member_id, household_id in rows}
    issues: list[Issue] = []
    for index, (household_id, member_id) in enumerate(attendees):
        where = f"attendees[{index}]"
        if household_id not in households:
            issues.append(
                Issue.worded(
                    "training.household_unknown", field=where, number=index + 1, household_id=household_id
                )
            )
        elif member_id is not None and member_id not in members:
            issues.append(
                Issue.worded("training.member_unknown", field=where, number=index + 1, member_id=member_id)
            )
        elif member_id is not None and members[member_id] != household_id:
            issues.append(
                Issue.worded(
                    "training.member_not_in_household",
                    field=where,
                    number=index + 1,
                    member_id=member_id,
                    household_id=household_id,
                )
            )
    return issues
