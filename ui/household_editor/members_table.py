"""The members roster: one editable row per person, code-list combo boxes, checks as each cell is left.

Rows live in ``MembersModel`` as plain text and codes (what the cadre typed, tidied), so a half-typed
roster can be kept in a draft and put back exactly. Typing a valid ID number fills sex and birth date
and locks those two cells (the ID number is the authority, as in the core). Each committed cell is
checked at once; an error paints the cell red, a warning amber, and the reason shows as its tooltip and
on the message line under the table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.domain.codelists import CodeList, code_lists
from huimin_desktop.domain.contact import check_phone
from huimin_desktop.domain.household_checks import MemberFacts
from huimin_desktop.domain.idnumber import EARLIEST_BIRTH, check_id_number, normalize_id_text
from huimin_desktop.domain.issues import Issue, Severity
from huimin_desktop.domain.masking import FULL, PERSONAL_FIELDS, Masking
from huimin_desktop.domain.text import compact, squeeze_spaces, to_halfwidth
from huimin_desktop.services.households import MemberInput
from huimin_desktop.services.records import MemberRecord
from ui.errors import issue_message
from ui.widgets.fields import (
    DERIVED_FOREGROUND,
    ERROR,
    ERROR_BACKGROUND,
    WARNING,
    WARNING_BACKGROUND,
    FieldMessage,
)
from ui.widgets.labels import muted_label

COLUMNS: tuple[str, ...] = (
    "name",
    "id_number",
    "sex",
    "birth_date",
    "relationship",
    "ethnicity",
    "education",
    "health",
    "labour",
    "school_status",
    "work_away_months",
    "phone",
)
CODE_COLUMNS = frozenset(
    {"sex", "relationship", "ethnicity", "education", "health", "labour", "school_status"}
)
DERIVED_COLUMNS = frozenset({"sex", "birth_date"})
HEAD = "02"
# Column widths: sample text of the usual width for number-like columns; code columns fit their list's
# names (up to a cap, longer ones are elided with the full name in the tooltip); names fit about five
# characters (a CJK character is about one em wide).
_DIGIT_SAMPLES = {
    "id_number": "211381198203150031X",
    "birth_date": "1982-03-15",
    "work_away_months": "12",
    "phone": "13912345678",
}
NAME_EMS = 4
CODE_COLUMN_MAX_EMS = 5
# 1982-03-15, 1982.3.15, 1982/3/15, 19820315 and 1982年3月15日 (the \u escapes are 年, 月 and 日).
_DATE = re.compile(r"(\d{4})[-./\u5e74]?(\d{1,2})[-./\u6708]?(\d{1,2})\u65e5?")


def parse_date(text: str) -> dt.date | None:
    """1982-03-15, 19820315, 1982.3.15, 1982/3/15 or 1982年3月15日; None when it is no real date."""
    match = _DATE.fullmatch(compact(text))
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


@dataclass
class MemberRow:
    """One person as typed: ``values`` holds text for text columns and codes for code columns."""

    values: dict[str, str] = field(default_factory=lambda: dict.fromkeys(COLUMNS, ""))
    id: str | None = None  # the stored member, when editing one
    derived: bool = False  # sex and birth date come from a valid ID number
    issues: dict[str, Issue] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)  # preset values that do not count as typing

    def is_blank(self) -> bool:
        return all(value == self.defaults.get(key, "") for key, value in self.values.items())

    def state(self) -> dict[str, Any]:
        return {"id": self.id, "derived": self.derived, "defaults": dict(self.defaults), **self.values}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> MemberRow:
        values = {key: str(state.get(key) or "") for key in COLUMNS}
        defaults = state.get("defaults")
        return cls(
            values=values,
            id=state.get("id") or None,
            derived=bool(state.get("derived")),
            defaults={str(k): str(v) for k, v in defaults.items()} if isinstance(defaults, dict) else {},
        )

    @classmethod
    def from_record(cls, record: MemberRecord) -> MemberRow:
        values = {
            "name": record.name,
            "id_number": record.id_number,
            "sex": record.sex,
            "birth_date": record.birth_date.isoformat() if record.birth_date else "",
            "relationship": record.relationship,
            "ethnicity": record.ethnicity,
            "education": record.education,
            "health": record.health,
            "labour": record.labour,
            "school_status": record.school_status,
            "work_away_months": "" if record.work_away_months is None else str(record.work_away_months),
            "phone": record.phone,
        }
        return cls(values=values, id=record.id)

    def birth_date(self) -> dt.date | None:
        return parse_date(self.values["birth_date"]) if self.values["birth_date"] else None

    def work_away_months(self) -> int | None:
        text = self.values["work_away_months"]
        return int(text) if text.isdigit() else None

    def to_input(self) -> MemberInput:
        """The row for the service (call only when the row has no cell errors)."""
        v = self.values
        return MemberInput(
            name=v["name"],
            id_number=v["id_number"],
            relationship=v["relationship"],
            ethnicity=v["ethnicity"],
            sex=v["sex"],
            birth_date=self.birth_date(),
            education=v["education"],
            health=v["health"],
            labour=v["labour"],
            school_status=v["school_status"],
            work_away_months=self.work_away_months(),
            phone=v["phone"],
            id=self.id,
        )

    def facts(self) -> MemberFacts:
        v = self.values
        return MemberFacts(
            name=v["name"],
            relationship=v["relationship"],
            sex=v["sex"],
            birth_date=self.birth_date(),
            education=v["education"] or None,
            school_status=v["school_status"] or None,
            work_away_months=self.work_away_months(),
            labour=v["labour"] or None,
        )


def code_list_for(column: str) -> CodeList:
    return getattr(code_lists(), column)


class MembersModel(QAbstractTableModel):
    """The roster rows. ``cell_committed(row, column key)`` fires after the user changes a cell."""

    cell_committed = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MemberRow] = []
        self.masking: Masking = FULL
        self._stored: dict[str, dict[str, str]] = {}  # member id → its stored ID number, birth date, phone

    def set_masking(self, masking: Masking, members: Iterable[MemberRecord] = ()) -> None:
        """Show the stored ID numbers, birth dates and phones of ``members`` as ``masking`` allows
        (Station.masking; a birth date keeps its year, domain/masking.py).

        A masked cell stays masked while its value is the stored one: committing the masked text back
        keeps the stored value; typing a whole new number replaces it (and shows it, as typed)."""
        self.masking = masking
        self._stored = {
            m.id: {
                "id_number": m.id_number,
                "phone": m.phone,
                "birth_date": m.birth_date.isoformat() if m.birth_date else "",
            }
            for m in members
        }
        self._all_changed()

    def _masked(self, row: MemberRow, key: str) -> str | None:
        if self.masking.full or key not in PERSONAL_FIELDS or row.id is None:
            return None
        if key == "birth_date" and row.derived and self._masked(row, "id_number") is not None:
            return self.masking.birth_date(row.values[key])  # read from the stored, masked ID number
        stored = self._stored.get(row.id, {}).get(key)
        if not stored or row.values[key] != stored:
            return None
        return str(self.masking.field(key, stored))

    # -- headers and cells ------------------------------------------------------------------------

    def headers(self) -> dict[str, str]:
        return {
            "name": self.tr("Name"),
            "id_number": self.tr("ID number"),
            "sex": self.tr("Sex"),
            "birth_date": self.tr("Birth date"),
            "relationship": self.tr("Relationship"),
            "ethnicity": self.tr("Ethnicity"),
            "education": self.tr("Education"),
            "health": self.tr("Health"),
            "labour": self.tr("Labour"),
            "school_status": self.tr("School"),
            "work_away_months": self.tr("Months away"),
            "phone": self.tr("Phone"),
        }

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.headers()[COLUMNS[section]]
            return str(section + 1)
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            key = COLUMNS[section]
            if key in DERIVED_COLUMNS:
                return self.tr("Filled in from a valid ID number")
            if key == "work_away_months":
                return self.tr("Months worked away from home this year (0–12)")
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()]
        value = row.values[key]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, key, role)
        issue = row.issues.get(key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if issue is not None:
                return issue_message(issue)
            if key in DERIVED_COLUMNS and row.derived:
                return self.tr("Filled in from the ID number")
            if key in CODE_COLUMNS and value:
                return code_list_for(key).name(value) or None
            return None
        if role == Qt.ItemDataRole.BackgroundRole and issue is not None:
            return QColor(ERROR_BACKGROUND if issue.is_error else WARNING_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and key in DERIVED_COLUMNS and row.derived:
            return QColor(DERIVED_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("work_away_months", "sex"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: MemberRow, key: str, role: int) -> str:
        """What a cell shows or puts in its editor: a code's name, or a stored number masked."""
        masked = self._masked(row, key)
        if masked is not None:
            return masked
        value = row.values[key]
        if role == Qt.ItemDataRole.DisplayRole and key in CODE_COLUMNS:
            return code_list_for(key).name(value) or value
        return value

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = COLUMNS[index.column()]
        if not (key in DERIVED_COLUMNS and self.rows[index.row()].derived):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row = self.rows[index.row()]
        key = COLUMNS[index.column()]
        masked = self._masked(row, key)
        if masked is not None and str(value).strip() == masked:  # the masked text back: unchanged
            return False
        text = _tidy(key, "" if value is None else str(value))
        if text == row.values[key] and key not in row.issues:
            return False
        row.values[key] = text
        self.check_cell(index.row(), key)
        self._row_changed(index.row())
        self.cell_committed.emit(index.row(), key)
        return True

    # -- checks -------------------------------------------------------------------------------------

    def check_cell(self, position: int, key: str) -> None:
        """Check one cell as the user left it; the ID number also fills (or releases) sex and birth."""
        row = self.rows[position]
        row.issues.pop(key, None)
        value = row.values[key]
        if key == "id_number":
            self._check_id_number(row)
        elif key == "birth_date" and value and not row.derived:
            birth = parse_date(value)
            if birth is None:
                row.issues[key] = _local("member.birth_date", self.tr("Not a date; write it like 1982-03-15"))
            elif birth > dt.date.today() or birth < EARLIEST_BIRTH:
                row.issues[key] = _local(
                    "member.birth_date", self.tr("The birth date must lie between 1900 and today")
                )
            else:
                row.values[key] = birth.isoformat()
        elif key == "work_away_months" and value:
            if not value.isdigit() or not 0 <= int(value) <= 12:
                row.issues[key] = _local(
                    "member.work_away_months", self.tr("must be a whole number from 0 to 12")
                )
            else:
                row.values[key] = str(int(value))
        elif key == "phone" and value:
            result = check_phone(value)
            if result.issues:
                row.issues[key] = result.issues[0]
        elif key in CODE_COLUMNS and value and value not in code_list_for(key):
            code = code_list_for(key).code_for(value)
            if code is None:
                row.issues[key] = _local(
                    "member.code_unknown", self.tr("“{text}” is not in the list").format(text=value)
                )
            else:
                row.values[key] = code

    def _check_id_number(self, row: MemberRow) -> None:
        text = row.values["id_number"]
        result = check_id_number(text) if text else None
        if result is None or not result.ok:
            if row.derived:  # the values came from the old number: they go with it
                row.values["sex"] = ""
                row.values["birth_date"] = ""
                row.derived = False
            if result is not None:
                row.issues["id_number"] = next(i for i in result.issues if i.is_error)
            return
        assert result.normalized is not None and result.birth_date is not None
        row.values["id_number"] = result.normalized
        row.values["sex"] = result.sex or ""
        row.values["birth_date"] = result.birth_date.isoformat()
        row.derived = True
        row.issues.pop("sex", None)
        row.issues.pop("birth_date", None)
        if result.issues:
            row.issues["id_number"] = result.issues[0]

    def check_all(self) -> None:
        for position, row in enumerate(self.rows):
            for key in COLUMNS:
                if row.values[key] or key in row.issues:
                    self.check_cell(position, key)
        if self.rows:
            self._all_changed()

    def set_issue(self, position: int, key: str, issue: Issue | None) -> None:
        """Put an issue the service found (duplicate ID, missing name …) on a cell."""
        row = self.rows[position]
        if issue is None:
            row.issues.pop(key, None)
        else:
            row.issues[key] = issue
        self._row_changed(position)

    def cell_errors(self) -> list[tuple[int, str, Issue]]:
        """(row, column key, issue) for every cell error, in reading order (blank rows skipped)."""
        found = []
        for position, row in enumerate(self.rows):
            if row.is_blank():
                continue
            for key in COLUMNS:
                issue = row.issues.get(key)
                if issue is not None and issue.is_error:
                    found.append((position, key, issue))
        return found

    # -- rows ---------------------------------------------------------------------------------------

    def set_rows(self, rows: list[MemberRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        for position, row in enumerate(rows):
            for key in ("id_number", "birth_date", "work_away_months", "phone", *CODE_COLUMNS):
                if row.values[key]:
                    derived = row.derived
                    self.check_cell(position, key)
                    if key in DERIVED_COLUMNS and derived:
                        row.issues.pop(key, None)
        self._all_changed()

    def new_row(self) -> MemberRow:
        row = MemberRow()
        if not any(r.values["relationship"] == HEAD for r in self.rows):
            row.values["relationship"] = HEAD  # the first person written down is nearly always the head
            row.defaults["relationship"] = HEAD
        return row

    def insert_member(self, position: int, row: MemberRow | None = None) -> int:
        position = max(0, min(position, len(self.rows)))
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.insert(position, row if row is not None else self.new_row())
        self.endInsertRows()
        return position

    def remove_member(self, position: int) -> None:
        if 0 <= position < len(self.rows):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self.rows[position]
            self.endRemoveRows()

    def move_member(self, position: int, delta: int) -> int:
        target = position + delta
        if not (0 <= position < len(self.rows) and 0 <= target < len(self.rows)) or delta == 0:
            return position
        # beginMoveRows counts the destination before the move: one further when moving down.
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), position, position, QModelIndex(), destination)
        self.rows.insert(target, self.rows.pop(position))
        self.endMoveRows()
        return target

    def filled_rows(self) -> list[tuple[int, MemberRow]]:
        """(model row, row) for every row with something typed in it; the service gets only these."""
        return [(position, row) for position, row in enumerate(self.rows) if not row.is_blank()]

    def state(self) -> list[dict[str, Any]]:
        return [row.state() for row in self.rows]

    def _row_changed(self, position: int) -> None:
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(COLUMNS) - 1))

    def _all_changed(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))


def _local(code: str, message: str) -> Issue:
    return Issue(code, message, Severity.ERROR)


def _tidy(key: str, text: str) -> str:
    if key == "id_number":
        return normalize_id_text(text)
    if key in ("work_away_months", "birth_date"):
        return compact(text)
    if key == "phone":
        return to_halfwidth(text).strip()
    return squeeze_spaces(text)


class CodeDelegate(QStyledItemDelegate):
    """An editable combo box over one code list: pick with the mouse, or type a name, part of it or a code.

    "02", "蒙古", "蒙族" and "蒙古族" all choose 蒙古族 (``CodeList.code_for``); the completer pops up the
    names containing what is typed.
    """

    def __init__(self, column: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codes = code_list_for(column)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMaxVisibleItems(16)
        combo.addItem("", "")
        for code, name in self.codes:
            combo.addItem(name, code)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        code = str(index.data(Qt.ItemDataRole.EditRole) or "")
        found = editor.findData(code)
        if found >= 0:
            editor.setCurrentIndex(found)
        else:
            editor.setEditText(code)
        line_edit = editor.lineEdit()
        if line_edit is not None:
            line_edit.selectAll()  # typing replaces the old choice

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        text = editor.currentText().strip()
        found = editor.findText(text, Qt.MatchFlag.MatchFixedString)
        code = editor.itemData(found) if found >= 0 else (self.codes.code_for(text) or text)
        model.setData(index, code, Qt.ItemDataRole.EditRole)


class TextDelegate(QStyledItemDelegate):
    """A line edit that starts with the old text selected, so typing replaces it (spreadsheet habit)."""

    def __init__(self, max_length: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_length = max_length

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(self.max_length)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


_MAX_LENGTH = {"name": 40, "id_number": 22, "birth_date": 12, "work_away_months": 3, "phone": 24}


class MembersView(QTableView):
    """Keyboard-first table: type to edit, Enter commits and moves to the next cell, Tab leaves at the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(False)
        for column, key in enumerate(COLUMNS):
            if key in CODE_COLUMNS:
                self.setItemDelegateForColumn(column, CodeDelegate(key, self))
            else:
                self.setItemDelegateForColumn(column, TextDelegate(_MAX_LENGTH[key], self))

    def size_columns(self) -> None:
        """Columns as wide as their usual content; extra room goes first to elided code names."""
        metrics = self.fontMetrics()
        em = metrics.height()
        model = self.model()
        titles = model.headers() if isinstance(model, MembersModel) else {}
        self._base_widths: list[int] = []
        self._full_widths: list[int] = []  # what a column needs to show its longest entry whole
        for key in COLUMNS:
            if key in CODE_COLUMNS:
                full = max(metrics.horizontalAdvance(name) for name in code_list_for(key).names())
                text_width = min(full, CODE_COLUMN_MAX_EMS * em)
            elif key in _DIGIT_SAMPLES:
                full = text_width = metrics.horizontalAdvance(_DIGIT_SAMPLES[key])
            else:
                full = text_width = NAME_EMS * em
            title = metrics.horizontalAdvance(titles.get(key, ""))
            self._base_widths.append(max(text_width, title) + 16)
            self._full_widths.append(max(full, title) + 16)
        self.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        self._spread_columns()

    def _spread_columns(self) -> None:
        if not getattr(self, "_base_widths", None):
            return
        widths = list(self._base_widths)
        spare = self.viewport().width() - sum(widths)
        for column, full in enumerate(self._full_widths):  # first: show long code names whole
            grow = min(max(0, spare), full - widths[column])
            widths[column] += grow
            spare -= grow
        if spare > 0:  # then: share what is left evenly
            share, rest = divmod(spare, len(widths))
            widths = [w + share for w in widths]
            widths[-1] += rest
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._spread_columns()

    # Keyboard: Enter moves to the next cell a cadre types in (the cells a valid ID number filled are
    # skipped); Tab does the same within the filled rows and leaves the table after the last of them
    # (or from a blank row), so reaching the survey never means walking the empty cells below.

    def _typed_cell(self, row: int, column: int) -> bool:
        index = self.model().index(row, column)
        return bool(self.model().flags(index) & Qt.ItemFlag.ItemIsEditable)

    def _row_is_blank(self, row: int) -> bool:
        model = self.model()
        return isinstance(model, MembersModel) and model.rows[row].is_blank()

    def _step(self, row: int, column: int, forward: bool) -> tuple[int, int] | None:
        """The next (or previous) typed-in cell in reading order, or None past either end."""
        model = self.model()
        step = 1 if forward else -1
        columns = model.columnCount()
        position = row * columns + column + step
        while 0 <= position < model.rowCount() * columns:
            if self._typed_cell(*divmod(position, columns)):
                return divmod(position, columns)
            position += step
        return None

    def next_cell(self) -> None:
        """Enter: the next cell to type in, along the row and on to the next row's first."""
        index = self.currentIndex()
        if not index.isValid():
            self.setCurrentIndex(self.model().index(0, 0))
            return
        target = self._step(index.row(), index.column(), forward=True)
        if target is not None:
            self.setCurrentIndex(self.model().index(*target))

    def tab_target(self, forward: bool) -> QModelIndex | None:
        """Where Tab (Shift+Tab) goes from the current cell, or None when it leaves the table."""
        index = self.currentIndex()
        if not index.isValid():
            return None
        if forward and self._row_is_blank(index.row()):
            return None  # nothing typed in this row: Tab moves on to the next part of the form
        target = self._step(index.row(), index.column(), forward)
        if target is None or (target[0] != index.row() and self._row_is_blank(target[0])):
            return None
        return self.model().index(*target)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        if self.currentIndex().isValid() and cursorAction in (
            QAbstractItemView.CursorAction.MoveNext,
            QAbstractItemView.CursorAction.MovePrevious,
        ):
            target = self.tab_target(cursorAction == QAbstractItemView.CursorAction.MoveNext)
            return target if target is not None else QModelIndex()
        return super().moveCursor(cursorAction, modifiers)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter: commit, then move on
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.next_cell()
            return
        tabbing = {
            QAbstractItemDelegate.EndEditHint.EditNextItem: True,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem: False,
        }
        if hint in tabbing and self.tab_target(tabbing[hint]) is None:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._leave(forward=tabbing[hint])
            return
        super().closeEditor(editor, hint)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab walks the typed-in cells of the filled rows; past them it leaves the table, never wraps.
        if self.tab_target(next) is None:
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def _leave(self, forward: bool) -> None:
        QWidget.focusNextPrevChild(self, forward)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next_cell()
            return
        if not editing and event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.model().setData(self.currentIndex(), "", Qt.ItemDataRole.EditRole)
            return
        super().keyPressEvent(event)

    def commit_open_editor(self) -> None:
        """Commit the cell being edited (before saving, or before a draft is written)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        from PySide6.QtWidgets import QApplication

        widget = QApplication.focusWidget()
        while widget is not None and widget.parentWidget() is not self.viewport():
            widget = widget.parentWidget()
        if widget is not None:
            self.commitData(widget)
            self.closeEditor(widget, QAbstractItemDelegate.EndEditHint.NoHint)


class MembersPanel(QWidget):
    """The roster with its buttons (add, remove, move up/down) and the message line for the current cell."""

    changed = Signal()  # rows added, removed, moved or a cell changed
    committed = Signal()  # a cell was committed or rows changed (worth writing a draft at once)

    VISIBLE_ROWS_MIN = 4
    VISIBLE_ROWS_MAX = 9

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MembersModel(self)
        self.view = MembersView()
        self.view.setModel(self.model)
        self.view.size_columns()
        self.message = FieldMessage()

        self.add_button = QPushButton(self.tr("Add member"))
        self.remove_button = QPushButton(self.tr("Remove member"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.add_button.setToolTip(self.tr("Add a member at the end (Ctrl+Insert)"))
        self.remove_button.setToolTip(self.tr("Remove the selected member (Ctrl+Delete)"))
        self.up_button.setToolTip(self.tr("Move the selected member up (Alt+Up)"))
        self.down_button.setToolTip(self.tr("Move the selected member down (Alt+Down)"))
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the keys below reach them; Tab skips them
            buttons.addWidget(button)
        hint = muted_label(
            self.tr(
                "Type to fill a cell; Enter moves to the next one. A valid ID number fills in sex and "
                "birth date."
            )
        )
        hint.setWordWrap(False)
        buttons.addSpacing(12)
        buttons.addWidget(hint, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self.add_member)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        for keys, slot in (
            (QKeySequence("Ctrl+Insert"), self.add_member),
            (QKeySequence("Ctrl+Delete"), self.remove_current),
            (QKeySequence("Alt+Up"), lambda: self.move_current(-1)),
            (QKeySequence("Alt+Down"), lambda: self.move_current(1)),
        ):
            shortcut = QShortcut(keys, self.view, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        self.model.cell_committed.connect(self._cell_committed)
        self.model.rowsInserted.connect(self._rows_changed)
        self.model.rowsRemoved.connect(self._rows_changed)
        self.model.rowsMoved.connect(self._rows_changed)
        self.model.modelReset.connect(self._fit_height)
        self.model.dataChanged.connect(lambda *_: self.changed.emit())
        self.view.selectionModel().currentChanged.connect(lambda *_: self.show_current_issue())
        self._fit_height()

    # -- actions ------------------------------------------------------------------------------------

    def add_member(self) -> None:
        self.view.commit_open_editor()
        position = self.model.insert_member(len(self.model.rows))
        index = self.model.index(position, 0)
        self.view.setCurrentIndex(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.scrollTo(index)

    def prepare_entry(self) -> None:
        """Coming into the table by a section jump: back to the cell last worked on (or the first)."""
        if not self.view.currentIndex().isValid() and self.model.rows:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.view.scrollTo(self.view.currentIndex())

    def remove_current(self) -> None:
        self.view.commit_open_editor()
        index = self.view.currentIndex()
        if not index.isValid():
            return
        row = self.model.rows[index.row()]
        if not row.is_blank():
            name = row.values["name"] or self.tr("(no name)")
            answer = QMessageBox.question(
                self,
                self.tr("Remove member"),
                self.tr("Remove member {number}, {name}, from the household?").format(
                    number=index.row() + 1, name=name
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.remove_member(index.row())
        if not self.model.rows:
            self.model.insert_member(0)
        self.view.setCurrentIndex(
            self.model.index(min(index.row(), len(self.model.rows) - 1), index.column())
        )

    def move_current(self, delta: int) -> None:
        self.view.commit_open_editor()
        index = self.view.currentIndex()
        if not index.isValid():
            return
        target = self.model.move_member(index.row(), delta)
        self.view.setCurrentIndex(self.model.index(target, index.column()))

    # -- showing ------------------------------------------------------------------------------------

    def show_current_issue(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            self.message.clear()
            return
        row = self.model.rows[index.row()]
        key = COLUMNS[index.column()]
        issue = row.issues.get(key)
        if issue is None:
            # Otherwise the first problem of this row, so the reason for any red cell is one glance away.
            issue = next((i for i in row.issues.values() if i.is_error), None) or next(
                iter(row.issues.values()), None
            )
            if issue is not None:
                key = next(k for k, v in row.issues.items() if v is issue)
        if issue is None:
            self.message.clear()
            return
        where = self.tr("Member {number}, {column}: ").format(
            number=index.row() + 1, column=self.model.headers()[key]
        )
        self.message.show_message(where + issue_message(issue), ERROR if issue.is_error else WARNING)

    def _cell_committed(self, row: int, key: str) -> None:
        self.show_current_issue()
        self.committed.emit()

    def _rows_changed(self, *_args: object) -> None:
        self._fit_height()
        self.changed.emit()
        self.committed.emit()

    def _fit_height(self) -> None:
        rows = max(self.VISIBLE_ROWS_MIN, min(len(self.model.rows) + 1, self.VISIBLE_ROWS_MAX))
        header = self.view.horizontalHeader().sizeHint().height()
        scrollbar = self.view.horizontalScrollBar().sizeHint().height()
        frame = 2 * self.view.frameWidth()
        self.view.setFixedHeight(
            header + rows * self.view.verticalHeader().defaultSectionSize() + frame + scrollbar
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(600, super().minimumSizeHint().height())
