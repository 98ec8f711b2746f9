"""The database's encryption (SQLCipher) against the same run on a clear copy of the same database.

Each benchmark builds an encrypted station, makes a clear copy of it (``sqlcipher_export`` with an
empty key, opened by plain sqlite3 as the previous version did) and times the same work on both; the
ratio is encrypted ÷ clear (issue 13's target: ≤ 1.25 each).

- ``startup-ready-encrypted``: a fresh process, from its first import to the household list's first
  page read (the argon2id unwrap of the data key is part of it, at the program's own cost).
- ``list-filter-encrypted``: the household list's ids for each search term of ``list-filter``.
- ``merge-encrypted``: a township's package of demo households merged into a city station.

``HUIMIN_BENCH_CIPHER_HOUSEHOLDS`` (default 20,000; 2,000 for the merge) sets the size.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from huimin_desktop.security.roles import SYSTEM
from huimin_desktop.services.household_list import HouseholdQuery
from huimin_desktop.services.station import Station
from huimin_desktop.store.database import Database
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.store.engine import connect
from tests.bench.harness import BenchResult, benchmark

USER, PASSWORD = "admin", "bench-pass"
TERMS = ("b", "王", "9", "bs", "19", "宝音", "0019", "1388", "baoyin", "bsl")
RUNS = 7


def _households(default: int) -> int:
    return int(os.environ.get("HUIMIN_BENCH_CIPHER_HOUSEHOLDS", default))


def _encrypted_station(folder: Path, households: int, *, level: str = "city", code: str = "211300") -> None:
    with Station.create(
        folder, level=level, name="基准站点", division_code=code, admin=USER, password=PASSWORD
    ) as station:
        if households:
            station.generate_demo(households, seed=828)


def clear_copy(folder: Path, target: Path) -> Path:
    """The station folder with its database decrypted (no vault: opened only through ``Database``)."""
    shutil.copytree(folder, target, ignore=shutil.ignore_patterns("huimin.db*", "vault.json"))
    with Station.open(folder, USER, PASSWORD) as station:
        key = station.db.data_key
    connection = connect(folder / "huimin.db", key)
    connection.execute("ATTACH DATABASE ? AS clear KEY ''", (str(target / "huimin.db"),))
    connection.execute("SELECT sqlcipher_export('clear')")
    connection.execute("DETACH DATABASE clear")
    connection.close()
    return target


def open_clear(folder: Path | str) -> Station:
    station = Station(Database.open(DataFolder(Path(folder))))
    station.db.actor = SYSTEM
    return station


def _median(function: Callable[[], object], runs: int = RUNS) -> float:
    function()  # warm-up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="huimin-bench-cipher-"))


_READY = """
import sys, time
started = time.perf_counter()
from huimin_desktop.services.household_list import HouseholdQuery
from huimin_desktop.services.station import Station
from tests.bench.bench_sqlcipher import USER, PASSWORD, open_clear
folder = sys.argv[1]
if sys.argv[2] == "encrypted":
    station = Station.open(folder, USER, PASSWORD, audit_login="with_first_change")
else:
    station = open_clear(folder)
station.households.rows(station.households.ids(HouseholdQuery(limit=200)))
print(time.perf_counter() - started)
station.close()
"""


def _ready_seconds(folder: Path, mode: str) -> float:
    """A fresh process from its first import to the first page of households read."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", _READY, str(folder), mode],
        capture_output=True,
        text=True,
        cwd=root,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


@benchmark("startup-ready-encrypted")
def startup_ready_encrypted() -> BenchResult:
    scratch = _scratch()
    try:
        _encrypted_station(scratch / "enc", _households(20_000))
        clear_copy(scratch / "enc", scratch / "clear")
        runs = {"encrypted": [], "clear": []}  # type: dict[str, list[float]]
        for _ in range(RUNS):  # interleaved: a busy machine slows both alike
            for mode, folder in (("encrypted", scratch / "enc"), ("clear", scratch / "clear")):
                runs[mode].append(_ready_seconds(folder, mode))
        encrypted, clear = statistics.median(runs["encrypted"]), statistics.median(runs["clear"])
        return BenchResult(encrypted * 1000, "ms", clear * 1000)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _filter_total(station: Station) -> float:
    def all_terms() -> None:
        for term in TERMS:
            station.households.ids(HouseholdQuery(search=term))

    return _median(all_terms)


@benchmark("list-filter-encrypted")
def list_filter_encrypted() -> BenchResult:
    scratch = _scratch()
    try:
        _encrypted_station(scratch / "enc", _households(20_000))
        clear_copy(scratch / "enc", scratch / "clear")
        with Station.open(scratch / "enc", USER, PASSWORD, audit_login="with_first_change") as station:
            encrypted = _filter_total(station)
        with open_clear(scratch / "clear") as station:
            clear = _filter_total(station)
        per_term = len(TERMS)
        return BenchResult(encrypted * 1000 / per_term, "ms", clear * 1000 / per_term)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@benchmark("merge-encrypted")
def merge_encrypted() -> BenchResult:
    scratch = _scratch()
    try:
        stick = scratch / "stick"
        stick.mkdir()
        _encrypted_station(scratch / "city", 0)
        with Station.open(scratch / "city", USER, PASSWORD) as city:
            setup = city.enrollment.enroll("township", "马友营蒙古族乡", "211381204000", stick / "setup.json")
        with Station.create_from_setup(
            scratch / "town", setup.setup_file, setup.setup_code, admin=USER, password=PASSWORD
        ) as town:
            town.generate_demo(2_000)
            package = town.sync.export(stick).package
        clear_copy(scratch / "city", scratch / "city-clear-template")
        shutil.copytree(scratch / "city", scratch / "city-template")

        def fresh(template: str) -> Path:
            target = scratch / f"run-{time.perf_counter_ns()}"
            shutil.copytree(scratch / template, target)
            return target

        def timed(open_station: Callable[[Path], Station], template: str) -> float:
            timings = []
            for _ in range(3):
                with open_station(fresh(template)) as station:
                    started = time.perf_counter()
                    station.sync.merge([package])
                    timings.append(time.perf_counter() - started)
            return statistics.median(timings)

        encrypted = timed(lambda f: Station.open(f, USER, PASSWORD), "city-template")
        clear = timed(open_clear, "city-clear-template")
        return BenchResult(encrypted, "s", clear)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
