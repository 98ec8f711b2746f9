"""Screenshots of the main window (every page) and the first-start dialog at 1366×768, for looking at.

Not a test. Run under a virtual screen so fonts and styles are the real ones::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.screenshots /tmp/shots [--households 300]

Writes ``zh-main-<page>.png``, ``zh-first-start*.png``, ``zh-progress.png`` and the same with ``en-``.
Uses a throw-away station and settings folder; nothing of the user's is touched.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from huimin_desktop.demo import generate_demo
from huimin_desktop.services.station import Station
from tests.ui.shots import save, screen_size, shot_arguments, shot_session, township_station
from ui.first_start import FirstStartDialog
from ui.i18n import CHINESE, ENGLISH, install_translators, remove_translators
from ui.main_window import MainWindow
from ui.operations import Operation


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
    args = shot_arguments("python -m tests.ui.screenshots", argv, households=300)
    with shot_session("huimin-shots-", language=None, synchronous=False) as session:
        app, scratch = session.app, session.scratch
        with township_station(scratch) as station:
            if args.households > 0:
                generate_demo(station, args.households)
            for language in (CHINESE, ENGLISH):
                shoot(app, station, scratch, args.outdir, language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
