"""What the first windows wait for: nothing of the core's libraries, in a fresh ``main.py`` process.

The main window ("opening the data folder…") paints first; without HUIMIN_USER the login dialog then
paints over it (``--smoke-login``). At both moments the only third-party packages loaded are those a
bare PySide6 window loads too (PySide6, shiboken6, what the environment's .pth files start), so
SQLAlchemy, sqlcipher3, openpyxl, pypinyin, cryptography, argon2 … and QtCharts, QtMultimedia,
QtPrintSupport come after; so do the services and every page but the "opening…" placeholder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.stations import new_station
from ui.widgets.first_paint import after_first_paint

ROOT = Path(__file__).resolve().parents[2]

# Print, when ``main.py`` prints one of the smoke lines, the modules loaded at that moment and the
# third-party packages among them (top-level names of modules imported from site-packages).
_PROBE = """
import builtins, json, os, runpy, sys, sysconfig
LINES = ("main window shown", "login dialog shown")
LIBRARIES = {os.path.realpath(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")}

def loaded():
    names = sorted(sys.modules)
    files = {name: getattr(sys.modules[name], "__file__", None) or "" for name in names}
    third = {name.split(".")[0] for name, file in files.items()
             if any(os.path.realpath(file).startswith(folder + os.sep) for folder in LIBRARIES)}
    core = sys.modules.get("PySide6.QtCore")
    qt_namespace = core is not None and "Qt" in vars(core)
    return {"modules": names, "third_party": sorted(third), "qt_namespace": qt_namespace}

if sys.argv[1] == "--bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.show()
    app.processEvents()
    print("LOADED " + json.dumps(loaded()), flush=True)
    sys.exit(0)

print_line = builtins.print
def watching(*args, **kwargs):
    if args and args[0] in LINES:
        print_line("LOADED " + json.dumps({"at": args[0], **loaded()}), flush=True)
    return print_line(*args, **kwargs)
builtins.print = watching
main = sys.argv[1]
sys.argv = [main, *sys.argv[2:]]
sys.path.insert(0, os.path.dirname(main))
runpy.run_path(main, run_name="__main__")
"""

# Loaded after the first paint, whatever else the window gains: the core below the login, the pages.
_NOT_BEFORE_THE_FIRST_PAINT = (
    "huimin_desktop.services.station",
    "huimin_desktop.model",
    "huimin_desktop.store.database",
    "huimin_desktop.sync",
    "huimin_desktop.spreadsheet",
    "huimin_desktop.demo",
    "huimin_desktop.cli",
    "ui.errors",
    "ui.operations",
    "ui.dashboard",
    "ui.assessment",
    "ui.reports",
    "ui.household_editor",
    "ui.pages.households_page",
    "ui.pages.settings_page",
)


def _run(tmp_path: Path, *args: str) -> list[dict]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("HUIMIN_DATA", None)
    if "--smoke-login" in args:  # the user's own path: nobody logged in by the environment
        env.pop("HUIMIN_USER", None)
        env.pop("HUIMIN_PASSWORD", None)
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return [
        json.loads(line.removeprefix("LOADED "))
        for line in result.stdout.splitlines()
        if line.startswith("LOADED ")
    ]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """What was loaded by a bare window's first paint, and at the main window's and the login dialog's."""
    tmp_path = tmp_path_factory.mktemp("first-paint")
    folder = tmp_path / "city"
    new_station(folder, level="city", name="朝阳市民委", division_code="211300").close()
    main = str(ROOT / "main.py")
    (bare,) = _run(tmp_path, "--bare")
    _window, login = _run(tmp_path, main, "--data", str(folder), "--smoke-login")
    (window,) = _run(tmp_path, main, "--data", str(folder), "--smoke-startup")
    assert (window["at"], login["at"]) == ("main window shown", "login dialog shown")
    return {"bare": bare, "main window": window, "login dialog": login}


@pytest.mark.parametrize("moment", ["main window", "login dialog"])
def test_no_library_but_qt_before_the_first_paint(loaded: dict[str, dict], moment: str) -> None:
    assert set(loaded[moment]["third_party"]) - set(loaded["bare"]["third_party"]) == set()
    qt_modules = {name for name in loaded[moment]["modules"] if name.startswith("PySide6.Qt")}
    assert qt_modules <= {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"}


@pytest.mark.parametrize("moment", ["main window", "login dialog"])
def test_no_qt_namespace_before_the_first_paint(loaded: dict[str, dict], moment: str) -> None:
    """PySide's ``Qt`` namespace (about a hundred Python enums, 15–30 ms) is built by the first use of
    any of its enums; neither first paint needs one."""
    assert loaded[moment]["qt_namespace"] is False


@pytest.mark.parametrize("moment", ["main window", "login dialog"])
def test_no_core_and_no_page_before_the_first_paint(loaded: dict[str, dict], moment: str) -> None:
    early = [
        name
        for name in loaded[moment]["modules"]
        if any(name == prefix or name.startswith(prefix + ".") for prefix in _NOT_BEFORE_THE_FIRST_PAINT)
    ]
    assert early == []


def test_the_probe_sees_what_is_loaded(loaded: dict[str, dict]) -> None:
    """The check can fail: the probe does report Qt, the window's own modules and the login dialog."""
    assert "PySide6" in loaded["bare"]["third_party"]
    assert "ui.main_window" in loaded["main window"]["modules"]
    assert "ui.login.dialog" in loaded["login dialog"]["modules"]
    assert "ui.login.dialog" not in loaded["main window"]["modules"]


def test_after_first_paint_runs_once_the_widget_has_painted(qtbot: QtBot) -> None:
    """The hook that loads the core behind the login dialog waits for the dialog's first paint."""
    calls: list[str] = []
    label = QLabel("painted")
    qtbot.addWidget(label)
    after_first_paint(label, lambda: calls.append("after"))
    qtbot.wait(20)
    assert calls == []  # not shown, not painted
    label.show()
    qtbot.waitExposed(label)
    label.repaint()
    qtbot.waitUntil(lambda: calls == ["after"])
    label.repaint()
    qtbot.wait(20)
    assert calls == ["after"]  # once


def test_the_login_dialog_folder_is_selectable_once_painted(qtbot: QtBot, tmp_path: Path) -> None:
    """What the dialog sets after its first paint it does set: the data folder's text can be selected."""
    from PySide6.QtCore import Qt

    from ui.login.dialog import LoginDialog

    folder = tmp_path / "city"
    new_station(folder, level="city", name="朝阳市民委", division_code="211300").close()
    dialog = LoginDialog(folder)
    qtbot.addWidget(dialog)
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: bool(dialog.where.textInteractionFlags() & selectable))
    assert dialog.where.text() == str(folder)
