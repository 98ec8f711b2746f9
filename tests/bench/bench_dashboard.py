"""``dashboard`` and ``dashboard-figures``: the 首页 on a city of 100k households, against raw SQL.

One city station filled with ``generate_demo`` (100,000 households, made once per process in a
temporary folder; a minute or two that is not measured); ``HUIMIN_BENCH_DASHBOARD_DATA=DIR`` uses an
existing station instead (read only; it is upgraded if its schema is older), e.g. one made once with
``.venv/bin/python -m tests.bench.bench_dashboard DIR``.

``dashboard`` (DESIGN.md §6: ≤ 300 ms): from making the real ``DashboardPage`` (offscreen, 1366×728,
the program's style sheet) and showing it until its first paint. The page reads the figures on the
worker thread, so the first paint shows the cards waiting for their numbers.

``dashboard-figures``: from making the page until it has painted the figures (``figures_shown``: all
of them, read on the worker thread, and the page painted once more), as a user waits for the
numbers; on stderr also the time until the four charts are drawn, and ``FigureService.figures`` alone.

Baseline of both: the same aggregation as raw SQL, the service's own statements run through a plain
keyed DB-API connection (sqlcipher3) with nothing folded in Python, so the ratio is what the service,
the worker hop and the widgets add to the database's work. Each figure is the median of ``RUNS`` runs
after one unmeasured warm-up (a running program has its file cache and statement cache warm).
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.bench.harness import BenchResult, benchmark
from tests.stations import connect_db, new_station, open_station

HOUSEHOLDS = 100_000
RUNS = 5
PAGE_SIZE = (1366, 728)

_data_dir: Path | None = None
_measured: dict[str, float] = {}


def _station_dir() -> Path:
    global _data_dir
    if _data_dir is not None:
        return _data_dir
    given = os.environ.get("HUIMIN_BENCH_DASHBOARD_DATA")
    if given:
        _data_dir = Path(given)
        return _data_dir
    from huimin_desktop.demo import generate_demo

    scratch = Path(tempfile.mkdtemp(prefix="huimin-bench-dashboard-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    data = scratch / "city"
    with new_station(
        data, level="city", name="朝阳市民族和宗教事务委员会", division_code="211300"
    ) as station:
        generate_demo(station, HOUSEHOLDS)
    _data_dir = data
    return data


def _median_seconds(function: Callable[[], float]) -> float:
    function()  # warm-up
    return statistics.median(function() for _ in range(RUNS))


def _raw_aggregation(data: Path, year: int) -> float:
    """The figures' statements through a plain connection: the seconds of one full reading."""
    from huimin_desktop.services import figures as f
    from huimin_desktop.services.figure_definitions import COVERED_BY_YEAR_SQL

    connection = connect_db(data / "huimin.db")
    baseline = connection.execute("SELECT MIN(year) FROM survey").fetchone()[0]
    statements = [
        (f._SURVEY_YEARS_SQL, {}),
        (f._OTHER_YEARS_SQL, {}),
        (f._HOUSEHOLDS_SQL, {"baseline": baseline, "year": year}),
        (COVERED_BY_YEAR_SQL, {}),
        (f._PROJECTS_SQL, {"year": year}),
        (f._TRAININGS_SQL, {"start": f"{year}-01-01", "end": f"{year + 1}-01-01"}),
        ("SELECT * FROM sync_peer WHERE relation = 'lower'", {}),
    ]

    def run() -> float:
        started = time.perf_counter()
        for sql, parameters in statements:
            connection.execute(sql, parameters).fetchall()
        return time.perf_counter() - started

    try:
        return _median_seconds(run)
    finally:
        connection.close()


class _Screen:
    def __init__(self, data: Path) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from ui.widgets.style import apply_style

        existing = QApplication.instance()
        self.app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
        apply_style(self.app)
        self.station = open_station(data)

    def open_page(self) -> tuple[float, float, float]:
        """Seconds from making the page to its first paint, to the figures painted, to the charts."""
        from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

        from ui.dashboard.page import DashboardPage

        marks: dict[str, float] = {}

        class PaintWatcher(QObject):
            def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    marks.setdefault("painted", time.perf_counter())
                    if "figures" in marks:
                        marks.setdefault("figures painted", time.perf_counter())
                return False

        watcher = PaintWatcher()
        started = time.perf_counter()
        page = DashboardPage(self.station)
        page.body.installEventFilter(watcher)
        page.figures_shown.connect(lambda: marks.setdefault("figures", time.perf_counter()))
        page.charts_built.connect(lambda: marks.setdefault("charts", time.perf_counter()))
        page.resize(*PAGE_SIZE)
        page.show()
        # An event loop, not a processEvents() spin: a spinning GUI thread would take the interpreter
        # from the worker reading the figures, which a real window waiting for events does not.
        loop = QEventLoop()
        page.charts_built.connect(loop.quit)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
        if "charts" not in marks or "figures painted" not in marks:
            raise RuntimeError("the dashboard never showed its figures and charts")
        page.close()
        page.deleteLater()
        self.app.processEvents()
        return (
            marks["painted"] - started,
            marks["figures painted"] - started,
            marks["charts"] - started,
        )

    def close(self) -> None:
        self.station.close()


def _measure() -> dict[str, float]:
    if _measured:
        return _measured
    data = _station_dir()
    screen = _Screen(data)
    try:
        year = screen.station.figures.default_year()
        screen.open_page()  # warm-up
        runs = [screen.open_page() for _ in range(RUNS)]
        service = _median_seconds(lambda: _timed(lambda: screen.station.figures.figures(year)))
    finally:
        screen.close()
    _measured.update(
        first_paint=statistics.median(r[0] for r in runs),
        figures=statistics.median(r[1] for r in runs),
        charts=statistics.median(r[2] for r in runs),
        service=service,
        raw=_raw_aggregation(data, year),
    )
    print(
        "dashboard: charts drawn after {charts:.0f} ms; FigureService.figures alone {service:.0f} ms; "
        "raw SQL {raw:.0f} ms".format(**{k: v * 1000 for k, v in _measured.items()}),
        file=sys.stderr,
    )
    return _measured


def _timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


@benchmark("dashboard")
def dashboard() -> BenchResult:
    measured = _measure()
    return BenchResult(measured["first_paint"] * 1000, "ms", measured["raw"] * 1000, "ms")


@benchmark("dashboard-figures")
def dashboard_figures() -> BenchResult:
    measured = _measure()
    return BenchResult(measured["figures"] * 1000, "ms", measured["raw"] * 1000, "ms")


if __name__ == "__main__":
    from huimin_desktop.demo import generate_demo

    target = Path(sys.argv[1])
    with new_station(target, level="city", name="朝阳市民族和宗教事务委员会", division_code="211300") as made:
        generate_demo(made, HOUSEHOLDS)
    print(f"HUIMIN_BENCH_DASHBOARD_DATA={target}")
