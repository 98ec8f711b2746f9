"""The column mapping: one row per column of the roster, with the field it is imported as."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from huimin_desktop.spreadsheet.fields import FIELDS
from huimin_desktop.spreadsheet.table import RosterTable

SKIP = ""  # the combo box's "not imported" entry


class MappingTable(QTableWidget):
    """Column letter, header text, an example value, and a combo box choosing the field (or none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Header in the file"), self.tr("First value"), self.tr("Imported as")]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.combos: list[QComboBox] = []

    def show_table(self, table: RosterTable, mapping: dict[str, int]) -> None:
        by_column = {index: key for key, index in mapping.items()}
        first = table.rows[0][1] if table.rows else ()
        self.setRowCount(len(table.columns))
        self.combos = []
        for row, column in enumerate(table.columns):
            example = first[column.index] if column.index < len(first) else None
            for position, text in enumerate(
                (column.letter, column.header, "" if example is None else str(example))
            ):
                self.setItem(row, position, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem(self.tr("(not imported)"), SKIP)
            for field in FIELDS:
                combo.addItem(field.label, field.key)
            combo.setCurrentIndex(max(0, combo.findData(by_column.get(column.index, SKIP))))
            self.setCellWidget(row, 3, combo)
            self.combos.append(combo)

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
