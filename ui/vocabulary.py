"""The program's own words for values the core names in Chinese: roles, audit actions, record kinds.

The core keeps its Chinese labels (services/users.py ``ROLE_LABELS``, services/audit.py ``ACTION_LABELS``
and ``kind_label``) for the CLI and the exports; the GUI shows these instead, so an English interface
says "Reviewer" and "New user". A value these tables do not know shows the core's label. Each text is
a literal ``translate("Vocabulary", …)`` call, the only form pyside6-lupdate finds (made at each call:
the translators installed may change, and a few dozen lookups cost microseconds).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def _roles() -> dict[str, str]:
    return {
        "entry": translate("Vocabulary", "Data entry"),
        "reviewer": translate("Vocabulary", "Reviewer"),
        "admin": translate("Vocabulary", "Administrator"),
    }


def _actions() -> dict[str, str]:
    return {
        "create": translate("Vocabulary", "Create"),
        "update": translate("Vocabulary", "Change"),
        "delete": translate("Vocabulary", "Delete"),
        "restore": translate("Vocabulary", "Restore"),
        "export": translate("Vocabulary", "Export"),
        "import": translate("Vocabulary", "Import"),
        "merge": translate("Vocabulary", "Merge"),
        "conflict": translate("Vocabulary", "Resolve a conflict"),
        "login": translate("Vocabulary", "Log in"),
        "login_failed": translate("Vocabulary", "Failed login"),
        "locked": translate("Vocabulary", "Account locked"),
        "session_lock": translate("Vocabulary", "Screen locked"),
        "enroll": translate("Vocabulary", "Enroll a lower station"),
        "revoke": translate("Vocabulary", "Revoke a lower station"),
        "user_create": translate("Vocabulary", "New user"),
        "user_disable": translate("Vocabulary", "Disable a user"),
        "user_password": translate("Vocabulary", "Change a password"),
        "user_role": translate("Vocabulary", "Change a role"),
        "user_recover": translate("Vocabulary", "Password reset with the recovery code"),
        "init": translate("Vocabulary", "Set up the station"),
        "backup": translate("Vocabulary", "Backup"),
        "demo": translate("Vocabulary", "Generate demo data"),
    }


def _kinds() -> dict[str, str]:
    return {
        "household": translate("Vocabulary", "Household"),
        "member": translate("Vocabulary", "Household member"),
        "survey": translate("Vocabulary", "Annual survey"),
        "project": translate("Vocabulary", "Project"),
        "project_stage": translate("Vocabulary", "Project stage"),
        "project_beneficiary": translate("Vocabulary", "Project beneficiary"),
        "training": translate("Vocabulary", "Training"),
        "training_attendee": translate("Vocabulary", "Trainee"),
        "division": translate("Vocabulary", "Division"),
        "indicator": translate("Vocabulary", "Indicator"),
        "indicator_milestone": translate("Vocabulary", "Indicator milestone"),
        "indicator_progress": translate("Vocabulary", "Indicator progress"),
        "attachment": translate("Vocabulary", "Attachment"),
        "app_user": translate("Vocabulary", "User"),
        "sync_package_log": translate("Vocabulary", "Sync package"),
        "sync_conflict": translate("Vocabulary", "Sync conflict"),
        "sync_peer": translate("Vocabulary", "Station"),
        "station": translate("Vocabulary", "This station"),
        "station_identity": translate("Vocabulary", "This station"),
        "audit_log": translate("Vocabulary", "Audit log"),
        "report": translate("Vocabulary", "Report"),
        "backup": translate("Vocabulary", "Backup"),
    }


def role_label(role: str) -> str:
    from huimin_desktop.services.users import ROLE_LABELS

    return _roles().get(role) or ROLE_LABELS.get(role, role)


def action_label(action: str) -> str:
    from huimin_desktop.services.audit import ACTION_LABELS

    return _actions().get(action) or ACTION_LABELS.get(action, action)


def kind_label(kind: str) -> str:
    from huimin_desktop.services import audit

    return _kinds().get(kind) or audit.kind_label(kind)
