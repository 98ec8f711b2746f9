"""新建指标 / 编辑指标: the city's indicator in one keyboard-first form.

Every field of the plan (code, name, county or all counties, year, target and unit, the scoring method
with its parameters and standard, the bound figure or entry by hand, responsible person, deadline, lead
unit, the evidence required) and a table of the twelve months for the milestones (时间节点): a row
with neither a planned value nor a description is no milestone. The city's own reference files are
added with the save. The service validates (services/indicators.py); each refused field is named under
the form, its label turns red and the first one takes the focus. Tab walks the form in reading order,
Enter saves, Esc cancels.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.errors import ValidationError
from huimin_desktop.services.bound_figures import FIGURES
from huimin_desktop.services.indicators import IndicatorInput, Milestone
from huimin_desktop.services.scoring import Method
from ui.errors import expected_error_message, issue_message
from ui.operations import Operation

if TYPE_CHECKING:
    from huimin_desktop.domain.issues import Issue
    from huimin_desktop.progress import TaskState
    from huimin_desktop.services.project_records import IndicatorRecord
    from huimin_desktop.services.station import Station

ALL_COUNTIES = "*"
_ERROR_STYLE = "color: #b3261e; font-weight: bold;"


class IndicatorEditDialog(QDialog):
    """``record`` None: a new indicator (for one county or all of them) in ``year``."""

    def __init__(
        self,
        station: Station,
        record: IndicatorRecord | None = None,
        year: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.station, self.record = station, record
        self.saved_ids: list[str] = []
        self._picked: list[str] = []  # reference files chosen in this dialog, added with the save
        self.setWindowTitle(self.tr("Edit indicator") if record else self.tr("New indicator"))
        self.setObjectName("indicatorEditDialog")
        self._make_fields(year or dt.date.today().year)
        self.labels: dict[str, QLabel] = {}
        self.error = QLabel()
        self.error.setObjectName("inlineError")
        self.error.setWordWrap(True)
        self._build()
        if record is not None:
            self._fill(record)
        self._method_changed()
        self.name.setFocus()

    # -- building -----------------------------------------------------------------------------------

    def _make_fields(self, year: int) -> None:
        self.code, self.name, self.target, self.unit = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.target_value, self.standard = QLineEdit(), QLineEdit()
        self.responsible, self.lead_unit = QLineEdit(), QLineEdit()
        self.county = QComboBox()
        if self.record is None:
            self.county.addItem(self.tr("All counties (one indicator each)"), ALL_COUNTIES)
        for county_id, name in self.station.indicators.counties():
            self.county.addItem(name, county_id)
        self.year = QSpinBox()
        self.year.setRange(2000, dt.date.today().year + 1)
        self.year.setValue(year)
        self.max_score = _amount(1000)
        self.method = QComboBox()
        for method, label in self._method_labels().items():
            self.method.addItem(label, str(method))
        self.method.currentIndexChanged.connect(lambda _i: self._method_changed())
        self.deduction, self.step = _amount(1000), _amount(1e9)
        self.grace_days = QSpinBox()
        self.grace_days.setRange(0, 31)
        self.figure = QComboBox()
        self.figure.addItem(self.tr("Entered by hand, with evidence"), "")
        for key, figure in FIGURES.items():
            self.figure.addItem(self._figure_label(key, figure.label), key)
        self.has_deadline = QCheckBox(self.tr("Set"))
        self.deadline = QDateEdit(QDate(year, 12, 31))
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setCalendarPopup(True)
        self.deadline.setEnabled(False)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.evidence = QPlainTextEdit()
        self.evidence.setTabChangesFocus(True)
        self.evidence.setFixedHeight(54)
        self.milestones = _milestone_table()
        self.files = QListWidget()
        self.files.setFixedHeight(54)
        self.add_files = QPushButton(self.tr("Add reference &files…"))
        self.add_files.clicked.connect(self._pick_files)

    def _method_labels(self) -> dict[Method, str]:
        return {
            Method.PROPORTIONAL: self.tr("In proportion to completion"),
            Method.ALL_OR_NOTHING: self.tr("Full score if reached by the deadline, else none"),
            Method.MILESTONE_DEDUCTION: self.tr("Deduction for each milestone missed"),
            Method.SHORTFALL_DEDUCTION: self.tr("Deduction for each step short of the target"),
        }

    def _figure_label(self, key: str, chinese: str) -> str:
        english = {
            "households_covered": self.tr("Households covered"),
            "surveys_done": self.tr("Surveys done"),
            "projects_accepted": self.tr("Projects accepted"),
            "people_trained": self.tr("People trained"),
            "income_increase": self.tr("Average income increase"),
            "funds_spent": self.tr("Funds spent"),
        }
        return english.get(key, chinese)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        self._row(left, "code", self.tr("&Code"), self.code)
        self._row(left, "name", self.tr("&Name"), self.name)
        self._row(left, "division_id", self.tr("C&ounty"), self.county)
        self._row(left, "year", self.tr("&Year"), self.year)
        self._row(left, "target", self.tr("&Target"), self.target)
        value = QHBoxLayout()
        value.addWidget(self.target_value, 2)
        unit_label = QLabel(self.tr("&Unit"))
        unit_label.setBuddy(self.unit)
        value.addWidget(unit_label)
        value.addWidget(self.unit, 1)
        self._row(left, "target_value", self.tr("Target &value"), value, self.target_value)
        self._row(left, "figure", self.tr("&Progress from"), self.figure)
        self._row(left, "responsible_person", self.tr("&Responsible"), self.responsible)
        self._row(left, "lead_unit", self.tr("&Lead unit"), self.lead_unit)
        deadline = QHBoxLayout()
        deadline.addWidget(self.has_deadline)
        deadline.addWidget(self.deadline, 1)
        self._row(left, "deadline", self.tr("Deadline"), deadline, self.has_deadline)
        self._row(right, "max_score", self.tr("&Score"), self.max_score)
        self._row(right, "scoring_method", self.tr("Scoring &method"), self.method)
        self._row(right, "deduction", self.tr("&Deduction"), self.deduction)
        self._row(right, "deduction_step", self.tr("Step si&ze"), self.step)
        self._row(right, "grace_days", self.tr("&Grace days"), self.grace_days)
        self._row(right, "scoring_rule", self.tr("St&andard"), self.standard)
        self._row(right, "evidence", self.tr("&Evidence required"), self.evidence)
        files = QGridLayout()
        files.addWidget(self.files, 0, 0)
        files.addWidget(self.add_files, 0, 1)
        self._row(right, "files", self.tr("Reference files"), files, self.files)
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        milestones_label = QLabel(self.tr("M&ilestones (one row a month; leave a month empty for none)"))
        milestones_label.setBuddy(self.milestones)
        self.labels["milestones"] = milestones_label
        layout.addWidget(milestones_label)
        layout.addWidget(self.milestones, 1)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(980, 700)

    def _row(
        self,
        form: QFormLayout,
        key: str,
        text: str,
        field: QWidget | QHBoxLayout | QGridLayout,
        buddy: QWidget | None = None,
    ) -> None:
        label = QLabel(text)
        label.setBuddy(buddy if buddy is not None else field)  # type: ignore[arg-type]
        self.labels[key] = label
        form.addRow(label, field)

    def _method_changed(self) -> None:
        method = self.method.currentData()
        self.deduction.setEnabled(method in (Method.MILESTONE_DEDUCTION, Method.SHORTFALL_DEDUCTION))
        self.step.setEnabled(method == Method.SHORTFALL_DEDUCTION)

    # -- the record in and out ---------------------------------------------------------------------

    def _fill(self, record: IndicatorRecord) -> None:
        self.code.setText(record.code)
        self.name.setText(record.name)
        self.county.setCurrentIndex(max(0, self.county.findData(record.division_id)))
        self.county.setEnabled(False)  # an indicator stays with its county: delete and add instead
        self.year.setValue(record.year)
        self.target.setText(record.target)
        self.target_value.setText("" if record.target_value is None else f"{record.target_value:g}")
        self.unit.setText(record.unit)
        self.max_score.setValue(record.max_score)
        self.method.setCurrentIndex(max(0, self.method.findData(record.scoring_method)))
        self.deduction.setValue(record.deduction)
        self.step.setValue(record.deduction_step)
        self.grace_days.setValue(record.grace_days)
        self.standard.setText(record.scoring_rule)
        self.figure.setCurrentIndex(max(0, self.figure.findData(record.figure)))
        self.responsible.setText(record.responsible_person)
        self.lead_unit.setText(record.lead_unit)
        if record.deadline is not None:
            self.has_deadline.setChecked(True)
            self.deadline.setDate(QDate(record.deadline.year, record.deadline.month, record.deadline.day))
        self.evidence.setPlainText(record.evidence)
        for milestone in record.milestones:
            planned = "" if milestone.planned_value is None else f"{milestone.planned_value:g}"
            self.milestones.setItem(milestone.month - 1, 0, QTableWidgetItem(planned))
            self.milestones.setItem(milestone.month - 1, 1, QTableWidgetItem(milestone.description))
        for attachment in self.station.attachments.for_record("indicator", record.id):
            self.files.addItem(attachment.filename)

    def plan(self) -> IndicatorInput | None:
        """The form as the service's input; None (the reasons shown) when a number does not read."""
        wrong: dict[str, str] = {}
        target_value = _number(self.target_value.text(), "target_value", wrong)
        milestones = self._milestones(wrong)
        if wrong:
            self._show_wrong(wrong)
            return None
        picked = self.deadline.date()
        county = self.county.currentData()
        return IndicatorInput(
            division_id="" if county in (None, ALL_COUNTIES) else str(county),
            year=self.year.value(),
            name=self.name.text(),
            code=self.code.text(),
            target=self.target.text(),
            target_value=target_value,
            unit=self.unit.text(),
            scoring_rule=self.standard.text(),
            max_score=self.max_score.value(),
            scoring_method=str(self.method.currentData()),
            deduction=self.deduction.value() if self.deduction.isEnabled() else 0.0,
            deduction_step=self.step.value() if self.step.isEnabled() else 0.0,
            grace_days=self.grace_days.value(),
            figure=str(self.figure.currentData() or ""),
            responsible_person=self.responsible.text(),
            lead_unit=self.lead_unit.text(),
            deadline=dt.date(picked.year(), picked.month(), picked.day())
            if self.has_deadline.isChecked()
            else None,
            evidence=self.evidence.toPlainText(),
            milestones=milestones,
        )

    def _milestones(self, wrong: dict[str, str]) -> tuple[Milestone, ...]:
        found: list[Milestone] = []
        for row in range(12):
            planned_text = _cell(self.milestones, row, 0)
            description = _cell(self.milestones, row, 1)
            if not planned_text and not description:
                continue
            planned = _number(planned_text, "milestones", wrong, month=row + 1)
            found.append((row + 1, planned, description))
        return tuple(found)

    def new_files(self) -> list[Path]:
        return [Path(path) for path in self._picked]

    # -- saving ------------------------------------------------------------------------------------

    def _pick_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Reference files"))
        self.pick_files(paths)

    def pick_files(self, paths: list[str]) -> None:
        """Files to add to the indicator with its save (the button's file dialog gives them)."""
        self._picked = [*self._picked, *paths]
        for path in paths:
            item = QListWidgetItem(Path(path).name)  # as the indicator's files are listed; where, on hover
            item.setToolTip(path)
            self.files.addItem(item)

    def _save(self) -> None:
        self._clear_wrong()
        plan = self.plan()
        if plan is None:
            return
        station, record, files = self.station, self.record, self.new_files()
        every = self.county.currentData() == ALL_COUNTIES

        def work(task: TaskState) -> list[str]:
            if record is not None:
                ids = [station.indicators.update(record.id, plan, user=station.db.actor.username).id]
            elif every:
                ids = station.indicators.create_for_counties(plan, user=station.db.actor.username)
            else:
                ids = [station.indicators.create(plan, user=station.db.actor.username).id]
            for indicator_id in ids if files else []:
                station.indicators.add_reference_files(
                    indicator_id, files, user=station.db.actor.username, task=task
                )
            return ids

        Operation(self, work, label=self.tr("Saving the indicator…")).success(self._saved).failure(
            self._failed
        ).run_in_background()

    def _saved(self, ids: list[str]) -> None:
        self.saved_ids = ids
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self._show_issues(error.issues)
        else:
            self.error.setText(expected_error_message(error) or str(error))

    def _show_issues(self, issues: list[Issue]) -> None:
        wrong: dict[str, str] = {}
        for issue in issues:
            key = (issue.field or "").split("[")[0]
            wrong[key] = (wrong[key] + self.tr("; ") if key in wrong else "") + issue_message(issue)
        self._show_wrong(wrong)

    def _show_wrong(self, wrong: dict[str, str]) -> None:
        lines = []
        first: QWidget | None = None
        for key, message in wrong.items():
            label = self.labels.get(key)
            if label is not None:
                label.setStyleSheet(_ERROR_STYLE)
                label.setToolTip(message)
                first = first or label.buddy()
                line = self.tr("{field}: {problem}").format(field=_plain(label.text()), problem=message)
                lines.append(line)
            else:
                lines.append(message)
        self.error.setText("\n".join(lines))
        if first is not None:
            first.setFocus()

    def _clear_wrong(self) -> None:
        self.error.clear()
        for label in self.labels.values():
            label.setStyleSheet("")
            label.setToolTip("")


def _plain(label: str) -> str:
    """A label without its mnemonic: 指标名称(&N) → 指标名称, &Name → Name."""
    return re.sub(r"\(&.\)", "", label).replace("&", "")


def _amount(highest: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, highest)
    box.setDecimals(2)
    return box


def _milestone_table() -> QTableWidget:
    table = QTableWidget(12, 2)
    table.setObjectName("milestoneTable")
    translate = QCoreApplication.translate  # literal texts in the dialog's context, so lupdate finds them
    table.setHorizontalHeaderLabels(
        [translate("IndicatorEditDialog", "Planned value"), translate("IndicatorEditDialog", "Description")]
    )
    month = translate("IndicatorEditDialog", "Month %1")
    table.setVerticalHeaderLabels([month.replace("%1", str(m)) for m in range(1, 13)])
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.setColumnWidth(0, 140)
    table.setTabKeyNavigation(True)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    for row in range(12):
        table.setRowHeight(row, 24)
    return table


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


def _number(text: str, key: str, wrong: dict[str, str], month: int = 0) -> float | None:
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        translate = QCoreApplication.translate
        where = translate("IndicatorEditDialog", "Month %1: ").replace("%1", str(month)) if month else ""
        wrong[key] = where + translate("IndicatorEditDialog", "“%1” is not a number").replace("%1", text)
        return None
