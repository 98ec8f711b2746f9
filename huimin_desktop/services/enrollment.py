"""Who may send packages to whom (DESIGN.md §4): enrolling lower stations, revoking them, listing peers.

``station.enrollment`` is what the CLI's ``enroll``, ``revoke`` and ``stations`` call. The setup file's
format and why the upper station makes the keys are in ``sync.enrollment``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from huimin_desktop.errors import ServiceError
from huimin_desktop.model import AuditEntry, StationIdentity, SyncPeer, new_id
from huimin_desktop.services.station_setup import LEVEL_RANK, validate_station
from huimin_desktop.store.database import Database
from huimin_desktop.sync.enrollment import StationCard, division_contains, setup_file_bytes
from huimin_desktop.sync.keys import StationKeys, fingerprint, load_keys, write_private_file

LEVEL_NAMES = {"city": "市级", "county": "县级", "township": "乡镇级"}


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
    reenrolled: bool = False  # the division was enrolled before: same station id, new keys


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

    def enroll(
        self, level: str, name: str, division_code: str, out: Path, *, user: str = "system"
    ) -> EnrollResult:
        """Enroll a lower station and write its setup file to ``out`` (temporary file, then rename).

        Enrolling a division again (a stolen laptop replaced, a revoked station restored) keeps the
        station id, makes new keys, lifts the revocation and resets both sequence marks to 0, so the
        next return package brings that station everything again.
        """
        own = self._identity()
        if own.level not in ("city", "county"):
            raise ServiceError("只有市级或县级站点可以登记下级站点")
        validate_station(level, name, division_code)
        name = name.strip()
        if LEVEL_RANK[level] >= LEVEL_RANK[own.level]:
            raise ServiceError(
                f"{LEVEL_NAMES[own.level]}站点只能登记比本站级别低的站点，不能登记{LEVEL_NAMES[level]}站点"
            )
        if not division_contains(own.division, division_code):
            raise ServiceError(f"区划 {division_code} 不在本站（{own.name}，{own.division}）的辖区内")
        out = Path(out).absolute()
        if out.is_dir():
            raise ServiceError(f"{out} 是文件夹；请给出安装文件的文件名，如 {out / 'setup.json'}")
        if not out.parent.is_dir():
            raise ServiceError(f"文件夹 {out.parent} 不存在")
        upper_keys = load_keys(self.db.folder)
        now = _utcnow()
        keys = StationKeys.generate()
        with self.db.session(capture=False) as session:
            peer = session.scalars(
                select(SyncPeer).where(SyncPeer.division_code == division_code, SyncPeer.relation == "lower")
            ).first()
            reenrolled = peer is not None
            if peer is None:
                peer = SyncPeer(station_id=new_id(), relation="lower", acked_seq=0, received_seq=0)
                session.add(peer)
            peer.name, peer.level, peer.division_code = name, level, division_code
            peer.relation, peer.via = "lower", None
            peer.sign_key, peer.box_key = keys.sign_public_hex, keys.box_public_hex
            peer.enrolled_at, peer.revoked_at = now, None
            peer.acked_seq = peer.received_seq = 0
            station_id = peer.station_id
            session.add(
                AuditEntry(
                    at=now,
                    station=own.id,
                    user=user,
                    action="enroll",
                    table_name="sync_peer",
                    record_id=station_id,
                    summary=f"{'重新' if reenrolled else ''}登记下级站点：{name}"
                    f"（{level}，{division_code}），密钥指纹 {keys.fingerprint}",
                )
            )
            session.flush()
            card = StationCard(station_id, name, level, division_code)
            data = setup_file_bytes(
                station=card, keys=keys.with_station(station_id), upper=own, upper_keys=upper_keys
            )
            try:
                write_private_file(out, data)
            except OSError as exc:
                raise ServiceError(f"无法写安装文件 {out}：{exc.strerror or exc}") from exc
            try:
                session.commit()
            except BaseException:
                with contextlib.suppress(OSError):
                    out.unlink()
                raise
        return EnrollResult(station_id, name, level, division_code, out, reenrolled)

    def revoke(self, station: str, reason: str = "", *, user: str = "system") -> PeerInfo:
        """Stop trusting a lower station: packages signed by its keys are refused from now on."""
        own = self._identity()
        now = _utcnow()
        with self.db.session(capture=False) as session:
            peer = self._find(session, station)
            if peer.relation != "lower":
                raise ServiceError(f"只能吊销本站登记的下级站点；“{peer.name}”不是")
            if peer.revoked_at is not None:
                raise ServiceError(f"站点“{peer.name}”已于 {peer.revoked_at:%Y-%m-%d %H:%M} 吊销")
            peer.revoked_at = now
            session.add(
                AuditEntry(
                    at=now,
                    station=own.id,
                    user=user,
                    action="revoke",
                    table_name="sync_peer",
                    record_id=peer.station_id,
                    summary=f"吊销下级站点：{peer.name}（{peer.division_code}）"
                    + (f"，原因：{reason}" if reason else ""),
                    details={"reason": reason} if reason else None,
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
            raise ServiceError(f"“{station}”对应多个站点，请用站点编号指定")
        raise ServiceError(f"找不到站点“{station}”（可用站点编号、区划代码或名称；stations 命令列出全部）")

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
        """The enrolled signing key (hex) of ``station_id``, for checking a package it signed.

        Raises UntrustedStationError saying why not: unknown, only known as relayed, or revoked.
        """
        with self.db.reader() as session:
            row = session.get(SyncPeer, station_id)
            peer = _peer_info(row) if row is not None else None
            sign_key = row.sign_key if row is not None else ""
        if peer is None:
            raise UntrustedStationError(f"同步包来自未登记的站点（编号 {station_id[:8]}），已拒绝")
        if peer.relation == "relayed" or not sign_key:
            raise UntrustedStationError(
                f"同步包直接来自站点“{peer.name}”，但它不是本站登记的上级或下级站点，已拒绝"
            )
        if peer.revoked_at is not None:
            raise UntrustedStationError(
                f"同步包来自已吊销的站点“{peer.name}”（{peer.revoked_at:%Y-%m-%d} 吊销），已拒绝"
            )
        return sign_key
