"""What killed processes leave behind, and sweeping it (issue 11).

- ``staging/merge-PID-TIME``: a merge decrypts a package's attachments there before moving them into
  the store (up to the package's size, e.g. 200 MB of photos; sealed under the data key as the store keeps
  them, so never clear on disk); a killed merge leaves them.
  Folders of processes still running are left alone.
- ``*.tmp`` files in the attachment store: an intake writes a blob under a temporary name, then renames
  it; a kill leaves the temporary (often 0 bytes).
- ``HMxxxxxx.TMP`` folders on a stick: a half-written export (the package container writes under that
  name and renames only a complete package).

Temporary files and folders are removed only once nothing has touched them for ``TEMP_AGE_S``, so a
concurrent process's live temporaries are never taken from under it.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from huimin_desktop import messages

TEMP_AGE_S = 3600  # untouched for an hour: no running intake, merge or export still owns it
_OLD_STYLE_AGE_S = 24 * 3600
CLEAR_COPY_AGE_S = 12 * 3600  # decrypted copies for players and Word (store/sealed_files.py): a working day


@dataclass(frozen=True)
class Leftovers:
    """What a sweep found (and removed), for ``check`` to report."""

    staging_files: int = 0
    staging_bytes: int = 0
    temp_blobs: int = 0
    package_folders: int = 0

    def __add__(self, other: Leftovers) -> Leftovers:
        return Leftovers(
            self.staging_files + other.staging_files,
            self.staging_bytes + other.staging_bytes,
            self.temp_blobs + other.temp_blobs,
            self.package_folders + other.package_folders,
        )

    @property
    def any(self) -> bool:
        return bool(self.staging_files or self.temp_blobs or self.package_folders)

    def describe(self, *, pending: bool = False) -> list[str]:
        """One line per kind found, in the current language (the CLI's ``check`` prints them): removed,
        or (``pending``) to be removed at the next start. Staged attachments are sealed like the store's,
        so the line says what they are, never that they lay there decrypted."""
        english = messages.language() == messages.EN

        def say(zh: str, en: str) -> str:
            return en if english else zh

        done = (
            say("将在下次启动时清除", "to be removed at the next start")
            if pending
            else say("已清除", "removed")
        )
        lines = []
        if self.staging_files:
            count, size = self.staging_files, f"{self.staging_bytes / 1024**2:.1f} MB"
            lines.append(
                say(
                    f"中断的合并在暂存区留下 {count} 个附件文件（已加密，{size}），{done}",
                    f"A killed merge left {count} attachment file(s) in staging (sealed, {size}): {done}",
                )
            )
        if self.temp_blobs:
            lines.append(
                say(
                    f"附件库中有 {self.temp_blobs} 个中断写入留下的临时文件，{done}",
                    f"The attachment store held {self.temp_blobs} temporary file(s) of an interrupted "
                    f"write: {done}",
                )
            )
        if self.package_folders:
            lines.append(
                say(
                    f"U 盘上有 {self.package_folders} 个未写完的同步包（.TMP 文件夹），{done}",
                    f"The USB stick held {self.package_folders} half-written sync package(s) (.TMP "
                    f"folders): {done}",
                )
            )
        return lines


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _newest_mtime(folder: Path) -> float:
    times = [folder.stat().st_mtime]
    for path in folder.rglob("*"):
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            continue
    return max(times)


def stale_staging(staging_dir: Path) -> list[Path]:
    """``merge-*`` folders in staging whose merge is no longer running."""
    import psutil

    if not staging_dir.is_dir():
        return []
    stale = []
    for folder in staging_dir.glob("merge-*"):
        parts = folder.name.split("-")
        pid = int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None
        if pid is not None and psutil.pid_exists(pid):
            continue  # a merge still running (this process's or another's; a reused pid only delays)
        if pid is None and time.time() - folder.stat().st_mtime < _OLD_STYLE_AGE_S:
            continue  # an old-style name: only when surely stale
        stale.append(folder)
    return stale


def stale_temp_blobs(attachments_dir: Path, *, older_than_s: float = TEMP_AGE_S) -> list[Path]:
    """Temporary files of the attachment store (``*.tmp``, ``*.part``) nothing touched for a while."""
    if not attachments_dir.is_dir():
        return []
    limit = time.time() - older_than_s
    found = []
    for path in attachments_dir.rglob("*"):
        if path.suffix in (".tmp", ".part") and path.is_file():
            try:
                if path.stat().st_mtime <= limit:
                    found.append(path)
            except OSError:
                continue
    return found


def stale_package_folders(folder: Path, *, older_than_s: float = TEMP_AGE_S) -> list[Path]:
    """Half-written package folders (``HM*.TMP``) directly in ``folder``; complete packages never."""
    from huimin_desktop.sync.package import TEMP_SUFFIX

    if not folder.is_dir():
        return []
    limit = time.time() - older_than_s
    found = []
    for child in folder.iterdir():
        name = child.name.upper()
        if child.is_dir() and name.startswith("HM") and name.endswith(TEMP_SUFFIX):
            try:
                if _newest_mtime(child) <= limit:
                    found.append(child)
            except OSError:
                continue
    return found


def find(staging_dir: Path, attachments_dir: Path) -> Leftovers:
    staged = [f for folder in stale_staging(staging_dir) for f in _files(folder)]
    return Leftovers(
        staging_files=len(staged),
        staging_bytes=sum(f.stat().st_size for f in staged),
        temp_blobs=len(stale_temp_blobs(attachments_dir)),
    )


def sweep(staging_dir: Path, attachments_dir: Path) -> Leftovers:
    """Remove what killed merges and intakes left in the data folder; returns what was removed."""
    found = find(staging_dir, attachments_dir)
    for folder in stale_staging(staging_dir):
        shutil.rmtree(folder, ignore_errors=True)
    for path in stale_temp_blobs(attachments_dir):
        path.unlink(missing_ok=True)
    return found


def sweep_package_folders(folder: Path) -> Leftovers:
    """Remove half-written exports (``HM*.TMP``) left in ``folder`` by killed exports."""
    stale = stale_package_folders(folder)
    for child in stale:
        shutil.rmtree(child, ignore_errors=True)
    return Leftovers(package_folders=len(stale))
