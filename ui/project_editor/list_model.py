"""A table model over the ids of a query, with rows fetched in blocks only when the view paints them.

The project and training lists follow the household list (ui/household_list_model.py): the core
filters and sorts in SQL and returns the ordered ids; ``rowCount`` is their number, and ``data()``
asks the core for the block of rows around the one being painted. What a row shows is given by the
page as ``RecordColumn`` functions, so one model serves both lists.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")

BLOCK_SIZE = 200
MAX_BLOCKS = 16
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(frozen=True)
class RecordColumn(Generic[Row]):
    """One column: its header, the text it shows for a row, and whether it is a number."""

    title: str
    text: Callable[[Row], str]
    numeric: bool = False
    tooltip: Callable[[Row], str] | None = None
    width_sample: str | int = 4  # a sample text, or a number of full-width characters
    stretch: bool = False  # takes the room a wide window leaves


class RecordListModel(QAbstractTableModel, Generic[Row]):
    """Rows of ``fetch_rows(ids)`` for the ids ``fetch_ids()`` returns (``refresh`` asks again)."""

    def __init__(
        self,
        columns: Sequence[RecordColumn[Row]],
        fetch_ids: Callable[[], list[str]],
        fetch_rows: Callable[[Sequence[str]], list[Row]],
        row_id: Callable[[Row], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._fetch_ids = fetch_ids
        self._fetch_rows = fetch_rows
        self._row_id = row_id
        self._ids: list[str] = fetch_ids()
        self._blocks: OrderedDict[int, dict[str, Row]] = OrderedDict()

    def set_source(self, fetch_ids: Callable[[], list[str]]) -> None:
        """A new query (filters changed): read its ids, forget the cached rows."""
        self._fetch_ids = fetch_ids
        self.refresh()

    def refresh(self) -> None:
        ids = self._fetch_ids()
        self.beginResetModel()
        self._ids = ids
        self._blocks.clear()
        self.endResetModel()

    # -- ids ------------------------------------------------------------------------------------

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def record_at(self, row: int) -> Row | None:
        """The fetched row (from the cache when it is there)."""
        if not 0 <= row < len(self._ids):
            return None
        number = row // BLOCK_SIZE
        block = self._blocks.get(number)
        if block is None:
            wanted = self._ids[number * BLOCK_SIZE : (number + 1) * BLOCK_SIZE]
            block = {self._row_id(r): r for r in self._fetch_rows(wanted)}
            self._blocks[number] = block
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(number)
        return block.get(self._ids[row])

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
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self.columns[section].numeric else _LEFT
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        role = int(role)
        column = self.columns[index.column()]
        if role == int(Qt.ItemDataRole.TextAlignmentRole):
            return _RIGHT if column.numeric else _LEFT
        if role == int(RECORD_ID_ROLE):
            return self.id_at(index.row())
        if role not in (int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)):
            return None
        record = self.record_at(index.row())
        if record is None:  # deleted since the ids were read
            return None
        if role == int(Qt.ItemDataRole.ToolTipRole):
            return column.tooltip(record) if column.tooltip is not None else None
        return column.text(record)
