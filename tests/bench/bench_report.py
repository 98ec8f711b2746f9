"""``report``: the five official tables of a city of 100k households to .xlsx, against raw SQL.

The station is the dashboard bench's (``bench_dashboard._station_dir``: 100,000 demo households made
once per process, or ``HUIMIN_BENCH_DASHBOARD_DATA=DIR``), so running both shares the set-up.

Measured: ``station.reports.export`` (the figures, the tables' own counts, the indicators scored, the
tree rolled up, the workbook written). Baseline (DESIGN.md §6, target ratio ≤ 2): the same figures as
raw SQL, every statement the service runs (``services.figures``' and ``services.reports``'), through a
plain keyed DB-API connection, rows fetched, nothing folded and no workbook. Each is the median of
``RUNS`` runs after an unmeasured warm-up.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.bench.bench_dashboard import _station_dir
from tests.bench.harness import BenchResult, benchmark
from tests.stations import connect_db, open_station

RUNS = 5
YEAR = 2026


def _median(function: Callable[[], float]) -> float:
    function()
    return statistics.median(function() for _ in range(RUNS))


def _statements(baseline: int) -> list[tuple[str, dict[str, object]]]:
    from huimin_desktop.services import figures as f
    from huimin_desktop.services import reports as r
    from huimin_desktop.services.figure_definitions import COVERED_BY_YEAR_SQL

    training = {"first": f"{YEAR}-01-01", "after": f"{YEAR + 1}-01-01"}
    return [
        (f._SURVEY_YEARS_SQL, {}),
        (f._LIVE_YEAR_SQL, {"year": baseline}),
        (f._HOUSEHOLDS_SQL, {"baseline": baseline, "year": YEAR}),
        (COVERED_BY_YEAR_SQL, {}),
        (f._PROJECTS_SQL, {"year": YEAR}),
        (f._TRAININGS_SQL, {"start": training["first"], "end": training["after"]}),
        ("SELECT id, code, name, level, parent_id FROM division WHERE deleted = 0", {}),
        (r.INCOME_SQL, {"year": YEAR, "baseline": baseline, "goal": 1000}),
        (r.TRAINING_SQL, training),
        (r.TRAINED_HOUSEHOLDS_SQL, training),
        ("SELECT * FROM indicator WHERE deleted = 0 AND year = :year", {"year": YEAR}),
        ("SELECT * FROM indicator_milestone WHERE deleted = 0", {}),
        ("SELECT * FROM indicator_progress WHERE deleted = 0 ORDER BY date, created_stamp, id", {}),
    ]


def _raw(data: Path) -> float:
    connection = connect_db(data / "huimin.db")
    try:
        baseline = connection.execute("SELECT MIN(year) FROM survey WHERE deleted = 0").fetchone()[0]
        statements = _statements(baseline)

        def run() -> float:
            started = time.perf_counter()
            for sql, parameters in statements:
                connection.execute(sql, parameters).fetchall()
            return time.perf_counter() - started

        return _median(run)
    finally:
        connection.close()


@benchmark("report")
def report() -> BenchResult:
    data = _station_dir()
    baseline = _raw(data)
    with open_station(data) as station, tempfile.TemporaryDirectory(prefix="huimin-bench-report-") as out:
        target = Path(out) / "report.xlsx"

        def run() -> float:
            started = time.perf_counter()
            station.reports.export(target, YEAR)
            return time.perf_counter() - started

        measured = _median(run)
        build = _median(lambda: _timed(lambda: station.reports.build(YEAR)))
    print(f"report: tables alone {build:.3f} s, raw SQL {baseline:.3f} s", file=sys.stderr)
    return BenchResult(measured, "s", baseline)


def _timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started
