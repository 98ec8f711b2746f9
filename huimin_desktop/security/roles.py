"""Roles and their permissions, and the ``Actor``: the logged-in user every service acts for.

Three roles (issue 13): 录入员 ``entry`` enters households, surveys, attachments and rosters; 审核员
``reviewer`` also resolves conflicts, merges, prints reports and sees full ID numbers; 管理员 ``admin``
also manages users, enrollment, revocation, backups and restore. Each role holds every permission of the
roles before it. Services call ``actor.require(PERMISSION)``; the GUI calls ``actor.can`` to hide what
would be refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from huimin_desktop.errors import PermissionDeniedError

ENTRY, REVIEWER, ADMIN = "entry", "reviewer", "admin"
ROLES = (ENTRY, REVIEWER, ADMIN)

# The roles' names a person reads, in Chinese and English (the codes are what data, JSON and --role use;
# the English names are the codes, so what a list shows is what --role takes).
ROLE_NAMES: dict[str, tuple[str, str]] = {
    ENTRY: ("录入员", "entry"),
    REVIEWER: ("审核员", "reviewer"),
    ADMIN: ("管理员", "admin"),
}


def role_name(role: str, english: bool = False) -> str:
    """The word for ``role`` (the code itself for one the table does not know)."""
    names = ROLE_NAMES.get(role)
    if names is None:
        return role
    return names[1] if english else names[0]


# permission → the lowest role that holds it (roles are ordered: admin ⊇ reviewer ⊇ entry)
ENTER_RECORDS = "records.enter"  # households, surveys, projects, trainings, attachments, divisions
IMPORT_ROSTER = "roster.import"
EXPORT_PACKAGE = "sync.export"
MERGE_PACKAGES = "sync.merge"
RESOLVE_CONFLICTS = "sync.conflicts"
PRINT_REPORTS = "reports.print"
DEFINE_INDICATORS = "indicators.define"  # the city's 考核指标: create, edit, delete, import, copy a year
SEE_PERSONAL_DATA = "personal.full"  # full ID numbers and phones, rosters and archives with them
READ_AUDIT = "audit.read"
MANAGE_USERS = "users.manage"
MANAGE_ENROLLMENT = "sync.enroll"  # enroll, re-enroll, revoke lower stations
BACKUP = "backup.make"
RESTORE = "backup.restore"
MAINTAIN_STATION = "station.maintain"  # demo data in a station, removing unused stored files
READ_LOGS = "logs.read"  # the sealed failure logs (services/failure_logs.py): tracebacks may quote data

LOWEST_ROLE: dict[str, str] = {
    ENTER_RECORDS: ENTRY,
    IMPORT_ROSTER: ENTRY,
    EXPORT_PACKAGE: ENTRY,
    MERGE_PACKAGES: REVIEWER,
    RESOLVE_CONFLICTS: REVIEWER,
    PRINT_REPORTS: REVIEWER,
    DEFINE_INDICATORS: REVIEWER,
    SEE_PERSONAL_DATA: REVIEWER,
    READ_AUDIT: REVIEWER,  # reviewers check who changed what before they decide a conflict
    MANAGE_USERS: ADMIN,
    MANAGE_ENROLLMENT: ADMIN,
    BACKUP: ADMIN,
    RESTORE: ADMIN,
    MAINTAIN_STATION: ADMIN,
    READ_LOGS: ADMIN,
}


def role_holds(role: str, permission: str) -> bool:
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(LOWEST_ROLE[permission])


@dataclass(frozen=True)
class Actor:
    """Who the station acts for. ``SYSTEM`` is the program itself (set-up, migrations, tests of the
    core that do not log in); it holds every permission and the audit log names it ``system``."""

    username: str
    role: str
    display_name: str = ""

    def can(self, permission: str) -> bool:
        return role_holds(self.role, permission)

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise PermissionDeniedError(code="auth.forbidden", user=self.username, permission=permission)


SYSTEM = Actor("system", ADMIN, "系统")
