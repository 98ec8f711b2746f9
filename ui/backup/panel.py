"""The settings page's backup card: the automatic backups' folder and the newest one, the last backup to
a USB stick, and the administrator's buttons 备份到U盘 and 从备份恢复 (ui/backup/dialogs.py).

The card also runs the daily backup while the program runs (``DailyBackup``): a minute after the
station opens, then every hour, a quiet operation asks the core for the day's backup, which it takes
only when none was taken today (services/backups.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from huimin_desktop.security.roles import BACKUP, RESTORE
from huimin_desktop.services.station import Station
from ui.pages.base import CARD_MAX_WIDTH
from ui.widgets.labels import section_title

FIRST_CHECK_MS = 60_000  # after start-up, not during it
CHECK_INTERVAL_MS = 60 * 60_000


class DailyBackup(QObject):
    """The day's automatic backup while the program runs (see the module docstring)."""

    taken = Signal()

    def __init__(self, station: Station, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.run_if_due)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.run_if_due)

    def run_if_due(self) -> None:
        from ui.operations import Operation

        Operation(self, lambda _task: self.station.backups.daily_if_due(), label="", quiet=True).success(
            lambda taken: self.taken.emit() if taken is not None else None
        ).run_in_background()


def _local(moment: dt.datetime) -> dt.datetime:
    """A naive UTC time from the audit log as local time."""
    return moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


class BackupPanel(QFrame):
    """The backup card; ``restored`` fires after a restore replaced the data (the window reloads)."""

    restored = Signal()

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.setObjectName("card")  # styled and sized as the page's other cards (ui/pages/base.py)
        self.setMaximumWidth(CARD_MAX_WIDTH)
        form = QFormLayout(self)
        form.setContentsMargins(18, 14, 18, 14)
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(12)
        form.addRow(section_title(self.tr("Backups")))

        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(station.backups.folder))
        self.folder.setObjectName("backupFolder")
        self.folder.setReadOnly(True)
        self.folder.setMinimumWidth(360)
        self.show_folder = QPushButton(self.tr("Show in file manager"))
        self.show_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text()))
        )
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.show_folder)
        form.addRow(self.tr("Backup folder:"), folder_row)
        self.latest = QLabel()
        self.latest.setObjectName("lastBackup")
        self.latest.setWordWrap(True)
        form.addRow(self.tr("Last automatic backup:"), self.latest)
        self.last_drive = QLabel()
        self.last_drive.setObjectName("lastDriveBackup")
        self.last_drive.setWordWrap(True)
        form.addRow(self.tr("Last backup to a USB stick:"), self.last_drive)

        buttons = QHBoxLayout()
        self.to_drive = QPushButton(self.tr("Back up to USB stick…"))
        self.to_drive.setObjectName("backupToDrive")
        self.to_drive.clicked.connect(self.back_up_to_drive)
        self.restore = QPushButton(self.tr("Restore from a backup…"))
        self.restore.setObjectName("restoreBackup")
        self.restore.clicked.connect(self.restore_backup)
        buttons.addWidget(self.to_drive)
        buttons.addWidget(self.restore)
        buttons.addStretch(1)
        actor = station.db.actor
        self.to_drive.setVisible(actor.can(BACKUP))
        self.restore.setVisible(actor.can(RESTORE))
        form.addRow("", buttons)
        self.note = QLabel(
            self.tr(
                "A backup is taken every day while the program runs and before every merge; the last 7 days "
                "and 4 weeks are kept. A backup to a USB stick also holds the attachments, stays encrypted "
                "and opens with a user's password or the recovery code."
            )
        )
        self.note.setObjectName("mutedText")
        self.note.setWordWrap(True)
        form.addRow("", self.note)

        self.daily = DailyBackup(station, self)
        self.daily.taken.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        status = self.station.backups.status()
        if status.latest is None:
            self.latest.setText(self.tr("none yet"))
        else:
            self.latest.setText(
                self.tr("{when} ({count} kept)").format(
                    when=status.latest.taken_at.strftime("%Y-%m-%d %H:%M"), count=status.count
                )
            )
        if status.last_drive is None:
            self.last_drive.setText(self.tr("never"))
        else:
            self.last_drive.setText(
                self.tr("{when}, {folder}").format(
                    when=_local(status.last_drive).strftime("%Y-%m-%d %H:%M"), folder=status.last_drive_folder
                )
            )

    def back_up_to_drive(self) -> None:
        from ui.backup.dialogs import DriveBackupDialog

        self.drive_dialog = DriveBackupDialog(self.station, self)
        self.drive_dialog.finished.connect(lambda _code: self.refresh())
        self.drive_dialog.open()

    def restore_backup(self) -> None:
        from ui.backup.dialogs import RestoreDialog

        self.restore_dialog = RestoreDialog(self.station, self)
        self.restore_dialog.restored.connect(self.restored)
        self.restore_dialog.open()

    def backup_folder(self) -> Path:
        return Path(self.folder.text())
