"""Screenshots of the main window (every page) and the first-start dialog at 1366×768, for looking at.

Not a test. Run under a virtual screen so fonts and styles are the real ones::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.screenshots /tmp/shots [--households 300]

Writes ``zh-main-<page>.png``, ``zh-first-start*.png``, ``zh-progress.png`` and the same with ``en-``.
Uses a throw-away station and settings folder; nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from huimin_desktop.demo import generate_demo
from huimin_desktop.services.station import Station
from ui.app import create_application
from ui.first_start import FirstStartDialog
from ui.i18n import CHINESE, ENGLISH, install_translators, remove_translators
from ui.main_window import MainWindow
from ui.operations import Operation
from ui.widgets.style import apply_style


def screen_size() -> tuple[int, int]:
    """The virtual screen less a task bar's height, as a maximised window would be."""
    size = QGuiApplication.primaryScreen().size()
    return size.width(), size.height() - 40


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(path)


def shoot(app: QApplication, station: Station, scratch: Path, out: Path, language: str) -> None:
    translators = install_translators(app, language)
    prefix = "zh" if language == CHINESE else "en"
    try:
        window = MainWindow(station)
        window.resize(*screen_size())
        window.move(0, 0)
        window.show()
        for key in [entry.key for entry in window.entries]:
            window.show_page(key)
            save(app, window, out / f"{prefix}-main-{key}.png")

        operation = Operation(window, lambda _task: None, label=window.tr("Opening the data folder…"))
        operation._open_progress_dialog()
        dialog = operation.progress_dialog
        assert dialog is not None
        operation._show_progress(700, 2000, "生成农户")
        dialog.show()
        save(app, dialog, out / f"{prefix}-progress.png")
        dialog.hide()
        window.close()

        first = FirstStartDialog(scratch / f"empty-{prefix}")
        first.show()
        save(app, first, out / f"{prefix}-first-start.png")
        first.ok_button.click()  # empty name: the inline messages
        save(app, first, out / f"{prefix}-first-start-invalid.png")
        first.level.setCurrentIndex(first.level.findData("city"))
        save(app, first, out / f"{prefix}-first-start-city.png")
        first.close()
    finally:
        remove_translators(app, translators)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.ui.screenshots")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--households", type=int, default=300)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="huimin-shots-") as tmp:
        scratch = Path(tmp)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))
        app = create_application()
        apply_style(app)
        with Station.create(
            scratch / "station", level="township", name="马友营蒙古族乡", division_code="211381204000"
        ) as station:
            if args.households > 0:
                generate_demo(station, args.households)
            for language in (CHINESE, ENGLISH):
                shoot(app, station, scratch, args.outdir, language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
