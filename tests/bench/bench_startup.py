"""``startup`` and ``startup-ready``: launching the GUI, against a bare PySide6 window.

The program side runs ``python main.py --data DIR --smoke-startup`` on a city station holding demo
data. It prints "main window shown" after the window's first paint (``startup``: what DESIGN.md §6
targets) and "station loaded" once the core has been imported and the station opened behind the
window (``startup-ready``). The baseline creates a QApplication and a QMainWindow, shows it, processes
events once and prints "shown". Each is timed from process launch to the line, in a fresh subprocess
with ``QT_QPA_PLATFORM=offscreen``; the median of eleven runs each (program and baseline take turns;
a start is about 0.1 s and a busy machine moves single runs by a fifth), after one unmeasured warm-up
run each.

Both sides run with compiled bytecode cached in a temporary folder (``PYTHONPYCACHEPREFIX``, and
``PYTHONDONTWRITEBYTECODE`` taken out of the environment): the warm-up run compiles, the measured runs
read, as a checkout does after its first start and as the built program always does (it ships
bytecode). Without that, every measured start would compile all of the program's own modules from
source (the baseline has none), which is not what a user waits for. ``HUIMIN_BENCH_STARTUP_DATA=DIR``
uses an existing station instead of making the demo one (read only).

``startup-login`` is the user's own path: without HUIMIN_USER the login dialog follows the main
window's first paint; it is timed to the dialog's first paint (``--smoke-login``), the same way.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from tests.bench.harness import BenchResult, benchmark
from tests.stations import TEST_ADMIN, TEST_PASSWORD, new_station

RUNS = 11
DEMO_HOUSEHOLDS = 10_000
ROOT = Path(__file__).resolve().parents[2]

BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1024, 700)
window.show()
app.processEvents()
print("shown", flush=True)
"""


def _seconds_to_lines(command: Sequence[str], lines: Sequence[str], env: dict[str, str]) -> list[float]:
    """Seconds from launch until each of ``lines`` appears on stdout; the process must exit 0."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    seen: dict[str, float] = {}
    for line in process.stdout:
        if line.strip() in lines and line.strip() not in seen:
            seen[line.strip()] = time.perf_counter() - started
    _, stderr = process.communicate(timeout=300)
    if process.returncode != 0 or len(seen) != len(lines):
        raise RuntimeError(
            f"{' '.join(command)} exited {process.returncode}, saw {sorted(seen)}: {stderr[-500:]}"
        )
    return [seen[line] for line in lines]


def _median_times(
    program: Sequence[str],
    lines: Sequence[str],
    baseline: Sequence[str],
    env: dict[str, str],
    baseline_line: str = "shown",
) -> tuple[list[float], float]:
    """Median seconds to each of the program's ``lines``, and the baseline's to ``baseline_line``; the two
    take turns (a busy machine slows both alike), after one warm-up each (a cold file cache, the bytecode)."""
    _seconds_to_lines(program, lines, env)
    _seconds_to_lines(baseline, [baseline_line], env)
    runs, bare = [], []
    for _ in range(RUNS):
        runs.append(_seconds_to_lines(program, lines, env))
        bare.append(_seconds_to_lines(baseline, [baseline_line], env)[0])
    return [statistics.median(run[i] for run in runs) for i in range(len(lines))], statistics.median(bare)


_cache: dict[str, tuple[float, ...]] = {}
_folder: list[tempfile.TemporaryDirectory[str]] = []  # removed at exit (its finalizer)


def _station_and_env() -> tuple[Path, dict[str, str]]:
    """The demo city station (made once per run, or HUIMIN_BENCH_STARTUP_DATA) and the children's env."""
    from huimin_desktop.demo import generate_demo

    if not _folder:
        _folder.append(tempfile.TemporaryDirectory(prefix="huimin-bench-"))
    tmp = Path(_folder[0].name)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(HUIMIN_USER=TEST_ADMIN, HUIMIN_PASSWORD=TEST_PASSWORD)  # logs in without the dialog
    given = os.environ.get("HUIMIN_BENCH_STARTUP_DATA")
    data = Path(given) if given else tmp / "city"
    if not given and not data.exists():
        with new_station(data, level="city", name="朝阳市民族和宗教事务委员会", division_code="211300") as st:
            generate_demo(st, DEMO_HOUSEHOLDS)
    return data, env


def _measure() -> tuple[float, ...]:
    """(window shown, station loaded, bare window) in seconds, measured once for both benchmarks."""
    if "all" not in _cache:
        data, env = _station_and_env()
        (shown, loaded), bare = _median_times(
            [sys.executable, str(ROOT / "main.py"), "--data", str(data), "--smoke-startup"],
            ["main window shown", "station loaded"],
            [sys.executable, "-c", BARE_WINDOW],
            env,
        )
        _cache["all"] = (shown, loaded, bare)
    return _cache["all"]


@benchmark("startup")
def startup() -> BenchResult:
    shown, _loaded, bare = _measure()
    return BenchResult(shown * 1000, "ms", bare * 1000, "ms")


@benchmark("startup-ready")
def startup_ready() -> BenchResult:
    _shown, loaded, bare = _measure()
    return BenchResult(loaded * 1000, "ms", bare * 1000, "ms")


@benchmark("startup-login")
def startup_login() -> BenchResult:
    """The user's path: no HUIMIN_USER, so the login dialog follows the main window's first paint;
    timed to the dialog's own first paint (``--smoke-login``), against the bare window."""
    data, env = _station_and_env()
    for name in ("HUIMIN_USER", "HUIMIN_PASSWORD"):
        env.pop(name, None)
    (login,), bare = _median_times(
        [sys.executable, str(ROOT / "main.py"), "--data", str(data), "--smoke-login"],
        ["login dialog shown"],
        [sys.executable, "-c", BARE_WINDOW],
        env,
    )
    return BenchResult(login * 1000, "ms", bare * 1000, "ms")
