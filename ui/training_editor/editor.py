"""The training editor (农业实用科技培训): date, place, topic, trainer, hours, attendees, photos and scans.

Attendees are households or single persons picked from the household list (``HouseholdPicker`` with
members), plus a count of people who came but are not on the list. Saving is one transaction
(``trainings.update``/``create`` diff the attendee links). A non-modal window: Ctrl+S saves, Esc asks
before dropping changes. Photos and sign-in sheet scans hang on the saved session (owner "training").
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.domain.issues import Issue
from huimin_desktop.errors import NotFoundError, ValidationError
from huimin_desktop.services.drafts import DraftStore
from ui.editors.closing import AskBeforeDiscarding, DiscardTexts
from ui.editors.drafts import FormDrafts, draft_key
from ui.editors.windows import (
    EditorWindows,
    draft_banner,
    editor_body,
    editor_button,
    editor_heading,
    fit_to_screen,
    lay_out_editor,
    message_area,
)
from ui.errors import expected_error_message, issue_message
from ui.household_picker import HouseholdPicker, Pick, attendee_picks
from ui.operations import Operation
from ui.project_editor.fields import DivisionCombo, attachment_panel, stage_date_edit, to_date
from ui.widgets.cards import card
from ui.widgets.fields import ERROR, WARNING, FieldMessage, field_with_message, mark, repolish
from ui.widgets.style import EDITOR_STYLE

if TYPE_CHECKING:
    from huimin_desktop.progress import TaskState
    from huimin_desktop.services.project_records import TrainingRecord
    from huimin_desktop.services.records import SaveResult
    from huimin_desktop.services.station import Station
    from huimin_desktop.services.trainings import TrainingInput

TRAINING_EVIDENCE_CATEGORIES = ("06", "99")  # 培训签到表, 其他 (photos of the session)
MAX_MESSAGES = 5
MAX_EXTRA = 100_000
_PROJECTS_LISTED = 500


class TrainingEditor(AskBeforeDiscarding, QDialog):
    """Edit one session (``training_id``) or enter a new one (None). ``saved(id)`` after a save."""

    saved = Signal(str)
    discard_box_width = 380

    def __init__(
        self,
        station: Station,
        training_id: str | None = None,
        parent: QWidget | None = None,
        *,
        user: str = "system",
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.user = user
        self.training_id = training_id
        self.record: TrainingRecord | None = station.trainings.get(training_id) if training_id else None
        self.picks: list[Pick] = []
        self._busy = False
        self._loading = False
        self.warnings_box: QMessageBox | None = None
        self.setObjectName("trainingEditor")
        self.setStyleSheet(EDITOR_STYLE)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setSizeGripEnabled(True)
        self._build()
        self._load(self.record)
        self._connect_changes()
        store = DraftStore.for_station(station)
        self.drafts = FormDrafts(
            store,
            draft_key("training", training_id, store),
            self.state,
            self.is_dirty,
            lambda: self.topic.text().strip(),
            self._draft_failed,
            self,
        )
        draft = self.drafts.load()
        if draft is not None:
            self.restore_state(draft)
            self.banner.setText(
                self.tr(
                    "Unsaved changes from {time} were restored. <a href='discard'>Discard them</a>"
                ).format(time=self.drafts.saved_at())
            )
            self.banner.show()
        self._fit_to_screen()
        self.topic.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building -------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = editor_heading()
        self.banner = draft_banner(self._discard_draft)
        session_card = self._build_session_card()
        attendees_card = self._build_attendees_card()
        self.evidence = attachment_panel(self.station, TRAINING_EVIDENCE_CATEGORIES, self)
        evidence_card, evidence_layout = card(self.tr("Photos and sign-in sheets"))
        evidence_layout.addWidget(self.evidence, 1)
        lower = QHBoxLayout()
        lower.setSpacing(12)
        lower.addWidget(attendees_card, 3)
        lower.addWidget(evidence_card, 2)
        self.scroll_area, body_layout = editor_body()
        body_layout.addWidget(session_card)
        body_layout.addLayout(lower, 1)
        lay_out_editor(self, [self.heading, self.banner], self.scroll_area, self._build_bottom())
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)

    def _build_session_card(self) -> QFrame:
        self.date = stage_date_edit()
        self.division = DivisionCombo(self.station, levels=("county", "township", "village"))
        self.place = QLineEdit()
        self.place.setMaxLength(200)
        self.place.setPlaceholderText(self.tr("e.g. village committee meeting room"))
        self.topic = QLineEdit()
        self.topic.setMaxLength(200)
        self.topic.setPlaceholderText(self.tr("e.g. Beef cattle feeding and disease prevention"))
        self.trainer = QLineEdit()
        self.trainer.setMaxLength(50)
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 100)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(self.tr(" h"))
        self.project = QComboBox()
        self.project.setMinimumContentsLength(16)
        self.project.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        self.messages: dict[str, FieldMessage] = {
            name: FieldMessage() for name in ("topic", "date", "division_id", "hours", "project_id")
        }
        session_card, session_layout = card(self.tr("Session"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        self._grid_row(grid, 0, 0, self.tr("Topic"), self.topic, "topic")
        self._grid_row(grid, 0, 2, self.tr("Date"), self.date, "date")
        self._grid_row(grid, 1, 0, self.tr("Place"), self.division, "division_id")
        self._grid_row(grid, 1, 2, self.tr("Venue"), self.place)
        self._grid_row(grid, 2, 0, self.tr("Trainer"), self.trainer)
        self._grid_row(grid, 2, 2, self.tr("Hours"), self.hours, "hours")
        self._grid_row(grid, 3, 0, self.tr("Project"), self.project, "project_id")
        self._grid_row(grid, 3, 2, self.tr("Notes"), self.notes)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        session_layout.addLayout(grid)
        return session_card

    def _build_attendees_card(self) -> QFrame:
        self.attendee_total = QLabel()
        self.attendee_total.setObjectName("resultValue")
        self.pick_button = QPushButton(self.tr("Pick attendees…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for button in (self.pick_button, self.remove_button):
            button.setAutoDefault(False)
        self.attendees = QTableWidget(0, 4)
        self.attendees.setHorizontalHeaderLabels(
            [self.tr("Head of household"), self.tr("Person"), self.tr("Village"), self.tr("Ethnicity")]
        )
        self.attendees.verticalHeader().setVisible(False)
        self.attendees.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attendees.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attendees.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.attendees.setMinimumHeight(self.fontMetrics().height() * 10)
        self.extra = QSpinBox()
        self.extra.setRange(0, MAX_EXTRA)
        self.extra.setMinimumWidth(self.fontMetrics().horizontalAdvance("100000") + 40)
        attendees_card, attendees_layout = card(self.tr("Attendees"))
        top = QHBoxLayout()
        top.addWidget(self.attendee_total, 1)
        top.addWidget(self.pick_button)
        top.addWidget(self.remove_button)
        attendees_layout.addLayout(top)
        attendees_layout.addWidget(self.attendees, 1)
        extra_row = QHBoxLayout()
        extra_label = QLabel(self.tr("People not on the household list"))
        extra_label.setBuddy(self.extra)
        extra_row.addWidget(extra_label)
        extra_row.addWidget(self.extra)
        extra_row.addStretch(1)
        attendees_layout.addLayout(extra_row)
        self.pick_button.clicked.connect(self.pick_attendees)
        self.remove_button.clicked.connect(self.remove_attendees)
        return attendees_card

    def _build_bottom(self) -> list[QWidget | QLayout]:
        """The "not saved" messages above the status line and the buttons."""
        self.message_area = message_area()
        self.status = QLabel()
        self.status.setObjectName("statusText")
        self.save_button = editor_button(self.tr("Save (Ctrl+S)"), self.fontMetrics())
        self.close_button = editor_button(self.tr("Close (Esc)"), self.fontMetrics())
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        return [self.message_area, buttons]

    def _grid_row(
        self, grid: QGridLayout, row: int, column: int, text: str, field: QWidget, name: str = ""
    ) -> None:
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        offset = max(0, (self.topic.sizeHint().height() - label.sizeHint().height()) // 2)
        label.setContentsMargins(0, offset, 0, 0)
        label.setBuddy(field)
        grid.addWidget(label, row, column)
        grid.addWidget(field_with_message(field, self.messages[name]) if name else field, row, column + 1)

    def _fit_to_screen(self) -> None:
        fit_to_screen(
            self, largest=QSize(1360, 900), smallest=QSize(860, 540), without_screen=QSize(1200, 720)
        )

    # -- loading and state ----------------------------------------------------------------------------

    def _fill_projects(self, current: str | None) -> None:
        from huimin_desktop.services.projects import ProjectQuery

        self.project.clear()
        self.project.addItem(self.tr("(no project)"), None)
        for row in self.station.projects.list(ProjectQuery(limit=_PROJECTS_LISTED)):
            label = self.tr("{year}  {name} ({code})").format(year=row.year, name=row.name, code=row.code)
            self.project.addItem(label, row.id)
        index = self.project.findData(current) if current else 0
        if index < 0:
            self.project.addItem(self.tr("(a project not listed)"), current)
            index = self.project.count() - 1
        self.project.setCurrentIndex(index)

    def _load(self, record: TrainingRecord | None) -> None:
        self._loading = True
        try:
            if record is None:
                self.date.setDate(QDate.currentDate())
                for edit in (self.place, self.topic, self.trainer):
                    edit.clear()
                self.notes.clear()
                self.hours.setValue(0)
                self.extra.setValue(0)
                self.division.set_division(self._home_division())
                self._fill_projects(None)
                self.picks = []
            else:
                self.date.setDate(QDate(record.date.year, record.date.month, record.date.day))
                self.place.setText(record.place)
                self.topic.setText(record.topic)
                self.trainer.setText(record.trainer)
                self.notes.setPlainText(record.notes)
                self.hours.setValue(record.hours)
                self.extra.setValue(record.extra_attendees)
                self.division.set_division(record.division_id)
                self._fill_projects(record.project_id)
                self.picks = [
                    Pick(a.household_id, a.member_id, a.head_name, a.member_name, a.village_name, a.ethnicity)
                    for a in record.attendees
                ]
            for message in self.messages.values():
                message.clear()
            mark(self.topic, None)
            self._show_messages([])
        finally:
            self._loading = False
        self._show_attendees()
        self.evidence.set_owner("training", self.training_id)
        self._baseline = self.state()
        self.setWindowModified(False)
        self._update_title()

    def _home_division(self) -> str | None:
        home = self.station.divisions.find_by_code(self.station.info().division_code)
        if home is not None and self.division.findData(home.id) >= 0:
            return home.id
        return self.division.itemData(0) if self.division.count() else None

    def state(self) -> dict[str, Any]:
        return {
            "date": self.date.date().toString(Qt.DateFormat.ISODate),
            "division_id": self.division.division_id(),
            "place": self.place.text(),
            "topic": self.topic.text(),
            "trainer": self.trainer.text(),
            "hours": self.hours.value(),
            "project_id": self.project.currentData(),
            "extra": self.extra.value(),
            "notes": self.notes.toPlainText(),
            "attendees": [list(p.key) for p in self.picks],
        }

    def is_dirty(self) -> bool:
        return self.state() != self._baseline

    def restore_state(self, state: dict[str, Any]) -> None:
        """Put a draft's ``state()`` back into the form (it then differs from what is stored)."""
        self._loading = True
        try:
            date = QDate.fromString(str(state.get("date") or ""), Qt.DateFormat.ISODate)
            if date.isValid():
                self.date.setDate(date)
            if state.get("division_id"):
                self.division.set_division(str(state["division_id"]))
            for name, edit in (("place", self.place), ("topic", self.topic), ("trainer", self.trainer)):
                edit.setText(str(state.get(name) or ""))
            self.notes.setPlainText(str(state.get("notes") or ""))
            if isinstance(state.get("hours"), int | float):
                self.hours.setValue(float(state["hours"]))
            if isinstance(state.get("extra"), int):
                self.extra.setValue(state["extra"])
            project = self.project.findData(state.get("project_id"))
            self.project.setCurrentIndex(max(project, 0))
            keys = [
                (str(k[0]), str(k[1]) if k[1] else None)
                for k in state.get("attendees") or []
                if isinstance(k, list | tuple) and len(k) == 2
            ]
            self.picks = attendee_picks(self.station, keys)
        finally:
            self._loading = False
        self._show_attendees()
        self._changed()

    def _draft_failed(self, message: str) -> None:
        self.status.setObjectName("inlineError")
        self.status.setText(message)
        repolish(self.status)

    def _discard_draft(self, _link: str) -> None:
        self.drafts.discard()
        self._load(self.record)
        self.banner.hide()

    def _connect_changes(self) -> None:
        for edit in (self.place, self.topic, self.trainer):
            edit.textChanged.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        self.date.dateChanged.connect(self._changed)
        self.hours.valueChanged.connect(self._changed)
        self.extra.valueChanged.connect(self._changed)
        self.extra.valueChanged.connect(self._update_total)
        for combo in (self.division, self.project):
            combo.currentIndexChanged.connect(self._changed)
        self.topic.editingFinished.connect(self._topic_left)

    def _topic_left(self) -> None:
        if self.topic.text().strip():
            self._field_issue("topic", "")

    def _changed(self) -> None:
        if self._loading or not hasattr(self, "_baseline"):
            return
        self.setWindowModified(self.is_dirty())

    def _update_title(self) -> None:
        if self.training_id is None:
            heading = self.tr("New training session")
        else:
            heading = self.tr("Training: {topic} ({date})").format(
                topic=self.topic.text().strip(), date=self.date.date().toString(Qt.DateFormat.ISODate)
            )
        self.heading.setText(heading)
        self.setWindowTitle(f"{heading}[*] — {self.tr('Huimin Desktop')}")

    # -- attendees ------------------------------------------------------------------------------------

    def pick_attendees(self) -> None:
        picker = HouseholdPicker(
            self.station, self.picks, self, with_members=True, title=self.tr("Training attendees")
        )
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.accepted.connect(lambda: self.set_picks(picker.picks()))
        self.picker = picker
        picker.open()

    def set_picks(self, picks: list[Pick]) -> None:
        self.picks = list(picks)
        self._show_attendees()
        self._changed()

    def remove_attendees(self) -> None:
        rows = {index.row() for index in self.attendees.selectionModel().selectedRows()}
        if rows:
            self.set_picks([p for row, p in enumerate(self.picks) if row not in rows])

    def _show_attendees(self) -> None:
        ethnicities = code_lists().ethnicity
        table = self.attendees
        table.setRowCount(len(self.picks))
        for row, pick in enumerate(self.picks):
            texts = (
                pick.head_name,
                pick.member_name or self.tr("(whole household)"),
                pick.village_name,
                ethnicities.name(pick.ethnicity),
            )
            for column, text in enumerate(texts):
                table.setItem(row, column, QTableWidgetItem(text))
        self.remove_button.setEnabled(bool(self.picks))
        self._update_total()

    def _update_total(self) -> None:
        listed = len(self.picks)
        extra = self.extra.value()
        self.attendee_total.setText(
            self.tr("{total} attendees: {listed} from the household list, {extra} not on it").format(
                total=listed + extra, listed=listed, extra=extra
            )
        )

    # -- saving -------------------------------------------------------------------------------------

    def training_input(self) -> TrainingInput:
        from huimin_desktop.services.trainings import TrainingInput

        return TrainingInput(
            date=to_date(self.date.date()),
            division_id=self.division.division_id() or "",
            topic=self.topic.text().strip(),
            place=self.place.text().strip(),
            trainer=self.trainer.text().strip(),
            hours=self.hours.value(),
            project_id=self.project.currentData(),
            extra_attendees=self.extra.value(),
            notes=self.notes.toPlainText().strip(),
            attendees=tuple(p.key for p in self.picks),
        )

    def save(self) -> None:
        """Ctrl+S: check what the form can, then save the session and its attendees together."""
        if self._busy:
            return
        problems: list[tuple[QWidget, str]] = []
        if not self.topic.text().strip():
            text = self.tr("Enter the topic of the training")
            self._field_issue("topic", text)
            problems.append((self.topic, text))
        if self.division.division_id() is None:
            text = self.tr("Pick the place of the training")
            self._field_issue("division_id", text)
            problems.append((self.division, text))
        if problems:
            self._show_messages([text for _, text in problems])
            problems[0][0].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        data = self.training_input()
        training_id = self.training_id
        self._busy = True

        def write(_task: TaskState) -> SaveResult:
            if training_id is None:
                return self.station.trainings.create(data, self.user)
            return self.station.trainings.update(training_id, data, self.user)

        Operation(self, write, label=self.tr("Saving the training session…"), cancellable=False).success(
            self._saved
        ).failure(self._operation_failed).run_in_background()

    def _saved(self, result: SaveResult) -> None:
        self._busy = False
        self.training_id = result.id
        self.drafts.rekey(f"training-{result.id}")
        self.banner.hide()
        _windows.remember(self)
        self.record = self.station.trainings.get(result.id)
        self._load(self.record)
        self._mark_issues(list(result.warnings))
        self.status.setObjectName("statusText")
        self.status.setText(self.tr("Saved at {time}.").format(time=dt.datetime.now().strftime("%H:%M:%S")))
        repolish(self.status)
        self.saved.emit(result.id)

    def _operation_failed(self, error: BaseException) -> None:
        self._busy = False
        if isinstance(error, ValidationError):
            self._mark_issues(error.issues)
            self._show_messages([issue_message(i) for i in error.issues])
            return
        message = expected_error_message(error)
        if message is not None:
            self._show_messages([message])
            return
        Operation(self, lambda _task: None, label=self.tr("Saving the training session…")).show_error(error)

    def _field_issue(self, name: str, message: str, severity: str = ERROR) -> None:
        widget = {
            "topic": self.topic,
            "date": self.date,
            "division_id": self.division,
            "hours": self.hours,
            "project_id": self.project,
        }.get(name)
        if widget is not None:
            mark(widget, severity if message else None)
            self.messages[name].show_message(message, severity)

    def _mark_issues(self, issues: list[Issue]) -> None:
        for issue in issues:
            self._field_issue(issue.field or "", issue_message(issue), ERROR if issue.is_error else WARNING)

    def _show_messages(self, lines: list[str]) -> None:
        if not lines:
            self.message_area.hide()
            self.message_area.clear()
            return
        items = [f"• {html.escape(line)}" for line in lines[:MAX_MESSAGES]]
        heading = html.escape(self.tr("Not saved. Please correct:"))
        self.message_area.setText(f"<b>{heading}</b><br>" + "<br>".join(items))
        self.message_area.show()

    # -- closing --------------------------------------------------------------------------------------

    def discard_texts(self) -> DiscardTexts:
        return DiscardTexts(
            self.tr("Discard changes?"),
            self.tr("Discard changes? What you typed in this training session has not been saved."),
            self.tr("Discard changes"),
            self.tr("Save"),
            self.tr("Keep editing"),
        )


_windows: EditorWindows[TrainingEditor] = EditorWindows(lambda editor: editor.training_id)


def open_editors() -> list[TrainingEditor]:
    """Editor windows still open (e.g. to close them, keeping drafts, when the station changes)."""
    return _windows.all()


def open_training_editor(
    parent: QWidget | None, station: Station, training_id: str | None = None, *, user: str = "system"
) -> TrainingEditor | None:
    """Show the editor for ``training_id`` (a new session when None), reusing its open window."""
    existing = _windows.raise_existing(training_id)
    if existing is not None:
        return existing
    try:
        editor = TrainingEditor(station, training_id, parent, user=user)
    except NotFoundError as error:
        QMessageBox.warning(parent, QCoreApplication.translate("TrainingEditor", "Training"), error.message)
        return None
    return _windows.show(editor)
