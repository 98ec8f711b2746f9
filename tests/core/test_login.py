"""Users, passwords, lockout, the key vault and the encrypted database (issue 13's core of trust)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from huimin_desktop.errors import AuthenticationError, PermissionDeniedError
from huimin_desktop.model import AuditEntry, Member
from huimin_desktop.security.roles import Actor
from huimin_desktop.security.vault import Vault
from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household
from tests.stations import TEST_ADMIN, TEST_PASSWORD, data_key, new_station

ROOT = Path(__file__).resolve().parents[2]
HEAD_ID = "211381199001011234"


class Clock:
    """An injectable clock: tests move it, never sleep."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_digest(folder: Path) -> dict[str, str]:
    """Every file but the vault (which counts failures) and SQLite's shared-memory index."""
    return {
        str(p.relative_to(folder)): digest(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "vault.json" and not p.name.endswith("-shm")
    }


def audit(station: Station) -> list[tuple[str, str]]:
    with station.db.reader() as session:
        rows = session.execute(
            select(AuditEntry.user, AuditEntry.action).where(AuditEntry.table_name == "app_user")
        )
        return [tuple(row) for row in rows]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "station"
    with new_station(data, level="township", name="马友营蒙古族乡", division_code="211381204000") as station:
        add_household(station, "宝斯鲁", HEAD_ID)
    return data


def test_login_sets_the_actor_and_the_data_key(folder: Path) -> None:
    with Station.open(folder, TEST_ADMIN.upper(), TEST_PASSWORD) as station:
        assert station.db.actor == Actor(TEST_ADMIN, "admin", TEST_ADMIN)
        assert station.db.data_key == data_key(folder) and len(station.db.data_key) == 32
        assert audit(station)[-1] == (TEST_ADMIN, "login")


def test_a_wrong_password_changes_nothing_but_the_count(folder: Path) -> None:
    before = folder_digest(folder)
    with pytest.raises(AuthenticationError) as refused:
        Station.open(folder, TEST_ADMIN, "wrong")
    assert refused.value.code == "auth.wrong_password" and "\n" not in str(refused.value)
    with pytest.raises(AuthenticationError):
        Station.open(folder, "nobody", TEST_PASSWORD)
    assert folder_digest(folder) == before
    assert Vault.load(folder / "keys" / "vault.json").failures(TEST_ADMIN) == 1


def test_five_wrong_passwords_lock_for_15_minutes_and_the_log_says_so(folder: Path) -> None:
    clock = Clock()
    for attempt in range(4):
        with pytest.raises(AuthenticationError) as refused:
            Station.open(folder, TEST_ADMIN, f"wrong{attempt}", clock=clock)
        assert refused.value.code == "auth.wrong_password"
    with pytest.raises(AuthenticationError) as refused:
        Station.open(folder, TEST_ADMIN, "wrong5", clock=clock)
    until = (clock.now + dt.timedelta(minutes=15)).astimezone().strftime("%Y-%m-%d %H:%M")
    assert refused.value.code == "auth.locked" and until in str(refused.value)
    # locked: even the right password is refused, until the 15 minutes are over
    clock.now += dt.timedelta(minutes=14, seconds=59)
    with pytest.raises(AuthenticationError, match=until):
        Station.open(folder, TEST_ADMIN, TEST_PASSWORD, clock=clock)
    clock.now += dt.timedelta(seconds=2)
    with Station.open(folder, TEST_ADMIN, TEST_PASSWORD, clock=clock) as station:
        entries = audit(station)
    failed = [(TEST_ADMIN, "login_failed")] * 5
    assert entries[-7:] == [*failed, (TEST_ADMIN, "locked"), (TEST_ADMIN, "login")]
    vault = Vault.load(folder / "keys" / "vault.json")
    assert vault.failures(TEST_ADMIN) == 0 and vault.take_events() == []
    # the count starts again after a good login: four more wrong ones do not lock
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="用户名或密码错误"):
            Station.open(folder, TEST_ADMIN, "wrong", clock=clock)


def test_disabled_users_cannot_log_in_and_the_last_admin_stays(folder: Path) -> None:
    with Station.open(folder, TEST_ADMIN, TEST_PASSWORD) as station:
        station.users.create("wang.li", "王丽", "entry", password="wang-pass")
    with Station.open(folder, "wang.li", "wang-pass") as station:
        assert station.db.actor.role == "entry"
    with Station.open(folder, TEST_ADMIN, TEST_PASSWORD) as station:
        station.users.disable("wang.li")
        with pytest.raises(AuthenticationError, match="最后一位管理员"):
            station.users.disable(TEST_ADMIN)
        with pytest.raises(AuthenticationError, match="最后一位管理员"):
            station.users.set_role(TEST_ADMIN, "reviewer")
    with pytest.raises(AuthenticationError):
        Station.open(folder, "wang.li", "wang-pass")
    with Station.open(folder, TEST_ADMIN, TEST_PASSWORD) as station:
        station.users.reset_password("wang.li", "new-pass")  # enables again
        assert [u.active for u in station.users.list()] == [True, True]
    Station.open(folder, "wang.li", "new-pass").close()


@pytest.mark.parametrize("role", ["entry", "reviewer"])
def test_only_administrators_manage_users(folder: Path, role: str) -> None:
    with Station.open(folder, TEST_ADMIN, TEST_PASSWORD) as station:
        station.users.create("clerk", "", role, password="clerk-pass")
    before = folder_digest(folder)
    with Station.open(folder, "clerk", "clerk-pass", audit_login="with_first_change") as station:
        for act in (
            lambda: station.users.create("other", "", "entry", password="xxxx-1"),
            lambda: station.users.disable(TEST_ADMIN),
            lambda: station.users.reset_password(TEST_ADMIN, "taken-over"),
            lambda: station.users.set_role("clerk", "admin"),
        ):
            with pytest.raises(PermissionDeniedError):
                act()
        station.users.change_own_password("clerk-pass-2")  # their own password they may change
    assert folder_digest(folder) != before
    with pytest.raises(AuthenticationError):
        Station.open(folder, TEST_ADMIN, "taken-over")


def test_a_password_change_rewraps_the_key_and_leaves_the_data_encrypted_as_it_was(folder: Path) -> None:
    key = data_key(folder)
    header = (folder / "huimin.db").read_bytes()[:16]  # SQLCipher's salt: a re-encryption changes it
    with Station.open(folder, TEST_ADMIN, TEST_PASSWORD) as station:
        station.users.change_own_password("brand-new")
    assert (folder / "huimin.db").read_bytes()[:16] == header
    with pytest.raises(AuthenticationError):
        Station.open(folder, TEST_ADMIN, TEST_PASSWORD)
    with Station.open(folder, TEST_ADMIN, "brand-new") as station:
        assert station.db.data_key == key
        assert station.households.count() == 1


def test_the_recovery_code_sets_a_new_admin_password(tmp_path: Path) -> None:
    with new_station(tmp_path / "s", level="city", name="朝阳市民委", division_code="211300") as station:
        code = station.recovery_code
    assert code is not None and len(code.replace("-", "")) == 20
    with pytest.raises(AuthenticationError, match="恢复码不正确"):
        Station.recover(tmp_path / "s", "0000-0000-0000-0000-0000", TEST_ADMIN, "fresh-pass")
    # typed in lower case, without dashes: still the code
    with Station.recover(tmp_path / "s", code.lower().replace("-", ""), TEST_ADMIN, "fresh-pass") as station:
        assert station.db.actor.username == TEST_ADMIN
        assert audit(station)[-2:] == [("system", "user_recover"), (TEST_ADMIN, "login")]
    Station.open(tmp_path / "s", TEST_ADMIN, "fresh-pass").close()
    with pytest.raises(AuthenticationError):
        Station.open(tmp_path / "s", TEST_ADMIN, TEST_PASSWORD)


def _edit_vault(folder: Path, change) -> None:
    path = folder / "keys" / "vault.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_a_tampered_vault_is_refused(folder: Path) -> None:
    with Station.open(folder, TEST_ADMIN, TEST_PASSWORD) as station:
        station.users.create("wang.li", "", "entry", password="wang-pass")
    # a box moved to another name does not open (the name is its associated data)
    _edit_vault(folder, lambda d: d["users"].__setitem__("intruder", d["users"]["wang.li"]))
    with pytest.raises(AuthenticationError) as refused:
        Station.open(folder, "intruder", "wang-pass")
    assert refused.value.code == "auth.wrong_password"
    # ... and the added entry breaks the seal: the right password of a real user is refused too
    with pytest.raises(AuthenticationError) as refused:
        Station.open(folder, TEST_ADMIN, TEST_PASSWORD)
    assert refused.value.code == "auth.vault_damaged"
    _edit_vault(folder, lambda d: d["users"].pop("intruder"))
    Station.open(folder, TEST_ADMIN, TEST_PASSWORD).close()
    _edit_vault(folder, lambda d: d["users"].pop("wang.li"))  # a box removed
    with pytest.raises(AuthenticationError, match="密钥文件已损坏或被改动"):
        Station.open(folder, TEST_ADMIN, TEST_PASSWORD)
    (folder / "keys" / "vault.json").write_text("{not json")
    with pytest.raises(AuthenticationError, match="密钥文件已损坏或被改动"):
        Station.open(folder, TEST_ADMIN, TEST_PASSWORD)
    (folder / "keys" / "vault.json").unlink()
    with pytest.raises(AuthenticationError) as refused:
        Station.open(folder, TEST_ADMIN, TEST_PASSWORD)
    assert refused.value.code == "auth.no_vault"


def test_no_credentials_no_station(folder: Path) -> None:
    with pytest.raises(AuthenticationError) as refused:
        Station.open(folder)
    assert refused.value.code == "auth.login_required"


def test_database_and_wal_hold_no_clear_header_name_or_id_number(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    station, _created = Station.open_demo(data)
    with station:
        station.generate_demo(40, seed=5)
        with station.db.reader() as session:
            member = session.scalars(select(Member).where(Member.id_number != "")).first()
            assert member is not None
            head, id_number = member.name, member.id_number
        files = [data / "huimin.db", data / "huimin.db-wal"]
        contents = [f.read_bytes() for f in files if f.exists()]  # while open: the WAL is there
    contents += [(data / "huimin.db").read_bytes()]
    assert len(contents) >= 2
    for content in contents:
        assert not content.startswith(b"SQLite format 3")
        for needle in (id_number.encode(), head.encode("utf-8"), head.encode("utf-16-le")):
            assert needle not in content


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=120,
    )


def test_cli_login_users_and_refusals(tmp_path: Path) -> None:
    data = str(tmp_path / "cli")
    created = run(
        "init",
        "--level",
        "city",
        "--name",
        "朝阳市民委",
        "--division",
        "211300",
        "--admin",
        "boss",
        "--data",
        data,
        "--json",
        HUIMIN_PASSWORD="boss-pass",
    )
    assert created.returncode == 0, created.stderr
    payload = json.loads(created.stdout)
    assert payload["admin"] == "boss" and len(payload["recovery_code"]) == 24
    before = folder_digest(Path(data))
    wrong = run("check", "--data", data, "--user", "boss", HUIMIN_PASSWORD="nope")
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1 and "用户名或密码错误" in wrong.stderr
    assert folder_digest(Path(data)) == before
    added = run(
        "users",
        "add",
        "li.ming",
        "--role",
        "entry",
        "--display-name",
        "李明",
        "--data",
        data,
        "--user",
        "boss",
        HUIMIN_PASSWORD="boss-pass",
        HUIMIN_NEW_PASSWORD="li-pass",
    )
    assert added.returncode == 0, added.stderr
    listed = run("users", "list", "--json", "--data", data, "--user", "boss", HUIMIN_PASSWORD="boss-pass")
    assert [u["username"] for u in json.loads(listed.stdout)["users"]] == ["boss", "li.ming"]
    before = folder_digest(Path(data))
    refused = run(
        "users",
        "add",
        "x.y",
        "--role",
        "admin",
        "--data",
        data,
        "--user",
        "li.ming",
        HUIMIN_PASSWORD="li-pass",
        HUIMIN_NEW_PASSWORD="xy-pass",
    )
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "无权" in refused.stderr
    refused = run("users", "list", "--data", data, "--user", "li.ming", HUIMIN_PASSWORD="li-pass")
    assert refused.returncode == 1
    assert folder_digest(Path(data)) == before
    assert (
        run(
            "users", "disable", "li.ming", "--data", data, "--user", "boss", HUIMIN_PASSWORD="boss-pass"
        ).returncode
        == 0
    )
    gone = run("check", "--data", data, "--user", "li.ming", HUIMIN_PASSWORD="li-pass")
    assert gone.returncode == 1
    reset = run(
        "users",
        "recover",
        "boss",
        "--code",
        payload["recovery_code"],
        "--data",
        data,
        HUIMIN_NEW_PASSWORD="boss-new",
    )
    assert reset.returncode == 0, reset.stderr
    assert run("check", "--data", data, "--user", "boss", HUIMIN_PASSWORD="boss-new").returncode == 0


def test_demo_in_an_empty_folder_says_its_login(tmp_path: Path) -> None:
    done = run("demo", "--households", "3", "--data", str(tmp_path / "d"), "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert (payload["user"], payload["password"]) == ("admin", "demo")
    assert Station.demo_login(tmp_path / "d") == ("admin", "demo")
