"""The stage history of a project (申报 → 评审 → 审核 → 公示 → 验收) and the form that adds to it.

Each entry is written at once, in its own transaction, whatever else the editor holds unsaved: a stage
is a fact with its own date and person, not part of the project form. The service refuses a skipped
stage or a date before the previous entry; its Chinese reason appears under the form and nothing is
written. Sending a project back is a new "return" entry, shown in amber; nothing is ever erased.
Selecting an entry shows its documents (attachments owned by that ``project_stage`` row).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.errors import ValidationError
from ui.errors import expected_error_message, issue_message
from ui.operations import Operation
from ui.project_editor.fields import attachment_panel, stage_date_edit, to_date
from ui.widgets.fields import WARNING_BACKGROUND, FieldMessage
from ui.widgets.labels import muted_label

if TYPE_CHECKING:
    from huimin_desktop.progress import TaskState
    from huimin_desktop.services.project_records import StageEntryRecord
    from huimin_desktop.services.records import SaveResult
    from huimin_desktop.services.station import Station

STAGE_DOCUMENT_CATEGORIES = ("01", "02", "04", "99")  # 申报材料, 公示照片, 验收材料, 其他


class StagePanel(QWidget):
    """History table, "record a stage" form and the selected entry's documents."""

    stage_recorded = Signal(str)  # the new entry's id

    def __init__(self, station: Station, parent: QWidget | None = None, *, user: str = "system") -> None:
        super().__init__(parent)
        self.station = station
        self.user = user
        self.project_id: str | None = None
        self.entries: list[StageEntryRecord] = []
        self.current_stage = ""

        self.current_label = QLabel()
        self.current_label.setObjectName("sectionTitle")
        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels(
            [self.tr("Stage"), self.tr("Action"), self.tr("Date"), self.tr("Person"), self.tr("Opinion")]
        )
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setWordWrap(False)
        header = self.history.horizontalHeader()
        metrics = self.fontMetrics()
        em = metrics.horizontalAdvance(chr(0x6C11))
        for column, width in enumerate((em * 3, em * 3, metrics.horizontalAdvance("2024-04-01"), em * 5)):
            header.resizeSection(column, width + 24)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.history.setMinimumHeight(metrics.height() * 12)

        self.stage = QComboBox()
        for code, name in code_lists().project_stage.items():
            self.stage.addItem(name, code)
        self.date = stage_date_edit()
        self.person = QLineEdit()
        self.person.setMaxLength(50)
        self.person.setPlaceholderText(self.tr("Who handled it"))
        self.opinion = QLineEdit()
        self.opinion.setPlaceholderText(self.tr("Opinion, e.g. agreed, or papers incomplete"))
        self.advance_button = QPushButton(self.tr("Record this stage"))
        self.return_button = QPushButton(self.tr("Send back to this stage"))
        self.return_button.setToolTip(
            self.tr("The project goes back to the chosen earlier stage; the history keeps every entry")
        )
        for button in (self.advance_button, self.return_button):
            button.setAutoDefault(False)
        self.message = FieldMessage()
        self.saved_note = muted_label()
        self.documents_title = QLabel(self.tr("Documents of the selected entry"))
        self.documents_title.setObjectName("sectionTitle")
        self.documents = attachment_panel(station, STAGE_DOCUMENT_CATEGORIES, self)
        self.documents.set_owner("project_stage", None)
        self._build_layout()

        self.advance_button.clicked.connect(self.advance)
        self.return_button.clicked.connect(self.send_back)
        self.history.itemSelectionChanged.connect(self._entry_selected)
        self.set_project(None)

    def _build_layout(self) -> None:
        form = QGridLayout()
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(6)
        for column, (text, widget) in enumerate(
            (
                (self.tr("Stage"), self.stage),
                (self.tr("Date"), self.date),
                (self.tr("Person"), self.person),
            )
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addWidget(label, 0, column * 2)
            form.addWidget(widget, 0, column * 2 + 1)
        opinion_label = QLabel(self.tr("Opinion"))
        opinion_label.setBuddy(self.opinion)
        form.addWidget(opinion_label, 1, 0)
        form.addWidget(self.opinion, 1, 1, 1, 5)
        form.setColumnStretch(5, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_note, 1)
        buttons.addWidget(self.advance_button)
        buttons.addWidget(self.return_button)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.current_label)
        left.addWidget(self.history, 1)
        left.addLayout(form)
        left.addWidget(self.message)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(self.documents_title)
        right.addWidget(self.documents, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    # -- showing ----------------------------------------------------------------------------------

    def set_project(self, project_id: str | None) -> None:
        """Show ``project_id``'s history (None: a project not saved yet, the form is off)."""
        self.project_id = project_id
        for widget in (
            self.stage,
            self.date,
            self.person,
            self.opinion,
            self.advance_button,
            self.return_button,
        ):
            widget.setEnabled(project_id is not None)
        if project_id is None:
            self.entries = []
            self.current_stage = ""
            self._fill_history()
            self.current_label.setText(self.tr("Not applied yet"))
            self.saved_note.setText(self.tr("Save the project first; then record its stages here."))
            return
        self.saved_note.setText(self.tr("Each entry is saved at once."))
        self.reload()

    def reload(self) -> None:
        from huimin_desktop.services.projects import stage_name, stage_order

        assert self.project_id is not None
        record = self.station.projects.get(self.project_id)
        self.entries = list(record.stages)
        self.current_stage = record.stage
        self._fill_history()
        self.current_label.setText(self.tr("Current stage: {stage}").format(stage=stage_name(record.stage)))
        order = stage_order()
        position = order.index(record.stage) if record.stage in order else -1
        following = order[min(position + 1, len(order) - 1)]
        self.stage.setCurrentIndex(max(self.stage.findData(following), 0))

    def _fill_history(self) -> None:
        table = self.history
        table.setRowCount(len(self.entries))
        amber = QBrush(QColor(WARNING_BACKGROUND))
        for row, entry in enumerate(self.entries):
            returned = entry.action == "return"
            action = self.tr("Sent back") if returned else self.tr("Done")
            texts = (entry.stage_name, action, entry.date.isoformat(), entry.person, entry.opinion)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, entry.id)
                if column == 4:
                    item.setToolTip(text)
                if returned:
                    item.setBackground(amber)
                table.setItem(row, column, item)
        if self.entries:
            table.selectRow(len(self.entries) - 1)
            table.scrollToBottom()
        else:
            self.documents.set_owner("project_stage", None)

    def selected_entry_id(self) -> str | None:
        rows = self.history.selectionModel().selectedRows()
        if not rows:
            return None
        return self.entries[rows[0].row()].id if rows[0].row() < len(self.entries) else None

    def _entry_selected(self) -> None:
        self.documents.set_owner("project_stage", self.selected_entry_id())

    # -- writing ----------------------------------------------------------------------------------

    def advance(self) -> None:
        from huimin_desktop.services.projects import StageInput

        if self.project_id is None:
            return
        project_id = self.project_id
        data = StageInput(
            str(self.stage.currentData()), to_date(self.date.date()), self.person.text(), self.opinion.text()
        )
        self._run(lambda _task: self.station.projects.advance_stage(project_id, data, self.user))

    def send_back(self) -> None:
        if self.project_id is None:
            return
        project_id = self.project_id
        stage, date = str(self.stage.currentData()), to_date(self.date.date())
        person, opinion = self.person.text(), self.opinion.text()
        self._run(
            lambda _task: self.station.projects.return_stage(
                project_id, stage, date, person, opinion, user=self.user
            )
        )

    def _run(self, work: Callable[[TaskState], SaveResult]) -> None:
        self.message.clear()
        Operation(self, work, label=self.tr("Recording the stage…"), cancellable=False).success(
            self._recorded
        ).failure(self._refused).run_in_background()

    def _recorded(self, result: SaveResult) -> None:
        self.person.clear()
        self.opinion.clear()
        self.reload()
        self.stage_recorded.emit(result.id)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self.message.show_message("\n".join(issue_message(issue) for issue in error.issues))
            return
        message = expected_error_message(error)
        if message is not None:
            self.message.show_message(message)
            return
        Operation(self, lambda _task: None, label=self.tr("Recording the stage…")).show_error(error)
