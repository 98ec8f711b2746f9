"""Screenshots of the household list at city level (乡镇 column, "found by" while searching), for looking at.

Not a test. Run under a virtual screen::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.city_list_screenshots /tmp/shots

Writes ``city-list.png`` and ``city-list-search.png``. Uses a throw-away station and settings folder.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from huimin_desktop.demo import generate_demo
from tests.stations import new_station
from ui import operations
from ui.app import create_application
from ui.i18n import CHINESE, install_translators
from ui.pages.households_page import HouseholdsPage
from ui.widgets.style import apply_style


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or ["/tmp/entry-shots"])[0])
    out.mkdir(parents=True, exist_ok=True)
    operations.set_synchronous(True)
    with tempfile.TemporaryDirectory(prefix="huimin-city-shots-") as tmp:
        scratch = Path(tmp)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))
        app = create_application()
        translators = install_translators(app, CHINESE)  # noqa: F841 - kept alive
        apply_style(app)
        folder = scratch / "city"
        with new_station(folder, level="city", name="朝阳市民委", division_code="211300") as station:
            generate_demo(station, 300)
            page = HouseholdsPage(station)
            page.editors_enabled = False
            page.resize(1366, 700)
            page.show()
            for _ in range(8):
                app.processEvents()
            page.grab().save(str(out / "city-list.png"))
            page.search.setText("宝")
            page.apply_filters()
            page.model.wait_until_complete()
            for _ in range(8):
                app.processEvents()
            page.grab().save(str(out / "city-list-search.png"))
            print(out / "city-list.png", out / "city-list-search.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
