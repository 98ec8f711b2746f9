"""导出同步包: choose the USB stick (and, at a city or county, who the package is for), write, verify.

``station.sync.export`` writes under a temporary name, fsyncs, renames and re-reads the package before
it returns, so the last page may say the stick can be pulled out. Cancelling removes what was begun:
the first page then says nothing was written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.sync.drives import fat32_split_warning, folder_bytes, too_little_space
from ui.errors import expected_error_message, one_line_reason
from ui.operations import Operation
from ui.station_levels import level_name
from ui.sync.drive_picker import DrivePicker
from ui.sync.peers import lower_peers
from ui.sync.texts import SUCCESS_COLOR, format_bytes
from ui.widgets.default_button import follow_pages
from ui.widgets.labels import title_label

if TYPE_CHECKING:
    from huimin_desktop.progress import TaskState
    from huimin_desktop.services.station import Station
    from huimin_desktop.services.sync import ExportResult

UPWARD = ""  # the recipient combo's data for "the upper station" (export's recipient=None)


class ExportWizard(QDialog):
    """Two pages: where to (and for whom), then "written and verified: you may remove the stick"."""

    exported = Signal(object)  # ExportResult

    def __init__(
        self, station: Station, parent: QWidget | None = None, *, recipient: str | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.export_result: ExportResult | None = None
        self.nobody = False  # a city that has enrolled no station yet has no one to send to
        self.operation: Operation[ExportResult] | None = None
        self.setWindowTitle(self.tr("Export a sync package"))
        self.setMinimumSize(620, 480)
        self.level = station.info().level
        # An upper bound for the package (everything, attachments included) for the FAT32 and space notes.
        self.expected_bytes = folder_bytes(station.data_dir / "attachments")

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_target_page())
        self.stack.addWidget(self._build_done_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.addWidget(self.stack)
        self._fill_recipients(recipient)
        self._update_notes()
        follow_pages(self.stack, (self.export_button, self.done_button))
        self.picker.list.setFocus()  # arrows pick a drive, Enter exports

    # -- page 1: where to -------------------------------------------------------------------------

    def _build_target_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(title_label(self.tr("Export a sync package")))
        intro = QLabel(
            self.tr(
                "The package holds every change the recipient has not acknowledged yet. It is encrypted "
                "for the recipient and checked after writing."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.recipient = QComboBox()
        self.recipient.setObjectName("recipientCombo")
        self.recipient.setMinimumContentsLength(24)
        # The only possible recipient (a township's upper station) is shown as text, not as a choice.
        self.recipient_label = QLabel()
        font = self.recipient_label.font()
        font.setBold(True)
        self.recipient_label.setFont(font)
        recipient_box = QHBoxLayout()
        recipient_box.setContentsMargins(0, 0, 0, 0)
        recipient_box.addWidget(self.recipient, 1)
        recipient_box.addWidget(self.recipient_label, 1)
        form.addRow(self.tr("For:"), recipient_box)
        layout.addLayout(form)

        layout.addWidget(QLabel(self.tr("Write to:")))
        self.picker = DrivePicker()
        layout.addWidget(self.picker, 1)
        self.note = QLabel()
        self.note.setObjectName("mutedText")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.message = QLabel()
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)

        self.cancel_button.clicked.connect(self.reject)
        self.export_button.clicked.connect(self.start_export)
        self.picker.changed.connect(self._update_notes)
        self.recipient.currentIndexChanged.connect(self._update_notes)
        return page

    def _fill_recipients(self, preset: str | None) -> None:
        """The upper station first (the usual case), then, at a city or county, each enrolled lower one."""
        upper = self.station.enrollment.upper()
        if upper is not None:
            self.recipient.addItem(self.tr("{name} (upper station)").format(name=upper.name), UPWARD)
        if self.level != "township":
            for peer in lower_peers(self.station, include_revoked=False):
                self.recipient.addItem(
                    self.tr("{name} ({level}): return package").format(
                        name=peer.name, level=level_name(peer.level)
                    ),
                    peer.station_id,
                )
        self.nobody = self.recipient.count() == 0 and self.level == "city"
        if self.nobody:
            self.recipient.addItem(self.tr("Nobody yet: enroll a lower station first"), UPWARD)
        elif self.recipient.count() == 0:
            # Not enrolled anywhere yet: the service explains what is missing when asked to export.
            self.recipient.addItem(self.tr("The upper station"), UPWARD)
        if preset:
            index = self.recipient.findData(preset)
            if index >= 0:
                self.recipient.setCurrentIndex(index)
        choice = self.recipient.count() > 1
        self.recipient.setVisible(choice)
        self.recipient_label.setText(self.recipient.currentText())
        self.recipient_label.setVisible(not choice)

    def chosen_recipient(self) -> str | None:
        data = self.recipient.currentData()
        return data or None

    def _update_notes(self) -> None:
        notes = []
        if self.chosen_recipient() is not None:
            notes.append(
                self.tr("A return package carries reference data, corrections and acknowledgements.")
            )
        drive = self.picker.chosen_drive()
        if drive is not None and too_little_space(drive, self.expected_bytes):
            notes.append(
                self.tr(
                    "The stick may be too small: the package can be up to {size}, {free} are free."
                ).format(size=format_bytes(self.expected_bytes), free=format_bytes(drive.free_bytes))
            )
        if drive is not None and fat32_split_warning(drive, self.expected_bytes):
            notes.append(
                self.tr(
                    "This stick is formatted FAT32, which holds no file of 4 GB or more: the package is "
                    "written in several parts. Keep them together."
                )
            )
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        self.export_button.setEnabled(self.picker.chosen_path() is not None and not self.nobody)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- running ----------------------------------------------------------------------------------

    def start_export(self) -> None:
        destination = self.picker.chosen_path()
        if destination is None:
            return
        recipient = self.chosen_recipient()
        self._show_message("")
        self.export_button.setEnabled(False)
        sync = self.station.sync

        def export(task: TaskState) -> ExportResult:
            return sync.export(destination, recipient=recipient, task=task)

        self.operation = (
            Operation(self, export, label=self.tr("Writing and checking the sync package…"))
            .success(self._exported)
            .cancelled(self._cancelled)
            .failure(self._failed)
        )
        self.operation.run_in_background()

    def _exported(self, result: ExportResult) -> None:
        self.export_result = result
        self.package_value.setText(result.package.name)
        self.package_value.setToolTip(str(result.package))
        self.folder_value.setText(str(result.package.parent))
        self.recipient_value.setText(result.recipient_name or result.recipient)
        self.records_value.setText(f"{result.records:,}")
        self.attachments_value.setText(f"{result.attachments:,}")
        self.size_value.setText(format_bytes(result.bytes))
        self.stack.setCurrentIndex(1)
        self.done_button.setFocus()
        self.exported.emit(result)

    def _cancelled(self) -> None:
        self.export_button.setEnabled(True)
        self._show_message(self.tr("Export cancelled: nothing was written."))

    def _failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        reason = expected_error_message(error) or one_line_reason(error)
        self._show_message(self.tr("The package was not written: {reason}").format(reason=reason))

    # -- page 2: done -----------------------------------------------------------------------------

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.done_title = QLabel(self.tr("Written and verified: you may safely remove the USB stick"))
        self.done_title.setObjectName("exportDoneTitle")
        self.done_title.setWordWrap(True)
        font = self.done_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.done_title.setFont(font)
        self.done_title.setStyleSheet(f"color: {SUCCESS_COLOR};")
        layout.addWidget(self.done_title)

        form = QFormLayout()
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(8)
        self.package_value = QLabel()
        self.folder_value = QLabel()
        self.folder_value.setWordWrap(True)
        self.recipient_value = QLabel()
        self.records_value = QLabel()
        self.attachments_value = QLabel()
        self.size_value = QLabel()
        for label in (self.package_value, self.folder_value):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Package:"), self.package_value)
        form.addRow(self.tr("In folder:"), self.folder_value)
        form.addRow(self.tr("For:"), self.recipient_value)
        form.addRow(self.tr("Records:"), self.records_value)
        form.addRow(self.tr("Attachments:"), self.attachments_value)
        form.addRow(self.tr("Size:"), self.size_value)
        layout.addLayout(form)
        hint = QLabel(self.tr("Take the stick to the recipient; there, Sync → Merge packages reads it."))
        hint.setObjectName("mutedText")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)
        return page
