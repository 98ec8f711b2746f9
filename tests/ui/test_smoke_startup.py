"""``main.py --smoke-startup`` in a fresh process: the real start-up path, exiting once shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from huimin_desktop.services.station import has_station
from tests.stations import connect_db, new_station

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
    new_station(folder, level="city", name="朝阳市民委", division_code="211300").close()
    result = run_main(tmp_path, "--data", str(folder), "--smoke-startup")
    assert result.returncode == 0, result.stderr
    # The window first, then the station opened behind it.
    assert result.stdout.splitlines() == ["main window shown", "station loaded"]


def test_english_main_window(tmp_path: Path) -> None:
    folder = tmp_path / "city"
    new_station(folder, level="city", name="朝阳市民委", division_code="211300").close()
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

    folder = tmp_path / "city"
    new_station(folder, level="city", name="朝阳市民委", division_code="211300").close()
    connection = connect_db(folder / "huimin.db")
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    result = run_main(tmp_path, "--data", str(folder), "--smoke-startup")
    assert result.returncode == 1
    assert "station loaded" not in result.stdout


# Run main.py in a fresh process and, when it prints "main window shown" (or "station loaded"), print
# what had been loaded by then.
_LOADED_AT_FIRST_PAINT = """
import builtins, json, runpy, sys
print_line, names = builtins.print, sys.argv[2:-1]
def watching(*args, **kwargs):
    if args and args[0] in ("main window shown", "station loaded"):
        core = sys.modules.get("PySide6.QtCore")
        loaded = {name: name in sys.modules for name in names}
        loaded["Qt namespace"] = core is not None and "Qt" in vars(core)
        print_line("LOADED " + json.dumps(loaded), flush=True)
    return print_line(*args, **kwargs)
builtins.print = watching
main, sys.argv = sys.argv[1], [sys.argv[1], "--data", sys.argv[-1], "--smoke-startup"]
sys.path.insert(0, main.rsplit("/", 1)[0])
runpy.run_path(main, run_name="__main__")
"""
_AFTER_FIRST_PAINT = (
    "sqlalchemy",
    "huimin_desktop.services",
    "huimin_desktop.model",
    "pypinyin",
    "PySide6.QtMultimedia",
    "PySide6.QtCharts",
    "ui.pages.households_page",
    "ui.household_editor",
    "ui.operations",  # its QObject/QRunnable subclasses and the error wording load with the first task
)


def _loaded_at(tmp_path: Path, names: tuple[str, ...]) -> list[dict[str, bool]]:
    """Which of ``names`` (and PySide's Qt namespace) were loaded at the first paint and at the loaded
    station of ``main.py --smoke-startup`` on a new city station."""
    folder = tmp_path / "city"
    new_station(folder, level="city", name="朝阳市民委", division_code="211300").close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("HUIMIN_DATA", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _LOADED_AT_FIRST_PAINT,
            str(ROOT / "main.py"),
            *names,
            str(folder),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1::2] == ["main window shown", "station loaded"]
    return [json.loads(line.removeprefix("LOADED ")) for line in lines[::2]]


def test_the_first_paint_waits_for_no_core_and_no_qt_namespace(tmp_path: Path) -> None:
    """What the window's first paint does not need comes after it: the core (SQLAlchemy, the models,
    pypinyin), the pages, the media modules, and PySide's Qt namespace (about a hundred enums)."""
    at_first_paint, _ = _loaded_at(tmp_path, _AFTER_FIRST_PAINT)
    assert at_first_paint == {name: False for name in (*_AFTER_FIRST_PAINT, "Qt namespace")}


def test_a_station_without_drafts_opens_without_the_household_editor(tmp_path: Path) -> None:
    """Asking about drafts left by the last run loads the editor (and QtMultimedia) only to restore one."""
    names = ("ui.household_editor.editor", "PySide6.QtMultimedia", "huimin_desktop.services.station")
    _, at_station_loaded = _loaded_at(tmp_path, names)
    assert at_station_loaded == {
        "ui.household_editor.editor": False,
        "PySide6.QtMultimedia": False,
        "huimin_desktop.services.station": True,
        "Qt namespace": True,
    }


def test_the_dashboard_draws_its_charts_after_the_station_has_loaded(tmp_path: Path) -> None:
    """The 首页 is made with the station (the first page), its charts only after it has painted: QtCharts
    is not loaded when the window first paints, nor when the station has opened behind it."""
    names = ("ui.dashboard.page", "ui.dashboard.charts", "PySide6.QtCharts")
    at_first_paint, at_station_loaded = _loaded_at(tmp_path, names)
    assert at_first_paint == {name: False for name in (*names, "Qt namespace")}
    assert at_station_loaded == {
        "ui.dashboard.page": True,
        "ui.dashboard.charts": False,
        "PySide6.QtCharts": False,
        "Qt namespace": True,
    }


def test_a_station_at_the_head_revision_opens_without_alembic(tmp_path: Path) -> None:
    """Alembic (about 0.1 s of CPU to import) loads to upgrade an older database or for a check, not
    to open one that is up to date."""
    _, at_station_loaded = _loaded_at(tmp_path, ("alembic", "sqlalchemy"))
    assert at_station_loaded == {"alembic": False, "sqlalchemy": True, "Qt namespace": True}
