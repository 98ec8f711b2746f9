"""``startup-built``: the built program (dist/, scripts/build.sh) to its first window, against the checkout.

Both sides open the same demo city station with ``--smoke-startup`` and are timed to "main window shown"
(median of eleven turns each, after a warm-up: bench_startup's method). The baseline is the unpacked
program, ``python main.py``, so the ratio says what the one-folder build adds or saves (it unpacks
nothing, but imports from an archive and loads its bundled libraries). ``HUIMIN_BUILT=DIR`` names the
built folder (default: dist/huimin-desktop-VERSION); without a build the benchmark says so and stops.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from huimin_desktop import APP_ID, __version__
from tests.bench.bench_startup import _median_times
from tests.bench.harness import BenchResult, benchmark
from tests.stations import TEST_ADMIN, TEST_PASSWORD, new_station

ROOT = Path(__file__).resolve().parents[2]
DEMO_HOUSEHOLDS = 10_000


def _built_gui() -> Path:
    folder = Path(os.environ.get("HUIMIN_BUILT", ROOT / "dist" / f"{APP_ID}-{__version__}"))
    program = folder / (f"{APP_ID}.exe" if sys.platform == "win32" else APP_ID)
    if not program.is_file():
        raise SystemExit(f"startup-built: no built program at {program}: run bash scripts/build.sh first")
    return program


@benchmark("startup-built")
def startup_built() -> BenchResult:
    from huimin_desktop.demo import generate_demo

    program = _built_gui()
    with tempfile.TemporaryDirectory(prefix="huimin-bench-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(HUIMIN_USER=TEST_ADMIN, HUIMIN_PASSWORD=TEST_PASSWORD)
        data = Path(tmp) / "city"
        with new_station(data, level="city", name="朝阳市民族和宗教事务委员会", division_code="211300") as st:
            generate_demo(st, DEMO_HOUSEHOLDS)
        arguments = ["--data", str(data), "--smoke-startup"]
        (built,), unpacked = _median_times(
            [str(program), *arguments],
            ["main window shown"],
            [sys.executable, str(ROOT / "main.py"), *arguments],
            env,
            baseline_line="main window shown",
        )
    return BenchResult(built * 1000, "ms", unpacked * 1000, "ms")
