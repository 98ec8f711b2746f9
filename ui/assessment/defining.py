"""The 考核 page's 新建指标 / 编辑 / 删除 / 复制到新年度: the city's side of the page, kept apart from
the grid it sits on. Everything goes through the service (services/indicators.py) in an operation.

Deleting an indicator that has progress is refused, not archived, and the dialog says so before
anything is tried: the progress entries and their evidence are the counties' reports (they come up,
never down), and the city's tombstone would take them off the county's station with the next return
package. The city edits such an indicator instead (a note in the standard, an earlier deadline).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from ui.operations import Operation, show_message

if TYPE_CHECKING:
    from huimin_desktop.services.indicators import CopySummary
    from ui.assessment.page import AssessmentPage


class Defining(QObject):
    def __init__(self, page: AssessmentPage) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: QDialog | None = None  # the editor open now (kept alive while it is)
        self.confirm: QMessageBox | None = None
        self.notice: QMessageBox | None = None

    def new(self) -> None:
        from ui.assessment.edit_dialog import IndicatorEditDialog

        self.dialog = dialog = IndicatorEditDialog(
            self.page.station, None, self.page.selected_year(), self.page
        )
        dialog.open()

    def edit(self) -> None:
        from ui.assessment.edit_dialog import IndicatorEditDialog

        chosen = self.page.selected()
        if chosen is None:
            return
        record = self.page.station.indicators.get(chosen.id)
        self.dialog = dialog = IndicatorEditDialog(self.page.station, record, parent=self.page)
        dialog.open()

    def delete(self) -> None:
        chosen = self.page.selected()
        if chosen is None:
            return
        station = self.page.station
        reports = station.indicators.progress_count(chosen.id)
        title = self.tr("Delete indicator")
        if reports:
            self.notice = show_message(
                self.page,
                QMessageBox.Icon.Information,
                title,
                self.tr(
                    "“%1” has %2 progress entries reported by the counties and townships, so it cannot be "
                    "deleted: their reports and evidence would be removed from their stations with the "
                    "next return package. Edit the indicator instead to retire it."
                )
                .replace("%1", chosen.name)
                .replace("%2", str(reports)),
            )
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            self.tr(
                "Delete “%1”, its milestones and reference files? The counties lose it with the next "
                "return package."
            ).replace("%1", chosen.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.page,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.buttonClicked.connect(
            lambda button: (
                self._delete(chosen.id)
                if box.standardButton(button) == QMessageBox.StandardButton.Yes
                else None
            )
        )
        self.confirm = box
        box.open()  # not exec(): the page stays responsive and a test can answer it

    def _delete(self, indicator_id: str) -> None:
        station = self.page.station
        Operation(
            self.page,
            lambda _task: station.indicators.delete(indicator_id, user=station.db.actor.username),
            label=self.tr("Deleting the indicator…"),
        ).run_in_background()

    def copy_year(self, target: int | None = None) -> None:
        """Copy the shown year's indicators to ``target``, asked for when not given."""
        source = self.page.selected_year()
        if target is None:
            target = self._ask_target_year(source)
        if target is None:
            return
        station, to_year = self.page.station, target
        Operation(
            self.page,
            lambda _task: station.indicators.copy_year(source, to_year, user=station.db.actor.username),
            label=self.tr("Copying the indicators…"),
        ).success(self._copied).run_in_background()

    def _ask_target_year(self, source: int) -> int | None:
        target, ok = QInputDialog.getInt(
            self.page,
            self.tr("Copy to a new year"),
            self.tr(
                "Copy the indicators of %1 (with their milestones, not their progress) to the year:"
            ).replace("%1", str(source)),
            source + 1,
            2000,
            2100,
        )
        return target if ok else None

    def _copied(self, summary: CopySummary) -> None:
        text = self.tr("%1 indicators of %2 copied to %3.").replace("%1", str(len(summary.copied)))
        text = text.replace("%2", str(summary.from_year)).replace("%3", str(summary.to_year))
        if summary.skipped:
            text += "\n\n" + self.tr("Not copied:") + "\n" + "\n".join(summary.skipped)
        self.notice = show_message(
            self.page, QMessageBox.Icon.Information, self.tr("Copy to a new year"), text
        )
