"""``check --json`` digest (sync/digest.py): one logical hash of every synced row, the same for the same
data whatever the file (clear or encrypted, vacuumed, rows written in another order), different for one
changed field, and unchanged by a refused command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from huimin_desktop.demo import generate_demo
from huimin_desktop.services.station import Station
from huimin_desktop.sync.digest import synced_digest
from huimin_desktop.sync.records import TABLES
from tests.core.sync_helpers import add_household, logical_dump, set_household, sync_pair
from tests.core.test_cli import run
from tests.stations import connect_db, open_station


def _digest_of_file(path: Path) -> str:
    """The digest of a clear SQLite file, read with the standard library's sqlite3 (no key)."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return synced_digest(connection)
    finally:
        engine.dispose()


def _clear_copy(station: Station, target: Path) -> Path:
    """The encrypted database exported to a clear file (sqlcipher_export), as another layout of the data."""
    connection = connect_db(station.db.folder.db_path)
    try:
        connection.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
        connection.execute("SELECT sqlcipher_export('plain')")
        connection.execute("DETACH DATABASE plain")
    finally:
        connection.close()
    return target


def _shuffled_copy(source: Path, target: Path) -> Path:
    """The same rows written into a fresh file in reverse order: other pages, other rowids."""
    shutil.copyfile(source, target)
    engine = create_engine(f"sqlite:///{target}")
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        for name in TABLES:
            connection.exec_driver_sql(
                f'CREATE TEMP TABLE keep AS SELECT * FROM "{name}" ORDER BY rowid DESC'
            )
            connection.exec_driver_sql(f'DELETE FROM "{name}"')
            connection.exec_driver_sql(f'INSERT INTO "{name}" SELECT * FROM keep')
            connection.exec_driver_sql("DROP TABLE keep")
    engine.dispose()
    return target


@pytest.fixture
def filled(station: Station) -> Station:
    generate_demo(station, 25, seed=11)
    return station


def test_same_data_same_digest_in_any_file(filled: Station, tmp_path: Path) -> None:
    digest = filled.check(verify_hashes=False).digest
    assert len(digest) == 64
    clear = _clear_copy(filled, tmp_path / "clear.db")
    assert _digest_of_file(clear) == digest
    shuffled = _shuffled_copy(clear, tmp_path / "shuffled.db")
    assert _digest_of_file(shuffled) == digest
    before = shuffled.read_bytes()
    engine = create_engine(f"sqlite:///{shuffled}")
    with engine.connect() as connection:
        connection.execute(text("VACUUM"))
    engine.dispose()
    assert shuffled.read_bytes() != before
    assert _digest_of_file(shuffled) == digest
    encrypted = connect_db(filled.db.folder.db_path, isolation_level=None)  # vacuumed in place
    try:
        encrypted.execute("VACUUM")
    finally:
        encrypted.close()
    assert filled.check(verify_hashes=False).digest == digest


def test_one_changed_field_changes_the_digest(filled: Station, tmp_path: Path) -> None:
    digest = filled.check(verify_hashes=False).digest
    clear = _clear_copy(filled, tmp_path / "clear.db")
    engine = create_engine(f"sqlite:///{clear}")
    with engine.begin() as connection:  # one field of one row, not even its stamp
        connection.exec_driver_sql("UPDATE household SET address = address || '号' WHERE rowid = 1")
    engine.dispose()
    assert _digest_of_file(clear) != digest
    with engine.begin() as connection:  # the value put back: the same data again
        connection.exec_driver_sql(
            "UPDATE household SET address = substr(address, 1, length(address) - 1) WHERE rowid = 1"
        )
    assert _digest_of_file(clear) == digest
    with engine.begin() as connection:  # a stamp alone is a change too
        connection.exec_driver_sql("UPDATE member SET stamp = stamp || '0' WHERE rowid = 1")
    engine.dispose()
    assert _digest_of_file(clear) != digest
    household = add_household(filled, "新户主")
    changed = filled.check(verify_hashes=False).digest
    assert changed != digest
    set_household(filled, household, address="三家子村")
    assert filled.check(verify_hashes=False).digest not in (digest, changed)


def test_every_synced_table_counts(filled: Station, tmp_path: Path) -> None:
    """A tombstone set on one row of any synced table changes the digest; taken back, it is equal again."""
    digest = filled.check(verify_hashes=False).digest
    clear = _clear_copy(filled, tmp_path / "clear.db")
    engine = create_engine(f"sqlite:///{clear}")
    tried = []
    for name in TABLES:
        with engine.begin() as connection:
            if connection.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar() == 0:
                continue
            connection.exec_driver_sql(
                f'UPDATE "{name}" SET deleted = 1 - deleted WHERE rowid = (SELECT min(rowid) FROM "{name}")'
            )
        assert _digest_of_file(clear) != digest, name
        with engine.begin() as connection:
            connection.exec_driver_sql(
                f'UPDATE "{name}" SET deleted = 1 - deleted WHERE rowid = (SELECT min(rowid) FROM "{name}")'
            )
        assert _digest_of_file(clear) == digest, name
        tried.append(name)
    engine.dispose()
    assert {"household", "member", "survey", "project", "division"} <= set(tried)


def test_local_columns_do_not_count(filled: Station) -> None:
    """seq, derived columns and the audit log are this station's own: a digest leaves them out."""
    digest = filled.check(verify_hashes=False).digest
    with filled.db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE household SET seq = seq + 1000, member_count = member_count + 1")
    assert filled.check(verify_hashes=False).digest == digest


def test_two_stations_after_a_sync_agree(network) -> None:
    city, township, _other = network
    for number in range(3):
        add_household(township, f"户主{number}", members=2)
    assert city.check(verify_hashes=False).digest != township.check(verify_hashes=False).digest
    sync_pair(city, township)
    assert logical_dump(city) == logical_dump(township)  # the same data: then the same digest
    assert city.check(verify_hashes=False).digest == township.check(verify_hashes=False).digest
    set_household(city, next(iter(logical_dump(city)["household"])), address="城里改的")
    assert city.check(verify_hashes=False).digest != township.check(verify_hashes=False).digest
    sync_pair(city, township)
    assert city.check(verify_hashes=False).digest == township.check(verify_hashes=False).digest


def test_a_refused_command_leaves_the_digest(filled: Station, data_dir: Path, tmp_path: Path) -> None:
    filled.close()

    def digest() -> str:
        checked = run("check", "--quick", "--json", "--data", str(data_dir))
        assert checked.returncode == 0, checked.stderr
        return json.loads(checked.stdout)["digest"]

    before = digest()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    refused = run("import-roster", str(broken), "--data", str(data_dir))
    assert refused.returncode == 1
    bad_package = tmp_path / "HM0000"
    bad_package.write_bytes(b"not a package")
    assert run("merge", str(bad_package), "--data", str(data_dir)).returncode == 1
    assert digest() == before
    with open_station(data_dir) as station:
        add_household(station, "后来的户")
    assert digest() != before
