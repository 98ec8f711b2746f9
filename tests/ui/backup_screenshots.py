"""Screenshots of the backups (issue 13): the settings page's backup card, the 备份到U盘 dialog after a
backup, the restore dialog with its confirmation. ``xvfb-run -a -s "-screen 0 1366x768x24" env
QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.ui.backup_screenshots /tmp/backup-shots``"""

from __future__ import annotations

import sys

from huimin_desktop.services.station import Station
from tests.ui.shots import save, settle, shot_arguments, shot_session
from ui import operations
from ui.backup.dialogs import DriveBackupDialog, RestoreDialog
from ui.main_window import MainWindow


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("backup_screenshots", argv)
    with shot_session("backup-shots-") as session, operations.synchronous():
        app, out = session.app, args.outdir
        demo = session.scratch / "huimin-demo"
        station, _created = Station.open_demo(demo)
        station.generate_demo(30, seed=3, attachments_mb=2)
        station.backups.take("daily")
        stick = session.scratch / "KINGSTON"
        stick.mkdir()
        station.backups.to_drive(stick)

        window = MainWindow(station)
        window.resize(1280, 720)
        window.show()
        window.show_page("settings")
        settle(app)
        save(app, window, out / "settings-backups.png")

        dialog = DriveBackupDialog(station, window)
        dialog.picker.set_folder(stick)
        dialog.show()
        dialog.run_backup()
        save(app, dialog, out / "backup-to-stick.png")
        dialog.close()

        restore = RestoreDialog(station, window)
        restore.show()
        restore.list.setCurrentRow(0)
        restore.start.click()
        settle(app)
        save(app, restore, out / "restore-dialog.png")
        if restore.confirm_box is not None:
            save(app, restore.confirm_box, out / "restore-confirm.png")
            restore.confirm_box.close()
        restore.close()
        window.close()
        station.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
