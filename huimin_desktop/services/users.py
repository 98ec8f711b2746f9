"""The station's users: who did what (the audit log names them). Login and roles come later.

Users are local to a station and never synced; their changes are audited here by hand because
change capture only covers synced rows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from huimin_desktop.domain.issues import Issue
from huimin_desktop.errors import NotFoundError, ValidationError
from huimin_desktop.model import AuditEntry, User
from huimin_desktop.store.database import Database

ROLES = ("admin", "clerk", "viewer")
_USERNAME = re.compile(r"[a-z][a-z0-9_.-]{1,29}")


@dataclass(frozen=True)
class UserRecord:
    id: int
    username: str
    display_name: str
    role: str
    active: bool


def _record(user: User) -> UserRecord:
    return UserRecord(user.id, user.username, user.display_name, user.role, user.active)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class UserService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _audit(self, session: Session, actor: str, action: str, user: User, summary: str) -> None:
        session.add(
            AuditEntry(
                at=_now(),
                station=self.db.station_id or "",
                user=actor,
                action=action,
                table_name="app_user",
                record_id=str(user.id),
                summary=summary,
            )
        )

    def create(
        self, username: str, display_name: str, role: str = "clerk", actor: str = "system"
    ) -> UserRecord:
        username = username.strip().lower()
        issues = []
        if not _USERNAME.fullmatch(username):
            issues.append(
                Issue(
                    "user.username", "用户名应为 2–30 位小写字母、数字或 _ . -，以字母开头", field="username"
                )
            )
        if not display_name.strip():
            issues.append(Issue("user.display_name", "姓名不能为空", field="display_name"))
        if role not in ROLES:
            issues.append(Issue("user.role", f"角色“{role}”无效", field="role"))
        with self.db.session(actor) as session:
            if session.scalar(select(User.id).where(User.username == username)) is not None:
                issues.append(Issue("user.exists", f"用户名“{username}”已存在", field="username"))
            if issues:
                raise ValidationError(issues)
            user = User(username=username, display_name=display_name.strip(), role=role, created_at=_now())
            session.add(user)
            session.flush()
            self._audit(session, actor, "create", user, f"新建用户 {username}（{role}）")
            return _record(user)

    def set_active(self, user_id: int, active: bool, actor: str = "system") -> UserRecord:
        """Users are deactivated, never deleted: the audit log keeps naming them."""
        with self.db.session(actor) as session:
            user = session.get(User, user_id)
            if user is None:
                raise NotFoundError("用户", str(user_id))
            user.active = active
            self._audit(session, actor, "enable" if active else "disable", user, user.username)
            return _record(user)

    def list(self, include_inactive: bool = False) -> list[UserRecord]:
        with self.db.reader() as session:
            statement = select(User).order_by(User.username)
            if not include_inactive:
                statement = statement.where(User.active.is_(True))
            return [_record(u) for u in session.scalars(statement)]
