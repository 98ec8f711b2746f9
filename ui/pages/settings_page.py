"""设置 page: the data folder, the interface language (applied on restart), the idle lock, the version and
the backups (ui/backup/panel.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from huimin_desktop import __version__
from ui import preferences
from ui.i18n import LANGUAGE_NAMES, choose_language
from ui.pages.base import Page, make_card
from ui.widgets.labels import muted_label

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station
    from ui.backup.panel import BackupPanel


class SettingsPage(Page):
    idle_minutes_changed = Signal(int)  # the idle lock (ui/login/lock.py) follows it at once

    def __init__(self, data_dir: Path, parent: QWidget | None = None, station: Station | None = None) -> None:
        super().__init__(parent)
        self.title.setText(self.tr("Settings"))
        card = make_card()
        form = QFormLayout(card)
        form.setContentsMargins(18, 14, 18, 14)
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(12)

        folder_row = QHBoxLayout()
        self.data_folder = QLineEdit(str(data_dir))
        self.data_folder.setReadOnly(True)
        self.data_folder.setMinimumWidth(360)
        self.open_folder = QPushButton(self.tr("Show in file manager"))
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self.data_folder.text()))
        )
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(self.open_folder)
        form.addRow(self.tr("Data folder:"), folder_row)

        self.language = QComboBox()
        self.language.setMinimumWidth(200)
        self.language.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        saved = choose_language(None)
        self.language.setCurrentIndex(max(0, self.language.findData(saved)))
        self.language.currentIndexChanged.connect(self._save_language)
        form.addRow(self.tr("Language:"), self.language)
        self.language_note = muted_label(
            self.tr("A new language takes effect when the program is restarted.")
        )
        form.addRow("", self.language_note)

        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.idle_minutes.setValue(preferences.read(preferences.IDLE_LOCK_MINUTES))
        self.idle_minutes.valueChanged.connect(self._save_idle_minutes)
        form.addRow(self.tr("Lock when idle for:"), self.idle_minutes)

        self.version = QLineEdit(__version__)
        self.version.setReadOnly(True)
        self.version.setFrame(False)
        form.addRow(self.tr("Version:"), self.version)
        self.body.addWidget(card)
        self.backups: BackupPanel | None = None
        if station is not None:  # the backup card (ui/backup/): folder, last backup, stick, restore
            from ui.backup.panel import BackupPanel

            self.backups = BackupPanel(station)
            self.body.addWidget(self.backups)
        self.finish()

    def _save_idle_minutes(self, minutes: int) -> None:
        preferences.write(preferences.IDLE_LOCK_MINUTES, minutes)
        self.idle_minutes_changed.emit(minutes)

    def _save_language(self) -> None:
        preferences.write(preferences.LANGUAGE, self.language.currentData())
        self.language_note.setText(
            self.tr("Saved. The new language takes effect when the program is restarted.")
        )
