"""Screenshots of the 报表 page at city level and of its print preview, in Chinese.

Not a test. Run under a virtual screen::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.reports_screenshots /tmp/reports-shots

Writes ``reports-page.png`` (the page as a maximised window shows it), ``reports-preview.png`` (the
print preview of all five tables, as big as the screen) and ``reports-preview-income.png`` (the
农户增收情况表 alone).
"""

from __future__ import annotations

import datetime as dt
import sys

from tests.stations import new_station
from tests.ui.assessment_screenshots import incoming_translator
from tests.ui.shots import save, screen_size, shot_arguments, shot_session
from ui.reports.page import ReportsPage


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("reports_screenshots", argv, households=3000)
    with shot_session("huimin-reports-shots-") as session:
        translator = incoming_translator(session.scratch)  # kept alive: Qt does not own it
        session.app.installTranslator(translator)
        with new_station(
            session.scratch / "city", level="city", name="朝阳市民族和宗教事务委员会", division_code="211300"
        ) as station:
            station.generate_demo(args.households)
            station.reports._today = lambda: dt.date(2026, 12, 3)
            page = ReportsPage(station)
            width, height = screen_size()
            page.resize(width - 190, height - 60)  # the navigation column and the title bar
            page.show()
            save(session.app, page, args.outdir / "reports-page.png")
            for key, name in (("all", "reports-preview.png"), ("income", "reports-preview-income.png")):
                page.table.setCurrentIndex(page.table.findData(key))
                page.show_preview()
                dialog = page.preview_dialog
                assert dialog is not None
                dialog.resize(width, height - 30)
                dialog.show()
                save(session.app, dialog, args.outdir / name)
                dialog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
