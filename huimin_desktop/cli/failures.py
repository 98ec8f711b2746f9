"""A real bug on the command line: one line on the terminal, the traceback in a log file.

A user never sees a traceback; support gets the whole story from the file the line names. The log goes
to ``logs/cli.log`` in the data folder (beside the database it concerns), or to the system's temporary
folder when the data folder cannot be written. Once a login has unlocked the data key, the entry is
sealed under it instead (``logs/cli-TIME-PID.log.sealed``, store/sealed_files.py): the traceback may
quote the station's data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

from huimin_desktop import __version__, messages
from huimin_desktop.paths import resolve_data_dir
from huimin_desktop.store.sealed_files import unlocked_key, write_sealed_log

LOG_NAME = "cli.log"


def _candidates(args: argparse.Namespace) -> list[Path]:
    folders = []
    try:
        data = resolve_data_dir(getattr(args, "data", None))
        if data.is_dir():
            folders.append(data / "logs")
    except Exception:
        pass
    folders.append(Path(tempfile.gettempdir()) / "huimin-logs")
    return folders


def _write(folder: Path, text: str) -> Path | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        key = unlocked_key(folder.parent)
        if key is not None:  # a station was open: the traceback may hold its data, so it is sealed
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            return write_sealed_log(folder, f"cli-{stamp}-{os.getpid()}.log", text, key)
        path = folder / LOG_NAME
        with path.open("a", encoding="utf-8") as log:
            log.write(text)
        return path
    except OSError:
        return None


def log_bug(error: BaseException, args: argparse.Namespace) -> str:
    """Write the traceback to the log; the one line (in the current language) that names it."""
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    text = f"--- {stamp} huimin {__version__} (pid {os.getpid()}): {' '.join(sys.argv)}\n" + "".join(
        traceback.format_exception(error)
    )
    where = next((p for p in map(lambda f: _write(f, text), _candidates(args)) if p is not None), None)
    first = (str(error).strip().splitlines() or [""])[0]
    reason = f"{type(error).__name__}: {first}" if first else type(error).__name__
    return messages.text("internal", {"reason": reason, "log": where or "?"})
