"""``check``: database integrity plus the attachment store, as a list of plain-language problems.

It also finds blobs that no attachment row refers to, not even a deleted one: what an intake or a merge
killed halfway leaves behind (their rows never committed). They are not problems, only wasted space;
``remove_unused_blobs`` deletes those old enough that no running intake or merge can still own them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Row, select, text
from sqlalchemy.exc import DatabaseError

from huimin_desktop import messages
from huimin_desktop.messages.system import sqlite_error_code
from huimin_desktop.model import Attachment, StationIdentity
from huimin_desktop.services import leftovers
from huimin_desktop.store import fingerprints, schema
from huimin_desktop.store.attachments import BlobDamagedError, BlobStore
from huimin_desktop.store.database import Database
from huimin_desktop.store.engine import WRITE
from huimin_desktop.sync.digest import synced_digest

UNUSED_AGE_S = 3600  # a blob younger than this may belong to an intake or merge still running


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]
    unused_blobs: int = 0  # stored files no attachment row refers to (see the module docstring)
    unused_bytes: int = 0
    # what killed processes left behind (removed when the station was opened, or found now)
    leftovers: tuple[str, ...] = ()
    digest: str = ""  # every synced row's logical hash (sync/digest.py): equal on stations holding the same

    @property
    def ok(self) -> bool:
        return not self.problems


def check_station(
    db: Database, *, verify_hashes: bool = True, swept: leftovers.Leftovers | None = None
) -> CheckReport:
    """The report; every database query reads one snapshot (``_snapshot``), the files are checked after."""
    with _snapshot(db) as connection:
        problems = _database_problems(connection)
        if connection.scalar(select(StationIdentity.id)) is None:
            problems.append(_said("check.no_station"))
        blobs = connection.execute(
            select(Attachment.sha256, Attachment.filename).where(Attachment.deleted.is_(False)).distinct()
        ).all()
        wanted = list({sha256 for sha256, _ in blobs})
        known = fingerprints.load(connection, wanted) if verify_hashes else {}
        digest = synced_digest(connection)
        referenced = set(connection.scalars(select(Attachment.sha256).distinct()))
    problems += _attachment_problems(db, blobs, known, verify_hashes)
    unused = _unused_blobs(db, referenced)
    found = leftovers.find(db.folder.staging_dir, db.folder.attachments_dir)
    notes = (swept or leftovers.Leftovers()).describe() + found.describe(pending=True)
    return CheckReport(
        tuple(problems), len(unused), sum(size for _path, size, _mtime in unused), tuple(notes), digest
    )


def _said(code: str, **params: object) -> str:
    """A problem's line, worded by the catalog in the current language (``check`` and ``--json``)."""
    return messages.text(code, params)


@contextmanager
def _snapshot(db: Database) -> Iterator[Connection]:
    """One transaction for every query of a check, so that it sees one state of the database while
    other programs write: never half of a merge, never an index a moment older than its table.

    It takes the write lock at BEGIN (waiting, like every writer, up to the busy timeout) because
    SQLite runs the search index's integrity check as an INSERT, which a plain read snapshot cannot
    upgrade to once another program has committed; nothing is written, and it is rolled back. A
    database held longer than the timeout is "database is locked", never a false alarm.
    """
    with db.engine.execution_options(**{WRITE: True}).connect() as connection:
        connection.begin()
        try:
            yield connection
        finally:
            connection.rollback()


def _database_problems(connection: Connection) -> list[str]:
    """SQLite's own checks, the audit log's triggers, the search index and the schema revision."""
    problems: list[str] = []
    integrity = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
    if integrity != ["ok"]:
        problems += [_said("check.integrity", line=line) for line in integrity[:20]]
    for table, rowid, parent, _ in connection.execute(text("PRAGMA foreign_key_check")).fetchall()[:20]:
        problems.append(_said("check.foreign_key", table=table, row=rowid, parent=parent))
    triggers = set(connection.scalars(text("SELECT name FROM sqlite_master WHERE type='trigger'")).all())
    if not {"audit_log_no_update", "audit_log_no_delete"} <= triggers:
        problems.append(_said("check.audit_triggers"))
    if not _search_index_consistent(connection):
        problems.append(_said("check.search_index"))
    from alembic.runtime.migration import MigrationContext  # ~0.1 s: loaded by a check, not by every start

    revision = MigrationContext.configure(connection).get_current_revision()
    if revision != schema.head_revision():
        problems.append(_said("check.revision", revision=revision, head=schema.head_revision()))
    return problems


def _search_index_consistent(connection: Connection) -> bool:
    """FTS5's check of the index against the household table; only its "corrupt" answer is a problem
    (a locked or failing database is an error of its own, worded as such)."""
    command = "INSERT INTO household_search(household_search, rank) VALUES ('integrity-check', 1)"
    savepoint = connection.begin_nested()
    try:
        connection.execute(text(command))
    except DatabaseError as exc:
        savepoint.rollback()
        if sqlite_error_code(exc) == "db.damaged":  # SQLITE_CORRUPT(_VTAB): "… disk image is malformed"
            return False
        raise
    savepoint.rollback()
    return True


def _attachment_problems(
    db: Database,
    blobs: Sequence[Row[str, str]],
    known: dict[str, tuple[int, str]],
    verify_hashes: bool,
) -> list[str]:
    """Every live attachment's blob is there and (with ``verify_hashes``) holds what its SHA-256 says;
    a missing or wrong fingerprint is mended on the way."""
    problems: list[str] = []
    store = BlobStore(db.folder.attachments_dir, db.data_key)
    checked: set[str] = set()
    mended: list[fingerprints.Fingerprint] = []
    for sha256, filename in blobs:
        if sha256 in checked:  # one blob attached under several names (or to several records): read once
            continue
        checked.add(sha256)
        if not store.has(sha256):
            problems.append(_said("check.blob_missing", filename=filename, sha=sha256[:12]))
        elif verify_hashes:
            try:
                actual, quick = store.hashes(sha256)
            except BlobDamagedError:
                actual = quick = ""
            if actual != sha256:
                problems.append(_said("check.blob_damaged", filename=filename, sha=sha256[:12]))
            elif known.get(sha256) != (size := store.size(sha256), quick):
                # missing (stored before revision 0008) or wrong: an export trusts it over the SHA-256
                mended.append((sha256, size, quick))
    if mended:
        with db.session(capture=False) as session:
            fingerprints.record(session, mended)
    return problems


def _unused_blobs(db: Database, referenced: set[str] | None = None) -> list[tuple[Path, int, float]]:
    """(path, size, mtime) of stored blobs that no attachment row, live or deleted, refers to
    (``referenced``: the check's snapshot of those rows; read now when not given)."""
    if referenced is None:
        with db.reader() as session:
            referenced = set(session.scalars(select(Attachment.sha256).distinct()))
    store = BlobStore(db.folder.attachments_dir, db.data_key)
    names = {store.name(sha256) for sha256 in referenced}  # files are named by a keyed hash
    unused = []
    for name, path in store.stored():
        if name not in names:
            try:
                info = path.stat()
            except FileNotFoundError:
                continue
            unused.append((path, info.st_size, info.st_mtime))
    return unused


def remove_unused_blobs(db: Database, *, older_than_s: float = UNUSED_AGE_S) -> tuple[int, int]:
    """Delete unused blobs older than ``older_than_s``; returns (files, bytes) removed."""
    limit = time.time() - older_than_s
    removed = freed = 0
    for path, size, mtime in _unused_blobs(db):
        if mtime <= limit:
            path.unlink(missing_ok=True)
            removed += 1
            freed += size
    return removed, freed
