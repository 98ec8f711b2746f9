"""The attachment panel on households, projects, stage entries and trainings: a thumbnail grid plus
add (files, a whole folder, drag and drop), view, play, record, describe, export and remove.

Intake and export run through ``ui.operations.Operation`` (progress dialog, cancel); thumbnails come
from a small thread pool (``ThumbnailLoader``). The panel only ever holds frozen records.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.errors import ServiceError
from huimin_desktop.services.attachments import AttachmentRecord, IntakeReport, files_in_folder
from ui.attachments.describe_dialog import DescribeDialog
from ui.attachments.grid_model import AttachmentGridModel
from ui.attachments.media_player import MediaPlayerDialog
from ui.attachments.photo_viewer import PhotoViewer
from ui.attachments.recorder import RecorderDialog, has_microphone
from ui.attachments.thumbnails import THUMBNAIL_SIZE, ThumbnailLoader
from ui.errors import expected_error_message
from ui.operations import Operation, announced, show_message

if TYPE_CHECKING:
    from huimin_desktop.progress import TaskState
    from huimin_desktop.services.station import Station

MAX_LISTED = 12  # refused files named one by one in the message; the rest are counted


class AttachmentPanel(QWidget):
    """Attachments of one record. ``set_owner(table, None)`` shows "save the record first".

    ``changed`` fires after attachments were added, removed or described.
    """

    changed = Signal()

    def __init__(
        self, station: Station, parent: QWidget | None = None, *, categories: Sequence[str] | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.user = "system"
        self.owner_table = ""
        self.owner_id: str | None = None
        self.last_report: IntakeReport | None = None
        self.message_box: QMessageBox | None = None
        self.open_dialogs: list[QWidget] = []
        self.setAcceptDrops(True)

        self.loader = ThumbnailLoader(station, THUMBNAIL_SIZE, self)
        self._build_view()
        self._build_stack()
        bar = self._build_bar(categories)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        remove = QAction(self)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        remove.triggered.connect(self.remove_selected)
        self.view.addAction(remove)
        self.set_owner("", None)

    def _build_view(self) -> None:
        """The grid of thumbnails."""
        kind_names = {
            "photo": self.tr("Photo"),
            "audio": self.tr("Audio"),
            "video": self.tr("Video"),
            "document": self.tr("Document"),
        }
        self.model = AttachmentGridModel(self.loader, kind_names, self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.view.setGridSize(QSize(THUMBNAIL_SIZE + 26, THUMBNAIL_SIZE + 56))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragEnabled(False)
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        self.view.setMinimumHeight(THUMBNAIL_SIZE + 72)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.activated.connect(self.open_index)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

    def _build_stack(self) -> None:
        """The grid, or in its place a hint of what to do while there are no files."""
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setMinimumHeight(THUMBNAIL_SIZE + 64)
        self.hint.setStyleSheet("color: #5f6b7a; border: 2px dashed #c4ccd6; border-radius: 8px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.view)

    def _build_bar(self, categories: Sequence[str] | None) -> QHBoxLayout:
        """The category for new files, the buttons that add them and the ones for the selected files."""
        self.category = QComboBox()
        # The caller's categories in the caller's order (the first is the default); all when None.
        lists = code_lists().attachment_category
        codes = [lists.code_for(c) for c in categories] if categories else None
        if not codes:
            self.category.addItem(self.tr("(no category)"), "")
        for code in codes if codes else lists.codes():
            if code is not None:
                self.category.addItem(lists.name(code), code)
        self.add_button = QPushButton(self.tr("Add files…"))
        self.folder_button = QPushButton(self.tr("Add folder…"))
        self.record_button = QPushButton(self.tr("Record…"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.record_button.clicked.connect(self.record_interview)
        self.export_button.clicked.connect(self.export_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.microphone = has_microphone()
        if not self.microphone:
            self.record_button.setToolTip(self.tr("No microphone was found on this computer."))
        self.count = QLabel()
        self.count.setStyleSheet("color: #5f6b7a;")
        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(QLabel(self.tr("Category for new files:")))
        bar.addWidget(self.category)
        for button in (self.add_button, self.folder_button, self.record_button):
            button.setAutoDefault(False)
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.count)
        for button in (self.export_button, self.remove_button):
            button.setAutoDefault(False)
            bar.addWidget(button)
        return bar

    # -- the record ----------------------------------------------------------------------------------

    def set_owner(self, owner_table: str, owner_id: str | None) -> None:
        self.owner_table = owner_table
        self.owner_id = owner_id
        self.reload()

    def reload(self) -> None:
        records = (
            self.station.attachments.for_record(self.owner_table, self.owner_id) if self.owner_id else []
        )
        self.model.set_records(records)
        if self.owner_id is None:
            self.hint.setText(
                self.tr("Save the record first; then photos, recordings and documents can be added here.")
            )
        else:
            self.hint.setText(
                self.tr("No files yet. Drag photos, recordings or documents here, or use “Add files…”.")
            )
        self.stack.setCurrentWidget(self.view if records else self.hint)
        self.count.setText(self.tr("{count} files").format(count=len(records)) if records else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        enabled = self.owner_id is not None
        for widget in (self.category, self.add_button, self.folder_button):
            widget.setEnabled(enabled)
        self.record_button.setEnabled(enabled and self.microphone)
        selected = bool(self.selected_records())
        self.export_button.setEnabled(enabled and selected)
        self.remove_button.setEnabled(enabled and selected)

    def selected_records(self) -> list[AttachmentRecord]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedIndexes())
        return [self.model.record(row) for row in rows]

    # -- adding --------------------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Add files"))
        if names:
            self.add_paths([Path(name) for name in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add every file of a folder"))
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: Sequence[Path]) -> Operation | None:
        """Add files; a folder brings every file in it (hidden ones left out). Runs in the background."""
        if self.owner_id is None or not paths:
            return None
        files: list[Path] = []
        for path in paths:
            files += files_in_folder(path) if path.is_dir() else [path]
        if not files:
            self._show(QMessageBox.Icon.Information, self.tr("There are no files in that folder."))
            return None
        owner_table, owner_id, category = self.owner_table, self.owner_id, self.category.currentData() or ""
        user = self.user

        def work(task: TaskState) -> IntakeReport:
            return self.station.attachments.add_files(
                owner_table, owner_id, files, category=category, user=user, task=task
            )

        return (
            Operation(self, work, label=self.tr("Adding {count} files…").format(count=len(files)))
            .success(self._added)
            .run_in_background()
        )

    def _added(self, report: IntakeReport) -> None:
        self.last_report = report
        self.reload()
        if report.added:
            self.changed.emit()
        if report.cancelled:
            self._show(QMessageBox.Icon.Information, self.tr("Cancelled: none of the files were added."))
            return
        problems = [(path, reason) for path, reason in report.refused] + report.renamed
        if not problems:
            return
        lines = [f"{path.name}：{reason}" for path, reason in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            lines.append(self.tr("… and {count} more").format(count=len(problems) - MAX_LISTED))
        heading = self.tr("{added} of {total} files added.").format(
            added=len(report.added), total=len(report.added) + len(report.refused)
        )
        icon = QMessageBox.Icon.Warning if report.refused else QMessageBox.Icon.Information
        self._show(icon, heading + "\n\n" + "\n".join(lines))

    def record_interview(self) -> None:
        if self.owner_id is None:
            return
        dialog = RecorderDialog(self.station, self.owner_table, self.owner_id, self, user=self.user)
        dialog.stored.connect(self._interview_stored)
        self._keep_open(dialog)

    def _interview_stored(self, _report: object) -> None:
        self.reload()
        self.changed.emit()

    # -- drag and drop -------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.owner_id is not None and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.owner_id is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # -- opening -------------------------------------------------------------------------------------

    def open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_record(self.model.record(index.row()))

    def open_record(self, record: AttachmentRecord) -> QWidget | None:
        """Photos in the viewer, audio and video in the player, documents in the system's program."""
        if not self.station.attachments.has_blob(record.sha256):
            self._show(QMessageBox.Icon.Warning, self.tr("The file is missing from the store; run Check."))
            return None
        if record.kind == "photo":
            photos = [r for r in self.model.records if r.kind == "photo"]
            return self._keep_open(PhotoViewer(self.station, photos, photos.index(record), self))
        if record.kind in ("audio", "video"):
            return self._keep_open(MediaPlayerDialog(self.station, record, self))
        self.open_externally(record)
        return None

    def open_externally(self, record: AttachmentRecord) -> Path | None:
        """A copy under the file's own name in a temporary folder, opened with the system's program
        (the store's blobs are sealed and have no extension). The clear copy stays while that program
        may have it open; the next login zeroes and removes copies older than a working day."""
        folder = Path(tempfile.gettempdir()) / "huimin-open" / uuid.uuid4().hex[:12]  # not the hash
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / record.filename
        try:
            if not target.is_file():
                self.station.attachments.copy_out(record, target)
        except ServiceError as error:
            self._show(QMessageBox.Icon.Warning, expected_error_message(error) or error.message)
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        return target

    def _keep_open(self, dialog: QWidget) -> QWidget:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_dialogs.append(dialog)
        dialog.destroyed.connect(
            lambda *_: self.open_dialogs.remove(dialog) if dialog in self.open_dialogs else None
        )
        dialog.show()
        return dialog

    # -- changing ------------------------------------------------------------------------------------

    def describe_selected(self) -> DescribeDialog | None:
        records = self.selected_records()
        if len(records) != 1:
            return None
        record = records[0]
        dialog = DescribeDialog(record, self)

        def apply() -> None:
            caption, category = dialog.values()
            self.station.attachments.describe(record.id, caption=caption, category=category, user=self.user)
            self.reload()
            self.changed.emit()

        dialog.accepted.connect(apply)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def remove_selected(self, *, confirm: bool = True) -> None:
        records = self.selected_records()
        if not records:
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Remove files"),
                self.tr(
                    "Remove {count} file(s) from this record?\nOther records that use the same file keep it."
                ).format(count=len(records)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        with announced():
            for record in records:
                self.station.attachments.remove(record.id, user=self.user)
        self.reload()
        self.changed.emit()

    def export_selected(self, folder: Path | None = None) -> Operation | None:
        records = self.selected_records()
        if not records:
            return None
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Export to folder"))
            if not chosen:
                return None
            folder = Path(chosen)
        ids = [r.id for r in records]
        target = folder

        def done(paths: list[Path]) -> None:
            self._show(
                QMessageBox.Icon.Information,
                self.tr("{count} file(s) exported to {folder}").format(count=len(paths), folder=target),
            )

        return (
            Operation(
                self,
                lambda task: self.station.attachments.export_files(ids, target, task=task),
                label=self.tr("Exporting files…"),
            )
            .success(done)
            .run_in_background()
        )

    def _context_menu(self, point) -> None:  # type: ignore[no-untyped-def]
        index = self.view.indexAt(point)
        if not index.isValid():
            return
        if not self.view.selectionModel().isSelected(index):
            self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.open_index(index))
        menu.addAction(self.tr("Caption and category…"), self.describe_selected).setEnabled(
            len(self.selected_records()) == 1
        )
        menu.addAction(self.tr("Export…"), self.export_selected)
        menu.addSeparator()
        menu.addAction(self.tr("Remove"), self.remove_selected)
        menu.popup(self.view.viewport().mapToGlobal(point))

    def _show(self, icon: QMessageBox.Icon, text: str) -> None:
        self.message_box = show_message(self, icon, self.tr("Photos and documents"), text)
