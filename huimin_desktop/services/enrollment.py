"""Who may send packages to whom (DESIGN.md §4): enrolling lower stations, registering, revoking.

``station.enrollment`` is what the CLI's ``enroll``, ``revoke`` and ``stations`` call; ``PackageTrust``
is the signing-key lookup a merge or verify uses, which also recognises a lower station's one-time
registration (its first upward package) and ``bind`` records it in the merge's transaction. The setup
file, the setup code and the registration proof are in ``sync.enrollment``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, or_, select
from sqlalchemy.orm import Session

from huimin_desktop.domain.levels import LEVEL_NAMES
from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import Words
from huimin_desktop.model import AuditEntry, StationIdentity, SyncEnrollment, SyncPeer, new_id
from huimin_desktop.security.roles import MANAGE_ENROLLMENT
from huimin_desktop.services.audit import Summary, summary_columns
from huimin_desktop.services.station_setup import LEVEL_RANK, validate_station
from huimin_desktop.store.database import Database
from huimin_desktop.sync.enrollment import (
    SECRET_BYTES,
    Registration,
    StationCard,
    division_contains,
    new_setup_code,
    setup_file_bytes,
)
from huimin_desktop.sync.keys import fingerprint, load_keys, write_private_file


class UntrustedStationError(ServiceError):
    """A package comes from a station we do not trust (unknown, only relayed, or revoked)."""

    code = "untrusted_station"


@dataclass(frozen=True)
class EnrollResult:
    station_id: str
    name: str
    level: str
    division: str
    setup_file: Path
    setup_code: str  # the one-time code typed at the station's first start (travels apart from the file)
    reenrolled: bool = False  # the division was enrolled before: same station id, a new registration


@dataclass(frozen=True)
class PeerInfo:
    station_id: str
    name: str
    level: str
    division_code: str
    relation: str  # "upper" | "lower" | "relayed"
    via: str | None
    fingerprint: str  # "" for relayed stations (we hold no key of theirs)
    enrolled_at: dt.datetime | None
    revoked_at: dt.datetime | None
    registered: bool  # its keys are known (a lower station: it has registered with its setup file)
    acked_seq: int
    received_seq: int
    last_package_at: dt.datetime | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _peer_info(peer: SyncPeer) -> PeerInfo:
    return PeerInfo(
        station_id=peer.station_id,
        name=peer.name,
        level=peer.level,
        division_code=peer.division_code,
        relation=peer.relation,
        via=peer.via,
        fingerprint=fingerprint(peer.sign_key) if peer.sign_key else "",
        enrolled_at=peer.enrolled_at,
        revoked_at=peer.revoked_at,
        registered=bool(peer.sign_key),
        acked_seq=peer.acked_seq or 0,
        received_seq=peer.received_seq or 0,
        last_package_at=peer.last_package_at,
    )


class EnrollmentService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _identity(self) -> StationCard:
        with self.db.reader() as session:
            own = session.scalars(select(StationIdentity)).one()
            return StationCard(own.id, own.name, own.level, own.division_code)

    # -- enrolling --------------------------------------------------------------------------------

    def _check_enrollable(self, own: StationCard, level: str, name: str, division_code: str) -> None:
        if own.level not in ("city", "county"):
            raise ServiceError(code="enroll.not_upper")
        validate_station(level, name, division_code)
        if LEVEL_RANK[level] >= LEVEL_RANK[own.level]:
            raise ServiceError(
                code="enroll.level_not_lower", own_level=LEVEL_NAMES[own.level], level=LEVEL_NAMES[level]
            )
        if not division_contains(own.division, division_code):
            raise ServiceError(
                code="enroll.outside_area", division=division_code, name=own.name, own_division=own.division
            )

    def enrolled_peer(self, division_code: str) -> PeerInfo | None:
        """The lower station enrolled for ``division_code``, if any (revoked ones too)."""
        with self.db.reader() as session:
            peer = _lower_peer(session, division_code)
            return _peer_info(peer) if peer is not None else None

    def enroll(
        self,
        level: str,
        name: str,
        division_code: str,
        out: Path,
        *,
        force: bool = False,
        user: str = "system",
    ) -> EnrollResult:
        """Enroll a lower station and write its setup file to ``out`` (temporary file, then rename).

        The file carries a fresh one-time secret sealed under the returned ``setup_code``; the station
        registers its own keys with it in its first upward package. Enrolling a division that is
        enrolled and not revoked needs ``force``: it keeps the station id, ends the current enrollment
        (packages from that laptop are then refused, naming the date), lifts a revocation and resets
        both sequence marks to 0, so the next return package brings the new laptop everything again.
        """
        self.db.actor.require(MANAGE_ENROLLMENT)
        own = self._identity()
        self._check_enrollable(own, level, name, division_code)
        name = name.strip()
        out = _setup_target(out)
        current = self.enrolled_peer(division_code)
        if current is not None and current.revoked_at is None and not force:
            day = f"{current.enrolled_at:%Y-%m-%d}" if current.enrolled_at else "?"
            raise ServiceError(
                code="enroll.already_enrolled", division=division_code, name=current.name, date=day
            )
        upper_keys = load_keys(self.db.folder)
        now = _utcnow()
        code, secret = new_setup_code(), secrets.token_bytes(SECRET_BYTES)
        with self.db.session(capture=False) as session:
            peer = _lower_peer(session, division_code)
            reenrolled = peer is not None
            if peer is None:
                peer = SyncPeer(station_id=new_id(), relation="lower", acked_seq=0, received_seq=0)
                session.add(peer)
            else:
                _end_enrollments(session, peer, now)
            peer.name, peer.level, peer.division_code = name, level, division_code
            peer.relation, peer.via = "lower", None
            peer.sign_key, peer.box_key = "", ""  # unknown until the station registers
            peer.enrolled_at, peer.revoked_at = now, None
            peer.acked_seq = peer.received_seq = 0
            station_id = peer.station_id
            session.add(
                SyncEnrollment(
                    station_id=station_id,
                    division_code=division_code,
                    enrolled_at=now,
                    secret=secret.hex(),
                    sign_key="",
                    box_key="",
                )
            )
            session.add(
                AuditEntry(
                    at=now,
                    station=own.id,
                    user=self.db.acting_user(user),
                    action="enroll",
                    table_name="sync_peer",
                    record_id=station_id,
                    **summary_columns(
                        Summary.of(
                            "audit.reenroll" if reenrolled else "audit.enroll",
                            name=name,
                            level=LEVEL_NAMES[level],
                            division=division_code,
                        )
                    ),
                )
            )
            session.flush()
            data = setup_file_bytes(
                station=StationCard(station_id, name, level, division_code),
                upper=own,
                upper_keys=upper_keys,
                secret=secret,
                code=code,
            )
            _write_setup_file(out, data)
            try:
                session.commit()
            except BaseException:
                with contextlib.suppress(OSError):
                    out.unlink()
                raise
        return EnrollResult(station_id, name, level, division_code, out, code, reenrolled)

    def revoke(self, station: str, reason: str = "", *, user: str = "system") -> PeerInfo:
        """Stop trusting a lower station: packages signed by its keys are refused from now on."""
        self.db.actor.require(MANAGE_ENROLLMENT)
        own = self._identity()
        now = _utcnow()
        with self.db.session(capture=False) as session:
            peer = self._find(session, station)
            if peer.relation != "lower":
                raise ServiceError(code="revoke.not_lower", name=peer.name)
            if peer.revoked_at is not None:
                raise ServiceError(
                    code="revoke.already", name=peer.name, date=f"{peer.revoked_at:%Y-%m-%d %H:%M}"
                )
            peer.revoked_at = now
            session.add(
                AuditEntry(
                    at=now,
                    station=own.id,
                    user=self.db.acting_user(user),
                    action="revoke",
                    table_name="sync_peer",
                    record_id=peer.station_id,
                    **summary_columns(
                        Summary.of(
                            "audit.revoke_why", name=peer.name, division=peer.division_code, reason=reason
                        )
                        if reason
                        else Summary.of("audit.revoke", name=peer.name, division=peer.division_code),
                        {"reason": reason} if reason else {},
                    ),
                )
            )
            session.flush()
            return _peer_info(peer)

    @staticmethod
    def _find(session: Session, station: str) -> SyncPeer:
        """A peer by station id, division code or exact name (the CLI accepts any of them)."""
        station = station.strip()
        peer = session.get(SyncPeer, station)
        if peer is not None:
            return peer
        matches = list(
            session.scalars(
                select(SyncPeer).where(or_(SyncPeer.division_code == station, SyncPeer.name == station))
            )
        )
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ServiceError(code="station.ambiguous", station=station)
        raise ServiceError(code="station.unknown", station=station)

    # -- looking up -------------------------------------------------------------------------------

    def peers(self) -> list[PeerInfo]:
        order = {"upper": 0, "lower": 1, "relayed": 2}
        with self.db.reader() as session:
            peers = [_peer_info(peer) for peer in session.scalars(select(SyncPeer))]
        return sorted(peers, key=lambda p: (order.get(p.relation, 3), p.division_code, p.name))

    def upper(self) -> PeerInfo | None:
        with self.db.reader() as session:
            peer = session.scalars(select(SyncPeer).where(SyncPeer.relation == "upper")).first()
            return _peer_info(peer) if peer is not None else None

    def peer(self, station: str) -> PeerInfo:
        with self.db.reader() as session:
            return _peer_info(self._find(session, station))

    def sign_key_for(self, station_id: str) -> str:
        """The registered signing key (hex) of ``station_id``, for checking a package it signed.

        Raises UntrustedStationError saying why not: unknown, only known as relayed, revoked, or not
        registered yet (a package's own registration is recognised by ``PackageTrust``).
        """
        with self.db.reader() as session:
            row = session.get(SyncPeer, station_id)
            _check_peer(row, station_id)
            assert row is not None
            if not row.sign_key:
                raise UntrustedStationError(code="sync.key_not_registered", station=_peer_words(row))
            return row.sign_key

    def trust(self, package: Path) -> PackageTrust:
        """The signing-key lookup for opening ``package`` (registrations included)."""
        return PackageTrust(self.db, package)


def _setup_target(out: Path) -> Path:
    out = Path(out).absolute()
    if out.is_dir():
        raise ServiceError(code="output.is_folder", path=out, example=out / "setup.json")
    if not out.parent.is_dir():
        raise ServiceError(code="output.no_folder", folder=out.parent, path=out)
    return out


def _write_setup_file(out: Path, data: bytes) -> None:
    try:
        write_private_file(out, data)
    except OSError as exc:
        from huimin_desktop.messages.system import os_error_code

        raise ServiceError(code=os_error_code(exc), path=out, reason=exc.strerror or exc) from exc


def _lower_peer(session: Session, division_code: str) -> SyncPeer | None:
    return session.scalars(
        select(SyncPeer).where(SyncPeer.division_code == division_code, SyncPeer.relation == "lower")
    ).first()


def _end_enrollments(session: Session, peer: SyncPeer, now: dt.datetime) -> None:
    """Enrolling ``peer`` again: its current enrollment ends, and so does a key from the old scheme."""
    current = session.scalars(
        select(SyncEnrollment).where(
            SyncEnrollment.station_id == peer.station_id, SyncEnrollment.superseded_at.is_(None)
        )
    ).all()
    for enrollment in current:
        enrollment.superseded_at = now
    if peer.sign_key and not any(e.sign_key == peer.sign_key for e in current):
        # enrolled before registrations existed: remember its key, so its packages get the date
        session.add(
            SyncEnrollment(
                station_id=peer.station_id,
                division_code=peer.division_code,
                enrolled_at=peer.enrolled_at or now,
                secret="",
                sign_key=peer.sign_key,
                box_key=peer.box_key,
                registered_at=peer.enrolled_at,
                superseded_at=now,
            )
        )


def _peer_words(peer: SyncPeer) -> Words:
    """A peer as the refusals name it: “马友营蒙古族乡”（211381204000）, in English its quoted name."""
    return Words(f"“{peer.name}”（{peer.division_code}）", f"“{peer.name}”")


def _manifest_claim(package: Path) -> tuple[str, Registration | None]:
    """The origin's key fingerprint and registration claim as the (not yet verified) manifest says.

    Only a hint for choosing the key and the reason: the package container then checks the
    signature with the key chosen, and ``bind`` takes the claim from the verified manifest.
    """
    from huimin_desktop.sync.package import MANIFEST

    try:
        manifest = json.loads((Path(package) / MANIFEST).read_bytes()[: 16 << 20])
    except (OSError, ValueError):
        return "", None
    if not isinstance(manifest, dict):
        return "", None
    return str(manifest.get("origin_fingerprint") or ""), Registration.from_header(manifest.get("header"))


class PackageTrust:
    """The signing key to check a package from ``origin`` with, or why there is none.

    Called by the package container with the origin named in the manifest. A lower station that has
    not registered yet is trusted with the key its claim names when the claim proves the enrollment
    secret (``pending`` then holds it, for ``bind``). Packages signed by a key the division had before
    it was enrolled again, or by a second laptop set up from the same file, are refused with a reason
    that says so rather than "signature invalid".
    """

    def __init__(self, db: Database, package: Path) -> None:
        self.db = db
        self.package = Path(package)
        self.pending: Registration | None = None

    def __call__(self, origin: str) -> str:
        with self.db.reader() as session:
            peer = session.get(SyncPeer, origin)
            _check_peer(peer, origin)
            assert peer is not None
            enrollments = list(
                session.scalars(
                    select(SyncEnrollment)
                    .where(SyncEnrollment.station_id == origin)
                    .order_by(SyncEnrollment.enrolled_at.desc(), SyncEnrollment.id.desc())
                )
            )
            for row in (peer, *enrollments):
                session.expunge(row)
        key_fingerprint, claim = _manifest_claim(self.package)
        if claim is not None and claim.station != origin:
            claim = None
        if peer.sign_key and fingerprint(peer.sign_key) == key_fingerprint:
            return peer.sign_key
        current = next((e for e in enrollments if e.superseded_at is None), None)
        _refuse_an_old_enrollment(peer, enrollments, key_fingerprint, claim, current)
        proven = claim is not None and current is not None and claim.proven_by(bytes.fromhex(current.secret))
        if peer.sign_key:
            if proven and current is not None:
                raise _taken(peer, current)
            return peer.sign_key  # the signature check says it does not match
        if claim is None:
            raise UntrustedStationError(code="sync.no_registration", station=_peer_words(peer))
        if not proven:
            raise UntrustedStationError(code="sync.registration_invalid", station=_peer_words(peer))
        self.pending = claim
        return claim.sign_key

    def bind(self, connection: Connection, *, package_id: str, header: dict[str, Any]) -> None:
        """Record the registration the verified manifest carries (in the merge's transaction).

        Binds only once: a second, different key (another laptop that raced this one) is refused.
        """
        claim = Registration.from_header(header)
        if self.pending is None or claim != self.pending:
            return
        now = _utcnow().isoformat(sep=" ")
        bound = connection.exec_driver_sql(
            "UPDATE sync_peer SET sign_key = ?, box_key = ? "
            "WHERE station_id = ? AND relation = 'lower' AND sign_key = ''",
            (claim.sign_key, claim.box_key, claim.station),
        ).rowcount
        if bound != 1:
            from huimin_desktop.sync.merge import MergeRefused

            raise MergeRefused(code="sync.registration_taken_now")
        connection.exec_driver_sql(
            "UPDATE sync_enrollment SET sign_key = ?, box_key = ?, registered_at = ?, registered_package = ? "
            "WHERE station_id = ? AND superseded_at IS NULL",
            (claim.sign_key, claim.box_key, now, package_id, claim.station),
        )
        connection.exec_driver_sql(
            "INSERT INTO audit_log (at, station, user, action, table_name, record_id, summary) "
            "VALUES (?, ?, 'system', 'register', 'sync_peer', ?, ?)",
            (
                now,
                self.db.station_id,
                claim.station,
                f"下级站点登记本机密钥，密钥指纹 {fingerprint(claim.sign_key)}",
            ),
        )


def _check_peer(peer: SyncPeer | None, origin: str) -> None:
    if peer is None:
        raise UntrustedStationError(code="sync.unregistered_station", station=origin)
    if peer.relation == "relayed" or (peer.relation != "lower" and not peer.sign_key):
        raise UntrustedStationError(code="sync.not_direct_peer", name=peer.name)
    if peer.revoked_at is not None:
        raise UntrustedStationError(
            code="sync.revoked_station", name=peer.name, date=f"{peer.revoked_at:%Y-%m-%d}"
        )


def _refuse_an_old_enrollment(
    peer: SyncPeer,
    enrollments: list[SyncEnrollment],
    key_fingerprint: str,
    claim: Registration | None,
    current: SyncEnrollment | None,
) -> None:
    """A package from the laptop of an enrollment that has ended: say when the division was enrolled anew."""
    if current is not None and claim is not None and claim.proven_by(bytes.fromhex(current.secret)):
        return
    for old in enrollments:
        if old.superseded_at is None:
            continue
        by_key = bool(old.sign_key) and fingerprint(old.sign_key) == key_fingerprint
        by_secret = claim is not None and bool(old.secret) and claim.proven_by(bytes.fromhex(old.secret))
        if by_key or by_secret:
            raise UntrustedStationError(
                code="sync.reenrolled", station=_peer_words(peer), date=f"{old.superseded_at:%Y-%m-%d}"
            )


def _taken(peer: SyncPeer, current: SyncEnrollment) -> UntrustedStationError:
    """The refusal of a package signed by a laptop other than the one that registered the station."""
    if current.registered_at:
        return UntrustedStationError(
            code="sync.registration_taken_on",
            station=_peer_words(peer),
            date=f"{current.registered_at:%Y-%m-%d}",
            fingerprint=fingerprint(peer.sign_key),
        )
    return UntrustedStationError(
        code="sync.registration_taken", station=_peer_words(peer), fingerprint=fingerprint(peer.sign_key)
    )


def check_can_send(peer: SyncPeer) -> None:
    """A return package needs the recipient's public key: a lower station has it once registered."""
    if peer.relation == "lower" and not peer.box_key:
        raise ServiceError(code="sync.recipient_not_registered", station=_peer_words(peer))


def registration_header(keys_dir: Path) -> dict[str, Any]:
    """What an upward package's header carries so that the upper station can register this one."""
    from huimin_desktop.sync.enrollment import REGISTRATION_KEY, load_registration

    claim = load_registration(keys_dir)
    return {REGISTRATION_KEY: claim.as_json()} if claim is not None else {}
