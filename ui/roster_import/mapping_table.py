"""The column mapping: one row per column of the roster, with the field it is imported as.

A column that holds data but is imported as nothing is highlighted (the colour of the preview's "not
imported columns" tab) until a field is chosen for it: what it holds would otherwise not be imported.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from huimin_desktop.domain.masking import MASKED, Masking
from huimin_desktop.spreadsheet.cells import cell_text
from huimin_desktop.spreadsheet.fields import CHECK_COLUMNS, FIELDS, ROW_NUMBER
from huimin_desktop.spreadsheet.table import RosterTable
from ui.roster_import.preview import UNMAPPED_BACKGROUND

SKIP = ""  # the combo box's "not imported" entry
FIELD_COLUMN = 4


class MappingTable(QTableWidget):
    """Column letter, header text, an example value, how many rows have a value, and a combo box
    choosing the field (or none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels(
            [
                self.tr("Column"),
                self.tr("Header in the file"),
                self.tr("First value"),
                self.tr("Rows with a value"),
                self.tr("Imported as"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # keeps the highlight visible
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.combos: list[QComboBox] = []
        self.filled: list[int] = []
        self.recognised: set[int] = set()  # 序号 and the checked totals: not data to import

    def show_table(self, table: RosterTable, mapping: dict[str, int], masking: Masking = MASKED) -> None:
        """``masking``: how the example values show ID numbers, birth dates and phones (Station.masking;
        by the field a column is taken as, and wherever a number stands in any other)."""
        by_column = {index: key for key, index in mapping.items()}
        first = table.first_row
        self.setRowCount(len(table.columns))
        self.combos = []
        self.filled = [table.filled[c.index] if c.index < len(table.filled) else 0 for c in table.columns]
        self.recognised = {c.index for c in table.columns if c.role == ROW_NUMBER or c.role in CHECK_COLUMNS}
        for row, column in enumerate(table.columns):
            example = first[column.index] if column.index < len(first) else None
            shown = masking.cell(by_column.get(column.index), example)
            texts = (column.letter, column.header, cell_text(shown), f"{self.filled[row]:,}")
            for position, text in enumerate(texts):
                self.setItem(row, position, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem(self.tr("(not imported)"), SKIP)
            for field in FIELDS:
                combo.addItem(field.label, field.key)
            combo.setCurrentIndex(max(0, combo.findData(by_column.get(column.index, SKIP))))
            combo.currentIndexChanged.connect(lambda _index, row=row: self._highlight(row))
            self.setCellWidget(row, FIELD_COLUMN, combo)
            self.combos.append(combo)
            self._highlight(row)

    def is_unmapped(self, row: int) -> bool:
        """The column holds data and no field is chosen for it."""
        return bool(self.filled[row]) and not self.combos[row].currentData() and row not in self.recognised

    def _highlight(self, row: int) -> None:
        brush = QBrush(QColor(UNMAPPED_BACKGROUND)) if self.is_unmapped(row) else QBrush()
        for column in range(FIELD_COLUMN):
            item = self.item(row, column)
            if item is not None:
                item.setBackground(brush)
                item.setToolTip(
                    self.tr("This column holds data that will not be imported: choose a field for it.")
                    if self.is_unmapped(row)
                    else ""
                )

    def focus_column(self, index: int) -> None:
        """Make column ``index``'s row current and put the keyboard on its field choice."""
        if not 0 <= index < len(self.combos):
            return
        self.setCurrentCell(index, FIELD_COLUMN)
        self.scrollTo(self.model().index(index, 0))
        self.combos[index].setFocus()

    def mapping(self) -> dict[str, int]:
        """Field → column; when two columns name the same field the first one counts."""
        chosen: dict[str, int] = {}
        for index, combo in enumerate(self.combos):
            key = combo.currentData()
            if key and key not in chosen:
                chosen[key] = index
        return chosen

    def set_field(self, column: int, key: str) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(key)))
