"""农户 page: every household of the station in one table, with filters, search as you type, new/open/delete.

The table shows a ``HouseholdListModel`` (ids from SQL, rows fetched lazily), so 100k households cost
one id query per filter change; the search box waits for a short pause in typing before it asks. On a
big station a search shows its first matches at once and the rest (and the count) a moment later.
Opening and creating a household are signals: the main window connects them to the household editor.

The filters (township, village, surveyed or not in a year, 受益年度, project, ethnicity) combine with
the search in one ``HouseholdQuery``; the chips under them name what is active, and the 首页's links
set them (ui/dashboard/links.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.errors import expected_error_message, one_line_reason
from ui.household_list_model import HouseholdListModel
from ui.operations import announced, hooks
from ui.widgets.filter_chips import Chip, FilterChips
from ui.widgets.labels import muted_label, title_label

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from huimin_desktop.changes import Changes
    from huimin_desktop.services.household_list import HouseholdQuery
    from huimin_desktop.services.project_records import DivisionNode
    from huimin_desktop.services.records import DivisionRecord
    from huimin_desktop.services.station import Station

# A pause in typing this long runs the search: fast typing costs one query, not one per key.
SEARCH_DELAY_MS = 150
# When the station has no survey years to offer yet, the year filter offers the last few years.
FALLBACK_YEARS = 5
# The search box is at least as wide as its hint, up to this (long English hints are cut instead).
SEARCH_MAX_MIN_WIDTH = 300
# What each column is sized for: a sample text, or a number of full-width (Chinese) characters.
_COLUMN_SAMPLES: dict[str, str | int] = {
    "township": 6,
    "village": 5,
    "household_no": "05-0001",
    "head_name": 4,
    "head_id_number": "211381********0019",
    "ethnicity": 4,
    "member_count": 2,
    "phone": "138****5678",
    "latest_per_capita": "123,456",
    "match": 9,
}
_FULL_WIDTH_GLYPH = chr(0x6C11)  # any CJK ideograph: they all have the same advance
_CELL_PADDING = 24
# A filter box grows for its longest entry up to this many Chinese characters (its list shows all);
# the project box more (names are long), the ethnicity box less (rarely needed whole when closed).
_COMBO_MAX_CHARACTERS = 9
_NARROW_BOXES = {"project": 12, "ethnicity": 6}
# On a wide screen the text columns grow to fill the table; the number columns keep their width.
_FIXED_COLUMNS = frozenset({"member_count", "latest_per_capita"})


class HouseholdsPage(QWidget):
    """The household list; ``open_household(id)`` and ``new_household()`` ask for the editor."""

    open_household = Signal(str)
    new_household = Signal()

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdsPage")
        self.station = station
        self._total = 0  # households in the station (no filter), for "12 of 100,000"
        self._stale = False  # households changed while the page was hidden: read again when shown
        self.editors_enabled = True  # False: only the signals (tests, or a host that opens its own)

        self.title = title_label(self.tr("Households"))
        self.new_button = QPushButton(self.tr("New household"))
        self.new_button.setToolTip(self.tr("Enter a new household (Ctrl+N)"))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Open the selected household (Enter or double-click)"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected household (Delete)"))
        self.new_button.setDefault(False)
        self.new_button.setAutoDefault(False)

        self.township = QComboBox()
        self.village = QComboBox()
        self.year = QComboBox()  # survey year
        self.survey = QComboBox()  # surveyed or not in that year
        self.covered = QComboBox()  # 受益年度: covered by a project of that year
        self.project = QComboBox()  # on that project's beneficiary list
        self.ethnicity = QComboBox()
        # (baseline, year) of 户均增收's households: no box, only the 首页's income card sets it
        self.compared: tuple[int, int] | None = None
        self.chips = FilterChips(self.clear_filters, self, after=self.ethnicity)
        self.chips.install_shortcut(self)
        # Sized for their longest entry once filled (_fit_combo), so the bar does not jump.
        for combo in self._filter_boxes():
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMaxVisibleItems(20)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Name, pinyin initials, last digits of the ID number or phone")
        )
        self.search.setClearButtonEnabled(True)
        placeholder_width = self.search.fontMetrics().horizontalAdvance(self.search.placeholderText())
        self.search.setMinimumWidth(min(placeholder_width + 48, SEARCH_MAX_MIN_WIDTH))

        self.model = HouseholdListModel(
            station.households,
            self._query_from_filters(),
            self,
            background=True,
            show_township=station.info().level != "township",  # village names repeat across townships
        )
        self.table = HouseholdTableView(self.model)
        self.empty_label = self.table.empty_label
        self.count_label = QLabel()
        self.count_label.setObjectName("listCount")
        self.hint_label = muted_label(
            self.tr("Enter opens the selected household; ↓ moves from the search box to the list.")
        )
        self.hint_label.setWordWrap(False)

        self._build_layout()
        self._build_actions()

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search.returnPressed.connect(self._search_entered)
        self.open_household.connect(self._show_editor)
        self.new_household.connect(lambda: self._show_editor(None))
        self.search.installEventFilter(self)
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.loading_finished.connect(self._loading_finished)

        self._fill_filters()
        for combo in self._filter_boxes():
            combo.currentIndexChanged.connect(self._filter_changed)
        self._total = self.station.households.count()
        self._after_requery(None, 0)
        hooks().changed.connect(self._changes_made)

    def _changes_made(self, changes: Changes) -> None:
        """Read the list again when households (or the villages they show) changed; later if hidden."""
        if changes.divisions:
            self._fill_villages()
        if changes.projects:
            self._fill_covered_years()
            self._fill_projects()
        if not (changes.households or changes.divisions):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # -- building ---------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(10)

        # The search box sits beside the title: the one control used for almost every lookup, and the
        # filter row below then fits a 960-pixel window too.
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.title)
        top.addSpacing(24)
        top.addWidget(self.search, 3)
        top.addStretch(1)
        top.addSpacing(16)
        for button in (self.new_button, self.open_button, self.delete_button):
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 36)
            top.addWidget(button)
        layout.addLayout(top)

        # Two rows, in the boxes' Tab order: one row would not fit 1366 pixels beside the navigation
        # in English. The chips come after the last box (and under both rows).
        rows = (
            (
                (self.tr("Township"), (self.township,)),
                (self.tr("Village"), (self.village,)),
                (self.tr("Survey"), (self.year, self.survey)),
            ),
            (
                (self.tr("Beneficiary year"), (self.covered,)),
                (self.tr("Project"), (self.project,)),
                (self.tr("Ethnicity"), (self.ethnicity,)),
            ),
        )
        lines = QVBoxLayout()
        lines.setSpacing(6)
        for groups in rows:
            line = QHBoxLayout()
            line.setSpacing(6)
            for text, combos in groups:
                label = QLabel(text)
                label.setBuddy(combos[0])
                line.addWidget(label)
                for combo in combos:
                    line.addWidget(combo)
                line.addSpacing(10)
            line.addStretch(1)
            lines.addLayout(line)
        layout.addLayout(lines)
        layout.addWidget(self.chips)

        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.hint_label)
        layout.addLayout(bottom)

    def _build_actions(self) -> None:
        self.new_action = QAction(self.tr("New household"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self.new_household.emit)
        self.addAction(self.new_action)
        self.new_button.clicked.connect(self.new_household.emit)

        self.find_action = QAction(self.tr("Search"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

        # Only in the table: Delete in the search box deletes a character, never a household.
        self.delete_action = QAction(self.tr("Delete"), self.table)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)

        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)

    # -- filters ----------------------------------------------------------------------------------

    def _filter_boxes(self) -> tuple[QComboBox, ...]:
        return (
            self.township,
            self.village,
            self.year,
            self.survey,
            self.covered,
            self.project,
            self.ethnicity,
        )

    def _fill_filters(self) -> None:
        self.township.addItem(self.tr("All townships"), None)
        for township in self._townships():
            self.township.addItem(township.name, township.id)
        self._fill_villages()
        self.year.addItem(self.tr("All years"), None)
        for year in self._survey_years():
            self.year.addItem(str(year), year)
        self.survey.addItem(self.tr("surveyed"), True)
        self.survey.addItem(self.tr("not surveyed"), False)
        self.survey.setEnabled(False)  # until a year is chosen
        self._fill_covered_years()
        self._fill_projects()
        self.ethnicity.addItem(self.tr("All ethnicities"), None)
        from huimin_desktop.domain.codelists import code_lists  # not before the first paint (start-up)

        for code, name in code_lists().ethnicity.items():
            self.ethnicity.addItem(name, code)
        _fit_combo(self.ethnicity, _NARROW_BOXES["ethnicity"])
        for combo in (self.township, self.village, self.year, self.survey, self.covered):
            _fit_combo(combo)

    def _fill_covered_years(self) -> None:
        """The years with projects (for 受益年度), keeping the chosen one."""
        chosen = self.covered.currentData()
        self.covered.blockSignals(True)
        self.covered.clear()
        self.covered.addItem(self.tr("Any year"), None)
        for year in self.station.projects.years():
            self.covered.addItem(str(year), year)
        self.covered.setCurrentIndex(max(self.covered.findData(chosen), 0) if chosen is not None else 0)
        self.covered.blockSignals(False)

    def _fill_projects(self) -> None:
        """The projects of the chosen beneficiary year (of every year), keeping the chosen project."""
        chosen = self.project.currentData()
        rows = self.station.projects.choices(self.covered.currentData())
        self.project.blockSignals(True)
        self.project.clear()
        self.project.addItem(self.tr("All projects"), None)
        for project_id, code, name in rows:
            self.project.addItem(self.tr("{name} ({code})").format(name=name, code=code), project_id)
        index = self.project.findData(chosen) if chosen else 0
        self.project.setCurrentIndex(max(index, 0))
        self.project.blockSignals(False)
        _fit_combo(self.project, _NARROW_BOXES["project"])

    def township_chosen(self) -> None:
        """The villages (and so the village box) follow the township box."""
        self._fill_villages()

    def year_chosen(self) -> None:
        self.survey.setEnabled(self.year.currentData() is not None)

    def covered_chosen(self) -> None:
        self._fill_projects()

    def _townships(self) -> list[DivisionRecord]:
        """The live townships of the station's own area (a township station: just itself), in code order."""
        home = self.station.divisions.find_by_code(self.station.info().division_code)
        found: list[DivisionRecord] = []

        def walk(nodes: tuple[DivisionNode, ...], inside: bool) -> None:
            for node in nodes:
                here = inside or home is None or node.division.id == home.id
                if node.division.level == "township":
                    if here:
                        found.append(node.division)
                else:
                    walk(node.children, here)

        walk(self.station.divisions.tree(), False)
        return found

    def _fill_villages(self) -> None:
        """The villages of the chosen township (or of every township), keeping the chosen village."""
        chosen = self.village.currentData()
        township_id = self.township.currentData()
        townships = (
            [(township_id, "")]
            if township_id
            else [
                (self.township.itemData(i), self.township.itemText(i))
                for i in range(1, self.township.count())
            ]
        )
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(self.tr("All villages"), None)
        for tid, township_name in townships:
            for village in self.station.divisions.villages(tid):
                text = village.name
                if township_name and len(townships) > 1:
                    text = self.tr("{village} ({township})").format(
                        village=village.name, township=township_name
                    )
                self.village.addItem(text, village.id)
        index = self.village.findData(chosen) if chosen else 0
        self.village.setCurrentIndex(max(index, 0))
        self.village.blockSignals(False)
        _fit_combo(self.village)

    def _survey_years(self) -> list[int]:
        """Years with surveys, newest first (the last few years when the core cannot say yet)."""
        years = getattr(self.station.households, "survey_years", None)
        if callable(years):
            return sorted(years(), reverse=True)
        this_year = dt.date.today().year
        return list(range(this_year, this_year - FALLBACK_YEARS, -1))

    def _filter_changed(self) -> None:
        sender = self.sender()
        if sender is self.township:
            self.township_chosen()
        elif sender is self.year:
            self.year_chosen()
        elif sender is self.covered:
            self.covered_chosen()
        self.apply_filters()

    def set_compared(self, years: tuple[int, int] | None) -> None:
        """Only the households surveyed in ``years[0]`` and again up to ``years[1]`` (None: all);
        the list is read with the next ``apply_filters``."""
        self.compared = years

    def _clear_compared(self) -> None:
        self.compared = None
        self.apply_filters()

    def clear_filters(self) -> None:
        """Every filter back to "all" and the search emptied: the whole list (one read)."""
        self.compared = None
        for combo in self._filter_boxes():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.township_chosen()
        self.year_chosen()
        self.covered_chosen()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters()

    def _drop(self, *combos: QComboBox) -> Callable[[], None]:
        """A chip's action: those filters back to their first entry, the list read again once."""

        def drop() -> None:
            for combo in combos:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.township_chosen()
            self.year_chosen()
            self.covered_chosen()
            self.apply_filters()

        return drop

    def _clear_search(self) -> None:
        self.search.clear()
        self.apply_filters()

    def _active_chips(self) -> list[Chip]:
        query = self.model.query
        chips: list[Chip] = []
        if query.search.strip():
            chips.append(
                Chip(self.tr("Search “{text}”").format(text=query.search.strip()), self._clear_search)
            )
        for combo, text in (
            (self.township, self.tr("Township: {value}")),
            (self.village, self.tr("Village: {value}")),
        ):
            if combo.currentData() is not None:
                drop = (
                    self._drop(self.township, self.village) if combo is self.township else self._drop(combo)
                )
                chips.append(Chip(text.format(value=combo.currentText()), drop))
        if query.year is not None:
            text = self.tr("Surveyed in {year}") if query.surveyed else self.tr("Not surveyed in {year}")
            chips.append(Chip(text.format(year=query.year), self._drop(self.year, self.survey)))
        if query.compared is not None:
            text = self.tr("Surveyed in {baseline} and again by {year}").format(
                baseline=query.compared[0], year=query.compared[1]
            )
            chips.append(Chip(text, self._clear_compared))
        if query.covered_year is not None:
            chips.append(
                Chip(
                    self.tr("Covered by projects of {year}").format(year=query.covered_year),
                    self._drop(self.covered, self.project),
                )
            )
        if query.project_id:
            chips.append(
                Chip(
                    self.tr("Project: {value}").format(value=self.project.currentText()),
                    self._drop(self.project),
                )
            )
        if query.ethnicity:
            chips.append(
                Chip(
                    self.tr("Ethnicity: {value}").format(value=self.ethnicity.currentText()),
                    self._drop(self.ethnicity),
                )
            )
        return chips

    def _query_from_filters(self) -> HouseholdQuery:
        from huimin_desktop.services.household_list import HouseholdQuery

        previous = getattr(self, "model", None)
        base = previous.query if previous is not None else HouseholdQuery()
        return dataclasses.replace(
            base,
            search=self.search.text().strip(),
            township_id=self.township.currentData(),
            village_id=self.village.currentData(),
            year=self.year.currentData(),
            surveyed=self.survey.currentData() is not False,
            covered_year=self.covered.currentData(),
            project_id=self.project.currentData(),
            compared=self.compared,
            ethnicity=self.ethnicity.currentData(),
        )

    def apply_filters(self) -> None:
        """Run the query the filter bar describes now (the search timer calls this after a pause)."""
        self.search_timer.stop()
        query = self._query_from_filters()
        if query == self.model.query:
            return
        kept = self.current_household_id()
        self.model.set_query(query, background=True)
        self._after_requery(kept, 0, wait=False)

    def _loading_finished(self) -> None:
        """The rest of a search's matches arrived: the count is known; select the first if none is."""
        if self.model.rowCount() and self.current_household_id() is None:
            self._select_row(0)
        self._update_count()
        self._update_buttons()

    def _wait_for_matches(self) -> None:
        """Before acting on "the first match": have one, if the search has any."""
        if not self.model.rowCount() and not self.model.is_complete:
            self.model.wait_until_complete()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- selection --------------------------------------------------------------------------------

    def current_household_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select_household(self, household_id: str) -> bool:
        """Select and show ``household_id``'s row; False when the current filters hide it."""
        row = self.model.row_of(household_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _after_requery(self, kept_id: str | None, fallback_row: int, wait: bool = True) -> None:
        """After the ids changed: the kept household, else the row at ``fallback_row``, stays selected.

        ``wait=False`` (a keystroke): the kept household counts only if it is among the first matches
        already shown; a search does not wait for the rest of its matches to find it.
        """
        count = self.model.rowCount()
        kept_row = None
        if kept_id is not None:
            kept_row = self.model.row_of(kept_id) if wait else self.model.loaded_row_of(kept_id)
        if kept_row is not None:
            self._select_row(kept_row)
        elif count:
            self._select_row(min(max(fallback_row, 0), count - 1))
        self._update_count()
        self._update_buttons()

    def refresh(self) -> None:
        """Read the list again (after a save, delete, import or merge), keeping the selection."""
        self._stale = False
        kept = self.current_household_id()
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else 0
        scroll = self.table.verticalScrollBar().value()
        self._total = self.station.households.count()
        self.model.refresh()
        self.table.verticalScrollBar().setValue(scroll)
        self._after_requery(kept, row)

    def _update_count(self) -> None:
        from huimin_desktop.services.household_list import is_filtered

        shown = self.model.rowCount()
        filtered = is_filtered(self.model.query)
        self.chips.show_chips(self._active_chips())
        complete = self.model.is_complete  # else the first matches are shown and the rest is being read
        if filtered and not complete:
            text = self.tr("{shown}+ of {total} households, counting…").format(
                shown=f"{shown:,}", total=f"{self._total:,}"
            )
        elif filtered:
            text = self.tr("{shown} of {total} households").format(
                shown=f"{shown:,}", total=f"{self._total:,}"
            )
        else:  # the whole list: while its ids arrive, the station's count says how many
            text = self.tr("{count} households").format(count=f"{shown if complete else self._total:,}")
        self.count_label.setText(text)
        if shown:
            self.empty_label.hide()
            return
        if not complete:
            self.empty_label.setText(self.tr("Searching…"))
        elif filtered:
            self.empty_label.setText(self.tr("No household matches the search and filters."))
        else:
            self.empty_label.setText(
                self.tr("No households yet. Click “New household” (Ctrl+N) to enter one.")
            )
        self.table.place_empty_label()
        self.empty_label.show()

    def _update_buttons(self) -> None:
        selected = self.current_household_id() is not None
        self.open_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    # -- open, new, delete ------------------------------------------------------------------------

    def _show_editor(self, household_id: str | None) -> None:
        """The household editor window for ``household_id`` (a new household when None)."""
        if not self.editors_enabled:
            return
        # Imported on first use: the editor pulls in the core's services, which start-up defers.
        from ui.household_editor import open_household_editor

        editor = open_household_editor(self, self.station, household_id)
        if editor is not None:
            editor.saved.connect(self._household_saved, Qt.ConnectionType.UniqueConnection)

    def _household_saved(self, household_id: str) -> None:
        # The save's changes were announced before the editor said so: the list has been read again.
        if self._stale:
            self.refresh()
        self.select_household(household_id)

    def open_selected(self) -> None:
        household_id = self.current_household_id()
        if household_id is not None:
            self.open_household.emit(household_id)

    def _open_row(self, row: int) -> None:
        household_id = self.model.id_at(row)
        if household_id is not None:
            self.open_household.emit(household_id)

    def _search_entered(self) -> None:
        """Enter in the search box: search now, then open the selected (first) household."""
        self.apply_filters()
        self._wait_for_matches()
        self.open_selected()

    def delete_selected(self) -> None:
        """Ask, then tombstone the selected household; the next row takes its place in the selection."""
        household_id = self.current_household_id()
        if household_id is None:
            return
        row = self.model.row_of(household_id) or 0
        head = self.model.index(row, 2).data() or ""
        village = self.model.index(row, 0).data() or ""
        answer = QMessageBox.question(
            self,
            self.tr("Delete household"),
            self.tr(
                "Delete the household of {head} ({village})?\n\nIts members and surveys are deleted with it. "
                "The deletion is recorded and reaches the other stations with the next sync."
            ).format(head=head, village=village),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with announced():  # the list is read again when the block ends
                self.station.households.delete(household_id)
        except Exception as error:
            message = expected_error_message(error) or self.tr(
                "The household could not be deleted: {reason}"
            ).format(reason=one_line_reason(error))
            QMessageBox.warning(self, self.tr("Delete household"), message)
        if self.model.rowCount():
            self._select_row(min(row, self.model.rowCount() - 1))
        self.table.setFocus()

    # -- keys -------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self._into_table()
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def _into_table(self) -> None:
        """↓ in the search box: run a pending search and move to the list's selected (or first) row."""
        self.apply_filters()
        self._wait_for_matches()
        if self.model.rowCount() and self.current_household_id() is None:
            self._select_row(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)


class HouseholdTableView(QTableView):
    """The list's table: whole-row selection, SQL sorting from the header, columns sized for 1366 px.

    Row heights are fixed so that Qt never measures (and so fetches) 100k rows; on a wide window the
    columns share out the spare room until the user sizes one by hand.
    """

    def __init__(self, model: HouseholdListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._list_model = model
        self._base_widths: list[int] = []
        self._user_sized = False  # once the user drags a column edge, widths are theirs
        self._fitting = False
        self.setModel(model)
        self.setObjectName("householdTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setSortIndicator(model.sort_column(), Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)  # the model sorts in SQL
        header.sortIndicatorChanged.connect(self._sorted)  # after the model sorted (connected first)
        model.modelReset.connect(self._show_match_column)
        self._size_columns()
        self._show_match_column()
        # Shown over the empty table: "no households yet" or "nothing matches".
        self.empty_label = QLabel(self.viewport())
        self.empty_label.setObjectName("mutedText")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

    def _sorted(self, column: int, order: Qt.SortOrder) -> None:
        """A new order starts at its top; a column that cannot sort keeps the arrow where the order is."""
        if not self._list_model.columns[column].sortable:
            header = self.horizontalHeader()
            header.blockSignals(True)
            descending = self._list_model.query.descending
            header.setSortIndicator(
                self._list_model.sort_column(),
                Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            return
        self.scrollToTop()

    def _show_match_column(self) -> None:
        """ "Found by" only while searching (it is empty otherwise)."""
        searching = bool(self._list_model.query.search.strip())
        column = self._list_model.match_column()
        if self.isColumnHidden(column) == searching:
            self.setColumnHidden(column, not searching)
            self._fit_columns()

    def place_empty_label(self) -> None:
        self.empty_label.setGeometry(self.viewport().rect().adjusted(24, 24, -24, -24))

    def viewportEvent(self, event: QEvent) -> bool:
        # The viewport, not the view: it also narrows when the vertical scroll bar appears.
        if event.type() == QEvent.Type.Resize:
            self.place_empty_label()
            self._fit_columns()
        return super().viewportEvent(event)

    def _size_columns(self) -> None:
        """Widths for what each column usually shows; ``_fit_columns`` then shares out the spare room."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        metrics = self.fontMetrics()
        header_metrics = header.fontMetrics()
        em = metrics.horizontalAdvance(_FULL_WIDTH_GLYPH)
        self._base_widths = []
        for column, list_column in enumerate(self._list_model.columns):
            sample = _COLUMN_SAMPLES.get(list_column.sort_key, 4)
            content = em * sample if isinstance(sample, int) else metrics.horizontalAdvance(sample)
            title = str(self._list_model.headerData(column, Qt.Orientation.Horizontal))
            # The header also holds the sort arrow.
            width = max(content, header_metrics.horizontalAdvance(title) + 18) + _CELL_PADDING
            self._base_widths.append(width)
            header.resizeSection(column, width)
        header.setMinimumSectionSize(2 * em + 12)
        header.sectionResized.connect(self._section_resized)

    def _fit_columns(self) -> None:
        """Spread the room a wide window leaves over the text columns (until the user sizes one)."""
        if self._user_sized or not self._base_widths:
            return
        header = self.horizontalHeader()
        room = self.viewport().width()
        # The picker hides some columns: only the shown ones share the room.
        shown = [c for c in range(len(self._base_widths)) if not self.isColumnHidden(c)]
        growing = [c for c in shown if self._column_key(c) not in _FIXED_COLUMNS]
        fixed = sum(self._base_widths[c] for c in shown if c not in growing)
        flexible = sum(self._base_widths[c] for c in growing)
        scale = max(1.0, (room - fixed) / flexible) if flexible else 1.0
        self._fitting = True
        try:
            for column, width in enumerate(self._base_widths):
                header.resizeSection(column, int(width * scale) if column in growing else width)
            if scale > 1.0 and growing:
                # Rounding down leaves a few pixels: the first text column takes them, flush to the edge.
                spare = room - sum(header.sectionSize(c) for c in shown)
                header.resizeSection(growing[0], header.sectionSize(growing[0]) + max(spare, 0))
        finally:
            self._fitting = False

    def _column_key(self, column: int) -> str:
        return self._list_model.columns[column].sort_key

    def _section_resized(self, _column: int, _old: int, _new: int) -> None:
        if not self._fitting and self.isVisible():
            self._user_sized = True


def _fit_combo(combo: QComboBox, characters: int = _COMBO_MAX_CHARACTERS) -> None:
    """Widen the box for its longest entry (up to a limit; it never narrows) and its list for all."""
    metrics = combo.fontMetrics()
    widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
    limit = metrics.horizontalAdvance(_FULL_WIDTH_GLYPH) * characters
    # Qt counts the minimum contents length in widths of "X" (and adds room for an icon).
    length = -(-min(widest, limit) // max(metrics.horizontalAdvance("X"), 1))
    combo.setMinimumContentsLength(max(combo.minimumContentsLength(), length))
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8)
