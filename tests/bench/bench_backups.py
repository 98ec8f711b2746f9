"""Backups of an encrypted station (issue 13):

- ``backup``: one automatic backup (SQLite's backup API through the keyed connections, read back,
  renamed) against a plain byte copy of the same database file, fsynced;
- ``backup-drive``: the backup to a stick (database, vault and attachments, every file read back and
  hashed) against a plain copy of the same files, fsynced.

``HUIMIN_BENCH_BACKUP_HOUSEHOLDS`` (default 5,000) and ``HUIMIN_BENCH_BACKUP_MB`` (attachments, default 20)
set the size.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from huimin_desktop.services.station import Station
from tests.bench.harness import BenchResult, benchmark

USER, PASSWORD = "admin", "bench-pass"


def _station(folder: Path) -> Station:
    station = Station.create(
        folder, level="city", name="基准站点", division_code="211300", admin=USER, password=PASSWORD
    )
    households = int(os.environ.get("HUIMIN_BENCH_BACKUP_HOUSEHOLDS", "5000"))
    station.generate_demo(households, attachments_mb=int(os.environ.get("HUIMIN_BENCH_BACKUP_MB", "20")))
    return station


def _plain_copy(files: list[tuple[Path, Path]]) -> float:
    started = time.perf_counter()
    for source, target in files:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        with open(target, "rb+") as handle:
            os.fsync(handle.fileno())
    return time.perf_counter() - started


def _median(runs: list[float]) -> float:
    return statistics.median(runs)


@benchmark("backup")
def bench_backup() -> BenchResult:
    scratch = Path(tempfile.mkdtemp(prefix="huimin-bench-backup-"))
    try:
        with _station(scratch / "station") as station:
            db_path = station.db.folder.db_path
            timings, plain = [], []
            for run in range(3):
                started = time.perf_counter()
                station.backups.take("daily")
                timings.append(time.perf_counter() - started)
                plain.append(_plain_copy([(db_path, scratch / f"plain-{run}.db")]))
        return BenchResult(_median(timings), "s", _median(plain))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@benchmark("backup-drive")
def bench_backup_drive() -> BenchResult:
    scratch = Path(tempfile.mkdtemp(prefix="huimin-bench-backup-drive-"))
    try:
        with _station(scratch / "station") as station:
            folder = station.db.folder
            files = [(folder.db_path, Path("huimin.db")), (folder.vault_path, Path("vault.json"))]
            files += [
                (p, Path("attachments") / p.relative_to(folder.attachments_dir))
                for p in folder.attachments_dir.rglob("*")
                if p.is_file() and ".incoming" not in p.parts
            ]
            timings, plain = [], []
            for run in range(3):
                stick = scratch / f"stick-{run}"
                stick.mkdir()
                started = time.perf_counter()
                station.backups.to_drive(stick)
                timings.append(time.perf_counter() - started)
                plain.append(_plain_copy([(s, scratch / f"plain-{run}" / t) for s, t in files]))
        return BenchResult(_median(timings), "s", _median(plain))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
