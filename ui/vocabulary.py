"""The program's own words for values the core names in Chinese: roles, audit actions, record kinds.

The core keeps its Chinese labels (services/users.py ``ROLE_LABELS``, services/audit.py ``ACTION_LABELS``
and ``kind_label``) for the CLI and the exports; the GUI shows these instead, so an English interface
says "Reviewer" and "New user". A value this table does not know shows the core's label.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Vocabulary"

ROLES = {
    "entry": QT_TRANSLATE_NOOP("Vocabulary", "Data entry"),
    "reviewer": QT_TRANSLATE_NOOP("Vocabulary", "Reviewer"),
    "admin": QT_TRANSLATE_NOOP("Vocabulary", "Administrator"),
}

ACTIONS = {
    "create": QT_TRANSLATE_NOOP("Vocabulary", "Create"),
    "update": QT_TRANSLATE_NOOP("Vocabulary", "Change"),
    "delete": QT_TRANSLATE_NOOP("Vocabulary", "Delete"),
    "restore": QT_TRANSLATE_NOOP("Vocabulary", "Restore"),
    "export": QT_TRANSLATE_NOOP("Vocabulary", "Export"),
    "import": QT_TRANSLATE_NOOP("Vocabulary", "Import"),
    "merge": QT_TRANSLATE_NOOP("Vocabulary", "Merge"),
    "conflict": QT_TRANSLATE_NOOP("Vocabulary", "Resolve a conflict"),
    "login": QT_TRANSLATE_NOOP("Vocabulary", "Log in"),
    "login_failed": QT_TRANSLATE_NOOP("Vocabulary", "Failed login"),
    "locked": QT_TRANSLATE_NOOP("Vocabulary", "Account locked"),
    "session_lock": QT_TRANSLATE_NOOP("Vocabulary", "Screen locked"),
    "enroll": QT_TRANSLATE_NOOP("Vocabulary", "Enroll a lower station"),
    "revoke": QT_TRANSLATE_NOOP("Vocabulary", "Revoke a lower station"),
    "user_create": QT_TRANSLATE_NOOP("Vocabulary", "New user"),
    "user_disable": QT_TRANSLATE_NOOP("Vocabulary", "Disable a user"),
    "user_password": QT_TRANSLATE_NOOP("Vocabulary", "Change a password"),
    "user_role": QT_TRANSLATE_NOOP("Vocabulary", "Change a role"),
    "user_recover": QT_TRANSLATE_NOOP("Vocabulary", "Password reset with the recovery code"),
    "init": QT_TRANSLATE_NOOP("Vocabulary", "Set up the station"),
    "backup": QT_TRANSLATE_NOOP("Vocabulary", "Backup"),
    "demo": QT_TRANSLATE_NOOP("Vocabulary", "Generate demo data"),
}

KINDS = {
    "household": QT_TRANSLATE_NOOP("Vocabulary", "Household"),
    "member": QT_TRANSLATE_NOOP("Vocabulary", "Household member"),
    "survey": QT_TRANSLATE_NOOP("Vocabulary", "Annual survey"),
    "project": QT_TRANSLATE_NOOP("Vocabulary", "Project"),
    "project_stage": QT_TRANSLATE_NOOP("Vocabulary", "Project stage"),
    "project_beneficiary": QT_TRANSLATE_NOOP("Vocabulary", "Project beneficiary"),
    "training": QT_TRANSLATE_NOOP("Vocabulary", "Training"),
    "training_attendee": QT_TRANSLATE_NOOP("Vocabulary", "Trainee"),
    "division": QT_TRANSLATE_NOOP("Vocabulary", "Division"),
    "indicator": QT_TRANSLATE_NOOP("Vocabulary", "Indicator"),
    "indicator_milestone": QT_TRANSLATE_NOOP("Vocabulary", "Indicator milestone"),
    "indicator_progress": QT_TRANSLATE_NOOP("Vocabulary", "Indicator progress"),
    "attachment": QT_TRANSLATE_NOOP("Vocabulary", "Attachment"),
    "app_user": QT_TRANSLATE_NOOP("Vocabulary", "User"),
    "sync_package_log": QT_TRANSLATE_NOOP("Vocabulary", "Sync package"),
    "sync_conflict": QT_TRANSLATE_NOOP("Vocabulary", "Sync conflict"),
    "sync_peer": QT_TRANSLATE_NOOP("Vocabulary", "Station"),
    "station": QT_TRANSLATE_NOOP("Vocabulary", "This station"),
    "station_identity": QT_TRANSLATE_NOOP("Vocabulary", "This station"),
    "audit_log": QT_TRANSLATE_NOOP("Vocabulary", "Audit log"),
    "report": QT_TRANSLATE_NOOP("Vocabulary", "Report"),
    "backup": QT_TRANSLATE_NOOP("Vocabulary", "Backup"),
}


def _word(table: Mapping[str, object], value: str, core_label: str) -> str:
    english = table.get(value)  # QT_TRANSLATE_NOOP hands its text back (typed object)
    return QCoreApplication.translate(CONTEXT, str(english)) if english else core_label


def role_label(role: str) -> str:
    from huimin_desktop.services.users import ROLE_LABELS

    return _word(ROLES, role, ROLE_LABELS.get(role, role))


def action_label(action: str) -> str:
    from huimin_desktop.services.audit import ACTION_LABELS

    return _word(ACTIONS, action, ACTION_LABELS.get(action, action))


def kind_label(kind: str) -> str:
    from huimin_desktop.services import audit

    return _word(KINDS, kind, audit.kind_label(kind))
