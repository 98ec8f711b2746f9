"""Screenshots of the audit log viewer (issue 13), in Chinese: every line of a demo station's day, and the
same filtered to one user's changes. ``xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb
.venv/bin/python -m tests.ui.audit_screenshots /tmp/audit-shots``

Until the lead merges the session's translations into the catalog, the strings of new screens are only
in resources/translations/incoming/*.tsv: this script builds a scratch catalog with them (the shared .ts
and .qm are left alone) so the screenshot shows the Chinese a user will see."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from huimin_desktop.services.station import Station
from tests.core.sync_helpers import set_household
from tests.ui.shots import save, shot_arguments, shot_session
from ui.audit.viewer import AuditWindow


def scratch_translator(app: QApplication, folder: Path) -> QTranslator | None:
    """The catalog with the incoming translations filled in, built in ``folder`` and installed."""
    from ui import translation_catalog as catalog

    ts_file, qm_file = folder / "catalog.ts", folder / "catalog.qm"
    shutil.copy(catalog.TS_FILE, ts_file)
    catalog.lupdate(ts_file)
    catalog.fill_from_incoming(ts_file)
    catalog.lrelease(ts_file, qm_file)
    translator = QTranslator(app)
    if not translator.load(str(qm_file)):
        return None
    app.installTranslator(translator)
    return translator


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("audit_screenshots", argv)
    with shot_session("audit-shots-") as session:
        app, out = session.app, args.outdir
        session.translators.append(scratch_translator(app, session.scratch))  # type: ignore[arg-type]
        demo = session.scratch / "huimin-demo"
        station, _created = Station.open_demo(demo)
        station.generate_demo(30, seed=3)
        station.users.create("wang.li", "王丽", "entry", password="wang-pass")
        station.users.create("zhao.min", "赵敏", "reviewer", password="zhao-pass")
        station.users.set_role("wang.li", "reviewer")
        station.close()
        clerk = Station.open(demo, "wang.li", "wang-pass")
        for household in clerk.households.ids()[:4]:
            set_household(clerk, household, phone="13904210000", address="三组")
        clerk.rosters.export(session.scratch / "roster.xlsx", reason="核对低保名单")
        clerk.close()

        station = Station.open(demo, "zhao.min", "zhao-pass")
        viewer = AuditWindow(station)
        viewer.resize(1280, 680)
        viewer.show()
        save(app, viewer, out / "audit-log.png")
        viewer.user.setCurrentIndex(viewer.user.findData("wang.li"))
        viewer.action.setCurrentIndex(viewer.action.findData("update"))
        viewer.use_from.setChecked(True)
        save(app, viewer, out / "audit-log-filtered.png")
        viewer.close()
        station.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
