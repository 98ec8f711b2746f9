"""UI preferences (QSettings), each declared once with its key, type and default.

Only what the interface remembers lives here (language, window geometry, the last surveyor); domain
data is in SQLite.
The settings file is an INI file (``Huimin/huimin-desktop.ini`` in the user's config folder) on every
platform, so a cadre's laptop keeps nothing in the Windows registry and tests can redirect it with
``QSettings.setPath``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from huimin_desktop import APP_ID, ORGANIZATION

T = TypeVar("T")


@dataclass(frozen=True)
class Preference(Generic[T]):
    key: str
    type: type[T]
    default: T


LANGUAGE: Preference[str] = Preference("ui/language", str, "zh_CN")
MAIN_WINDOW_GEOMETRY: Preference[QByteArray] = Preference("ui/main_window_geometry", QByteArray, QByteArray())
# The survey's 调查人 and 调查日期 a new survey starts with: the last ones saved on this laptop.
LAST_SURVEYOR: Preference[str] = Preference("entry/last_surveyor", str, "")
LAST_SURVEY_DATE: Preference[str] = Preference("entry/last_survey_date", str, "")  # yyyy-MM-dd
# Minutes without a key press or click before the program locks and asks the password again (0: never).
IDLE_LOCK_MINUTES: Preference[int] = Preference("security/idle_lock_minutes", int, 10)


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_ID)


def read(preference: Preference[T]) -> T:
    value = settings().value(preference.key, preference.default)
    if isinstance(value, preference.type):
        return value
    try:
        return preference.type(value)  # type: ignore[call-arg]
    except (TypeError, ValueError):
        return preference.default


def write(preference: Preference[T], value: T) -> None:
    store = settings()
    store.setValue(preference.key, value)
    store.sync()
