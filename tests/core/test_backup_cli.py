"""``backup --to DIR`` and ``restore BACKUP`` on the command line: administrators only, JSON out, one line
on stderr and nothing changed for a refused restore."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from huimin_desktop.cli import main
from tests.core.sync_helpers import add_household
from tests.stations import new_station, open_station


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "station"
    with new_station(
        folder, level="township", name="马友营蒙古族乡", division_code="211381204000"
    ) as station:
        add_household(station, "宝斯鲁", "211381198001010019")
        station.users.create("clerk", "录入员甲", "entry", password="clerk-pass-1")
    return folder


def cli(capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capfd.readouterr()
    return code, out, err


def test_backup_and_restore_through_the_command_line(data, tmp_path, capfd):
    stick = tmp_path / "stick"
    stick.mkdir()
    code, out, err = cli(capfd, "backup", "--to", str(stick), "--data", str(data), "--json")
    assert code == 0, err
    made = json.loads(out)
    assert made["verified"] is True and Path(made["backup"]).parent == stick
    with open_station(data) as station:
        add_household(station, "其木格", "211381198503030027")
    code, out, err = cli(capfd, "restore", made["backup"], "--check", "--data", str(data), "--json")
    assert code == 0 and json.loads(out)["ok"] is True, err
    code, out, err = cli(capfd, "restore", made["backup"], "--data", str(data), "--json")
    assert code == 0, err
    restored = json.loads(out)
    assert Path(restored["safety_copy"]).is_file()
    with open_station(data) as station, station.db.engine.connect() as connection:
        names = [r[0] for r in connection.exec_driver_sql("SELECT head_name FROM household")]
        actions = [r.action for r in station.audit.latest(50)]
    assert names == ["宝斯鲁"]
    assert "restore" in actions


def test_a_damaged_backup_is_refused_with_one_line_and_nothing_changes(data, tmp_path, capfd):
    stick = tmp_path / "stick"
    stick.mkdir()
    assert cli(capfd, "backup", "--to", str(stick), "--data", str(data))[0] == 0
    (backup,) = stick.iterdir()
    database = backup / "huimin.db"
    spoilt = bytearray(database.read_bytes())
    spoilt[5000] ^= 0xFF
    database.write_bytes(bytes(spoilt))
    before = snapshot(data)
    code, out, err = cli(capfd, "restore", str(backup), "--data", str(data))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "损坏" in err, err
    assert snapshot(data) == before


def test_a_backup_under_another_key_is_refused_with_one_clean_line(data, tmp_path, capfd):
    other = tmp_path / "other"
    with new_station(other, level="township", name="蒙古营乡", division_code="211381205000") as station:
        copy = station.backups.take("daily")
    before = snapshot(data)
    code, out, err = cli(capfd, "restore", str(copy), "--data", str(data))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "密钥" in err, err  # no SQLCipher log lines either
    assert snapshot(data) == before


def test_an_entry_clerk_may_not_back_up_or_restore(data, tmp_path, capfd, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    with open_station(data) as station:
        copy = station.backups.take("daily")
    monkeypatch.setenv("HUIMIN_USER", "clerk")
    monkeypatch.setenv("HUIMIN_PASSWORD", "clerk-pass-1")
    before = snapshot(data)
    code, _out, err = cli(capfd, "backup", "--to", str(stick), "--data", str(data))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "无权" in err, err
    assert list(stick.iterdir()) == []
    code, _out, err = cli(capfd, "restore", str(copy), "--data", str(data))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "无权" in err, err
    assert snapshot(data) == before


def test_restore_into_an_empty_folder_opens_the_sticks_backup_with_its_vault(data, tmp_path, capfd):
    stick = tmp_path / "stick"
    stick.mkdir()
    assert cli(capfd, "backup", "--to", str(stick), "--data", str(data))[0] == 0
    (backup,) = stick.iterdir()
    new = tmp_path / "new-laptop"
    code, out, err = cli(capfd, "restore", str(backup), "--data", str(new), "--json")
    assert code == 0, err
    assert json.loads(out)["new"] is True
    with open_station(new) as station, station.db.engine.connect() as connection:
        assert [r[0] for r in connection.exec_driver_sql("SELECT head_name FROM household")] == ["宝斯鲁"]
    other = tmp_path / "other-laptop"
    code, out, err = cli(capfd, "restore", str(backup), "--data", str(other), "--user", "nobody")
    assert code == 1 and len(err.strip().splitlines()) == 1 and not other.exists(), err
