"""The station data folder: one SQLite database plus the attachment store, keys and backups.

Layout (created on first use)::

    huimin.db       the database (WAL, so also huimin.db-wal / -shm while open)
    attachments/    content-addressed blobs (the archive issue fills it)
    keys/           this station's signing and encryption keys; vault.json: the data key, wrapped
    backups/        database copies taken before every schema upgrade
    staging/        scratch space for package merges; emptied after each one
    thumbnails/     cached photo thumbnails (rebuilt when missing)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DB_FILENAME = "huimin.db"


class DataFolderError(Exception):
    """The folder cannot be used as a data folder (not a folder, not writable, ...).

    ``reason`` is the Chinese explanation; ``code`` and ``params`` let ``messages.describe`` word it in
    the user's language (``params`` holds ``path`` and ``reason`` too).
    """

    def __init__(self, path: Path, reason: str, *, code: str = "data_folder.other", detail: str = "") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.code = code
        self.params = {"path": path, "reason": detail or reason}


@dataclass(frozen=True)
class DataFolder:
    root: Path

    @property
    def db_path(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def attachments_dir(self) -> Path:
        return self.root / "attachments"

    @property
    def keys_dir(self) -> Path:
        return self.root / "keys"

    @property
    def vault_path(self) -> Path:
        """The data key wrapped for each user and the recovery code (huimin_desktop/security/vault.py)."""
        return self.keys_dir / "vault.json"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def staging_dir(self) -> Path:
        return self.root / "staging"

    @property
    def drafts_dir(self) -> Path:
        return self.root / "drafts"

    @property
    def thumbnails_dir(self) -> Path:
        """Photo thumbnails: a cache (created on demand), safe to delete at any time."""
        return self.root / "thumbnails"

    def exists(self) -> bool:
        return self.db_path.is_file()

    def ensure_layout(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise DataFolderError(self.root, "不是文件夹", code="data_folder.not_a_folder")
        try:
            for folder in (
                self.root,
                self.attachments_dir,
                self.keys_dir,
                self.backups_dir,
                self.staging_dir,
                self.drafts_dir,
            ):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFolderError(
                self.root,
                f"无法创建数据文件夹：{exc.strerror or exc}",
                code="data_folder.cannot_create",
                detail=str(exc.strerror or exc),
            ) from exc


def has_station(data_dir: str | os.PathLike[str] | None) -> bool:
    """True when the folder already holds a station database (cheap: opens nothing)."""
    from huimin_desktop.paths import resolve_data_dir

    return DataFolder(resolve_data_dir(data_dir)).exists()
