"""用户 page (administrators): the station's users, their roles and state; add, disable, reset a
password, change a role. The services refuse all of it to anyone else (MANAGE_USERS); the main window
only shows the page to those who may use it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.security.roles import ROLES
from huimin_desktop.services.station import Station
from huimin_desktop.services.users import MIN_PASSWORD_LENGTH, UserRecord
from ui.errors import expected_error_message, one_line_reason
from ui.pages.base import Page, make_card
from ui.vocabulary import role_label


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class UserDialog(QDialog):
    """A new user (``username`` editable) or a new password for one (``for_user``)."""

    def __init__(self, parent: QWidget | None = None, *, for_user: str | None = None) -> None:
        super().__init__(parent)
        self.for_user = for_user
        self.setWindowTitle(self.tr("New user") if for_user is None else self.tr("Reset password"))
        form = QFormLayout(self)
        self.username = QLineEdit(for_user or "")
        self.username.setReadOnly(for_user is not None)
        self.display_name = QLineEdit()
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.password = _password_field()
        self.password_again = _password_field()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        form.addRow(self.tr("User name:"), self.username)
        if for_user is None:
            form.addRow(self.tr("Name:"), self.display_name)
            form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Password again:"), self.password_again)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            self.show_error(
                self.tr("The password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH)
            )
        elif self.password.text() != self.password_again.text():
            self.show_error(self.tr("The two passwords differ."))
        else:
            self.accept()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class UsersPage(Page):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.title.setText(self.tr("Users"))
        card = make_card()
        layout = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add user…"))
        self.disable_button = QPushButton(self.tr("Disable"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.role_button = QPushButton(self.tr("Set role"))
        for widget in (self.add_button, self.disable_button, self.reset_button, self.role, self.role_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Name"), self.tr("Role"), self.tr("State")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(260)
        self.message = QLabel()
        self.message.setWordWrap(True)
        box = QFormLayout(card)
        box.addRow(layout)
        box.addRow(self.table)
        box.addRow(self.message)
        self.body.addWidget(card)
        self.finish()
        self.add_button.clicked.connect(self.add_user)
        self.disable_button.clicked.connect(lambda: self._act(lambda name: station.users.disable(name)))
        self.reset_button.clicked.connect(self.reset_password)
        self.role_button.clicked.connect(
            lambda: self._act(lambda name: station.users.set_role(name, str(self.role.currentData())))
        )
        self.users: list[UserRecord] = []
        self.refresh()

    def refresh(self) -> None:
        self.users = self.station.users.list()
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            state = self.tr("active") if user.active else self.tr("disabled")
            for column, text in enumerate((user.username, user.display_name, role_label(user.role), state)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()].username if rows else None

    def _act(self, action) -> None:  # type: ignore[no-untyped-def]
        name = self.selected()
        if name is None:
            self.message.setText(self.tr("Select a user first."))
            return
        try:
            action(name)
        except Exception as error:
            self.message.setText(expected_error_message(error) or one_line_reason(error))
            return
        self.message.setText(self.tr("Done: {user}").format(user=name))
        self.refresh()

    def add_user(self) -> None:
        dialog = UserDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.station.users.create(
                dialog.username.text(),
                dialog.display_name.text(),
                str(dialog.role.currentData()),
                password=dialog.password.text(),
            )
        except Exception as error:
            self.message.setText(expected_error_message(error) or one_line_reason(error))
            return
        self.refresh()

    def reset_password(self) -> None:
        name = self.selected()
        if name is None:
            self.message.setText(self.tr("Select a user first."))
            return
        dialog = UserDialog(self, for_user=name)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._act(lambda user: self.station.users.reset_password(user, dialog.password.text()))


class UsersWindow(QDialog):
    """The user list as its own window (File → Users…)."""

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Users"))
        self.resize(760, 480)
        self.page = UsersPage(station, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)
