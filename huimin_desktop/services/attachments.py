"""Attachments on any record: add files (intake), list, describe, remove, thumbnails, export.

Intake (``add_files``) checks each file on its own: a missing, empty, oversized or unreadable file gets a
Chinese reason in ``IntakeReport.refused`` and the rest of the batch goes on. Accepted files are copied
into the content-addressed store as they come (whole and verified, see ``store.attachments.ingest``); the
attachment rows of the whole batch are written in ONE transaction at the end. Cancelling therefore
keeps nothing of the batch: no row is written, and every blob the batch created that no row refers to
is deleted again, so the store looks exactly as before. (A crash half-way leaves, at worst, whole but
unreferenced blobs and a temporary file the next intake clears: never a half-stored file.)

Removing only tombstones the link: a blob is never deleted while any row, live or tombstoned, names it,
so another record using the same bytes keeps them, and sync can still ship a removed file's history.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Integer, literal_column, select
from sqlalchemy.sql.elements import ColumnClause

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.domain.issues import Issue
from huimin_desktop.domain.sizes import human_size
from huimin_desktop.errors import CodedError, ServiceError, ValidationError
from huimin_desktop.media import kinds
from huimin_desktop.media.duration import media_duration_ms
from huimin_desktop.media.thumbnails import UnreadableImage, inspect_photo, make_thumbnail
from huimin_desktop.messages import describe, text
from huimin_desktop.messages.system import with_path
from huimin_desktop.model import (
    Attachment,
    Household,
    Indicator,
    IndicatorProgress,
    Project,
    ProjectStageEntry,
    Training,
)
from huimin_desktop.progress import Cancelled, TaskState
from huimin_desktop.security.roles import ENTER_RECORDS
from huimin_desktop.services.common import live_row
from huimin_desktop.store import fingerprints
from huimin_desktop.store.attachments import (
    BlobDamagedError,
    BlobStore,
    StoredBlob,
    clear_incoming,
    thumbnail_path,
)
from huimin_desktop.store.database import Database
from huimin_desktop.store.sealed_files import THUMBNAILS, DecryptedCopy, SealedFileError, Sealer

DEFAULT_MAX_FILE_BYTES = 2 * 1024**3  # a long phone video; anything larger is almost surely a mistake
THUMBNAIL_SIZE = 160
_MAX_NAME = 120  # characters kept of a file name (the column holds 255; Windows paths need room too)

# Records that can carry attachments, with the word the messages use for each.
OWNERS: dict[str, tuple[type, str]] = {
    "household": (Household, "农户"),
    "project": (Project, "项目"),
    "project_stage": (ProjectStageEntry, "项目阶段记录"),
    "training": (Training, "培训"),
    "indicator_progress": (IndicatorProgress, "考核进度记录"),  # its evidence (证明材料)
    "indicator": (Indicator, "考核指标"),  # the city's reference files (IndicatorService.add_reference_files)
}


# Files added at once share one change stamp; within it they keep the order they were given in.
_INTAKE_ORDER: ColumnClause[int] = literal_column("attachment.rowid", Integer)


@dataclass(frozen=True)
class AttachmentRecord:
    id: str
    owner_table: str
    owner_id: str
    sha256: str
    size: int
    filename: str
    mime: str
    kind: str
    category: str
    caption: str
    taken_at: dt.datetime | None
    duration_ms: int | None


@dataclass
class IntakeReport:
    """What became of a batch. ``renamed`` lists files kept under a cleaned-up name, with the reason."""

    added: list[AttachmentRecord] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False
    renamed: list[tuple[Path, str]] = field(default_factory=list)


class _Refused(CodedError):
    """One file not taken; the batch goes on and the report names it with the reason."""


def _record(a: Attachment) -> AttachmentRecord:
    return AttachmentRecord(
        a.id,
        a.owner_table,
        a.owner_id,
        a.sha256,
        a.size,
        a.filename,
        a.mime,
        a.kind,
        a.category,
        a.caption,
        a.taken_at,
        a.duration_ms,
    )


_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')


def clean_filename(name: str) -> str:
    """A name that is safe on Windows and in a zip or a USB stick, keeping the Chinese as is.

    Undecodable bytes (a name from an old Chinese-Windows zip read on Linux arrives as surrogates),
    control characters and the characters Windows forbids become "_"; trailing dots and spaces go;
    overlong names are shortened, keeping the extension.
    """
    cleaned = "".join(
        "_" if (0xD800 <= ord(ch) <= 0xDFFF or unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs")) else ch
        for ch in name
    )
    cleaned = _WINDOWS_FORBIDDEN.sub("_", unicodedata.normalize("NFC", cleaned)).strip().rstrip(". ")
    stem, dot, extension = cleaned.rpartition(".")
    if not dot or not stem:
        stem, extension = cleaned, ""
    if len(cleaned) > _MAX_NAME:
        extension = extension[:10]
        stem = stem[: _MAX_NAME - len(extension) - 1]
        cleaned = f"{stem}.{extension}" if extension else stem
    return cleaned or "附件"


def interview_filename(started_at: dt.datetime, suffix: str) -> str:
    """The name a microphone recording is stored under: 访谈录音_20250809_101112.m4a."""
    return f"访谈录音_{started_at:%Y%m%d_%H%M%S}{suffix}"


def files_in_folder(folder: Path) -> list[Path]:
    """Every file in a folder and its subfolders, by path, leaving out hidden files and folders
    (a phone's ``.thumbnails``, ``.nomedia``, macOS ``._`` files)."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            found.append(path)
    return found


class AttachmentService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.max_file_bytes = DEFAULT_MAX_FILE_BYTES  # a station may lower or raise it
        self._store: BlobStore | None = None
        self._store_key: bytes | None = None

    # -- where things are -----------------------------------------------------------------------------

    @property
    def root(self) -> Path:
        return self.db.folder.attachments_dir

    @property
    def store(self) -> BlobStore:
        """The blobs, sealed under the data key of the login (clear only without one)."""
        if self._store is None or self._store_key is not self.db.data_key:
            self._store = BlobStore(self.root, self.db.data_key)
            self._store_key = self.db.data_key
        return self._store

    def blob_path(self, sha256: str) -> Path:
        """Where the (sealed) blob lies: for presence checks; read it with ``read_bytes``/``open_copy``."""
        return self.store.path(sha256)

    def has_blob(self, sha256: str) -> bool:
        return self.store.has(sha256)

    def read_bytes(self, record: AttachmentRecord | str) -> bytes:
        """An attachment's clear bytes in memory (the photo viewer); ServiceError when missing/damaged."""
        sha256 = record if isinstance(record, str) else record.sha256
        try:
            return self.store.read_bytes(sha256)
        except FileNotFoundError as exc:
            raise ServiceError(code="attachment.missing", name=sha256[:12]) from exc
        except BlobDamagedError as exc:
            raise ServiceError(code="attachment.damaged", name=sha256[:12]) from exc

    def open_copy(self, record: AttachmentRecord) -> DecryptedCopy:
        """A decrypted temporary file of the attachment for a player that needs a path; the caller
        closes it (which removes it) when the player is done with it."""
        suffix = Path(record.filename).suffix[:10]
        try:
            return self.store.decrypted_copy(record.sha256, suffix)
        except FileNotFoundError as exc:
            raise ServiceError(code="attachment.missing", name=record.filename) from exc
        except SealedFileError as exc:
            raise ServiceError(code="attachment.damaged", name=record.filename) from exc

    # -- reading --------------------------------------------------------------------------------------

    def for_record(self, owner_table: str, owner_id: str) -> list[AttachmentRecord]:
        with self.db.reader() as session:
            rows = session.scalars(
                select(Attachment)
                .where(
                    Attachment.owner_table == owner_table,
                    Attachment.owner_id == owner_id,
                    Attachment.deleted.is_(False),
                )
                .order_by(Attachment.created_stamp, _INTAKE_ORDER)
            )
            return [_record(a) for a in rows]

    def for_records(self, owner_table: str, owner_ids: Sequence[str]) -> dict[str, list[AttachmentRecord]]:
        """Attachments of many records of one kind at once (e.g. every stage entry of a project)."""
        found: dict[str, list[AttachmentRecord]] = {owner_id: [] for owner_id in owner_ids}
        if not owner_ids:
            return found
        with self.db.reader() as session:
            rows = session.scalars(
                select(Attachment)
                .where(
                    Attachment.owner_table == owner_table,
                    Attachment.owner_id.in_(list(owner_ids)),
                    Attachment.deleted.is_(False),
                )
                .order_by(Attachment.created_stamp, _INTAKE_ORDER)
            )
            for a in rows:
                found[a.owner_id].append(_record(a))
        return found

    def get(self, attachment_id: str) -> AttachmentRecord:
        with self.db.reader() as session:
            return _record(live_row(session, Attachment, attachment_id, "附件"))

    # -- changing -------------------------------------------------------------------------------------

    def describe(self, attachment_id: str, *, caption: str, category: str, user: str = "system") -> None:
        self.db.actor.require(ENTER_RECORDS)
        if category and category not in code_lists().attachment_category:
            raise ValidationError([Issue.worded("attachment.category", field="category", category=category)])
        with self.db.session(user) as session:
            attachment = live_row(session, Attachment, attachment_id, "附件")
            attachment.caption = caption.strip()
            attachment.category = category

    def remove(self, attachment_id: str, user: str = "system") -> None:
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            live_row(session, Attachment, attachment_id, "附件").deleted = True

    # -- intake ---------------------------------------------------------------------------------------

    def add_files(
        self,
        owner_table: str,
        owner_id: str,
        paths: Sequence[Path],
        *,
        category: str = "",
        user: str = "system",
        task: TaskState | None = None,
    ) -> IntakeReport:
        """Store files and attach them to one record. ``category``: a code ("03") or a name (施工照片)."""
        self.db.actor.require(ENTER_RECORDS)
        task = task or TaskState()
        category_code = self._category_code(category)
        self._check_owner(owner_table, owner_id)
        clear_incoming(self.root)
        report = IntakeReport()
        already = {a.sha256 for a in self.for_record(owner_table, owner_id)}
        created: list[str] = []
        rows: list[Attachment] = []
        stored: list[fingerprints.Fingerprint] = []
        total = len(paths)
        try:
            for done, path in enumerate(paths):
                path = Path(path)
                task.report(
                    done,
                    total,
                    text("working.adding_file", {"name": path.name, "done": done + 1, "total": total}),
                )
                try:
                    row, blob = self._take(path, owner_table, owner_id, category_code, already, task)
                except _Refused as refusal:
                    report.refused.append((path, describe(refusal) or refusal.message))
                    continue
                if blob.created:
                    created.append(row.sha256)
                stored.append(blob.fingerprint)
                already.add(row.sha256)
                rows.append(row)
                if row.filename != path.name:
                    report.renamed.append((path, text("attachment.renamed", {"name": row.filename})))
            task.report(total, total, text("working.saving"))
            task.check()
            if rows:
                with self.db.session(user) as session:
                    session.add_all(rows)
                    session.flush()
                    fingerprints.record(session, stored)
                    report.added = [_record(a) for a in rows]
        except Cancelled:
            self._discard_unused(created)
            report.added = []
            report.cancelled = True
        except BaseException:
            self._discard_unused(created)
            raise
        return report

    def _take(
        self,
        path: Path,
        owner_table: str,
        owner_id: str,
        category: str,
        already: set[str],
        task: TaskState,
    ) -> tuple[Attachment, StoredBlob]:
        """Check one file and put it in the store; raises _Refused with the reason for the user."""
        head = self._readable_head(path)
        kind = kinds.detect_kind(path.name, head)
        taken_at, duration = _media_facts(path, kind)
        try:
            blob = self.store.ingest(path, check=task.check)
        except BlobDamagedError as exc:
            raise _Refused(code="attachment.verify_failed") from exc
        except OSError as exc:
            raise _Refused(code="os.error", error=exc) from exc
        if blob.sha256 in already:
            raise _Refused(code="attachment.already_there")
        row = Attachment(
            owner_table=owner_table,
            owner_id=owner_id,
            sha256=blob.sha256,
            size=blob.size,
            filename=clean_filename(path.name),
            mime=kind.mime,
            kind=kind.kind,
            category=category,
            caption="",
            taken_at=taken_at,
            duration_ms=duration,
        )
        return row, blob

    def _readable_head(self, path: Path) -> bytes:
        """The first bytes of a file fit to take (it exists, is a file, not empty, not too large)."""
        try:
            if not path.exists():
                raise _Refused(code="attachment.gone")
            if not path.is_file():
                raise _Refused(code="attachment.not_a_file")
            size = path.stat().st_size
        except OSError as exc:
            raise _Refused(code="os.error", error=exc) from exc
        if size == 0:
            raise _Refused(code="attachment.empty")
        if size > self.max_file_bytes:
            raise _Refused(
                code="attachment.too_large", size=human_size(size), limit=human_size(self.max_file_bytes)
            )
        try:
            with path.open("rb") as handle:
                return handle.read(64)
        except OSError as exc:
            raise _Refused(code="os.error", error=exc) from exc

    def _discard_unused(self, candidates: Sequence[str]) -> None:
        if not candidates:
            return
        with self.db.reader() as session:
            used = set(
                session.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(list(candidates))))
            )
        for sha256 in candidates:
            if sha256 not in used:
                self.store.discard(sha256)

    def _category_code(self, category: str) -> str:
        if not category:
            return ""
        codes = code_lists().attachment_category
        code = category if category in codes else codes.code_for(category)
        if code is None:
            raise ValidationError([Issue.worded("attachment.category", field="category", category=category)])
        return code

    def _check_owner(self, owner_table: str, owner_id: str) -> None:
        if owner_table not in OWNERS:
            raise ServiceError(code="attachment.no_owner_table", table=owner_table)
        model, what = OWNERS[owner_table]
        with self.db.reader() as session:
            live_row(session, model, owner_id, what)

    # -- thumbnails -----------------------------------------------------------------------------------

    def thumbnail(
        self, attachment_or_sha: AttachmentRecord | str, size: int = THUMBNAIL_SIZE
    ) -> bytes | None:
        """A JPEG thumbnail of a photo (its bytes), made on first request and cached under
        ``thumbnails/`` sealed like the blobs (slow: call it off the GUI thread).

        None for anything that is not a readable photo, or whose blob is missing.
        """
        if isinstance(attachment_or_sha, AttachmentRecord):
            if attachment_or_sha.kind != kinds.PHOTO:
                return None
            sha256 = attachment_or_sha.sha256
        else:
            sha256 = attachment_or_sha
        store = self.store
        name = store.name(sha256)
        sealer = Sealer(self.db.data_key, THUMBNAILS)
        target = thumbnail_path(self.db.folder.thumbnails_dir, name, size)
        context = f"{size}/{name}"
        if target.is_file():
            try:
                return sealer.read_bytes(target, context)
            except (SealedFileError, OSError):
                target.unlink(missing_ok=True)  # a cache: made again below
        try:
            photo = store.read_bytes(sha256)
        except (FileNotFoundError, BlobDamagedError):
            return None
        try:
            jpeg = make_thumbnail(photo, size)
        except UnreadableImage:
            return None
        sealer.write_atomic(target, jpeg, context)
        return jpeg

    # -- export ---------------------------------------------------------------------------------------

    def export_files(
        self, attachment_ids: Sequence[str], dest_dir: Path, task: TaskState | None = None
    ) -> list[Path]:
        """Copy attachments out under their own names (never overwriting: "名 (2).jpg"), each verified
        against its hash. On failure or cancel the files written so far are deleted again."""
        self.db.actor.require(ENTER_RECORDS)
        task = task or TaskState()
        records = [self.get(attachment_id) for attachment_id in attachment_ids]
        dest_dir.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        taken: set[str] = set()
        try:
            for done, record in enumerate(records):
                task.report(done, len(records), text("working.exporting_file", {"name": record.filename}))
                target = unique_path(dest_dir, clean_filename(record.filename), taken)
                taken.add(target.name.casefold())
                self.copy_out(record, target, check=task.check)
                written.append(target)
            task.report(len(records), len(records), "")
            self._audit_export(records, dest_dir)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        return written

    def _audit_export(self, records: Sequence[AttachmentRecord], dest_dir: Path) -> None:
        from huimin_desktop.services import audit

        with self.db.session(capture=False) as session:
            for record in records:
                audit.record(
                    session,
                    audit.EXPORT,
                    "attachment",
                    record.id,
                    summary=audit.Summary.of(
                        "audit.attachment_export", name=record.filename, folder=dest_dir
                    ),
                    details={"owner": f"{record.owner_table}:{record.owner_id}"},
                )

    def copy_out(
        self, record: AttachmentRecord, target: Path, *, check: Callable[[], None] | None = None
    ) -> None:
        """One attachment's bytes to ``target``, verified; ServiceError when the blob is missing/damaged."""
        self.db.actor.require(ENTER_RECORDS)
        if not self.store.has(record.sha256):
            raise ServiceError(code="attachment.missing", name=record.filename)
        try:
            self.store.copy_out(record.sha256, target, check=check)
        except BlobDamagedError as exc:
            raise ServiceError(code="attachment.damaged", name=record.filename) from exc
        except OSError as exc:
            raise ServiceError(code="os.error", error=with_path(exc, target)) from exc


def unique_path(folder: Path, name: str, taken: Collection[str] = ()) -> Path:
    """``folder/name``, or ``name (2)``, ``(3)``… when a file of that name exists or is ``taken``."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        stem, extension = name, ""
    candidate = name
    number = 1
    while candidate.casefold() in taken or (folder / candidate).exists():
        number += 1
        candidate = f"{stem} ({number}).{extension}" if extension else f"{stem} ({number})"
    return folder / candidate


def _media_facts(path: Path, kind: kinds.FileKind) -> tuple[dt.datetime | None, int | None]:
    """When a photo was taken (from its EXIF) and how long a recording lasts, where the file says."""
    if kind.kind == kinds.PHOTO and kind.mime not in kinds.UNREADABLE_PHOTOS:
        try:
            return inspect_photo(path).taken_at, None
        except UnreadableImage as exc:
            raise _Refused(code="attachment.unreadable_image") from exc
    if kind.kind in (kinds.AUDIO, kinds.VIDEO):
        return None, media_duration_ms(path)
    return None, None
