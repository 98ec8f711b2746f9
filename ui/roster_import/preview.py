"""The preview (and result) of a roster import: counts, then tabs of refused, warnings, the columns that
hold data but are not imported (highlighted, each one a click away from the mapping), added, updated."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.domain.masking import MASKED
from huimin_desktop.services.rosters import RosterEntry, RosterOutcome
from huimin_desktop.spreadsheet.roster_rows import RowNote
from ui.widgets.tables import read_only_table

REFUSED_COLOR = "#b3261e"
WARNING_COLOR = "#8a5a00"
UNMAPPED_BACKGROUND = "#ffe8b3"  # a column whose data would not be imported (here and in the mapping)


def _table(headers: Sequence[str]) -> QTableWidget:
    return read_only_table(QTableWidget(0, len(headers)), headers)


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]], color: str | None = None) -> None:
    table.setRowCount(len(rows))
    brush = QBrush(QColor(color)) if color else None
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if c == 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if brush is not None and c == len(values) - 1:
                item.setForeground(brush)
            table.setItem(r, c, item)


class PreviewPanel(QWidget):
    map_column = Signal(int)  # the index of an unmapped column the user wants to map

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome: RosterOutcome | None = None
        self.summary = QLabel()
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        self.rejected = _table([self.tr("Row"), self.tr("Name"), self.tr("Reason")])
        self.warnings = _table([self.tr("Row"), self.tr("Name"), self.tr("Warning")])
        self.added = _table(
            [self.tr("Row"), self.tr("Head"), self.tr("ID number"), self.tr("Village"), self.tr("Members")]
        )
        self.updated = _table(
            [self.tr("Row"), self.tr("Head"), self.tr("ID number"), self.tr("Village"), self.tr("Members")]
        )
        self.unmapped = _table(
            [self.tr("Column"), self.tr("Header in the file"), self.tr("Rows with a value")]
        )
        self.unmapped.setObjectName("unmappedColumns")
        self.map_button = QPushButton(self.tr("Choose a field for this column…"))
        self.map_button.clicked.connect(self._map_selected)
        self.unmapped.doubleClicked.connect(lambda _index: self._map_selected())
        self.unmapped_page = QWidget()
        page_layout = QVBoxLayout(self.unmapped_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.unmapped, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.map_button)
        page_layout.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def show_outcome(self, outcome: RosterOutcome, names: Mapping[int, str] | None = None) -> None:
        """``names``: the name written in each spreadsheet row, shown beside its refusal or warning."""
        names = names or {}
        added, updated, unchanged = outcome.added, outcome.updated, outcome.unchanged
        if outcome.written:
            text = self.tr("Imported: {added} households added, {updated} updated, {unchanged} unchanged.")
        else:
            text = self.tr(
                "Nothing has been written yet. Importing would add {added} households, update {updated} and "
                "leave {unchanged} unchanged."
            )
        parts = [text.format(added=f"{added:,}", updated=f"{updated:,}", unchanged=f"{unchanged:,}")]
        if outcome.rejected:
            refused = (
                self.tr("{count} rows were refused and not imported.")
                if outcome.written
                else self.tr("{count} rows are refused and will not be imported.")
            )
            parts.append(
                f'<span style="color:{REFUSED_COLOR}"><b>'
                + refused.format(count=f"{len(outcome.rejected):,}")
                + "</b></span>"
            )
        if outcome.villages_created:
            villages = (
                self.tr("Villages created: {names}.")
                if outcome.written
                else self.tr("New villages: {names}.")
            )
            parts.append(villages.format(names=self.tr(", ").join(outcome.villages_created)))
        if outcome.unmapped_columns:
            columns = self.tr(", ").join(
                self.tr("{letter} “{header}”").format(letter=c.column, header=c.header)
                for c in outcome.unmapped_columns
            )
            unmapped = (
                self.tr("{count} columns with data were not imported: {columns}.")
                if outcome.written
                else self.tr("{count} columns hold data that will not be imported: {columns}.")
            )
            parts.append(
                f'<span style="background:{UNMAPPED_BACKGROUND}"><b>'
                + unmapped.format(count=len(outcome.unmapped_columns), columns=columns)
                + "</b></span>"
            )
        parts.append(
            self.tr("Incomes are recorded for the survey year {year} ({reason}).").format(
                year=outcome.year, reason=outcome.year_reason
            )
        )
        self.summary.setText(" ".join(parts))
        self.outcome = outcome
        self._fill_unmapped(outcome)

        _fill(self.rejected, [_note(n, names) for n in outcome.rejected], REFUSED_COLOR)
        _fill(self.warnings, [_note(n, names) for n in outcome.warnings], WARNING_COLOR)
        _fill(self.added, [_entry(e) for e in outcome.added_entries])
        _fill(self.updated, [_entry(e) for e in outcome.updated_entries])
        self.tabs.clear()
        tabs = (
            (self.rejected, self.tr("Refused ({count})"), len(outcome.rejected)),
            (self.warnings, self.tr("Warnings ({count})"), len(outcome.warnings)),
            (self.unmapped_page, self.tr("Not imported columns ({count})"), len(outcome.unmapped_columns)),
            (self.added, self.tr("Added ({count})"), outcome.added),
            (self.updated, self.tr("Updated ({count})"), outcome.updated),
        )
        for widget, title, count in tabs:
            self.tabs.addTab(widget, title.format(count=f"{count:,}"))
        if outcome.unmapped_columns:
            self.tabs.tabBar().setTabTextColor(2, QColor(REFUSED_COLOR))
        # What needs a decision first: refused rows, then columns whose data would be lost.
        self.tabs.setCurrentIndex(0 if outcome.rejected else 2 if outcome.unmapped_columns else 3)

    def _fill_unmapped(self, outcome: RosterOutcome) -> None:
        columns = outcome.unmapped_columns
        _fill(self.unmapped, [[c.column, c.header, f"{c.filled_rows:,}"] for c in columns])
        background = QBrush(QColor(UNMAPPED_BACKGROUND))
        for row in range(self.unmapped.rowCount()):
            for column in range(self.unmapped.columnCount()):
                item = self.unmapped.item(row, column)
                if item is not None:
                    item.setBackground(background)
        self.map_button.setVisible(bool(columns) and not outcome.written)

    def _map_selected(self) -> None:
        if self.outcome is None or self.outcome.written or not self.outcome.unmapped_columns:
            return
        row = max(0, self.unmapped.currentRow())
        self.map_column.emit(self.outcome.unmapped_columns[row].index)


def _note(note: RowNote, names: Mapping[int, str]) -> list[str]:
    return [str(note.row), note.name or names.get(note.row, ""), MASKED.text(note.said())]


def _entry(entry: RosterEntry) -> list[str]:
    return [str(entry.row), entry.name, MASKED.id_number(entry.id_number), entry.village, str(entry.members)]
