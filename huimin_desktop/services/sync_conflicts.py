"""Conflict review: what a merge decided on its own, shown so a clerk can agree or choose the other value.

The merge has already applied the deterministic winner everywhere; reviewing never blocks sync.
Choosing the other value writes it as an ordinary local edit, stamped now, so it wins on every copy
as the packages travel on. ID numbers are shown masked here, like everywhere outside the editor.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, DateTime, select

from huimin_desktop.domain.masking import ID_FIELDS, MASKED, Masking
from huimin_desktop.errors import NotFoundError, ServiceError
from huimin_desktop.messages import Words, is_english, text
from huimin_desktop.messages.catalog import RECORD_KINDS
from huimin_desktop.model import SyncConflict
from huimin_desktop.security.roles import RESOLVE_CONFLICTS
from huimin_desktop.store.database import Database
from huimin_desktop.sync.authority import KIND_LABELS, SEED_STATION, StationDirectory
from huimin_desktop.sync.records import DELETED, TABLES, stamp_ms, stamp_station

TABLE_LABELS = KIND_LABELS  # what a clerk calls each kind of record, as the merge's refusals name them

FIELD_LABELS: dict[str, Words] = {
    DELETED: Words("删除", "deleted"),
    "id_number": Words("身份证号", "ID number"),
    "name": Words("姓名", "name"),
    "phone": Words("联系电话", "phone"),
    "address": Words("住址", "address"),
    "notes": Words("备注", "notes"),
    "household_no": Words("户编号", "household number"),
    "division_id": Words("所在村", "village"),
    "sex": Words("性别", "sex"),
    "birth_date": Words("出生日期", "date of birth"),
    "ethnicity": Words("民族", "ethnicity"),
    "relationship": Words("与户主关系", "relationship to the head"),
    "education": Words("文化程度", "education"),
    "health": Words("健康状况", "health"),
    "labour": Words("劳动能力", "ability to work"),
    "school_status": Words("在校生状况", "schooling"),
    "work_away_months": Words("务工月数", "months working away"),
    "position": Words("成员顺序", "order among members"),
    "year": Words("年度", "year"),
    "household_size": Words("家庭人口", "household size"),
    "income_wage": Words("工资性收入", "wage income"),
    "income_business": Words("生产经营性收入", "business income"),
    "income_property": Words("财产性收入", "property income"),
    "income_transfer": Words("转移性收入", "transfer income"),
    "expense_business": Words("生产经营性支出", "business expenses"),
    "hardship_causes": Words("致贫原因", "causes of hardship"),
    "needs": Words("需求", "needs"),
    "surveyor": Words("调查人", "surveyor"),
    "survey_date": Words("调查日期", "survey date"),
    "code": Words("编号", "number"),
    "category": Words("类别", "category"),
    "content": Words("建设内容", "what is built"),
    "scale": Words("规模", "scale"),
    "fund_provincial": Words("省专项资金", "provincial funds"),
    "fund_local": Words("市县配套资金", "city and county funds"),
    "fund_integrated": Words("整合资金", "integrated funds"),
    "fund_self": Words("自筹资金", "own funds"),
    "responsible": Words("负责人", "person responsible"),
    "stage": Words("阶段", "stage"),
    "caption": Words("说明", "caption"),
}


@dataclass(frozen=True)
class ConflictRecord:
    id: int  # 0 in a dry run (nothing was written)
    kind: str  # "field" | "edit-delete" | "duplicate-id"
    table_name: str
    row_id: str
    field: str
    record_label: str  # what a clerk recognises: "农户 宝斯鲁（马友营村）"; no full ID numbers
    field_label: str  # "联系电话", "删除"…
    winner_value: Any  # applied now
    other_value: Any  # the value that lost
    winner_station: str  # station name (or a short id when unknown)
    other_station: str
    winner_stamp: str
    other_stamp: str
    detected_at: dt.datetime
    status: str  # "open" | "kept" | "chose-other"
    other_row_id: str | None = None  # duplicate-id: the other household
    # duplicate-id: (what, this household's value, the other's) for each point where the two differ,
    # and when each household (with its members and surveys) last changed
    differences: tuple[tuple[str, str, str], ...] = ()
    winner_changed: dt.datetime | None = None
    other_changed: dt.datetime | None = None

    @property
    def winner_time(self) -> dt.datetime | None:
        return _stamp_time(self.winner_stamp)

    @property
    def other_time(self) -> dt.datetime | None:
        return _stamp_time(self.other_stamp)


def _station_name(names: dict[str, str], station_id: str) -> str:
    """A station's name and division; a station this one never enrolled (a city above the county that
    enrolled us, a township of another county) is only known to be another station."""
    if station_id == SEED_STATION:
        return text("station.seed")
    return names.get(station_id) or text("station.not_enrolled_here")


def _stamp_time(stamp: str) -> dt.datetime | None:
    if not stamp:
        return None
    return dt.datetime.fromtimestamp(stamp_ms(stamp) / 1000, dt.UTC).astimezone().replace(tzinfo=None)


def _display(field: str, value: Any, masking: Masking) -> Any:
    """A conflict's value as its reader may see it: an ID number always masked (a clerk tells two
    numbers apart by their masked form); a phone, a birth date and any number in a text as the role may
    see them (an entry user lists conflicts too: domain/masking.py)."""
    if field in ID_FIELDS:
        return MASKED.field(field, value)
    if field == DELETED:
        return text("value.deleted" if value else "value.not_deleted")
    return masking.value(field, value)


class ConflictReview:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading ----------------------------------------------------------------------------------

    def _station_names(self) -> dict[str, str]:
        """Station id → name and division (this station: 本站); ``_station_name`` falls back."""
        with self.db.reader() as session:
            directory = StationDirectory.load(session.connection())
        names = {station_id: directory.label(station_id) for station_id in directory.peers}
        if self.db.station_id:
            names[self.db.station_id] = text("station.this")
        return names

    def _label(self, connection: Any, table: str, row_id: str) -> str:
        """What a clerk recognises, in the current language (names and places as the data holds them)."""
        english = is_english()
        what = TABLE_LABELS.get(table, table)
        if english:
            what = RECORD_KINDS.get(what, table)
        household_id = None
        detail = ""
        if table == "household":
            household_id = row_id
        elif table in ("member", "survey"):
            row = connection.exec_driver_sql(
                f"SELECT household_id, {'name' if table == 'member' else 'year'} FROM {table} WHERE id = ?",
                (row_id,),
            ).first()
            if row is not None:
                year = "年" if table == "survey" and not english else ""
                household_id, detail = row[0], f"{row[1]}{year}"
        elif table in ("project", "training"):
            row = connection.exec_driver_sql(
                f"SELECT {'name' if table == 'project' else 'topic'} FROM {table} WHERE id = ?", (row_id,)
            ).first()
            detail = row[0] if row else ""
        if household_id is not None:
            row = connection.exec_driver_sql(
                "SELECT h.head_name, d.name, t.name FROM household h "
                "LEFT JOIN division d ON d.id = h.division_id LEFT JOIN division t ON t.id = d.parent_id "
                "WHERE h.id = ?",
                (household_id,),
            ).first()
            if row is not None:
                # 宝斯鲁户（马友营蒙古族乡 东营子村）: village names repeat across townships
                place = " ".join(part for part in (row[2], row[1]) if part)
                if english:
                    head = f"household of {row[0] or '(no head)'}" + (f" ({place})" if place else "")
                    return head if table == "household" else f"{head}, {what} {detail}".strip()
                village = f"（{place}）" if place else ""
                head = f"{row[0] or '（无户主）'}户{village}"
                return head if table == "household" else f"{head} {what} {detail}".strip()
        return f"{what} {detail or row_id[:8]}".strip()

    def _to_record(self, connection: Any, c: SyncConflict, names: dict[str, str]) -> ConflictRecord:
        def station(stamp: str) -> str:
            if not stamp:
                return ""
            sid = stamp_station(stamp)
            return _station_name(names, sid)

        masking = Masking.for_actor(self.db.actor)
        winner_station, other_station = station(c.winner_stamp), station(c.other_stamp)
        differences: tuple[tuple[str, str, str], ...] = ()
        winner_changed = other_changed = None
        if c.kind == "duplicate-id":
            winner_station = self._origin_name(connection, c.row_id, names)
            other_station = self._origin_name(connection, c.other_row_id or "", names)
            if c.table_name == "household" and c.other_row_id:
                differences = _differences(connection, c.row_id, c.other_row_id)
                winner_changed = _last_change(connection, c.row_id)
                other_changed = _last_change(connection, c.other_row_id)
        other_value = c.other_value
        if c.kind == "edit-delete" and isinstance(other_value, dict):
            other_value = {field_word(k): _display(k, v, masking) for k, v in other_value.items()}
        return ConflictRecord(
            id=c.id,
            kind=c.kind,
            table_name=c.table_name,
            row_id=c.row_id,
            field=c.field,
            record_label=self._label(connection, c.table_name, c.row_id),
            field_label=field_word(c.field),
            winner_value=_display(c.field, c.winner_value, masking),
            other_value=other_value if c.kind == "edit-delete" else _display(c.field, other_value, masking),
            winner_station=winner_station,
            other_station=other_station,
            winner_stamp=c.winner_stamp,
            other_stamp=c.other_stamp,
            detected_at=c.detected_at,
            status=c.status,
            other_row_id=c.other_row_id,
            differences=differences,
            winner_changed=winner_changed,
            other_changed=other_changed,
        )

    @staticmethod
    def _origin_name(connection: Any, household_id: str, names: dict[str, str]) -> str:
        origin = connection.exec_driver_sql(
            "SELECT origin FROM household WHERE id = ?", (household_id,)
        ).scalar()
        return _station_name(names, origin or "")

    def list(self, *, open_only: bool = True) -> list[ConflictRecord]:
        names = self._station_names()
        with self.db.reader() as session:
            query = select(SyncConflict).order_by(SyncConflict.id)
            if open_only:
                query = query.where(SyncConflict.status == "open")
            conflicts = list(session.scalars(query))
            connection = session.connection()
            return [self._to_record(connection, c, names) for c in conflicts]

    def describe(
        self, conflicts: builtins.list[Any], ids: builtins.list[int], *, dry_run: bool
    ) -> builtins.list[ConflictRecord]:
        """Records for the conflicts one merge found (in a dry run they were never stored)."""
        if not dry_run:
            names = self._station_names()
            with self.db.reader() as session:
                rows = [session.get(SyncConflict, i) for i in ids]
                connection = session.connection()
                return [self._to_record(connection, c, names) for c in rows if c is not None]
        names = self._station_names()
        now = dt.datetime.now()
        with self.db.reader() as session:
            connection = session.connection()
            return [
                self._to_record(
                    connection,
                    SyncConflict(
                        id=0,
                        kind=c.kind,
                        table_name=c.table_name,
                        row_id=c.row_id,
                        field=c.field,
                        winner_value=c.winner_value,
                        other_value=c.other_value,
                        winner_stamp=c.winner_stamp,
                        other_stamp=c.other_stamp,
                        other_row_id=c.other_row_id,
                        detected_at=now,
                        status="open",
                    ),
                    names,
                )
                for c in conflicts
            ]

    # -- deciding ---------------------------------------------------------------------------------

    def _open_conflict(self, session: Any, conflict_id: int) -> SyncConflict:
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None:
            raise ServiceError(code="conflict.unknown", conflict_id=conflict_id)
        if conflict.status != "open":
            raise ServiceError(code="conflict.decided", conflict_id=conflict_id)
        return conflict

    def keep(self, conflict_id: int, *, user: str = "system") -> None:
        self.resolve(keep=(conflict_id,), user=user)

    def choose_other(self, conflict_id: int, *, user: str = "system") -> None:
        self.resolve(other=(conflict_id,), user=user)

    def resolve(self, *, keep: Sequence[int] = (), other: Sequence[int] = (), user: str = "system") -> None:
        """Decide several conflicts at once, all or nothing: ``keep`` agrees with the applied value,
        ``other`` writes the value that lost as a new local edit (which syncs on).

        Every id is checked before anything is written (unknown, already decided, named twice, a
        duplicate-ID conflict asked for its "other value"); the first refusal names its id and the
        whole batch is left undone.
        """
        self.db.actor.require(RESOLVE_CONFLICTS)
        from huimin_desktop.services.household_summary import refresh_summaries

        twice = sorted(i for i, count in Counter([*keep, *other]).items() if count > 1)
        if twice:
            raise ServiceError(code="conflict.named_twice", conflict_id=twice[0])
        user = self.db.acting_user(user)
        with self.db.session(user) as session:
            kept = [self._open_conflict(session, i) for i in keep]
            chosen = [self._open_conflict(session, i) for i in other]
            rows = [self._losing_row(session, conflict) for conflict in chosen]
            households: list[str] = []
            for conflict in kept:
                conflict.status, conflict.resolved_by, conflict.resolved_at = "kept", user, _now()
                _audit_decision(session, conflict)
            for conflict, (spec, row) in zip(chosen, rows, strict=True):
                if conflict.kind == "edit-delete":
                    row.deleted = False  # the edits that met the deletion are already in place
                else:
                    setattr(row, conflict.field, _from_json(spec, conflict.field, conflict.other_value))
                conflict.status, conflict.resolved_by, conflict.resolved_at = "chose-other", user, _now()
                _audit_decision(session, conflict)
                session.flush()
                household = _household_of(session, spec.name, row)
                if household is not None:
                    households.append(household)
            if households:
                refresh_summaries(session.connection(), sorted(set(households)))

    @staticmethod
    def _losing_row(session: Any, conflict: SyncConflict) -> tuple[Any, Any]:
        """The row whose value the clerk prefers to the applied one, checked before anything changes."""
        if conflict.kind == "duplicate-id":
            raise ServiceError(code="conflict.no_other_value", conflict_id=conflict.id)
        spec = TABLES[conflict.table_name]
        row = session.get(spec.model, conflict.row_id)
        if row is None:
            raise NotFoundError(TABLE_LABELS.get(spec.name, spec.name), conflict.row_id)
        return spec, row


def _audit_decision(session: Any, conflict: SyncConflict) -> None:
    from huimin_desktop.services import audit

    choice = (
        Words("保留已合并的值", "the merged value kept")
        if conflict.status == "kept"
        else Words("改用另一方的值", "the other side's value taken")
    )
    audit.record(
        session,
        audit.CONFLICT,
        "sync_conflict",
        str(conflict.id),
        {"status": "open"},
        {"status": conflict.status},
        summary=audit.Summary.of(
            "audit.conflict",
            id=conflict.id,
            table=conflict.table_name,
            field=conflict.field or "",
            choice=choice,
        ),
        details={"table": conflict.table_name, "row_id": conflict.row_id, "field": conflict.field},
    )


def _household_of(session: Any, table: str, row: Any) -> str | None:
    if table == "household":
        return row.id
    if table in ("member", "survey"):
        return row.household_id
    return None


def _from_json(spec: Any, field: str, value: Any) -> Any:
    column = spec.model.__table__.columns[field]
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    return value


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def field_word(field: str) -> str:
    """A synced field's name in the current language (the column's own name for one not listed)."""
    words = FIELD_LABELS.get(field)
    if words is None:
        return field
    return words.en if is_english() else words.zh


__all__ = ["FIELD_LABELS", "TABLE_LABELS", "ConflictRecord", "ConflictReview"]


def _differences(connection: Any, household_id: str, other_id: str) -> tuple[tuple[str, str, str], ...]:
    mine, theirs = _household_facts(connection, household_id), _household_facts(connection, other_id)
    differ = [(what, value, theirs[what]) for what, value in mine.items() if theirs.get(what, value) != value]
    return tuple(differ)


def _household_facts(connection: Any, household_id: str) -> dict[str, str]:
    """What a clerk compares between two households that share an ID number (masked where personal)."""
    row = connection.exec_driver_sql(
        "SELECT h.head_name, t.name, d.name, h.address, h.phone, h.member_count, h.latest_year, "
        "h.latest_net_income FROM household h LEFT JOIN division d ON d.id = h.division_id "
        "LEFT JOIN division t ON t.id = d.parent_id WHERE h.id = ?",
        (household_id,),
    ).first()
    if row is None:
        return {}
    members = (
        connection.exec_driver_sql(
            "SELECT name FROM member WHERE household_id = ? AND NOT deleted ORDER BY position",
            (household_id,),
        )
        .scalars()
        .all()
    )
    english = is_english()
    income = ""
    if row[6] is not None and row[7] is not None:
        income = f"{row[7]} yuan ({row[6]})" if english else f"{row[7]} 元（{row[6]}年）"
    facts = {
        "head": row[0] or "",
        "township": row[1] or "",
        "village": row[2] or "",
        "address": row[3] or "",
        "phone": MASKED.phone(row[4]),
        "size": str(row[5] or 0),
        "members": (", " if english else "、").join(members),
        "income": income,
    }
    return {(words.en if english else words.zh): facts[key] for key, words in _FACT_NAMES.items()}


# What _household_facts compares, named in both languages (the keys are the facts' own names).
_FACT_NAMES = {
    "head": Words("户主", "head"),
    "township": Words("乡镇", "township"),
    "village": Words("村", "village"),
    "address": Words("住址", "address"),
    "phone": Words("联系电话", "phone"),
    "size": Words("人口", "household size"),
    "members": Words("成员", "members"),
    "income": Words("最近一年纯收入", "last year's net income"),
}


def _last_change(connection: Any, household_id: str) -> dt.datetime | None:
    """When the household, one of its members or one of its surveys was last changed (any station)."""
    stamps = (
        connection.exec_driver_sql(
            "SELECT stamp FROM household WHERE id = ? "
            "UNION ALL SELECT stamp FROM member WHERE household_id = ? "
            "UNION ALL SELECT stamp FROM survey WHERE household_id = ?",
            (household_id, household_id, household_id),
        )
        .scalars()
        .all()
    )
    latest = max((stamp_ms(stamp) for stamp in stamps if stamp), default=None)
    # naive UTC, like every other datetime the core hands out
    return None if latest is None else dt.datetime.fromtimestamp(latest / 1000, dt.UTC).replace(tzinfo=None)
