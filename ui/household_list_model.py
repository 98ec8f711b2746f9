"""The household list's table model: ids from SQL, rows fetched in blocks only when the view paints them.

Like Anki's browser table and calibre's library view: the model holds the ordered id list of one
``HouseholdQuery`` (filtering and sorting happen in SQL, in the core), so ``rowCount`` is just its length;
``data()`` asks the core for the block of rows around the one being painted and keeps a bounded number
of blocks (least recently used goes first). 100k households cost one id list, never 100k rows.

Reading every matching id of a search over 100k households takes 40–230 ms, too long for a keystroke.
``set_query(query, background=True)`` therefore shows what the core's search policy returns at once
(``HouseholdService.first_ids``: on a big station the list's first matches, found in a few
milliseconds) and reads the rest through a quiet ``Operation`` on the one worker thread; the rows arrive
appended below (``rowsInserted``) and ``loading_finished`` fires, so a view can say "counting…" until
then. Which queries are answered whole at once, and how big a window is, is the core's business
(services/household_list.py); when to read the rest (after the first paint) is this model's.

Columns are one table (``HouseholdListModel.columns``): each says its sort key, header and how it
turns a ``HouseholdRow`` into the text painted, so a new column is one entry.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from ui.operations import Operation

if TYPE_CHECKING:
    # The core's services load after the main window shows (see ui/app.py); type checkers only.
    from huimin_desktop.services.household_list import HouseholdQuery, HouseholdRow, SearchMatch
    from huimin_desktop.services.households import HouseholdService

AnyIndex = QModelIndex | QPersistentModelIndex

# Rows per fetch: a screenful of a tall window; one ``rows()`` query of this many ids takes ~1 ms.
BLOCK_SIZE = 64
# Blocks kept: enough for scrolling back and forth without refetching, bounded at 100k households.
MAX_BLOCKS = 64
# The rest is read once the view has painted the first rows (it would compete with that paint for the
# two cores of a village laptop); without a view painting, this long after the query at the latest.
REST_AT_THE_LATEST_MS = 100
# The role that gives a row's household id (for views, selection models and tests).
HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The column that says which member a search found a household by (not a sort key).
MATCH_COLUMN = "match"

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
    """One column: the core's sort key, its header, the text it shows of a row and its alignment."""

    sort_key: str
    title: str
    text: Callable[[HouseholdRow], str]
    numeric: bool = False
    sortable: bool = True


@dataclass(frozen=True)
class _DisplayRow:
    """A row's texts as painted (masked and formatted once, when its block arrives)."""

    id: str
    texts: tuple[str, ...]
    township: str
    latest_year: int | None


class HouseholdListModel(QAbstractTableModel):
    """The households matching one query; see the module docstring."""

    # Every matching id is shown (after ``set_query(..., background=True)``: the rest has arrived).
    loading_finished = Signal()

    def __init__(
        self,
        households: HouseholdService,
        query: HouseholdQuery | None = None,
        parent: QObject | None = None,
        *,
        background: bool = False,
        show_township: bool = False,
    ) -> None:
        """``background``: as for ``set_query``, the first matches now and the rest from the worker.
        ``show_township``: a 乡镇 column first (county and city stations, where village names repeat)."""
        super().__init__(parent)
        if query is None:
            from huimin_desktop.services.household_list import HouseholdQuery

            query = HouseholdQuery()
        self._households = households
        self._query: HouseholdQuery = query
        self._ids: list[str] = []
        self._complete = True  # False while the rest of a background query's ids is being read
        self._generation = 0  # one more per query: results of an older one are dropped
        self._rest: Operation[list[str] | None] | None = None  # reading the rest of the ids
        self._rest_query: HouseholdQuery | None = None  # set while the rest waits to be read
        self._rest_after_paint = False  # the next data() call starts the rest after its paint
        self._blocks: OrderedDict[int, dict[str, _DisplayRow]] = OrderedDict()
        township = (ListColumn("township", self.tr("Township"), _township),) if show_township else ()
        self.columns: tuple[ListColumn, ...] = (
            *township,
            ListColumn("village", self.tr("Village"), _village),
            ListColumn("household_no", self.tr("Household no."), _household_no),
            ListColumn("head_name", self.tr("Head"), _head_name),
            ListColumn("head_id_number", self.tr("ID number"), _masked_id_number),
            ListColumn("ethnicity", self.tr("Ethnicity"), _ethnicity),
            ListColumn("member_count", self.tr("Members"), _member_count, numeric=True),
            ListColumn("phone", self.tr("Phone"), _masked_phone),
            ListColumn(
                "latest_per_capita",
                self.tr("Net income per person (latest year)"),
                _latest_per_capita,
                numeric=True,
            ),
            # Filled while searching: the member (name, ID or phone) the search found the household by.
            ListColumn(MATCH_COLUMN, self.tr("Found by"), _no_text, sortable=False),
        )
        self.set_query(query, background=background)

    # -- the query ------------------------------------------------------------------------------

    @property
    def query(self) -> HouseholdQuery:
        return self._query

    def set_query(self, query: HouseholdQuery, *, background: bool = False) -> None:
        """Show the households matching ``query`` (filtered and sorted in SQL).

        ``background``: on a big station show the first matches now and read the rest on the worker
        thread (see the module docstring); ``is_complete`` is False and ``loading_finished`` follows.
        """
        self._generation += 1
        self._drop_rest()
        if background:
            first = self._households.first_ids(query)
            ids, complete = first.ids, first.complete
        else:
            ids, complete = self._households.ids(query), True
        self.beginResetModel()
        self._query = query
        self._ids = ids
        self._complete = complete
        self._rest = None
        self._rest_query = None if complete else query
        self._rest_after_paint = not complete
        self._forget_rows()
        self.endResetModel()
        if not complete:
            generation = self._generation
            QTimer.singleShot(REST_AT_THE_LATEST_MS, self, lambda: self._start_rest(generation))

    def refresh(self) -> None:
        """Run the same query again (after a save, delete or merge); cached rows are dropped."""
        self.set_query(self._query)

    @property
    def is_complete(self) -> bool:
        """Whether every matching id is here (False while a background query reads the rest)."""
        return self._complete

    def wait_until_complete(self) -> None:
        """Block until every matching id is here (for callers that need them all, e.g. "select X").

        Reads them on this thread: the worker may be busy with other work, and the background read,
        dropped, ends without being waited for.
        """
        if self._complete:
            return
        self._drop_rest()
        self._take_rest(self._households.ids(self._query))

    def _drop_rest(self) -> None:
        """Forget the background read of an older query (cancelled if it has not started yet)."""
        self._rest_query = None
        if self._rest is not None:
            self._rest.cancel()
            self._rest = None

    def _start_rest(self, generation: int) -> None:
        """Read the rest of the current query's ids on the worker thread (once; not for an old query)."""
        query = self._rest_query
        if generation != self._generation or query is None:
            return
        self._rest_query = None
        read_ids: Callable[[HouseholdQuery], list[str]] = self._households.ids

        def read(_task: object) -> list[str] | None:
            if generation != self._generation:
                return None  # a newer query came before this one started
            return read_ids(query)

        self._rest = (
            Operation(self, read, label=self.tr("Reading the household list…"), quiet=True)
            .success(lambda ids: self._rest_arrived(generation, ids))
            .run_in_background()
        )

    def _painting_started(self) -> None:
        """The view asks for the first rows: read the rest once this paint is over."""
        self._rest_after_paint = False
        generation = self._generation
        QTimer.singleShot(0, self, lambda: self._start_rest(generation))

    def _rest_arrived(self, generation: int, ids: list[str] | None) -> None:
        if generation == self._generation and not self._complete and ids is not None:
            with contextlib.suppress(RuntimeError):  # the model is gone (its page closed): nobody waits
                self._take_rest(ids)

    def _take_rest(self, ids: list[str]) -> None:
        """Every id of the current query: the ones not shown yet are appended (or all replaced if the
        households changed meanwhile and the first ones differ)."""
        self._complete = True
        self._rest = None
        shown = len(self._ids)
        if ids[:shown] == self._ids:
            if len(ids) > shown:
                self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
                self._ids = ids
                self._forget_rows()  # the last block held only the first rows of its range
                self.endInsertRows()
        else:
            self.beginResetModel()
            self._ids = ids
            self._forget_rows()
            self.endResetModel()
        self.loading_finished.emit()

    def sort_column(self) -> int:
        """The column the current query sorts by (-1 when none shows that key)."""
        return next((i for i, c in enumerate(self.columns) if c.sort_key == self._query.sort), -1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by the column's key; selected rows stay selected (persistent indexes follow)."""
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
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
        self._generation += 1
        self._drop_rest()
        self._query = query
        self._ids = self._households.ids(query)
        self._complete = True
        self._rest_after_paint = False
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
        """The row showing ``household_id``, or None when the query does not match it (waits for the
        rest of a background query when the household is not among the rows here yet)."""
        row = self.loaded_row_of(household_id)
        if row is None and not self._complete:
            self.wait_until_complete()
            row = self.loaded_row_of(household_id)
        return row

    def loaded_row_of(self, household_id: str) -> int | None:
        """The row showing ``household_id`` among the rows here now (never waits)."""
        # One scan in C (about 1 ms at 100k ids): cheaper than building a dict for a single lookup.
        try:
            return self._ids.index(household_id)
        except ValueError:
            return None

    def ids(self) -> Sequence[str]:
        """Every id shown, in display order (read-only view; waits for a background query's rest)."""
        self.wait_until_complete()
        return tuple(self._ids)

    def _rows_of(self, wanted: Sequence[str]) -> dict[str, int]:
        wanted_set = set(wanted)
        if len(wanted_set) <= 8:  # the selection, usually: a scan each
            return {i: r for i in wanted_set if (r := self.loaded_row_of(i)) is not None}
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
        if self._rest_after_paint:
            self._painting_started()
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

    def match_column(self) -> int:
        return next(i for i, c in enumerate(self.columns) if c.sort_key == MATCH_COLUMN)

    def _fetch_block(self, number: int) -> dict[str, _DisplayRow]:
        wanted = self._ids[number * BLOCK_SIZE : (number + 1) * BLOCK_SIZE]
        search = self._query.search
        matches = self._households.search_matches(wanted, search) if search.strip() else {}
        block = {r.id: self._display(r, matches.get(r.id)) for r in self._households.rows(wanted)}
        self._blocks[number] = block
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return block

    def _display(self, row: HouseholdRow, match: SearchMatch | None = None) -> _DisplayRow:
        found_by = self._match_text(match) if match is not None else ""
        texts = tuple(found_by if c.sort_key == MATCH_COLUMN else c.text(row) for c in self.columns)
        return _DisplayRow(row.id, texts, row.township_name, row.latest_year)

    def _match_text(self, match: SearchMatch) -> str:
        """ "其木格（妻）", "其木格：身份证号 2113**********0047" — who the search found, and by what."""
        from huimin_desktop.domain.codelists import code_lists
        from huimin_desktop.domain.masking import MASKED

        relationship = code_lists().relationship.name(match.relationship) or match.relationship
        who = self.tr("{name} ({relationship})").format(name=match.name, relationship=relationship)
        if match.field == "id_number":
            return self.tr("{who}: ID {number}").format(who=who, number=MASKED.id_number(match.value))
        if match.field == "phone":
            return self.tr("{who}: phone {number}").format(who=who, number=MASKED.phone(match.value))
        return who


# What each column shows of a row. The core's formatting helpers are imported at the first rows, not
# with the module: the main window imports this before its first paint, and these (code lists, masking)
# are not needed until a station's households show.


def _township(row: HouseholdRow) -> str:
    return row.township_name


def _no_text(_row: HouseholdRow) -> str:
    return ""  # the "found by" column: its text comes with the search's matches


def _village(row: HouseholdRow) -> str:
    return row.village_name


def _household_no(row: HouseholdRow) -> str:
    return row.household_no


def _head_name(row: HouseholdRow) -> str:
    return row.head_name


def _masked_id_number(row: HouseholdRow) -> str:
    """Masked for every role: a list on a screen is read over a shoulder (the editor shows it whole to
    a role that may see it, ``Station.masking``)."""
    from huimin_desktop.domain.masking import MASKED

    return MASKED.id_number(row.head_id_number)


def _ethnicity(row: HouseholdRow) -> str:
    from huimin_desktop.domain.codelists import code_lists

    return code_lists().ethnicity.name(row.ethnicity) or row.ethnicity


def _member_count(row: HouseholdRow) -> str:
    return str(row.member_count)


def _masked_phone(row: HouseholdRow) -> str:
    from huimin_desktop.domain.masking import MASKED

    return MASKED.phone(row.phone)


def _latest_per_capita(row: HouseholdRow) -> str:
    return f"{row.latest_per_capita:,}" if row.latest_per_capita is not None else ""
