"""Removable drives (USB sticks) a sync package can be written to or read from.

On Windows a removable drive is a partition whose options include ``removable``; on Linux it is a
mount under ``/media``, ``/run/media`` or ``/mnt`` (where desktops and ``udisks`` put USB sticks).
``HUIMIN_TEST_DRIVES`` (folders separated by ``os.pathsep``, each optionally ``FOLDER|FILESYSTEM``)
replaces the real list, so tests and screenshots can present temporary folders as drives.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import psutil

TEST_DRIVES_ENV = "HUIMIN_TEST_DRIVES"
LINUX_MOUNT_ROOTS = ("/media", "/run/media", "/mnt")
FAT_FILESYSTEMS = frozenset({"vfat", "fat", "fat32", "msdos"})
FAT32_FILE_LIMIT = 4 * 1024**3
# A FAT32 stick is worth a word (the package is split into parts) from this expected size on.
FAT32_WARNING_BYTES = FAT32_FILE_LIMIT


@dataclass(frozen=True)
class Drive:
    path: Path  # where to write: the mount point (Linux) or the drive root (Windows, "E:\\")
    label: str  # what the user recognises: the volume label or the mount folder's name
    free_bytes: int
    total_bytes: int
    filesystem: str  # as the system names it: "vfat", "FAT32", "exfat", "NTFS"… ("" when unknown)

    @property
    def is_fat(self) -> bool:
        return self.filesystem.lower() in FAT_FILESYSTEMS


def removable_drives() -> list[Drive]:
    """The removable drives present now, sorted by path; drives that cannot be read are left out."""
    configured = os.environ.get(TEST_DRIVES_ENV)
    if configured is not None:
        return _test_drives(configured)
    if sys.platform == "win32":
        candidates = [
            (part.mountpoint, part.fstype)
            for part in _partitions()
            if "removable" in part.opts.lower().split(",")
        ]
    else:
        candidates = [
            (part.mountpoint, part.fstype) for part in _partitions() if _is_removable_mount(part.mountpoint)
        ]
    drives = [drive for mount, fs in candidates if (drive := _drive(Path(mount), fs)) is not None]
    return sorted(drives, key=lambda d: str(d.path))


def fat32_split_warning(drive: Drive, expected_bytes: int | None) -> bool:
    """True when the package would be big for a FAT32 stick (it is then written in parts under 4 GiB)."""
    return drive.is_fat and expected_bytes is not None and expected_bytes >= FAT32_WARNING_BYTES


def too_little_space(drive: Drive, expected_bytes: int | None) -> bool:
    return expected_bytes is not None and expected_bytes > drive.free_bytes


def folder_bytes(folder: Path) -> int:
    """The size of every file under ``folder`` (0 when it does not exist): an upper bound for a package."""
    total = 0
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
            except OSError:
                continue
    return total


def _partitions() -> list[psutil._common.sdiskpart]:  # type: ignore[name-defined]
    try:
        return psutil.disk_partitions(all=False)
    except OSError:
        return []


def _is_removable_mount(mountpoint: str) -> bool:
    path = mountpoint.rstrip("/")
    return any(path.startswith(root + "/") for root in LINUX_MOUNT_ROOTS)


def _drive(path: Path, filesystem: str, label: str | None = None) -> Drive | None:
    try:
        usage = shutil.disk_usage(path)
    except OSError:  # an empty card reader slot, a stale mount
        return None
    return Drive(path, label or _volume_label(path), usage.free, usage.total, filesystem)


def _volume_label(path: Path) -> str:
    if sys.platform == "win32":
        root = str(path).rstrip("\\")  # "E:"
        label = _windows_volume_label(str(path))
        return f"{label} ({root})" if label else root
    return path.name or str(path)


def _windows_volume_label(root: str) -> str:
    import ctypes

    buffer = ctypes.create_unicode_buffer(261)
    ok = ctypes.windll.kernel32.GetVolumeInformationW(  # type: ignore[attr-defined]
        ctypes.c_wchar_p(root), buffer, len(buffer), None, None, None, None, 0
    )
    return buffer.value if ok else ""


def _test_drives(configured: str) -> list[Drive]:
    drives = []
    for entry in filter(None, configured.split(os.pathsep)):
        folder, _bar, filesystem = entry.partition("|")
        path = Path(folder)
        if path.is_dir() and (drive := _drive(path, filesystem or "test", path.name)) is not None:
            drives.append(drive)
    return drives
