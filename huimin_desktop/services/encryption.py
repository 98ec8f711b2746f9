"""Converting a clear data folder (made by the version before encryption) — the one entry point.

``convert_clear_folder`` runs at the first login of such a folder (``Station.open``), after the vault
with the new data key is saved in state ``converting``; it is idempotent, so a folder killed half-way
is converted on at the next login, and the vault says ``ready`` only once every step is done:

1. the database (store/encryption.py: encrypted copy, verified, renamed over the clear file, clear file
   zeroed and removed);
2. the database backups in backups/ (clear copies of the past; same treatment);
3. the files (attachments, thumbnails, drafts, staging, logs): ``convert_files`` below.
"""

from __future__ import annotations

from huimin_desktop.progress import TaskState
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.store.encryption import encrypt_file, finish_wipes


def convert_files(folder: DataFolder, key: bytes, task: TaskState | None = None) -> None:
    """The files under the data key (the ``files`` work of issue 13 fills this in; idempotent)."""


def convert_clear_folder(folder: DataFolder, key: bytes, task: TaskState | None = None) -> None:
    task = task or TaskState()
    finish_wipes(folder.root)
    finish_wipes(folder.backups_dir)
    backups = sorted(folder.backups_dir.glob("*.db"))
    total = 2 + len(backups)
    task.report(0, total, "正在加密数据库")
    encrypt_file(folder.db_path, key)
    for done, backup in enumerate(backups, start=1):
        task.report(done, total, "正在加密备份")
        encrypt_file(backup, key)
    task.report(total - 1, total, "正在加密附件和草稿")
    convert_files(folder, key, task)
    task.report(total, total, "加密完成")
