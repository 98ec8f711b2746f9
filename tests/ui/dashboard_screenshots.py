"""Screenshots of the 首页 (dashboard) at city and township level, in Chinese, for looking at.

Not a test. Run under a virtual screen::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.dashboard_screenshots /tmp/dashboard-shots [--households N]

Writes ``dashboard-city.png`` (the main window as it opens), ``dashboard-city-bottom.png`` (scrolled to
the tables), ``dashboard-township.png`` and ``dashboard-clicked.png`` (the project list a bar opened).
The city enrolls the demo's townships and, for the picture, notes packages received a few days to two
months ago (the dates a real merge would leave). Strings not yet in the catalog come from
resources/translations/incoming/*.tsv, as the lead's ``--update --fill`` will put them there.
"""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import QCoreApplication, QTranslator
from sqlalchemy import text

from huimin_desktop.demo import generate_demo
from huimin_desktop.paths import RESOURCES_DIR
from huimin_desktop.services.station import Station
from tests.stations import new_station
from tests.ui.shots import save, settle, shot_arguments, shot_session, township_station


class IncomingTranslator(QTranslator):
    """The Chinese of the incoming .tsv files (context, source → translation)."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: dict[tuple[str, str], str] = {}
        for tsv in sorted((RESOURCES_DIR / "translations" / "incoming").glob("*.tsv")):
            for line in tsv.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 3:
                    self.messages[(parts[0], parts[1])] = parts[2].replace("\\n", "\n")

    def isEmpty(self) -> bool:
        return not self.messages

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.messages.get((context, source))  # None: not here, ask the catalog


def _note_packages(station: Station) -> None:
    """Enroll the townships that hold households; note packages from most of them (not the last)."""
    with station.db.reader() as session:
        townships = session.execute(
            text(
                "SELECT DISTINCT t.code, t.name FROM household h JOIN division v ON v.id = h.division_id "
                "JOIN division t ON t.id = v.parent_id ORDER BY t.code"
            )
        ).all()
    out = station.data_dir.parent / "setup"
    out.mkdir(exist_ok=True)
    for code, name in townships:
        station.enrollment.enroll("township", name, code, out / f"{code}.json")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with station.db.session(capture=False) as session:
        for index, (code, _name) in enumerate(townships[:-1]):
            when = now - dt.timedelta(days=(2, 5, 9, 44, 13, 21, 3)[index % 7], hours=index)
            session.execute(
                text(
                    "UPDATE sync_peer SET last_package_at = :at "
                    "WHERE division_code = :code AND relation = 'lower'"
                ),
                {"at": when.isoformat(sep=" "), "code": code},
            )


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("dashboard_screenshots", argv, households=3000)
    with shot_session("huimin-dashboard-shots-") as session:
        extra = IncomingTranslator()
        QCoreApplication.installTranslator(extra)
        from ui.main_window import MainWindow

        app = session.app
        with new_station(
            session.scratch / "city", level="city", name="朝阳市民族和宗教事务委员会", division_code="211300"
        ) as city:
            generate_demo(city, args.households)
            _note_packages(city)
            window = MainWindow(city)
            window.resize(1366, 728)
            window.show()
            settle(app, 20)
            save(app, window, args.outdir / "dashboard-city.png")
            page = window.pages["home"]
            page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
            save(app, window, args.outdir / "dashboard-city-bottom.png")
            page.cards["projects"].click()
            save(app, window, args.outdir / "dashboard-clicked.png")
            window.close()
        with township_station(session.scratch) as township:
            generate_demo(township, 600)
            window = MainWindow(township)
            window.resize(1366, 728)
            window.show()
            settle(app, 20)
            save(app, window, args.outdir / "dashboard-township.png")
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
