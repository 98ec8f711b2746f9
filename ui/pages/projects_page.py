"""项目档案 page: every project of the station with its place, year, stage, funds and beneficiaries.

Filters (year, category, township, search by code or name) run in SQL; the table holds ids and fetches
rows in blocks (``RecordListModel``). Under the table: how many projects match and their funds in 万元.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from huimin_desktop.domain.amounts import format_wan_yuan
from huimin_desktop.domain.codelists import code_lists
from ui.project_editor.list_model import RecordColumn
from ui.project_editor.list_page import RecordListPage, station_townships
from ui.widgets.filter_chips import FilterChips, clear_boxes, combo_chips

if TYPE_CHECKING:
    from huimin_desktop.changes import Changes
    from huimin_desktop.services.project_records import ProjectRow
    from huimin_desktop.services.projects import ProjectQuery
    from huimin_desktop.services.station import Station


class ProjectsPage(RecordListPage):
    """The project list; opening or creating a project opens the project editor window."""

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.setObjectName("projectsPage")
        self.new_button.setToolTip(self.tr("Enter a new project (Ctrl+N)"))
        self.year = QComboBox()
        self.year.addItem(self.tr("All years"), None)
        for year in station.projects.years():
            self.year.addItem(str(year), year)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        for code, name in code_lists().project_category.items():
            self.category.addItem(name, code)
        self.stage = QComboBox()
        self.stage.addItem(self.tr("All stages"), None)
        from huimin_desktop.services.projects import FUNDS, stage_name, stage_order

        self.stage.addItem(self.tr("Not submitted"), "")  # stage_name("") is 未申报, no code list's
        for code in stage_order():
            self.stage.addItem(stage_name(code), code)
        self.source = QComboBox()
        self.source.addItem(self.tr("All sources"), None)
        sources = {
            "fund_provincial": self.tr("Provincial special funds"),
            "fund_local": self.tr("City and county matching"),
            "fund_integrated": self.tr("Integrated funds"),
            "fund_self": self.tr("Self-raised"),
        }
        for key, name in FUNDS.items():
            self.source.addItem(sources.get(key, name), key)
        self.place = QComboBox()
        self.place.addItem(self.tr("All places"), None)
        for node in station_townships(station):
            self.place.addItem(node.name, node.id)
        self.add_filter(self.tr("Year"), self.year)
        self.add_filter(self.tr("Category"), self.category)
        self.add_filter(self.tr("Stage"), self.stage)
        self.add_filter(self.tr("Funds source"), self.source)
        self.add_filter(self.tr("Township"), self.place)
        self.finish_filters()
        self.chips = FilterChips(self.clear_filters, self, after=self.place)
        self.chips.install_shortcut(self)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(2, self.chips)  # under the filter row
        self.model.modelReset.connect(self._show_chips)
        self.start()

    def filter_boxes(self) -> tuple[QComboBox, ...]:
        return (self.year, self.category, self.stage, self.source, self.place)

    def clear_filters(self) -> None:
        """Every filter to "all" and the search emptied: the whole list, read once."""
        clear_boxes(self.filter_boxes(), self.search)
        self.refresh()

    def _show_chips(self) -> None:
        boxes = (
            (self.tr("Year: {value}"), self.year),
            (self.tr("Category: {value}"), self.category),
            (self.tr("Stage: {value}"), self.stage),
            (self.tr("Funds from: {value}"), self.source),
            (self.tr("Township: {value}"), self.place),
        )
        self.chips.show_chips(combo_chips(boxes, self.search, self.refresh))

    # -- hooks ------------------------------------------------------------------------------------

    def page_title(self) -> str:
        return self.tr("Project archives")

    def search_hint(self) -> str:
        return self.tr("Project code or part of the name")

    def new_text(self) -> str:
        return self.tr("New project")

    def columns(self) -> Sequence[RecordColumn[ProjectRow]]:
        categories = code_lists().project_category
        from huimin_desktop.services.projects import stage_name

        return (
            RecordColumn(self.tr("Code"), lambda r: r.code, width_sample="MZ2025-211381-001"),
            RecordColumn(self.tr("Name"), lambda r: r.name, width_sample=12, stretch=True),
            RecordColumn(
                self.tr("Category"), lambda r: categories.name(r.category) or r.category, width_sample=8
            ),
            RecordColumn(self.tr("Place"), lambda r: r.division_name, width_sample=6),
            RecordColumn(self.tr("Year"), lambda r: str(r.year), numeric=True, width_sample="2024"),
            RecordColumn(self.tr("Stage"), lambda r: stage_name(r.stage), width_sample=3),
            RecordColumn(
                self.tr("Funds (10k yuan)"),
                lambda r: format_wan_yuan(r.total_funds),
                numeric=True,
                width_sample="1,234.5678",
            ),
            RecordColumn(
                self.tr("Beneficiary households"),
                lambda r: self.tr("{all} ({minority} minority)").format(
                    all=r.beneficiary_count, minority=r.minority_count
                ),
                numeric=True,
                width_sample=10,
            ),
        )

    def query(self) -> ProjectQuery:
        from huimin_desktop.services.projects import ProjectQuery

        return ProjectQuery(
            search=self.search.text().strip(),
            year=self.year.currentData(),
            category=self.category.currentData(),
            stage=self.stage.currentData(),
            fund_source=self.source.currentData(),
            division_id=self.place.currentData(),
        )

    def shows_changes(self, changes: Changes) -> bool:
        return changes.projects or changes.divisions

    def fetch_ids(self) -> list[str]:
        return self.station.projects.ids(self.query())

    def fetch_rows(self, ids: Sequence[str]) -> list[ProjectRow]:
        return self.station.projects.rows(list(ids))

    def count_text(self) -> str:
        totals = self.station.projects.totals(self.query())
        return self.tr(
            "{count} projects · funds {total} (10k yuan): provincial {provincial}, city and county "
            "{local}, integrated {integrated}, self-raised {own}"
        ).format(
            count=totals.count,
            total=format_wan_yuan(totals.total_funds),
            provincial=format_wan_yuan(totals.fund_provincial),
            local=format_wan_yuan(totals.fund_local),
            integrated=format_wan_yuan(totals.fund_integrated),
            own=format_wan_yuan(totals.fund_self),
        )

    def empty_text(self, searching: bool) -> str:
        filtered = searching or any(combo.currentData() is not None for combo in self.filter_boxes())
        if filtered:
            return self.tr("No project matches the search and filters.")
        return self.tr("No projects yet. Click “New project” (Ctrl+N) to enter one.")

    def show_editor(self, record_id: str | None) -> None:
        from ui.project_editor import open_project_editor

        editor = open_project_editor(self, self.station, record_id)
        if editor is not None:
            editor.saved.connect(self.record_saved)

    def delete_title(self) -> str:
        return self.tr("Delete project")

    def delete_question(self, row: ProjectRow | None) -> str:
        name = f"{row.name} ({row.code})" if row is not None else ""
        return self.tr(
            "Delete the project {name}?\n\nIts stage history and beneficiary list are deleted with it. "
            "The deletion is recorded and reaches the other stations with the next sync."
        ).format(name=name)

    def delete_record(self, record_id: str) -> None:
        self.station.projects.delete(record_id)
