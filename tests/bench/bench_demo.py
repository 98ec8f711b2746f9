"""``demo``: generating 100k demo households, against plain sqlite3 inserting the same rows.

The program side times ``generate_demo`` for 100,000 households on a fresh city station (everything it
writes: villages, households, members, surveys, projects, trainings, indicators, the audit line).

The baseline then takes the household, member and survey rows that run wrote (same counts, same
values, so the same width) and inserts them with plain ``sqlite3`` ``executemany`` into a hand-written
household/member/survey table set in a new file, encrypted under the station's key as every station's
database is (SQLCipher, store/engine.connect): primary keys, foreign keys with their indexes, the
same pragmas as the app (WAL, ``synchronous=FULL``, foreign keys on), one transaction. Preparing the
rows is not timed; only the inserts and the commit are.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from huimin_desktop.store.engine import connect
from tests.bench.harness import BenchResult, benchmark, timed
from tests.stations import new_station

HOUSEHOLDS = 100_000
TABLES = ("household", "member", "survey")
_FOREIGN_KEYS = {"member": ("household_id", "household"), "survey": ("household_id", "household")}


def _raw_baseline(source: Path, target: Path, key: bytes | None) -> float:
    """Seconds plain executemany takes to insert the demo's household, member and survey rows (into a
    database encrypted under the same key, as every station's is)."""
    reader = connect(source, key)
    try:
        columns = {t: reader.execute(f"PRAGMA table_info({t})").fetchall() for t in TABLES}
        rows = {t: reader.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
    finally:
        reader.close()
    connection = connect(target, key, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        for table in TABLES:
            definitions = [
                f"{name} {kind or ''}{' PRIMARY KEY' if name == 'id' else ''}"
                for _, name, kind, *_ in columns[table]
            ]
            if table in _FOREIGN_KEYS:
                column, parent = _FOREIGN_KEYS[table]
                definitions.append(f"FOREIGN KEY ({column}) REFERENCES {parent}(id)")
            connection.execute(f"CREATE TABLE {table} ({', '.join(definitions)})")
            if table in _FOREIGN_KEYS:
                column = _FOREIGN_KEYS[table][0]
                connection.execute(f"CREATE INDEX ix_{table}_{column} ON {table}({column})")
        started = time.perf_counter()
        connection.execute("BEGIN")
        for table in TABLES:
            marks = ", ".join("?" * len(columns[table]))
            connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
        connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


@benchmark("demo")
def demo() -> BenchResult:
    from huimin_desktop.demo import generate_demo

    with tempfile.TemporaryDirectory(prefix="huimin-bench-") as tmp:
        data = Path(tmp) / "city"
        with new_station(
            data, level="city", name="朝阳市民族和宗教事务委员会", division_code="211300"
        ) as station:
            seconds = timed(lambda: generate_demo(station, HOUSEHOLDS))
            key = station.db.data_key
        baseline = _raw_baseline(data / "huimin.db", Path(tmp) / "raw.db", key)
    return BenchResult(seconds, "s", baseline, "s")
