"""QtMultimedia's warnings about optional libraries (PipeWire, VA-API) never reach the console."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PLAY_SOMETHING = """
from ui.app import create_application
app = create_application()
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
QMediaDevices.audioOutputs()
player = QMediaPlayer()
player.setAudioOutput(QAudioOutput())
print("ready", flush=True)
"""


def test_multimedia_start_prints_no_library_warnings() -> None:
    env = {key: value for key, value in os.environ.items() if key != "QT_LOGGING_RULES"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-c", PLAY_SOMETHING], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert done.returncode == 0 and done.stdout.strip() == "ready", done.stderr
    assert "symbolsresolver" not in done.stderr and "Couldn't load" not in done.stderr
    assert "Using Qt multimedia with FFmpeg" not in done.stderr


def test_the_users_own_logging_rules_still_apply(monkeypatch) -> None:
    from ui.app import QUIET_LOGGING_RULES, quiet_qt_logging

    monkeypatch.setenv("QT_LOGGING_RULES", "qt.sql.*=true")
    quiet_qt_logging()
    quiet_qt_logging()
    assert os.environ["QT_LOGGING_RULES"] == f"qt.sql.*=true;{QUIET_LOGGING_RULES}"
