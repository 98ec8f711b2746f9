"""Unsaved forms kept on disk, so that a crash or a power cut loses nothing typed (the drafts/ folder).

A draft is one JSON file per form in the data folder's ``drafts/`` directory (``DataFolder.drafts_dir``),
so personal data never leaves the data folder. Every save is atomic: a temporary file in the same
folder, flushed and fsynced, then ``os.replace``d over the old draft (and the folder fsynced), so at any
moment the file on disk is either the previous draft or the new one, never half of each. A file damaged
anyway (a truncated copy, a disk error) is reported by ``scan`` and renamed ``*.damaged``; it never
stops the program from starting.

With the data key of the login (``for_station``) a draft is sealed (store/sealed_files.py, the
``drafts`` sub-key, the draft's key as associated data): what is typed never lies clear on disk. A clear
draft (written by the version before encryption, or by a store without a key) is still read, and sealed
by the conversion (``services/encryption.convert_files``) or at its next save.

Keys name the form: ``household-new-<uuid>`` for a household not saved yet, ``household-<id>`` for an
edit of a stored one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huimin_desktop.errors import CodedError
from huimin_desktop.store.durable import fsync_folder
from huimin_desktop.store.sealed_files import DRAFTS, MAGIC, SealedFileError, Sealer, seal_in_place

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station

log = logging.getLogger(__name__)

FORMAT = 1
SUFFIX = ".json"
DAMAGED_SUFFIX = ".damaged"
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")
# Windows refuses os.replace while another program (an antivirus scanner) holds the file for a moment.
_REPLACE_ATTEMPTS = 5


class DraftError(CodedError):
    """A draft could not be written (disk full, folder not writable); the message says why."""

    code = "draft.cannot_save"


@dataclass(frozen=True)
class DraftInfo:
    key: str
    saved_at: dt.datetime  # local time, naive, as the "restore?" prompt shows it
    summary: str  # e.g. "宝斯鲁 · 东营子村"


@dataclass(frozen=True)
class DraftScan:
    drafts: tuple[DraftInfo, ...]  # newest first
    damaged: tuple[Path, ...]  # files found unreadable during this scan, now renamed *.damaged


def household_key(household_id: str | None) -> str:
    """The draft key for editing ``household_id``, or a fresh key for a new household."""
    return f"household-{household_id}" if household_id else f"household-new-{uuid.uuid4().hex}"


def household_id_from_key(key: str) -> str | None:
    """The stored household a key belongs to; None for a new household's draft."""
    if key.startswith("household-new-") or not key.startswith("household-"):
        return None
    return key[len("household-") :]


def _check_key(key: str) -> str:
    if not _KEY.fullmatch(key):
        raise ValueError(f"draft key {key!r}: letters, digits, '-' and '_' only")
    return key


def _json_default(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot keep {type(value).__name__} in a draft")


class DraftStore:
    def __init__(self, folder: Path, data_key: bytes | None = None) -> None:
        self.folder = Path(folder)
        self.sealer = Sealer(data_key, DRAFTS)

    @classmethod
    def for_station(cls, station: Station) -> DraftStore:
        return cls(station.db.folder.drafts_dir, station.db.data_key)

    def path(self, key: str) -> Path:
        return self.folder / f"{_check_key(key)}{SUFFIX}"

    # -- writing ------------------------------------------------------------------------------

    def save(self, key: str, payload: dict[str, Any], summary: str = "") -> None:
        """Write the draft atomically (temp file, flush, fsync, replace). DraftError when it cannot."""
        target = self.path(key)
        document = {
            "format": FORMAT,
            "key": key,
            "saved_at": dt.datetime.now().replace(microsecond=0).isoformat(),
            "summary": summary,
            "payload": payload,
        }
        text = json.dumps(document, ensure_ascii=False, default=_json_default, indent=1)
        data = self.sealer.seal(text.encode("utf-8"), key)
        temporary = self.folder / f".{key}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            _replace(temporary, target)
            fsync_folder(self.folder)
        except OSError as error:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            raise DraftError(code="draft.cannot_save", folder=self.folder, error=error) from error

    def discard(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    # -- reading ------------------------------------------------------------------------------

    def load(self, key: str) -> dict[str, Any] | None:
        """The payload saved under ``key``; None when there is none or the file is damaged."""
        document = self._read(self.path(key))
        return document["payload"] if document is not None else None

    def info(self, key: str) -> DraftInfo | None:
        document = self._read(self.path(key))
        return _info(document) if document is not None else None

    def scan(self) -> DraftScan:
        """Every readable draft (newest first); damaged files are renamed ``*.damaged`` and listed."""
        drafts: list[DraftInfo] = []
        damaged: list[Path] = []
        if not self.folder.is_dir():
            return DraftScan((), ())
        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            if not _KEY.fullmatch(path.stem):
                continue
            document = self._read(path)
            if document is None:
                damaged.append(self._quarantine(path))
                continue
            drafts.append(_info(document))
        for leftover in self.folder.glob(".*.tmp"):
            # A temp file is only ever a write that did not finish: the draft it replaced is intact.
            leftover.unlink(missing_ok=True)
        drafts.sort(key=lambda d: d.saved_at, reverse=True)
        return DraftScan(tuple(drafts), tuple(damaged))

    def pending(self) -> list[DraftInfo]:
        """Drafts waiting to be restored or discarded, newest first (damaged files skipped)."""
        return list(self.scan().drafts)

    def _read(self, path: Path) -> dict[str, Any] | None:
        try:
            document = json.loads(self._open(path))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, SealedFileError) as error:  # ValueError: JSONDecodeError, bad UTF-8
            log.warning("draft %s is damaged and is skipped: %s", path.name, error)
            return None
        if not _well_formed(document, path.stem):
            log.warning("draft %s is not a draft this program wrote; skipped", path.name)
            return None
        return document

    def _open(self, path: Path) -> bytes:
        """The draft's JSON bytes: opened under the data key, or as it is when written clear."""
        data = path.read_bytes()
        if data.startswith(MAGIC) and self.sealer.sealing:
            return self.sealer.open_bytes(data, path.stem)
        return data

    def seal_clear(self) -> int:
        """Seal every clear draft in place (atomic, like a save; the clear file is overwritten with
        zeros before it goes); how many. Damaged ones are left for ``scan`` to set aside."""
        sealed = 0
        if not self.sealer.sealing or not self.folder.is_dir():
            return 0
        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            data = path.read_bytes()
            if data.startswith(MAGIC) or not _KEY.fullmatch(path.stem):
                continue
            seal_in_place(path, self.sealer, path.stem)
            sealed += 1
        return sealed

    def _quarantine(self, path: Path) -> Path:
        target = path.with_name(path.name + DAMAGED_SUFFIX)
        try:
            os.replace(path, target)
        except OSError:
            return path
        return target


def _well_formed(document: object, key: str) -> bool:
    return (
        isinstance(document, dict)
        and document.get("key") == key
        and isinstance(document.get("payload"), dict)
        and isinstance(document.get("saved_at"), str)
    )


def _info(document: dict[str, Any]) -> DraftInfo:
    try:
        saved_at = dt.datetime.fromisoformat(document["saved_at"])
    except ValueError:
        saved_at = dt.datetime.min
    return DraftInfo(document["key"], saved_at, str(document.get("summary") or ""))


def _replace(source: Path, target: Path) -> None:
    for attempt in range(_REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == _REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
