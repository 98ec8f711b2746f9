"""A real bug on the command line: one line on the terminal, the traceback in a log file.

A user never sees a traceback; support gets the whole story from the file the line names. The log goes
to ``logs/`` in the data folder (beside the database it concerns), or to the system's temporary folder
(``huimin-logs/logs/``) when the data folder cannot be written. services/failure_logs.py writes it:
once a login has unlocked the data key the entry is sealed under it, one file per failure
(``logs/cli-TIME-PID.log.sealed``: the traceback may quote the station's data), the newest 50 kept and
none older than 90 days; before any login it is appended to the clear ``logs/cli.log`` (moved to
``cli.log.1`` past 1 MB). ``huimin logs`` (cli/log_commands.py) reads them.
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
from huimin_desktop.services import failure_logs


def _candidates(args: argparse.Namespace) -> list[Path]:
    """The folders whose ``logs/`` may take the entry, in order."""
    roots = []
    try:
        data = resolve_data_dir(getattr(args, "data", None))
        if data.is_dir():
            roots.append(data)
    except Exception:
        pass
    roots.append(Path(tempfile.gettempdir()) / "huimin-logs")
    return roots


def _write(root: Path, text: str) -> Path | None:
    try:
        return failure_logs.write(root, failure_logs.CLI, text)
    except OSError:
        return None


def log_bug(error: BaseException, args: argparse.Namespace) -> str:
    """Write the traceback to the log; the one line (in the current language) that names it."""
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    text = f"--- {stamp} huimin {__version__} (pid {os.getpid()}): {' '.join(sys.argv)}\n" + "".join(
        traceback.format_exception(error)
    )
    where = next((p for p in map(lambda root: _write(root, text), _candidates(args)) if p is not None), None)
    first = (str(error).strip().splitlines() or [""])[0]
    reason = f"{type(error).__name__}: {first}" if first else type(error).__name__
    sealed = where is not None and where.name.endswith(".sealed")
    return messages.text("internal.sealed" if sealed else "internal", {"reason": reason, "log": where or "?"})
