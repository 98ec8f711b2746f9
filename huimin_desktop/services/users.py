"""The station's users: who may log in, with which role (security/roles.py), and the login itself.

Users are local to a station and never synced. A password is never stored: logging in unwraps the data
key from the user's box in keys/vault.json (security/vault.py), and the database opens with that key.
So a failed login cannot write to the database; the vault notes it (and a lock) and the next successful
login moves those notes into the audit log (``record_login``). User changes are audited here by hand
because change capture only covers synced rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from huimin_desktop.domain.issues import Issue
from huimin_desktop.errors import AuthenticationError, NotFoundError, ValidationError
from huimin_desktop.messages import Words
from huimin_desktop.model import AuditEntry, User
from huimin_desktop.security.roles import ADMIN, ENTRY, MANAGE_USERS, ROLE_NAMES, ROLES, Actor
from huimin_desktop.security.vault import MAX_FAILURES, LoginEvent, Vault
from huimin_desktop.services.audit import Summary, summary_columns
from huimin_desktop.store.database import Database

ROLE_LABELS = {role: names[0] for role, names in ROLE_NAMES.items()}  # the Chinese names
MIN_PASSWORD_LENGTH = 4  # the demo's "demo"; a township decides its own rule
_USERNAME = re.compile(r"[a-z][a-z0-9_.-]{1,29}")

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _naive(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class UserRecord:
    id: int
    username: str
    display_name: str
    role: str
    active: bool

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


def _record(user: User) -> UserRecord:
    return UserRecord(user.id, user.username, user.display_name, user.role, user.active)


def normalise_username(username: str) -> str:
    return username.strip().lower()


def username_issues(username: str) -> list[Issue]:
    if _USERNAME.fullmatch(username):
        return []
    return [Issue("user.username", "用户名应为 2–30 位小写字母、数字或 _ . -，以字母开头", field="username")]


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthenticationError(code="auth.password_too_short", length=MIN_PASSWORD_LENGTH)


def lock_text(until: dt.datetime) -> str:
    """The lock's end in the laptop's local time, as a user reads it."""
    return until.astimezone().strftime("%Y-%m-%d %H:%M")


# -- logging in (before the database is open) --------------------------------------------------------


def unlock(vault: Vault, username: str, password: str, now: dt.datetime) -> bytes:
    """The data key for this user and password; a wrong one is counted (and saved) in the vault."""
    username = normalise_username(username)
    until = vault.locked_until(username, now)
    if until is not None:
        raise AuthenticationError(
            code="auth.locked", user=username, failures=MAX_FAILURES, until=lock_text(until)
        )
    key = vault.unlock(username, password)
    if key is not None:
        return key
    until = vault.record_failure(username, now)
    vault.save()
    if until is not None:
        raise AuthenticationError(
            code="auth.locked", user=username, failures=MAX_FAILURES, until=lock_text(until)
        )
    raise AuthenticationError(code="auth.wrong_password", user=username)


def actor_for(db: Database, username: str) -> Actor:
    """The open database's user as an Actor; a disabled or unknown user is refused."""
    with db.reader() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None or not user.active:
            raise AuthenticationError(code="auth.disabled", user=username)
        return Actor(user.username, user.role, user.display_name)


def _audit(
    session: Session,
    db: Database,
    actor: str,
    action: str,
    record: str,
    summary: Summary,
    at: dt.datetime,
    changed: dict[str, list[object]] | None = None,
) -> None:
    session.add(
        AuditEntry(
            at=_naive(at),
            station=db.station_id or "",
            user=actor,
            action=action,
            table_name="app_user",
            record_id=record,
            **summary_columns(summary, {"changed": changed} if changed else None),
        )
    )


def _event_summary(event: LoginEvent) -> Summary:
    """A login event's summary: the vault notes a failure's count as ``第 N 次`` (or N) and a lock's end."""
    if event.action == "login_failed":
        count = re.search(r"\d+", event.detail or "")
        return Summary.of("audit.login_failed", attempt=count.group(0) if count else "?")
    if event.action == "locked":
        return Summary.of("audit.locked", until=event.detail or "?")
    return Summary.of("audit.login")


def _login_rows(
    db: Database, events: list[LoginEvent], username: str, now: dt.datetime
) -> list[dict[str, object]]:
    rows = []
    for event in [*events, LoginEvent(now.astimezone(dt.UTC).isoformat(), username, "login")]:
        rows.append(
            {
                "at": _naive(dt.datetime.fromisoformat(event.at)),
                "station": db.station_id or "",
                "user": event.user,
                "action": event.action,
                "table_name": "app_user",
                "record_id": event.user,
                **summary_columns(_event_summary(event)),
            }
        )
    return rows


def record_login(
    db: Database, vault: Vault, username: str, now: dt.datetime, *, with_first_change: bool = False
) -> None:
    """After a successful unlock: the failed logins and locks the vault noted since the last login, then
    this login, go into the audit log, and the vault forgets them. At once (the GUI), or
    ``with_first_change`` (the command line): in the transaction of the connection's first write, so a
    command that is refused or only reads changes nothing, and the notes stay in the vault till then."""
    events = list(vault.take_events())
    had_failures = vault.failures(username) > 0
    vault.clear_failures(username)
    rows = _login_rows(db, events, username, now)
    if not with_first_change:
        with db.session(username, capture=False) as session:
            session.add_all(AuditEntry(**row) for row in rows)
        if events or had_failures:
            vault.save()
        return
    db.pending_audit.extend(rows)
    if had_failures:  # the count restarts now; the notes go with the first change
        fresh = Vault.load(vault.path)
        fresh.clear_failures(username)
        fresh.save()
    if events:
        db.after_pending_audit.append(lambda: _forget_events(vault.path, events))


def _forget_events(path: Path, events: list[LoginEvent]) -> None:
    vault = Vault.load(path)
    written = set(events)
    vault.data["events"] = [e for e in vault.data.get("events", []) if LoginEvent(**e) not in written]
    vault.save()


# -- managing users (an open, unlocked station) -------------------------------------------------------


class UserService:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self.db = db
        self.clock = clock

    def _vault(self) -> Vault:
        return Vault.load(self.db.folder.vault_path)

    def _key(self) -> bytes:
        if self.db.data_key is None:
            raise RuntimeError("the station is not unlocked")
        return self.db.data_key

    def _write_audit(
        self, session: Session, action: str, user: User, summary: Summary, **changed: list[object]
    ) -> None:
        """``changed``: field=[before, after] of the user row."""
        who = self.db.actor.username
        _audit(session, self.db, who, action, user.username, summary, self.clock(), changed or None)

    def create(
        self, username: str, display_name: str, role: str = ENTRY, password: str | None = None
    ) -> UserRecord:
        """A new user; with ``password`` they can log in at once (their box in the vault)."""
        self.db.actor.require(MANAGE_USERS)
        username = normalise_username(username)
        issues = username_issues(username)
        if role not in ROLES:
            issues.append(Issue.worded("user.role", field="role", role=role))
        if password is not None:
            check_password(password)
        with self.db.session(self.db.actor.username) as session:
            if session.scalar(select(User.id).where(User.username == username)) is not None:
                issues.append(Issue.worded("user.exists", field="username", username=username))
            if issues:
                raise ValidationError(issues)
            user = User(
                username=username,
                display_name=display_name.strip() or username,
                role=role,
                created_at=_naive(self.clock()),
                password_changed_at=_naive(self.clock()) if password is not None else None,
            )
            session.add(user)
            session.flush()
            self._write_audit(
                session,
                "user_create",
                user,
                Summary.of("audit.user_create", user=username, role=_role_words(role)),
                display_name=[None, user.display_name],
                role=[None, role],
            )
            if password is not None:
                self._set_box(username, password)
            return _record(user)

    def _set_box(self, username: str, password: str) -> None:
        # Inside the user's transaction: should the vault not save, the user row rolls back too.
        vault = self._vault()
        vault.set_password(self._key(), username, password)
        vault.clear_failures(username)
        vault.save()

    def _get(self, session: Session, username: str) -> User:
        user = session.scalar(select(User).where(User.username == normalise_username(username)))
        if user is None:
            raise NotFoundError(what="用户", record_id=username)
        return user

    def _refuse_last_admin(self, session: Session, user: User) -> None:
        if user.role != ADMIN or not user.active:
            return
        admins = session.scalar(select(func.count(User.id)).where(User.role == ADMIN, User.active.is_(True)))
        if (admins or 0) <= 1:
            raise AuthenticationError(code="auth.last_admin", user=user.username)

    def disable(self, username: str) -> UserRecord:
        """Disabled, never deleted (the audit log keeps naming them); their box leaves the vault, so their
        password no longer opens the folder. ``reset_password`` enables them again."""
        self.db.actor.require(MANAGE_USERS)
        with self.db.session(self.db.actor.username) as session:
            user = self._get(session, username)
            self._refuse_last_admin(session, user)
            user.active = False
            self._write_audit(
                session,
                "user_disable",
                user,
                Summary.of("audit.user_disable", user=user.username),
                active=[True, False],
            )
            vault = self._vault()
            vault.remove_user(self._key(), user.username)
            vault.save()
            return _record(user)

    def reset_password(self, username: str, password: str) -> UserRecord:
        """A new password (administrators, for anyone): the data key is rewrapped, nothing re-encrypted."""
        self.db.actor.require(MANAGE_USERS)
        check_password(password)
        with self.db.session(self.db.actor.username) as session:
            user = self._get(session, username)
            changed: dict[str, list[object]] = {} if user.active else {"active": [False, True]}
            user.active = True
            user.password_changed_at = _naive(self.clock())
            summary = Summary.of("audit.password_reset", user=user.username)
            self._write_audit(session, "user_password", user, summary, **changed)
            self._set_box(user.username, password)
            return _record(user)

    def change_own_password(self, password: str) -> None:
        """The logged-in user's own new password (no MANAGE_USERS needed)."""
        check_password(password)
        with self.db.session(self.db.actor.username) as session:
            user = self._get(session, self.db.actor.username)
            user.password_changed_at = _naive(self.clock())
            self._write_audit(session, "user_password", user, Summary.of("audit.own_password"))
            self._set_box(user.username, password)

    def set_role(self, username: str, role: str) -> UserRecord:
        self.db.actor.require(MANAGE_USERS)
        if role not in ROLES:
            raise ValidationError([Issue.worded("user.role", field="role", role=role)])
        with self.db.session(self.db.actor.username) as session:
            user = self._get(session, username)
            if role != ADMIN:
                self._refuse_last_admin(session, user)
            before = user.role
            user.role = role
            self._write_audit(
                session,
                "user_role",
                user,
                Summary.of(
                    "audit.user_role", user=user.username, before=_role_words(before), after=_role_words(role)
                ),
                role=[before, role],
            )
            return _record(user)

    def list(self, include_inactive: bool = True) -> list[UserRecord]:
        with self.db.reader() as session:
            statement = select(User).order_by(User.username)
            if not include_inactive:
                statement = statement.where(User.active.is_(True))
            return [_record(u) for u in session.scalars(statement)]

    def add_first_admin(
        self, session: Session, username: str, display_name: str = "", *, recovery: bool = False
    ) -> None:
        """The folder's first administrator (station set-up, or the first login of a clear folder)."""
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            user = User(
                username=username,
                display_name=display_name or username,
                role=ADMIN,
                created_at=_naive(self.clock()),
            )
            session.add(user)
        user.role, user.active = ADMIN, True
        user.password_changed_at = _naive(self.clock())
        session.flush()
        action, summary = (
            ("user_recover", Summary.of("audit.recovered", user=username))
            if recovery
            else ("user_create", Summary.of("audit.first_admin", user=username))
        )
        _audit(session, self.db, "system", action, username, summary, self.clock())


def _role_words(role: str) -> Words:
    zh, en = ROLE_NAMES[role]
    return Words(zh, en)
