"""The household editor: head and address, the members roster, the yearly survey, income over the years.

Why a dialog window and not a page of the main window: the cadre goes list → household → list many
times an hour, and a separate window leaves the list exactly as it was (filter, scroll position,
selection); the "open the other household" link of a duplicate ID can put both households side by
side; and Esc-to-close with "discard changes?" is what a dialog already means on Windows. It is
non-modal, sized to the screen (it scrolls on a 1366×768 laptop), and ``open_household_editor`` keeps
one window per household.

Saving is one transaction (``households.save_with_survey``: the household, its members and the year's
survey, with their audit entries). Before it, ``households.validate`` reports errors (nothing is saved;
each is marked on its field or cell) and warnings (the 建档立卡 consistency checks), which the cadre
may accept. While the form has unsaved changes a draft is written every few seconds and on every field
commit (``DraftStore``), so a crash or power cut loses at most the last few keystrokes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.domain.contact import check_phone
from huimin_desktop.domain.issues import Issue
from huimin_desktop.domain.masking import FULL, Masking
from huimin_desktop.errors import NotFoundError, ValidationError
from huimin_desktop.services.drafts import DraftStore, household_key
from huimin_desktop.services.households import HouseholdInput, SurveyInput
from huimin_desktop.services.records import HouseholdRecord, SaveResult
from ui.attachments.panel import AttachmentPanel
from ui.editors.closing import AskBeforeDiscarding, DiscardTexts
from ui.editors.drafts import DRAFT_INTERVAL_MS, FormDrafts
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
from ui.household_editor.income_history import IncomeHistory, YearIncome
from ui.household_editor.members_table import COLUMNS, MemberRow, MembersPanel
from ui.household_editor.sections import household_sections
from ui.household_editor.survey_panel import SurveyPanel
from ui.household_editor.village_completer import PinyinCompleter
from ui.operations import Operation, announced
from ui.widgets.cards import card
from ui.widgets.fields import (
    ERROR,
    WARNING,
    EnterMovesFocus,
    FieldMessage,
    field_with_message,
    install_enter_moves_focus,
    mark,
    repolish,
)
from ui.widgets.labels import muted_label
from ui.widgets.style import EDITOR_STYLE

if TYPE_CHECKING:
    from huimin_desktop.services.project_records import DivisionNode
    from huimin_desktop.services.station import Station

MAX_MESSAGES = 5  # lines in the "not saved" box; the rest are marked on their fields
DRAFT_FORMAT = 1
HEAD_CODES = ("02", "01")
_MEMBER_FIELD = re.compile(r"members\[(\d+)\]\.(\w+)")
# Warnings that depend on the year's income: computed here from the survey being typed, so they
# describe what will be saved rather than the survey stored last time.
_INCOME_WARNINGS = frozenset({"household.per_capita_out_of_range", "household.wage_without_work_away"})


class HouseholdEditor(AskBeforeDiscarding, QDialog):
    """Edit one household (``household_id``) or enter a new one (``None``).

    ``saved(household_id)`` after every successful save; ``open_household_requested(household_id)``
    when the cadre follows the "open the other household" link of a duplicate ID number.
    ``draft_key`` reopens a new household's draft (``offer_pending_drafts`` passes it); an existing
    household's draft is found and restored by its id.
    """

    saved = Signal(str)
    open_household_requested = Signal(str)
    new_household_requested = Signal()

    def __init__(
        self,
        station: Station,
        household_id: str | None = None,
        parent: QWidget | None = None,
        *,
        user: str = "system",
        draft_key: str | None = None,
        draft_interval_ms: int = DRAFT_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.user = user
        # a role without SEE_PERSONAL_DATA sees the stored ID numbers and phone masked (domain/masking.py)
        self.masking: Masking = getattr(station, "masking", FULL)
        store = DraftStore.for_station(station)
        self.record: HouseholdRecord | None = None
        self.household_id: str | None = None
        draft = store.load(draft_key) if draft_key else None
        if household_id is not None:
            try:
                self.record = station.households.get(household_id)
                self.household_id = household_id
            except NotFoundError:
                if draft is None:
                    raise
                # Deleted since the draft was written: what was typed comes back as a new household.
        key = draft_key or household_key(self.household_id)
        if draft is None:
            draft = store.load(key)
        self._busy = False
        self.warnings_box: QMessageBox | None = None

        self.setObjectName("householdEditor")
        self.setStyleSheet(EDITOR_STYLE)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setSizeGripEnabled(True)
        self._build()
        self.section_keys = household_sections(self)  # Ctrl+Tab / Ctrl+↓ to the next part of the form
        self._load(self.record)
        self.drafts = FormDrafts(
            store,
            key,
            self.state,
            self.is_dirty,
            self.summary,
            self._draft_failed,
            self,
            draft_interval_ms,
            on_saved=self._draft_saved,
        )
        if draft is not None:
            self.restore_state(draft)
            self._show_banner()
        self._connect_changes()
        self._update_title()
        self._fit_to_screen()
        self.village.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building -------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = editor_heading()
        self.banner = draft_banner(self._banner_link)
        household_card = self._build_household_card()
        self.members = MembersPanel()
        members_card, members_layout = card(self.tr("Members"))
        members_layout.addWidget(self.members)
        self.survey = SurveyPanel()
        survey_card, survey_layout = card(self.tr("Yearly survey"))
        survey_layout.addWidget(self.survey)
        self.scroll_area, body_layout = editor_body()
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for widget in (household_card, members_card, survey_card):
            body_layout.addWidget(widget)
        body_layout.addLayout(self._build_lower_cards())
        body_layout.addWidget(self._build_attachments_card())
        body_layout.addStretch(1)
        lay_out_editor(
            self, [self.heading, self.banner], self.scroll_area, self._build_bottom(), top_spacing=6
        )
        self._set_up_keyboard()
        # A mark appears when the field is left, and goes as soon as the text is right again.
        # (Leaving the village box is seen in _focus_changed: an editable combo box does not reliably
        # report editingFinished when its completer was showing.)
        self.village.currentTextChanged.connect(self._village_typed)
        self.phone.editingFinished.connect(self._phone_left)
        self.phone.textChanged.connect(self._phone_typed)
        self._fill_villages()

    def _build_village_box(self) -> QWidget:
        """The village combo box (type to search) with its "New village…" button beside it."""
        self.village = QComboBox()
        self.village.setEditable(True)
        self.village.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.village.setMinimumContentsLength(14)
        village_edit = self.village.lineEdit()
        if village_edit is not None:
            village_edit.setPlaceholderText(self.tr("Pick or type the village"))
        self.village.setCompleter(PinyinCompleter(self.village))  # bjy → 宝家营子村
        self.village_message = FieldMessage()
        self.add_village_button = QPushButton(self.tr("New village…"))
        self.add_village_button.setAutoDefault(False)
        self.add_village_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.add_village_button.clicked.connect(self.add_village)
        village_row = QHBoxLayout()
        village_row.setSpacing(6)
        village_row.addWidget(self.village, 1)
        village_row.addWidget(self.add_village_button)
        village_box = QWidget()
        village_box.setLayout(village_row)
        village_row.setContentsMargins(0, 0, 0, 0)
        return field_with_message(village_box, self.village_message)

    def _build_household_card(self) -> QFrame:
        village_box = self._build_village_box()
        self.household_no = QLineEdit()
        self.household_no.setMaxLength(30)
        self.address = QLineEdit()
        self.address.setMaxLength(120)
        self.address.setPlaceholderText(self.tr("e.g. Group 3, Dongyingzi Village"))
        self.phone = QLineEdit()
        self.phone.setMaxLength(24)
        self.phone_message = FieldMessage()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("Anything worth knowing about this household"))

        household_card, household_layout = card(self.tr("Household"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        self._grid_row(grid, 0, 0, self.tr("Village"), village_box, self.village)
        self._grid_row(grid, 0, 2, self.tr("Household no."), self.household_no)
        self._grid_row(grid, 1, 0, self.tr("Address"), self.address)
        self._grid_row(
            grid, 1, 2, self.tr("Phone"), field_with_message(self.phone, self.phone_message), self.phone
        )
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        household_layout.addLayout(grid)
        return household_card

    def _build_lower_cards(self) -> QHBoxLayout:
        """Income over the years beside the household's projects and its notes."""
        self.history = IncomeHistory()
        history_card, history_layout = card(self.tr("Income over the years"))
        history_layout.addWidget(self.history)
        self.projects = QListWidget()
        self.projects.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.projects.setMaximumHeight(self.fontMetrics().height() * 6)
        self.projects.hide()  # shown when there is something to list
        self.projects_note = muted_label()
        projects_card, projects_layout = card(self.tr("Projects"))
        projects_layout.addWidget(self.projects)
        projects_layout.addWidget(self.projects_note)
        notes_card, notes_layout = card(self.tr("Notes"))
        notes_layout.addWidget(self.notes, 1)
        self.notes.setMinimumHeight(self.fontMetrics().height() * 3 + 16)
        lower = QHBoxLayout()
        lower.setSpacing(12)
        lower.addWidget(history_card, 3)
        side = QVBoxLayout()
        side.setSpacing(12)
        side.addWidget(projects_card)
        side.addWidget(notes_card, 1)
        lower.addLayout(side, 2)
        return lower

    def _build_attachments_card(self) -> QFrame:
        """Photos and documents (owner "household"; disabled until the household is saved)."""
        self.attachment_panel = AttachmentPanel(self.station)
        self.attachment_panel.user = self.user
        self.attachment_panel.set_owner("household", self.household_id)
        attachments_card, attachments_layout = card(self.tr("Photos and documents"))
        attachments_layout.addWidget(self.attachment_panel)
        return attachments_card

    def _build_bottom(self) -> list[QWidget | QLayout]:
        """The "not saved" messages above the status line and the buttons."""
        self.message_area = message_area()
        self.message_area.linkActivated.connect(self._message_link)
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

    def _set_up_keyboard(self) -> None:
        """Tab and Enter go through the form in paper order; Ctrl+S saves, Ctrl+N opens a new household."""
        chain: list[QWidget] = [
            self.village,
            self.household_no,
            self.address,
            self.phone,
            self.members.view,
            *self.survey.focus_chain(),
            self.notes,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._enter_filter = EnterMovesFocus(self)
        install_enter_moves_focus(
            self._enter_filter,
            self.village,
            self.household_no,
            self.address,
            self.phone,
            *[w for w in self.survey.focus_chain()],
        )
        # One shortcut per key: a second one on the same keys (StandardKey.Save is also Ctrl+S) would make
        # both ambiguous, and neither would fire.
        for keys, slot in (
            (QKeySequence("Ctrl+S"), self.save),
            (QKeySequence("Ctrl+N"), self.new_household_requested.emit),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.activated.connect(slot)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _grid_row(
        self,
        grid: QGridLayout,
        row: int,
        column: int,
        text: str,
        field: QWidget,
        buddy: QWidget | None = None,
    ) -> None:
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # Level with the field's text line whether or not a message shows under it.
        offset = max(0, (self.household_no.sizeHint().height() - label.sizeHint().height()) // 2)
        label.setContentsMargins(0, offset, 0, 0)
        label.setBuddy(buddy or field)
        grid.addWidget(label, row, column)
        grid.addWidget(field, row, column + 1)

    def _fit_to_screen(self) -> None:
        fit_to_screen(
            self, largest=QSize(1600, 1040), smallest=QSize(900, 560), without_screen=QSize(1280, 700)
        )

    # -- villages -------------------------------------------------------------------------------------

    def _fill_villages(self) -> None:
        """Every live village of the station (with its township when there are several townships)."""
        current = self.division_id()
        self.village.blockSignals(True)
        self.village.clear()
        entries: list[tuple[str, str, str]] = []  # (village id, village name, township name)
        self._townships: list[tuple[str, str]] = []

        def walk(nodes: Sequence[DivisionNode], township: str) -> None:
            for node in nodes:
                division = node.division
                if division.level == "township":
                    self._townships.append((division.id, division.name))
                    walk(node.children, division.name)
                elif division.level == "village":
                    entries.append((division.id, division.name, township))
                else:
                    walk(node.children, township)

        walk(self.station.divisions.tree(), "")
        several = len({township for _, _, township in entries}) > 1
        for village_id, name, township in entries:
            label = (
                self.tr("{village} ({township})").format(village=name, township=township) if several else name
            )
            self.village.addItem(label, village_id)
        self.village.setCurrentIndex(-1)
        self.village.blockSignals(False)
        if current:
            self.set_division(current)

    def set_division(self, division_id: str) -> None:
        index = self.village.findData(division_id)
        if index < 0:
            try:
                name = self.station.divisions.get(division_id).name
            except NotFoundError:
                name = self.tr("(deleted village)")
            self.village.addItem(name, division_id)
            index = self.village.count() - 1
        self.village.setCurrentIndex(index)

    def division_id(self) -> str | None:
        """The chosen village, or None when the text names no village in the list."""
        text = self.village.currentText().strip()
        if not text:
            return None
        index = self.village.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            return None
        return str(self.village.itemData(index))

    def village_name(self) -> str:
        division_id = self.division_id()
        if division_id is None:
            return ""
        return self.village.itemText(self.village.findData(division_id))

    def add_village(self) -> None:
        townships = self._townships
        if not townships:
            QMessageBox.information(
                self, self.tr("New village"), self.tr("This station has no township to add a village to.")
            )
            return
        township_id = townships[0][0]
        if len(townships) > 1:
            names = [name for _, name in townships]
            name, ok = QInputDialog.getItem(
                self, self.tr("New village"), self.tr("Township:"), names, 0, False
            )
            if not ok:
                return
            township_id = townships[names.index(name)][0]
        name, ok = QInputDialog.getText(self, self.tr("New village"), self.tr("Name of the village:"))
        if not ok or not name.strip():
            return
        try:
            with announced():  # the household list's village filter offers it too
                result = self.station.divisions.add_village(township_id, name, user=self.user)
        except ValidationError as error:
            QMessageBox.warning(self, self.tr("New village"), error.message)
            return
        self._fill_villages()
        self.set_division(result.id)
        self._village_left()

    # -- loading and state ----------------------------------------------------------------------------

    def _load(self, record: HouseholdRecord | None) -> None:
        """Fill the form from the stored household (or empty for a new one) and call that "unchanged"."""
        self._loading = True
        try:
            if record is not None:
                self.set_division(record.division_id)
                self.household_no.setText(record.household_no)
                self.address.setText(record.address)
                self.phone.setText(self.masking.phone(record.phone))
                self.notes.setPlainText(record.notes)
                rows = [MemberRow.from_record(m) for m in record.members]
            else:
                self.village.setCurrentIndex(-1)
                for edit in (self.household_no, self.address, self.phone):
                    edit.clear()
                self.notes.clear()
                rows = []
            self.members.model.set_masking(self.masking, record.members if record is not None else ())
            self.members.model.set_rows(rows)
            if not rows:
                self.members.model.insert_member(0)
            self.survey.set_member_count(len(self.members.model.filled_rows()))
            self.survey.set_surveys(record.surveys if record is not None else ())
            for widget in (self.village, self.phone):
                mark(widget, None)
            self.village_message.clear()
            self.phone_message.clear()
            self._show_messages([])
        finally:
            self._loading = False
        self._load_projects()
        self._refresh_history()
        self._baseline = self.state()
        self.setWindowModified(False)

    def state(self) -> dict[str, Any]:
        """Everything typed, as plain JSON data (what a draft holds)."""
        return {
            "format": DRAFT_FORMAT,
            "household_id": self.household_id,
            "division_id": self.division_id(),
            "village_text": self.village.currentText(),
            "household_no": self.household_no.text(),
            "address": self.address.text(),
            "phone": self.phone.text(),
            "notes": self.notes.toPlainText(),
            "members": self.members.model.state(),
            "survey": self.survey.state(),
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        self._loading = True
        try:
            division_id = state.get("division_id")
            if division_id:
                self.set_division(str(division_id))
            else:
                self.village.setCurrentIndex(-1)
                self.village.setEditText(str(state.get("village_text") or ""))
            self.household_no.setText(str(state.get("household_no") or ""))
            self.address.setText(str(state.get("address") or ""))
            self.phone.setText(str(state.get("phone") or ""))
            self.notes.setPlainText(str(state.get("notes") or ""))
            members = [MemberRow.from_state(m) for m in state.get("members") or () if isinstance(m, dict)]
            if self.household_id is None:
                for row in members:
                    row.id = None
            self.members.model.set_rows(members or [self.members.model.new_row()])
            self.survey.set_member_count(len(self.members.model.filled_rows()))
            survey = state.get("survey")
            if isinstance(survey, dict):
                self.survey.restore(survey)
        finally:
            self._loading = False
        self._phone_left()
        self._refresh_history()
        self._changed()

    def is_dirty(self) -> bool:
        return self.state() != self._baseline

    def summary(self) -> str:
        """ "宝斯鲁 · 东营子村": who the household is, for titles and the "restore?" question."""
        rows = self.members.model.rows
        head = next((r for r in rows if r.values["relationship"] in HEAD_CODES and r.values["name"]), None)
        head = head or next((r for r in rows if r.values["name"]), None)
        name = head.values["name"] if head is not None else self.tr("(no name yet)")
        village = self.village_name() or self.village.currentText().strip()
        return f"{name} · {village}" if village else name

    # -- changes and drafts ---------------------------------------------------------------------------

    def _connect_changes(self) -> None:
        for edit in (self.household_no, self.address, self.phone):
            edit.textChanged.connect(self._changed)
            edit.editingFinished.connect(self._committed)
        self.village.currentTextChanged.connect(self._changed)
        self.village.currentIndexChanged.connect(self._committed)
        self.notes.textChanged.connect(self._changed)
        self.members.changed.connect(self._members_changed)
        self.members.committed.connect(self._committed)
        self.survey.changed.connect(self._changed)
        self.survey.committed.connect(self._committed)
        self.survey.totals_changed.connect(self._refresh_history)

    def _members_changed(self) -> None:
        self.survey.set_member_count(len(self.members.model.filled_rows()))
        self._changed()

    def _changed(self) -> None:
        if getattr(self, "_loading", False) or not hasattr(self, "_baseline"):
            return
        dirty = self.is_dirty()
        self.setWindowModified(dirty)
        self._update_title()
        if not dirty:
            self.drafts.discard()  # back to what is stored: nothing to keep

    def _committed(self) -> None:
        if getattr(self, "_loading", False):
            return
        self._changed()
        self.drafts.save()

    def _draft_failed(self, message: str) -> None:
        self.status.setObjectName("inlineError")
        self.status.setText(message)  # the core's Chinese one-liner: folder and reason
        repolish(self.status)

    def _draft_saved(self) -> None:
        if self.status.objectName() != "statusText":
            self.status.setObjectName("statusText")
            repolish(self.status)
        self.status.setText(
            self.tr("Draft kept at {time}; it comes back if the program is closed unexpectedly.").format(
                time=dt.datetime.now().strftime("%H:%M:%S")
            )
        )

    def _show_banner(self) -> None:
        self.banner.setText(
            self.tr("Unsaved changes from {time} were restored. <a href='discard'>Discard them</a>").format(
                time=self.drafts.saved_at()
            )
        )
        self.banner.show()

    def _banner_link(self, link: str) -> None:
        if link == "discard":
            self.drafts.discard()
            self._load(self.record)
            self.banner.hide()
            self._update_title()

    # -- inline checks as a field is left ---------------------------------------------------------------

    def _village_left(self) -> None:
        text = self.village.currentText().strip()
        division_id = self.division_id()
        if division_id is not None and self.village.currentData() != division_id:
            self.village.setCurrentIndex(self.village.findData(division_id))  # typed in full: choose it
        if text and division_id is None:
            self._field_issue(
                self.village, self.village_message, self.tr("No village of this name; pick one from the list")
            )
        else:
            self._field_issue(self.village, self.village_message, "")

    def _village_typed(self) -> None:
        if self.village_message.isVisible() and self.division_id() is not None:
            self._field_issue(self.village, self.village_message, "")

    def phone_value(self) -> str:
        """The household's phone as typed, or the stored one while its masked text is left as shown."""
        text = self.phone.text().strip()
        stored = self.record.phone if self.record is not None else ""
        if stored and not self.masking.full and text == self.masking.phone(stored):
            return stored
        return text

    def _phone_typed(self) -> None:
        if self.phone_message.isVisible() and check_phone(self.phone_value()).ok:
            self._field_issue(self.phone, self.phone_message, "")

    def _phone_left(self) -> None:
        result = check_phone(self.phone_value())
        message = next((issue_message(i) for i in result.issues if i.is_error), "")
        self._field_issue(self.phone, self.phone_message, message)

    def _field_issue(self, widget: QWidget, label: FieldMessage, message: str, severity: str = ERROR) -> None:
        mark(widget, severity if message else None)
        label.show_message(message, severity)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        def in_village(widget: QWidget | None) -> bool:
            return widget is not None and (widget is self.village or self.village.isAncestorOf(widget))

        if in_village(old) and not in_village(new) and new is not None and new.window() is self:
            self._village_left()
            self._committed()
        # Tab into a field below the fold scrolls it into view.
        body = self.scroll_area.widget()
        if new is not None and body is not None and body.isAncestorOf(new) and new is not self.members.view:
            self.scroll_area.ensureWidgetVisible(new, 20, 40)
        elif new is self.members.view:
            self.scroll_area.ensureWidgetVisible(self.members, 20, 20)

    # -- saving -------------------------------------------------------------------------------------

    def household_input(self) -> tuple[HouseholdInput, list[int]]:
        """The household for the service and, per member in it, the roster row it came from."""
        filled = self.members.model.filled_rows()
        data = HouseholdInput(
            division_id=self.division_id() or "",
            members=tuple(row.to_input() for _, row in filled),
            household_no=self.household_no.text().strip(),
            address=self.address.text().strip(),
            phone=self.phone_value(),
            notes=self.notes.toPlainText().strip(),
        )
        return data, [position for position, _ in filled]

    def local_errors(self) -> list[tuple[QWidget | tuple[int, str], str]]:
        """What must be put right before the service can even be asked; each is marked on its field."""
        found: list[tuple[QWidget | tuple[int, str], str]] = []
        if self.division_id() is None:
            message = (
                self.tr("No village of this name; pick one from the list")
                if self.village.currentText().strip()
                else self.tr("Pick the village")
            )
            self._field_issue(self.village, self.village_message, message)
            found.append((self.village, message))
        self._phone_left()
        if self.phone_message.text():
            found.append((self.phone, self.phone_message.text()))
        for position, key, issue in self.members.model.cell_errors():
            found.append(((position, key), self._cell_place(position, key) + issue_message(issue)))
        if not self.members.model.filled_rows():
            found.append(((0, "name"), self.tr("Enter at least one member (the head of household)")))
        found += self.survey.local_errors()
        return found

    def save(self) -> None:
        """Ctrl+S: check, ask about warnings, then save household and survey in one transaction."""
        if self._busy:
            return
        self.members.view.commit_open_editor()
        problems = self.local_errors()
        if problems:
            self._show_messages([message for _, message in problems])
            self._focus_problem(problems[0][0])
            return
        data, rows = self.household_input()
        survey = self.survey.to_input()
        household_id = self.household_id
        self._busy = True
        Operation(
            self,
            lambda _task: self.station.households.validate(data, household_id, survey),
            label=self.tr("Checking the household…"),
            cancellable=False,
        ).success(lambda issues: self._validated(data, rows, survey, issues)).failure(
            self._operation_failed
        ).run_in_background()

    def _validated(
        self, data: HouseholdInput, rows: list[int], survey: SurveyInput | None, issues: list[Issue]
    ) -> None:
        self._busy = False  # the issues include the 建档立卡 consistency checks (HouseholdService.validate)
        refused = [i for i in issues if i.is_error]
        self._mark_issues(issues, rows)
        if refused:
            self._show_messages([self._describe(i, rows) for i in refused], issues=refused)
            self._focus_issue(refused[0], rows)
            return
        self._show_messages([])
        warnings = [i for i in issues if not i.is_error]
        if not warnings:
            self._write(data, survey)
            return
        self.warnings_box, self.save_anyway_button = ask_save_anyway(
            self,
            [self._describe(i, rows) for i in warnings],
            lambda: self._write(data, survey),
            closed=self._forget_warnings_box,
        )

    def _forget_warnings_box(self) -> None:
        self.warnings_box = None

    def _write(self, data: HouseholdInput, survey: SurveyInput | None) -> None:
        household_id = self.household_id
        self._busy = True
        Operation(
            self,
            lambda _task: self.station.households.save_with_survey(household_id, data, survey, self.user),
            label=self.tr("Saving the household…"),
            cancellable=False,
        ).success(self._saved).failure(self._operation_failed).run_in_background()

    def _saved(self, result: SaveResult) -> None:
        self._busy = False
        self.survey.remember_last_used()
        self.household_id = result.id
        self.attachment_panel.set_owner("household", result.id)
        self.drafts.rekey(household_key(result.id))  # the draft under the old key goes
        self.drafts.discard()  # and one left under the id's key by an earlier window
        _windows.remember(self)
        self.record = self.station.households.get(result.id)
        year = self.survey.year.value()
        self._load(self.record)
        if self.survey.year.value() != year:
            self.survey.load_year(year)
            self._baseline = self.state()
        self.banner.hide()
        self._update_title()
        self.status.setObjectName("statusText")
        self.status.setText(self.tr("Saved at {time}.").format(time=dt.datetime.now().strftime("%H:%M:%S")))
        repolish(self.status)
        self.saved.emit(result.id)

    def _operation_failed(self, error: BaseException) -> None:
        self._busy = False
        if isinstance(error, ValidationError):  # e.g. the same ID number saved elsewhere meanwhile
            _data, rows = self.household_input()
            self._mark_issues(error.issues, rows)
            self._show_messages([self._describe(i, rows) for i in error.issues], issues=error.issues)
            return
        message = expected_error_message(error)
        if message is not None:
            self._show_messages([message])
            return
        Operation(self, lambda _task: None, label=self.tr("Saving the household…")).show_error(error)

    # -- showing issues -------------------------------------------------------------------------------

    def _cell_place(self, position: int, key: str) -> str:
        name = self.members.model.rows[position].values["name"]
        column = self.members.model.headers()[key]
        if name:
            return self.tr("Member {number} ({name}), {column}: ").format(
                number=position + 1, name=name, column=column
            )
        return self.tr("Member {number}, {column}: ").format(number=position + 1, column=column)

    def _describe(self, issue: Issue, rows: list[int]) -> str:
        match = _MEMBER_FIELD.fullmatch(issue.field or "")
        if match and int(match[1]) < len(rows) and match[2] in COLUMNS:
            return self._cell_place(rows[int(match[1])], match[2]) + issue_message(issue)
        return issue_message(issue)

    def _mark_issues(self, issues: list[Issue], rows: list[int]) -> None:
        for issue in issues:
            severity = ERROR if issue.is_error else WARNING
            field = issue.field or ""
            match = _MEMBER_FIELD.fullmatch(field)
            if match:
                index, key = int(match[1]), match[2]
                if index < len(rows) and key in COLUMNS:
                    existing = self.members.model.rows[rows[index]].issues.get(key)
                    if issue.is_error or existing is None or not existing.is_error:
                        self.members.model.set_issue(rows[index], key, issue)
            elif field == "division_id":
                self._field_issue(self.village, self.village_message, issue_message(issue), severity)
            elif field == "phone":
                self._field_issue(self.phone, self.phone_message, issue_message(issue), severity)
            elif field:
                self.survey.mark_field(field, issue_message(issue), severity)
        self.members.show_current_issue()

    def _show_messages(self, lines: list[str], issues: list[Issue] | None = None) -> None:
        if not lines:
            self.message_area.hide()
            self.message_area.clear()
            return
        links: dict[int, str] = {}
        for number, issue in enumerate(issues or []):
            other = issue.params.get("household_id") if issue.code == "member.duplicate_elsewhere" else None
            if other:
                links[number] = str(other)
        items = []
        link_text = html.escape(self.tr("Open the other household"))
        hidden = max(0, len(lines) - MAX_MESSAGES)
        for number, line in enumerate(lines[:MAX_MESSAGES]):
            text = html.escape(line)
            if number in links:
                text += f" <a href='household:{links[number]}'>{link_text}</a>"
            items.append(f"• {text}")
        if hidden:
            items.append(html.escape(self.tr("… and {count} more (marked in the form)").format(count=hidden)))
        heading = self.tr("Not saved. Please correct:")
        self.message_area.setText(f"<b>{html.escape(heading)}</b><br>" + "<br>".join(items))
        self.message_area.show()

    def _message_link(self, link: str) -> None:
        if link.startswith("household:"):
            self.open_household_requested.emit(link.split(":", 1)[1])

    def _focus_issue(self, issue: Issue, rows: list[int]) -> None:
        match = _MEMBER_FIELD.fullmatch(issue.field or "")
        if match and int(match[1]) < len(rows) and match[2] in COLUMNS:
            self._focus_problem((rows[int(match[1])], match[2]))
        elif issue.field == "division_id":
            self._focus_problem(self.village)
        elif issue.field == "phone":
            self._focus_problem(self.phone)

    def _focus_problem(self, where: QWidget | tuple[int, str]) -> None:
        if isinstance(where, tuple):
            position, key = where
            index = self.members.model.index(position, COLUMNS.index(key))
            self.members.view.setCurrentIndex(index)
            self.members.view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.members.show_current_issue()
        else:
            where.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(where, 20, 40)

    # -- other parts ----------------------------------------------------------------------------------

    def _refresh_history(self) -> None:
        years: dict[int, YearIncome] = {}
        for record in self.record.surveys if self.record is not None else ():
            years[record.year] = YearIncome(
                record.year, record.total_income, record.net_income, record.net_income_per_capita
            )
        income = self.survey.income()
        year = self.survey.year.value()
        if income is not None and not self.survey.is_blank():
            size = self.survey.household_size.value()
            stored = years.get(year)
            live = YearIncome(year, income.total, income.net, income.per_capita(size))
            unsaved = stored is None or (stored.total, stored.net, stored.per_capita) != (
                live.total,
                live.net,
                live.per_capita,
            )
            years[year] = YearIncome(year, live.total, live.net, live.per_capita, unsaved)
        self.history.show_years(list(years.values()))

    def _load_projects(self) -> None:
        self.projects.clear()
        self.projects.hide()
        if self.household_id is None:
            self.projects_note.setText(self.tr("Projects are listed once the household is saved."))
            return
        finder = getattr(self.station.projects, "for_household", None)
        if finder is None:
            # ProjectService has no per-household query yet; until it does, say so rather than guess.
            self.projects_note.setText(self.tr("The project list for a household is not available yet."))
            return
        rows = finder(self.household_id)
        for row in rows:
            self.projects.addItem(
                self.tr("{year}  {name} ({code})").format(year=row.year, name=row.name, code=row.code)
            )
        self.projects.setVisible(bool(rows))
        self.projects_note.setText(
            self.tr("{count} projects benefit this household.").format(count=len(rows))
            if rows
            else self.tr("This household is not a beneficiary of any project yet.")
        )

    def _update_title(self) -> None:
        if self.household_id is None:
            heading = self.tr("New household")
        else:
            heading = self.tr("Household: {who}").format(who=self.summary())
        self.heading.setText(heading)
        app = self.tr("Huimin Desktop")
        self.setWindowTitle(f"{heading}[*] — {app}")

    # -- closing --------------------------------------------------------------------------------------

    def discard_texts(self) -> DiscardTexts:
        return DiscardTexts(
            self.tr("Discard changes?"),
            self.tr("Discard changes? What you typed in this household has not been saved."),
            self.tr("Discard changes"),
            self.tr("Save"),
            self.tr("Keep editing"),
        )

    def reject(self) -> None:
        """Esc or Close: what a member cell is still being typed into counts as typed."""
        self.members.view.commit_open_editor()
        super().reject()

    def _close_for_good(self) -> None:
        # The application outlives the editor: its signals must not reach a closed (deleted) window.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            with contextlib.suppress(RuntimeError, TypeError):
                app.focusChanged.disconnect(self._focus_changed)
        super()._close_for_good()


# -- one window per household ----------------------------------------------------------------------------

_windows: EditorWindows[HouseholdEditor] = EditorWindows(lambda editor: editor.household_id)


def open_editors() -> list[HouseholdEditor]:
    """Editor windows still open (e.g. to close them, keeping drafts, when the station changes)."""
    return _windows.all()


def open_household_editor(
    parent: QWidget | None,
    station: Station,
    household_id: str | None = None,
    *,
    user: str = "system",
    draft_key: str | None = None,
) -> HouseholdEditor | None:
    """Show the editor for ``household_id`` (a new household when None), reusing its open window.

    The editor's "open the other household" and Ctrl+N open further editors the same way. Returns
    None (after telling the user) when the household no longer exists.
    """
    existing = _windows.raise_existing(household_id)
    if existing is not None:
        return existing
    try:
        editor = HouseholdEditor(station, household_id, parent, user=user, draft_key=draft_key)
    except NotFoundError as error:
        QMessageBox.warning(parent, QCoreApplication.translate("HouseholdEditor", "Household"), error.message)
        return None
    editor.open_household_requested.connect(
        lambda other: open_household_editor(parent, station, other, user=user)
    )
    editor.new_household_requested.connect(lambda: open_household_editor(parent, station, None, user=user))
    return _windows.show(editor)
