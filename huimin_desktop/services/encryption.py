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

from pathlib import Path

from huimin_desktop.messages import text
from huimin_desktop.progress import TaskState
from huimin_desktop.services.drafts import DAMAGED_SUFFIX, DraftStore
from huimin_desktop.store.attachments import BlobStore, incoming_dir, stored_blobs
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.store.encryption import encrypt_file, finish_wipes
from huimin_desktop.store.sealed_files import (
    CLEAR_SUFFIX,
    LOGS,
    Sealer,
    finish_clear_keepers,
    seal_in_place,
    wipe,
)

SEALED_LOG = ".sealed"


def convert_files(folder: DataFolder, key: bytes, task: TaskState | None = None) -> None:
    """Seal the files a clear folder holds under the data key; idempotent, so a run killed anywhere
    goes on at the next login (every step leaves the clear file or the sealed one, never half of one):

    - attachments: each clear blob (named by its SHA-256) is sealed under its keyed name (written,
      fsynced, read back, renamed), then the clear file is zeroed and removed; a clear file whose
      sealed copy is already there (killed while zeroing) is only zeroed and removed;
    - drafts (and damaged drafts) and logs are sealed in place (``seal_in_place``);
    - thumbnails, the clear temporaries of killed intakes and the decrypted blobs of killed merges in
      staging are caches or leftovers: zeroed and removed (thumbnails are made again, sealed).
    """
    task = task or TaskState()
    for place in (folder.attachments_dir, folder.drafts_dir, folder.root / "logs"):
        finish_clear_keepers(place)
    _convert_blobs(BlobStore(folder.attachments_dir, key), task)
    task.report(0, 1, text("working.encrypting_drafts"))
    drafts = DraftStore(folder.drafts_dir, key)
    drafts.seal_clear()
    sealer = Sealer(key, LOGS)
    for path in _clear_files(folder.drafts_dir, f"*{DAMAGED_SUFFIX}", sealer):
        seal_in_place(path, sealer, path.name)  # unreadable, but maybe still someone's data
    for path in _clear_files(folder.root / "logs", "*", sealer):
        _seal_log(path, sealer)
    for leftover in folder.drafts_dir.glob(".*.tmp") if folder.drafts_dir.is_dir() else ():
        wipe(leftover)
    task.report(1, 1, text("working.wiping_clear_caches"))
    _wipe_tree(folder.thumbnails_dir, keep=Sealer(key, "thumbnails"))
    _wipe_tree(folder.staging_dir)
    _wipe_tree(incoming_dir(folder.attachments_dir))


def _convert_blobs(store: BlobStore, task: TaskState) -> None:
    clear = [(name, path) for name, path in stored_blobs(store.root) if not store.sealer.opens(path, "")]
    for done, (name, path) in enumerate(clear):
        task.report(
            done, len(clear), text("working.encrypting_attachments", {"done": done + 1, "total": len(clear)})
        )
        if not (store.has(name) and store.sealer.opens(store.path(name), "")):
            store.ingest(path)  # sealed under store.name(its SHA-256), checked before the rename
        wipe(path)
        for parent in (path.parent, path.parent.parent):
            if not any(parent.iterdir()):
                parent.rmdir()
    task.report(len(clear), len(clear), text("working.attachments_encrypted"))


def _seal_log(path: Path, sealer: Sealer) -> None:
    """A clear log becomes ``NAME.sealed`` (the program appends to ``NAME`` in clear only while no key
    is known: a failure before login); a copy already sealed by a killed run is kept."""
    target = path.with_name(path.name + SEALED_LOG)
    if not sealer.opens(target, target.name):
        sealer.write_atomic(target, path.read_bytes(), target.name)
    wipe(path)


def _clear_files(folder: Path, pattern: str, sealer: Sealer) -> list[Path]:
    """Files in ``folder`` matching ``pattern`` that are not sealed yet (nor keepers, temporaries)."""
    if not folder.is_dir():
        return []
    return [
        path
        for path in sorted(folder.glob(pattern))
        if path.is_file()
        and not path.name.endswith(CLEAR_SUFFIX)
        and not path.name.startswith(".")
        and not path.name.endswith(SEALED_LOG)
        and not sealer.opens(path, path.name)
    ]


def _wipe_tree(folder: Path, keep: Sealer | None = None) -> None:
    """Zero and remove every file under ``folder`` (but sealed thumbnails), then its empty folders."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file():
            if keep is not None and _sealed_thumbnail(path, keep):
                continue
            wipe(path)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _sealed_thumbnail(path: Path, sealer: Sealer) -> bool:
    """A thumbnail the sealed cache wrote (``thumbnails/<size>/ab/<name>.jpg``, its context)."""
    try:
        context = f"{path.parent.parent.name}/{path.stem}"
    except IndexError:
        return False
    return sealer.opens(path, context)


def convert_clear_folder(folder: DataFolder, key: bytes, task: TaskState | None = None) -> None:
    task = task or TaskState()
    finish_wipes(folder.root)
    finish_wipes(folder.backups_dir)
    backups = sorted(folder.backups_dir.glob("*.db"))
    total = 2 + len(backups)
    task.report(0, total, text("working.encrypting_database"))
    encrypt_file(folder.db_path, key)
    for done, backup in enumerate(backups, start=1):
        task.report(done, total, text("working.encrypting_backups"))
        encrypt_file(backup, key)
    task.report(total - 1, total, text("working.encrypting_files"))
    convert_files(folder, key, task)
    task.report(total, total, text("working.encrypted"))
