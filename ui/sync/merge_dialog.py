"""合并同步包: choose packages (folders, a folder of them, a USB stick, or dropped here), preview, merge.

Page 1 lists what was chosen; page 2 is the preview (``merge(paths, dry_run=True)``, which changes
nothing): per package its origin, what it would do and the conflicts to come, refused packages in red
with their one-line reason; page 3 is the same table after the real merge. Nothing is applied before
the clerk has seen the preview and pressed 合并.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.services.sync import APPLIED, OWN
from huimin_desktop.sync.drives import removable_drives
from ui.errors import expected_error_message, one_line_reason
from ui.operations import Operation
from ui.sync.texts import REFUSED_COLOR, REFUSED_STATUSES, format_bytes, kind_text, status_text, value_text
from ui.widgets.default_button import follow_pages
from ui.widgets.labels import title_label
from ui.widgets.tables import read_only_table

if TYPE_CHECKING:
    from huimin_desktop.progress import TaskState
    from huimin_desktop.services.station import Station
    from huimin_desktop.services.sync import PackageSummary

CHOOSE, PREVIEW, RESULT = range(3)


def package_folder(path: Path) -> Path:
    """A dropped file stands for the package folder it lies in (a clerk may drop the manifest)."""
    return path if path.is_dir() else path.parent


class SummaryTable(QTableWidget):
    """One row per package: name, origin, status, counts, reason; refused rows in red."""

    COLUMNS = ("package", "origin", "status", "new", "updated", "unchanged", "conflicts", "reason")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.COLUMNS), parent)
        read_only_table(
            self,
            [
                self.tr("Package"),
                self.tr("From"),
                self.tr("Status"),
                self.tr("New"),
                self.tr("Updated"),
                self.tr("Unchanged"),
                self.tr("Conflicts"),
                self.tr("Reason"),
            ],
        )

    def show_summaries(self, summaries: Sequence[PackageSummary], *, dry_run: bool) -> None:
        self.setRowCount(len(summaries))
        red = QBrush(QColor(REFUSED_COLOR))
        for row, summary in enumerate(summaries):
            refused = summary.status in REFUSED_STATUSES
            values = [
                summary.package.name,
                summary.origin_name or summary.origin or "—",
                status_text(summary.status, dry_run=dry_run),
                f"{summary.new:,}",
                f"{summary.updated:,}",
                f"{summary.unchanged:,}",
                f"{len(summary.conflicts):,}",
                summary.reason,
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(str(summary.package) if column == 0 else text)
                if 3 <= column <= 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if refused:
                    item.setForeground(red)
                    if column in (2, 7):
                        font = QFont(item.font())
                        font.setBold(True)
                        item.setFont(font)
                self.setItem(row, column, item)

    def text(self, row: int, column: str) -> str:
        item = self.item(row, self.COLUMNS.index(column))
        return item.text() if item is not None else ""


class ConflictPreviewTable(QTableWidget):
    """The conflicts a merge would log (or logged): from whom, record, field, kind, the two values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        read_only_table(
            self,
            [
                self.tr("From"),
                self.tr("Record"),
                self.tr("Field"),
                self.tr("Kind"),
                self.tr("Value kept"),
                self.tr("Other value"),
            ],
        )

    def show_summaries(self, summaries: Sequence[PackageSummary]) -> None:
        rows = [(summary, conflict) for summary in summaries for conflict in summary.conflicts]
        self.setRowCount(len(rows))
        for row, (summary, conflict) in enumerate(rows):
            values = [
                summary.origin_name or summary.origin,
                conflict.record_label,
                conflict.field_label or conflict.field,
                kind_text(conflict.kind),
                f"{value_text(conflict.winner_value)}  ({conflict.winner_station})",
                f"{value_text(conflict.other_value)}  ({conflict.other_station})",
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, column, item)


class MergeDialog(QDialog):
    """Choose → preview → merged. ``review_conflicts`` asks the page to open the conflict review."""

    merged = Signal(list)  # list[PackageSummary] of the real merge
    review_conflicts = Signal()

    def __init__(self, station: Station, parent: QWidget | None = None, paths: Sequence[Path] = ()) -> None:
        super().__init__(parent)
        self.station = station
        self.preview: list[PackageSummary] = []
        self.summaries: list[PackageSummary] = []
        self.operation: Operation[list[PackageSummary]] | None = None
        self.setWindowTitle(self.tr("Merge sync packages"))
        self.setMinimumSize(900, 560)
        self.setAcceptDrops(True)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_choose_page())
        self.stack.addWidget(self._build_preview_page())
        self.stack.addWidget(self._build_result_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.addWidget(self.stack)
        follow_pages(self.stack, (self.preview_button, self.merge_button, self.close_button))
        for path in paths or self._sticks_with_packages():
            self.add_path(path)
        self._update_choose_buttons()

    @staticmethod
    def _sticks_with_packages() -> list[Path]:
        """The USB sticks plugged in that hold packages: what the clerk came to merge, already listed."""
        from huimin_desktop.sync.package import find_packages

        return [drive.path for drive in removable_drives() if find_packages(drive.path) != [drive.path]]

    # -- page 1: choose ---------------------------------------------------------------------------

    def _build_choose_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(title_label(self.tr("Merge sync packages")))
        intro = QLabel(
            self.tr(
                "Add one package folder, several, or a folder (or USB stick) holding packages; you can also "
                "drop folders here. The next page shows what each package would do before anything changes."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.path_list = QListWidget()
        self.path_list.setObjectName("packagePaths")
        self.path_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.path_list, 1)
        self.choose_message = QLabel()
        self.choose_message.setObjectName("inlineError")
        self.choose_message.setWordWrap(True)
        self.choose_message.hide()
        layout.addWidget(self.choose_message)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add folder…"))
        self.drive_button = QPushButton(self.tr("From USB stick"))
        self.drive_menu = QMenu(self.drive_button)
        self.drive_menu.aboutToShow.connect(self._fill_drive_menu)
        self.drive_button.setMenu(self.drive_menu)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setDefault(True)
        for widget in (self.add_button, self.drive_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.preview_button)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.cancel_button.clicked.connect(self.reject)
        self.preview_button.clicked.connect(self.start_preview)
        self.path_list.itemSelectionChanged.connect(self._update_choose_buttons)
        return page

    def _fill_drive_menu(self) -> None:
        self.drive_menu.clear()
        drives = removable_drives()
        for drive in drives:
            action = self.drive_menu.addAction(
                self.tr("{label} ({free} free)").format(
                    label=drive.label, free=format_bytes(drive.free_bytes)
                )
            )
            action.triggered.connect(lambda _checked=False, path=drive.path: self.add_path(path))
        if not drives:
            self.drive_menu.addAction(self.tr("No USB stick found")).setEnabled(False)

    def paths(self) -> list[Path]:
        return [Path(self.path_list.item(row).text()) for row in range(self.path_list.count())]

    def add_path(self, path: Path) -> None:
        folder = package_folder(Path(path))
        if folder not in self.paths():
            self.path_list.addItem(str(folder))
        self._update_choose_buttons()

    def choose_folder(self) -> None:
        chosen = self.paths()
        start = str(chosen[-1].parent) if chosen else ""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a package folder"), start)
        if folder:
            self.add_path(Path(folder))

    def remove_selected(self) -> None:
        for item in self.path_list.selectedItems():
            self.path_list.takeItem(self.path_list.row(item))
        self._update_choose_buttons()

    def _update_choose_buttons(self) -> None:
        self.preview_button.setEnabled(self.path_list.count() > 0)
        self.remove_button.setEnabled(bool(self.path_list.selectedItems()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.stack.currentIndex() == CHOOSE and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.add_path(Path(url.toLocalFile()))
        event.acceptProposedAction()

    # -- page 2: preview --------------------------------------------------------------------------

    def _build_preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(title_label(self.tr("Preview: what the packages would do")))
        self.preview_intro = QLabel()
        self.preview_intro.setWordWrap(True)
        layout.addWidget(self.preview_intro)
        self.preview_table = SummaryTable()
        self.preview_table.setObjectName("previewTable")
        self.preview_conflicts = ConflictPreviewTable()
        self.preview_conflicts.setObjectName("previewConflicts")
        self.preview_conflicts_label = QLabel()
        self.preview_conflicts_label.setWordWrap(True)
        layout.addWidget(self.preview_table, 2)
        layout.addWidget(self.preview_conflicts_label)
        layout.addWidget(self.preview_conflicts, 3)
        self.apply_message = QLabel()
        self.apply_message.setObjectName("inlineError")
        self.apply_message.setWordWrap(True)
        self.apply_message.hide()
        layout.addWidget(self.apply_message)

        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back"))
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setDefault(True)
        preview_cancel = QPushButton(self.tr("Cancel"))
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(preview_cancel)
        buttons.addWidget(self.merge_button)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(lambda: self.stack.setCurrentIndex(CHOOSE))
        preview_cancel.clicked.connect(self.reject)
        self.merge_button.clicked.connect(self.start_merge)
        return page

    def start_preview(self) -> None:
        paths = self.paths()
        if not paths:
            return
        self._set_message(self.choose_message, "")
        sync = self.station.sync

        def preview(task: TaskState) -> list[PackageSummary]:
            return sync.merge(paths, dry_run=True, task=task)

        self.operation = (
            Operation(self, preview, label=self.tr("Checking the packages…"))
            .success(self._show_preview)
            .cancelled(lambda: self._set_message(self.choose_message, self.tr("Preview cancelled.")))
            .failure(lambda error: self._set_message(self.choose_message, self._reason(error)))
        )
        self.operation.run_in_background()

    def _show_preview(self, summaries: list[PackageSummary]) -> None:
        self.preview = list(summaries)
        self.preview_table.show_summaries(self.preview, dry_run=True)
        self.preview_conflicts.show_summaries(self.preview)
        mergeable = sum(1 for s in self.preview if s.status == APPLIED)
        refused = sum(1 for s in self.preview if s.status in REFUSED_STATUSES)
        conflicts = sum(len(s.conflicts) for s in self.preview)
        if not self.preview:
            text = self.tr("No sync package was found in the chosen folders.")
        else:
            text = self.tr(
                "{packages} package(s): {mergeable} would be merged, {refused} refused. Nothing has "
                "changed yet; press Merge to apply them."
            ).format(packages=len(self.preview), mergeable=mergeable, refused=refused)
        self.preview_intro.setText(text + self._own_note(self.preview))
        self.preview_conflicts_label.setText(
            self.tr(
                "Conflicts to come ({count}): the value kept applies now; each goes to the review."
            ).format(count=conflicts)
            if conflicts
            else self.tr("No conflicts to come.")
        )
        self.preview_conflicts.setVisible(bool(conflicts))
        self.merge_button.setEnabled(mergeable > 0)
        self._set_message(self.apply_message, "")
        self.stack.setCurrentIndex(PREVIEW)

    # -- page 3: merged ---------------------------------------------------------------------------

    def _build_result_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(title_label(self.tr("Merged")))
        self.result_intro = QLabel()
        self.result_intro.setWordWrap(True)
        layout.addWidget(self.result_intro)
        self.result_table = SummaryTable()
        self.result_table.setObjectName("resultTable")
        layout.addWidget(self.result_table, 1)
        buttons = QHBoxLayout()
        self.review_button = QPushButton(self.tr("Review conflicts…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setDefault(True)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.review_button.clicked.connect(self._review)
        self.close_button.clicked.connect(self.accept)
        return page

    def start_merge(self) -> None:
        paths = self.paths()
        self.merge_button.setEnabled(False)
        sync = self.station.sync

        def merge(task: TaskState) -> list[PackageSummary]:
            return sync.merge(paths, task=task)

        self.operation = (
            Operation(self, merge, label=self.tr("Merging the packages…"))
            .success(self._show_result)
            .cancelled(self._merge_cancelled)
            .failure(self._merge_failed)
        )
        self.operation.run_in_background()

    def _merge_cancelled(self) -> None:
        self.merge_button.setEnabled(True)
        self._set_message(
            self.apply_message, self.tr("Merge cancelled: the package being merged was rolled back.")
        )

    def _merge_failed(self, error: BaseException) -> None:
        self.merge_button.setEnabled(True)
        self._set_message(self.apply_message, self._reason(error))

    def _show_result(self, summaries: list[PackageSummary]) -> None:
        self.summaries = list(summaries)
        self.result_table.show_summaries(self.summaries, dry_run=False)
        applied = sum(1 for s in self.summaries if s.status == APPLIED)
        refused = sum(1 for s in self.summaries if s.status in REFUSED_STATUSES)
        conflicts = sum(len(s.conflicts) for s in self.summaries if s.status == APPLIED)
        self.result_intro.setText(
            self.tr(
                "{applied} package(s) merged, {refused} refused; {conflicts} conflict(s) to review."
            ).format(applied=applied, refused=refused, conflicts=conflicts)
            + self._own_note(self.summaries)
        )
        self.review_button.setVisible(conflicts > 0)
        self.stack.setCurrentIndex(RESULT)
        self.close_button.setFocus()
        self.merged.emit(self.summaries)

    def _review(self) -> None:
        self.review_conflicts.emit()
        self.accept()

    # -- helpers ----------------------------------------------------------------------------------

    def _own_note(self, summaries: Sequence[PackageSummary]) -> str:
        """This station's own packages on the same stick are skipped, not refused: said, and counted."""
        own = sum(1 for s in summaries if s.status == OWN)
        if not own:
            return ""
        return " " + self.tr("Skipped {own} of this station's own package(s).").format(own=own)

    @staticmethod
    def _set_message(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _reason(self, error: BaseException) -> str:
        return expected_error_message(error) or self.tr("The packages could not be read: {reason}").format(
            reason=one_line_reason(error)
        )
