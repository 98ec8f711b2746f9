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

from sqlalchemy import select

from huimin_desktop.model import AuditEntry
from huimin_desktop.progress import TaskState
from huimin_desktop.services import audit
from huimin_desktop.services.backup_drive import DriveBackup, DriveBackupResult
from huimin_desktop.services.backup_restore import CheckedBackup, RestoreResult, check_backup, restore
from huimin_desktop.store import backups
from huimin_desktop.store.backups import BEFORE_MERGE, DAILY, BackupFile
from huimin_desktop.store.database import Database, backup_database

__all__ = ["BackupFile", "BackupService", "BackupStatus", "DriveBackupResult", "RestoreResult"]


@dataclass(frozen=True)
class BackupStatus:
    """What the settings page shows: where the automatic backups go and the newest one."""

    folder: Path
    latest: BackupFile | None  # the newest automatic backup
    count: int
    last_drive: dt.datetime | None  # the last backup to a stick (UTC, from the audit log)
    last_drive_folder: str


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
        with self.db.reader() as session:
            entry = session.scalars(
                select(AuditEntry)
                .where(AuditEntry.table_name == "backup", AuditEntry.action == "backup")
                .order_by(AuditEntry.id.desc())
                .limit(1)
            ).first()
            last_drive = entry.at if entry is not None else None
            where = str((entry.details or {}).get("path", "")) if entry is not None else ""
        return BackupStatus(self.folder, found[-1] if found else None, len(found), last_drive, where)

    # -- the administrator's: to a stick, restore -------------------------------------------------

    def to_drive(self, target_dir: Path, task: TaskState | None = None) -> DriveBackupResult:
        """备份到U盘: database, vault and attachments into a folder on ``target_dir`` (resumable,
        verified); an unfinished one of this station there is continued. Administrators only."""
        result = DriveBackup(self.db, Path(target_dir), task).run()
        self._audit(
            "backup",
            str(result.folder),
            audit.Summary.of(
                "audit.backup", folder=result.folder, files=result.files, attachments=result.attachments
            ),
        )
        return result

    def check(self, source: Path, task: TaskState | None = None) -> CheckedBackup:
        """The restore's check alone (nothing changes): what the backup is, or RestoreRefused."""
        checked = check_backup(
            Path(source), self.db.folder.staging_dir, self.db.data_key, self.db.station_id, task
        )
        checked.staged.unlink(missing_ok=True)
        return checked

    def restore(self, source: Path, task: TaskState | None = None) -> RestoreResult:
        """Replace the data with a checked backup (services/backup_restore.py). Administrators only."""
        result = restore(self.db, Path(source), task)
        self._audit(
            "restore",
            str(result.source),
            audit.Summary.of(
                "audit.restore",
                source=result.source,
                taken_at=result.taken_at,
                safety=result.safety_copy.name,
            ),
        )
        return result

    def _audit(self, action: str, record: str, summary: audit.Summary) -> None:
        with self.db.session(capture=False) as session:  # as the logged-in user (db.actor)
            audit.record(
                session, action, "backup", self.db.station_id or "", summary=summary, details={"path": record}
            )
