"""Backup to a USB stick (database, vault, attachments: encrypted, resumable, verified) and restore with a
check first: a damaged, truncated, unfinished, foreign or wrong-key backup is refused with one line and
the data folder stays exactly as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from pathlib import Path

import pytest

from huimin_desktop import messages
from huimin_desktop.errors import PermissionDeniedError
from huimin_desktop.media import samples
from huimin_desktop.progress import Cancelled, TaskState
from huimin_desktop.security.vault import Vault
from huimin_desktop.services.backup_restore import RestoreRefused
from huimin_desktop.services.station import Station
from huimin_desktop.store import backups
from huimin_desktop.store.encryption import is_clear_database
from huimin_desktop.store.engine import connect
from tests.core.sync_helpers import add_household
from tests.stations import TEST_ADMIN, TEST_PASSWORD, connect_db, data_key, new_station, open_station

ID_NUMBER = "211381198001010019"


def folder_state(root: Path) -> dict[str, str]:
    """Every file under the data folder and the SHA-256 of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def heads(station: Station) -> list[str]:
    with station.db.engine.connect() as connection:
        return sorted(r[0] for r in connection.exec_driver_sql("SELECT head_name FROM household"))


def attach_photos(station: Station, household: str, folder: Path, count: int) -> None:
    folder.mkdir(exist_ok=True)
    photos = [
        samples.write_jpeg(folder / f"IMG_{n}.jpg", taken_at=dt.datetime(2025, 5, 3, 10, n))
        for n in range(count)
    ]
    station.attachments.add_files("household", household, photos, category="")


@pytest.fixture
def stocked(station: Station, tmp_path: Path) -> Station:
    household = add_household(station, "宝斯鲁", ID_NUMBER)
    attach_photos(station, household, tmp_path / "photos", 3)
    return station


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def stored_files(station: Station) -> dict[str, bytes]:
    root = station.db.folder.attachments_dir
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".incoming" not in p.parts
    }


# -- backup to a stick ----------------------------------------------------------------------------


def test_a_stick_backup_holds_the_encrypted_database_the_vault_and_the_attachments_verified(stocked, stick):
    result = stocked.backups.to_drive(stick)
    folder = result.folder
    assert folder.parent == stick and not result.resumed
    manifest = json.loads((folder / "backup.json").read_text(encoding="utf-8"))
    assert manifest["station"]["id"] == stocked.info().id
    assert not (folder / "unfinished.json").exists()
    assert not list(folder.rglob("*.part"))
    assert not is_clear_database(folder / "huimin.db")
    assert (folder / "vault.json").read_bytes() == stocked.db.folder.vault_path.read_bytes()
    on_stick = {
        p.relative_to(folder / "attachments").as_posix(): p.read_bytes()
        for p in (folder / "attachments").rglob("*")
        if p.is_file()
    }
    assert on_stick == stored_files(stocked) and len(on_stick) >= 3
    for name, entry in manifest["files"].items():
        data = (folder / name).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"])
    assert result.attachments == len(on_stick) == manifest["attachments"]
    # the copy opens with the data key the vault on the stick unwraps for the administrator
    key = Vault.load(folder / "vault.json").unlock(TEST_ADMIN, TEST_PASSWORD)
    copy = connect(folder / "huimin.db", key)
    assert copy.execute("SELECT head_name FROM household").fetchall() == [("宝斯鲁",)]
    copy.close()
    for path in folder.rglob("*"):  # nothing clear: no ID number in any byte on the stick
        if path.is_file():
            data = path.read_bytes()
            assert ID_NUMBER.encode() not in data and ID_NUMBER.encode("utf-16-le") not in data


def _cancel_at(call: int) -> TaskState:
    calls = []
    task: TaskState

    def progress(_done: int, _total: int, _message: str) -> None:
        calls.append(1)
        if len(calls) >= call:
            task.cancel()

    task = TaskState(progress)
    return task


def test_a_pulled_stick_run_again_goes_on_and_keeps_what_was_written(stocked, stick):
    with pytest.raises(Cancelled):
        stocked.backups.to_drive(stick, _cancel_at(4))  # database, vault, first attachment; then out
    (folder,) = stick.iterdir()
    assert (folder / "unfinished.json").exists() and not (folder / "backup.json").exists()
    first = sorted(p for p in (folder / "attachments").rglob("*") if p.is_file())
    assert len(first) == 1
    written_at = first[0].stat().st_mtime_ns
    second_name = sorted(stored_files(stocked))[1]
    torn = folder / "attachments" / f"{second_name}.part"  # the write the pull cut short
    torn.parent.mkdir(parents=True, exist_ok=True)
    torn.write_bytes(b"\xff\xd8half")
    result = stocked.backups.to_drive(stick)
    assert result.folder == folder and result.resumed
    assert result.reused == 1 and first[0].stat().st_mtime_ns == written_at  # not written again
    assert (folder / "backup.json").exists() and not (folder / "unfinished.json").exists()
    assert not list(folder.rglob("*.part"))
    stocked.backups.check(folder)  # whole and verified


def test_a_file_spoilt_on_the_stick_is_caught_by_the_read_back_and_written_again(stocked, stick):
    with pytest.raises(Cancelled):
        stocked.backups.to_drive(stick, _cancel_at(4))
    (folder,) = stick.iterdir()
    (spoilt,) = [p for p in (folder / "attachments").rglob("*") if p.is_file()]
    good = spoilt.read_bytes()
    spoilt.write_bytes(bytes(len(good)))  # same size, other bytes: kept by size, caught by the hash
    result = stocked.backups.to_drive(stick)
    assert spoilt.read_bytes() == good
    assert result.reused == 0
    stocked.backups.check(folder)


def test_a_second_backup_makes_a_new_folder_and_the_stick_must_exist(stocked, stick, tmp_path):
    one = stocked.backups.to_drive(stick).folder
    stocked.backups.to_drive(stick)
    assert len([p for p in stick.iterdir() if p.is_dir()]) == 2 and (one / "backup.json").exists()
    with pytest.raises(Exception) as refused:
        stocked.backups.to_drive(tmp_path / "no-stick")
    assert "不存在" in str(refused.value)


def test_only_an_administrator_backs_up_or_restores(stocked, stick, data_dir):
    stocked.users.create("clerk", "录入员甲", "entry", password="clerk-pass-1")
    copy = stocked.backups.take("daily")
    with open_station(data_dir, user="clerk", password="clerk-pass-1") as clerk:
        before = folder_state(data_dir)
        with pytest.raises(PermissionDeniedError):
            clerk.backups.to_drive(stick)
        with pytest.raises(PermissionDeniedError):
            clerk.backups.restore(copy)
        assert list(stick.iterdir()) == []
        assert folder_state(data_dir) == before


# -- restore ----------------------------------------------------------------------------------------


def test_restoring_a_stick_backup_brings_back_the_data_and_its_attachments(stocked, stick, tmp_path):
    backup = stocked.backups.to_drive(stick).folder
    kept = stored_files(stocked)
    add_household(stocked, "其木格", "211381198503030027")
    for path in stocked.db.folder.attachments_dir.rglob("*"):
        if path.is_file():
            path.unlink()  # a lost attachment store
    result = stocked.backups.restore(backup)
    assert heads(stocked) == ["宝斯鲁"]
    assert stored_files(stocked) == kept and result.attachments_added == len(kept)
    assert result.safety_copy.parent == stocked.db.folder.backups_dir
    safety = connect_db(result.safety_copy)  # the data as it was before the restore
    assert sorted(r[0] for r in safety.execute("SELECT head_name FROM household")) == ["其木格", "宝斯鲁"]
    safety.close()
    assert stocked.check().ok
    add_household(stocked, "乌云", "211381199002020013")  # the station goes on working
    assert heads(stocked) == ["乌云", "宝斯鲁"]
    assert [r.action for r in stocked.audit.latest(50)].count("restore") == 1
    stocked.close()
    with open_station(stocked.db.folder.root) as again:  # and opens again with the password
        assert heads(again) == ["乌云", "宝斯鲁"]


def test_a_backup_taken_during_writes_restores_to_a_consistent_prefix(stocked):
    folder = stocked.db.folder
    key = data_key(folder.root)
    setup = connect_db(folder.db_path)
    setup.execute("CREATE TABLE backup_probe (n INTEGER PRIMARY KEY)")
    setup.commit()
    setup.close()
    started = threading.Event()

    def write() -> None:
        from huimin_desktop.store.engine import connect

        connection = connect(folder.db_path, key, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA busy_timeout=10000")
        for n in range(1, 301):
            connection.execute("INSERT INTO backup_probe (n) VALUES (?)", (n,))
            if n == 30:
                started.set()
        connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    started.wait()
    copy = backups.take_backup(folder.db_path, folder.backups_dir, "probe", key)
    writer.join()
    stocked.backups.restore(copy)
    with stocked.db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        numbers = [r[0] for r in connection.exec_driver_sql("SELECT n FROM backup_probe ORDER BY n")]
    assert len(numbers) >= 30 and numbers == list(range(1, len(numbers) + 1))


def _refused(station: Station, backup: Path, code: str) -> str:
    root = station.db.folder.root
    before = folder_state(root)
    with pytest.raises(RestoreRefused) as refused:
        station.backups.restore(backup)
    assert refused.value.code == code
    line = messages.describe(refused.value)
    assert line and "\n" not in line
    assert folder_state(root) == before  # nothing changed, nothing left in staging
    assert heads(station) == ["宝斯鲁"]
    return line


def test_a_damaged_stick_backup_is_refused_and_nothing_changes(stocked, stick):
    backup = stocked.backups.to_drive(stick).folder
    database = backup / "huimin.db"
    data = bytearray(database.read_bytes())
    data[len(data) // 2] ^= 0xFF
    database.write_bytes(bytes(data))
    line = _refused(stocked, backup, "restore.damaged")
    assert "huimin.db" in line


def test_a_missing_attachment_on_the_stick_is_refused(stocked, stick):
    backup = stocked.backups.to_drive(stick).folder
    next(p for p in (backup / "attachments").rglob("*") if p.is_file()).unlink()
    _refused(stocked, backup, "restore.damaged")


def test_a_truncated_copy_is_refused_and_nothing_changes(stocked):
    copy = stocked.backups.take("daily")
    with open(copy, "r+b") as handle:
        handle.truncate(copy.stat().st_size // 2)
    _refused(stocked, copy, "restore.damaged")


def test_a_truncated_stick_backup_is_refused(stocked, stick):
    backup = stocked.backups.to_drive(stick).folder
    with open(backup / "huimin.db", "r+b") as handle:
        handle.truncate(4096)
    assert "大小" in _refused(stocked, backup, "restore.damaged")


def test_a_copy_with_a_damaged_page_is_refused(stocked):
    copy = stocked.backups.take("daily")
    data = bytearray(copy.read_bytes())
    data[-100] ^= 0x55  # in the last page: SQLCipher's page check (or integrity_check) fails
    copy.write_bytes(bytes(data))
    _refused(stocked, copy, "restore.damaged")


def test_an_unfinished_backup_is_refused(stocked, stick):
    with pytest.raises(Cancelled):
        stocked.backups.to_drive(stick, _cancel_at(3))
    (folder,) = stick.iterdir()
    _refused(stocked, folder, "restore.unfinished")


@pytest.fixture
def other(tmp_path: Path) -> Station:
    station = new_station(tmp_path / "other", level="township", name="蒙古营乡", division_code="211381205000")
    add_household(station, "别站户", "211381197707070011")
    yield station
    station.close()


def test_another_stations_backup_is_refused(stocked, other, stick):
    foreign = other.backups.to_drive(stick).folder
    assert "蒙古营乡" in _refused(stocked, foreign, "restore.foreign")


def test_a_backup_under_another_key_is_refused(stocked, other, stick):
    forged = other.backups.to_drive(stick).folder
    manifest_path = forged / "backup.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["station"]["id"] = stocked.info().id  # claims to be ours; the database says otherwise
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    _refused(stocked, forged, "restore.wrong_key")
    copy = other.backups.take("daily")  # one copy of another station: does not open with our key
    _refused(stocked, copy, "restore.wrong_key")


def test_a_file_that_is_no_backup_is_refused(stocked, tmp_path):
    clear = tmp_path / "plain.db"
    import sqlite3

    sqlite3.connect(clear).execute("CREATE TABLE t (x)").connection.close()
    _refused(stocked, clear, "restore.not_encrypted")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    _refused(stocked, empty, "restore.damaged")
    _refused(stocked, tmp_path / "nowhere", "restore.missing")
    folder = tmp_path / "some-folder"
    folder.mkdir()
    _refused(stocked, folder, "restore.not_a_backup")


def test_restoring_a_copy_from_the_backups_folder(stocked):
    copy = stocked.backups.take("daily")
    add_household(stocked, "其木格", "211381198503030027")
    result = stocked.backups.restore(copy)
    assert heads(stocked) == ["宝斯鲁"] and result.kind == "copy"


# -- a new laptop: the stick's backup into a folder without a station ---------------------------------


def test_a_stick_backup_restores_onto_a_new_laptop_with_the_administrators_password(stocked, stick, tmp_path):
    backup = stocked.backups.to_drive(stick).folder
    kept = stored_files(stocked)
    new = tmp_path / "new-laptop"
    with Station.restore_new(new, backup, TEST_ADMIN, TEST_PASSWORD) as restored:
        assert heads(restored) == ["宝斯鲁"]
        assert stored_files(restored) == kept
        assert restored.info().id == stocked.info().id
        assert restored.check().ok
        assert restored.db.actor.username == TEST_ADMIN


def test_the_recovery_code_opens_a_stick_backup_on_a_new_laptop(stocked, stick, tmp_path):
    code = stocked.recovery_code
    assert code
    backup = stocked.backups.to_drive(stick).folder
    new = tmp_path / "new-laptop"
    with Station.restore_new(new, backup, TEST_ADMIN, "a-new-pass-2026", recovery_code=code) as restored:
        assert heads(restored) == ["宝斯鲁"]
    with open_station(new, password="a-new-pass-2026") as again:
        assert heads(again) == ["宝斯鲁"]


def test_a_new_laptop_refuses_a_wrong_password_a_clerk_and_a_copy_without_its_vault(stocked, stick, tmp_path):
    from huimin_desktop.errors import AuthenticationError, StationExistsError

    stocked.users.create("clerk", "录入员甲", "entry", password="clerk-pass-1")
    backup = stocked.backups.to_drive(stick).folder
    on_stick = folder_state(backup)
    new = tmp_path / "new-laptop"
    with pytest.raises(AuthenticationError):
        Station.restore_new(new, backup, TEST_ADMIN, "wrong")
    with pytest.raises(PermissionDeniedError):
        Station.restore_new(new, backup, "clerk", "clerk-pass-1")
    with pytest.raises(RestoreRefused) as refused:
        Station.restore_new(new, stocked.backups.take("daily"), TEST_ADMIN, TEST_PASSWORD)
    assert refused.value.code == "restore.no_vault"
    assert not new.exists()  # nothing was made
    assert folder_state(backup) == on_stick  # nor written on the stick
    with pytest.raises(StationExistsError):
        Station.restore_new(stocked.db.folder.root, backup, TEST_ADMIN, TEST_PASSWORD)


def test_a_restore_while_another_program_holds_the_database_replaces_nothing(stocked):
    from huimin_desktop.errors import ServiceError

    copy = stocked.backups.take("daily")
    add_household(stocked, "其木格", "211381198503030027")
    other_program = connect_db(stocked.db.folder.db_path)
    other_program.execute("SELECT count(*) FROM household").fetchone()
    try:
        with pytest.raises(ServiceError) as refused:
            stocked.backups.restore(copy)
        assert refused.value.code == "restore.in_use"
        assert "\n" not in messages.describe(refused.value)
    finally:
        other_program.close()
    assert heads(stocked) == ["其木格", "宝斯鲁"]  # the current data, still open and working
    add_household(stocked, "乌云", "211381199002020013")
    assert stocked.check().ok
