"""Picking households (project beneficiaries) or people (training attendees) from the household list.

Left: the household list itself (``HouseholdListModel``: ids from SQL, rows in blocks, search by name,
pinyin initials or ID tail), so picking stays quick at 100k households. Right: what is chosen so far.
With ``with_members`` the members of the highlighted household are listed too, so that one person (not
the whole household) can be added. ``picks()`` gives the result once the dialog is accepted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.domain.codelists import code_lists
from ui.household_list_model import HouseholdListModel
from ui.pages.households_page import HouseholdTableView
from ui.project_editor.list_page import station_townships

if TYPE_CHECKING:
    from huimin_desktop.services.household_list import HouseholdRow
    from huimin_desktop.services.station import Station

SEARCH_DELAY_MS = 150
# "Add all shown" stops here: a list this long is a filter left off, not a beneficiary list.
MAX_ADD_ALL = 3000
_ROWS_PER_QUERY = 500
HIDDEN_COLUMNS = ("phone", "latest_per_capita")


@dataclass(frozen=True)
class Pick:
    """One chosen household (``member_id`` None) or one person of it, with what the lists show."""

    household_id: str
    member_id: str | None
    head_name: str
    member_name: str
    village_name: str
    ethnicity: str  # the household head's code

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.household_id, self.member_id)


def picks_for_households(station: Station, household_ids: Sequence[str]) -> list[Pick]:
    """Whole-household picks for ids (deleted households are left out), in the order given."""
    picks: list[Pick] = []
    for start in range(0, len(household_ids), _ROWS_PER_QUERY):
        for row in station.households.rows(list(household_ids[start : start + _ROWS_PER_QUERY])):
            picks.append(_household_pick(row))
    return picks


def attendee_picks(station: Station, keys: Sequence[tuple[str, str | None]]) -> list[Pick]:
    """Picks for (household id, member id or None) pairs, with names looked up; gone ones left out."""
    households = {
        p.household_id: p for p in picks_for_households(station, list(dict.fromkeys(h for h, _ in keys)))
    }
    picks: list[Pick] = []
    members: dict[str, dict[str, str]] = {}
    for household_id, member_id in keys:
        base = households.get(household_id)
        if base is None:
            continue
        if member_id is None:
            picks.append(base)
            continue
        if household_id not in members:
            record = station.households.get(household_id)
            members[household_id] = {m.id: m.name for m in record.members}
        name = members[household_id].get(member_id)
        if name is not None:
            picks.append(dataclasses.replace(base, member_id=member_id, member_name=name))
    return picks


def _household_pick(row: HouseholdRow) -> Pick:
    return Pick(row.id, None, row.head_name, "", row.village_name, row.ethnicity)


class HouseholdPicker(QDialog):
    def __init__(
        self,
        station: Station,
        chosen: Sequence[Pick] = (),
        parent: QWidget | None = None,
        *,
        with_members: bool = False,
        title: str = "",
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.with_members = with_members
        self._chosen: dict[tuple[str, str | None], Pick] = {p.key: p for p in chosen}
        self.setWindowTitle(title or self.tr("Pick households"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setSizeGripEnabled(True)

        from huimin_desktop.services.household_list import HouseholdQuery

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name, pinyin initials, last digits of the ID number"))
        self.search.setClearButtonEnabled(True)
        self.township = QComboBox()
        self.township.addItem(self.tr("All townships"), None)
        for township in station_townships(station):
            self.township.addItem(township.name, township.id)
        self.village = QComboBox()
        self._fill_villages()
        self.model = HouseholdListModel(station.households, HouseholdQuery(), self)
        self.table = HouseholdTableView(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for key in HIDDEN_COLUMNS:  # phone and income: not needed to tell households apart here
            self.table.setColumnHidden([c.sort_key for c in self.model.columns].index(key), True)
        self.shown_label = QLabel()
        self.shown_label.setObjectName("mutedText")

        self.add_button = QPushButton(self.tr("Add →"))
        self.add_button.setToolTip(self.tr("Add the selected households (or double-click one)"))
        self.add_all_button = QPushButton(self.tr("Add all shown"))
        self.remove_button = QPushButton(self.tr("← Remove"))
        for button in (self.add_button, self.add_all_button, self.remove_button):
            button.setAutoDefault(False)

        self.members = QListWidget()
        self.members.setMaximumHeight(self.fontMetrics().height() * 7)
        self.add_person_button = QPushButton(self.tr("Add this person →"))
        self.add_person_button.setAutoDefault(False)

        self.chosen_table = QTableWidget(0, 4 if with_members else 3)
        headers = [self.tr("Head of household"), self.tr("Village"), self.tr("Ethnicity")]
        if with_members:
            headers.insert(1, self.tr("Person"))
        self.chosen_table.setHorizontalHeaderLabels(headers)
        self.chosen_table.verticalHeader().setVisible(False)
        self.chosen_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chosen_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.chosen_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.chosen_label = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._build_layout()
        self._connect_signals()
        self._show_chosen()
        self._update_shown()
        if self.model.rowCount():
            self.table.selectRow(0)
        self.resize(1100, 640)
        self.search.setFocus()

    def _connect_signals(self) -> None:
        """Typing searches after a pause; double-click or Enter adds; the buttons do what they say."""
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.township.currentIndexChanged.connect(self._township_changed)
        self.village.currentIndexChanged.connect(lambda _index: self.apply_filters())
        self.table.activated.connect(lambda _index: self.add_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_members())
        self.add_button.clicked.connect(self.add_selected)
        self.add_all_button.clicked.connect(self.add_all_shown)
        self.remove_button.clicked.connect(self.remove_selected)
        self.add_person_button.clicked.connect(self.add_person)
        self.members.itemActivated.connect(lambda _item: self.add_person())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _build_layout(self) -> None:
        left = QVBoxLayout()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.township, 1)
        filters.addWidget(self.village, 1)
        left.addLayout(filters)
        left.addWidget(self.table, 1)
        left.addWidget(self.shown_label)
        if self.with_members:
            left.addWidget(QLabel(self.tr("Members of the highlighted household:")))
            people = QHBoxLayout()
            people.addWidget(self.members, 1)
            people.addWidget(self.add_person_button, 0, Qt.AlignmentFlag.AlignTop)
            left.addLayout(people)
        else:
            self.members.hide()
            self.add_person_button.hide()
        middle = QVBoxLayout()
        middle.addStretch(1)
        for button in (self.add_button, self.add_all_button, self.remove_button):
            middle.addWidget(button)
        middle.addStretch(2)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Chosen:")))
        right.addWidget(self.chosen_table, 1)
        right.addWidget(self.chosen_label)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(middle)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)

    # -- the list on the left ---------------------------------------------------------------------

    def _fill_villages(self) -> None:
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(self.tr("All villages"), None)
        township_id = self.township.currentData()
        townships = (
            [township_id]
            if township_id
            else [self.township.itemData(i) for i in range(1, self.township.count())]
        )
        for tid in townships:
            for village in self.station.divisions.villages(tid):
                self.village.addItem(village.name, village.id)
        self.village.blockSignals(False)

    def _township_changed(self) -> None:
        self._fill_villages()
        self.apply_filters()

    def apply_filters(self) -> None:
        self.search_timer.stop()
        query = dataclasses.replace(
            self.model.query,
            search=self.search.text().strip(),
            township_id=self.township.currentData(),
            village_id=self.village.currentData(),
        )
        if query != self.model.query:
            self.model.set_query(query)
        self._update_shown()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _update_shown(self) -> None:
        self.shown_label.setText(
            self.tr("{count} households shown").format(count=f"{self.model.rowCount():,}")
        )

    def _selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.id_at(r) for r in rows) if i is not None]

    def _show_members(self) -> None:
        if not self.with_members:
            return
        self.members.clear()
        index = self.table.currentIndex()
        household_id = self.model.id_at(index.row()) if index.isValid() else None
        if household_id is None:
            return
        record = self.station.households.get(household_id)
        relationships = code_lists().relationship
        for member in record.members:
            text = f"{member.name}  {relationships.name(member.relationship)}".strip()
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.members.addItem(item)
        if self.members.count():
            self.members.setCurrentRow(0)

    # -- choosing ---------------------------------------------------------------------------------

    def add_households(self, household_ids: Sequence[str]) -> None:
        for pick in picks_for_households(self.station, household_ids):
            self._chosen.setdefault(pick.key, pick)
        self._show_chosen()

    def add_selected(self) -> None:
        self.add_households(self._selected_ids())

    def add_all_shown(self) -> None:
        ids = list(self.model.ids())
        if len(ids) > MAX_ADD_ALL:
            QMessageBox.information(
                self,
                self.windowTitle(),
                self.tr("{count} households are shown; narrow the list to at most {limit} first.").format(
                    count=f"{len(ids):,}", limit=f"{MAX_ADD_ALL:,}"
                ),
            )
            return
        self.add_households(ids)

    def add_person(self) -> None:
        item = self.members.currentItem()
        index = self.table.currentIndex()
        household_id = self.model.id_at(index.row()) if index.isValid() else None
        if item is None or household_id is None:
            return
        rows = self.station.households.rows([household_id])
        if not rows:
            return
        base = _household_pick(rows[0])
        name = item.text().split("  ")[0]
        pick = dataclasses.replace(base, member_id=str(item.data(Qt.ItemDataRole.UserRole)), member_name=name)
        self._chosen.setdefault(pick.key, pick)
        self._show_chosen()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.chosen_table.selectionModel().selectedRows()})
        keys = list(self._chosen)
        for row in rows:
            if 0 <= row < len(keys):
                del self._chosen[keys[row]]
        self._show_chosen()

    def _show_chosen(self) -> None:
        ethnicities = code_lists().ethnicity
        table = self.chosen_table
        table.setRowCount(len(self._chosen))
        for row, pick in enumerate(self._chosen.values()):
            texts = [pick.head_name, pick.village_name, ethnicities.name(pick.ethnicity)]
            if self.with_members:
                texts.insert(1, pick.member_name or self.tr("(whole household)"))
            for column, text in enumerate(texts):
                table.setItem(row, column, QTableWidgetItem(text))
        households = len({p.household_id for p in self._chosen.values()})
        if self.with_members:
            self.chosen_label.setText(
                self.tr("{count} chosen from {households} households").format(
                    count=len(self._chosen), households=households
                )
            )
        else:
            self.chosen_label.setText(self.tr("{count} households chosen").format(count=households))

    def picks(self) -> list[Pick]:
        return list(self._chosen.values())
