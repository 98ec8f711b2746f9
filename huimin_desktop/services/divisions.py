"""Division use cases: the city → county → township → village tree, and the villages stations add.

The shipped Chaoyang divisions (origin ``SEED_STATION``) are reference data: the same at every station,
so they are never renamed or deleted here. Villages have no public code list; a station adds them by
name (an NBS 12-digit code is optional) and the deletion of one is a tombstone that travels.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from huimin_desktop.domain.issues import Issue, Severity, errors
from huimin_desktop.errors import ValidationError
from huimin_desktop.messages import Words
from huimin_desktop.model import Division, Household, Indicator, Project, StationIdentity, Training
from huimin_desktop.security.roles import ENTER_RECORDS
from huimin_desktop.services.common import live_row
from huimin_desktop.services.project_records import DivisionNode
from huimin_desktop.services.records import DivisionRecord, SaveResult
from huimin_desktop.services.station_setup import SEED_STATION
from huimin_desktop.store.database import Database

_LEVEL_ORDER = {"city": 0, "county": 1, "township": 2, "village": 3}
_LEVEL_NAMES = {
    "city": Words("市", "a city"),
    "county": Words("县（市、区）", "a county"),
    "township": Words("乡镇", "a township"),
    "village": Words("村", "a village"),
}
# The words _usage counts what still uses a division with, in English.
_USAGE_EN = {
    "个下级区划": "lower divisions",
    "户农户": "households",
    "个项目": "projects",
    "次培训": "trainings",
    "项考核指标": "indicators",
}


def _record(division: Division) -> DivisionRecord:
    return DivisionRecord(division.id, division.code, division.name, division.level, division.parent_id)


def _sort_key(division: Division) -> tuple[int, str, str]:
    # Coded divisions first in code order; uncoded villages after them, by name.
    return (0 if division.code else 1, division.code or "", division.name)


_Select = TypeVar("_Select", bound=Select)  # any select of Division rows or columns


def _live(statement: _Select) -> _Select:
    return statement.where(Division.deleted.is_(False))


def live_descendant_ids(session: Session, division_id: str) -> set[str]:
    """The division and every live division under it (the table is small: read it whole)."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for row_id, parent_id in session.execute(_live(select(Division.id, Division.parent_id))):
        children[parent_id].append(row_id)
    found, stack = {division_id}, [division_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


class DivisionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading ------------------------------------------------------------------------------

    def get(self, division_id: str) -> DivisionRecord:
        with self.db.reader() as session:
            return _record(live_row(session, Division, division_id, "区划"))

    def children(self, parent_id: str | None) -> list[DivisionRecord]:
        """Live divisions directly under ``parent_id`` (``None``: the roots)."""
        with self.db.reader() as session:
            parent = Division.parent_id.is_(None) if parent_id is None else Division.parent_id == parent_id
            statement = _live(select(Division)).where(parent)
            return [_record(d) for d in sorted(session.scalars(statement), key=_sort_key)]

    def tree(self) -> tuple[DivisionNode, ...]:
        """Every live division as a tree; a division whose parent is gone shows as a root."""
        with self.db.reader() as session:
            records = [_record(d) for d in sorted(session.scalars(_live(select(Division))), key=_sort_key)]
        ids = {d.id for d in records}
        by_parent: dict[str | None, list[DivisionRecord]] = defaultdict(list)
        for record in records:
            by_parent[record.parent_id if record.parent_id in ids else None].append(record)

        def build(record: DivisionRecord) -> DivisionNode:
            return DivisionNode(record, tuple(build(c) for c in by_parent.get(record.id, [])))

        return tuple(build(d) for d in by_parent[None])

    def villages(self, township_id: str) -> list[DivisionRecord]:
        with self.db.reader() as session:
            statement = _live(select(Division)).where(
                Division.parent_id == township_id, Division.level == "village"
            )
            return [_record(d) for d in sorted(session.scalars(statement), key=_sort_key)]

    def find_by_code(self, code: str) -> DivisionRecord | None:
        with self.db.reader() as session:
            found = session.scalars(_live(select(Division)).where(Division.code == code.strip())).first()
            return _record(found) if found is not None else None

    def is_reference(self, division_id: str) -> bool:
        """True for the shipped divisions, which may not be renamed or deleted."""
        with self.db.reader() as session:
            return live_row(session, Division, division_id, "区划").origin == SEED_STATION

    # -- writing ------------------------------------------------------------------------------

    def add_village(
        self, township_id: str, name: str, code: str | None = None, user: str = "system"
    ) -> SaveResult:
        self.db.actor.require(ENTER_RECORDS)
        name = name.strip()
        code = (code or "").strip() or None
        with self.db.session(user) as session:
            issues: list[Issue] = []
            township = session.get(Division, township_id)
            if township is None or township.deleted:
                issues.append(Issue("division.parent_unknown", "所属乡镇不存在", field="township_id"))
            elif township.level != "township":
                issues.append(
                    Issue.worded(
                        "division.parent_not_township",
                        field="township_id",
                        name=township.name,
                        level=_LEVEL_NAMES.get(township.level, Words(township.level, township.level)),
                    )
                )
            issues += _check_name(session, name, township_id, None)
            issues += _check_code(session, code, township, None)
            if errors(issues):
                raise ValidationError(errors(issues))
            village = Division(name=name, code=code, level="village", parent_id=township_id)
            session.add(village)
            session.flush()
            return SaveResult(village.id, tuple(i for i in issues if not i.is_error))

    def rename(self, division_id: str, name: str, user: str = "system") -> SaveResult:
        self.db.actor.require(ENTER_RECORDS)
        name = name.strip()
        with self.db.session(user) as session:
            division = live_row(session, Division, division_id, "区划")
            issues = _refuse_reference(division, Words("改名", "renamed"))
            issues += _check_name(session, name, division.parent_id, division.id, division.level)
            if errors(issues):
                raise ValidationError(errors(issues))
            division.name = name
            return SaveResult(division.id)

    def delete(self, division_id: str, user: str = "system") -> None:
        """Tombstone a division nothing live uses any more."""
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            division = live_row(session, Division, division_id, "区划")
            issues = _refuse_reference(division, Words("删除", "deleted"))
            own = session.scalar(select(StationIdentity.division_code))
            if not issues and division.code and division.code == own:
                issues.append(Issue.worded("division.own_station", name=division.name))
            if not issues:
                usage = _usage(session, division_id)
                if usage:
                    listed = Words(
                        "、".join(f"{count} {label}" for label, count in usage.items()),
                        ", ".join(f"{count} {_USAGE_EN[label]}" for label, count in usage.items()),
                    )
                    issues.append(
                        Issue.worded("division.in_use", name=division.name, listed=listed, usage=usage)
                    )
            if issues:
                raise ValidationError(issues)
            division.deleted = True


def _refuse_reference(division: Division, verb: Words) -> list[Issue]:
    if division.origin == SEED_STATION:
        return [Issue.worded("division.reference", name=division.name, verb=verb)]
    return []


def _check_name(
    session: Session, name: str, parent_id: str | None, own_id: str | None, level: str = "village"
) -> list[Issue]:
    if not name:
        return [Issue("division.name_missing", "名称不能为空", field="name")]
    if len(name) > 100:
        return [Issue("division.name_too_long", "名称不能超过 100 个字", field="name")]
    statement = _live(select(Division)).where(
        Division.parent_id == parent_id, Division.name == name, Division.level == level
    )
    if own_id is not None:
        statement = statement.where(Division.id != own_id)
    if session.scalars(statement).first() is not None:
        where = (
            Words("同一乡镇下", "the same township")
            if level == "village"
            else Words("同一上级区划下", "the same upper division")
        )
        return [Issue.worded("division.name_taken", field="name", where=where, name=name)]
    return []


def _check_code(
    session: Session, code: str | None, township: Division | None, own_id: str | None
) -> list[Issue]:
    if code is None:
        return []
    if not re.fullmatch(r"\d{12}", code):
        return [Issue.worded("division.code_format", field="code", division_code=code)]
    issues: list[Issue] = []
    statement = _live(select(Division)).where(Division.code == code)
    if own_id is not None:
        statement = statement.where(Division.id != own_id)
    other = session.scalars(statement).first()
    if other is not None:
        issues.append(Issue.worded("division.code_taken", field="code", division_code=code, name=other.name))
    if township is not None and township.code and len(township.code) == 12 and code[:9] != township.code[:9]:
        # NBS village codes extend their township's first nine digits; an exception is possible
        # (a village moved between townships keeps its code for a while), so only a warning.
        issues.append(
            Issue.worded(
                "division.code_outside_township",
                Severity.WARNING,
                field="code",
                division_code=code,
                township=township.name,
                township_code=township.code,
            )
        )
    return issues


def _usage(session: Session, division_id: str) -> dict[str, int]:
    """What still uses the division, as {"户农户": 3, ...}; only non-zero counts."""
    counted = (
        ("个下级区划", Division, Division.parent_id),
        ("户农户", Household, Household.division_id),
        ("个项目", Project, Project.division_id),
        ("次培训", Training, Training.division_id),
        ("项考核指标", Indicator, Indicator.division_id),
    )
    usage: dict[str, int] = {}
    for label, model, column in counted:
        count = session.scalar(
            select(func.count()).select_from(model).where(column == division_id, model.deleted.is_(False))
        )
        if count:
            usage[label] = count
    return usage
