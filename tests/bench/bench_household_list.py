"""``list-first-rows``, ``list-filter``, ``list-filter-boxes``: the household list at 100k, against raw SQL.

All run on one city station filled with ``generate_demo`` (100,000 households, made once per process
in a temporary folder; about 40 s that is not measured). ``HUIMIN_BENCH_LIST_DATA=DIR`` uses an existing
station instead (read only), e.g. one made once with ``.venv/bin/python -m tests.bench.bench_household_list
DIR`` and reused between runs.

``list-first-rows``: from creating the ``HouseholdListModel`` and the page's table view showing it
(``HouseholdTableView``, offscreen, 1280×700, the program's style sheet) until the view has painted
its first rows: the first page of ids (the page reads the rest in the background; untimed here, but
waited for before the next run), the first block of rows and the paint. Baseline: plain ``sqlite3`` on
the same file running the SELECT of the first page (200 rows, the columns the list shows, village and
township joined) ordered by head name.

``list-filter``: one search keystroke on the real ``HouseholdsPage``: what its search timer runs
after the pause in typing (``apply_filters``: ``set_query``, keeping the selection, the count) until
the table has painted the first matching rows, for terms of one, two and more characters: pinyin
initials, Chinese characters (common and rare), ID-number tails, a phone fragment. Baseline: plain
``sqlite3`` running the same first-page SELECT with the same ``search_text LIKE`` filter. Each side is
the median over the terms of each term's median run. On stderr, per term: the keystroke, the time until
every match is in the list (the page reads the rest in the background and then shows the count), and
the raw SQL; and the slowest term's keystroke. Each keystroke starts from the whole list, fully read.

``list-filter-boxes``: the filter boxes a dashboard link sets (受益年度, surveyed or not in a year,
a township, a project, one with a search too), set on the real page from the whole list until the
table has painted the first matching rows. Baseline: the same first-page SELECT with the same filter
in plain SQL. Per case on stderr, with the time until every match is in the list.

Every timing is the median of ``RUNS`` runs after one unmeasured warm-up (the file cache and
SQLAlchemy's statement cache are warm in a running program). Per-term figures go to stderr.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from tests.bench.harness import BenchResult, benchmark
from tests.stations import new_station, open_station

HOUSEHOLDS = 100_000
RUNS = 5
FIRST_PAGE = 200
# One character (pinyin letter, common and rare Chinese character, digit), two (pinyin-initials pair,
# rare pair, ID-number tail), three or more (ID-number tail, phone fragment, full pinyin, initials).
SEARCH_TERMS = ("b", "王", "登", "9", "bs", "qx", "19", "宝音", "0019", "1388", "baoyin", "bsl")
VIEW_SIZE = (1280, 700)

_ROWS_SQL = """
SELECT h.id, v.name, coalesce(t.name, ''), h.household_no, h.head_name, h.head_id_number, h.ethnicity,
       h.member_count, h.phone, h.latest_year, h.latest_net_income, h.latest_per_capita
FROM household AS h
JOIN division AS v ON h.division_id = v.id
LEFT JOIN division AS t ON v.parent_id = t.id
WHERE h.deleted = 0 {filter}
ORDER BY h.head_name_sort, h.id  -- the list's order: pinyin (migration 0005)
LIMIT {limit}
"""

_data_dir: Path | None = None


def _station_dir() -> Path:
    """The 100k-household city station both benchmarks read (made once per process)."""
    global _data_dir
    if _data_dir is not None:
        return _data_dir
    given = os.environ.get("HUIMIN_BENCH_LIST_DATA")
    if given:
        _data_dir = Path(given)
        return _data_dir
    from huimin_desktop.demo import generate_demo

    scratch = Path(tempfile.mkdtemp(prefix="huimin-bench-list-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    data = scratch / "city"
    with new_station(
        data, level="city", name="朝阳市民族和宗教事务委员会", division_code="211300"
    ) as station:
        generate_demo(station, HOUSEHOLDS)
    _data_dir = data
    return data


def _median_seconds(function: Callable[[], object], runs: int = RUNS) -> float:
    function()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _raw_connection(data: Path) -> sqlite3.Connection:
    """The station's database opened straight through the driver (SQLCipher, keyed: the same file)."""
    from huimin_desktop.store.engine import connect

    with open_station(data) as station:
        key = station.db.data_key
    connection: sqlite3.Connection = connect(data / "huimin.db", key)
    return connection


def _raw_first_page(data: Path, term: str | None) -> float:
    connection = _raw_connection(data)
    try:
        if term is None:
            sql, args = _ROWS_SQL.format(filter="", limit=FIRST_PAGE), ()
        else:
            sql = _ROWS_SQL.format(filter="AND h.search_text LIKE ?", limit=FIRST_PAGE)
            args = (f"%{term.lower()}%",)

        def query() -> None:
            rows = connection.execute(sql, args).fetchall()
            assert rows

        return _median_seconds(query)
    finally:
        connection.close()


class _Screen:
    """A QApplication (offscreen unless told otherwise), the open station and a way to settle a view."""

    def __init__(self, data: Path) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from ui.widgets.style import apply_style

        existing = QApplication.instance()
        self.app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
        apply_style(self.app)
        self.station = open_station(data)

    def paint(self, view: object) -> None:
        """Process events until the view's viewport has painted (its visible rows asked for their data)."""
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QTableView

        assert isinstance(view, QTableView)
        painted: list[bool] = []

        class PaintWatcher(QObject):
            def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    painted.append(True)
                return False

        watcher = PaintWatcher()
        view.viewport().installEventFilter(watcher)
        try:
            view.viewport().update()
            deadline = time.perf_counter() + 10
            while not painted and time.perf_counter() < deadline:
                self.app.processEvents()
            if not painted:
                raise RuntimeError("the household list never painted")
        finally:
            view.viewport().removeEventFilter(watcher)

    def close(self) -> None:
        self.station.close()


def _first_rows_seconds(screen: _Screen) -> float:
    from ui.household_list_model import HouseholdListModel
    from ui.pages.households_page import HouseholdTableView

    def open_list() -> float:
        started = time.perf_counter()
        model = HouseholdListModel(screen.station.households, background=True)  # as the page makes it
        view = HouseholdTableView(model)
        view.resize(*VIEW_SIZE)
        view.show()
        screen.paint(view)
        seconds = time.perf_counter() - started
        # Untimed: the rest of the ids (read behind the shown rows), then the list goes away.
        assert model.cached_blocks() >= 1
        model.wait_until_complete()
        assert model.rowCount() == HOUSEHOLDS
        view.close()
        view.deleteLater()
        screen.app.processEvents()
        return seconds

    open_list()  # warm-up
    return statistics.median(open_list() for _ in range(RUNS))


def _filter_seconds(screen: _Screen) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Each term typed into the real page's search box; the timer's pause itself is not counted.

    Returns per term the keystroke (until the first matching rows are painted), the time until every
    match is in the list, and the GUI thread's CPU time in the keystroke (a figure that a busy machine
    inflates less than the wall clock).
    """
    from ui.pages.households_page import HouseholdsPage

    page = HouseholdsPage(screen.station)
    page.resize(*VIEW_SIZE)
    page.show()
    screen.paint(page.table)

    def settle() -> float:
        """Process events until the background read of the rest has arrived; the seconds it took."""
        started = time.perf_counter()
        deadline = started + 30
        while not page.model.is_complete and time.perf_counter() < deadline:
            screen.app.processEvents()
            time.sleep(0.001)
        if not page.model.is_complete:
            raise RuntimeError("the rest of the matches never arrived")
        return time.perf_counter() - started

    def keystroke(term: str) -> tuple[float, float, float]:
        page.search.setText("")  # back to the whole list first, untimed
        page.apply_filters()
        screen.paint(page.table)
        settle()
        page.search.setText(term)
        started, cpu_started = time.perf_counter(), time.thread_time()
        page.apply_filters()  # what the search timer runs after the pause
        screen.paint(page.table)
        seconds, cpu = time.perf_counter() - started, time.thread_time() - cpu_started
        assert page.model.cached_blocks() >= 1  # the painted rows were read
        complete = seconds + settle()
        assert page.model.query.search == term and page.model.rowCount() > 0
        assert "…" not in page.count_label.text()
        return seconds, complete, cpu

    first: dict[str, float] = {}
    whole: dict[str, float] = {}
    cpu: dict[str, float] = {}
    try:
        for term in SEARCH_TERMS:
            keystroke(term)  # warm-up
            runs = [keystroke(term) for _ in range(RUNS)]
            first[term] = statistics.median(r[0] for r in runs)
            whole[term] = statistics.median(r[1] for r in runs)
            cpu[term] = statistics.median(r[2] for r in runs)
    finally:
        page.close()
        page.deleteLater()
        screen.app.processEvents()
    return first, whole, cpu


def _report(
    name: str,
    program: dict[str, float],
    whole: dict[str, float],
    cpu: dict[str, float],
    raw: dict[str, float],
) -> None:
    for term, seconds in program.items():
        print(
            f"  {name} {term!r} ({len(term)} characters): {seconds * 1000:.1f} ms "
            f"(GUI thread CPU {cpu[term] * 1000:.1f} ms), every match {whole[term] * 1000:.1f} ms "
            f"(raw SQL {raw[term] * 1000:.1f} ms)",
            file=sys.stderr,
        )
    slowest = max(program, key=program.__getitem__)
    print(f"  {name} slowest keystroke: {slowest!r} {program[slowest] * 1000:.1f} ms", file=sys.stderr)


@benchmark("list-first-rows")
def list_first_rows() -> BenchResult:
    data = _station_dir()
    screen = _Screen(data)
    try:
        seconds = _first_rows_seconds(screen)
    finally:
        screen.close()
    baseline = _raw_first_page(data, None)
    return BenchResult(seconds * 1000, "ms", baseline * 1000, "ms")


@benchmark("list-filter")
def list_filter() -> BenchResult:
    data = _station_dir()
    screen = _Screen(data)
    try:
        program, whole, cpu = _filter_seconds(screen)
    finally:
        screen.close()
    raw = {term: _raw_first_page(data, term) for term in SEARCH_TERMS}
    _report("list-filter", program, whole, cpu, raw)
    return BenchResult(
        statistics.median(program.values()) * 1000, "ms", statistics.median(raw.values()) * 1000, "ms"
    )


# -- list-filter-boxes ----------------------------------------------------------------------------

_COVERED_RAW = (
    "h.id IN (SELECT b.household_id FROM project_beneficiary b JOIN project p ON p.id = b.project_id "
    "WHERE p.year = ? AND b.deleted = 0 AND p.deleted = 0)"
)
_SURVEYED_RAW = "EXISTS (SELECT 1 FROM survey s WHERE s.household_id = h.id AND s.year = ? AND s.deleted = 0)"


@dataclass(frozen=True)
class _BoxCase:
    name: str
    boxes: dict[str, object]  # the households page's combo boxes (and "search") as a link sets them
    raw_filter: str  # the same filter in plain SQL, for the baseline
    raw_args: tuple[object, ...]


def _box_cases(data: Path) -> list[_BoxCase]:
    with open_station(data) as station, station.db.reader() as session:
        year = max(station.projects.years())
        # the survey year with the fewest surveys: some households are not surveyed in it
        sparse = session.execute(
            text("SELECT year FROM survey WHERE deleted = 0 GROUP BY year ORDER BY COUNT(*) LIMIT 1")
        ).scalar()
        township = session.execute(text("SELECT id FROM division WHERE level = 'township' LIMIT 1")).scalar()
        project = session.execute(
            text(
                "SELECT project_id FROM project_beneficiary WHERE deleted = 0 GROUP BY project_id "
                "ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar()
    return [
        _BoxCase("covered", {"covered": year}, _COVERED_RAW, (year,)),
        _BoxCase("surveyed", {"year": sparse, "survey": True}, _SURVEYED_RAW, (sparse,)),
        _BoxCase("not surveyed", {"year": sparse, "survey": False}, f"NOT {_SURVEYED_RAW}", (sparse,)),
        _BoxCase("township", {"township": township}, "v.parent_id = ?", (township,)),
        _BoxCase(
            "township covered",
            {"township": township, "covered": year},
            f"v.parent_id = ? AND {_COVERED_RAW}",
            (township, year),
        ),
        _BoxCase(
            "project",
            {"project": project},
            "h.id IN (SELECT household_id FROM project_beneficiary WHERE project_id = ? AND deleted = 0)",
            (project,),
        ),
        _BoxCase(
            "covered + search 王",
            {"covered": year, "search": "王"},
            f"{_COVERED_RAW} AND h.search_text LIKE ?",
            (year, "%王%"),
        ),
    ]


def _boxes_seconds(screen: _Screen, cases: list[_BoxCase]) -> tuple[dict[str, float], dict[str, float]]:
    """Each case's boxes set on the real page as a dashboard link sets them, from the whole list;
    until the first matching rows are painted, and until every match is in the list."""
    from ui.dashboard.links import choose_all
    from ui.pages.households_page import HouseholdsPage

    page = HouseholdsPage(screen.station)
    page.resize(*VIEW_SIZE)
    page.show()
    screen.paint(page.table)

    def settle() -> float:
        started = time.perf_counter()
        while not page.model.is_complete and time.perf_counter() < started + 30:
            screen.app.processEvents()
            time.sleep(0.001)
        return time.perf_counter() - started

    def once(case: _BoxCase) -> tuple[float, float]:
        page.clear_filters()  # the whole list first, untimed
        screen.paint(page.table)
        settle()
        started = time.perf_counter()
        page.search.blockSignals(True)
        page.search.setText(str(case.boxes.get("search", "")))
        page.search.blockSignals(False)
        choose_all(page, {k: v for k, v in case.boxes.items() if k != "search"})
        page.apply_filters()
        screen.paint(page.table)
        seconds = time.perf_counter() - started
        complete = seconds + settle()
        assert page.model.rowCount() > 0, case.name
        return seconds, complete

    first: dict[str, float] = {}
    whole: dict[str, float] = {}
    try:
        for case in cases:
            once(case)  # warm-up
            runs = [once(case) for _ in range(RUNS)]
            first[case.name] = statistics.median(r[0] for r in runs)
            whole[case.name] = statistics.median(r[1] for r in runs)
    finally:
        page.close()
        page.deleteLater()
        screen.app.processEvents()
    return first, whole


def _raw_boxes(data: Path, case: _BoxCase) -> float:
    connection = _raw_connection(data)
    try:
        sql = _ROWS_SQL.format(filter=f"AND {case.raw_filter}", limit=FIRST_PAGE)

        def query() -> None:
            assert connection.execute(sql, case.raw_args).fetchall()

        return _median_seconds(query)
    finally:
        connection.close()


@benchmark("list-filter-boxes")
def list_filter_boxes() -> BenchResult:
    """The filter boxes (受益年度, surveyed or not, township, project; one with a search): from the
    whole list until the first matching rows are painted, against the raw SQL of the first page."""
    data = _station_dir()
    cases = _box_cases(data)
    screen = _Screen(data)
    try:
        program, whole = _boxes_seconds(screen, cases)
    finally:
        screen.close()
    raw = {case.name: _raw_boxes(data, case) for case in cases}
    for name, seconds in program.items():
        print(
            f"  list-filter-boxes {name!r}: {seconds * 1000:.1f} ms, every match {whole[name] * 1000:.1f} ms "
            f"(raw SQL {raw[name] * 1000:.1f} ms)",
            file=sys.stderr,
        )
    return BenchResult(
        statistics.median(program.values()) * 1000, "ms", statistics.median(raw.values()) * 1000, "ms"
    )


if __name__ == "__main__":
    # Make the 100k-household station once, for HUIMIN_BENCH_LIST_DATA (about 40 s).
    from huimin_desktop.demo import generate_demo

    target = Path(sys.argv[1])
    with new_station(target, level="city", name="朝阳市民族和宗教事务委员会", division_code="211300") as made:
        generate_demo(made, HOUSEHOLDS)
    print(f"HUIMIN_BENCH_LIST_DATA={target}")
