"""Sync benchmarks (DESIGN.md §6): ``merge``, ``merge-again``, ``merge-memory``, ``export``,
``export-memory`` and ``export-incremental``.

Set-up (made once and cached, never measured):

* ``merge`` / ``merge-again`` / ``export-incremental``: a city and ``TOWNSHIPS`` (20) townships enrolled
  at it, each filled by ``generate_demo`` with ``HOUSEHOLDS_EACH`` (5,000) households (members, surveys,
  projects, trainings: what the demo makes) and exported once: 20 packages, 100k households in all.
* ``merge-memory`` / ``export``: a city and one township with ``ATTACHMENT_MB`` (1,024) MB of demo photos
  (and a few hundred households), exported once.

The cache lives under ``$HUIMIN_BENCH_SYNC_CACHE`` (default: ``huimin-bench-sync`` in the temp folder),
one folder per set-up, named by its parameters and a fingerprint of the code that shapes the data and
the packages (model, migrations, demo, change selection, container, enrollment): change that code and a
new set-up is made (older ones are removed); delete the folder to force it. Building the 20 townships
takes about a minute, the 1 GB township about 80 s; a run on a warm cache only copies folders (into a
scratch folder on the same disk, removed at exit). Every benchmark works on copies, so the cache stays
as made.

What is measured:

* ``merge``: ``city.sync.merge`` of the 20 packages into a copy of the empty (enrolled) city, in
  process. Baseline: plain ``sqlite3`` ``executemany`` of the same rows (every row of every synced
  table of the 20 township databases that the empty city does not have, all columns) into a copy of the
  empty city's ``huimin.db`` (same schema, indexes and triggers; encrypted under the city's key, as
  every station's database is, so SQLCipher's page encryption is on both sides), one transaction, commit
  included; the
  rows are read from the township databases beforehand (not timed). The baseline uses the program's
  pragmas (WAL, synchronous=FULL, 64 MB page cache), does not check foreign keys, and fills the
  household search index (FTS5) in one statement at the end instead of through the per-row insert
  trigger, as the merge does; with the per-row trigger the baseline took 30 s instead of 17 s.
* ``merge-again``: the same 20 packages merged again into the merged city (each must come back
  ``already-applied``); same baseline.
* ``merge-memory``: the 1 GB package merged into a fresh city copy in a child process; the value is
  the child's peak RSS (``VmHWM`` read by the child itself at the end; not ``ru_maxrss``, see ``_PEAK``).
* ``export``: the 1 GB township's export (a child process, timed inside it around ``sync.export``) to
  a folder on the same disk. Baseline: ``tar cf`` of its attachment folder to the same disk, timed
  until the archive is on the disk (``fsync`` of the tar file): the export fsyncs its files too (a
  stick must not be pulled before), and ``tar cf`` alone only fills the page cache (1.3 s against
  about 3 s with the fsync here); the bare ``tar cf`` time and ratio go to stderr. Both read
  from a warm page cache (a ``tar`` to /dev/null first); ``os.sync()`` before each run, so that
  neither pays for the other's write-back; the best of ``EXPORT_RUNS`` (3) interleaved runs of each.
* ``export-memory``: that export child's peak RSS (reuses the ``export`` run of the same process, or
  runs it), so ``python -m tests.bench export export-memory`` prints both lines from one export.
* ``export-incremental``: a 5k-household township that exported, whose package the city merged and
  whose return package it merged in turn (acknowledged); 100 of its households edited; the next
  ``sync.export`` (in process).

Each figure is a single run: the set-ups are large and the machine is shared.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from huimin_desktop.store.engine import connect
from tests.bench.harness import BenchResult, benchmark
from tests.stations import new_station, open_station, setup_station

TOWNSHIPS = 20
HOUSEHOLDS_EACH = 5_000
ATTACHMENT_MB = 1024
ATTACHMENT_HOUSEHOLDS = 300
EDITED_HOUSEHOLDS = 100
EXPORT_RUNS = 3  # export and tar, interleaved; the best of each (this VM's disk varies by ±30 %)
CITY_CODE = "211300"
REPO = Path(__file__).resolve().parents[2]
_FINGERPRINT_SOURCES = (
    "huimin_desktop/model",
    "huimin_desktop/store/migrations",
    "huimin_desktop/demo",
    "huimin_desktop/services/enrollment.py",
    "huimin_desktop/sync/changes.py",
    "huimin_desktop/sync/records.py",
    "huimin_desktop/sync/package.py",
    "huimin_desktop/sync/package_streams.py",
    "huimin_desktop/sync/package_blobs.py",
    "huimin_desktop/store/fingerprints.py",
    "huimin_desktop/sync/keys.py",
    "huimin_desktop/sync/enrollment.py",
)

_scratch: Path | None = None
_merged_city: Path | None = None  # the city the ``merge`` benchmark left behind, for ``merge-again``


def _log(message: str) -> None:
    print(f"[bench_sync] {message}", file=sys.stderr, flush=True)


@functools.cache
def _code_fingerprint() -> str:
    """Computed once per process, so that one run uses one set-up even while the code is being edited."""
    digest = hashlib.sha256()
    for source in _FINGERPRINT_SOURCES:
        path = REPO / source
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(REPO)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:10]


def _cache_dir(name: str) -> Path:
    root = Path(
        os.environ.get("HUIMIN_BENCH_SYNC_CACHE") or Path(tempfile.gettempdir()) / "huimin-bench-sync"
    )
    return root / f"{name}-{_code_fingerprint()}"


def scratch() -> Path:
    """A scratch folder for this process (next to the cache, so on the same disk), removed at exit."""
    global _scratch
    if _scratch is None:
        parent = _cache_dir("x").parent
        parent.mkdir(parents=True, exist_ok=True)
        _scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=parent))
        atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
    return _scratch


def _township_code(index: int) -> str:
    # 12-digit township codes inside the city, spread over its counties (ID numbers follow the county)
    counties = ("211302", "211303", "211321", "211322", "211381", "211382", "211324")
    return f"{counties[index % len(counties)]}{240 + index:03d}000"


def _build(target: Path, make: object) -> Path:
    """Run ``make(folder)`` into a temporary folder and rename it to ``target`` (a cache entry)."""
    if (target / "ready").exists():
        return target
    if target.exists():
        shutil.rmtree(target)
    stem = target.name.rsplit("-", 1)[0]
    for stale in target.parent.glob(f"{stem}-*"):  # set-ups made by older code
        if stale.is_dir() and not stale.name.startswith("scratch-") and ".building-" not in stale.name:
            _log(f"removing the outdated set-up {stale}")
            shutil.rmtree(stale, ignore_errors=True)
    building = target.with_name(target.name + f".building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    started = time.perf_counter()
    make(building)  # type: ignore[operator]
    (building / "ready").write_text(f"{time.perf_counter() - started:.1f} s\n")
    building.rename(target)
    _log(f"prepared {target} in {time.perf_counter() - started:.0f} s")
    return target


def _make_townships(folder: Path, count: int, households: int, attachments_mb: int) -> None:
    """folder/city (enrolled, empty), folder/t/NN (townships), folder/packages/NN/<package>."""
    from huimin_desktop.demo import generate_demo

    stick = folder / "setup"
    stick.mkdir()
    with new_station(
        folder / "city", level="city", name="朝阳市民族和宗教事务委员会", division_code=CITY_CODE
    ) as city:
        for index in range(count):
            code = _township_code(index)
            setup = city.enrollment.enroll("township", f"基准乡{index:02d}", code, stick / f"{code}.json")
            with setup_station(folder / "t" / f"{index:02d}", setup.setup_file, setup.setup_code) as township:
                generate_demo(township, households, seed=1000 + index, attachments_mb=attachments_mb)
                out = folder / "packages" / f"{index:02d}"
                out.mkdir(parents=True)
                township.sync.export(out)
            _log(f"township {index + 1}/{count} ready")


def merge_setup() -> Path:
    return _build(
        _cache_dir(f"merge-{TOWNSHIPS}x{HOUSEHOLDS_EACH}"),
        lambda folder: _make_townships(folder, TOWNSHIPS, HOUSEHOLDS_EACH, 0),
    )


def attachment_setup() -> Path:
    return _build(
        _cache_dir(f"attach-{ATTACHMENT_MB}mb"),
        lambda folder: _make_townships(folder, 1, ATTACHMENT_HOUSEHOLDS, ATTACHMENT_MB),
    )


def packages_of(setup: Path) -> list[Path]:
    return sorted(
        p for folder in sorted((setup / "packages").iterdir()) for p in folder.iterdir() if p.is_dir()
    )


def copy_station(source: Path, name: str) -> Path:
    target = scratch() / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target


# -- merge and merge-again ------------------------------------------------------------------------


@functools.cache
def data_key(folder: Path) -> bytes | None:
    """A station's data key (every station is encrypted): the baseline reads and writes the same files
    through SQLCipher with it, as plain executemany."""
    with open_station(folder) as station:
        return station.db.data_key


def _baseline_rows(setup: Path) -> list[tuple[str, list[str], list[tuple]]]:
    """(table, columns, rows) per synced table: the township rows the empty city does not hold."""
    from huimin_desktop.model import SYNCED_MODELS

    city = connect(setup / "city" / "huimin.db", data_key(setup / "city"))
    batches = []
    try:
        for model in SYNCED_MODELS:
            table = model.__tablename__
            columns = [row[1] for row in city.execute(f"PRAGMA table_info({table})")]
            columns.remove("id")
            columns.insert(0, "id")
            present = {row[0] for row in city.execute(f"SELECT id FROM {table}")}
            rows: list[tuple] = []
            for township in sorted((setup / "t").iterdir()):
                source = connect(township / "huimin.db", data_key(township))
                try:
                    for row in source.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                        if row[0] not in present:
                            present.add(row[0])
                            rows.append(row)
                finally:
                    source.close()
            batches.append((table, columns, rows))
    finally:
        city.close()
    return batches


def baseline_insert_seconds(setup: Path) -> tuple[float, int]:
    """Seconds for plain executemany of the packages' rows into a copy of the empty city database."""
    from huimin_desktop.store.search_index import INSERT_TRIGGER

    batches = _baseline_rows(setup)
    target = scratch() / "baseline.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(setup / "city" / "huimin.db", target)
    # the same encrypted file under the city's key: SQLCipher's page encryption is in the baseline too
    connection = connect(target, data_key(setup / "city"), isolation_level=None)
    try:
        # the program's own pragmas (store/engine.py), foreign keys not checked
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA cache_size = -65536")
        connection.execute("PRAGMA foreign_keys = OFF")
        started = time.perf_counter()
        connection.execute("BEGIN")
        # The search index filled in one statement at the end rather than by the per-row trigger
        # (what the merge does too): the per-row trigger would add some 15 s and flatter the ratio.
        connection.execute("DROP TRIGGER household_search_insert")
        for table, columns, rows in batches:
            marks = ", ".join("?" * len(columns))
            connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        connection.execute(
            "INSERT INTO household_search(rowid, search_text) SELECT rowid, search_text FROM household"
        )
        connection.execute(INSERT_TRIGGER)
        connection.execute("COMMIT")
        elapsed = time.perf_counter() - started
    finally:
        connection.close()
    return elapsed, sum(len(rows) for _t, _c, rows in batches)


_baseline: tuple[float, int] | None = None


def _baseline_once(setup: Path) -> tuple[float, int]:
    global _baseline
    if _baseline is None:
        _baseline = baseline_insert_seconds(setup)
        _log(f"baseline: {_baseline[1]} rows inserted in {_baseline[0]:.2f} s")
    return _baseline


def merge_into(city_dir: Path, packages: list[Path]) -> tuple[float, list]:

    with open_station(city_dir) as city:
        started = time.perf_counter()
        summaries = city.sync.merge(packages)
        elapsed = time.perf_counter() - started
    return elapsed, summaries


@benchmark("merge")
def bench_merge() -> BenchResult:
    global _merged_city
    from huimin_desktop.services.sync import APPLIED

    setup = merge_setup()
    packages = packages_of(setup)
    assert len(packages) == TOWNSHIPS
    baseline, rows = _baseline_once(setup)
    city = copy_station(setup / "city", "merge-city")
    elapsed, summaries = merge_into(city, packages)
    assert [s.status for s in summaries] == [APPLIED] * TOWNSHIPS, [(s.status, s.reason) for s in summaries]
    written = sum(s.new + s.updated for s in summaries)
    _log(f"merge: {written} records from {len(packages)} packages in {elapsed:.2f} s ({rows} baseline rows)")
    _merged_city = city
    return BenchResult(elapsed, "s", baseline)


@benchmark("merge-again")
def bench_merge_again() -> BenchResult:
    from huimin_desktop.services.sync import ALREADY_APPLIED, APPLIED

    setup = merge_setup()
    packages = packages_of(setup)
    baseline, _rows = _baseline_once(setup)
    city = _merged_city
    if city is None:  # ``merge`` did not run in this process: merge once, untimed
        city = copy_station(setup / "city", "merge-city")
        _elapsed, first = merge_into(city, packages)
        assert [s.status for s in first] == [APPLIED] * TOWNSHIPS
    elapsed, summaries = merge_into(city, packages)
    assert [s.status for s in summaries] == [ALREADY_APPLIED] * TOWNSHIPS, [s.status for s in summaries]
    assert all(s.new == s.updated == 0 for s in summaries)
    return BenchResult(elapsed, "s", baseline)


# -- merge-memory and export (1 GB of attachments) ----------------------------------------------------

# The child's own peak: VmHWM belongs to the memory of the process since its exec. (``ru_maxrss``
# does not: Linux carries over the high-water mark of the forked copy of the parent, so a child of a
# 1 GB benchmark process would report 1 GB whatever it did.)
_PEAK = """
def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

_CHILD_MERGE = """
import json, resource, sys, time
from pathlib import Path
from huimin_desktop.services.station import Station
with open_station(sys.argv[1]) as city:
    started = time.perf_counter()
    summaries = city.sync.merge([Path(p) for p in sys.argv[2:]])
    elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "status": [s.status for s in summaries],
                  "attachments": sum(s.attachments for s in summaries), "maxrss_kb": peak_kb()}))
"""

_CHILD_EXPORT = """
import json, resource, sys, time
from pathlib import Path
from huimin_desktop.services.station import Station
with open_station(sys.argv[1]) as township:
    started = time.perf_counter()
    result = township.sync.export(Path(sys.argv[2]))
    elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "attachments": result.attachments, "bytes": result.bytes,
                  "maxrss_kb": peak_kb()}))
"""


def run_child(script: str, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    completed = subprocess.run(
        [sys.executable, "-c", _PEAK + script, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"child failed ({completed.returncode}): {completed.stderr.strip()[-2000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


@benchmark("merge-memory")
def bench_merge_memory() -> BenchResult:
    setup = attachment_setup()
    packages = packages_of(setup)
    city = copy_station(setup / "city", "memory-city")
    outcome = run_child(_CHILD_MERGE, str(city), *map(str, packages))
    assert outcome["status"] == ["applied"], outcome
    _log(
        f"merge-memory: {outcome['attachments']} attachments merged in {outcome['seconds']:.1f} s, "
        f"peak RSS {outcome['maxrss_kb'] / 1024:.0f} MB"
    )
    shutil.rmtree(city, ignore_errors=True)
    return BenchResult(outcome["maxrss_kb"] / 1024, "MB")


def _tar_seconds(folder: Path, out: Path, *, fsync: bool = True) -> float:
    """``tar cf`` of ``folder`` into ``out``, and (``fsync``) until the archive is on the disk."""
    started = time.perf_counter()
    subprocess.run(["tar", "cf", str(out), "-C", str(folder.parent), folder.name], check=True)
    if fsync:
        descriptor = os.open(out, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    return time.perf_counter() - started


@benchmark("export")
def bench_export() -> BenchResult:
    setup = attachment_setup()
    township = copy_station(setup / "t" / "00", "export-township")
    attachments = township / "attachments"
    subprocess.run(["tar", "cf", "/dev/null", "-C", str(township), "attachments"], check=True)  # warm
    tar_out = scratch() / "attachments.tar"
    dest = scratch() / "export-stick"
    tar_runs, exports = [], []
    for _ in range(EXPORT_RUNS):  # interleaved; each starts with nothing left to write back
        os.sync()
        tar_runs.append(_tar_seconds(attachments, tar_out))
        tar_out.unlink()
        os.sync()
        dest.mkdir(exist_ok=True)
        exports.append(run_child(_CHILD_EXPORT, str(township), str(dest)))
        shutil.rmtree(dest, ignore_errors=True)
    tar_seconds = min(tar_runs)
    os.sync()
    bare_tar = _tar_seconds(attachments, tar_out, fsync=False)  # for the log: tar without the disk
    tar_out.unlink()
    outcome = min(exports, key=lambda e: e["seconds"])
    outcome["maxrss_kb"] = max(e["maxrss_kb"] for e in exports)
    peak_mb = outcome["maxrss_kb"] / 1024
    _log(
        f"export: {outcome['attachments']} attachments, {outcome['bytes'] / 1024**2:.0f} MB written in "
        f"{outcome['seconds']:.2f} s; tar cf + fsync {tar_seconds:.2f} s (tar cf alone, into the page cache: "
        f"{bare_tar:.2f} s, ratio {outcome['seconds'] / bare_tar:.2f}); peak RSS {peak_mb:.0f} MB"
    )
    shutil.rmtree(township, ignore_errors=True)
    global _export_peak_mb
    _export_peak_mb = peak_mb
    return BenchResult(outcome["seconds"], "s", tar_seconds)


_export_peak_mb: float | None = None


@benchmark("export-memory")
def bench_export_memory() -> BenchResult:
    """The peak RSS of the ``export`` run in this process (running it first if it has not run)."""
    if _export_peak_mb is None:
        bench_export()
    assert _export_peak_mb is not None
    return BenchResult(_export_peak_mb, "MB")


# -- export-incremental ------------------------------------------------------------------------------


def edit_households(station: object, count: int) -> int:
    """Change the phone and notes of ``count`` households through the ORM (change capture stamps them)."""
    from sqlalchemy import select

    from huimin_desktop.model import Household

    with station.db.session() as session:  # type: ignore[attr-defined]
        ids = list(session.scalars(select(Household.id).order_by(Household.id).limit(count)))
        for number, household_id in enumerate(ids):
            household = session.get(Household, household_id)
            household.phone = f"139{number:08d}"
            household.notes = f"基准修改 {number}"
    return len(ids)


@benchmark("export-incremental")
def bench_export_incremental() -> BenchResult:
    from huimin_desktop.services.sync import APPLIED

    setup = merge_setup()
    (package,) = (setup / "packages" / "00").iterdir()
    city_dir = copy_station(setup / "city", "incremental-city")
    township_dir = copy_station(setup / "t" / "00", "incremental-township")
    stick = scratch() / "incremental-stick"
    stick.mkdir(exist_ok=True)
    with open_station(city_dir) as city, open_station(township_dir) as township:
        (up,) = city.sync.merge([package])
        assert up.status == APPLIED, up
        back = city.sync.export(stick, recipient=township.info().id)
        (down,) = township.sync.merge([back.package])
        assert down.status == APPLIED, down
        assert edit_households(township, EDITED_HOUSEHOLDS) == EDITED_HOUSEHOLDS
        started = time.perf_counter()
        result = township.sync.export(stick)
        elapsed = time.perf_counter() - started
    _log(f"export-incremental: {result.records} records, {result.bytes} bytes in {elapsed:.3f} s")
    assert EDITED_HOUSEHOLDS <= result.records < 10 * EDITED_HOUSEHOLDS, result.records
    return BenchResult(elapsed, "s")


if __name__ == "__main__":  # prepare the caches only
    merge_setup()
    attachment_setup()
