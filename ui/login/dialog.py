"""The login dialog: user name and password open the data folder (the password unwraps its data key).

A wrong password, a lock ("locked until 14:35") or a disabled user is said in the dialog, which stays
open; the demo folder shows its credentials. ``station`` holds the opened station once accepted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.services.login_hint import demo_credentials
from ui.widgets.first_paint import after_first_paint

if TYPE_CHECKING:
    # The core (SQLAlchemy, SQLCipher, the services) loads once the dialog has painted (ui/app.py) or
    # when "Log in" is pressed: the dialog shows without it.
    from huimin_desktop.services.station import Station


class LoginDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None, *, user: str = "") -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.station: Station | None = None
        self.setWindowTitle(self.tr("Log in – Huimin Desktop"))
        self.setMinimumWidth(420)

        title = QLabel(self.tr("Log in to the data folder"))
        title.setObjectName("loginTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.where = QLabel(str(data_dir))
        self.where.setWordWrap(True)

        self.user = QLineEdit(user)
        self.user.setObjectName("loginUser")
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)

        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("demoHint")
        self.demo_hint.setWordWrap(True)
        demo = demo_credentials(data_dir)  # Station.demo_login, without loading the core
        if demo is not None:
            self.demo_hint.setText(
                self.tr("Demo data: user name {user}, password {password}").format(
                    user=demo[0], password=demo[1]
                )
            )
            if not user:
                self.user.setText(demo[0])
        self.demo_hint.setVisible(demo is not None)

        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setVisible(False)

        # Given after construction: the constructor's overloads (one takes a Qt.Orientation) would build
        # the Qt namespace to tell them apart.
        self.buttons = QDialogButtonBox()
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Log in"))
        self.buttons.accepted.connect(self.log_in)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(title)
        layout.addWidget(self.where)
        layout.addLayout(form)
        layout.addWidget(self.demo_hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if self.user.text() else self.user).setFocus()
        after_first_paint(self, self._make_folder_selectable)

    def _make_folder_selectable(self) -> None:
        """The folder's text can be selected (copied), set once the dialog has painted: the flag builds
        PySide's whole ``Qt`` namespace (about a hundred Python enums, 15–30 ms), which nothing painted
        needs; the dialog looks the same before and after."""
        from PySide6.QtCore import Qt

        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def log_in(self) -> None:
        user, password = self.user.text().strip(), self.password.text()
        if not user:
            self.show_error(self.tr("Please enter your user name."))
            self.user.setFocus()
            return
        from PySide6.QtCore import Qt

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            from huimin_desktop.services.station import Station

            self.station = Station.open(self.data_dir, user, password)
        except Exception as error:
            from ui.errors import expected_error_message, one_line_reason

            self.station = None
            self.show_error(expected_error_message(error) or one_line_reason(error))
            self.password.selectAll()
            self.password.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()
