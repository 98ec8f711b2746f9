"""Sync use cases (DESIGN.md §4): export a package, verify one, merge packages.

``station.sync`` is what the 同步 screen and the CLI's ``export`` / ``verify`` / ``merge`` call.
Enrollment and keys (who may send to whom) live in ``services.enrollment`` (``station.enrollment``);
the package container (signing, encryption, files on the stick) in ``sync.package``; which rows go
where in ``sync.changes``; how rows are applied in ``sync.merge``; conflict review in
``services.sync_conflicts``.

How far each side has got is kept per peer (``SyncPeer``): ``acked_seq`` is the point up to which
the peer has confirmed our changes (an export sends everything after it), ``received_seq`` the point up
to which we hold the peer's changes (every package we send tells the peer, as its acknowledgement).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from sqlalchemy import Connection, select

from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import describe, text
from huimin_desktop.model import SyncPackageLog, SyncPeer
from huimin_desktop.progress import TaskState
from huimin_desktop.security.roles import EXPORT_PACKAGE, MERGE_PACKAGES
from huimin_desktop.services import audit
from huimin_desktop.services.backups import BackupService
from huimin_desktop.services.enrollment import PackageTrust, check_can_send, registration_header
from huimin_desktop.services.household_summary import refresh_summaries, search_index_suspended
from huimin_desktop.services.sync_conflicts import ConflictRecord, ConflictReview
from huimin_desktop.stamps.clock import Stamp
from huimin_desktop.store.database import Database
from huimin_desktop.sync.authority import Authority, StationDirectory, station_label
from huimin_desktop.sync.changes import ExportScope, ExportStats, collect_records, current_seq
from huimin_desktop.sync.merge import FutureStamps, Merger, MergeRefused, MergeStats, record_conflicts
from huimin_desktop.sync.records import TABLES

if TYPE_CHECKING:
    from huimin_desktop.sync.package import PackageReader

# merge statuses, as the CLI's --json prints them (DESIGN.md §5)
APPLIED, ALREADY_APPLIED, REJECTED, QUARANTINED = "applied", "already-applied", "rejected", "quarantined"
OWN = "own"  # this station's own package (on the same stick as those it merges): skipped, not refused

__all__ = [
    "ALREADY_APPLIED",
    "APPLIED",
    "OWN",
    "QUARANTINED",
    "REJECTED",
    "ConflictRecord",
    "ExportResult",
    "PackageSummary",
    "SyncService",
    "VerifyResult",
]


@dataclass(frozen=True)
class ExportResult:
    package: Path  # the package folder written (its final name)
    recipient: str  # station id
    recipient_name: str
    records: int
    attachments: int
    bytes: int


@dataclass(frozen=True)
class VerifyResult:
    ok: bool  # the package is what its signer made (for an ``own`` one: the signature is ours)
    reason: str  # "" when ok (an ``own`` package: what it is); else one line in the process language
    package: Path
    package_id: str = ""
    origin: str = ""  # station id
    origin_name: str = ""
    recipient: str = ""
    created_at: dt.datetime | None = None
    records: int = 0
    attachments: int = 0
    bytes: int = 0
    # "verified"; OWN: this station's own outgoing package (its contents are sealed for the recipient,
    # so only the signature can be checked here); REJECTED: not to be trusted (``reason`` says why)
    status: str = "verified"


@dataclass(frozen=True)
class PackageSummary:
    package: Path
    status: str  # APPLIED / ALREADY_APPLIED / REJECTED / QUARANTINED / OWN (a dry run: what it would do)
    reason: str = ""
    package_id: str = ""
    origin: str = ""
    origin_name: str = ""
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[ConflictRecord] = field(default_factory=list)
    attachments: int = 0


class _Sender(TypedDict, total=False):
    """Who sent a package (PackageSummary's fields), once its signed manifest says so."""

    package_id: str
    origin: str
    origin_name: str


@dataclass
class RecordsOutcome:
    """What applying one package's records did (or, in a dry run, would do)."""

    stats: MergeStats
    conflict_ids: list[int]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


class _DryRun(Exception):
    """Raised inside a dry run's transaction so that everything it did is rolled back."""


class SyncService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.review = ConflictReview(db)

    # -- peers and scope ------------------------------------------------------------------------

    def _own_id(self) -> str:
        if self.db.station_id is None:  # Station.open refuses a data folder without a station
            raise RuntimeError("the data folder has no station")
        return self.db.station_id

    def _peer(self, station_id: str) -> SyncPeer | None:
        with self.db.reader() as session:
            return _detached(session, session.get(SyncPeer, station_id))

    def _upper(self) -> SyncPeer | None:
        with self.db.reader() as session:
            return _detached(
                session, session.scalars(select(SyncPeer).where(SyncPeer.relation == "upper")).first()
            )

    def _scope_for(self, recipient: SyncPeer) -> ExportScope:
        with self.db.reader() as session:
            peers = [(p.station_id, p.relation, p.via) for p in session.scalars(select(SyncPeer))]
        if recipient.relation == "upper":
            below = {station for station, relation, _via in peers if relation in ("lower", "relayed")}
            return ExportScope(upward=True, subtree=frozenset({self._own_id(), *below}))
        part = {recipient.station_id} | {station for station, _r, via in peers if via == recipient.station_id}
        return ExportScope(upward=False, subtree=frozenset(part))

    def _card(self) -> dict[str, str]:
        with self.db.reader() as session:
            me = StationDirectory.load(session.connection()).me
        return {"name": me.name, "level": me.level, "division": me.division}

    def directory(self) -> StationDirectory:
        """This station and its peers, to name stations in messages (name and division)."""
        with self.db.reader() as session:
            return StationDirectory.load(session.connection())

    def _relayed_stations(self) -> list[dict[str, str]]:
        """The stations below this one, named in upward packages so the city knows whose rows they are."""
        with self.db.reader() as session:
            peers = session.scalars(select(SyncPeer).where(SyncPeer.relation.in_(("lower", "relayed"))))
            return [
                {"id": p.station_id, "name": p.name, "level": p.level, "division": p.division_code}
                for p in peers
            ]

    # -- records: what an export sends and how a merge applies it (no files involved) ------------------

    def collect(self, recipient: SyncPeer) -> tuple[dict[str, Any], Iterator[dict[str, Any]], ExportStats]:
        """The package header and a records iterator for ``recipient`` (consume it before reading
        the header's counts: it fills them in as it goes)."""
        stats = ExportStats()
        scope = self._scope_for(recipient)
        header: dict[str, Any] = {
            "direction": "up" if scope.upward else "down",
            "from_seq": recipient.acked_seq,
            "ack": recipient.received_seq,  # we hold the recipient's changes up to here
            "stations": self._relayed_stations() if scope.upward else [],
            # clear text, so that a refusal can name a station the reader does not know
            "sender": self._card(),
            "for": {"name": recipient.name, "level": recipient.level, "division": recipient.division_code},
        }
        if scope.upward:
            header.update(registration_header(self.db.folder.keys_dir))

        def records() -> Iterator[dict[str, Any]]:
            # One read transaction (the engine begins it explicitly): one snapshot for the whole read.
            with self.db.engine.connect() as connection:
                header["to_seq"] = current_seq(connection)
                yield from collect_records(
                    connection,
                    since_seq=recipient.acked_seq,
                    to_seq=header["to_seq"],
                    scope=scope,
                    blobs_since_seq=recipient.acked_seq,
                    stats=stats,
                )
            header["records"] = stats.records
            header["tables"] = stats.per_table
            header["latest_stamp"] = stats.latest_stamp
            header["attachments"] = len(stats.blobs)

        return header, records(), stats

    def apply_records(
        self,
        records: Iterable[dict[str, Any]],
        *,
        origin: str,
        header: dict[str, Any] | None = None,
        package_id: str | None = None,
        dry_run: bool = False,
        before_commit: Any = None,
        expected_records: int | None = None,
    ) -> RecordsOutcome:
        """Apply one package's records in one transaction, with the bookkeeping of ``origin``.

        ``before_commit(connection)`` runs after the rows and before the commit (the blobs are moved
        into the store there, so that they are in place when the rows that use them become visible).
        A ``MergeRefused`` or ``FutureStamps`` (or any error) rolls everything back.
        """
        header = header or {}
        assert self.db.clock is not None
        now = _utcnow()
        outcome: RecordsOutcome | None = None
        try:
            with self.db.writer() as connection:
                seq = self.db.clock.now().ordinal  # taken under the write lock
                if package_id is not None and _logged(connection, package_id):
                    # another process merged it while this one waited for the lock (sync.merging_elsewhere)
                    raise ServiceError(code="sync.merging_elsewhere")
                connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                with search_index_suspended(connection):
                    authority = Authority.for_package(
                        StationDirectory.load(connection), origin, _declared_stations(header)
                    )
                    merger = Merger(
                        connection,
                        seq=seq,
                        now_ms=_wall_ms(),
                        package_id=package_id,
                        from_upper=not authority.upward,
                        authority=authority,
                    )
                    stats = merger.apply(records)
                    touched = stats.households_touched
                    refresh_summaries(
                        connection, touched, indexed=touched - stats.households_inserted, triggers=False
                    )
                _check_counts(connection, stats, seq, expected_records)
                conflict_ids = record_conflicts(connection, stats.conflicts, package_id=package_id, now=now)
                outcome = RecordsOutcome(stats, conflict_ids)
                if dry_run:
                    raise _DryRun()
                self._book_package(connection, origin=origin, header=header, package_id=package_id, now=now)
                _audit_merge(connection, origin, package_id, stats, len(conflict_ids))
                if before_commit is not None:
                    before_commit(connection)
        except _DryRun:
            assert outcome is not None
            return outcome
        except Exception as exc:
            if _is_incomplete_row(exc):
                raise MergeRefused(code="merge.incomplete_rows") from exc
            if _is_foreign_key_failure(exc):
                raise MergeRefused(code="merge.incomplete_parents") from exc
            raise
        assert outcome is not None
        if outcome.stats.latest_stamp:
            self.db.clock.observe(Stamp.parse(outcome.stats.latest_stamp))
        return outcome

    def _book_package(
        self,
        connection: Connection,
        *,
        origin: str,
        header: dict[str, Any],
        package_id: str | None,
        now: dt.datetime,
    ) -> None:
        from_seq, to_seq = int(header.get("from_seq", 0)), int(header.get("to_seq", 0))
        peer = connection.exec_driver_sql(
            "SELECT received_seq, acked_seq FROM sync_peer WHERE station_id = ?", (origin,)
        ).first()
        if peer is not None:
            received, acked = peer
            if from_seq <= received:
                received = max(received, to_seq)
            acked = max(acked, int(header.get("ack", 0)))
            connection.exec_driver_sql(
                "UPDATE sync_peer SET received_seq = ?, acked_seq = ?, last_package_at = ? "
                "WHERE station_id = ?",
                (received, acked, now.isoformat(sep=" "), origin),
            )
        for station in header.get("stations", []):
            if station.get("id") in (None, self.db.station_id):
                continue
            connection.exec_driver_sql(
                "INSERT INTO sync_peer (station_id, name, level, division_code, relation, via, sign_key, "
                "box_key, acked_seq, received_seq) VALUES (?, ?, ?, ?, 'relayed', ?, '', '', 0, 0) "
                "ON CONFLICT (station_id) DO UPDATE SET name = excluded.name "
                "WHERE sync_peer.relation = 'relayed'",
                (
                    station["id"],
                    station.get("name", ""),
                    station.get("level", ""),
                    station.get("division", ""),
                    origin,
                ),
            )
        if package_id is not None:
            connection.exec_driver_sql(
                "INSERT INTO sync_package_log (package_id, direction, origin, recipient, created_at, "
                "processed_at, from_seq, to_seq, status, summary) "
                "VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, NULL)",
                (
                    package_id,
                    origin,
                    self.db.station_id,
                    str(header.get("created_at", now.isoformat(sep=" "))),
                    now.isoformat(sep=" "),
                    from_seq,
                    to_seq,
                    APPLIED,
                ),
            )

    # -- packages ---------------------------------------------------------------------------------

    def export(
        self, dest_dir: Path, *, recipient: str | None = None, task: TaskState | None = None
    ) -> ExportResult:
        """Write a package of everything ``recipient`` (default: the upper station) has not acknowledged.

        ``recipient`` may be a lower station's id (a return package). The package is written under a
        temporary name, fsynced, renamed, then re-read and verified before this returns.
        """
        self.db.actor.require(EXPORT_PACKAGE)
        from huimin_desktop.services.leftovers import sweep_package_folders
        from huimin_desktop.sync import package as container
        from huimin_desktop.sync.keys import load_keys

        peer = self._recipient(recipient)
        sweep_package_folders(Path(dest_dir))  # half-written exports of killed processes
        header, records, stats = self.collect(peer)
        store = self._blob_store()

        def blobs() -> Iterator[tuple[str, Path, tuple[int, str] | None]]:
            from huimin_desktop.store import fingerprints

            wanted = list(stats.blobs)  # complete once the records are consumed, which comes first
            with self.db.reader() as session:
                known = fingerprints.load(session, wanted)
            for sha256 in wanted:
                yield sha256, store.path(sha256), known.get(sha256)

        written = container.write_package(
            Path(dest_dir),
            header=header,
            records=records,
            blobs=blobs(),
            sender=load_keys(self.db.folder),
            recipient=peer.station_id,
            recipient_box_key=peer.box_key,
            task=task,
            sealer=store.sealer,
        )
        if written.records != stats.records or written.attachments != len(stats.blobs):
            shutil.rmtree(written.path, ignore_errors=True)
            raise ServiceError(
                code="sync.read_back_counts",
                records=written.records,
                attachments=written.attachments,
                exported_records=stats.records,
                exported_attachments=len(stats.blobs),
            )
        now = _utcnow()
        try:
            self._log_written(written, peer, header, stats, now)
        except BaseException:  # e.g. "database is locked": a package the database does not know goes
            shutil.rmtree(written.path, ignore_errors=True)
            raise
        return ExportResult(
            written.path, peer.station_id, peer.name, written.records, written.attachments, written.bytes
        )

    def _log_written(
        self, written: Any, peer: SyncPeer, header: dict[str, Any], stats: Any, now: Any
    ) -> None:
        with self.db.session(capture=False) as session:
            from huimin_desktop.store import fingerprints

            fingerprints.record(session, written.fingerprints)
            audit.record(
                session,
                audit.EXPORT,
                "sync_package_log",
                written.package_id,
                summary=audit.Summary.of(
                    "audit.package_export",
                    package=written.package_id,
                    recipient=peer.name,
                    records=stats.records,
                    attachments=len(stats.blobs),
                ),
                details={
                    "recipient": peer.station_id,
                    "records": stats.records,
                    "attachments": len(stats.blobs),
                },
            )
            session.add(
                SyncPackageLog(
                    package_id=written.package_id,
                    direction="out",
                    origin=self.db.station_id,
                    recipient=peer.station_id,
                    created_at=now,
                    processed_at=now,
                    from_seq=int(header["from_seq"]),
                    to_seq=int(header.get("to_seq", 0)),
                    status="written",
                    summary={"records": stats.records, "attachments": len(stats.blobs)},
                )
            )

    def _recipient(self, recipient: str | None) -> SyncPeer:
        if recipient is None:
            peer = self._upper()
            if peer is None:
                raise ServiceError(code="sync.no_upper")
            return peer
        peer = self._peer(recipient)
        if peer is None:
            with self.db.reader() as session:
                matches = list(
                    session.scalars(
                        select(SyncPeer).where(
                            (SyncPeer.name == recipient) | (SyncPeer.division_code == recipient),
                            SyncPeer.relation == "lower",
                        )
                    )
                )
                if len(matches) == 1:
                    peer = _detached(session, matches[0])
        if peer is None or peer.relation not in ("lower", "upper"):
            raise ServiceError(code="sync.unknown_recipient", recipient=recipient)
        if peer.revoked_at is not None:
            raise ServiceError(code="sync.recipient_revoked", name=peer.name)
        check_can_send(peer)
        return peer

    def _open(self, package: Path, trust: PackageTrust) -> PackageReader:
        from huimin_desktop.sync import package as container
        from huimin_desktop.sync.keys import load_keys

        # The signature, the file list and the sizes are checked here; each file's SHA-256 is checked
        # while it is streamed (records, blobs), so a replayed package costs no reading at all.
        return container.open_package(
            Path(package), keys=load_keys(self.db.folder), sign_key_for=trust, verify_hashes=False
        )

    def _own_package(self, path: Path) -> PackageSummary | None:
        """This station's own package (an export waiting on the stick to go up): skipped, as ``own``.

        Its signature is checked with our own key: a package that only claims to be ours is refused.
        """
        from huimin_desktop.sync import package as container
        from huimin_desktop.sync.keys import load_keys

        manifest = container.peek_manifest(path)
        if manifest.get("origin") != self.db.station_id:
            return None
        directory = self.directory()
        own = self._own_id()
        named: _Sender = {
            "package_id": str(manifest.get("package_id", "")),
            "origin": own,
            "origin_name": directory.label(own),
        }
        own_key = load_keys(self.db.folder).sign_public_hex
        try:
            container.read_manifest(path, sign_key_for=lambda _station: own_key)
        except container.PackageError as exc:
            claim = text("merge.claims_own", {"reason": describe(exc) or exc.message})
            return PackageSummary(path, REJECTED, claim, **named)
        recipient = directory.label(str(manifest.get("recipient", "")))
        return PackageSummary(path, OWN, text("merge.own_package", {"recipient": recipient}), **named)

    def _reason(self, exc: BaseException) -> str:
        """The one-line reason of a refusal, naming stations by name and division."""
        from huimin_desktop.sync.package import NotForThisStation

        if isinstance(exc, NotForThisStation):
            known = self.directory().get(exc.recipient)
            named = (
                station_label(known.name, known.division)
                if known is not None
                else _claimed_label(exc.recipient, exc.claimed)
            )
            return describe(ServiceError(code="package.other_recipient", recipient=named)) or named
        return describe(exc) or str(getattr(exc, "message", exc))

    def verify(self, package: Path) -> VerifyResult:
        from huimin_desktop.sync import package as container
        from huimin_desktop.sync.keys import load_keys

        package = Path(package)
        own = self._own_package(package)
        if own is not None:
            return VerifyResult(
                own.status == OWN,
                own.reason,
                package,
                package_id=own.package_id,
                origin=own.origin,
                origin_name=own.origin_name,
                status=own.status,
            )
        try:
            info = container.inspect_package(
                package, keys=load_keys(self.db.folder), sign_key_for=PackageTrust(self.db, package)
            )
        except ServiceError as exc:
            return VerifyResult(False, self._reason(exc), package, status=REJECTED)
        return VerifyResult(
            True,
            "",
            package,
            package_id=info.package_id,
            origin=info.origin,
            origin_name=self.directory().label(info.origin),
            recipient=info.recipient,
            created_at=info.created_at,
            records=info.records,
            attachments=info.attachments,
            bytes=info.bytes,
        )

    def merge(
        self, packages: Sequence[Path], *, dry_run: bool = False, task: TaskState | None = None
    ) -> list[PackageSummary]:
        """Apply packages in the given order (a folder stands for the packages inside it).

        Each package is verified and applied in its own transaction; a rejected one changes nothing and
        the others go on. ``dry_run`` reports the same summaries (with the conflicts to come) and
        changes nothing.
        """
        self.db.actor.require(MERGE_PACKAGES)
        from huimin_desktop.services.leftovers import sweep_package_folders
        from huimin_desktop.sync.package import find_packages, is_package

        for given in [] if dry_run else packages:
            if Path(given).is_dir() and not is_package(Path(given)):
                sweep_package_folders(Path(given))  # a scanned folder: half-written exports go
        paths = [p for given in packages for p in find_packages(Path(given))]
        # A copy before every merge (services/backups.py), taken when the first package of the batch
        # has been opened and is new: a stick of replays, own or unreadable packages makes none.
        backed_up = False

        def back_up_once() -> None:
            nonlocal backed_up
            if not backed_up:
                BackupService(self.db).before_merge()
                backed_up = True

        summaries = []
        for index, path in enumerate(paths):
            if task is not None:
                task.report(index, len(paths), text("working.merging_package", {"name": path.name}))
            summaries.append(self._merge_one(path, dry_run=dry_run, task=task, before_apply=back_up_once))
        if task is not None:
            task.report(len(paths), len(paths), text("working.merged"))
        return summaries

    def _merge_one(
        self, path: Path, *, dry_run: bool, task: TaskState | None, before_apply: Callable[[], None]
    ) -> PackageSummary:
        from huimin_desktop.sync.package import PackageError

        own = self._own_package(path)
        if own is not None:
            return own
        _sweep_staging(self.db.folder.staging_dir)
        staging = self.db.folder.staging_dir / f"merge-{os.getpid()}-{time.time_ns():x}"
        named: _Sender = {}  # who sent it, once the signed manifest says so
        trust = PackageTrust(self.db, path)  # also recognises a lower station's registration
        try:
            reader = self._open(path, trust)
            package_id, origin = reader.manifest["package_id"], reader.manifest["origin"]
            named = {"package_id": package_id, "origin": origin}
            named["origin_name"] = self.directory().label(origin)
            with self._merging(package_id, dry_run):
                return self._merge_read(
                    reader, path, staging, trust, named, dry_run=dry_run, task=task, before_apply=before_apply
                )
        except FutureStamps as exc:
            if not dry_run:
                self._quarantine(path, named["package_id"], named["origin"], exc.stamp)
            return PackageSummary(path, QUARANTINED, _future_reason(exc.stamp), **named)
        except (PackageError, MergeRefused, ServiceError) as exc:
            return PackageSummary(path, REJECTED, self._reason(exc), **named)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    @contextmanager
    def _merging(self, package_id: str, dry_run: bool) -> Iterator[None]:
        """The package is merged by this process alone: a second one stops at once (``sync.merging_
        elsewhere``) instead of waiting for the write lock. A dry run changes nothing and takes no lock."""
        from huimin_desktop.store.file_lock import Held, exclusive

        if dry_run:
            yield
            return
        try:
            with exclusive(self.db.folder.staging_dir / f"lock-{_safe_name(package_id)}"):
                yield
        except Held:
            raise ServiceError(code="sync.merging_elsewhere") from None

    def _merge_read(
        self,
        reader: PackageReader,
        path: Path,
        staging: Path,
        trust: PackageTrust,
        named: _Sender,
        *,
        dry_run: bool,
        task: TaskState | None,
        before_apply: Callable[[], None],
    ) -> PackageSummary:
        """Apply an opened, trusted package (or, in a dry run, say what it would do); ``before_apply``
        runs once the package is known to be new, before anything is written."""
        manifest = reader.manifest
        header = manifest.get("header", {})
        package_id, origin = manifest["package_id"], manifest["origin"]
        refusal = self.precheck(package_id, origin, header)
        if refusal is not None:
            return PackageSummary(path, *refusal, **named)
        if not dry_run:
            before_apply()
        latest = str(header.get("latest_stamp", ""))
        if latest and self._too_far_ahead(latest):
            if not dry_run:
                self._quarantine(path, package_id, origin, latest)
            return PackageSummary(path, QUARANTINED, _future_reason(latest), **named)
        moved: list[Path] = []

        def place_blobs(connection: Connection) -> None:
            trust.bind(connection, package_id=package_id, header=header)
            self._store_blobs(reader, staging, task, moved, connection)

        try:
            outcome = self.apply_records(
                reader.records(check_hashes=True),
                origin=origin,
                header={**header, "created_at": manifest.get("created_at")},
                package_id=package_id,
                dry_run=dry_run,
                before_commit=None if dry_run else place_blobs,
                expected_records=int(manifest["records"]),
            )
        except BaseException:
            _remove_blobs(moved, self.db.folder.attachments_dir)
            raise
        conflicts = self.review.describe(outcome.stats.conflicts, outcome.conflict_ids, dry_run=dry_run)
        return PackageSummary(
            path,
            APPLIED,
            "",
            new=outcome.stats.new,
            updated=outcome.stats.updated,
            unchanged=outcome.stats.unchanged,
            conflicts=conflicts,
            attachments=len(outcome.stats.new_attachments),
            **named,
        )

    def precheck(self, package_id: str, origin: str, header: dict[str, Any]) -> tuple[str, str] | None:
        """(status, reason) when a package must not be applied: a replay, or older than one applied."""
        if self._already_applied(package_id):
            return ALREADY_APPLIED, text("merge.already_applied")
        peer = self._peer(origin)
        to_seq = int(header.get("to_seq", 0))
        if peer is not None and 0 < to_seq <= peer.received_seq:
            return REJECTED, text("merge.older")
        return None

    def _already_applied(self, package_id: str) -> bool:
        with self.db.reader() as session:
            return session.get(SyncPackageLog, package_id) is not None

    @staticmethod
    def _too_far_ahead(stamp: str) -> bool:
        from huimin_desktop.sync.merge import FUTURE_TOLERANCE_MS
        from huimin_desktop.sync.records import stamp_ms

        return stamp_ms(stamp) > _wall_ms() + FUTURE_TOLERANCE_MS

    def _store_blobs(
        self,
        reader: Any,
        staging: Path,
        task: TaskState | None,
        moved: list[Path],
        connection: Connection,
    ) -> None:
        """Decrypt every blob into staging and verify it, then move the new ones into the store.

        Nothing enters the store before the whole blob stream has checked out; ``moved`` lists what
        did, so that a failure afterwards (the commit) can take it out again.
        """
        from huimin_desktop.store import fingerprints

        store = self._blob_store()
        staging.mkdir(parents=True, exist_ok=True)
        staged = []
        for blob in reader.blobs(staging, check_hashes=True, seal=store.staging_writer):  # sealed on disk
            staged.append(blob)
            if task is not None:
                task.check()
        fingerprints.record(connection, [(b.sha256, b.size, b.xxh3) for b in staged])
        for sha256, temporary, _size, _xxh3 in staged:
            target = store.place_staged(temporary, sha256)
            if target is not None:
                moved.append(target)

    def _blob_store(self) -> Any:
        from huimin_desktop.store.attachments import BlobStore

        return BlobStore(self.db.folder.attachments_dir, self.db.data_key)

    def _quarantine(self, path: Path, package_id: str, origin: str, stamp: str) -> None:
        from huimin_desktop.model import SyncQuarantine

        folder = self.db.folder.root / "quarantine"
        target = folder / package_id
        with self.db.reader() as session:
            if session.get(SyncQuarantine, package_id) is not None:
                return
        folder.mkdir(exist_ok=True)
        if not target.exists():
            shutil.copytree(path, target)
        with self.db.session(capture=False) as session:
            session.add(
                SyncQuarantine(
                    package_id=package_id,
                    origin=origin,
                    stored_as=package_id,
                    latest_stamp=stamp,
                    reason=_future_reason(stamp),
                    quarantined_at=_utcnow(),
                )
            )

    def last_export(self) -> tuple[dt.datetime, str] | None:
        """When the newest package was written here (UTC) and the name of its recipient."""
        with self.db.reader() as session:
            entry = session.scalars(
                select(SyncPackageLog)
                .where(SyncPackageLog.direction == "out")
                .order_by(SyncPackageLog.processed_at.desc())
            ).first()
            if entry is None:
                return None
            when, recipient = entry.processed_at, entry.recipient
        return when, self.directory().label(recipient)

    # -- conflicts --------------------------------------------------------------------------------

    def conflicts(self, *, open_only: bool = True) -> list[ConflictRecord]:
        return self.review.list(open_only=open_only)

    def keep(self, conflict_id: int, *, user: str = "system") -> None:
        """The clerk agrees with the applied value: the conflict is closed."""
        self.review.keep(conflict_id, user=user)

    def choose_other(self, conflict_id: int, *, user: str = "system") -> None:
        """The clerk prefers the value that lost: it is written as a new local edit (which syncs on)."""
        self.review.choose_other(conflict_id, user=user)

    def resolve(self, *, keep: Sequence[int] = (), other: Sequence[int] = (), user: str = "system") -> None:
        """Several decisions in one transaction, all or nothing (``ConflictReview.resolve``)."""
        self.review.resolve(keep=keep, other=other, user=user)


def _audit_merge(
    connection: Connection, origin: str, package_id: str | None, stats: Any, conflicts: int
) -> None:
    counts = {
        "new": stats.new,
        "updated": stats.updated,
        "unchanged": stats.unchanged,
        "conflicts": conflicts,
    }
    audit.record(
        connection,
        audit.MERGE,
        "sync_package_log",
        package_id or origin,
        summary=audit.Summary.of(
            "audit.merge",
            package=package_id or "",
            origin=origin,
            new=stats.new,
            updated=stats.updated,
            conflicts=conflicts,
        ),
        details={"origin": origin, **counts},
    )


def _remove_blobs(blobs: list[Path], root: Path) -> None:
    """Take blobs a failed merge had moved into the store out again, with the folders it made."""
    for blob in blobs:
        with suppress(OSError):
            blob.unlink()
        for folder in (blob.parent, blob.parent.parent):
            if folder != root:
                with suppress(OSError):
                    folder.rmdir()  # only when empty: another blob may live there


def _detached(session: Any, peer: SyncPeer | None) -> SyncPeer | None:
    """The peer, usable after its read-only session has ended."""
    if peer is not None:
        session.expunge(peer)
    return peer


def _sweep_staging(staging_dir: Path) -> None:
    """Remove what merges killed mid-way (power cut, task manager) left in staging (``leftovers``)."""
    from huimin_desktop.services.leftovers import stale_staging

    for folder in stale_staging(staging_dir):
        shutil.rmtree(folder, ignore_errors=True)


def _future_reason(stamp: str) -> str:
    from huimin_desktop.sync.records import stamp_ms

    when = dt.datetime.fromtimestamp(stamp_ms(stamp) / 1000, dt.UTC).astimezone()
    return text("merge.future", {"when": f"{when:%Y-%m-%d %H:%M}"})


def _check_counts(connection: Connection, stats: MergeStats, seq: int, expected: int | None) -> None:
    """No silent partial result: every record was counted, and every row written is in the database."""
    counted = stats.new + stats.updated + stats.unchanged
    if expected is not None and counted != expected:
        raise MergeRefused(code="merge.count_mismatch", counted=counted, expected=expected)
    stored = sum(
        connection.exec_driver_sql(f"SELECT count(*) FROM {name} WHERE seq = ?", (seq,)).scalar() or 0
        for name in TABLES
    )
    if stored != stats.written:
        raise MergeRefused(code="merge.stored_mismatch", stored=stored, written=stats.written)


def _claimed_label(station_id: str, claimed: Any) -> str:
    """A station this one does not know, by what the package's clear-text header says it is."""
    if isinstance(claimed, dict):
        label = station_label(str(claimed.get("name", "")), str(claimed.get("division", "")))
        if label:
            return label
    return text("station.other", {"station": station_id})


def _safe_name(package_id: str) -> str:
    """A package id as part of a file name (ids are hex; anything else a forged manifest says is not)."""
    return "".join(c for c in str(package_id) if c.isalnum())[:64] or "package"


def _declared_stations(header: dict[str, Any]) -> list[Any]:
    stations = header.get("stations", [])
    if not isinstance(stations, list):
        raise MergeRefused(code="merge.stations_malformed")
    return stations


def _logged(connection: Connection, package_id: str) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sync_package_log WHERE package_id = ?", (package_id,)
    ).first()
    return found is not None


def _is_incomplete_row(exc: BaseException) -> bool:
    text = str(exc)
    return "NOT NULL constraint failed" in text or "CHECK constraint failed" in text


def _is_foreign_key_failure(exc: BaseException) -> bool:
    return "FOREIGN KEY constraint failed" in str(exc)
