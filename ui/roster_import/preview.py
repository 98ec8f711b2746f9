"""The preview (and result) of a roster import: counts, then tabs of refused, warnings, added, updated."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.domain.idnumber import mask_id_number
from huimin_desktop.services.rosters import RosterEntry, RosterOutcome
from huimin_desktop.spreadsheet.roster_rows import RowNote
from ui.widgets.tables import read_only_table

REFUSED_COLOR = "#b3261e"
WARNING_COLOR = "#8a5a00"


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
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        parts.append(self.tr("Incomes are recorded for the survey year {year}.").format(year=outcome.year))
        self.summary.setText(" ".join(parts))

        _fill(self.rejected, [_note(n, names) for n in outcome.rejected], REFUSED_COLOR)
        _fill(self.warnings, [_note(n, names) for n in outcome.warnings], WARNING_COLOR)
        _fill(self.added, [_entry(e) for e in outcome.added_entries])
        _fill(self.updated, [_entry(e) for e in outcome.updated_entries])
        self.tabs.clear()
        tabs = (
            (self.rejected, self.tr("Refused ({count})"), len(outcome.rejected)),
            (self.warnings, self.tr("Warnings ({count})"), len(outcome.warnings)),
            (self.added, self.tr("Added ({count})"), len(outcome.added_entries)),
            (self.updated, self.tr("Updated ({count})"), len(outcome.updated_entries)),
        )
        for widget, title, count in tabs:
            self.tabs.addTab(widget, title.format(count=f"{count:,}"))
        # The refused rows first when there are any: they are what needs a decision.
        self.tabs.setCurrentIndex(0 if outcome.rejected else 2)


def _note(note: RowNote, names: Mapping[int, str]) -> list[str]:
    return [str(note.row), names.get(note.row, ""), note.reason]


def _entry(entry: RosterEntry) -> list[str]:
    return [str(entry.row), entry.name, mask_id_number(entry.id_number), entry.village, str(entry.members)]
