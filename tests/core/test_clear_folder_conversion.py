"""A clear data folder (as the version before encryption left it) is encrypted at its first login."""

from __future__ import annotations

from pathlib import Path

import pytest

from huimin_desktop.errors import AuthenticationError
from huimin_desktop.security.vault import Vault
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import create_station
from huimin_desktop.services.users import UserService
from huimin_desktop.store.database import Database, backup_database
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.store.encryption import is_clear_database
from tests.core.sync_helpers import add_household

HEAD_ID = "211381199001011234"


def clear_folder(root: Path) -> DataFolder:
    """What the previous version made: a clear huimin.db (and a clear backup of it), no vault."""
    folder = DataFolder(root)
    db = Database.open(folder)
    create_station(db, level="township", name="马友营蒙古族乡", division_code="211381204000")
    station = Station(db)
    add_household(station, "宝斯鲁", HEAD_ID)
    station.close()
    backup_database(folder.db_path, folder.backups_dir, "old")
    assert is_clear_database(folder.db_path) and not folder.vault_path.exists()
    assert HEAD_ID.encode() in folder.db_path.read_bytes()
    return folder


def every_byte(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_the_first_login_makes_the_first_admin_and_encrypts_everything(tmp_path: Path) -> None:
    folder = clear_folder(tmp_path / "old")
    seen: list[str] = []
    from huimin_desktop.progress import TaskState

    with Station.open(
        folder.root, "Boss", "boss-pass", task=TaskState(lambda d, t, m: seen.append(m))
    ) as station:
        assert station.recovery_code  # to be shown once
        assert station.db.actor.username == "boss" and station.db.actor.role == "admin"
        assert station.households.count() == 1
        assert station.check().ok
    assert seen[-1] == "加密完成"
    assert not is_clear_database(folder.db_path)
    assert all(not is_clear_database(b) for b in folder.backups_dir.glob("*.db"))
    assert len(list(folder.backups_dir.glob("*.db"))) >= 2  # the old one and the one before encryption
    assert not list(folder.root.rglob("*.clear")) and not list(folder.root.rglob("*.encrypting"))
    content = every_byte(folder.root)
    assert HEAD_ID.encode() not in content and "宝斯鲁".encode() not in content
    assert b"SQLite format 3" not in content
    assert Vault.load(folder.vault_path).state == "ready"
    with Station.open(folder.root, "boss", "boss-pass") as station:
        assert station.recovery_code is None and station.households.count() == 1
    with pytest.raises(AuthenticationError):
        Station.open(folder.root, "someone", "else")


def test_a_conversion_killed_after_the_vault_goes_on_at_the_next_login(tmp_path: Path) -> None:
    folder = clear_folder(tmp_path / "old")
    # the state a kill leaves between saving the vault and encrypting: the first administrator in the
    # clear database, the vault "converting"
    db = Database.open(folder)
    with db.session(capture=False) as session:
        UserService(db).add_first_admin(session, "boss")
    db.close()
    key = bytes(range(32))
    vault = Vault.create(folder.vault_path, key, "boss", "boss-pass", "0000-0000-0000-0000-0000")
    vault.state = "converting"
    vault.save()
    (folder.root / "huimin.db.encrypting").write_bytes(b"half written")
    with Station.open(folder.root, "boss", "boss-pass") as station:
        assert station.recovery_code and station.recovery_code != "0000-0000-0000-0000-0000"
        assert station.households.count() == 1
    assert not is_clear_database(folder.db_path)
    assert not (folder.root / "huimin.db.encrypting").exists()
    assert Vault.load(folder.vault_path).state == "ready"
