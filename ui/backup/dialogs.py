"""备份到U盘 and 从备份恢复: thin dialogs over ``Station.backups`` (services/backups.py), the slow work in
``ui.operations.Operation`` with progress and cancel.

A cancelled or interrupted backup to a stick leaves an unfinished folder there; the next backup to the
same stick goes on with it. A restore is checked first (nothing changes when the backup is refused), then
confirmed, then run.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.services.backup_restore import CheckedBackup, RestoreResult
from huimin_desktop.services.backups import DriveBackupResult
from huimin_desktop.services.station import Station
from ui.sync.drive_picker import DrivePicker
from ui.sync.texts import format_bytes

PATH_ROLE = Qt.ItemDataRole.UserRole


class DriveBackupDialog(QDialog):
    """Choose the stick, back up, see what was written and verified."""

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.result_value: DriveBackupResult | None = None
        self.setWindowTitle(self.tr("Back up to USB stick"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "The database (encrypted), the key vault and the attachments are copied to the stick and "
                "read back to check them. If the stick is pulled out, back up again: it goes on where it "
                "stopped."
            )
        )
        intro.setWordWrap(True)
        self.picker = DrivePicker(self)
        self.outcome = QLabel()
        self.outcome.setObjectName("backupOutcome")
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start = QPushButton(self.tr("Back up"))
        self.start.setObjectName("startBackup")
        self.start.setDefault(True)
        self.buttons.addButton(self.start, QDialogButtonBox.ButtonRole.ActionRole)
        self.start.clicked.connect(self.run_backup)
        self.buttons.rejected.connect(self.reject)
        self.picker.changed.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.start.setEnabled(self.picker.chosen_path() is not None)

    def run_backup(self) -> None:
        from ui.operations import Operation

        target = self.picker.chosen_path()
        if target is None:
            return
        station = self.station
        self.start.setEnabled(False)
        Operation(
            self,
            lambda task: station.backups.to_drive(target, task),
            label=self.tr("Backing up to {path}…").format(path=target),
        ).success(self._done).cancelled(self._stopped).failure(self._failed).run_in_background()

    def _done(self, result: DriveBackupResult) -> None:
        self.result_value = result
        self.outcome.setText(
            self.tr(
                "Backed up to {folder}: {files} files, {size}, {attachments} attachments; everything was "
                "read back and matches. The stick can be removed safely."
            ).format(
                folder=result.folder,
                files=result.files,
                size=format_bytes(result.bytes),
                attachments=result.attachments,
            )
        )
        self._update()

    def _stopped(self) -> None:
        self.outcome.setText(
            self.tr("Cancelled. The backup on the stick is unfinished; back up again to go on with it.")
        )
        self._update()

    def _failed(self, error: BaseException) -> None:
        from ui.errors import expected_error_message, one_line_reason

        reason = expected_error_message(error) or one_line_reason(error)
        self.outcome.setText(self.tr("The backup did not finish: {reason}").format(reason=reason))
        self._update()


class RestoreDialog(QDialog):
    """Pick an automatic backup or a stick's backup folder; check it, confirm, restore."""

    restored = Signal()

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.checked: CheckedBackup | None = None
        self.result_value: RestoreResult | None = None
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "Choose an automatic backup, or a backup folder on a USB stick. The backup is checked first; "
                "the current data is backed up before it is replaced."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        for backup in reversed(station.backups.list()):
            text = self.tr("{when}  ({label}, {size})").format(
                when=backup.taken_at.strftime("%Y-%m-%d %H:%M"),
                label=backup.label,
                size=format_bytes(backup.size),
            )
            item = QListWidgetItem(text)
            item.setData(PATH_ROLE, str(backup.path))
            self.list.addItem(item)
        self.folder_button = QPushButton(self.tr("Backup folder on a USB stick…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.outcome = QLabel()
        self.outcome.setObjectName("restoreOutcome")
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start = QPushButton(self.tr("Check and restore…"))
        self.start.setObjectName("startRestore")
        self.buttons.addButton(self.start, QDialogButtonBox.ButtonRole.ActionRole)
        self.start.clicked.connect(lambda: self.check(self.chosen()))
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(lambda *_: self.start.setEnabled(self.chosen() is not None))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.folder_button)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.start.setEnabled(False)

    def label_text(self, label: str) -> str:
        """What a backup was taken for, in words (store/backups.py names)."""
        if label.startswith("before-upgrade-from-"):
            return self.tr("before upgrading schema {revision}").format(revision=label.rsplit("-", 1)[-1])
        known = {
            "daily": self.tr("daily"),
            "before-merge": self.tr("before a merge"),
            "before-restore": self.tr("before a restore"),
            "before-encryption": self.tr("before encryption"),
        }
        return known.get(label, label)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(PATH_ROLE)) if item is not None else None

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a backup folder"), str(Path.home()))
        if folder:
            self.check(Path(folder))

    def check(self, source: Path | None) -> None:
        from ui.operations import Operation

        if source is None:
            return
        station = self.station
        Operation(
            self, lambda task: station.backups.check(source, task), label=self.tr("Checking the backup…")
        ).success(self._confirm).failure(self._refused).run_in_background()

    def _refused(self, error: BaseException) -> None:
        from ui.errors import expected_error_message, one_line_reason

        self.outcome.setText(expected_error_message(error) or one_line_reason(error))

    def _confirm(self, checked: CheckedBackup) -> None:
        self.checked = checked
        self.outcome.setText(self.tr("The backup is whole and belongs to this station."))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore from a backup"),
            self.tr(
                "Restore the backup of {station} taken {when}? The current data is replaced by it (a backup "
                "of the current data is taken first)."
            ).format(station=checked.station_name, when=checked.taken_at),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("Restore"))
        box.buttonClicked.connect(lambda button: self.run_restore(checked.source) if button is yes else None)
        self.confirm_box = box
        box.open()

    def run_restore(self, source: Path) -> None:
        from ui.operations import Operation

        station = self.station
        Operation(
            self,
            lambda task: station.backups.restore(source, task),
            label=self.tr("Restoring…"),
            cancellable=False,  # the last step is one rename: a cancel half-way would only confuse
        ).success(self._restored).failure(self._refused).run_in_background()

    def _restored(self, result: RestoreResult) -> None:
        self.result_value = result
        self.outcome.setText(
            self.tr("Restored. The data as it was before is kept in {copy}.").format(
                copy=result.safety_copy.name
            )
        )
        self.restored.emit()
