"""Where a package or setup file goes: the USB sticks plugged in now (with free space), or any folder.

The list looks for sticks again every few seconds while it is shown, so a cadre who plugs the stick in
after opening the dialog sees it appear without pressing anything.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.sync.drives import Drive, removable_drives
from ui.sync.texts import format_bytes

RESCAN_INTERVAL_MS = 2000
PATH_ROLE = Qt.ItemDataRole.UserRole
DRIVE_ROLE = Qt.ItemDataRole.UserRole + 1


class DrivePicker(QWidget):
    """A list of removable drives plus "choose folder…"; ``changed`` fires when the choice changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder: Path | None = None  # chosen with "choose folder…"
        self._drives: list[Drive] = []
        self.list = QListWidget()
        self.list.setObjectName("driveList")
        self.list.setMinimumHeight(120)
        self.list.setSpacing(2)
        self.empty_label = QLabel(
            self.tr("No USB stick found. Plug one in (it appears here by itself) or choose a folder.")
        )
        self.empty_label.setObjectName("mutedText")
        self.empty_label.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Look again"))
        self.folder_button = QPushButton(self.tr("Choose folder…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)

        self.refresh_button.clicked.connect(self.refresh)
        self.folder_button.clicked.connect(self.choose_folder)
        self.list.currentItemChanged.connect(lambda *_: self.changed.emit())
        self.timer = QTimer(self)
        self.timer.setInterval(RESCAN_INTERVAL_MS)
        self.timer.timeout.connect(self._rescan)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    # -- the list ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """List the drives again, keeping the chosen one (or choosing the first)."""
        chosen = self.chosen_path()
        self._drives = removable_drives()
        self.list.blockSignals(True)
        self.list.clear()
        drive_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon)
        for drive in self._drives:
            item = QListWidgetItem(drive_icon, self._drive_text(drive))
            item.setData(PATH_ROLE, str(drive.path))
            item.setData(DRIVE_ROLE, drive)
            item.setToolTip(str(drive.path))
            self.list.addItem(item)
        if self._folder is not None:
            folder_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)
            item = QListWidgetItem(folder_icon, self.tr("Folder: {path}").format(path=self._folder))
            item.setData(PATH_ROLE, str(self._folder))
            self.list.addItem(item)
        row = next(
            (r for r in range(self.list.count()) if Path(self.list.item(r).data(PATH_ROLE)) == chosen), 0
        )
        if self.list.count():
            self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self.empty_label.setVisible(not self._drives)
        if self.chosen_path() != chosen:
            self.changed.emit()

    def _rescan(self) -> None:
        if [d.path for d in removable_drives()] != [d.path for d in self._drives]:
            self.refresh()

    def _drive_text(self, drive: Drive) -> str:
        text = self.tr("{label}   {free} free of {total}").format(
            label=drive.label, free=format_bytes(drive.free_bytes), total=format_bytes(drive.total_bytes)
        )
        if drive.filesystem and drive.filesystem != "test":
            text += f"   ({drive.filesystem})"
        return text

    # -- the choice -------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        start = str(self.chosen_path() or Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), start)
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        """Offer (and choose) a folder that is not a removable drive."""
        self._folder = folder
        self.refresh()
        self.list.setCurrentRow(self.list.count() - 1)

    def select_path(self, path: Path) -> bool:
        for row in range(self.list.count()):
            if Path(self.list.item(row).data(PATH_ROLE)) == path:
                self.list.setCurrentRow(row)
                return True
        return False

    def chosen_path(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(PATH_ROLE)) if item is not None else None

    def chosen_drive(self) -> Drive | None:
        """The chosen removable drive (None for a chosen folder or nothing)."""
        item = self.list.currentItem()
        drive = item.data(DRIVE_ROLE) if item is not None else None
        return drive if isinstance(drive, Drive) else None

    def drives(self) -> list[Drive]:
        return list(self._drives)
