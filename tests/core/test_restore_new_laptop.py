"""A stick's backup onto a new laptop, in the two steps the first-start dialog takes: the check (reads
the stick only, before any password), then the install under the backup's own vault. Every refusal, a
cancel and a stick pulled out half-way leave the target folder as it was: nothing is left behind."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from huimin_desktop import messages
from huimin_desktop.errors import AuthenticationError, PermissionDeniedError
from huimin_desktop.progress import Cancelled, TaskState
from huimin_desktop.services.backup_restore import RestoreRefused
from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household
from tests.core.test_backup_restore import ID_NUMBER, attach_photos, folder_state, heads, stored_files
from tests.stations import TEST_ADMIN, TEST_PASSWORD, new_station


@pytest.fixture
def backup(station: Station, tmp_path: Path) -> Path:
    """A real stick backup (database, vault, three photos) of a township with one household."""
    household = add_household(station, "宝斯鲁", ID_NUMBER)
    attach_photos(station, household, tmp_path / "photos", 3)
    station.users.create("clerk", "录入员甲", "entry", password="clerk-pass-1")
    stick = tmp_path / "stick"
    stick.mkdir()
    return station.backups.to_drive(stick).folder


def _refusal(error: BaseException) -> str:
    line = messages.describe(error)
    assert line is not None and "\n" not in line, line
    return line


def test_the_check_reads_the_stick_and_writes_nothing(backup: Path, station: Station) -> None:
    on_stick = folder_state(backup)
    reports: list[str] = []
    found = Station.check_new_backup(backup, TaskState(lambda _d, _t, message: reports.append(message)))
    assert found.station_id == station.info().id
    assert found.station_name == station.info().name
    assert found.attachments == 3 and found.files == 5  # the database, the vault, three photos
    assert found.bytes == sum(
        p.stat().st_size for p in backup.rglob("*") if p.is_file() and p.name != "backup.json"
    )
    assert found.taken_at
    assert "正在检查备份" in reports
    assert folder_state(backup) == on_stick


def test_the_check_refuses_what_is_no_backup_a_damaged_one_and_a_copy_without_its_vault(
    backup: Path, station: Station, tmp_path: Path
) -> None:
    empty = tmp_path / "just-a-folder"
    empty.mkdir()
    cases = {
        "restore.not_a_backup": empty,
        "restore.missing": tmp_path / "nowhere",
        "restore.no_vault": station.backups.take("daily"),  # a copy from backups/: no vault beside it
    }
    for code, source in cases.items():
        with pytest.raises(RestoreRefused) as refused:
            Station.check_new_backup(source)
        assert refused.value.code == code
        _refusal(refused.value)
    photo = next(p for p in (backup / "attachments").rglob("*") if p.is_file())
    spoilt = bytearray(photo.read_bytes())
    spoilt[len(spoilt) // 2] ^= 0xFF
    photo.write_bytes(bytes(spoilt))
    with pytest.raises(RestoreRefused) as refused:
        Station.check_new_backup(backup)
    assert refused.value.code == "restore.damaged"
    assert "备份已损坏" in _refusal(refused.value)


def test_after_the_check_the_install_opens_the_station_as_the_administrator(
    backup: Path, station: Station, tmp_path: Path
) -> None:
    kept = stored_files(station)
    Station.check_new_backup(backup)
    new = tmp_path / "new-laptop"
    with Station.restore_new(new, backup, TEST_ADMIN, TEST_PASSWORD, verified=True) as restored:
        assert heads(restored) == ["宝斯鲁"]
        assert stored_files(restored) == kept
        assert restored.check().ok


def _pull_the_stick_at(stick: Path, step: str) -> TaskState:
    """A task whose progress report of ``step`` removes the backup folder: the stick pulled out."""

    def progress(_done: int, _total: int, message: str) -> None:
        if message == step and stick.exists():
            shutil.rmtree(stick)

    return TaskState(progress)


@pytest.mark.parametrize("existing", [False, True], ids=["new folder", "empty folder the user made"])
def test_a_stick_pulled_out_half_way_leaves_nothing_behind(
    backup: Path, tmp_path: Path, existing: bool
) -> None:
    new = tmp_path / "new-laptop"
    if existing:
        new.mkdir()
        (new / "readme.txt").write_text("the user's own note", encoding="utf-8")
    before = folder_state(new) if existing else None
    with pytest.raises(RestoreRefused) as refused:
        Station.restore_new(
            new, backup, TEST_ADMIN, TEST_PASSWORD, task=_pull_the_stick_at(backup, "正在恢复附件")
        )
    assert refused.value.code == "restore.interrupted"
    assert "U 盘可能已被拔出" in _refusal(refused.value)
    if existing:
        assert folder_state(new) == before
        assert sorted(p.name for p in new.iterdir()) == ["readme.txt"]  # no empty folders either
    else:
        assert not new.exists()


def test_a_cancel_during_the_install_leaves_nothing_behind(backup: Path, tmp_path: Path) -> None:
    new = tmp_path / "new-laptop"
    calls = 0

    def progress(_done: int, _total: int, message: str) -> None:
        nonlocal calls
        if message == "正在恢复附件":
            calls += 1
            if calls == 2:
                task.cancel()

    task = TaskState(progress)
    with pytest.raises(Cancelled):
        Station.restore_new(new, backup, TEST_ADMIN, TEST_PASSWORD, task=task, verified=True)
    assert not new.exists()


def test_refusals_after_the_check_write_nothing(backup: Path, tmp_path: Path) -> None:
    new = tmp_path / "new-laptop"
    attempts = [
        (AuthenticationError, "auth.wrong_password", dict(user=TEST_ADMIN, password="wrong-password")),
        (PermissionDeniedError, "auth.forbidden", dict(user="clerk", password="clerk-pass-1")),
        (
            AuthenticationError,
            "auth.wrong_recovery_code",
            dict(user=TEST_ADMIN, password="new-pass-2026", recovery_code="AAAA-BBBB-CCCC-DDDD"),
        ),
        (
            AuthenticationError,
            "auth.password_too_short",
            dict(user=TEST_ADMIN, password="ab", recovery_code="AAAA-BBBB-CCCC-DDDD"),
        ),
    ]
    for kind, code, login in attempts:
        with pytest.raises(kind) as refused:
            Station.restore_new(new, backup, login.pop("user"), login.pop("password"), **login)
        assert refused.value.code == code
        _refusal(refused.value)
        assert not new.exists()


def test_a_backup_pieced_together_from_two_stations_is_refused_in_its_own_words(
    backup: Path, tmp_path: Path
) -> None:
    other = new_station(tmp_path / "other", level="township", name="蒙古营乡", division_code="211381205000")
    with other:
        other_stick = tmp_path / "other-stick"
        other_stick.mkdir()
        foreign = other.backups.to_drive(other_stick).folder
    shutil.copyfile(foreign / "huimin.db", backup / "huimin.db")  # another station's database …
    manifest = json.loads((backup / "backup.json").read_text(encoding="utf-8"))
    import hashlib

    data = (backup / "huimin.db").read_bytes()
    manifest["files"]["huimin.db"] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    (backup / "backup.json").write_text(json.dumps(manifest), encoding="utf-8")  # … listed as ours
    Station.check_new_backup(backup)  # every file matches its list: only the key can tell
    new = tmp_path / "new-laptop"
    with pytest.raises(RestoreRefused) as refused:
        Station.restore_new(new, backup, TEST_ADMIN, TEST_PASSWORD, verified=True)
    assert refused.value.code == "restore.vault_mismatch"
    assert "不属于同一个站点" in _refusal(refused.value)
    assert not new.exists()


def test_a_stick_pulled_out_during_the_check_is_said_so_not_called_damaged(backup: Path) -> None:
    with pytest.raises(RestoreRefused) as refused:
        Station.check_new_backup(backup, _pull_the_stick_at(backup, "正在检查备份"))
    assert refused.value.code == "restore.unreadable"
    assert "U 盘可能已被拔出" in _refusal(refused.value)
