"""The household list's table model: ids from SQL, rows fetched in blocks only when the view paints them.

Like Anki's browser table and calibre's library view: the model holds the ordered id list of one
``HouseholdQuery`` (filtering and sorting happen in SQL, in the core), so ``rowCount`` is just its length;
``data()`` asks the core for the block of rows around the one being painted and keeps a bounded number
of blocks (least recently used goes first). 100k households cost one id list, never 100k rows.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.domain.contact import mask_phone
from huimin_desktop.domain.idnumber import mask_id_number

if TYPE_CHECKING:
    # The core's services load after the main window shows (see ui/app.py); type checkers only.
    from huimin_desktop.services.household_list import HouseholdQuery, HouseholdRow
    from huimin_desktop.services.households import HouseholdService

AnyIndex = QModelIndex | QPersistentModelIndex

# Rows per fetch: a few screens of a tall window; one ``rows()`` query of this many ids takes ~2 ms.
BLOCK_SIZE = 200
# Blocks kept: enough for scrolling back and forth without refetching, bounded at 100k households.
MAX_BLOCKS = 32
# The role that gives a row's household id (for views, selection models and tests).
HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# data() runs for every role of every painted cell: plain ints compare fastest.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ID_ROLE = int(HOUSEHOLD_ID_ROLE)
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(frozen=True)
class ListColumn:
    """One column: the core's sort key, its header and how its text is aligned."""

    sort_key: str
    title: str
    numeric: bool = False


@dataclass(frozen=True)
class _DisplayRow:
    """A row's texts as painted (masked and formatted once, when its block arrives)."""

    id: str
    texts: tuple[str, ...]
    township: str
    latest_year: int | None


class HouseholdListModel(QAbstractTableModel):
    """The households matching one query; see the module docstring."""

    def __init__(
        self,
        households: HouseholdService,
        query: HouseholdQuery | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if query is None:
            from huimin_desktop.services.household_list import HouseholdQuery

            query = HouseholdQuery()
        self._households = households
        self._query: HouseholdQuery = query
        self._ids: list[str] = households.ids(query)
        self._blocks: OrderedDict[int, dict[str, _DisplayRow]] = OrderedDict()
        self.columns: tuple[ListColumn, ...] = (
            ListColumn("village", self.tr("Village")),
            ListColumn("household_no", self.tr("Household no.")),
            ListColumn("head_name", self.tr("Head")),
            ListColumn("head_id_number", self.tr("ID number")),
            ListColumn("ethnicity", self.tr("Ethnicity")),
            ListColumn("member_count", self.tr("Members"), numeric=True),
            ListColumn("phone", self.tr("Phone")),
            ListColumn("latest_per_capita", self.tr("Net income per person (latest year)"), numeric=True),
        )

    # -- the query ------------------------------------------------------------------------------

    @property
    def query(self) -> HouseholdQuery:
        return self._query

    def set_query(self, query: HouseholdQuery) -> None:
        """Show the households matching ``query`` (filtered and sorted in SQL)."""
        ids = self._households.ids(query)
        self.beginResetModel()
        self._query = query
        self._ids = ids
        self._forget_rows()
        self.endResetModel()

    def refresh(self) -> None:
        """Run the same query again (after a save, delete or merge); cached rows are dropped."""
        self.set_query(self._query)

    def sort_column(self) -> int:
        """The column the current query sorts by (-1 when none shows that key)."""
        return next((i for i, c in enumerate(self.columns) if c.sort_key == self._query.sort), -1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by the column's key; selected rows stay selected (persistent indexes follow)."""
        if not 0 <= column < len(self.columns):
            return
        query = dataclasses.replace(
            self._query,
            sort=self.columns[column].sort_key,
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if query == self._query:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(index, self.id_at(index.row())) for index in persistent]
        self._query = query
        self._ids = self._households.ids(query)
        self._forget_rows()
        new_rows = self._rows_of([household_id for _index, household_id in kept if household_id])
        targets = []
        for index, household_id in kept:
            row = new_rows.get(household_id) if household_id else None
            targets.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(persistent, targets)
        self.layoutChanged.emit()

    # -- ids ------------------------------------------------------------------------------------

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, household_id: str) -> int | None:
        """The row showing ``household_id``, or None when the query does not match it."""
        # One scan in C (about 1 ms at 100k ids): cheaper than building a dict for a single lookup.
        try:
            return self._ids.index(household_id)
        except ValueError:
            return None

    def ids(self) -> Sequence[str]:
        """Every id shown, in display order (read-only view)."""
        return tuple(self._ids)

    def _rows_of(self, wanted: Sequence[str]) -> dict[str, int]:
        wanted_set = set(wanted)
        if len(wanted_set) <= 8:  # the selection, usually: a scan each
            return {i: r for i in wanted_set if (r := self.row_of(i)) is not None}
        return {value: row for row, value in enumerate(self._ids) if value in wanted_set}

    # -- Qt's model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column.sort_key == "latest_per_capita":
            return self.tr("Net income per person in the household's latest survey year, in yuan")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role not in (_DISPLAY, _ALIGNMENT, _TOOLTIP, _ID_ROLE) or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._ids) and 0 <= column < len(self.columns)):
            return None
        if role == _ALIGNMENT:
            return _RIGHT if self.columns[column].numeric else _LEFT
        if role == _ID_ROLE:
            return self._ids[row]
        shown = self._display_row(row)
        if shown is None:  # deleted since the ids were read: an empty line until the next refresh
            return None
        if role == _DISPLAY:
            return shown.texts[column]
        key = self.columns[column].sort_key
        if key == "village" and shown.township:
            return self.tr("{township}, {village}").format(
                township=shown.township, village=shown.texts[column]
            )
        if key == "latest_per_capita" and shown.latest_year is not None:
            return self.tr("Survey year {year}").format(year=shown.latest_year)
        return None

    # -- the row cache --------------------------------------------------------------------------

    def _forget_rows(self) -> None:
        self._blocks.clear()

    def cached_blocks(self) -> int:
        """How many blocks of rows are held (tests check the cache stays bounded)."""
        return len(self._blocks)

    def _display_row(self, row: int) -> _DisplayRow | None:
        number = row // BLOCK_SIZE
        block = self._blocks.get(number)
        if block is None:
            block = self._fetch_block(number)
        else:
            self._blocks.move_to_end(number)
        return block.get(self._ids[row])

    def _fetch_block(self, number: int) -> dict[str, _DisplayRow]:
        wanted = self._ids[number * BLOCK_SIZE : (number + 1) * BLOCK_SIZE]
        block = {r.id: self._display(r) for r in self._households.rows(wanted)}
        self._blocks[number] = block
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return block

    def _display(self, row: HouseholdRow) -> _DisplayRow:
        texts = (
            row.village_name,
            row.household_no,
            row.head_name,
            mask_id_number(row.head_id_number),
            code_lists().ethnicity.name(row.ethnicity) or row.ethnicity,
            str(row.member_count),
            mask_phone(row.phone) if row.phone else "",
            f"{row.latest_per_capita:,}" if row.latest_per_capita is not None else "",
        )
        return _DisplayRow(row.id, texts, row.township_name, row.latest_year)
