"""Smoke test of a built program (dist/huimin-desktop-VERSION/), run by scripts/build.sh and .ci/run.

Through the built executables only, in a temporary folder: a city station, a township enrolled from its
setup file and one-time code, demo data, `check`, an upward package, its merge at the city, the return
package merged at the township, and the GUI started offscreen and closed again. Any failure prints the
command and its output and exits 1, so a build that cannot run cannot land.

    python scripts/smoke_built.py dist/huimin-desktop-0.1.0
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WINDOWS = sys.platform == "win32"
PASSWORD = "smoke-test-password"
TOWNSHIP = "211381204000"
# What ui/i18n.py loads in Chinese: Qt's own catalogs (PyInstaller's PySide6 hook must keep them) and ours.
QT_CATALOGS = ("qtbase_zh_CN.qm", "qtmultimedia_zh_CN.qm", "huimin_zh_CN.qm")


class SmokeFailure(Exception):
    pass


def _executable(folder: Path, name: str) -> Path:
    path = folder / (f"{name}.exe" if WINDOWS else name)
    if not path.is_file():
        raise SmokeFailure(f"not built: {path}")
    return path


def _run(program: Path, *args: str, env: dict[str, str], timeout: float = 300) -> dict:
    done = subprocess.run(
        [str(program), *args], capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout
    )
    if done.returncode != 0:
        raise SmokeFailure(f"{' '.join(args[:2])} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout) if "--json" in args else {"stderr": done.stderr}


def _check_translations(stderr: str) -> None:
    """The built GUI in Chinese found Qt's own catalog (standard buttons, file dialogs) and ours: the
    ``translations:`` line ``--smoke-startup`` prints names the files its translators loaded."""
    line = next((line for line in stderr.splitlines() if line.startswith("translations:")), "")
    missing = [name for name in QT_CATALOGS if name not in line.split()]
    if missing:
        found = line or "no translations line"
        raise SmokeFailure(f"the built GUI in Chinese did not load {missing} ({found})")


def smoke(folder: Path) -> list[str]:
    """Run every step; return one line per step for the log."""
    cli = _executable(folder, "huimin")
    gui = _executable(folder, "huimin-desktop")
    log: list[str] = []
    with tempfile.TemporaryDirectory(prefix="huimin-smoke-") as temp:
        root = Path(temp)
        city, township, stick = root / "city", root / "township", root / "stick"
        stick.mkdir()
        env = {
            **os.environ,
            "HUIMIN_USER": "admin",
            "HUIMIN_PASSWORD": PASSWORD,
            "QT_QPA_PLATFORM": "offscreen",
        }

        def step(label: str, *args: str) -> dict:
            started = time.perf_counter()
            result = _run(cli, *args, "--json", env=env)
            log.append(f"{label}: ok ({time.perf_counter() - started:.1f} s)")
            return result

        step(
            "init city",
            "init",
            "--level",
            "city",
            "--name",
            "朝阳市民委",
            "--division",
            "211300",
            "--admin",
            "admin",
            "--data",
            str(city),
        )
        enrolled = step(
            "enroll",
            "enroll",
            "--division",
            TOWNSHIP,
            "--name",
            "马友营蒙古族乡",
            "--out",
            str(stick / "setup.hms"),
            "--data",
            str(city),
        )
        step(
            "init township",
            "init",
            "--setup",
            enrolled["setup_file"],
            "--code",
            enrolled["setup_code"],
            "--admin",
            "admin",
            "--data",
            str(township),
        )
        step("demo", "demo", "--households", "40", "--data", str(township))
        checked = step("check", "check", "--data", str(township))
        if not checked.get("ok", True):
            raise SmokeFailure(f"check found problems: {checked}")
        upward = step("export", "export", "--to", str(stick), "--data", str(township))
        merged = step("merge", "merge", upward["package"], "--data", str(city))
        if [p["status"] for p in merged["packages"]] != ["applied"]:
            raise SmokeFailure(f"merge at the city: {merged}")
        back = step("return package", "export", "--to", str(stick), "--for", TOWNSHIP, "--data", str(city))
        applied = step("merge return", "merge", back["package"], "--data", str(township))
        if applied["packages"][0]["status"] != "applied":
            raise SmokeFailure(f"return package at the township: {applied}")

        started = time.perf_counter()
        shown = _run(gui, "--smoke-startup", "--lang", "zh", "--data", str(city), env=env, timeout=120)
        _check_translations(shown["stderr"])
        took = time.perf_counter() - started
        log.append(f"GUI start in Chinese (Qt's own words too) and quit: ok ({took:.1f} s)")
    return log


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        for line in smoke(Path(argv[0])):
            print(line)
    except (SmokeFailure, subprocess.TimeoutExpired, OSError) as failure:
        print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
        return 1
    print("smoke test of the built program: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
