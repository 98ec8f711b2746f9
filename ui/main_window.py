"""The main window: navigation on the left (农户 … 设置), one page per entry, menus and status bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from huimin_desktop.paths import ICONS_DIR
from huimin_desktop.store.datafolder import has_station
from ui import preferences
from ui.pages.placeholder import PlaceholderPage
from ui.station_levels import level_name

if TYPE_CHECKING:
    # The core loads after the window is first shown (see ui/app.py); only type checkers see it here.
    # Classes the first paint does without are imported where they are used (each costs its enums).
    from PySide6.QtGui import QCloseEvent

    from huimin_desktop.services.station import Station
    from ui.first_start import FirstStartDialog
    from ui.login.dialog import LoginDialog
    from ui.login.lock import IdleLock

NAVIGATION_MIN_WIDTH = 128
# Around the widest label: the icon and its gap, the item's padding and margins (style.py), the border.
NAVIGATION_EXTRA = 24 + 8 + 2 * 10 + 2 * 6 + 8
# Fits a 1366×768 laptop with the Windows task bar; larger screens get this size, smaller ones less.
PREFERRED_SIZE = QSize(1280, 760)
MINIMUM_SIZE = QSize(960, 600)


@dataclass(frozen=True)
class NavigationEntry:
    key: str
    label: str
    icon: str
    make_page: Callable[[], QWidget]


class MainWindow(QMainWindow):
    def __init__(self, station: Station | None, parent: QWidget | None = None) -> None:
        """``station`` may come later (``switch_station``): the window then shows "opening…" first."""
        super().__init__(parent)
        self.station = station
        self.login_dialog: LoginDialog | None = None  # open while another data folder asks who logs in
        self.idle_lock: IdleLock | None = None
        self.entries: list[NavigationEntry] = []
        self.pages: dict[str, QWidget] = {}

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(24, 24))
        self.stack = QStackedWidget()
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.station_label = QLabel()
        self.folder_label = QLabel()
        self.statusBar().addWidget(self.station_label)
        self.statusBar().addPermanentWidget(self.folder_label)

        self._build_menus()
        self.page_actions: list[QAction] = []
        if station is None:
            self._show_opening()
        else:
            self._load_station(station)
        self.setMinimumSize(MINIMUM_SIZE)
        self._restore_geometry()

    # -- building ---------------------------------------------------------------------------------

    def _navigation_entries(self) -> list[NavigationEntry]:
        def page(make: Callable[[Station], QWidget]) -> Callable[[], QWidget]:
            # Pages are made once a station is open (_load_station); "opening…" shows none of them.
            return lambda: make(self._open_station())

        return [
            NavigationEntry("home", self.tr("Overview"), "home.svg", page(self._dashboard_page)),
            NavigationEntry("households", self.tr("Households"), "households.svg", page(_households_page)),
            NavigationEntry("projects", self.tr("Project archives"), "projects.svg", page(_projects_page)),
            NavigationEntry("training", self.tr("Training"), "training.svg", page(_training_page)),
            NavigationEntry("assessment", self.tr("Assessment"), "assessment.svg", page(_assessment_page)),
            NavigationEntry("sync", self.tr("Sync"), "sync.svg", page(_sync_page)),
            NavigationEntry("reports", self.tr("Reports"), "reports.svg", page(_reports_page)),
            NavigationEntry("settings", self.tr("Settings"), "settings.svg", page(self._settings_page)),
        ]

    def _dashboard_page(self, station: Station) -> QWidget:
        from ui.dashboard.page import DashboardPage

        dashboard = DashboardPage(station)
        dashboard.open_list.connect(self.open_list)
        return dashboard

    def open_list(self, link: object) -> None:
        """A click on the dashboard: that list page, its filters set to what was clicked."""
        from ui.dashboard.links import ListLink, apply_link

        if not isinstance(link, ListLink) or link.page not in self.pages:
            return
        apply_link(self.pages[link.page], link)
        self.show_page(link.page)

    def _settings_page(self, station: Station) -> QWidget:
        from ui.pages.settings_page import SettingsPage

        settings = SettingsPage(station.data_dir, station=station)
        settings.idle_minutes_changed.connect(self._idle_lock().set_minutes)
        if settings.backups is not None:
            settings.backups.restored.connect(self._reload_after_restore)
        return settings

    def _reload_after_restore(self) -> None:
        """A restore replaced the data under the open station: every page reads it again."""
        from PySide6.QtCore import QTimer

        self._close_editors()  # what they held stays as drafts
        station = self._open_station()
        QTimer.singleShot(0, self, lambda: self._load_station(station))  # not inside the page's own signal

    def show_users(self) -> None:
        """The user list (ui/login/users_page.py) in a window of its own."""
        from ui.login.users_page import UsersWindow

        self.users_window = UsersWindow(self._open_station(), self)
        self.users_window.show()

    def show_public_notice(self) -> None:
        """公示 (ui/public_notice/dialog.py): the year's beneficiaries, saved as .xlsx or printed."""
        from ui.public_notice.dialog import open_public_notice

        self.public_notice_dialog = open_public_notice(self, self.station)

    def show_audit_log(self) -> None:
        """The audit log viewer (ui/audit/viewer.py) in a window of its own."""
        from ui.audit.viewer import AuditWindow

        self.audit_window = AuditWindow(self._open_station(), self)
        self.audit_window.show()

    def _idle_lock(self) -> IdleLock:
        """The idle lock (ui/login/lock.py), made with the first station."""
        if self.idle_lock is None:
            from ui.login.lock import IdleLock

            self.idle_lock = IdleLock(
                self, lambda: self.station, preferences.read(preferences.IDLE_LOCK_MINUTES)
            )
        return self.idle_lock

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_folder_action = QAction(self.tr("&Open data folder…"), self)
        self.open_folder_action.triggered.connect(self.choose_data_folder)
        file_menu.addAction(self.open_folder_action)
        self.users_action = QAction(self.tr("&Users…"), self)
        self.users_action.triggered.connect(self.show_users)
        self.users_action.setVisible(False)  # administrators only, once a station is open
        file_menu.addAction(self.users_action)
        self.audit_action = QAction(self.tr("&Audit log…"), self)
        self.audit_action.triggered.connect(self.show_audit_log)
        self.audit_action.setVisible(False)  # reviewers and administrators, once a station is open
        file_menu.addAction(self.audit_action)
        file_menu.addSeparator()
        from ui.roster_import.menu import RosterMenu  # 导入花名册… / 导出花名册…

        self.roster_menu = RosterMenu(self, file_menu)
        self.public_notice_action = QAction(self.tr("&Public notice of beneficiaries…"), self)
        self.public_notice_action.triggered.connect(self.show_public_notice)
        file_menu.addAction(self.public_notice_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        from ui.help_menu import HelpMenu  # manual (F1), data folder, about

        self.help_menu = HelpMenu(self, self.menuBar().addMenu(self.tr("&Help")), lambda: self.station)

    def _add_shortcuts(self) -> None:
        """The keyboard shortcuts, added with the pages they lead to (once), after the first paint.

        The first ``setShortcut`` builds PySide's ``Qt`` namespace (about a hundred Python enums, 13 ms
        or more on an old laptop), which the first paint does without: until the station has opened,
        the navigation is disabled and there is nothing for a shortcut to reach.
        """
        if self.page_actions:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence

        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.open_folder_action.setShortcut(QKeySequence.StandardKey.Open)
        self.help_menu.add_shortcuts()
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        for index in range(8):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, row=index: self.show_page_at(row))
            self.addAction(action)
            self.page_actions.append(action)

    def _show_opening(self) -> None:
        """The navigation at once, with one "opening the data folder" page until the station arrives."""
        self.station = None
        self.entries = self._navigation_entries()
        self._fill_navigation()
        opening = PlaceholderPage(self.tr("Opening the data folder…"), "", [])
        self.stack.addWidget(opening)
        self.navigation.setEnabled(False)
        self.setWindowTitle(self.tr("Huimin Desktop"))

    def _fill_navigation(self) -> int:
        metrics = self.navigation.fontMetrics()
        width = max(
            NAVIGATION_MIN_WIDTH,
            *(metrics.horizontalAdvance(e.label) + NAVIGATION_EXTRA for e in self.entries),
        )
        self.navigation.setFixedWidth(width)
        for index, entry in enumerate(self.entries):
            item = QListWidgetItem(QIcon(str(ICONS_DIR / entry.icon)), entry.label)
            item.setToolTip(f"{entry.label}  (Ctrl+{index + 1})")
            item.setSizeHint(QSize(width - 16, 44))
            self.navigation.addItem(item)
        return width

    def _load_station(self, station: Station) -> None:
        self._add_shortcuts()
        self.station = station
        self._idle_lock()
        from huimin_desktop.security.roles import MANAGE_USERS, READ_AUDIT

        self.users_action.setVisible(station.db.actor.can(MANAGE_USERS))
        self.audit_action.setVisible(station.db.actor.can(READ_AUDIT))
        current = max(0, self.navigation.currentRow())
        self.navigation.clear()
        while (page := self.stack.widget(0)) is not None:
            self.stack.removeWidget(page)
            page.deleteLater()
        self.entries = self._navigation_entries()
        self.pages = {}
        self._fill_navigation()
        for entry in self.entries:
            page = entry.make_page()
            self.pages[entry.key] = page
            self.stack.addWidget(page)
        self.navigation.setEnabled(True)
        self.navigation.setCurrentRow(min(current, len(self.entries) - 1))

        info = station.info()
        self.setWindowTitle(
            self.tr("{app} — {station}").format(app=self.tr("Huimin Desktop"), station=info.name)
        )
        self.station_label.setText(
            self.tr("Station: {name} ({level})").format(name=info.name, level=level_name(info.level))
        )
        self.folder_label.setText(self.tr("Data folder: {path}").format(path=station.data_dir))
        self.folder_label.setToolTip(str(station.data_dir))

    def _restore_geometry(self) -> None:
        saved = preferences.read(preferences.MAIN_WINDOW_GEOMETRY)
        if not saved.isEmpty() and self.restoreGeometry(saved):
            return
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        size = QSize(PREFERRED_SIZE)
        if available is not None:
            size = size.boundedTo(QSize(available.width() - 24, available.height() - 48))
            size = size.expandedTo(MINIMUM_SIZE)
        self.resize(size)
        if available is not None:
            frame = self.frameGeometry()
            frame.moveCenter(available.center())
            self.move(frame.topLeft())

    # -- navigation -------------------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        self.show_page_at([entry.key for entry in self.entries].index(key))

    def show_page_at(self, row: int) -> None:
        if 0 <= row < self.navigation.count():
            self.navigation.setCurrentRow(row)

    def current_page_key(self) -> str:
        return self.entries[self.navigation.currentRow()].key

    def navigation_labels(self) -> list[str]:
        return [self.navigation.item(row).text() for row in range(self.navigation.count())]

    # -- actions ----------------------------------------------------------------------------------

    def choose_data_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = self.station.data_dir.parent if self.station is not None else Path.home()
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open data folder"), str(start))
        if folder:
            self.open_data_folder(Path(folder))

    def open_data_folder(self, folder: Path) -> None:
        """Switch to another station; a folder without one gets the first-start dialog."""
        if self.station is not None and folder.resolve() == self.station.data_dir.resolve():
            return
        if not has_station(folder):
            from ui.first_start import FirstStartDialog

            dialog = FirstStartDialog(folder, self)
            dialog.accepted.connect(lambda: self._first_start_done(dialog))
            dialog.open()
            return

        from ui.login.dialog import LoginDialog

        self.login_dialog = LoginDialog(folder, self)
        self.login_dialog.accepted.connect(self._logged_in)
        self.login_dialog.open()

    def _logged_in(self) -> None:
        dialog, self.login_dialog = self.login_dialog, None
        if dialog is not None and dialog.station is not None:
            from ui.app import show_recovery_code

            show_recovery_code(dialog.station, self)
            self.switch_station(dialog.station)

    def _first_start_done(self, dialog: FirstStartDialog) -> None:
        if dialog.station is not None:
            from ui.app import show_recovery_code

            show_recovery_code(dialog.station, self)
            self.switch_station(dialog.station)

    def _open_station(self) -> Station:
        if self.station is None:
            raise RuntimeError("no station is open yet")
        return self.station

    def switch_station(self, station: Station) -> None:
        from ui.household_editor import offer_pending_drafts

        previous = self.station
        if previous is not None and previous is not station:
            self._close_editors()
        self._load_station(station)
        if previous is not None and previous is not station:
            previous.close()
        offer_pending_drafts(self, station)

    @staticmethod
    def _close_editors() -> None:
        """Editor windows belong to the station they were opened on; what they hold stays as drafts."""
        import sys

        editors: list = []
        # Editors only exist once their module was imported (each on demand).
        for module in ("ui.household_editor.editor", "ui.project_editor.editor", "ui.training_editor.editor"):
            if module in sys.modules:
                editors += sys.modules[module].open_editors()
        for editor in editors:
            editor.close_keeping_draft()

    def show_about(self) -> None:
        self.help_menu.show_about()

    def closeEvent(self, event: QCloseEvent) -> None:
        preferences.write(preferences.MAIN_WINDOW_GEOMETRY, self.saveGeometry())
        self._close_editors()
        super().closeEvent(event)


def _households_page(station: Station) -> QWidget:
    # Imported when the page is made (after the first paint), like the other pages.
    from ui.pages.households_page import HouseholdsPage

    return HouseholdsPage(station)


def _projects_page(station: Station) -> QWidget:
    from ui.pages.projects_page import ProjectsPage

    return ProjectsPage(station)


def _training_page(station: Station) -> QWidget:
    from ui.pages.training_page import TrainingPage

    return TrainingPage(station)


def _assessment_page(station: Station) -> QWidget:
    from ui.assessment.page import AssessmentPage

    return AssessmentPage(station)


def _reports_page(station: Station) -> QWidget:
    from ui.reports.page import ReportsPage

    return ReportsPage(station)


def _sync_page(station: Station) -> QWidget:
    from ui.pages.sync_page import SyncPage

    return SyncPage(station)
