"""The audit log: who did what, when, on which record, with the values before and after.

Change capture (stamps/capture.py) writes the line of every create, update and delete of a synced row by
itself. Everything else a user does — an export, an import, a merge, a conflict decision, a login, a user
change — is written here with ``record``, in the transaction of the change it describes, so a change that
rolls back leaves no line and a line never exists without its change. The table is append-only: SQLite
triggers refuse UPDATE and DELETE (migration 0002), and nothing here ever tries. It is local: packages
never carry it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, func, insert, select
from sqlalchemy.orm import Session

from huimin_desktop.domain.masking import Masking
from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import CATALOG, ZH, Words, is_english, labelled, text
from huimin_desktop.messages.system import with_path
from huimin_desktop.model import AuditEntry
from huimin_desktop.security.roles import READ_AUDIT, ROLE_NAMES
from huimin_desktop.services.records import AuditRecord
from huimin_desktop.store.database import AUDIT_ACTOR, Database

# the actions the log holds (change capture: create, update, delete, restore)
CREATE, UPDATE, DELETE, RESTORE = "create", "update", "delete", "restore"
EXPORT, IMPORT, MERGE, CONFLICT = "export", "import", "merge", "conflict"
LOGIN, LOGIN_FAILED, LOCKED = "login", "login_failed", "locked"
SESSION_LOCKED = "session_lock"  # the GUI locked itself after the idle time (the unlock is a login)
ENROLL, REVOKE = "enroll", "revoke"

# The actions' names a person reads, in Chinese and English: one table, for the viewer, the export and
# the command line (the codes are what the log, --json and ``audit --action`` use).
ACTION_NAMES: dict[str, tuple[str, str]] = {
    CREATE: ("新建", "create"),
    UPDATE: ("修改", "update"),
    DELETE: ("删除", "delete"),
    # one code, one name: a deleted record brought back, or (kind backup) the data from a backup
    RESTORE: ("恢复", "restore"),
    EXPORT: ("导出", "export"),
    IMPORT: ("导入", "import"),
    MERGE: ("合并", "merge"),
    CONFLICT: ("处理冲突", "conflict decided"),
    LOGIN: ("登录", "login"),
    LOGIN_FAILED: ("登录失败", "login failed"),
    LOCKED: ("账号锁定", "account locked"),
    SESSION_LOCKED: ("锁屏", "screen locked"),
    ENROLL: ("注册下级站", "lower station enrolled"),
    REVOKE: ("吊销下级站", "lower station revoked"),
    "user_create": ("新建用户", "user created"),
    "user_disable": ("停用用户", "user disabled"),
    "user_password": ("修改密码", "password changed"),
    "user_role": ("修改角色", "role changed"),
    "user_recover": ("恢复码重设密码", "password reset with the recovery code"),
    "init": ("初始化站点", "station set up"),
    "backup": ("备份", "backup"),
    "demo": ("生成演示数据", "demo data generated"),
}
ACTION_LABELS = {code: names[0] for code, names in ACTION_NAMES.items()}  # the Chinese names


def action_name(action: str, english: bool = False) -> str:
    """The word for ``action`` (the code itself for one the table does not know)."""
    names = ACTION_NAMES.get(action)
    if names is None:
        return action
    return names[1] if english else names[0]


# record kinds beyond the synced tables (sync/authority.py's KIND_LABELS)
LOCAL_KIND_LABELS = {
    "app_user": "用户",
    "sync_package_log": "同步包",
    "sync_conflict": "同步冲突",
    "sync_peer": "站点",
    "station": "本站",
    "station_identity": "本站",
    "audit_log": "审计日志",
    "report": "报表",
    "backup": "备份",
}


def kind_label(kind: str) -> str:
    from huimin_desktop.sync.authority import KIND_LABELS

    return KIND_LABELS.get(kind) or LOCAL_KIND_LABELS.get(kind, kind)


# field names of the local rows and the sync bookkeeping (the roster's fields have their own labels)
LOCAL_FIELD_LABELS: dict[str, Words] = {
    "deleted": Words("已删除", "deleted"),
    "role": Words("角色", "role"),
    "display_name": Words("姓名", "name"),
    "active": Words("启用", "active"),
    "status": Words("状态", "status"),
    "head_id_number": Words("户主身份证号", "head's ID number"),
    "division_id": Words("所属村", "village"),
}


_YES_NO = {True: Words("是", "yes"), False: Words("否", "no")}
VALUE_LABELS: dict[str, dict[Any, Words]] = {
    "role": {role: Words(*names) for role, names in ROLE_NAMES.items()},
    "active": _YES_NO,
    "deleted": _YES_NO,
    "status": {
        "open": Words("待处理", "open"),
        "kept": Words("保留已合并的值", "the merged value kept"),
        "chose-other": Words("改用另一方的值", "the other side's value taken"),
    },
}


def field_label(name: str, language: str | None = ZH) -> str:
    """A changed field as the viewer and the export name it: the roster's column title where there is
    one (phone → 联系电话 / phone), else the local name, else the column name itself."""
    from huimin_desktop.spreadsheet.fields import ENGLISH_LABELS, FIELDS_BY_KEY

    english = is_english(language)
    if name in LOCAL_FIELD_LABELS:
        words = LOCAL_FIELD_LABELS[name]
        return words.en if english else words.zh
    field = FIELDS_BY_KEY.get(name)
    if field is None:
        return name
    return ENGLISH_LABELS.get(name, name) if english else field.label


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def changed_fields(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields that differ (all of them for a create or delete)."""
    before, after = before or {}, after or {}
    changed = {}
    for name in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(name), after.get(name)
        if old != new:
            changed[name] = [_jsonable(old), _jsonable(new)]
    return changed


@dataclass(frozen=True)
class Summary:
    """An entry's one-line summary by its catalog code (``huimin_desktop/messages/catalog.py``, ``audit.*``):
    the log stores the Chinese line, as it always has, and keeps the code and parameters beside it in
    ``details["summary"]``, so the viewer and ``audit`` word the entry in their reader's language."""

    code: str
    params: Mapping[str, Any]

    @classmethod
    def of(cls, code: str, **params: Any) -> Summary:
        return cls(code, params)


def summary_fields(summary: str | Summary) -> tuple[str, dict[str, Any]]:
    """The stored summary line and the ``details`` that word it again later ({} for a plain line)."""
    if isinstance(summary, str):
        return summary, {}
    stored = {
        key: {"zh": value.zh, "en": value.en} if isinstance(value, Words) else _jsonable_deep(value)
        for key, value in summary.params.items()
    }
    return text(summary.code, summary.params, ZH), {"summary": {"code": summary.code, "params": stored}}


def summary_columns(summary: str | Summary, details: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The ``summary`` and ``details`` columns of an audit row written without ``record`` (a bulk insert,
    an ``AuditEntry`` added to a session): ``details`` with the summary's code beside it, None if empty."""
    line, worded = summary_fields(summary)
    return {"summary": line, "details": {**(details or {}), **worded} or None}


def summary_in(line: str, details: Mapping[str, Any] | None, language: str | None = None) -> str:
    """An entry's summary in ``language`` (the current one by default) when it was written by code;
    else, and for entries written before codes, the stored line."""
    worded = (details or {}).get("summary")
    if not isinstance(worded, dict) or worded.get("code") not in CATALOG:
        return line
    params = {
        key: Words(value["zh"], value["en"])
        if isinstance(value, dict) and set(value) == {"zh", "en"}
        else value
        for key, value in (worded.get("params") or {}).items()
    }
    try:
        return text(worded["code"], params, language)
    except (KeyError, IndexError, ValueError):
        return line


def _actor(target: Session | Connection) -> tuple[str, str]:
    return target.info.get(AUDIT_ACTOR) or ("", "system")


def record(
    target: Session | Connection,
    action: str,
    kind: str,
    record_id: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    *,
    summary: str | Summary = "",
    details: Mapping[str, Any] | None = None,
) -> None:
    """One line, in ``target``'s transaction (a ``db.session()`` or a ``db.writer()`` connection), for the
    user that transaction acts for. ``kind`` is the record's table (``household``, ``app_user``,
    ``sync_package_log`` …); only the fields that differ between ``before`` and ``after`` are kept,
    under ``details["changed"]`` as change capture writes them; ``details`` adds counts or a file name."""
    station, user = _actor(target)
    line, worded = summary_fields(summary)
    extra: dict[str, Any] = {k: _jsonable_deep(v) for k, v in (details or {}).items()} | worded
    changed = changed_fields(before, after)
    if changed:
        extra["changed"] = changed
    row = {
        "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "station": station,
        "user": user,
        "action": action,
        "table_name": kind,
        "record_id": str(record_id),
        "summary": line,
        "details": extra or None,
    }
    connection = target.connection() if isinstance(target, Session) else target
    connection.execute(insert(AuditEntry), [row])


def record_export(
    db: Database,
    kind: str,
    record_id: str,
    written: Path,
    *,
    summary: str | Summary,
    details: Mapping[str, Any],
) -> None:
    """The line of an export that ``written`` (a file or folder) now holds. Should the line not commit
    (a locked database, a full disk), the export is removed: nothing leaves the station unlogged."""
    try:
        with db.session(capture=False) as session:
            record(
                session, EXPORT, kind, record_id, summary=summary, details={"file": str(written), **details}
            )
    except BaseException:
        if written.is_dir():
            shutil.rmtree(written, ignore_errors=True)
        else:
            written.unlink(missing_ok=True)
        raise


def _jsonable_deep(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable_deep(v) for v in value]
    return _jsonable(value)


# -- reading --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilter:
    """What the viewer and ``audit`` show: every condition given must hold."""

    user: str | None = None
    action: str | None = None
    kind: str | None = None
    record_id: str | None = None
    since: dt.datetime | None = None  # UTC, naive, as stored
    until: dt.datetime | None = None  # exclusive

    def apply(self, statement: Select[Any]) -> Select[Any]:
        conditions = [
            (self.user, lambda v: AuditEntry.user == v),
            (self.action, lambda v: AuditEntry.action == v),
            (self.kind, lambda v: AuditEntry.table_name == v),
            (self.record_id, lambda v: AuditEntry.record_id == v),
            (self.since, lambda v: AuditEntry.at >= v),
            (self.until, lambda v: AuditEntry.at < v),
        ]
        for value, condition in conditions:
            if value:
                statement = statement.where(condition(value))
        return statement


@dataclass(frozen=True)
class AuditLine:
    """One line as the viewer and the CLI show it."""

    id: int
    at: dt.datetime  # UTC
    station: str
    user: str
    action: str
    kind: str
    record_id: str
    summary: str
    details: dict[str, Any] | None

    def summary_in(self, language: str | None = None) -> str:
        """The summary in ``language`` (default: the current one), from its code where it has one."""
        return summary_in(self.summary, self.details, language)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def changes(self) -> dict[str, list[Any]]:
        return dict((self.details or {}).get("changed") or {})

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def local_time(self) -> str:
        return self.at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")

    @property
    def changes_text(self) -> str:
        """``field: before → after`` for each changed field (empty values shown as —), in Chinese."""
        return self.changes_in(ZH)

    def changes_in(self, language: str | None = None) -> str:
        """The changes in ``language`` (default: the current one): field names and value words in it."""
        english = is_english(language)
        parts = [
            labelled(
                field_label(name, language),
                f"{_shown(name, old, english)} → {_shown(name, new, english)}",
                language,
            )
            for name, (old, new) in self.changes.items()
        ]
        return ("; " if english else "；").join(parts)

    def masked(self, masking: Masking) -> AuditLine:
        """This line as ``masking`` lets its reader see it: the before/after values of ID numbers, birth
        dates and phones by their field, and any number standing in the summary or the details."""
        if masking.full:
            return self
        details = masking.value(None, self.details) if self.details else self.details
        return replace(
            self,
            record_id=masking.text(self.record_id),
            summary=masking.text(self.summary),
            details=details if isinstance(details, dict) else self.details,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.replace(tzinfo=dt.UTC).isoformat(),
            "station": self.station,
            "user": self.user,
            "action": self.action,
            "kind": self.kind,
            "record_id": self.record_id,
            "summary": self.summary,
            "details": self.details,
        }


def _shown(name: str, value: Any, english: bool = False) -> str:
    if value is None or value == "":
        return "—"
    words = VALUE_LABELS.get(name, {}).get(value) if isinstance(value, str | bool) else None
    if words is None:
        return str(value)
    return words.en if english else words.zh


def _line(entry: AuditEntry) -> AuditLine:
    return AuditLine(
        entry.id,
        entry.at,
        entry.station,
        entry.user,
        entry.action,
        entry.table_name,
        entry.record_id,
        entry.summary or "",
        entry.details,
    )


class AuditService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def for_record(self, record_id: str) -> list[AuditRecord]:
        return self._query(select(AuditEntry).where(AuditEntry.record_id == record_id))

    def latest(self, limit: int = 100) -> list[AuditRecord]:
        return self._query(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))

    def _query(self, statement: Select[Any]) -> list[AuditRecord]:
        with self.db.reader() as session:
            return [
                AuditRecord(e.at, e.user, e.action, e.table_name, e.record_id, e.details)
                for e in session.scalars(statement.order_by(AuditEntry.id))
            ]

    def session_locked(self, idle_minutes: int) -> None:
        """The GUI's idle lock covered the windows of the logged-in user (no permission needed)."""
        with self.db.session(capture=False) as session:
            user = self.db.actor.username
            record(
                session,
                SESSION_LOCKED,
                "app_user",
                user,
                summary=Summary.of("audit.idle_lock", minutes=idle_minutes)
                if idle_minutes
                else Summary.of("audit.screen_lock"),
                details={"idle_minutes": idle_minutes},
            )

    # -- the viewer and ``audit`` (reviewers and administrators) -------------------------------------

    def lines(
        self, where: AuditFilter = AuditFilter(), *, limit: int | None = None, masking: Masking | None = None
    ) -> list[AuditLine]:
        """The lines ``where`` selects, newest first, their values as the user may see them (the
        viewer, ``audit``); ``masking`` masks them anyway (it never unmasks: see ``export_xlsx``)."""
        self.db.actor.require(READ_AUDIT)
        masking = masking if masking is not None and not masking.full else Masking.for_actor(self.db.actor)
        statement = where.apply(select(AuditEntry)).order_by(AuditEntry.id.desc())
        if limit is not None:
            statement = statement.limit(limit)
        with self.db.reader() as session:
            return [_line(e).masked(masking) for e in session.scalars(statement)]

    def count(self, where: AuditFilter = AuditFilter()) -> int:
        self.db.actor.require(READ_AUDIT)
        with self.db.reader() as session:
            return int(session.scalar(where.apply(select(func.count(AuditEntry.id)))) or 0)

    def choices(self) -> tuple[Sequence[str], Sequence[str], Sequence[str]]:
        """The users, actions and record kinds the log holds (the viewer's filter lists)."""
        self.db.actor.require(READ_AUDIT)
        with self.db.reader() as session:
            return tuple(  # type: ignore[return-value]
                list(session.scalars(select(column).distinct().order_by(column)))
                for column in (AuditEntry.user, AuditEntry.action, AuditEntry.table_name)
            )

    def export_xlsx(
        self,
        path: str | Path,
        where: AuditFilter = AuditFilter(),
        title: str = "",
        *,
        full: bool | None = None,
        reason: str | None = None,
    ) -> int:
        """The lines ``where`` selects as an .xlsx workbook (newest first). Whole ID numbers, birth dates
        and phones in the values, for a user who may see them (``full=None``; ``False`` masks them), need a
        ``reason`` (``services.disclosure``); the export and its reason are themselves logged."""
        from huimin_desktop.services.disclosure import export_masking, note_disclosure, require_reason
        from huimin_desktop.spreadsheet.audit_sheet import write_audit_sheet

        self.db.actor.require(READ_AUDIT)
        masking = export_masking(self.db, full)
        reason = require_reason(masking, reason)
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            raise ServiceError(code="output.wrong_suffix", path=target, suffix=".xlsx")
        if not target.parent.is_dir():
            raise ServiceError(code="output.no_folder", folder=target.parent, path=target)
        lines = self.lines(where, masking=masking)
        try:
            count = write_audit_sheet(target, title or "审计日志", (_sheet_row(line) for line in lines))
        except OSError as exc:
            raise ServiceError(code="os.error", error=with_path(exc, target)) from exc
        note_disclosure(
            self.db,
            what=Words(f"审计日志 {count} 条", f"{count} audit log entries"),
            path=target,
            reason=reason,
            masking=masking,
            details={"lines": count},
            kind="audit_log",
            record_id="",
        )
        return count


def _sheet_row(line: AuditLine) -> list[str]:
    return [
        line.local_time,
        line.user,
        line.action_label,
        line.kind_label,
        line.record_id,
        line.summary,
        line.changes_text,
        line.station,
    ]
