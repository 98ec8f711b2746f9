"""Screenshots of the filtered lists a 首页 click opens (chips under the filters), for looking at.

Not a test. Run under a virtual screen::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.list_filter_screenshots /tmp/lists-shots

Writes ``window-households-covered.png`` (the main window at 1366×728) and ``households-covered.png``
(受益年度 and a township, as a township's bar opens it), ``households-not-surveyed.png`` (with a
search too), ``projects-stage.png`` and ``training-year.png``. Uses a throw-away city station and
settings folder.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from tests.stations import new_station
from ui import operations
from ui.app import create_application
from ui.dashboard.links import HOUSEHOLDS, PROJECTS, TRAINING, ListLink, apply_link
from ui.i18n import CHINESE, install_translators
from ui.widgets.style import apply_style

SIZE = (1366, 700)


def _shoot(app: QApplication, page: QWidget, path: Path) -> None:
    model = getattr(page, "model", None)
    if hasattr(model, "wait_until_complete"):
        model.wait_until_complete()  # type: ignore[union-attr]
    for _ in range(8):
        app.processEvents()
    page.grab().save(str(path))
    print(path)


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or ["/tmp/lists-shots"])[0])
    out.mkdir(parents=True, exist_ok=True)
    operations.set_synchronous(True)
    with tempfile.TemporaryDirectory(prefix="huimin-list-shots-") as tmp:
        scratch = Path(tmp)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))
        app = create_application()
        translators = install_translators(app, CHINESE)  # noqa: F841 - kept alive
        apply_style(app)
        with new_station(
            scratch / "city", level="city", name="朝阳市民委", division_code="211300"
        ) as station:
            station.generate_demo(3000, seed=7)
            from ui.main_window import MainWindow
            from ui.pages.households_page import HouseholdsPage
            from ui.pages.projects_page import ProjectsPage
            from ui.pages.training_page import TrainingPage

            year = max(station.projects.years())
            window = MainWindow(station)
            window.resize(1366, 728)
            window.show()
            households = window.pages["households"]
            assert isinstance(households, HouseholdsPage)
            township = households.township.itemData(2)
            window.open_list(ListLink(HOUSEHOLDS, covered_year=year - 1, township_id=township))
            _shoot(app, window, out / "window-households-covered.png")
            households = HouseholdsPage(station)
            households.editors_enabled = False
            households.resize(*SIZE)
            households.show()
            apply_link(households, ListLink(HOUSEHOLDS, covered_year=year - 1, township_id=township))
            _shoot(app, households, out / "households-covered.png")
            apply_link(households, ListLink(HOUSEHOLDS, year=year, surveyed=False))
            households.search.setText("王")
            households.apply_filters()
            _shoot(app, households, out / "households-not-surveyed.png")
            projects = ProjectsPage(station)
            projects.resize(*SIZE)
            projects.show()
            apply_link(projects, ListLink(PROJECTS, year=year - 1, stage="5", fund_source="fund_provincial"))
            _shoot(app, projects, out / "projects-stage.png")
            training = TrainingPage(station)
            training.resize(*SIZE)
            training.show()
            apply_link(training, ListLink(TRAINING, year=year - 1, township_id=township))
            _shoot(app, training, out / "training-year.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
