"""A process killed in the middle of writing leaves a consistent database: whole transactions only."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from huimin_desktop.services.station import Station
from tests.stations import connect_db, open_station

BATCH = 200

WRITER = f"""
import sys
from sqlalchemy import select
from huimin_desktop.model import Division
from tests.stations import open_station

station = open_station(sys.argv[1])
with station.db.reader() as session:
    township = session.scalars(select(Division.id).where(Division.level == "township")).first()
batch = 0
print("ready", flush=True)
while True:
    with station.db.session("crash-test") as session:
        for i in range({BATCH}):
            name = f"batch-{{sys.argv[2]}}.{{batch}}-{{i}}"
            session.add(Division(name=name, level="village", parent_id=township))
    batch += 1
"""


def _batches(db_path: Path) -> Counter[str]:
    connection = connect_db(db_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        names = [n for (n,) in connection.execute("SELECT name FROM division WHERE name LIKE 'batch-%'")]
        audited = connection.execute("SELECT count(*) FROM audit_log WHERE user = 'crash-test'").fetchone()[0]
        assert audited == len(names), "every stored row has its audit line, and no audit line lacks its row"
        return Counter(name.split("-")[1] for name in names)
    finally:
        connection.close()


def test_killing_the_writer_at_random_moments_keeps_whole_transactions(station: Station) -> None:
    data_dir = station.data_dir
    station.close()
    rng = random.Random(11643)
    seen_batches = 0
    for run in range(6):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), str(run)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.6))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        batches = _batches(data_dir / "huimin.db")
        assert all(count == BATCH for count in batches.values()), batches
        seen_batches = max(seen_batches, len(batches))
    assert seen_batches > 0, "the writer committed something before being killed"
    with open_station(data_dir) as reopened:
        assert reopened.check(verify_hashes=False).ok
