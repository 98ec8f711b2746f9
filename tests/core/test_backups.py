"""Automatic backups: consistent copies while others write, encrypted, rotated 7 daily + 4 weekly, taken
daily and before every merge."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from huimin_desktop.store import backups
from huimin_desktop.store.backups import BackupFile, list_backups, to_keep
from huimin_desktop.store.encryption import is_clear_database
from tests.core.sync_helpers import add_household, enroll_station
from tests.stations import connect_db, data_key, new_station

WRITES = 400


def _writer(db_path: Path, key: bytes, started: threading.Event, stop: threading.Event) -> None:
    from huimin_desktop.store.engine import connect

    connection = connect(db_path, key, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA busy_timeout=10000")
    try:
        for n in range(1, WRITES + 1):
            if stop.is_set():
                break
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO backup_probe (n, pad) VALUES (?, ?)", (n, "x" * 2000))
            connection.execute("COMMIT")
            if n == 50:
                started.set()
    finally:
        started.set()
        connection.close()


def test_a_backup_taken_while_another_connection_writes_holds_a_prefix_of_its_commits(station):
    folder = station.db.folder
    key = data_key(folder.root)
    setup = connect_db(folder.db_path)
    setup.execute("CREATE TABLE backup_probe (n INTEGER PRIMARY KEY, pad TEXT)")
    setup.commit()
    setup.close()
    started, stop = threading.Event(), threading.Event()
    writer = threading.Thread(target=_writer, args=(folder.db_path, key, started, stop))
    writer.start()
    try:
        started.wait()
        # take_backup: the copy alone (the service's rotation would keep only the day's newest)
        copies = [backups.take_backup(folder.db_path, folder.backups_dir, "probe", key) for _ in range(3)]
    finally:
        writer.join()
    counts = []
    for copy in copies:
        assert not is_clear_database(copy)  # encrypted like the database itself
        connection = connect_db(copy)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        numbers = [n for (n,) in connection.execute("SELECT n FROM backup_probe ORDER BY n")]
        connection.close()
        assert numbers == list(range(1, len(numbers) + 1))  # a prefix: no commit missing or torn
        counts.append(len(numbers))
    assert counts[0] >= 50  # taken after the writer had begun
    assert counts == sorted(counts)


def test_an_automatic_backup_opens_with_the_data_key_and_holds_the_data(station):
    add_household(station, "宝斯鲁", "211381198001010019")
    copy = station.backups.take("daily")
    assert copy.parent == station.db.folder.backups_dir
    assert not list(copy.parent.glob("*.partial"))
    connection = connect_db(copy)
    assert connection.execute("SELECT head_name FROM household").fetchall() == [("宝斯鲁",)]
    connection.close()
    assert station.backups.status().latest.path == copy


def test_the_daily_backup_is_taken_once_a_day(station):
    today = dt.datetime.now()
    first = station.backups.daily_if_due(today)
    assert first is not None and backups.parse_name(first)[0] == "daily"
    assert station.backups.daily_if_due(today) is None
    assert station.backups.daily_if_due(today + dt.timedelta(days=1)) is not None  # a day later


def test_a_merge_is_preceded_by_a_backup_and_a_dry_run_is_not(tmp_path):
    city = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    township = enroll_station(
        city,
        "township",
        "马友营蒙古族乡",
        "211381204000",
        tmp_path / "setup.json",
        tmp_path / "t",
        register=False,
    )
    try:
        add_household(township, "宝斯鲁", "211381198001010019")
        out = tmp_path / "stick"
        out.mkdir()
        package = township.sync.export(out).package
        city.sync.merge([package], dry_run=True)
        assert [b.label for b in city.backups.list()] == []
        (summary,) = city.sync.merge([package])
        assert summary.status == "applied", summary.reason
        copies = city.backups.list()
        assert [b.label for b in copies] == ["before-merge"]
        connection = connect_db(copies[0].path)
        assert connection.execute("SELECT count(*) FROM household").fetchone() == (0,)  # before it
        connection.close()
    finally:
        township.close()
        city.close()


def _files(folder: Path, moments: list[dt.datetime]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for moment in moments:
        path = backups._free_name(folder, "daily", moment)
        path.write_bytes(b"")
        paths.append(path)
    return paths


def test_rotation_keeps_the_newest_of_7_days_then_of_4_weeks(tmp_path):
    start = dt.datetime(2026, 1, 1, 8, 0)
    moments = [start + dt.timedelta(days=d, hours=h) for d in range(90) for h in (0, 4)]
    _files(tmp_path, moments)
    (tmp_path / "notes.txt").write_text("not a backup")
    backups.rotate(tmp_path)
    kept = [b.taken_at for b in list_backups(tmp_path)]
    last = start + dt.timedelta(days=89, hours=4)
    dailies = [last - dt.timedelta(days=d) for d in range(7)]
    assert sorted(dailies) == kept[-7:]  # the newest of each of the last 7 days
    weekly = kept[:-7]
    assert len(weekly) == 4
    assert len({m.isocalendar()[:2] for m in weekly}) == 4
    assert all(m.hour == 12 for m in weekly)  # each the newest of its day
    assert (tmp_path / "notes.txt").exists()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60 * 24 * 90), min_size=1, max_size=60, unique=True))
def test_rotation_keeps_at_most_11_and_always_the_newest_of_each_recent_day(minutes):
    start = dt.datetime(2026, 1, 1)
    found = [BackupFile(Path(f"b{m}.db"), "daily", start + dt.timedelta(minutes=m), 0) for m in minutes]
    keep = to_keep(sorted(found, key=lambda b: b.taken_at))
    assert len(keep) <= 11
    newest = max(found, key=lambda b: b.taken_at)
    assert newest.path in keep
    days = sorted({b.taken_at.date() for b in found}, reverse=True)[:7]
    for day in days:
        newest_of_day = max((b for b in found if b.taken_at.date() == day), key=lambda b: b.taken_at)
        assert newest_of_day.path in keep
    assert len(keep) == min(len(days), 7) + len(keep - {b.path for b in found if b.taken_at.date() in days})


def test_copies_before_one_off_steps_are_rotated_apart_the_4_newest_kept(tmp_path):
    start = dt.datetime(2026, 3, 1, 8, 0)
    for day in range(6):
        path = backups._free_name(tmp_path, f"before-upgrade-from-000{day}", start + dt.timedelta(days=day))
        path.write_bytes(b"")
    _files(tmp_path, [start + dt.timedelta(days=6, hours=h) for h in range(3)])
    backups.rotate(tmp_path)
    labels = [b.label for b in list_backups(tmp_path)]
    assert labels == [f"before-upgrade-from-000{d}" for d in range(2, 6)] + ["daily"]


def test_a_killed_backup_leaves_only_a_partial_that_the_next_one_removes(station):
    folder = station.db.folder.backups_dir
    (folder / "huimin-daily-20260101-000000.db.partial").write_bytes(b"half")
    station.backups.take("daily")
    assert not list(folder.glob("*.partial"))
