"""Backups: the automatic copies in ``backups/`` (daily while the program runs, before every merge and
every schema upgrade; kept 7 daily + 4 weekly: store/backups.py), the backup to a USB stick with the
attachments (``drive_backup.py``) and restoring one with a check first (``restore.py``).

The automatic copies are the program's own safety net: they are taken for whoever is logged in (an
entry clerk's merge is backed up too) and need no permission; a backup to a stick and a restore are the
administrator's (``security.roles.BACKUP`` / ``RESTORE``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from huimin_desktop.store import backups
from huimin_desktop.store.backups import BEFORE_MERGE, DAILY, BackupFile
from huimin_desktop.store.database import Database, backup_database

__all__ = ["BackupFile", "BackupService", "BackupStatus"]


@dataclass(frozen=True)
class BackupStatus:
    """What the settings page shows: where the automatic backups go and the newest one."""

    folder: Path
    latest: BackupFile | None
    count: int


class BackupService:
    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def folder(self) -> Path:
        return self.db.folder.backups_dir

    def take(self, label: str) -> Path:
        """An automatic backup now (then the rotation); its path."""
        return backup_database(self.db.folder.db_path, self.folder, label, self.db.data_key)

    def daily_if_due(self, now: dt.datetime | None = None) -> Path | None:
        """The day's backup, unless one was already taken today (of any kind); the GUI calls this at start
        and every hour."""
        if not backups.daily_due(self.folder, now):
            return None
        return self.take(DAILY)

    def before_merge(self) -> Path:
        return self.take(BEFORE_MERGE)

    def list(self) -> list[BackupFile]:
        """The automatic backups, oldest first."""
        return backups.list_backups(self.folder)

    def status(self) -> BackupStatus:
        found = self.list()
        return BackupStatus(self.folder, found[-1] if found else None, len(found))
