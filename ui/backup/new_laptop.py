"""从备份恢复 on a new laptop: a stick's backup into a data folder that holds no station yet.

The first-start dialog's fourth choice. Three steps, the slow ones in ``ui.operations.Operation`` with
progress and cancel: pick the backup folder on the stick and it is checked at once (finished, every file
whole: ``Station.check_new_backup``, which reads the stick only); then the user proves they may open it,
with the password of an administrator in that backup or, every password forgotten, its recovery code
and a new password; then ``Station.restore_new`` installs it and opens the station as that user.

Every refusal is one line under the field it concerns. A refusal, a cancel or the stick pulled out
half-way leaves the data folder as it was (services/backup_restore.py removes what it wrote).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.services.backup_restore import StickBackup
from huimin_desktop.services.station import Station
from huimin_desktop.services.users import MIN_PASSWORD_LENGTH
from ui.errors import expected_error_message
from ui.operations import Operation
from ui.sync.texts import format_bytes

# Refusals after which the backup must be chosen (and checked) again: the stick's files changed.
CHECK_AGAIN = frozenset({"restore.interrupted", "restore.unreadable", "restore.damaged", "restore.missing"})


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _line(name: str, *, error: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName("inlineError" if error else name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def local_time(iso: str) -> str:
    """The manifest's UTC time as the laptop's local time (as written when it cannot be read)."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class RestoreNewDialog(QDialog):
    """Restore a stick's backup into ``data_dir`` (no station there); ``station`` is set on success."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.station: Station | None = None
        self.checked: StickBackup | None = None
        self.operation: Operation[Any] | None = None
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "Restore this computer's station from a backup on a USB stick (made with “Back up to USB "
                "stick”). The backup is checked first; then log in with the password of an administrator "
                "in that backup, or with its recovery code. The data goes to {path}."
            ).format(path=data_dir)
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self._build_source_box())
        layout.addWidget(self._build_login_box())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setObjectName("startRestoreNew")
        self.restore_button.setDefault(True)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.clicked.connect(self.run_restore)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._set_checked(None)

    # -- building -----------------------------------------------------------------------------------

    def _build_source_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("1. The backup on the USB stick"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.source_label = QLabel(self.tr("No backup chosen yet."))
        self.source_label.setObjectName("mutedText")
        self.source_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose backup folder…"))
        self.choose_button.setObjectName("chooseBackupFolder")
        self.choose_button.clicked.connect(self.choose_folder)
        row.addWidget(self.source_label, 1)
        row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)
        self.check_outcome = _line("backupCheckOutcome")
        self.check_error = _line("", error=True)
        layout.addLayout(row)
        layout.addWidget(self.check_outcome)
        layout.addWidget(self.check_error)
        return box

    def _build_login_box(self) -> QGroupBox:
        self.login_box = QGroupBox(self.tr("2. Prove you may open it"))
        form = QFormLayout(self.login_box)
        form.setHorizontalSpacing(16)
        self.with_password = QRadioButton(self.tr("Password of an administrator in the backup"))
        self.with_code = QRadioButton(self.tr("Recovery code (every password forgotten)"))
        self.with_password.setChecked(True)
        self.way = QButtonGroup(self)
        for button in (self.with_password, self.with_code):
            self.way.addButton(button)
        self.with_code.toggled.connect(self._show_way)
        self.user = QLineEdit("admin")
        self.user.setObjectName("restoreUser")
        self.user.setMaxLength(30)
        self.password = _password_field("restorePassword")
        self.code = QLineEdit()
        self.code.setObjectName("restoreRecoveryCode")
        self.code.setPlaceholderText(self.tr("the code shown once when the station was created"))
        self.new_password = _password_field("restoreNewPassword")
        self.new_password_again = _password_field("restoreNewPasswordAgain")
        self.login_error = _line("", error=True)
        form.addRow(self.with_password)
        form.addRow(self.with_code)
        form.addRow(self.tr("User name:"), self.user)
        self.password_label = QLabel(self.tr("Password:"))
        form.addRow(self.password_label, self.password)
        self.code_label = QLabel(self.tr("Recovery code:"))
        form.addRow(self.code_label, self.code)
        self.new_label = QLabel(self.tr("New password:"))
        form.addRow(self.new_label, self.new_password)
        self.again_label = QLabel(self.tr("New password again:"))
        form.addRow(self.again_label, self.new_password_again)
        form.addRow(self.login_error)
        for field in (self.user, self.password, self.code, self.new_password, self.new_password_again):
            field.textChanged.connect(lambda: self._say(self.login_error, ""))
        self._show_way()
        return self.login_box

    def _show_way(self) -> None:
        code = self.with_code.isChecked()
        for widget in (self.password_label, self.password):
            widget.setVisible(not code)
        for widget in (self.code_label, self.code, self.new_label, self.new_password):
            widget.setVisible(code)
        self.again_label.setVisible(code)
        self.new_password_again.setVisible(code)
        self._say(self.login_error, "")

    def _say(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))
        if text:
            self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """A message that appears takes room: the dialog grows instead of cutting it off."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = self.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if self.height() < needed:
            self.resize(width, needed)

    def _set_checked(self, checked: StickBackup | None) -> None:
        self.checked = checked
        self.login_box.setEnabled(checked is not None)
        self.restore_button.setEnabled(checked is not None)
        if checked is not None:
            self._say(
                self.check_outcome,
                self.tr(
                    "The backup is whole: {station}, backed up {when}; {files} files ({attachments} "
                    "attachments, {size})."
                ).format(
                    station=checked.station_name,
                    when=local_time(checked.taken_at),
                    files=checked.files,
                    attachments=checked.attachments,
                    size=format_bytes(checked.bytes),
                ),
            )
            self.password.setFocus()
        else:
            self._say(self.check_outcome, "")

    def _set_busy(self, busy: bool) -> None:
        self.choose_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.checked is not None)
        self.login_box.setEnabled(not busy and self.checked is not None)

    # -- step 1: the check --------------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the backup folder on the USB stick"), str(Path.home())
        )
        if folder:
            self.check(Path(folder))

    def check(self, source: Path) -> None:
        """Check the backup folder ``source`` (the folder dialog calls this; so do the tests)."""
        self.source_label.setText(str(source))
        self._say(self.check_error, "")
        self._set_checked(None)
        self._set_busy(True)
        operation = (
            Operation(
                self,
                lambda task: Station.check_new_backup(source, task),
                label=self.tr("Checking the backup…"),
                title=self.tr("Restore from a backup"),
            )
            .success(self._checked)
            .cancelled(self._check_cancelled)
            .failure(self._check_refused)
        )
        self.operation = operation
        operation.run_in_background()

    def _checked(self, checked: StickBackup) -> None:
        self._set_busy(False)
        self._set_checked(checked)

    def _check_cancelled(self) -> None:
        self._set_busy(False)
        self._say(self.check_error, self.tr("The check was cancelled; choose the backup folder again."))

    def _check_refused(self, error: BaseException) -> None:
        self._set_busy(False)
        self._refused(error, self.check_error)

    def _refused(self, error: BaseException, label: QLabel) -> None:
        message = expected_error_message(error)
        if message is None and self.operation is not None:
            self.operation.show_error(error)  # a bug: the one line and the log (ui/crash_log.py)
            return
        self._say(label, message or "")

    # -- step 2 and 3: the login, the install -------------------------------------------------------

    def _login(self) -> tuple[str, str, str | None] | None:
        """(user, password, recovery code or None) from the form, or None after an inline message."""
        user = self.user.text().strip()
        if not user:
            self._say(self.login_error, self.tr("Please enter the user name."))
            return None
        if not self.with_code.isChecked():
            if not self.password.text():
                self._say(self.login_error, self.tr("Please enter the password."))
                return None
            return user, self.password.text(), None
        code, password = self.code.text().strip(), self.new_password.text()
        if not code:
            self._say(self.login_error, self.tr("Please enter the recovery code."))
        elif len(password) < MIN_PASSWORD_LENGTH:
            self._say(
                self.login_error,
                self.tr("The new password needs at least {count} characters.").format(
                    count=MIN_PASSWORD_LENGTH
                ),
            )
        elif password != self.new_password_again.text():
            self._say(self.login_error, self.tr("The two new passwords differ."))
        else:
            return user, password, code
        return None

    def run_restore(self) -> None:
        checked, login = self.checked, self._login()
        if checked is None or login is None:
            return
        user, password, code = login
        folder, source = self.data_dir, checked.source
        self._set_busy(True)
        operation = (
            Operation(
                self,
                lambda task: Station.restore_new(
                    folder, source, user, password, recovery_code=code, task=task, verified=True
                ),
                label=self.tr("Restoring the station from the backup…"),
                title=self.tr("Restore from a backup"),
            )
            .success(self._restored)
            .cancelled(self._restore_cancelled)
            .failure(self._restore_refused)
        )
        self.operation = operation
        operation.run_in_background()

    def _restored(self, station: Station) -> None:
        self._set_busy(False)
        self.station = station
        self.accept()

    def _restore_cancelled(self) -> None:
        self._set_busy(False)
        self._say(self.login_error, self.tr("Cancelled; nothing was written to the data folder."))

    def _restore_refused(self, error: BaseException) -> None:
        self._set_busy(False)
        if getattr(error, "code", None) in CHECK_AGAIN:
            self._set_checked(None)  # the stick changed under us: choose and check it again
            self._refused(error, self.check_error)
            return
        self.password.clear()
        self._refused(error, self.login_error)
