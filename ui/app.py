"""Starting the GUI: application, translations, font, the station (or the first-start dialog), main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from huimin_desktop import APP_NAME, ORGANIZATION, __version__
from huimin_desktop.paths import resolve_data_dir
from huimin_desktop.store.datafolder import has_station
from ui import crash_log
from ui.i18n import choose_language, install_translators, loaded_catalogs
from ui.widgets.first_paint import after_first_paint
from ui.widgets.style import apply_style

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station
    from ui.login.dialog import LoginDialog

SMOKE_MAIN_WINDOW = "main window shown"
SMOKE_STATION_LOADED = "station loaded"
SMOKE_FIRST_START = "first-start dialog shown"
SMOKE_TRANSLATIONS = "translations:"
SMOKE_LOGIN = "login dialog shown"


# QtMultimedia looks for optional system libraries (PipeWire, VA-API) when it first plays or records and
# writes two warnings for each one it lacks, and a line naming its FFmpeg; none is needed (the FFmpeg
# inside the wheel decodes; PulseAudio or Windows plays), so they only alarm a cadre at a console.
# "PulseAudioService: pa_context_connect() failed" is left: it means there is no sound server.
QUIET_LOGGING_RULES = "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg.info=false"


def quiet_qt_logging() -> None:
    """Add QUIET_LOGGING_RULES to QT_LOGGING_RULES (what the user set there still applies)."""
    rules = os.environ.get("QT_LOGGING_RULES", "")
    if QUIET_LOGGING_RULES not in rules:
        os.environ["QT_LOGGING_RULES"] = ";".join(part for part in (rules, QUIET_LOGGING_RULES) if part)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    quiet_qt_logging()
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    return QApplication(argv if argv is not None else sys.argv[:1])


def _exit_when_shown(app: QApplication, widget: QWidget, line: str) -> None:
    """Smoke start-up: quit right after the first paint of ``widget`` (the event loop has run once)."""

    def done() -> None:
        print(line, flush=True)
        app.exit(0)

    widget.show()
    QTimer.singleShot(0, done)


def _login_dialog(data_dir: Path, parent: QWidget | None) -> LoginDialog:
    from ui.login.dialog import LoginDialog

    return LoginDialog(data_dir, parent, user=os.environ.get("HUIMIN_USER", ""))


def _load_core() -> None:
    """Import the core (SQLAlchemy, SQLCipher, the services): the login dialog shows without it, and
    loading it while the user types spares "Log in" the wait."""
    import huimin_desktop.services.station  # noqa: F401


def log_in(data_dir: Path, parent: QWidget | None = None) -> Station | None:
    """The login dialog (ui/login/): the station opened as the user who logged in, or None if cancelled.
    A recovery code the opening made (a clear folder's first encryption) is shown once."""
    dialog = _login_dialog(data_dir, parent)
    after_first_paint(dialog, _load_core)
    if dialog.exec() != dialog.DialogCode.Accepted or dialog.station is None:
        return None
    show_recovery_code(dialog.station, parent)
    return dialog.station


def show_recovery_code(station: Station, parent: QWidget | None = None) -> None:
    if station.recovery_code:
        from ui.login.recovery import RecoveryCodeDialog

        RecoveryCodeDialog(station.recovery_code, parent).exec()
        station.recovery_code = None


def _open_station(data_dir: Path, *, quiet: bool = False, parent: QWidget | None = None) -> Station | None:
    """The station, or None after telling the user why not (on stderr only when ``quiet``).

    HUIMIN_USER and HUIMIN_PASSWORD both set log in without the dialog (the smoke start-up, the start-up
    benchmark, a kiosk script), like the command line; otherwise the login dialog asks.
    """
    from huimin_desktop.services.station import Station
    from ui.errors import expected_error_message, one_line_reason

    user, password = os.environ.get("HUIMIN_USER"), os.environ.get("HUIMIN_PASSWORD")
    try:
        if user and password is not None:
            return Station.open(data_dir, user, password)
        if quiet:
            return Station.open(data_dir)  # refused: no credentials
        return log_in(data_dir, parent)
    except Exception as error:
        text = expected_error_message(error) or QApplication.translate(
            "App", "The data folder could not be opened.\n\nReason: {reason}"
        ).format(reason=one_line_reason(error))
        if quiet:
            print(text.replace("\n", " "), file=sys.stderr)
        else:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, QApplication.translate("App", "Huimin Desktop"), text)
        return None


def _shutdown_operations() -> None:
    """Wait for background work at quit. ui.operations loads after the first paint, with the first
    operation; when none ran there is nothing to wait for."""
    operations = sys.modules.get("ui.operations")
    if operations is not None:
        operations.shutdown()


def run_gui(
    data_dir: str | os.PathLike[str] | None,
    language: str | None,
    smoke_startup: bool,
    smoke_login: bool = False,
) -> int:
    """Run the desktop program on ``data_dir`` (else HUIMIN_DATA, else the per-user folder); exit code.

    ``smoke_startup`` exits once the first window has painted (and the station has loaded behind it);
    ``smoke_login`` once the login dialog has painted over the main window, as a user sees it.
    """
    app = create_application()
    translators = install_translators(app, choose_language(language))  # kept alive until the end
    if smoke_startup:  # on stderr: stdout's lines are the start-up milestones tests compare
        print(SMOKE_TRANSLATIONS, *loaded_catalogs(translators), file=sys.stderr, flush=True)
    apply_style(app)
    app.aboutToQuit.connect(_shutdown_operations)
    folder = resolve_data_dir(data_dir)
    crash_log.install(folder)  # a bug in a slot: a sealed log and one line, never a traceback

    if has_station(folder):
        return _run_main_window(app, folder, None, smoke_startup, smoke_login)
    from PySide6.QtWidgets import QDialog

    from ui.first_start import FirstStartDialog

    dialog = FirstStartDialog(folder)
    if smoke_startup:
        _exit_when_shown(app, dialog, SMOKE_FIRST_START)
        return app.exec()
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.station is None:
        return 0
    show_recovery_code(dialog.station)
    return _run_main_window(app, folder, dialog.station, smoke_startup)


def _run_main_window(
    app: QApplication, folder: Path, station: Station | None, smoke_startup: bool, smoke_login: bool = False
) -> int:
    """Show the window first, then open the station: the window appears before the core has loaded.

    Importing the core (SQLAlchemy, the models) and opening the database take most of a second on an
    old laptop; a window that is already there, saying it is opening the data folder, feels faster and
    is (the benchmark ``startup`` measures to the first paint, ``startup-ready`` to the loaded station).
    """
    from ui.main_window import MainWindow

    window = MainWindow(station)
    exit_code = 0

    def load() -> None:
        nonlocal exit_code
        if smoke_login:  # the login dialog the user meets, exiting once it has painted
            _exit_when_shown(app, _login_dialog(folder, window), SMOKE_LOGIN)
            return
        opened = _open_station(folder, quiet=smoke_startup, parent=window)
        if opened is None:
            exit_code = 1
            app.exit(1)
            return
        window.switch_station(opened)
        if smoke_startup:
            print(SMOKE_STATION_LOADED, flush=True)
            app.exit(0)

    def shown() -> None:
        if smoke_startup:
            print(SMOKE_MAIN_WINDOW, flush=True)
        if window.station is None:
            QTimer.singleShot(0, load)
        elif smoke_startup:
            app.exit(0)

    window.show()
    QTimer.singleShot(0, shown)
    try:
        return app.exec() or exit_code
    finally:
        _shutdown_operations()
        if window.station is not None:
            window.station.close()
