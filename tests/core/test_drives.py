"""Removable drives: the test hook, the Linux mount filter, FAT32 and free-space warnings."""

from __future__ import annotations

import os
from pathlib import Path

import psutil
import pytest

from huimin_desktop.sync import drives
from huimin_desktop.sync.drives import (
    FAT32_WARNING_BYTES,
    TEST_DRIVES_ENV,
    Drive,
    fat32_split_warning,
    folder_bytes,
    removable_drives,
    too_little_space,
)


def test_the_test_hook_presents_folders_as_drives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stick = tmp_path / "KINGSTON"
    card = tmp_path / "SDCARD"
    stick.mkdir()
    card.mkdir()
    missing = tmp_path / "gone"
    monkeypatch.setenv(TEST_DRIVES_ENV, os.pathsep.join([str(stick), f"{card}|vfat", str(missing)]))

    found = removable_drives()

    assert [d.path for d in found] == [stick, card]  # a folder that does not exist is no drive
    assert [d.label for d in found] == ["KINGSTON", "SDCARD"]
    assert [d.filesystem for d in found] == ["test", "vfat"]
    assert not found[0].is_fat and found[1].is_fat
    usage = psutil.disk_usage(str(stick))
    assert 0 < found[0].free_bytes <= found[0].total_bytes == usage.total


def test_an_empty_hook_means_no_drives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TEST_DRIVES_ENV, "")
    assert removable_drives() == []


def test_real_listing_keeps_only_removable_mounts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the hook the real partitions are read; on Linux only /media, /run/media and /mnt count."""
    monkeypatch.delenv(TEST_DRIVES_ENV, raising=False)
    found = removable_drives()
    if os.name != "nt":
        assert all(str(d.path).startswith(drives.LINUX_MOUNT_ROOTS) for d in found)
    assert drives._is_removable_mount("/media/clerk/KINGSTON")
    assert drives._is_removable_mount("/run/media/clerk/USB DISK")
    assert drives._is_removable_mount("/mnt/usb")
    assert not drives._is_removable_mount("/")
    assert not drives._is_removable_mount("/mnt")
    assert not drives._is_removable_mount("/home/clerk")
    assert not drives._is_removable_mount("/mediacenter/x")


def _drive(filesystem: str, free: int) -> Drive:
    return Drive(Path("/media/x/STICK"), "STICK", free, 16 * 1024**3, filesystem)


def test_fat32_warning_only_for_big_packages_on_fat() -> None:
    assert fat32_split_warning(_drive("vfat", 10**12), FAT32_WARNING_BYTES)
    assert fat32_split_warning(_drive("FAT32", 10**12), FAT32_WARNING_BYTES + 1)
    assert not fat32_split_warning(_drive("vfat", 10**12), FAT32_WARNING_BYTES - 1)
    assert not fat32_split_warning(_drive("exfat", 10**12), 10 * FAT32_WARNING_BYTES)
    assert not fat32_split_warning(_drive("NTFS", 10**12), 10 * FAT32_WARNING_BYTES)
    assert not fat32_split_warning(_drive("vfat", 10**12), None)


def test_too_little_space() -> None:
    assert too_little_space(_drive("vfat", 1000), 1001)
    assert not too_little_space(_drive("vfat", 1000), 1000)
    assert not too_little_space(_drive("vfat", 1000), None)


def test_folder_bytes_adds_up_every_file(tmp_path: Path) -> None:
    (tmp_path / "ab" / "cd").mkdir(parents=True)
    (tmp_path / "ab" / "cd" / "blob").write_bytes(b"x" * 1000)
    (tmp_path / "ab" / "other").write_bytes(b"y" * 24)
    assert folder_bytes(tmp_path) == 1024
    assert folder_bytes(tmp_path / "missing") == 0
