"""培训 page: the practical farm-technology training sessions, newest first, with their attendance.

Filters (year, township, search by topic, trainer or venue) run in SQL; the table holds ids and
fetches rows in blocks (``RecordListModel``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from ui.project_editor.list_model import RecordColumn
from ui.project_editor.list_page import RecordListPage, station_townships
from ui.widgets.filter_chips import FilterChips, clear_boxes, combo_chips

if TYPE_CHECKING:
    from huimin_desktop.changes import Changes
    from huimin_desktop.services.project_records import TrainingRow
    from huimin_desktop.services.station import Station
    from huimin_desktop.services.trainings import TrainingQuery


class TrainingPage(RecordListPage):
    """The training list; opening or creating a session opens the training editor window."""

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.setObjectName("trainingPage")
        self.new_button.setToolTip(self.tr("Enter a new training session (Ctrl+N)"))
        self.year = QComboBox()
        self.year.addItem(self.tr("All years"), None)
        for year in station.trainings.years():
            self.year.addItem(str(year), year)
        self.place = QComboBox()
        self.place.addItem(self.tr("All places"), None)
        for township in station_townships(station):
            self.place.addItem(township.name, township.id)
        self.add_filter(self.tr("Year"), self.year)
        self.add_filter(self.tr("Township"), self.place)
        self.finish_filters()
        self.chips = FilterChips(self.clear_filters, self, after=self.place)
        self.chips.install_shortcut(self)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(2, self.chips)  # under the filter row
        self.model.modelReset.connect(self._show_chips)
        self.start()

    def clear_filters(self) -> None:
        """Both filters to "all" and the search emptied: every session, read once."""
        clear_boxes((self.year, self.place), self.search)
        self.refresh()

    def _show_chips(self) -> None:
        boxes = ((self.tr("Year: {value}"), self.year), (self.tr("Township: {value}"), self.place))
        self.chips.show_chips(combo_chips(boxes, self.search, self.refresh))

    def page_title(self) -> str:
        return self.tr("Training")

    def search_hint(self) -> str:
        return self.tr("Topic, trainer or venue")

    def new_text(self) -> str:
        return self.tr("New session")

    def columns(self) -> Sequence[RecordColumn[TrainingRow]]:
        return (
            RecordColumn(self.tr("Date"), lambda r: r.date.isoformat(), width_sample="2024-04-01"),
            RecordColumn(self.tr("Topic"), lambda r: r.topic, width_sample=14, stretch=True),
            RecordColumn(self.tr("Place"), lambda r: r.division_name, width_sample=6),
            RecordColumn(self.tr("Venue"), lambda r: r.place, width_sample=8),
            RecordColumn(self.tr("Trainer"), lambda r: r.trainer, width_sample=4),
            RecordColumn(self.tr("Hours"), lambda r: f"{r.hours:g}", numeric=True, width_sample="100.5"),
            RecordColumn(self.tr("Attendees"), lambda r: str(r.attendee_count), numeric=True, width_sample=3),
        )

    def query(self) -> TrainingQuery:
        from huimin_desktop.services.trainings import TrainingQuery

        return TrainingQuery(
            search=self.search.text().strip(),
            year=self.year.currentData(),
            division_id=self.place.currentData(),
        )

    def shows_changes(self, changes: Changes) -> bool:
        return changes.trainings or changes.divisions

    def fetch_ids(self) -> list[str]:
        return self.station.trainings.ids(self.query())

    def fetch_rows(self, ids: Sequence[str]) -> list[TrainingRow]:
        return self.station.trainings.rows(list(ids))

    def count_text(self) -> str:
        return self.tr("{count} training sessions").format(count=self.model.rowCount())

    def empty_text(self, searching: bool) -> str:
        if searching or self.year.currentData() is not None or self.place.currentData() is not None:
            return self.tr("No training session matches the search and filters.")
        return self.tr("No training sessions yet. Click “New session” (Ctrl+N) to enter one.")

    def show_editor(self, record_id: str | None) -> None:
        from ui.training_editor import open_training_editor

        editor = open_training_editor(self, self.station, record_id)
        if editor is not None:
            editor.saved.connect(self.record_saved)

    def delete_title(self) -> str:
        return self.tr("Delete training session")

    def delete_question(self, row: TrainingRow | None) -> str:
        what = f"{row.date.isoformat()} {row.topic}" if row is not None else ""
        return self.tr(
            "Delete the training session {what}?\n\nIts attendee list is deleted with it. The deletion is "
            "recorded and reaches the other stations with the next sync."
        ).format(what=what)

    def delete_record(self, record_id: str) -> None:
        self.station.trainings.delete(record_id)
