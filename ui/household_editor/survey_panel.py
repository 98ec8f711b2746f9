"""The yearly survey: income by source, business expenses, household size, hardship causes, needs.

总收入, 纯收入 and 人均纯收入 are computed as the cadre types (domain ``Income``); amounts accept what
people write ("3,500", "4200元", "0.35万") and are tidied to "3,500" when the field is left. The panel
edits one year at a time: changing the year shows that year's stored survey, unless something was
already typed, which then simply belongs to the newly chosen year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.domain.amounts import format_yuan, parse_amount
from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.domain.income import Income
from huimin_desktop.services.households import SurveyInput
from huimin_desktop.services.records import SurveyRecord
from ui import preferences
from ui.errors import issue_message
from ui.widgets.fields import ERROR, FieldMessage, field_with_message, mark
from ui.widgets.labels import muted_label

AMOUNT_FIELDS = ("income_wage", "income_business", "income_property", "income_transfer", "expense_business")
FIRST_YEAR = 2000
MAX_HOUSEHOLD_SIZE = 60


class SurveyPanel(QWidget):
    changed = Signal()  # any edit
    committed = Signal()  # a field was left or a choice made
    totals_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stored: dict[int, SurveyRecord] = {}
        self.member_count = 0
        self.size_follows_members = True
        self._notes = ""  # survey notes have no field here; an edit keeps what is stored
        self._loading = False
        self._loaded_state: dict[str, Any] = {}

        top = self._build_top()
        middle = QHBoxLayout()
        middle.setSpacing(20)
        middle.addLayout(self._build_amounts(), 3)
        middle.addWidget(self._build_results(), 3)
        middle.addLayout(self._build_causes(), 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(middle)

        self.year.valueChanged.connect(self._year_changed)
        self.household_size.valueChanged.connect(self._size_changed)
        for widget in (self.surveyor, self.needs):
            widget.textChanged.connect(self._typed)
            widget.editingFinished.connect(self.committed.emit)
        self.survey_date.dateChanged.connect(self._choice_made)
        self._recompute()

    def _build_top(self) -> QHBoxLayout:
        """Year, household size, surveyor and date in one line."""
        this_year = dt.date.today().year
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, this_year + 1)
        self.year.setValue(this_year)
        self.year.setGroupSeparatorShown(False)
        self.year.setAccelerated(True)
        self.year_note = muted_label()
        self.household_size = QSpinBox()
        self.household_size.setRange(0, MAX_HOUSEHOLD_SIZE)
        self.household_size.setToolTip(self.tr("Follows the number of members until you change it"))
        self.surveyor = QLineEdit()
        self.surveyor.setMaxLength(40)
        self.survey_date = QDateEdit()
        self.survey_date.setCalendarPopup(True)
        self.survey_date.setDisplayFormat("yyyy-MM-dd")
        self.survey_date.setMaximumDate(QDate.currentDate())
        self.survey_date.setDate(QDate.currentDate())
        top = QHBoxLayout()
        top.setSpacing(8)
        for text, widget in (
            (self.tr("Survey year"), self.year),
            (self.tr("Household size"), self.household_size),
            (self.tr("Surveyor"), self.surveyor),
            (self.tr("Survey date"), self.survey_date),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
            top.addSpacing(12)
        self.surveyor.setMinimumWidth(self.fontMetrics().height() * 6 + 16)  # about six characters
        top.addWidget(self.year_note, 1)
        return top

    def _build_amounts(self) -> QGridLayout:
        """The five amounts in yuan, each with its message under it."""
        labels = {
            "income_wage": self.tr("Wage income"),
            "income_business": self.tr("Business income"),
            "income_property": self.tr("Property income"),
            "income_transfer": self.tr("Transfer income"),
            "expense_business": self.tr("Business expenses"),
        }
        self.amounts: dict[str, QLineEdit] = {}
        self.amount_messages: dict[str, FieldMessage] = {}
        amounts_grid = QGridLayout()
        amounts_grid.setHorizontalSpacing(8)
        amounts_grid.setVerticalSpacing(6)
        for row, key in enumerate(AMOUNT_FIELDS):
            edit = QLineEdit()
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMaxLength(20)
            edit.setPlaceholderText("0")
            edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("0,000,000,000") + 16)
            message = FieldMessage()
            self.amounts[key] = edit
            self.amount_messages[key] = message
            label = QLabel(labels[key])
            label.setBuddy(edit)
            unit = QLabel(self.tr("yuan"))
            for text_label in (label, unit):  # level with the field's text, message or not
                offset = max(0, (edit.sizeHint().height() - text_label.sizeHint().height()) // 2)
                text_label.setContentsMargins(0, offset, 0, 0)
            amounts_grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            amounts_grid.addWidget(field_with_message(edit, message), row, 1)
            amounts_grid.addWidget(unit, row, 2, Qt.AlignmentFlag.AlignTop)
            edit.textChanged.connect(self._amount_typed)
            edit.editingFinished.connect(lambda key=key: self._amount_left(key))
        self.labels = labels
        amounts_grid.setColumnStretch(1, 1)
        return amounts_grid

    def _build_results(self) -> QFrame:
        """Total, net and per-person income, computed as the amounts are typed."""
        results = QFrame()
        results.setObjectName("resultBox")
        results_grid = QGridLayout(results)
        results_grid.setContentsMargins(14, 10, 14, 10)
        results_grid.setVerticalSpacing(8)
        self.total_value = QLabel()
        self.net_value = QLabel()
        self.per_capita_value = QLabel()
        self.results_note = muted_label()
        for row, (text, value) in enumerate(
            (
                (self.tr("Total income"), self.total_value),
                (self.tr("Net income"), self.net_value),
                (self.tr("Net income per person"), self.per_capita_value),
            )
        ):
            value.setObjectName("resultValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            results_grid.addWidget(QLabel(text), row, 0)
            results_grid.addWidget(value, row, 1)
        results_grid.addWidget(self.results_note, 3, 0, 1, 2)
        results_grid.setColumnStretch(1, 1)
        results_grid.setRowStretch(4, 1)
        self.results_note.setText(
            self.tr("Net = total − business expenses; per person = net ÷ household size")
        )
        return results

    def _build_causes(self) -> QVBoxLayout:
        """Main hardship causes (check boxes) and needs."""
        self.causes: dict[str, QCheckBox] = {}
        causes_grid = QGridLayout()
        causes_grid.setHorizontalSpacing(14)
        causes_grid.setVerticalSpacing(4)
        for number, (code, name) in enumerate(code_lists().hardship_cause):
            box = QCheckBox(name)
            self.causes[code] = box
            causes_grid.addWidget(box, number // 4, number % 4)
            box.toggled.connect(self._choice_made)
        self.needs = QLineEdit()
        self.needs.setMaxLength(200)
        self.needs.setPlaceholderText(self.tr("e.g. cattle breeding loan, greenhouse technology"))

        causes_box = QVBoxLayout()
        causes_box.setSpacing(6)
        causes_box.addWidget(QLabel(self.tr("Main hardship causes")))
        causes_box.addLayout(causes_grid)
        needs_label = QLabel(self.tr("Needs"))
        needs_label.setBuddy(self.needs)
        causes_box.addSpacing(4)
        causes_box.addWidget(needs_label)
        causes_box.addWidget(self.needs)
        causes_box.addStretch(1)
        return causes_box

    def focus_chain(self) -> list[QWidget]:
        """The fields in the order Tab visits them."""
        return [
            self.year,
            self.household_size,
            self.surveyor,
            self.survey_date,
            *self.amounts.values(),
            *self.causes.values(),
            self.needs,
        ]

    def entry_field(self) -> QWidget:
        """Where a jump to the survey lands: the first income (the fields above it have defaults)."""
        return self.amounts[AMOUNT_FIELDS[0]]

    # -- loading --------------------------------------------------------------------------------------

    def set_surveys(self, surveys: tuple[SurveyRecord, ...] | list[SurveyRecord]) -> None:
        """The household's stored surveys; the panel shows the current year's (or a blank one)."""
        self.stored = {s.year: s for s in surveys}
        self.load_year(self.year.value())

    def load_year(self, year: int) -> None:
        self._loading = True
        try:
            if self.year.value() != year:
                self.year.setValue(year)
            record = self.stored.get(year)
            for key, edit in self.amounts.items():
                edit.setText(format_yuan(getattr(record, key)) if record else "")
                mark(edit, None)
                self.amount_messages[key].clear()
            codes = set(record.hardship_causes) if record else set()
            for code, box in self.causes.items():
                box.setChecked(code in codes)
            self.needs.setText(record.needs if record else "")
            self.surveyor.setText(record.surveyor if record else self.default_surveyor())
            date = record.survey_date if record and record.survey_date else None
            self.survey_date.setDate(
                QDate(date.year, date.month, date.day) if date else self.default_survey_date()
            )
            self._notes = record.notes if record else ""
            if record is not None and record.household_size != self.member_count:
                self.size_follows_members = False
                self._set_size(record.household_size)
            else:
                self.size_follows_members = True
                self._set_size(self.member_count)
        finally:
            self._loading = False
        self._loaded_state = self._content_state()
        self._show_year_note()
        self._recompute()

    # -- the last surveyor and date used on this laptop ----------------------------------------------

    @staticmethod
    def default_surveyor() -> str:
        return preferences.read(preferences.LAST_SURVEYOR).strip()

    @staticmethod
    def default_survey_date() -> QDate:
        """The last survey date saved here (a cadre enters the day's households in one go), else today."""
        date = QDate.fromString(preferences.read(preferences.LAST_SURVEY_DATE), "yyyy-MM-dd")
        today = QDate.currentDate()
        return date if date.isValid() and date <= today else today

    def remember_last_used(self) -> None:
        """After a save: the surveyor and date become the defaults of the next new survey."""
        surveyor = self.surveyor.text().strip()
        if self.is_blank() or not surveyor:
            return
        preferences.write(preferences.LAST_SURVEYOR, surveyor)
        preferences.write(preferences.LAST_SURVEY_DATE, self.survey_date.date().toString("yyyy-MM-dd"))

    def set_member_count(self, count: int) -> None:
        self.member_count = count
        if self.size_follows_members and self.household_size.value() != count:
            self._set_size(count)
            self._recompute()

    def _set_size(self, value: int) -> None:
        self.household_size.blockSignals(True)
        self.household_size.setValue(value)
        self.household_size.blockSignals(False)

    # -- state (drafts) -------------------------------------------------------------------------------

    def _content_state(self) -> dict[str, Any]:
        return {
            **{key: edit.text() for key, edit in self.amounts.items()},
            "household_size": self.household_size.value(),
            "size_follows_members": self.size_follows_members,
            "hardship_causes": [code for code, box in self.causes.items() if box.isChecked()],
            "needs": self.needs.text(),
            "surveyor": self.surveyor.text(),
            "survey_date": self.survey_date.date().toString("yyyy-MM-dd"),
            "notes": self._notes,
        }

    def state(self) -> dict[str, Any]:
        return {"year": self.year.value(), **self._content_state()}

    def restore(self, state: dict[str, Any]) -> None:
        self._loading = True
        try:
            year = int(state.get("year") or self.year.value())
            self.year.setValue(max(self.year.minimum(), min(year, self.year.maximum())))
            for key, edit in self.amounts.items():
                edit.setText(str(state.get(key) or ""))
            causes = set(state.get("hardship_causes") or ())
            for code, box in self.causes.items():
                box.setChecked(code in causes)
            self.needs.setText(str(state.get("needs") or ""))
            self.surveyor.setText(str(state.get("surveyor") or ""))
            date = QDate.fromString(str(state.get("survey_date") or ""), "yyyy-MM-dd")
            if date.isValid():
                self.survey_date.setDate(date)
            self._notes = str(state.get("notes") or "")
            self.size_follows_members = bool(state.get("size_follows_members", True))
            self._set_size(int(state.get("household_size") or 0))
        finally:
            self._loading = False
        for key in AMOUNT_FIELDS:
            self._check_amount(key)
        self._show_year_note()
        self._recompute()

    # -- reading --------------------------------------------------------------------------------------

    def is_blank(self) -> bool:
        """Nothing typed for a year with no stored survey: then no survey is saved."""
        return (
            self.year.value() not in self.stored
            and not any(edit.text().strip() for edit in self.amounts.values())
            and not any(box.isChecked() for box in self.causes.values())
            and not self.needs.text().strip()
            and self.surveyor.text().strip() in ("", self.default_surveyor())  # a default is not typing
        )

    def amount(self, key: str) -> int | None:
        """Whole yuan; 0 for a blank field; None when the text is not a valid amount."""
        result = parse_amount(self.amounts[key].text(), field=key)
        if not result.ok:
            return None
        return result.value or 0

    def income(self) -> Income | None:
        values = {key: self.amount(key) for key in AMOUNT_FIELDS}
        if any(v is None for v in values.values()):
            return None
        return Income(
            wage=values["income_wage"] or 0,
            business=values["income_business"] or 0,
            property_income=values["income_property"] or 0,
            transfer=values["income_transfer"] or 0,
            business_expense=values["expense_business"] or 0,
        )

    def local_errors(self) -> list[tuple[QWidget, str]]:
        """(field, reason) for every amount that cannot be read; each is marked on the way."""
        found: list[tuple[QWidget, str]] = []
        for key in AMOUNT_FIELDS:
            message = self._check_amount(key)
            if message:
                where = self.tr("{field}: ").format(field=self.labels[key])
                found.append((self.amounts[key], where + message))
        return found

    def to_input(self) -> SurveyInput | None:
        """The survey to save, or None when the panel is blank (call after ``local_errors`` is empty)."""
        if self.is_blank():
            return None
        date = self.survey_date.date()
        return SurveyInput(
            year=self.year.value(),
            income_wage=self.amount("income_wage") or 0,
            income_business=self.amount("income_business") or 0,
            income_property=self.amount("income_property") or 0,
            income_transfer=self.amount("income_transfer") or 0,
            expense_business=self.amount("expense_business") or 0,
            household_size=None if self.size_follows_members else self.household_size.value(),
            hardship_causes=tuple(code for code, box in self.causes.items() if box.isChecked()),
            needs=self.needs.text().strip(),
            notes=self._notes,
            surveyor=self.surveyor.text().strip(),
            survey_date=dt.date(date.year(), date.month(), date.day()),
        )

    def mark_field(self, key: str, message: str, severity: str = ERROR) -> QWidget | None:
        """Show a service issue on the field it names; the field, or None when it is not one of ours."""
        if key in self.amounts:
            mark(self.amounts[key], severity)
            self.amount_messages[key].show_message(message, severity)
            return self.amounts[key]
        widget = {
            "year": self.year,
            "household_size": self.household_size,
            "survey_date": self.survey_date,
        }.get(key)
        if widget is not None:
            mark(widget, severity)
        return widget

    # -- reacting -------------------------------------------------------------------------------------

    def _check_amount(self, key: str) -> str:
        edit = self.amounts[key]
        result = parse_amount(edit.text(), field=key)
        message = next((issue_message(i) for i in result.issues if i.is_error), "")
        mark(edit, ERROR if message else None)
        self.amount_messages[key].show_message(message)
        return message

    def _amount_typed(self) -> None:
        if self._loading:
            return
        for key, edit in self.amounts.items():  # a corrected amount loses its mark at once
            if self.amount_messages[key].isVisible() and self.amount(key) is not None:
                mark(edit, None)
                self.amount_messages[key].clear()
        self._recompute()
        self.changed.emit()

    def _amount_left(self, key: str) -> None:
        if self._check_amount(key) == "":
            value = self.amount(key)
            text = self.amounts[key].text()
            if text.strip() and value is not None and format_yuan(value) != text:
                self.amounts[key].setText(format_yuan(value))
        self.committed.emit()

    def _typed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _choice_made(self) -> None:
        if not self._loading:
            self.changed.emit()
            self.committed.emit()

    def _size_changed(self, value: int) -> None:
        if self._loading:
            return
        self.size_follows_members = value == self.member_count
        self._recompute()
        self.changed.emit()
        self.committed.emit()

    def _year_changed(self, year: int) -> None:
        if self._loading:
            return
        if self._content_state() == self._loaded_state:
            self.load_year(year)  # nothing typed yet: show what is stored for that year
        else:
            self._show_year_note()
        self.changed.emit()
        self.committed.emit()
        self.totals_changed.emit()

    def _show_year_note(self) -> None:
        year = self.year.value()
        if year in self.stored:
            self.year_note.setText(self.tr("Editing the stored survey of {year}").format(year=year))
        else:
            self.year_note.setText(self.tr("New survey for {year}").format(year=year))

    def _recompute(self) -> None:
        income = self.income()
        size = self.household_size.value()
        if income is None:
            for label in (self.total_value, self.net_value, self.per_capita_value):
                label.setText("—")
        else:
            yuan = self.tr("{amount} yuan")
            self.total_value.setText(yuan.format(amount=format_yuan(income.total)))
            self.net_value.setText(yuan.format(amount=format_yuan(income.net)))
            per_capita = income.per_capita(size)
            self.per_capita_value.setText(
                "—" if per_capita is None else yuan.format(amount=format_yuan(per_capita))
            )
        self.totals_changed.emit()
