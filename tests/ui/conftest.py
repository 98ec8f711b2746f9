"""GUI test fixtures: isolated QSettings, the interface language, and synchronous operations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from huimin_desktop.services.station import Station
from huimin_desktop.sync.drives import TEST_DRIVES_ENV
from tests.ui.pending_translations import install_pending
from tests.ui.sync_scenario import enrolled_pair, stick
from ui import operations
from ui.i18n import CHINESE, ENGLISH, install_translators, remove_translators


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[Path]:
    """UI preferences go to a per-test folder, never to the user's real settings file."""
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def no_modifier_key_held(qapp: QApplication) -> Iterator[None]:
    """Every test starts with Ctrl, Shift and Alt up. Qt keeps the modifiers of the last key event as
    QGuiApplication.keyboardModifiers(): after a test's Ctrl+S the next test on the same worker had
    Ctrl "held", and a view's setCurrentIndex toggled the row instead of selecting it alone (the
    attachment panel then removed the other file)."""
    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        QTest.keyRelease(QWidget(), Qt.Key.Key_Control)  # a release with no modifiers resets them
    yield


def _language(app: QApplication, language: str) -> Iterator[str]:
    translators = install_translators(app, language)
    pending = install_pending(app) if language == CHINESE else None  # incoming/*.tsv, not merged yet
    translators += [pending] if pending is not None else []
    try:
        yield language
    finally:
        remove_translators(app, translators)


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[str]:
    """The default interface: our catalog and Qt's own Chinese translations installed (and the
    translations still waiting in resources/translations/incoming/, see pending_translations.py)."""
    yield from _language(qapp, CHINESE)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[str]:
    yield from _language(qapp, ENGLISH)


@pytest.fixture
def sync_operations() -> Iterator[None]:
    """Operations run on the calling thread (progress, cancel and callbacks still happen)."""
    with operations.synchronous():
        yield


def type_text(widget: QWidget, text: str) -> None:
    """Type like a user would: ASCII as key events, Chinese as an input-method commit.

    (qtbot.keyClicks with Chinese characters aborts PySide6 6.11; see shared/QT-ON-LINUX.md.)
    """
    widget.setFocus()
    for char in text:
        if char.isascii():
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QCoreApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
                )
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QCoreApplication.sendEvent(widget, event)


# -- sync screens: a USB stick the drive list shows, a city and the township it enrolled ------------


@pytest.fixture
def usb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = stick(tmp_path / "drives")
    monkeypatch.setenv(TEST_DRIVES_ENV, str(folder))
    return folder


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Station, Station]]:
    city, township = enrolled_pair(tmp_path / "net")
    try:
        yield city, township
    finally:
        township.close()
        city.close()
