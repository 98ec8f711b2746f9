"""Roster use cases: read a roster file, preview its import, import it, export the station's households.

The import is honest and repeatable:

- ``read`` finds the table (spreadsheet.table) and applies the mapping remembered for files of the
  same shape (``roster_mappings.json`` in the data folder: header signature → field → column).
- ``preview`` says what would be added, updated, left unchanged and refused, writing nothing.
- ``import_table`` does the same work inside ONE transaction and writes: villages the station does not
  know yet (under the station's township), new households in bulk (executemany, search index deferred,
  one audit line for the batch), existing households (matched by the head's ID number) through the ORM
  so that change capture stamps exactly the fields that changed. Importing the same file again changes
  nothing. Cancelling rolls everything back.

On an update, a blank cell never clears a stored value (rosters are often incomplete), members missing
from a member roster are kept, and a per-household roster only touches the head and the household.
Rows → households: see spreadsheet/roster_rows.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session, selectinload

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.domain.masking import Masking
from huimin_desktop.domain.search import household_search_text, name_sort_key
from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import text
from huimin_desktop.messages.catalog import Words
from huimin_desktop.model import Division, Household, Member, StationIdentity, Survey, new_id
from huimin_desktop.progress import TaskState
from huimin_desktop.security.roles import IMPORT_ROSTER
from huimin_desktop.services import audit
from huimin_desktop.services.disclosure import export_masking, note_disclosure, require_reason
from huimin_desktop.services.households import refresh_household_summary, refresh_latest_income
from huimin_desktop.spreadsheet.fields import ENGLISH_LABELS, FIELDS_BY_KEY, INCOME_FIELDS
from huimin_desktop.spreadsheet.review import (
    UnmappedColumn,
    YearChoice,
    choose_year,
    header_notes,
    row_context,
    unmapped_columns,
)
from huimin_desktop.spreadsheet.roster_rows import (
    Interpretation,
    RosterHousehold,
    RosterMember,
    RowNote,
    interpret_batches,
)
from huimin_desktop.spreadsheet.table import RosterTable, column_letter, normalise_mapping, read_roster_table
from huimin_desktop.spreadsheet.writing import ROSTER_LAYOUT, RosterSheet, write_roster, write_rows
from huimin_desktop.store.database import Database
from huimin_desktop.store.search_index import deferred_search_indexing

MAPPINGS_FILE = "roster_mappings.json"
MEMBER_CODED = ("ethnicity", "education", "health", "labour", "school_status")
_MEMBER_COLUMNS = ("work_away_months", "phone", *MEMBER_CODED)
_VILLAGE_SUFFIXES = ("村民委员会", "村委会", "嘎查", "村")
_TOWNSHIP_SUFFIXES = ("蒙古族乡", "满族乡", "回族乡", "民族乡", "街道", "乡", "镇")
_CHUNK = 500
ENTRIES_SHOWN = 5000  # households listed by name in a preview (the counts cover them all)


@dataclass(frozen=True)
class RosterEntry:
    """One household of the preview: its head's row, name, ID number and village."""

    row: int
    name: str
    id_number: str
    village: str
    members: int


@dataclass(frozen=True)
class RosterOutcome:
    """What an import did (or, for a preview, would do). ``as_json`` gives the CLI's contract keys."""

    added: int
    updated: int
    unchanged: int
    rejected: tuple[RowNote, ...]
    warnings: tuple[RowNote, ...]
    villages_created: tuple[str, ...]
    year: int
    written: bool
    added_entries: tuple[RosterEntry, ...] = ()  # the first ENTRIES_SHOWN households
    updated_entries: tuple[RosterEntry, ...] = ()
    unmapped_columns: tuple[UnmappedColumn, ...] = ()  # columns holding data that were not imported
    year_reason: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [{"row": n.row, "reason": n.said()} for n in self.rejected],
            "warnings": [{"row": n.row, "reason": n.said()} for n in self.warnings],
            "villages_created": list(self.villages_created),
            "unmapped_columns": [c.as_json() for c in self.unmapped_columns],
            "year": self.year,
            "year_reason": self.year_reason,
            "dry_run": not self.written,
        }


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    households: int
    members: int
    year: int
    full_personal_data: bool = False  # whole ID numbers and phones (else masked)


def village_key(name: str) -> str:
    """三家子村 / 三家子村委会 / 三家子 are one village."""
    name = "".join(name.split())
    for suffix in _VILLAGE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def township_key(name: str) -> str:
    name = "".join(name.split())
    for suffix in _TOWNSHIP_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


# -- places ----------------------------------------------------------------------------------------


@dataclass
class _Places:
    """The station's townships and villages, and the villages this import will create."""

    station_level: str
    townships: dict[str, str]  # id → name, the station's own township(s)
    villages: dict[tuple[str, str], str]  # (township id, village key) → division id
    village_townships: dict[str, list[str]]  # village key → township ids (to place a village alone)
    village_names: dict[str, str]  # division id → name
    new_villages: dict[tuple[str, str], str] = field(default_factory=dict)  # (township, key) → new id
    new_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # new id → (township id, name)

    @classmethod
    def load(cls, session: Session) -> _Places:
        identity = session.scalars(select(StationIdentity)).one()
        rows = session.execute(
            select(Division.id, Division.code, Division.name, Division.level, Division.parent_id).where(
                Division.deleted.is_(False)
            )
        ).all()
        root = next((r for r in rows if r.code == identity.division_code), None)
        children: dict[str | None, list[Any]] = {}
        for row in rows:
            children.setdefault(row.parent_id, []).append(row)
        under: list[Any] = []
        stack = [root] if root is not None else []
        while stack:
            current = stack.pop()
            under.append(current)
            stack.extend(children.get(current.id, []))
        townships = {r.id: r.name for r in under if r.level == "township"}
        villages: dict[tuple[str, str], str] = {}
        village_townships: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        for r in under:
            if r.level == "village" and r.parent_id in townships:
                key = village_key(r.name)
                villages.setdefault((r.parent_id, key), r.id)
                village_townships.setdefault(key, []).append(r.parent_id)
                names[r.id] = r.name
        return cls(identity.level, townships, villages, village_townships, names)

    def township_for(self, written: str, village: str) -> tuple[str | None, Words]:
        """(township id, reason when None)."""
        if len(self.townships) == 1:
            return next(iter(self.townships)), _NO_REASON
        if written:
            key = township_key(written)
            for township_id, name in self.townships.items():
                if name == written or township_key(name) == key:
                    return township_id, _NO_REASON
            return None, Words(
                f"乡镇“{written}”不在本站点的区划中", f"The township “{written}” is not one of this station's"
            )
        candidates = self.village_townships.get(village_key(village), [])
        if len(set(candidates)) == 1:
            return candidates[0], _NO_REASON
        if not self.townships:
            return None, Words(
                "本站点下没有乡镇，无法确定所在村",
                "This station has no townships, so the village's is unknown",
            )
        return None, Words(
            "无法确定所在乡镇：请在花名册中加“乡镇”列",
            "The township is unknown: add a township column to the roster",
        )

    def division_for(self, household: RosterHousehold, unit: str) -> tuple[str | None, Words]:
        """(division id, refusal reason) for a household's village; unknown villages get a new id."""
        village = household.village or (unit if unit.endswith(("村", "村委会", "村民委员会")) else "")
        if not village:
            return None, Words("未填写所在村", "The village is not given")
        township_id, reason = self.township_for(household.township, village)
        if township_id is None:
            return None, reason
        key = (township_id, village_key(village))
        if key in self.villages:
            return self.villages[key], _NO_REASON
        if key in self.new_villages:
            return self.new_villages[key], _NO_REASON
        division_id = new_id()
        self.new_villages[key] = division_id
        self.new_names[division_id] = (township_id, village)
        return division_id, _NO_REASON

    def name(self, division_id: str) -> str:
        if division_id in self.new_names:
            return self.new_names[division_id][1]
        return self.village_names.get(division_id, "")


# -- the plan --------------------------------------------------------------------------------------


@dataclass
class _Update:
    household_id: str
    roster: RosterHousehold
    division_id: str


@dataclass
class _Plan:
    """What an import does, gathered batch by batch: counts and notes; the households themselves are
    written (or, in a preview, forgotten) one batch at a time."""

    year: int
    places: _Places
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowNote] = field(default_factory=list)
    warnings: list[RowNote] = field(default_factory=list)
    added_entries: list[RosterEntry] = field(default_factory=list)  # the first ENTRIES_SHOWN
    updated_entries: list[RosterEntry] = field(default_factory=list)
    warned_villages: set[tuple[str, str]] = field(default_factory=set)
    used_villages: set[str] = field(default_factory=set)  # new villages some accepted household uses
    written_villages: set[str] = field(default_factory=set)

    def entry(self, household: RosterHousehold, division_id: str) -> RosterEntry:
        head = household.head
        return RosterEntry(
            household.head_row,
            head.name,
            head.id_number,
            self.places.name(division_id),
            len(household.members),
        )


@dataclass
class _Batch:
    new: list[tuple[RosterHousehold, str]] = field(default_factory=list)  # (household, division id)
    updates: list[_Update] = field(default_factory=list)


def _existing_members(session: Session, numbers: Sequence[str]) -> dict[str, tuple[str, str, str, str]]:
    """ID number → (member id, household id, household's head ID number, head name), live rows only."""
    found: dict[str, tuple[str, str, str, str]] = {}
    for start in range(0, len(numbers), _CHUNK):
        chunk = numbers[start : start + _CHUNK]
        rows = session.execute(
            select(Member.id_number, Member.id, Household.id, Household.head_id_number, Household.head_name)
            .join(Household, Member.household_id == Household.id)
            .where(Member.id_number.in_(chunk), Member.deleted.is_(False), Household.deleted.is_(False))
        )
        for number, member_id, household_id, head_number, head_name in rows:
            found[number] = (member_id, household_id, head_number, head_name)
    return found


_NO_REASON = Words("", "")


def _village_created(village: str, township: str) -> Words:
    return Words(
        f"村“{village}”不在区划中，已在“{township}”下新建",
        f"The village “{village}” was not among the divisions: created under “{township}”",
    )


def _refuse(plan: _Plan, household: RosterHousehold, reason: Words) -> None:
    plan.rejected.append(RowNote.of(household.head_row, [reason], household.head.name))
    head_refused = Words(
        f"户主所在的第 {household.head_row} 行被拒绝，整户未导入",
        f"The head's row {household.head_row} was refused: the household was not imported",
    )
    for row, member in zip(household.rows, household.members, strict=False):
        if row != household.head_row:
            plan.rejected.append(RowNote.of(row, [head_refused], member.name))


def _conflict(
    household: RosterHousehold, existing: dict[str, tuple[str, str, str, str]]
) -> tuple[str | None, Words | None]:
    """(the stored household it updates or None, the reason it is refused or "")."""
    head = household.head
    target: str | None = None
    problem: Words | None = None
    found = existing.get(head.id_number)
    if found is not None:
        _, household_id, head_number, head_name = found
        if head_number != head.id_number:
            problem = Words(
                f"户主身份证号已登记为户主“{head_name}”一户的家庭成员，请核对",
                f"The head's ID number is stored as a member of the household of “{head_name}”: check it",
            )
        target = household_id
    for member in household.members[1:]:
        other = existing.get(member.id_number)
        if other is not None and other[1] != target:
            problem = problem or Words(
                f"第 {member.row} 行 {member.name} 的身份证号已登记在户主为“{other[3]}”的另一户中",
                f"Row {member.row}: the ID number of {member.name} is stored in another household (its "
                f"head “{other[3]}”)",
            )
    return target, problem


def _plan_batch(session: Session, plan: _Plan, interpretation: Interpretation, unit: str) -> _Batch:
    """Match one batch of households against the station: new, updated, unchanged or refused."""
    plan.rejected += interpretation.rejected
    plan.warnings += interpretation.warnings
    places = plan.places
    numbers = [m.id_number for h in interpretation.households for m in h.members]
    existing = _existing_members(session, numbers)
    batch = _Batch()
    candidates: list[_Update] = []
    for household in interpretation.households:
        division_id, reason = places.division_for(household, unit)
        if division_id is None:
            _refuse(plan, household, reason)
            continue
        target, problem = _conflict(household, existing)
        if problem:
            _refuse(plan, household, problem)
            continue
        if division_id in places.new_names:
            plan.used_villages.add(division_id)
            township_id, name = places.new_names[division_id]
            if (township_id, village_key(name)) not in plan.warned_villages:
                plan.warned_villages.add((township_id, village_key(name)))
                plan.warnings.append(
                    RowNote.of(
                        household.head_row,
                        [_village_created(name, places.townships[township_id])],
                        household.head.name,
                    )
                )
        if target is None:
            batch.new.append((household, division_id))
            plan.added += 1
            if len(plan.added_entries) < ENTRIES_SHOWN:
                plan.added_entries.append(plan.entry(household, division_id))
        else:
            candidates.append(_Update(target, household, division_id))
    _sort_updates(session, plan, batch, candidates)
    for division_id in [d for d in places.new_names if d not in plan.used_villages]:  # all refused
        township_id, name = places.new_names.pop(division_id)
        places.new_villages.pop((township_id, village_key(name)), None)
    return batch


def _sort_updates(session: Session, plan: _Plan, batch: _Batch, candidates: list[_Update]) -> None:
    """Split matched households into real updates and unchanged ones (comparing without writing)."""
    for start in range(0, len(candidates), _CHUNK):
        chunk = candidates[start : start + _CHUNK]
        loaded = _load_households(session, [c.household_id for c in chunk], plan.year)
        for candidate in chunk:
            household, survey = loaded[candidate.household_id]
            if _apply_update(household, survey, candidate, plan.year, session=None):
                batch.updates.append(candidate)
                plan.updated += 1
                if len(plan.updated_entries) < ENTRIES_SHOWN:
                    plan.updated_entries.append(plan.entry(candidate.roster, candidate.division_id))
            else:
                plan.unchanged += 1


def _load_households(
    session: Session, ids: Sequence[str], year: int
) -> dict[str, tuple[Household, Survey | None]]:
    households = session.scalars(
        select(Household).where(Household.id.in_(ids)).options(selectinload(Household.members))
    ).all()
    surveys = {
        s.household_id: s
        for s in session.scalars(
            select(Survey).where(Survey.household_id.in_(ids), Survey.year == year, Survey.deleted.is_(False))
        )
    }
    return {h.id: (h, surveys.get(h.id)) for h in households}


class _Changes:
    """Sets attributes only when the value differs; remembers whether anything did (dry runs set nothing)."""

    def __init__(self, write: bool) -> None:
        self.write = write
        self.changed = False

    def set(self, obj: object, name: str, value: object) -> None:
        if getattr(obj, name) != value:
            self.changed = True
            if self.write:
                setattr(obj, name, value)


def _household_phone(members: Iterable[RosterMember]) -> str:
    return next((str(m.values["phone"]) for m in members if m.values.get("phone")), "")


def _apply_update(
    household: Household, survey: Survey | None, update: _Update, year: int, session: Session | None
) -> bool:
    """Bring ``household`` in line with the roster; with ``session`` None only say whether it would change."""
    changes = _Changes(write=session is not None)
    roster = update.roster
    changes.set(household, "division_id", update.division_id)
    for key in ("household_no", "address", "notes"):
        if roster.values.get(key):
            changes.set(household, key, str(roster.values[key]))
    phone = _household_phone(roster.members)
    if phone:
        changes.set(household, "phone", phone)
    live = [m for m in household.members if not m.deleted]
    added = _update_members(changes, household, live, roster, session)
    if roster.survey is not None:
        if survey is None:
            changes.changed = True
            if session is not None:
                survey = Survey(household_id=household.id, year=year)
                session.add(survey)
                _fill_survey(survey, roster, len(live) + added)
        else:
            for key, value in _survey_values(roster.survey).items():
                changes.set(survey, key, value)
    if session is not None and changes.changed:
        session.flush()
        refresh_household_summary(session, household)
    return changes.changed


def _update_members(
    changes: _Changes,
    household: Household,
    live: list[Member],
    roster: RosterHousehold,
    session: Session | None,
) -> int:
    """Bring the members in line with the roster's (new ones added); returns how many are new."""
    by_number = {m.id_number: m for m in live if m.id_number}
    position = max((m.position for m in live), default=-1) + 1
    added = 0
    for item in roster.members:
        member = by_number.get(item.id_number)
        if member is None:
            changes.changed = True
            added += 1
            if session is None:
                continue
            member = Member(household=household, position=position, id_number=item.id_number)
            position += 1
            session.add(member)
            _fill_member(member, item)
            continue
        changes.set(member, "name", item.name)
        changes.set(member, "sex", item.sex)
        changes.set(member, "birth_date", item.birth_date)
        if roster.member_roster and item.relationship:  # a per-household roster says nothing about it
            changes.set(member, "relationship", item.relationship)
        for key in _MEMBER_COLUMNS:
            value = item.values.get(key)
            if value not in (None, ""):
                changes.set(member, key, value)
    return added


def _survey_values(survey: dict[str, object]) -> dict[str, object]:
    """The survey columns a roster gave (only those)."""
    values: dict[str, object] = {}
    for key, value in survey.items():
        if key == "hardship_causes":
            values[key] = ",".join(value)  # type: ignore[arg-type]
        elif value is not None:
            values[key] = value
    return values


def _fill_member(member: Member, item: RosterMember) -> None:
    member.name = item.name
    member.id_number = item.id_number
    member.sex = item.sex
    member.birth_date = item.birth_date
    member.relationship = item.relationship
    for key in MEMBER_CODED:
        setattr(member, key, str(item.values.get(key) or ""))
    member.work_away_months = item.values.get("work_away_months")  # type: ignore[assignment]
    member.phone = str(item.values.get("phone") or "")
    member.notes = ""


def _survey_columns(roster: RosterHousehold, members: int) -> dict[str, object]:
    """A new survey's columns: what the roster gave, zero income and blank text for the rest."""
    values: dict[str, object] = {
        "household_size": members,
        **dict.fromkeys(INCOME_FIELDS, 0),
        "hardship_causes": "",
        "needs": "",
        "notes": "",
        "surveyor": "",
        "survey_date": None,
    }
    values.update(_survey_values(roster.survey or {}))
    return values


def _fill_survey(survey: Survey, roster: RosterHousehold, members: int) -> None:
    for key, value in _survey_columns(roster, members).items():
        setattr(survey, key, value)


# -- bulk insert of new households ------------------------------------------------------------------


def _insert_sql(table: Any) -> tuple[str, tuple[str, ...]]:
    columns = tuple(table.columns.keys())
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', columns


def _insert_new(
    connection: Connection, db: Database, new: Sequence[tuple[RosterHousehold, str]], year: int
) -> list[str]:
    """Write new households with their members and surveys; returns the household ids."""
    assert db.clock is not None and db.station_id is not None
    stamp = db.clock.now()
    sync = {
        "origin": db.station_id,
        "created_stamp": str(stamp),
        "stamp": str(stamp),
        "field_stamps": None,
        "deleted": 0,
        "seq": stamp.ordinal,
    }
    tables = {
        name: _insert_sql(model.__table__)
        for name, model in (("household", Household), ("member", Member), ("survey", Survey))
    }
    rows: dict[str, list[tuple[object, ...]]] = {name: [] for name in tables}
    # Every column starts out NULL (sync bookkeeping columns of later schema versions too), then the sync
    # values; a row's own values override both. itemgetter makes the tuple in C: 10k rows add up.
    defaults = {name: {**dict.fromkeys(columns), **sync} for name, (_, columns) in tables.items()}
    getters = {name: itemgetter(*columns) for name, (_, columns) in tables.items()}

    def add(name: str, values: dict[str, object]) -> None:
        rows[name].append(getters[name]({**defaults[name], **values}))

    def flush() -> None:
        for name, (sql, _) in tables.items():
            if rows[name]:
                connection.exec_driver_sql(sql, rows[name])
                rows[name] = []

    ids: list[str] = []
    for index, (roster, division_id) in enumerate(new, start=1):
        household_id = new_id()
        ids.append(household_id)
        members = roster.members
        head = members[0]
        phone = _household_phone(members)
        add(
            "household",
            {
                "id": household_id,
                "division_id": division_id,
                "household_no": str(roster.values.get("household_no", "")),
                "address": str(roster.values.get("address", "")),
                "phone": phone,
                "notes": str(roster.values.get("notes", "")),
                "head_name": head.name,
                "head_name_sort": name_sort_key(head.name),
                "head_id_number": head.id_number,
                "ethnicity": str(head.values.get("ethnicity") or ""),
                "member_count": len(members),
                "search_text": household_search_text(
                    [m.name for m in members],
                    [m.id_number for m in members],
                    [phone, *(str(m.values.get("phone") or "") for m in members)],
                ),
                "latest_year": None,
                "latest_net_income": None,
                "latest_per_capita": None,
            },
        )
        for position, member in enumerate(members):
            add(
                "member",
                {
                    "id": new_id(),
                    "household_id": household_id,
                    "position": position,
                    "name": member.name,
                    "id_number": member.id_number,
                    "sex": member.sex,
                    "birth_date": member.birth_date.isoformat() if member.birth_date else None,
                    "relationship": member.relationship,
                    **{key: str(member.values.get(key) or "") for key in MEMBER_CODED},
                    "work_away_months": member.values.get("work_away_months"),
                    "phone": str(member.values.get("phone") or ""),
                    "notes": "",
                },
            )
        if roster.survey is not None:
            columns = _survey_columns(roster, len(members))
            when = columns["survey_date"]
            columns["survey_date"] = when.isoformat() if isinstance(when, dt.date) else None
            add("survey", {"id": new_id(), "household_id": household_id, "year": year, **columns})
        if index % 2000 == 0:
            flush()
    flush()
    return ids


# -- the service -----------------------------------------------------------------------------------


class RosterService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- remembered mappings ----------------------------------------------------------------------

    @property
    def _mappings_path(self) -> Path:
        return self.db.folder.root / MAPPINGS_FILE

    def _remembered(self) -> dict[str, dict[str, int]]:
        try:
            data = json.loads(self._mappings_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def remember_mapping(self, table: RosterTable, mapping: dict[str, int]) -> None:
        """Keep ``mapping`` for the next file whose header looks like ``table``'s (atomic write)."""
        data = self._remembered()
        data[table.signature] = {k: int(v) for k, v in mapping.items() if k in FIELDS_BY_KEY}
        temporary = self._mappings_path.with_name(f".{MAPPINGS_FILE}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, self._mappings_path)

    # -- import -----------------------------------------------------------------------------------

    def read(self, path: str | os.PathLike[str], task: TaskState | None = None) -> RosterTable:
        """The roster table in ``path``, its mapping the remembered one for this shape if there is one."""
        table = read_roster_table(Path(path), task)
        remembered = self._remembered().get(table.signature)
        if remembered:
            width = len(table.columns)
            table.mapping = {k: v for k, v in remembered.items() if k in FIELDS_BY_KEY and 0 <= v < width}
        return table

    def default_year(self, table: RosterTable) -> int:
        return choose_year(table, table.mapping).year

    def year_choice(
        self, table: RosterTable, mapping: dict[str, int] | None = None, year: int | None = None
    ) -> YearChoice:
        """The survey year an import of ``table`` uses, and why (shown in the preview and the CLI)."""
        return choose_year(table, normalise_mapping(table.mapping if mapping is None else mapping), year)

    def _check_mapping(self, mapping: dict[str, int]) -> None:
        if "name" not in mapping or "id_number" not in mapping:
            raise ServiceError(code="roster.name_and_id_needed")
        columns: dict[int, str] = {}
        for key, index in mapping.items():
            if index in columns:
                raise ServiceError(
                    code="roster.column_twice",
                    column=column_letter(index),
                    first=_field_words(columns[index]),
                    second=_field_words(key),
                )
            columns[index] = key

    def preview(
        self,
        table: RosterTable,
        mapping: dict[str, int] | None = None,
        year: int | None = None,
        task: TaskState | None = None,
    ) -> RosterOutcome:
        """What importing would do; writes nothing."""
        task = task or TaskState()
        mapping = normalise_mapping(table.mapping if mapping is None else mapping)
        self._check_mapping(mapping)
        choice = choose_year(table, mapping, year)
        with self.db.reader() as session:
            plan = self._run(session, table, mapping, choice.year, task, user=None)
        return self._outcome(plan, table, mapping, choice, written=False)

    def import_table(
        self,
        table: RosterTable,
        mapping: dict[str, int] | None = None,
        year: int | None = None,
        task: TaskState | None = None,
        user: str = "system",
    ) -> RosterOutcome:
        """Import in one transaction (everything or nothing); remembers the mapping for this file shape."""
        self.db.actor.require(IMPORT_ROSTER)
        task = task or TaskState()
        mapping = normalise_mapping(table.mapping if mapping is None else mapping)
        self._check_mapping(mapping)
        choice = choose_year(table, mapping, year)
        if not 2000 <= choice.year <= dt.date.today().year + 1:
            raise ServiceError(code="roster.bad_year", year=choice.year)
        with self.db.session(user) as session:
            plan = self._run(session, table, mapping, choice.year, task, user=user)
            # The last chance to cancel: everything is written, nothing committed.
            task.report(1, 1, text("working.roster_committing"))
        if mapping != table.detected or table.signature in self._remembered():
            self.remember_mapping(table, mapping)
        return self._outcome(plan, table, mapping, choice, written=True)

    def _run(
        self,
        session: Session,
        table: RosterTable,
        mapping: dict[str, int],
        year: int,
        task: TaskState,
        user: str | None,
    ) -> _Plan:
        """Check the rows batch by batch against the station and, with a ``user``, write each batch."""
        plan = _Plan(year, _Places.load(session))
        plan.warnings += header_notes(table, mapping)
        total = max(1, len(table.rows))
        done = 0
        task.report(0, total, text("working.roster_checking"))
        for interpretation in interpret_batches(table.rows, mapping, context=row_context(table, mapping)):
            batch = _plan_batch(session, plan, interpretation, table.unit)
            if user is not None:
                self._write_batch(session, plan, batch)
            done += sum(len(h.rows) for h in interpretation.households) + len(interpretation.rejected)
            task.report(
                min(done, total),
                total,
                text("working.roster_writing" if user is not None else "working.roster_checking"),
            )
        if user is not None and (plan.added or plan.updated):  # an import that changed nothing: no line
            self._audit(session, table, plan)
        plan.rejected.sort(key=lambda n: n.row)
        plan.warnings.sort(key=lambda n: n.row)
        return plan

    def _write_batch(self, session: Session, plan: _Plan, batch: _Batch) -> None:
        places = plan.places
        for division_id in [d for d in plan.used_villages if d not in plan.written_villages]:
            township_id, name = places.new_names[division_id]
            session.add(
                Division(id=division_id, name=name, level="village", parent_id=township_id, code=None)
            )
            plan.written_villages.add(division_id)
        session.flush()
        touched: list[str] = []
        for start in range(0, len(batch.updates), _CHUNK):
            chunk = batch.updates[start : start + _CHUNK]
            loaded = _load_households(session, [u.household_id for u in chunk], plan.year)
            for update in chunk:
                household, survey = loaded[update.household_id]
                _apply_update(household, survey, update, plan.year, session=session)
                touched.append(update.household_id)
            session.flush()
        connection = session.connection()
        if batch.new:
            with deferred_search_indexing(connection):
                touched += _insert_new(connection, self.db, batch.new, plan.year)
        refresh_latest_income(connection, touched)

    def _audit(self, session: Session, table: RosterTable, plan: _Plan) -> None:
        counts = {
            "added": plan.added,
            "updated": plan.updated,
            "unchanged": plan.unchanged,
            "rejected": len(plan.rejected),
        }
        audit.record(
            session,
            audit.IMPORT,
            "household",
            self.db.station_id or "",
            summary=audit.Summary.of(
                "audit.roster_import",
                file=table.path.name,
                added=plan.added,
                updated=plan.updated,
                rejected=len(plan.rejected),
            ),
            details={"file": table.path.name, "year": plan.year, **counts},
        )

    def _outcome(
        self,
        plan: _Plan,
        table: RosterTable,
        mapping: dict[str, int],
        choice: YearChoice,
        *,
        written: bool,
    ) -> RosterOutcome:
        places = plan.places
        return RosterOutcome(
            added=plan.added,
            updated=plan.updated,
            unchanged=plan.unchanged,
            rejected=tuple(plan.rejected),
            warnings=tuple(plan.warnings),
            villages_created=tuple(
                places.new_names[d][1] for d in places.new_names if d in plan.used_villages
            ),
            year=plan.year,
            written=written,
            added_entries=tuple(plan.added_entries),
            updated_entries=tuple(plan.updated_entries),
            unmapped_columns=unmapped_columns(table, mapping),
            year_reason=choice.reason,
        )

    def import_file(
        self,
        path: str | os.PathLike[str],
        *,
        dry_run: bool = False,
        year: int | None = None,
        task: TaskState | None = None,
        user: str = "system",
    ) -> RosterOutcome:
        """Read and import (or only preview) a roster file with its detected or remembered mapping."""
        table = self.read(path, task)
        if dry_run:
            return self.preview(table, year=year, task=task)
        return self.import_table(table, year=year, task=task, user=user)

    def refused_rows_masking(
        self, *, full: bool | None = None, reason: str | None = None
    ) -> tuple[Masking, str]:
        """How the refused-rows file shows ID numbers, birth dates and phones, and the reason it needs:
        masked for a user without ``SEE_PERSONAL_DATA`` (the cells were typed by the village, but the file
        leaves the program); whole for one with it, given a reason (``full=False`` masks anyway). Call it
        before the import, so a missing reason refuses the command before anything changes."""
        self.db.actor.require(IMPORT_ROSTER)
        masking = export_masking(self.db, full)
        return masking, require_reason(masking, reason)

    def save_rejected(
        self,
        table: RosterTable,
        rejected: Sequence[RowNote],
        out: str | os.PathLike[str],
        *,
        full: bool | None = None,
        reason: str | None = None,
    ) -> Path:
        """The refused rows as they were sent, with their row number and reason, for the village to fix;
        personal cells as ``refused_rows_masking`` says, the file and its reason in the audit log."""
        masking, reason = self.refused_rows_masking(full=full, reason=reason)
        out = Path(out)
        reasons: dict[int, list[str]] = {}
        for note in rejected:
            reasons.setdefault(note.row, []).append(note.reason)
        values_by_row = {number: values for number, values in table.rows if number in reasons}
        width = len(table.columns)
        keys: list[str | None] = [None] * width
        for key, index in table.mapping.items():
            if 0 <= index < width:
                keys[index] = key
        header = ["原行号", *[c.header.split("/")[-1] for c in table.columns], "退回原因"]
        rows = []
        for number, texts in sorted(reasons.items()):
            values = list(values_by_row.get(number, ()))
            values += [None] * (width - len(values))
            cells = [masking.cell(key, value) for key, value in zip(keys, values[:width], strict=True)]
            rows.append([number, *cells, masking.text("；".join(texts))])
        text_columns = [
            table.mapping[k] + 1 for k in ("id_number", "head_id_number", "phone") if k in table.mapping
        ]
        write_rows(out, f"退回修改的行（{table.path.name}）", header, rows, text_columns)
        note_disclosure(
            self.db,
            what=Words(
                f"花名册 {table.path.name} 退回修改的 {len(rows)} 行",
                f"the {len(rows)} rows of the roster {table.path.name} sent back for correction",
            ),
            path=out,
            reason=reason,
            masking=masking,
            details={"roster": table.path.name, "rows": len(rows)},
            kind="household",
        )
        return out

    # -- export -----------------------------------------------------------------------------------

    def export(
        self,
        out: str | os.PathLike[str],
        *,
        year: int | None = None,
        task: TaskState | None = None,
        full: bool | None = None,
        reason: str | None = None,
    ) -> ExportSummary:
        """The station's live households as a member roster (head first), in the layout ``read`` reads.

        ID numbers and phones are whole for a user who may see them (``full=None``; ``False`` masks
        them anyway) and then need a ``reason``, which goes to the audit log with the user
        (``services.disclosure``); for anyone else they are masked.
        """
        task = task or TaskState()
        out = Path(out)
        masking = export_masking(self.db, full)
        reason = require_reason(masking, reason)
        if out.suffix.lower() != ".xlsx":
            raise ServiceError(code="output.wrong_suffix", path=out, suffix=".xlsx")
        if not out.parent.is_dir():
            raise ServiceError(code="output.no_folder", folder=out.parent, path=out)
        lists = code_lists()
        with self.db.reader() as session:
            station_name = session.scalars(select(StationIdentity)).one().name
            if year is None:
                year = (
                    session.scalar(
                        select(Survey.year)
                        .where(Survey.deleted.is_(False))
                        .order_by(Survey.year.desc())
                        .limit(1)
                    )
                    or dt.date.today().year
                )
            divisions = {
                d.id: d for d in session.scalars(select(Division).where(Division.deleted.is_(False)))
            }
            households = session.scalars(
                select(Household).where(Household.deleted.is_(False)).options(selectinload(Household.members))
            ).all()
            surveys = {
                s.household_id: s
                for s in session.scalars(select(Survey).where(Survey.year == year, Survey.deleted.is_(False)))
            }

            def place(household: Household) -> tuple[str, str]:
                village = divisions.get(household.division_id)
                township = divisions.get(village.parent_id) if village and village.parent_id else None
                return (township.name if township else "", village.name if village else "")

            ordered = sorted(households, key=lambda h: (*place(h), h.household_no, h.head_name_sort, h.id))
            rows: list[dict[str, object]] = []
            member_total = 0
            for index, household in enumerate(ordered):
                township, village = place(household)
                head_number = household.head_id_number
                members = sorted(
                    (m for m in household.members if not m.deleted),
                    key=lambda m: (m.id_number != head_number, m.position),
                )
                survey = surveys.get(household.id)
                for position, member in enumerate(members):
                    row: dict[str, object] = {
                        "name": member.name,
                        "relationship": lists.relationship.name(member.relationship),
                        "sex": lists.sex.name(member.sex),
                        "ethnicity": lists.ethnicity.name(member.ethnicity),
                        "id_number": masking.id_number(member.id_number),
                        "head_id_number": masking.id_number(head_number),
                        "education": lists.education.name(member.education),
                        "health": lists.health.name(member.health),
                        "labour": lists.labour.name(member.labour),
                        "school_status": lists.school_status.name(member.school_status),
                        "work_away_months": member.work_away_months,
                        "phone": masking.phone(member.phone) or None,
                    }
                    if position == 0:
                        row.update(
                            township=township,
                            village=village,
                            household_no=household.household_no or None,
                            address=household.address or None,
                            notes=household.notes or None,
                        )
                        if survey is not None:
                            row.update(
                                household_size=survey.household_size,
                                **{key: getattr(survey, key) for key in INCOME_FIELDS},
                                hardship_causes="、".join(
                                    lists.hardship_cause.name(c)
                                    for c in survey.hardship_causes.split(",")
                                    if c
                                )
                                or None,
                                survey_date=survey.survey_date,
                                surveyor=survey.surveyor or None,
                                needs=survey.needs or None,
                            )
                    rows.append({k: (v if v != "" else None) for k, v in row.items()})
                member_total += len(members)
                if index % 1000 == 0:
                    task.report(index, len(ordered), text("working.roster_gathering"))
        today = dt.date.today()
        sheet = RosterSheet(
            title=f"{station_name}惠民工程农户花名册（{year}年度）",
            unit_line=f"填报单位：{station_name}　　　　填报日期：{today.year}年{today.month}月{today.day}日"
            "　　　　单位：人、元",
            footer="填表人：　　　　　　审核人：　　　　　　单位负责人：　　　　　　（盖章）",
            rows=rows,
        )
        task.report(len(ordered), len(ordered), text("working.roster_writing_excel"))
        write_roster(out, sheet, ROSTER_LAYOUT)
        details = {"households": len(ordered), "members": member_total, "year": year}
        note_disclosure(
            self.db, what=Words("花名册", "roster"), path=out, reason=reason, masking=masking, details=details
        )
        return ExportSummary(out, len(ordered), member_total, year, masking.full)


def _field_words(key: str) -> Words:
    """A roster field's name in both languages, for a sentence about it."""
    return Words(FIELDS_BY_KEY[key].label, ENGLISH_LABELS[key])
