"""``main.py --smoke-startup`` in a fresh process: the real start-up path, exiting once shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from huimin_desktop.services.station import Station, has_station

ROOT = Path(__file__).resolve().parents[2]


def run_main(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # QSettings: not the user's real preferences
    }
    env.pop("HUIMIN_DATA", None)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_main_window_on_a_station(tmp_path: Path) -> None:
    folder = tmp_path / "city"
    Station.create(folder, level="city", name="朝阳市民委", division_code="211300").close()
    result = run_main(tmp_path, "--data", str(folder), "--smoke-startup")
    assert result.returncode == 0, result.stderr
    # The window first, then the station opened behind it.
    assert result.stdout.splitlines() == ["main window shown", "station loaded"]


def test_english_main_window(tmp_path: Path) -> None:
    folder = tmp_path / "city"
    Station.create(folder, level="city", name="朝阳市民委", division_code="211300").close()
    result = run_main(tmp_path, "--data", str(folder), "--lang", "en", "--smoke-startup")
    assert result.returncode == 0, result.stderr
    assert "main window shown" in result.stdout.splitlines()


def test_first_start_dialog_on_an_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    result = run_main(tmp_path, "--data", str(folder), "--smoke-startup")
    assert result.returncode == 0, result.stderr
    assert "first-start dialog shown" in result.stdout.splitlines()
    assert not has_station(folder)


def test_a_folder_from_a_newer_version_exits_with_failure(tmp_path: Path) -> None:
    import sqlite3

    folder = tmp_path / "city"
    Station.create(folder, level="city", name="朝阳市民委", division_code="211300").close()
    connection = sqlite3.connect(folder / "huimin.db")
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    result = run_main(tmp_path, "--data", str(folder), "--smoke-startup")
    assert result.returncode == 1
    assert "station loaded" not in result.stdout
