"""The 导入花名册… / 导出花名册… actions of the main window's File menu."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

if TYPE_CHECKING:
    from huimin_desktop.services.rosters import ExportSummary
    from ui.operations import Operation
    from ui.roster_import.dialog import RosterImportDialog


class RosterMenu(QObject):
    """Owns the two actions; reads ``window.station`` when triggered (it may change or be None)."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.import_action = QAction(self.tr("&Import household roster…"), window)
        self.export_action = QAction(self.tr("&Export household roster…"), window)
        self.import_action.triggered.connect(self.open_import)
        self.export_action.triggered.connect(self.choose_export)
        menu.addAction(self.import_action)
        menu.addAction(self.export_action)
        self.dialog: RosterImportDialog | None = None
        self.operation: Operation | None = None

    def open_import(self) -> None:
        from ui.roster_import.dialog import RosterImportDialog

        station = getattr(self.window, "station", None)
        if station is None:
            return
        self.dialog = RosterImportDialog(station, self.window)
        self.dialog.open()

    def choose_export(self) -> None:
        station = getattr(self.window, "station", None)
        if station is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export household roster"),
            self.tr("household-roster.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        from ui.operations import Operation, show_message  # after the window's first paint

        station = self.window.station  # type: ignore[attr-defined]
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        full, reason = False, ""
        if station.masking.full:  # whole ID numbers for this role: ask why (or export masked)
            from ui.privacy.reason_dialog import ask_export_reason

            choice = ask_export_reason(self.window, self.tr("roster"))
            if choice is None:
                return
            full, reason = choice.full, choice.reason

        def done(summary: ExportSummary) -> None:
            show_message(
                self.window,
                QMessageBox.Icon.Information,
                self.tr("Roster exported"),
                self.tr(
                    "{households} households ({members} people, survey year {year}) written to {path}."
                ).format(
                    households=f"{summary.households:,}",
                    members=f"{summary.members:,}",
                    year=summary.year,
                    path=summary.path,
                ),
            )

        self.operation = (
            Operation(
                self.window,
                lambda task: station.rosters.export(path, task=task, full=full, reason=reason),
                label=self.tr("Exporting the roster…"),
            )
            .success(done)
            .run_in_background()
        )
