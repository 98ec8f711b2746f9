"""The failure logs: what a real bug left for support, from the command line (cli/failures.py) and the
GUI (ui/crash_log.py), in the data folder's ``logs/`` (issue 13).

Writing (``write``): once a login in this process has unlocked the data key, each failure is its own
sealed file ``logs/SOURCE-YYYYMMDD-HHMMSS-PID[-N].log.sealed`` (store/sealed_files.py, the ``logs``
sub-key, its name as associated data): a traceback may quote the station's data. Before any login there
is no key, and nothing decrypted to quote: the entry is appended to the clear ``logs/SOURCE.log``
(what the user typed may be in it: a station's or an administrator's name); the next entry written
with a key seals it (``seal_clear_logs``), so a clear log lasts only until the next failure after a
login.

Rotation: after each entry the newest ``KEEP_LOGS`` (50) sealed logs are kept and any older than
``KEEP_DAYS`` (90) removed (by the time in their names); a clear log over ``CLEAR_LOG_LIMIT`` (1 MB) is
moved to ``SOURCE.log.1`` (one older generation kept).

Reading (``FailureLogService``): administrators list and read them (a support person reads them with
the administrator's login); ``export`` writes a clear copy only with a reason, and the audit log keeps
the export, the reason and which logs it held. The logs themselves stay sealed on disk.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from huimin_desktop.errors import ServiceError
from huimin_desktop.security.roles import READ_LOGS
from huimin_desktop.store.durable import fsync_folder
from huimin_desktop.store.sealed_files import (
    LOGS,
    SealedFileError,
    Sealer,
    unlocked_key,
    wipe,
    write_sealed_log,
)

if TYPE_CHECKING:
    from huimin_desktop.store.database import Database

LOG_FOLDER = "logs"
CLI, GUI = "cli", "gui"
SOURCES = (CLI, GUI)
KEEP_LOGS = 50
KEEP_DAYS = 90
CLEAR_LOG_LIMIT = 1 << 20
_SEALED_NAME = re.compile(r"^(cli|gui)-(\d{8})-(\d{6})-(\d+)(?:-\d+)?\.log\.sealed$")
_HEAD = re.compile(r"^--- (\S+) huimin (\S+) \(pid (\d+)\): ?(.*)$")


def log_folder(root: Path) -> Path:
    return Path(root) / LOG_FOLDER


def _free_name(folder: Path, source: str, now: dt.datetime, pid: int | None = None) -> str:
    """``SOURCE-TIME-PID.log``, with ``-N`` when this process already wrote one in the same second."""
    base = f"{source}-{now.strftime('%Y%m%d-%H%M%S')}-{os.getpid() if pid is None else pid}"
    name, number = f"{base}.log", 1
    while (folder / f"{name}.sealed").exists():
        number += 1
        name = f"{base}-{number}.log"
    return name


def _append_clear(folder: Path, source: str, text: str) -> Path:
    path = folder / f"{source}.log"
    if path.is_file() and path.stat().st_size > CLEAR_LOG_LIMIT:
        os.replace(path, path.with_name(path.name + ".1"))
    with path.open("a", encoding="utf-8") as log:
        log.write(text)
    return path


def write(root: Path, source: str, text: str, now: dt.datetime | None = None) -> Path:
    """One failure's entry under ``root/logs`` (see the module): its path. OSError when the folder
    cannot be written (the caller tries the next place)."""
    folder = log_folder(root)
    folder.mkdir(parents=True, exist_ok=True)
    key = unlocked_key(root)
    if key is None:
        return _append_clear(folder, source, text)
    now = now or dt.datetime.now()
    seal_clear_logs(folder, key)
    path = write_sealed_log(folder, _free_name(folder, source, now), text, key)
    rotate(folder, now)
    return path


def seal_clear_logs(folder: Path, key: bytes) -> int:
    """The clear logs of failures before a login (``SOURCE.log``, ``SOURCE.log.1``) sealed, once a key
    is known, as sealed entries named by their file's time (pid 0); the clear files zeroed and removed.
    How many were sealed."""
    sealed = 0
    for source in SOURCES:
        for clear in (folder / f"{source}.log.1", folder / f"{source}.log"):
            if not clear.is_file():
                continue
            moment = dt.datetime.fromtimestamp(clear.stat().st_mtime)
            name = _free_name(folder, source, moment, pid=0)
            write_sealed_log(folder, name, clear.read_text(encoding="utf-8", errors="replace"), key)
            wipe(clear)
            sealed += 1
    return sealed


def _taken_at(path: Path) -> dt.datetime:
    """The time in a sealed log's name; the file's time for one sealed by a folder's first encryption
    (``cli.log.sealed``: services/encryption.py)."""
    match = _SEALED_NAME.match(path.name)
    if match is not None:
        return dt.datetime.strptime(match[2] + match[3], "%Y%m%d%H%M%S")
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return dt.datetime.min


def _source_of(name: str) -> str:
    return GUI if name.startswith(GUI) else CLI


def rotate(folder: Path, now: dt.datetime | None = None, keep: int = KEEP_LOGS, days: int = KEEP_DAYS) -> int:
    """Remove the sealed logs beyond the newest ``keep`` and those older than ``days``; how many."""
    now = now or dt.datetime.now()
    dated = sorted(((_taken_at(path), path) for path in folder.glob("*.sealed")), reverse=True)
    limit = now - dt.timedelta(days=days)
    removed = 0
    for index, (at, path) in enumerate(dated):
        if index >= keep or at < limit:
            path.unlink(missing_ok=True)
            removed += 1
    if removed:
        fsync_folder(folder)
    return removed


@dataclass(frozen=True)
class FailureLog:
    """One failure log, as a list shows it (``number`` 1 is the newest)."""

    number: int
    path: Path
    source: str  # CLI or GUI
    at: dt.datetime  # the laptop's local time
    command: str  # the command line (without the program's name), or where in the GUI
    error: str  # the traceback's last line: the exception and its message
    version: str
    sealed: bool
    text: str

    @property
    def name(self) -> str:
        return self.path.name


def _parse(number: int, path: Path, source: str, at: dt.datetime, text: str, sealed: bool) -> FailureLog:
    lines = [line for line in text.splitlines() if line.strip()]
    head = _HEAD.match(lines[0]) if lines else None
    command, version = "", ""
    if head is not None:
        version = head[2]
        words = head[4].split()
        command = " ".join(words[1:])  # without the program's name (CLI) or the word GUI
    error = lines[-1].strip() if lines else ""
    return FailureLog(number, path, source, at, command, error, version, sealed, text)


def _clear_entries(path: Path, source: str) -> list[tuple[dt.datetime, str]]:
    """The entries of a clear log (each begins with its ``--- TIME`` line)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    entries = []
    for chunk in re.split(r"(?m)^(?=--- )", text):
        head = _HEAD.match(chunk.splitlines()[0]) if chunk.strip() else None
        if head is None:
            continue
        try:
            at = dt.datetime.fromisoformat(head[1]).replace(tzinfo=None)
        except ValueError:
            continue
        entries.append((at, chunk))
    return entries


class FailureLogService:
    """Administrators read the station's failure logs (see the module)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def folder(self) -> Path:
        return log_folder(self.db.folder.root)

    def entries(self) -> list[FailureLog]:
        """Every log, newest first; a sealed file that does not open is listed with that as its text."""
        self.db.actor.require(READ_LOGS)
        sealer = Sealer(self.db.data_key, LOGS) if self.db.data_key is not None else None
        found: list[tuple[dt.datetime, Path, str, str, bool]] = []
        if self.folder.is_dir():
            for path in self.folder.glob("*.sealed"):
                found.append((_taken_at(path), path, _source_of(path.name), self._open(sealer, path), True))
            for source in SOURCES:
                for clear in (self.folder / f"{source}.log.1", self.folder / f"{source}.log"):
                    if clear.is_file():
                        found += [
                            (at, clear, source, text, False) for at, text in _clear_entries(clear, source)
                        ]
        found.sort(key=lambda entry: entry[0], reverse=True)
        return [
            _parse(n, path, source, at, text, sealed)
            for n, (at, path, source, text, sealed) in enumerate(found, 1)
        ]

    @staticmethod
    def _open(sealer: Sealer | None, path: Path) -> str:
        if sealer is None:
            return "（没有数据密钥，无法打开）"
        try:
            return sealer.read_bytes(path, path.name).decode("utf-8", errors="replace")
        except (SealedFileError, OSError) as exc:
            return f"（无法打开：{exc}）"

    def get(self, number: int | None = None) -> FailureLog:
        """Log ``number`` of ``entries`` (None: the newest)."""
        return self._pick(self.entries(), [number] if number is not None else [1])[0]

    def _pick(self, logs: list[FailureLog], numbers: list[int]) -> list[FailureLog]:
        if not logs:
            raise ServiceError(code="logs.none", path=self.folder)
        for number in numbers:
            if not 1 <= number <= len(logs):
                raise ServiceError(code="logs.no_such", number=number, count=len(logs))
        return [logs[number - 1] for number in numbers]

    def export(self, target_dir: Path, reason: str, numbers: list[int] | None = None) -> Path:
        """The logs (``numbers`` of ``entries``; None: all) in clear as one text file in ``target_dir``;
        only with a ``reason``, which the audit log keeps with the export."""
        from huimin_desktop.services import audit

        reason = reason.strip()
        if not reason:
            raise ServiceError(code="logs.reason_required")
        target_dir = Path(target_dir)
        if not target_dir.is_dir():
            raise ServiceError(code="logs.no_folder", path=target_dir)
        logs = self.entries()
        logs = self._pick(logs, numbers if numbers is not None else list(range(1, len(logs) + 1)))
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = target_dir / f"huimin-logs-{self.db.station_id or 'station'}-{stamp}.txt"
        body = "\n".join(f"=== {log.number} {log.name} ===\n{log.text.rstrip()}\n" for log in logs)
        target.write_text(body, encoding="utf-8")
        audit.record_export(
            self.db,
            "failure_log",
            self.db.station_id or "",
            target,
            summary=audit.Summary.of("audit.failure_logs", count=len(logs), target=target, reason=reason),
            details={"reason": reason, "logs": [log.name for log in logs]},
        )
        return target
