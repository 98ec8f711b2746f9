"""The Help menu: the user manual (inside the program, offline), the data folder, and About.

The manual is Markdown under docs/manual/ (shipped in the build); a QTextBrowser shows it with its
pictures and follows its links between chapters, so nothing needs a browser or the network. About says
the version, the data folder and how big the database is, which a clerk on the phone to the city office
is asked first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from huimin_desktop import __version__
from huimin_desktop.domain.sizes import human_size
from huimin_desktop.paths import MANUAL_DIR

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station

MANUAL_INDEX = MANUAL_DIR / "index.md"


def database_size(data_dir: Path) -> int:
    """The database with its write-ahead log (what the folder's data costs on disk, attachments aside)."""
    return sum(path.stat().st_size for path in data_dir.glob("huimin.db*") if path.is_file())


class HelpMenu:
    """Builds the Help menu of ``window``; ``station()`` is the open station or None."""

    def __init__(self, window: QMainWindow, menu: QMenu, station: Callable[[], Station | None]) -> None:
        self.window = window
        self.station = station
        self.manual_window: QWidget | None = None
        self.manual_action = QAction(QCoreApplication.translate("HelpMenu", "User &manual"), window)
        self.manual_action.triggered.connect(self.show_manual)
        self.folder_action = QAction(QCoreApplication.translate("HelpMenu", "Show the data &folder"), window)
        self.folder_action.triggered.connect(self.show_data_folder)
        self.about_action = QAction(QCoreApplication.translate("HelpMenu", "&About"), window)
        self.about_action.triggered.connect(self.show_about)
        # administrators only (the service refuses the others): shown as the menu opens, for whoever is in
        self.logs_action = QAction(QCoreApplication.translate("HelpMenu", "Failure &logs…"), window)
        self.logs_action.triggered.connect(self.show_failure_logs)
        self.log_viewer: QWidget | None = None
        for action in (self.manual_action, self.folder_action, self.logs_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.about_action)
        menu.aboutToShow.connect(self.update_actions)
        self.update_actions()

    def update_actions(self) -> None:
        from huimin_desktop.security.roles import READ_LOGS

        station = self.station()
        self.logs_action.setVisible(station is not None and station.db.actor.can(READ_LOGS))

    def show_failure_logs(self) -> None:
        from ui.log_viewer import LogViewer

        station = self.station()
        if station is None:
            return
        self.log_viewer = LogViewer(station, self.window)
        self.log_viewer.show()

    def add_shortcuts(self) -> None:
        """F1 for the manual: set after the first paint (see MainWindow._add_shortcuts)."""
        self.manual_action.setShortcut(QKeySequence.StandardKey.HelpContents)

    def show_manual(self) -> None:
        from ui.manual_window import ManualWindow

        if self.manual_window is None:
            self.manual_window = ManualWindow(MANUAL_INDEX, self.window)
        self.manual_window.show()
        self.manual_window.raise_()
        self.manual_window.activateWindow()

    def show_data_folder(self) -> None:
        station = self.station()
        if station is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(station.data_dir)))

    def about_text(self) -> str:
        app = QCoreApplication.translate("HelpMenu", "Huimin Desktop")
        version = QCoreApplication.translate("HelpMenu", "Version {version}").format(version=__version__)
        purpose = QCoreApplication.translate(
            "HelpMenu",
            "Household surveys, project archives, training, assessment and USB sync for the "
            'ethnic-minority "828" program of Chaoyang City, Liaoning. Works offline.',
        )
        parts = [f"<h3>{app}</h3>", f"<p>{version}</p>", f"<p>{purpose}</p>"]
        station = self.station()
        if station is not None:
            folder = station.data_dir
            where = QCoreApplication.translate("HelpMenu", "Data folder: {path}").format(path=folder)
            size = QCoreApplication.translate("HelpMenu", "Database size: {size}").format(
                size=human_size(database_size(folder))
            )
            parts.append(f"<p>{where}<br>{size}</p>")
        return "".join(parts)

    def show_about(self) -> None:
        QMessageBox.about(
            self.window,
            QCoreApplication.translate("HelpMenu", "About {app}").format(
                app=QCoreApplication.translate("HelpMenu", "Huimin Desktop")
            ),
            self.about_text(),
        )
