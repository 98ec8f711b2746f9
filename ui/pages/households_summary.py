"""农户 page for now: a read-only summary of the station (the household list comes with its own issue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ui.pages.base import Page, make_card, muted_label
from ui.station_levels import level_name

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station


class HouseholdsSummaryPage(Page):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title.setText(self.tr("Households"))
        self.station = station
        card = make_card()
        form = QFormLayout(card)
        form.setContentsMargins(18, 14, 18, 14)
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(10)
        self.station_name = QLabel()
        self.station_level = QLabel()
        self.division_code = QLabel()
        self.household_count = QLabel()
        self.household_count.setObjectName("bigNumber")
        form.addRow(self.tr("Station:"), self.station_name)
        form.addRow(self.tr("Level:"), self.station_level)
        form.addRow(self.tr("Division code:"), self.division_code)
        form.addRow(self.tr("Households:"), self.household_count)
        self.body.addWidget(card)
        self.placeholder = muted_label(
            self.tr(
                "The household list (search, entry and editing, door-to-door surveys) comes with the next "
                "version."
            )
        )
        self.body.addWidget(self.placeholder)
        self.finish()
        self.refresh()

    def refresh(self) -> None:
        info = self.station.info()
        self.station_name.setText(info.name)
        self.station_level.setText(level_name(info.level))
        self.division_code.setText(info.division_code)
        count = self.station.households.count()
        self.household_count.setText(self.tr("{count} households").format(count=count))
