"""Screenshots of the 考核 page at city level: the county × month grid and a county's indicators.

Not a test. Run under a virtual screen::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.assessment_screenshots /tmp/assess-shots

Writes ``assessment-grid.png`` (as a maximised window's page shows it) and ``assessment-month.png`` (a
month clicked). Strings not yet in the catalog are translated from resources/translations/incoming/,
as the lead's ``--update --fill`` will, into a scratch copy of the catalog.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QTranslator

from tests.stations import new_station
from tests.ui.shots import save, screen_size, shot_arguments, shot_session
from ui.assessment.page import AssessmentPage
from ui.i18n import TS_FILE
from ui.translation_catalog import INCOMING_DIR, fill_from_incoming, lrelease, lupdate


def incoming_translator(scratch: Path) -> QTranslator:
    """The catalog as it will be once the incoming files are merged (built in ``scratch``)."""
    ts_file, qm_file = scratch / TS_FILE.name, scratch / "incoming.qm"
    shutil.copy(TS_FILE, ts_file)
    lupdate(ts_file)
    fill_from_incoming(ts_file, INCOMING_DIR)
    lrelease(ts_file, qm_file)
    translator = QTranslator()
    translator.load(str(qm_file))
    return translator


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("assessment_screenshots", argv, households=2000)
    with shot_session("huimin-assess-shots-") as session:
        translator = incoming_translator(session.scratch)
        session.app.installTranslator(translator)
        with new_station(
            session.scratch / "city", level="city", name="朝阳市民委", division_code="211300"
        ) as station:
            station.generate_demo(args.households)
            page = AssessmentPage(station, today=dt.date(2026, 11, 20))
            width, height = screen_size()
            page.resize(width - 190, height - 60)  # the navigation column and the title bar
            page.show()
            save(session.app, page, args.outdir / "assessment-grid.png")
            index = page.grid_model.index(1, 10)
            page.grid.setCurrentIndex(index)
            page._cell_clicked(index)
            save(session.app, page, args.outdir / "assessment-month.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
