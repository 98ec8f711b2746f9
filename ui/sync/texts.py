"""Words and number formats the sync screens share: statuses, conflict kinds, sizes, times, values."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QCoreApplication

from huimin_desktop.services.sync import ALREADY_APPLIED, APPLIED, OWN, QUARANTINED, REJECTED
from huimin_desktop.stamps.clock import Stamp

REFUSED_STATUSES = frozenset({REJECTED, QUARANTINED})
# The colour of a refused package or a failure (the style sheet's #inlineError).
REFUSED_COLOR = "#b3261e"
SUCCESS_COLOR = "#1b6e35"


def status_text(status: str, *, dry_run: bool) -> str:
    """A package's merge status as a clerk reads it (a preview says what *would* happen)."""
    if status == APPLIED:
        return (
            QCoreApplication.translate("SyncTexts", "Will be merged")
            if dry_run
            else QCoreApplication.translate("SyncTexts", "Merged")
        )
    if status == ALREADY_APPLIED:
        return QCoreApplication.translate("SyncTexts", "Already merged before")
    if status == REJECTED:
        return QCoreApplication.translate("SyncTexts", "Refused")
    if status == QUARANTINED:
        return QCoreApplication.translate("SyncTexts", "Held back (clock far ahead)")
    if status == OWN:
        return QCoreApplication.translate("SyncTexts", "This station's own package (skipped)")
    return status


def kind_text(kind: str) -> str:
    names = {
        "field": QCoreApplication.translate("SyncTexts", "Edited at both stations"),
        "edit-delete": QCoreApplication.translate("SyncTexts", "Edited at one station, deleted at another"),
        "duplicate-id": QCoreApplication.translate("SyncTexts", "Same ID number twice"),
    }
    return names.get(kind, kind)


def resolution_text(status: str) -> str:
    names = {
        "open": QCoreApplication.translate("SyncTexts", "Open"),
        "kept": QCoreApplication.translate("SyncTexts", "Kept the current value"),
        "chose-other": QCoreApplication.translate("SyncTexts", "Used the other value"),
    }
    return names.get(status, status)


def format_bytes(count: int) -> str:
    value = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"  # pragma: no cover


def format_time(moment: dt.datetime | None) -> str:
    """In the laptop's local time; the core's naive datetimes are UTC (it stores UTC throughout)."""
    if moment is None:
        return "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def stamp_time(stamp: str) -> dt.datetime | None:
    """When a change was made, from its hybrid-logical-clock stamp (None when there is none)."""
    try:
        parsed = Stamp.parse(stamp)
    except ValueError:
        return None
    return dt.datetime.fromtimestamp(parsed.ms / 1000, tz=dt.UTC)


def value_text(value: Any) -> str:
    """A conflict's value as text: empty values say so, lists and objects as compact JSON."""
    if value is None or value == "":
        return QCoreApplication.translate("SyncTexts", "(empty)")
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("SyncTexts", "Yes")
            if value
            else QCoreApplication.translate("SyncTexts", "No")
        )
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
