"""The project editor (项目档案): the project's facts, funds, schedule, beneficiaries, stages and material.

A non-modal window like the household editor (the list stays as it was; Esc asks before dropping
changes; Ctrl+S saves). Saving is one transaction for the form and the beneficiary list
(``projects.save``); before it, ``projects.validate`` marks errors on their fields and asks about
warnings. Stage entries are written at once by the stage panel and are not part of "unsaved changes".
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
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
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.domain.amounts import format_wan_yuan
from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.domain.issues import Issue
from huimin_desktop.errors import NotFoundError, ValidationError
from huimin_desktop.services.drafts import DraftStore
from ui.editors.closing import AskBeforeDiscarding, DiscardTexts
from ui.editors.drafts import FormDrafts, draft_key
from ui.editors.save_warnings import ask_save_anyway
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
from ui.household_picker import HouseholdPicker, Pick, picks_for_households
from ui.operations import Operation, show_message
from ui.project_editor.fields import AmountField, DateField, DivisionCombo, attachment_panel
from ui.project_editor.stages import StagePanel
from ui.widgets.cards import card
from ui.widgets.fields import ERROR, WARNING, FieldMessage, field_with_message, mark, repolish
from ui.widgets.style import EDITOR_STYLE

if TYPE_CHECKING:
    from huimin_desktop.services.project_records import ProjectRecord
    from huimin_desktop.services.projects import ProjectInput
    from huimin_desktop.services.records import SaveResult
    from huimin_desktop.services.station import Station

MAX_MESSAGES = 5
PROJECT_MATERIAL_CATEGORIES = ("01", "02", "03", "04", "05", "99")
FUND_FIELDS = ("fund_provincial", "fund_local", "fund_integrated", "fund_self")
DATE_FIELDS = ("planned_start", "planned_finish", "actual_start", "actual_finish")
INCOME_FIELDS = ("income_increase_expected", "income_increase_measured")


class ProjectEditor(AskBeforeDiscarding, QDialog):
    """Edit one project (``project_id``) or enter a new one (None). ``saved(project_id)`` after a save."""

    saved = Signal(str)

    def __init__(
        self,
        station: Station,
        project_id: str | None = None,
        parent: QWidget | None = None,
        *,
        user: str = "system",
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.user = user
        self.project_id = project_id
        self.record: ProjectRecord | None = station.projects.get(project_id) if project_id else None
        self.picks: list[Pick] = []
        self._busy = False
        self._loading = False
        self.warnings_box: QMessageBox | None = None
        self.setObjectName("projectEditor")
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
            draft_key("project", project_id, store),
            self.state,
            self.is_dirty,
            self.summary,
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
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building -------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = editor_heading()
        self.banner = draft_banner(self._discard_draft)
        project_card = self._build_project_card()
        middle = QHBoxLayout()
        middle.setSpacing(12)
        middle.addWidget(self._build_funds_card(), 3)
        middle.addWidget(self._build_beneficiaries_card(), 2)
        self.material = attachment_panel(self.station, PROJECT_MATERIAL_CATEGORIES, self)
        material_card, material_layout = card(self.tr("Photos, audio, video and documents"))
        material_layout.addWidget(self.material, 1)
        self.stages = StagePanel(self.station, user=self.user)
        stages_card, stages_layout = card(
            self.tr("Stages: application → review → audit → notice → acceptance")
        )
        stages_layout.addWidget(self.stages)
        self.scroll_area, body_layout = editor_body()
        body_layout.addWidget(project_card)
        body_layout.addLayout(middle)
        body_layout.addWidget(stages_card)
        body_layout.addWidget(material_card)
        body_layout.addStretch(1)
        lay_out_editor(self, [self.heading, self.banner], self.scroll_area, self._build_bottom())
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.activated.connect(self.save)
        self.stages.stage_recorded.connect(self._stage_recorded)

    def _build_project_card(self) -> QFrame:
        self.code = QLineEdit()
        self.code.setMaxLength(40)
        self.code.setPlaceholderText(self.tr("e.g. BP-2024-001"))
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.category = QComboBox()
        for code, name in code_lists().project_category.items():
            self.category.addItem(name, code)
        self.division = DivisionCombo(self.station)
        self.year = QSpinBox()
        self.year.setRange(2000, dt.date.today().year + 2)
        self.responsible = QLineEdit()
        self.responsible.setMaxLength(50)
        self.scale = QLineEdit()
        self.scale.setPlaceholderText(self.tr("e.g. 300 cattle in stock, 6 sheds"))
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setPlaceholderText(self.tr("What is built or done"))
        self.content.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        self.messages: dict[str, FieldMessage] = {
            name: FieldMessage() for name in ("code", "name", "category", "division_id", "year")
        }
        project_card, project_layout = card(self.tr("Project"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        self._grid_row(grid, 0, 0, self.tr("Code"), self.code, "code")
        self._grid_row(grid, 0, 2, self.tr("Name"), self.name, "name")
        self._grid_row(grid, 1, 0, self.tr("Category"), self.category, "category")
        self._grid_row(grid, 1, 2, self.tr("Place"), self.division, "division_id")
        self._grid_row(grid, 2, 0, self.tr("Year"), self.year, "year")
        self._grid_row(grid, 2, 2, self.tr("Responsible person"), self.responsible)
        self._grid_row(grid, 3, 0, self.tr("Scale"), self.scale)
        self._grid_row(grid, 3, 2, self.tr("Content"), self.content)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("Anything worth knowing about this project"))
        self.notes.setFixedHeight(self.fontMetrics().height() * 2 + 14)
        self._grid_row(grid, 4, 0, self.tr("Notes"), self.notes, span=3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 3)
        project_layout.addLayout(grid)
        return project_card

    def _build_funds_card(self) -> QFrame:
        """Funds, schedule and income."""
        self.funds: dict[str, AmountField] = {name: AmountField(wan=True) for name in FUND_FIELDS}
        self.total_funds = QLabel()
        self.total_funds.setObjectName("resultValue")
        self.dates: dict[str, DateField] = {name: DateField() for name in DATE_FIELDS}
        self.income: dict[str, AmountField] = {name: AmountField(wan=False) for name in INCOME_FIELDS}
        funds_card, funds_layout = card(self.tr("Funds (10k yuan), schedule and income"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        labels = {
            "fund_provincial": self.tr("Provincial special funds"),
            "fund_local": self.tr("City and county matching"),
            "fund_integrated": self.tr("Integrated funds"),
            "fund_self": self.tr("Self-raised"),
            "planned_start": self.tr("Planned start"),
            "planned_finish": self.tr("Planned finish"),
            "actual_start": self.tr("Actual start"),
            "actual_finish": self.tr("Actual finish"),
            "income_increase_expected": self.tr("Expected income increase (yuan per household)"),
            "income_increase_measured": self.tr("Measured income increase (yuan per household)"),
        }
        self.field_labels = labels
        for column, name in enumerate(FUND_FIELDS):
            self._stacked(grid, 0, column, labels[name], self.funds[name])
        total_box = QWidget()
        total_layout = QVBoxLayout(total_box)
        total_layout.setContentsMargins(0, 0, 0, 0)
        total_layout.setSpacing(2)
        total_layout.addWidget(QLabel(self.tr("Total")))
        total_layout.addWidget(self.total_funds)
        total_layout.addStretch(1)
        grid.addWidget(total_box, 0, 4)
        for column, name in enumerate(DATE_FIELDS):
            self._stacked(grid, 1, column, labels[name], self.dates[name])
        for column, name in enumerate(INCOME_FIELDS):
            self._stacked(grid, 2, column * 2, labels[name], self.income[name], span=2)
        for column in range(5):
            grid.setColumnStretch(column, 1)
        funds_layout.addLayout(grid)
        funds_layout.addStretch(1)
        return funds_card

    def _build_beneficiaries_card(self) -> QFrame:
        self.beneficiary_counts = QLabel()
        self.beneficiary_counts.setObjectName("resultValue")
        self.pick_button = QPushButton(self.tr("Pick households…"))
        self.remove_beneficiary_button = QPushButton(self.tr("Remove"))
        for button in (self.pick_button, self.remove_beneficiary_button):
            button.setAutoDefault(False)
        self.beneficiaries = QTableWidget(0, 3)
        self.beneficiaries.setHorizontalHeaderLabels(
            [self.tr("Head of household"), self.tr("Village"), self.tr("Ethnicity")]
        )
        self.beneficiaries.verticalHeader().setVisible(False)
        self.beneficiaries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.beneficiaries.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.beneficiaries.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Six rows show; more scroll (the notes beside it should not grow to match a long list).
        rows = self.beneficiaries.verticalHeader().defaultSectionSize() * 6
        self.beneficiaries.setFixedHeight(
            rows + self.beneficiaries.horizontalHeader().sizeHint().height() + 4
        )
        beneficiaries_card, beneficiaries_layout = card(self.tr("Beneficiary households"))
        top = QHBoxLayout()
        top.addWidget(self.beneficiary_counts, 1)
        top.addWidget(self.pick_button)
        top.addWidget(self.remove_beneficiary_button)
        beneficiaries_layout.addLayout(top)
        beneficiaries_layout.addWidget(self.beneficiaries)
        beneficiaries_layout.addStretch(1)
        self.pick_button.clicked.connect(self.pick_households)
        self.remove_beneficiary_button.clicked.connect(self.remove_beneficiaries)
        return beneficiaries_card

    def _build_bottom(self) -> list[QWidget | QLayout]:
        """The "not saved" messages above the status line and the buttons."""
        self.message_area = message_area()
        self.status = QLabel()
        self.status.setObjectName("statusText")
        self.export_button = editor_button(self.tr("Export archive…"), self.fontMetrics())
        self.save_button = editor_button(self.tr("Save (Ctrl+S)"), self.fontMetrics())
        self.close_button = editor_button(self.tr("Close (Esc)"), self.fontMetrics())
        self.export_button.clicked.connect(self.export_archive)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.export_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        return [self.message_area, buttons]

    def _grid_row(
        self,
        grid: QGridLayout,
        row: int,
        column: int,
        text: str,
        field: QWidget,
        name: str = "",
        span: int = 1,
    ) -> None:
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        offset = max(0, (self.code.sizeHint().height() - label.sizeHint().height()) // 2)
        label.setContentsMargins(0, offset, 0, 0)
        label.setBuddy(field)
        grid.addWidget(label, row, column)
        shown = field_with_message(field, self.messages[name]) if name else field
        grid.addWidget(shown, row, column + 1, 1, span, Qt.AlignmentFlag.AlignTop)

    @staticmethod
    def _stacked(grid: QGridLayout, row: int, column: int, text: str, field: Any, span: int = 1) -> None:
        """A label over its field and the field's message (the funds and dates grid)."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        label = QLabel(text)
        label.setBuddy(field)
        layout.addWidget(label)
        layout.addWidget(field)
        layout.addWidget(field.message)
        grid.addWidget(box, row, column, 1, span, Qt.AlignmentFlag.AlignTop)

    def _fit_to_screen(self) -> None:
        fit_to_screen(
            self, largest=QSize(1500, 1040), smallest=QSize(900, 560), without_screen=QSize(1280, 700)
        )

    # -- loading and state ----------------------------------------------------------------------------

    def _load(self, record: ProjectRecord | None) -> None:
        self._loading = True
        try:
            if record is None:
                for edit in (self.code, self.name, self.responsible, self.scale):
                    edit.clear()
                self.content.clear()
                self.notes.clear()
                self.category.setCurrentIndex(0)
                self.year.setValue(dt.date.today().year)
                self.division.set_division(self._home_division())
                for name in FUND_FIELDS:
                    self.funds[name].set_value(None)
                for name in DATE_FIELDS:
                    self.dates[name].set_date(None)
                for name in INCOME_FIELDS:
                    self.income[name].set_value(None)
                self.picks = []
            else:
                self.code.setText(record.code)
                self.name.setText(record.name)
                self.category.setCurrentIndex(max(self.category.findData(record.category), 0))
                self.division.set_division(record.division_id, self._division_name(record.division_id))
                self.year.setValue(record.year)
                self.responsible.setText(record.responsible)
                self.scale.setText(record.scale)
                self.content.setPlainText(record.content)
                self.notes.setPlainText(record.notes)
                for name in FUND_FIELDS:
                    self.funds[name].set_value(getattr(record, name))
                for name in DATE_FIELDS:
                    self.dates[name].set_date(getattr(record, name))
                for name in INCOME_FIELDS:
                    self.income[name].set_value(getattr(record, name))
                self.picks = picks_for_households(self.station, record.beneficiary_ids)
            for message in self.messages.values():
                message.clear()
            for widget in (self.code, self.name, self.division):
                mark(widget, None)
            self._show_messages([])
        finally:
            self._loading = False
        self._show_beneficiaries()
        self._update_total()
        self.stages.set_project(self.project_id)
        self.material.set_owner("project", self.project_id)
        self.export_button.setEnabled(self.project_id is not None and hasattr(self.station, "archive"))
        if not hasattr(self.station, "archive"):
            self.export_button.setToolTip(self.tr("Archive export comes with a later version."))
        self._baseline = self.state()
        self.setWindowModified(False)
        self._update_title()

    def _home_division(self) -> str | None:
        home = self.station.divisions.find_by_code(self.station.info().division_code)
        if home is not None and self.division.findData(home.id) >= 0:
            return home.id
        return self.division.itemData(0) if self.division.count() else None

    def _division_name(self, division_id: str) -> str:
        try:
            return self.station.divisions.get(division_id).name
        except NotFoundError:
            return self.tr("(deleted place)")

    def state(self) -> dict[str, Any]:
        """Everything the form holds (compared with the stored project to know if anything changed)."""
        return {
            "code": self.code.text(),
            "name": self.name.text(),
            "category": self.category.currentData(),
            "division_id": self.division.division_id(),
            "year": self.year.value(),
            "responsible": self.responsible.text(),
            "scale": self.scale.text(),
            "content": self.content.toPlainText(),
            "notes": self.notes.toPlainText(),
            **{name: self.funds[name].text() for name in FUND_FIELDS},
            **{name: self.dates[name].text() for name in DATE_FIELDS},
            **{name: self.income[name].text() for name in INCOME_FIELDS},
            "beneficiaries": [p.household_id for p in self.picks],
        }

    def is_dirty(self) -> bool:
        return self.state() != self._baseline

    def restore_state(self, state: dict[str, Any]) -> None:
        """Put a draft's ``state()`` back into the form (it then differs from what is stored)."""
        self._loading = True
        try:
            for name, edit in (
                ("code", self.code),
                ("name", self.name),
                ("responsible", self.responsible),
                ("scale", self.scale),
            ):
                edit.setText(str(state.get(name) or ""))
            self.content.setPlainText(str(state.get("content") or ""))
            self.notes.setPlainText(str(state.get("notes") or ""))
            self.category.setCurrentIndex(max(self.category.findData(state.get("category")), 0))
            if state.get("division_id"):
                self.division.set_division(str(state["division_id"]))
            if isinstance(state.get("year"), int):
                self.year.setValue(state["year"])
            for fields in (self.funds, self.dates, self.income):
                for name, field in fields.items():
                    field.setText(str(state.get(name) or ""))
            ids = [str(i) for i in state.get("beneficiaries") or [] if isinstance(i, str)]
            self.picks = picks_for_households(self.station, ids)
        finally:
            self._loading = False
        self._show_beneficiaries()
        self._update_total()
        self._changed()

    def summary(self) -> str:
        """ "肉牛养殖小区 (BP-2024-001)": what the draft is, for people looking at the drafts folder."""
        name, code = self.name.text().strip(), self.code.text().strip()
        return f"{name} ({code})" if code else name

    def _draft_failed(self, message: str) -> None:
        self.status.setObjectName("inlineError")
        self.status.setText(message)  # the core's Chinese one-liner: folder and reason
        repolish(self.status)

    def _discard_draft(self, _link: str) -> None:
        self.drafts.discard()
        self._load(self.record)
        self.banner.hide()

    def _connect_changes(self) -> None:
        for edit in (self.code, self.name, self.responsible, self.scale):
            edit.textChanged.connect(self._changed)
        for field in [*self.funds.values(), *self.dates.values(), *self.income.values()]:
            field.textChanged.connect(self._changed)
        for text_edit in (self.content, self.notes):
            text_edit.textChanged.connect(self._changed)
        for combo in (self.category, self.division):
            combo.currentIndexChanged.connect(self._changed)
        self.year.valueChanged.connect(self._changed)
        for field in self.funds.values():
            field.textChanged.connect(self._update_total)
        self.code.editingFinished.connect(lambda: self._required_left(self.code, "code"))
        self.name.editingFinished.connect(lambda: self._required_left(self.name, "name"))

    def _changed(self) -> None:
        if self._loading or not hasattr(self, "_baseline"):
            return
        self.setWindowModified(self.is_dirty())

    def _required_left(self, edit: QLineEdit, name: str) -> None:
        if edit.text().strip():
            self._field_issue(name, "")

    def _update_total(self) -> None:
        values = [self.funds[name].value() or 0 for name in FUND_FIELDS]
        bad = any(self.funds[name].error() for name in FUND_FIELDS)
        total = format_wan_yuan(sum(values))
        self.total_funds.setText(
            self.tr("{total} (10k yuan)").format(total=total)
            + ("  " + self.tr("(check the amounts)") if bad else "")
        )

    def _update_title(self) -> None:
        if self.project_id is None:
            heading = self.tr("New project")
        else:
            heading = self.tr("Project: {name} ({code})").format(
                name=self.name.text().strip(), code=self.code.text().strip()
            )
        self.heading.setText(heading)
        self.setWindowTitle(f"{heading}[*] — {self.tr('Huimin Desktop')}")

    # -- beneficiaries ----------------------------------------------------------------------------------

    def pick_households(self) -> None:
        picker = HouseholdPicker(self.station, self.picks, self, title=self.tr("Beneficiary households"))
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.accepted.connect(lambda: self.set_picks(picker.picks()))
        self.picker = picker
        picker.open()

    def set_picks(self, picks: list[Pick]) -> None:
        self.picks = [p for p in picks if p.member_id is None]
        self._show_beneficiaries()
        self._changed()

    def remove_beneficiaries(self) -> None:
        rows = {index.row() for index in self.beneficiaries.selectionModel().selectedRows()}
        if rows:
            self.set_picks([p for row, p in enumerate(self.picks) if row not in rows])

    def _show_beneficiaries(self) -> None:
        ethnicities = code_lists().ethnicity
        table = self.beneficiaries
        table.setRowCount(len(self.picks))
        for row, pick in enumerate(self.picks):
            for column, text in enumerate(
                (pick.head_name, pick.village_name, ethnicities.name(pick.ethnicity))
            ):
                table.setItem(row, column, QTableWidgetItem(text))
        counts = self.station.projects.counts_for([p.household_id for p in self.picks])
        self.beneficiary_counts.setText(
            self.tr("{all} households, {minority} of them minority households").format(
                all=counts.total, minority=counts.minority
            )
        )
        self.remove_beneficiary_button.setEnabled(bool(self.picks))

    # -- saving -------------------------------------------------------------------------------------

    def local_errors(self) -> list[tuple[QWidget, str]]:
        """What the form can tell before asking the service: unreadable amounts and dates, blanks."""
        found: list[tuple[QWidget, str]] = []
        for name, edit, text in (
            ("code", self.code, self.tr("Enter the project code")),
            ("name", self.name, self.tr("Enter the project name")),
        ):
            if not edit.text().strip():
                self._field_issue(name, text)
                found.append((edit, text))
        if self.division.division_id() is None:
            text = self.tr("Pick the place of the project")
            self._field_issue("division_id", text)
            found.append((self.division, text))
        for name, field in [*self.funds.items(), *self.income.items()]:
            message = field.check()
            if message:
                found.append((field, f"{self.field_labels[name]}：{message}"))
        for name, date_field in self.dates.items():
            message = date_field.check()
            if message:
                found.append((date_field, f"{self.field_labels[name]}：{message}"))
        return found

    def project_input(self) -> ProjectInput:
        from huimin_desktop.services.projects import ProjectInput

        def fund(name: str) -> int:
            return self.funds[name].value() or 0

        return ProjectInput(
            code=self.code.text().strip(),
            name=self.name.text().strip(),
            category=str(self.category.currentData()),
            division_id=self.division.division_id() or "",
            year=self.year.value(),
            content=self.content.toPlainText().strip(),
            scale=self.scale.text().strip(),
            fund_provincial=fund("fund_provincial"),
            fund_local=fund("fund_local"),
            fund_integrated=fund("fund_integrated"),
            fund_self=fund("fund_self"),
            planned_start=self.dates["planned_start"].date(),
            planned_finish=self.dates["planned_finish"].date(),
            actual_start=self.dates["actual_start"].date(),
            actual_finish=self.dates["actual_finish"].date(),
            income_increase_expected=self.income["income_increase_expected"].value(),
            income_increase_measured=self.income["income_increase_measured"].value(),
            responsible=self.responsible.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )

    def save(self) -> None:
        """Ctrl+S: check, ask about warnings, then save the project and its beneficiaries together."""
        if self._busy:
            return
        problems = self.local_errors()
        if problems:
            self._show_messages([message for _, message in problems])
            problems[0][0].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        data = self.project_input()
        beneficiaries = [p.household_id for p in self.picks]
        project_id = self.project_id
        self._busy = True
        Operation(
            self,
            lambda _task: self.station.projects.validate(data, project_id, beneficiaries),
            label=self.tr("Checking the project…"),
            cancellable=False,
        ).success(lambda issues: self._validated(data, beneficiaries, issues)).failure(
            self._operation_failed
        ).run_in_background()

    def _validated(self, data: ProjectInput, beneficiaries: list[str], issues: list[Issue]) -> None:
        self._busy = False
        self._mark_issues(issues)
        refused = [i for i in issues if i.is_error]
        if refused:
            self._show_messages([issue_message(i) for i in refused])
            return
        self._show_messages([])
        warnings = [i for i in issues if not i.is_error]
        if not warnings:
            self._write(data, beneficiaries)
            return
        self.warnings_box, self.save_anyway_button = ask_save_anyway(
            self,
            [issue_message(i) for i in warnings],
            lambda: self._write(data, beneficiaries),
            closed=self._forget_warnings_box,
        )

    def _forget_warnings_box(self) -> None:
        self.warnings_box = None

    def _write(self, data: ProjectInput, beneficiaries: list[str]) -> None:
        project_id = self.project_id
        self._busy = True
        Operation(
            self,
            lambda _task: self.station.projects.save(project_id, data, beneficiaries, self.user),
            label=self.tr("Saving the project…"),
            cancellable=False,
        ).success(self._saved).failure(self._operation_failed).run_in_background()

    def _saved(self, result: SaveResult) -> None:
        self._busy = False
        self.project_id = result.id
        self.drafts.rekey(f"project-{result.id}")
        self.banner.hide()
        _windows.remember(self)
        self.record = self.station.projects.get(result.id)
        self._load(self.record)
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
        Operation(self, lambda _task: None, label=self.tr("Saving the project…")).show_error(error)

    def _stage_recorded(self, _entry_id: str) -> None:
        self.saved.emit(self.project_id or "")

    # -- showing issues -------------------------------------------------------------------------------

    def _field_issue(self, name: str, message: str, severity: str = ERROR) -> None:
        widget = {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "division_id": self.division,
            "year": self.year,
        }.get(name)
        if widget is not None:
            mark(widget, severity if message else None)
            self.messages[name].show_message(message, severity)

    def _mark_issues(self, issues: list[Issue]) -> None:
        for issue in issues:
            severity = ERROR if issue.is_error else WARNING
            field = issue.field or ""
            if field in self.messages:
                self._field_issue(field, issue_message(issue), severity)
            elif field in self.funds:
                self.funds[field].show_issue(issue_message(issue), severity)
            elif field in self.dates:
                self.dates[field].show_issue(issue_message(issue), severity)
            elif field in self.income:
                self.income[field].show_issue(issue_message(issue), severity)

    def _show_messages(self, lines: list[str]) -> None:
        if not lines:
            self.message_area.hide()
            self.message_area.clear()
            return
        items = [f"• {html.escape(line)}" for line in lines[:MAX_MESSAGES]]
        if len(lines) > MAX_MESSAGES:
            items.append(
                html.escape(
                    self.tr("… and {count} more (marked in the form)").format(count=len(lines) - MAX_MESSAGES)
                )
            )
        heading = html.escape(self.tr("Not saved. Please correct:"))
        self.message_area.setText(f"<b>{heading}</b><br>" + "<br>".join(items))
        self.message_area.show()

    # -- export -------------------------------------------------------------------------------------

    def export_archive(self) -> None:
        """Ask for a folder and write the project's archive there (text records and material)."""
        archive = getattr(self.station, "archive", None)
        if archive is None or self.project_id is None:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export archive to folder"))
        if not folder:
            return
        from ui.privacy.reason_dialog import ask_export_reason

        choice = ask_export_reason(self, self.tr("project archive"), can_mask=False)
        if choice is None:
            return
        project_id, reason = self.project_id, choice.reason
        Operation(
            self,
            lambda task: archive.export_project(project_id, Path(folder), task=task, reason=reason),
            label=self.tr("Exporting the project archive…"),
        ).success(self._exported).run_in_background()

    def _exported(self, result: object) -> None:
        """Where the archive went, how many files, and what could not be copied (``ArchiveExport``)."""
        folder = getattr(result, "folder", result)
        files = getattr(result, "files", [])
        problems = list(getattr(result, "problems", []))
        text = self.tr("The project archive ({count} files) was written to:\n{path}").format(
            count=len(files), path=folder
        )
        if problems:
            text += "\n\n" + "\n".join(f"• {line}" for line in problems[:MAX_MESSAGES])
        self.export_box = show_message(
            self,
            QMessageBox.Icon.Warning if problems else QMessageBox.Icon.Information,
            self.tr("Export archive"),
            text,
        )

    # -- closing --------------------------------------------------------------------------------------

    def discard_texts(self) -> DiscardTexts:
        return DiscardTexts(
            self.tr("Discard changes?"),
            self.tr("Discard changes? What you typed in this project has not been saved."),
            self.tr("Discard changes"),
            self.tr("Save"),
            self.tr("Keep editing"),
        )


# -- one window per project ------------------------------------------------------------------------------

_windows: EditorWindows[ProjectEditor] = EditorWindows(lambda editor: editor.project_id)


def open_editors() -> list[ProjectEditor]:
    """Editor windows still open (e.g. to close them, keeping drafts, when the station changes)."""
    return _windows.all()


def open_project_editor(
    parent: QWidget | None, station: Station, project_id: str | None = None, *, user: str = "system"
) -> ProjectEditor | None:
    """Show the editor for ``project_id`` (a new project when None), reusing its open window."""
    existing = _windows.raise_existing(project_id)
    if existing is not None:
        return existing
    try:
        editor = ProjectEditor(station, project_id, parent, user=user)
    except NotFoundError as error:
        QMessageBox.warning(parent, QCoreApplication.translate("ProjectEditor", "Project"), error.message)
        return None
    return _windows.show(editor)
