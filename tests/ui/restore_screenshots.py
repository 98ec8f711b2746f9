"""Screenshots of 从备份恢复 on a new laptop (issue 13): the first-start dialog with its fourth choice, the
restore dialog after the check, with a wrong password, with the recovery code, and refusing a folder that
is no backup; then Help → 错误日志… with two logs and the one line a bug in a slot shows.
``xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python -m
tests.ui.restore_screenshots /tmp/restore-shots``

Strings not yet in the compiled catalog are shown in Chinese from ``resources/translations/incoming/``
(what the lead's ``--fill`` will put there), so the pictures show the screens as they will ship."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household
from tests.stations import TEST_PASSWORD, new_station
from tests.ui.shots import save, settle, shot_arguments, shot_session
from ui.first_start import FirstStartDialog
from ui.translation_catalog import incoming_translations


class IncomingTranslator(QTranslator):
    """The incoming .tsv translations, for strings the .qm does not have yet."""

    def __init__(self) -> None:
        super().__init__()
        self.table = incoming_translations()

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.table.get((context, source))  # None (a null QString): ask the next translator

    def isEmpty(self) -> bool:
        return not self.table


def _backup(scratch: Path) -> Path:
    with new_station(
        scratch / "old-laptop", level="township", name="马友营蒙古族乡", division_code="211381204000"
    ) as old:
        add_household(old, "宝斯鲁", "211381198001010019")
        stick = scratch / "KINGSTON"
        stick.mkdir()
        return old.backups.to_drive(stick).folder


def _failure_logs(app: QApplication, station: Station, out: Path) -> None:
    import argparse

    from huimin_desktop.cli.failures import log_bug
    from ui import crash_log
    from ui.main_window import MainWindow

    try:
        raise RuntimeError("UNIQUE constraint failed: household.id")
    except RuntimeError as error:
        log_bug(error, argparse.Namespace(data=str(station.data_dir)))
    crash_log.install(station.data_dir)
    try:
        raise ValueError("invalid literal for int() with base 10: '三'")
    except ValueError as error:
        crash_log.excepthook(ValueError, error, error.__traceback__)
    window = MainWindow(station)
    window.resize(1280, 720)
    window.show()
    settle(app)
    for box in crash_log.shown:
        save(app, box, out / "crash-message.png")
        box.close()
    window.help_menu.update_actions()
    window.help_menu.logs_action.trigger()
    viewer = window.help_menu.log_viewer
    assert viewer is not None
    save(app, viewer, out / "failure-logs.png")
    viewer.close()
    window.close()
    crash_log.uninstall()
    station.close()


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("restore_screenshots", argv)
    with shot_session("restore-shots-") as session:
        app, out = session.app, args.outdir
        incoming = IncomingTranslator()
        app.installTranslator(incoming)
        backup = _backup(session.scratch)
        first = FirstStartDialog(session.scratch / "new-laptop")
        first.show()
        settle(app)
        save(app, first, out / "first-start.png")

        dialog = first.open_restore()
        not_a_backup = session.scratch / "DCIM"
        not_a_backup.mkdir()
        dialog.check(not_a_backup)
        save(app, dialog, out / "restore-not-a-backup.png")
        dialog.check(backup)
        save(app, dialog, out / "restore-checked.png")
        dialog.password.setText("wrong-password")
        dialog.run_restore()
        save(app, dialog, out / "restore-wrong-password.png")
        dialog.with_code.setChecked(True)
        dialog.code.setText("7K3Q-M9TX-2BHD-XXXX")
        save(app, dialog, out / "restore-recovery-code.png")
        dialog.with_password.setChecked(True)
        dialog.password.setText(TEST_PASSWORD)
        dialog.run_restore()
        first.close()
        assert first.station is not None, dialog.login_error.text()
        _failure_logs(app, first.station, out)
        app.removeTranslator(incoming)
    return 0


if __name__ == "__main__":
    sys.exit(main())
