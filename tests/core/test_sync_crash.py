"""A merge killed at random points, many times (DESIGN.md §4: one transaction; a crash changes nothing).

A city and an enrolled township whose package takes a second or two to merge (a few thousand demo
households and some photos). The merge runs through the command line (``python main.py merge PACKAGE
--data CITY``) in a child process that is SIGKILLed after delays spread over its run. After each kill:
the database is exactly the state before the package or after it (logical dump of every synced row,
plus the package log and the peer's received mark), ``PRAGMA integrity_check`` and the foreign keys are
fine, ``station.check()`` passes, and the attachment store holds every blob the rows use. A killed run
may leave decrypted files in ``staging`` and, in the "before" state, blobs no row uses yet (they were
moved into the store just before the commit); both are noted (``station.check()`` tolerates them) and
the next merge must still complete. When a kill came too late (the "after" state) the city is reset
to its state before the merge, so that every kill tests a merge in progress.

``HUIMIN_CRASH_KILLS`` sets the number of kills (default 8).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from huimin_desktop.demo import generate_demo
from tests.core.sync_helpers import blob_list, logical_dump
from tests.stations import connect_db, new_station, open_station, setup_station

REPO = Path(__file__).resolve().parents[2]
CITY, TOWNSHIP = "211300", "211381204000"
HOUSEHOLDS = 2_500
PHOTOS_MB = 24
KILLS = int(os.environ.get("HUIMIN_CRASH_KILLS", "8"))


def _merge_command(package: Path, city: Path) -> list[str]:
    return [sys.executable, str(REPO / "main.py"), "merge", str(package), "--data", str(city)]


def _run_merge(package: Path, city: Path) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    completed = subprocess.run(
        _merge_command(package, city), cwd=REPO, capture_output=True, text=True, timeout=300
    )
    return time.perf_counter() - started, completed


def _state(city: Path) -> dict:
    """Everything a merge may change that must be all-or-nothing: synced rows, package log, peer mark."""
    with open_station(city) as station:
        dump = logical_dump(station)
        with station.db.engine.connect() as connection:
            dump["packages"] = sorted(
                tuple(row)
                for row in connection.exec_driver_sql(
                    "SELECT package_id, direction, origin, status FROM sync_package_log"
                )
            )
            dump["peers"] = sorted(
                tuple(row)
                for row in connection.exec_driver_sql("SELECT station_id, received_seq FROM sync_peer")
            )
        return dump


def _database_checks(city: Path) -> list[str]:
    """Problems found by SQLite itself and by the station's own check (empty when all is well)."""
    problems = []
    connection = connect_db(city / "huimin.db")
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:5]}")
        dangling = connection.execute("PRAGMA foreign_key_check").fetchall()
        if dangling:
            problems.append(f"foreign_key_check: {dangling[:5]}")
    finally:
        connection.close()
    with open_station(city) as station:
        report = station.check()
        if not report.ok:
            problems.extend(report.problems)
    return problems


def _used_blobs(city: Path) -> set[str]:
    connection = connect_db(city / "huimin.db")
    try:
        return {
            row[0] for row in connection.execute("SELECT sha256 FROM attachment WHERE sha256 IS NOT NULL")
        }
    finally:
        connection.close()


def _store_blobs(city: Path) -> set[str]:
    with open_station(city) as station:
        return {Path(p).name for p in blob_list(station)}


def _staging_files(city: Path) -> list[Path]:
    """What a killed merge left in staging; not the merge's empty lock file (``lock-*``: it holds no data
    and, its process gone, locks nothing: store/file_lock.py)."""
    staging = city / "staging"
    if not staging.exists():
        return []
    return sorted(p for p in staging.rglob("*") if p.is_file() and not p.name.startswith("lock-"))


def _start_seconds(city: Path, tmp_path: Path) -> float:
    """How long the command takes to start and open the station (merging an empty folder)."""
    empty = tmp_path / "nothing"
    empty.mkdir(exist_ok=True)
    started = time.perf_counter()
    subprocess.run(_merge_command(empty, city), cwd=REPO, capture_output=True, timeout=120)
    return time.perf_counter() - started


@pytest.fixture
def city_and_package(tmp_path: Path) -> tuple[Path, Path]:
    stick = tmp_path / "stick"
    stick.mkdir()
    with new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code=CITY) as city:
        setup = city.enrollment.enroll("township", "马友营蒙古族乡", TOWNSHIP, stick / "setup.json")
    with setup_station(tmp_path / "township", setup.setup_file, setup.setup_code) as township:
        generate_demo(township, HOUSEHOLDS, seed=7, attachments_mb=PHOTOS_MB)
        package = township.sync.export(stick).package
    return tmp_path / "city", package


def test_a_merge_killed_at_random_points_leaves_before_or_after_and_completes_later(
    city_and_package: tuple[Path, Path], tmp_path: Path
) -> None:
    city, package = city_and_package
    pristine = tmp_path / "city-before"
    shutil.copytree(city, pristine)
    before = _state(city)
    before_blobs = _store_blobs(city)

    # A clean merge in a copy: the "after" state, and how long a merge takes.
    clean = tmp_path / "city-clean"
    shutil.copytree(pristine, clean)
    total_seconds, completed = _run_merge(package, clean)
    assert completed.returncode == 0, completed.stderr
    after = _state(clean)
    after_blobs = _store_blobs(clean)
    assert after != before and after_blobs > before_blobs
    assert after_blobs == _used_blobs(clean)
    start_seconds = _start_seconds(clean, tmp_path)
    shutil.rmtree(clean)

    rng = random.Random(int(os.environ.get("HUIMIN_CRASH_SEED", "20261129")))
    window = (start_seconds * 0.8, total_seconds)
    seen: dict[str, int] = {"before": 0, "after": 0, "finished": 0}
    notes: list[str] = []
    # stratified: kill k lands in the k-th slice of the window, at a random point within it
    slice_width = (window[1] - window[0]) / KILLS
    delays = [window[0] + slice_width * (kill + rng.random()) for kill in range(KILLS)]
    # On a loaded machine the clean merge's timing can mislead every kill into coming after the commit:
    # then a few more, ever earlier, until one lands before it (the test needs at least one of each).
    earlier = [window[0] + (window[1] - window[0]) * share for share in (0.5, 0.25, 0.1, 0.0)]
    kill = -1
    while delays or (seen["before"] == 0 and earlier):
        delay = delays.pop(0) if delays else earlier.pop(0)
        kill += 1
        child = subprocess.Popen(
            _merge_command(package, city),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            child.wait(timeout=delay)
            seen["finished"] += 1  # too late to kill: it must have succeeded
            assert child.returncode == 0, child.stderr.read()  # type: ignore[union-attr]
        except subprocess.TimeoutExpired:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        child.stderr.close()  # type: ignore[union-attr]

        # What the kill left in staging (decrypted photos) is found by the next start's check, which
        # reports it, and is gone afterwards (Station.open sweeps it).
        leftovers = _staging_files(city)
        checked = subprocess.run(
            [sys.executable, str(REPO / "main.py"), "check", "--quick", "--json", "--data", str(city)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert checked.returncode == 0, checked.stderr
        reported = json.loads(checked.stdout)["leftovers"]
        if leftovers:
            assert any(f"{len(leftovers)} 个附件文件（已加密" in line for line in reported), reported
        assert _staging_files(city) == []

        problems = _database_checks(city)
        assert not problems, (kill, delay, problems)
        state = _state(city)
        assert state in (before, after), f"kill {kill} at {delay:.2f} s: neither before nor after"
        store, used = _store_blobs(city), _used_blobs(city)
        assert used <= store, f"kill {kill}: rows use blobs the store lacks: {sorted(used - store)[:3]}"
        if state == before:
            seen["before"] += 1
            orphans = store - used
            if orphans or leftovers:
                notes.append(
                    f"kill {kill} at {delay:.2f} s (before): {len(orphans)} orphan blobs, "
                    f"{len(leftovers)} staging files"
                )
        else:
            seen["after"] += 1
            assert after_blobs <= store
            if leftovers or store != after_blobs:
                notes.append(
                    f"kill {kill} at {delay:.2f} s (after): {len(store - after_blobs)} extra blobs, "
                    f"{len(leftovers)} staging files"
                )
            # start over from "before", so that the next kill hits a merge in progress again
            shutil.rmtree(city)
            shutil.copytree(pristine, city)

    print(f"\nkills: {KILLS}, window {window[0]:.2f}–{window[1]:.2f} s; states: {seen}")
    print("\n".join(notes) or "no leftovers seen")
    assert seen["before"] >= 1, "every kill came after the commit: the window is off"

    # Merging again completes, whatever the kills left behind, and yields the "after" state.
    left_by_kills = len(_staging_files(city))
    _seconds, completed = _run_merge(package, city)
    assert completed.returncode == 0, completed.stderr
    assert _state(city) == after
    assert not _database_checks(city)
    store, used = _store_blobs(city), _used_blobs(city)
    assert used == after_blobs <= store
    print(f"staging: {left_by_kills} files before the final merge, {len(_staging_files(city))} after it")
    _seconds, again = _run_merge(package, city)  # and once more: already applied, nothing changes
    assert again.returncode == 0, again.stderr
    assert _state(city) == after
