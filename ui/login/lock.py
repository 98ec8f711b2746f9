"""The idle lock: after some minutes without a key press or a click the program covers its windows and
asks the logged-in user's password again. Nothing is closed: an open form or editor is exactly as it was
under the cover. Wrong passwords count towards the 15-minute lock like a login's.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.services.station import Station
from ui.errors import expected_error_message, one_line_reason

DEFAULT_IDLE_MINUTES = 10
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class Cover(QFrame):
    """An opaque cover over one window; on the main window it holds the password form."""

    def __init__(self, window: QWidget, form: QWidget | None = None) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockCover { background: #eef1f5; }")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if form is not None:
            layout.addWidget(form)
        else:
            layout.addWidget(QLabel(self.tr("Locked. Type your password in the main window.")))
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class UnlockForm(QFrame):
    def __init__(self, station: Station, on_unlocked: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("unlockForm")
        self.setStyleSheet(
            "#unlockForm { background: white; border: 1px solid #c8ced6; border-radius: 8px; }"
        )
        self.setFixedWidth(380)
        self.station = station
        self.on_unlocked = on_unlocked
        title = QLabel(self.tr("The program is locked"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        actor = station.db.actor
        who = QLabel(self.tr("Logged in as {user}. Type the password to go on.").format(user=actor.username))
        who.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.unlock)
        self.error = QLabel()
        self.error.setObjectName("unlockError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        self.button = QPushButton(self.tr("Unlock"))
        self.button.clicked.connect(self.unlock)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        for widget in (title, who, self.password, self.error, self.button):
            layout.addWidget(widget)

    def unlock(self) -> None:
        try:
            self.station.confirm_password(self.password.text())
        except Exception as error:
            self.error.setText(expected_error_message(error) or one_line_reason(error))
            self.error.show()
            self.password.selectAll()
            self.password.setFocus()
            return
        self.on_unlocked()


class IdleLock(QObject):
    """Watches the application's input; ``lock()`` after ``minutes`` of none (0: never)."""

    def __init__(self, main_window: QWidget, station_of: Callable[[], Station | None], minutes: int) -> None:
        super().__init__(main_window)
        self.main_window = main_window
        self.station_of = station_of
        self.covers: list[Cover] = []
        self.form: UnlockForm | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return bool(self.covers)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, minutes)
        if self.minutes:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.locked and self.minutes:
            self.timer.start()
        return False

    def lock(self) -> None:
        station = self.station_of()
        if self.locked or station is None:
            return
        with contextlib.suppress(Exception):  # a busy database must never keep the windows unlocked
            station.audit.session_locked(self.minutes)
        self.form = UnlockForm(station, self.unlock)
        self.covers = [Cover(self.main_window, self.form)]
        for window in QApplication.topLevelWidgets():
            if window is not self.main_window and window.isVisible() and not isinstance(window, Cover):
                self.covers.append(Cover(window))
        self.form.password.setFocus()

    def unlock(self) -> None:
        for cover in self.covers:
            cover.hide()
            cover.deleteLater()
        self.covers, self.form = [], None
        if self.minutes:
            self.timer.start()
