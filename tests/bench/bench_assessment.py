"""``assessment-grid``: the 考核 grid of a city of 100k households, against raw SQL of the same reads.

The station is the dashboard bench's (``HUIMIN_BENCH_DASHBOARD_DATA=DIR`` or one 100k demo made per
process). Measured: ``AssessmentService.grid`` for the demo year (every county's indicators scored,
four of them from figures computed by month). Baseline: the same statements (the grouped queries of
the figures the indicators are bound to, indicators, milestones, progress) through a plain keyed
connection, nothing folded in Python, so the ratio is what the mapping to counties and the scoring
add. Median of ``RUNS`` after a warm-up. The page reads the grid on the worker thread.

Measured on the shared 2-core machine (others running): 3.4–4.4 s, ratio 0.8–1.3: the two figures
over every survey of the year (surveys done, average income increase) are nearly all of it.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from tests.bench.bench_dashboard import _station_dir
from tests.bench.harness import BenchResult, benchmark
from tests.stations import connect_db, open_station

RUNS = 5
YEAR = 2026  # the demo's last program year
TODAY = dt.date(2026, 11, 20)


def _median(function: Callable[[], object]) -> float:
    def once() -> float:
        started = time.perf_counter()
        function()
        return time.perf_counter() - started

    once()
    return statistics.median(once() for _ in range(RUNS))


def _raw(data_dir: Path) -> float:
    from huimin_desktop.services import bound_figures as b

    connection = connect_db(data_dir / "huimin.db")
    params: dict[str, object] = {"year": YEAR, "year_text": f"{YEAR:04d}"}
    earliest = connection.execute("SELECT min(year) FROM survey WHERE deleted = 0").fetchone()[0]
    params["baseline"] = earliest if earliest is not None and earliest < YEAR else -1  # figure_definitions
    bound = {row[0] for row in connection.execute("SELECT DISTINCT figure FROM indicator WHERE figure != ''")}
    statements = [(sql, params) for name, sql in b._SUMMED.items() if name in bound]
    if "income_increase" in bound:
        statements.append((b._INCOME, params))
    statements += [
        ("SELECT id, parent_id, level FROM division", {}),
        ("SELECT * FROM indicator WHERE year = :year AND deleted = 0", params),
        (
            "SELECT m.* FROM indicator_milestone m JOIN indicator i ON i.id = m.indicator_id "
            "WHERE i.year = :year AND m.deleted = 0",
            params,
        ),
        (
            "SELECT p.* FROM indicator_progress p JOIN indicator i ON i.id = p.indicator_id "
            "WHERE i.year = :year AND p.deleted = 0",
            params,
        ),
    ]

    def run() -> None:
        for sql, parameters in statements:
            connection.execute(sql, parameters).fetchall()

    try:
        return _median(run)
    finally:
        connection.close()


@benchmark("assessment-grid")
def assessment_grid() -> BenchResult:
    data = _station_dir()
    station = open_station(data)
    try:
        measured = _median(lambda: station.assessment.grid(YEAR, TODAY))
    finally:
        station.close()
    return BenchResult(measured * 1000, "ms", _raw(data) * 1000, "ms")
