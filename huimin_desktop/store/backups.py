"""Database backups in ``backups/``: consistent copies taken with SQLite's online backup API, and their
rotation (the routine copies: the newest of each of the last 7 days that have one, and of each of the 4
weeks before those; the copies before a one-off step: the 4 newest).

A copy goes through two connections keyed with the data key (``engine.connect``), so an encrypted
database's copy is encrypted under the same key and no clear page is ever written. The backup runs in one
step: one read transaction on the source, so the copy is the database as one commit left it, while other
connections go on writing (WAL: readers do not block writers). It is written as ``NAME.partial``,
fsynced, read back (its schema, under the key) and only then renamed to its name, so a file under a
backup name is always whole; a killed backup leaves a ``.partial`` that the next one removes.

File names carry what the copy was taken for and when (local time): ``huimin-daily-20261203-071500.db``,
``huimin-before-merge-…``, ``huimin-before-upgrade-from-0009-…``, ``huimin-before-restore-…``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from huimin_desktop.store.durable import fsync_folder
from huimin_desktop.store.engine import connect

PREFIX, SUFFIX, PARTIAL = "huimin-", ".db", ".partial"
DAILY, BEFORE_MERGE, BEFORE_RESTORE = "daily", "before-merge", "before-restore"
KEEP_DAILY, KEEP_WEEKLY = 7, 4
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^huimin-(?P<label>[a-z0-9][a-z0-9-]*?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.db$")


class BackupCheckError(Exception):
    """The copy just written does not pass its check (the source is damaged, or the disk failed)."""


@dataclass(frozen=True)
class BackupFile:
    """One database copy in ``backups/``."""

    path: Path
    label: str  # what it was taken for: daily, before-merge, before-upgrade-from-0009, …
    taken_at: dt.datetime  # local time, from the name
    size: int


def parse_name(path: Path) -> tuple[str, dt.datetime, int] | None:
    """(label, taken at, tie-breaker) from a backup's file name; None for any other file."""
    found = _NAME.match(path.name)
    if found is None:
        return None
    try:
        moment = dt.datetime.strptime(found["stamp"], _STAMP)
    except ValueError:
        return None
    return found["label"], moment, int(found["n"] or 1)


def list_backups(backups_dir: Path) -> list[BackupFile]:
    """The backups in the folder, oldest first."""
    found = []
    for path in backups_dir.glob(f"{PREFIX}*{SUFFIX}") if backups_dir.is_dir() else ():
        parsed = parse_name(path)
        if parsed is None:
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        order = (parsed[1], parsed[2], stat.st_mtime_ns)  # two in one second: the later written last
        found.append((order, BackupFile(path, parsed[0], parsed[1], stat.st_size)))
    return [entry for _order, entry in sorted(found, key=lambda item: item[0])]


def _free_name(backups_dir: Path, label: str, moment: dt.datetime) -> Path:
    stem = f"{PREFIX}{label}-{moment.strftime(_STAMP)}"
    target, n = backups_dir / f"{stem}{SUFFIX}", 1
    while target.exists():  # two copies in one second (a merge right after the daily one)
        n += 1
        target = backups_dir / f"{stem}-{n}{SUFFIX}"
    return target


def copy_database(db_path: Path, target: Path, key: bytes | None) -> None:
    """A consistent copy of the database at ``target`` (atomic: ``.partial``, fsync, read back, rename)."""
    partial = target.with_name(target.name + PARTIAL)
    partial.unlink(missing_ok=True)
    source = connect(db_path, key)
    try:
        destination = connect(partial, key)
        try:
            source.backup(destination)  # pages=-1: the whole database in one step, one snapshot
            # The schema read back (every schema page decrypts under the key). Not quick_check: it
            # doubles the time before every merge, and a restore runs integrity_check anyway.
            destination.execute("SELECT count(*) FROM sqlite_master").fetchone()
            result = destination.execute("PRAGMA schema_version").fetchone()[0]
            result = "ok" if result else "empty"
        finally:
            destination.close()
    finally:
        source.close()
    if result != "ok":
        partial.unlink(missing_ok=True)
        raise BackupCheckError(f"{target.name}: {result}")
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    fsync_folder(target.parent)


def take_backup(
    db_path: Path, backups_dir: Path, label: str, key: bytes | None, *, now: dt.datetime | None = None
) -> Path:
    """Copy the database into ``backups_dir`` under a name saying ``label`` and when; returns its path."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    for leftover in backups_dir.glob(f"*{SUFFIX}{PARTIAL}"):  # a killed backup's
        leftover.unlink(missing_ok=True)
    target = _free_name(backups_dir, label, now or dt.datetime.now())
    copy_database(db_path, target, key)
    return target


ROUTINE = (DAILY, BEFORE_MERGE)
KEEP_OTHERS = 4


def to_keep(backups: list[BackupFile]) -> set[Path]:
    """The rotation of the routine copies (daily, before a merge): the newest of each of the 7 latest
    days that have one, then the newest of each of the 4 latest (ISO) weeks among the older ones. The
    copies taken before a one-off step (a schema upgrade, the first encryption, a restore) are kept
    apart: the 4 newest of them. ``backups`` oldest first, as ``list_backups`` gives them."""
    routine = [b for b in reversed(backups) if b.label in ROUTINE]  # newest first
    others = [b for b in reversed(backups) if b.label not in ROUTINE]
    keep: list[BackupFile] = others[:KEEP_OTHERS]
    days: set[dt.date] = set()
    for backup in routine:
        if backup.taken_at.date() not in days and len(days) < KEEP_DAILY:
            days.add(backup.taken_at.date())
            keep.append(backup)
    oldest_daily = min(days) if days else None
    weeks: set[tuple[int, int]] = set()
    for backup in routine:
        week = backup.taken_at.isocalendar()[:2]
        older = oldest_daily is not None and backup.taken_at.date() < oldest_daily
        if older and week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            keep.append(backup)
    return {b.path for b in keep}


def rotate(backups_dir: Path) -> list[Path]:
    """Remove the backups the rotation does not keep; the removed paths."""
    backups = list_backups(backups_dir)
    keep = to_keep(backups)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
            except OSError:
                continue  # open elsewhere (Windows): the next rotation removes it
            removed.append(backup.path)
    return removed


def latest(backups_dir: Path) -> BackupFile | None:
    backups = list_backups(backups_dir)
    return backups[-1] if backups else None


def daily_due(backups_dir: Path, now: dt.datetime | None = None) -> bool:
    """No backup (of any kind) taken today yet."""
    newest = latest(backups_dir)
    return newest is None or newest.taken_at.date() != (now or dt.datetime.now()).date()
