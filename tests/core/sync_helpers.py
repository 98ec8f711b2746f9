"""Helpers for sync tests: stations linked as upper/lower, and packages passed as plain records.

``link`` writes the peer rows enrollment would write (without keys), so the merge rules can be tested
without the package container; the container and enrollment have their own tests.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from huimin_desktop.model import SYNCED_MODELS, Household, Member, SyncPeer
from huimin_desktop.services.station import Station
from huimin_desktop.sync.records import TABLES
from tests.stations import setup_station

NETWORK_CITY, NETWORK_TOWNSHIPS = "211300", ("211381204000", "211381205000")

_package_numbers = itertools.count(1)


def _peer_row(station: Station, relation: str) -> SyncPeer:
    info = station.info()
    return SyncPeer(
        station_id=info.id,
        name=info.name,
        level=info.level,
        division_code=info.division_code,
        relation=relation,
        sign_key="",
        box_key="",
        enrolled_at=dt.datetime(2026, 11, 1),
        acked_seq=0,
        received_seq=0,
    )


def link(upper: Station, lower: Station) -> None:
    """Record ``lower`` as enrolled by ``upper`` (both sides), as enrollment does."""
    with upper.db.session(capture=False) as session:
        session.merge(_peer_row(lower, "lower"))
    with lower.db.session(capture=False) as session:
        session.merge(_peer_row(upper, "upper"))


def make_package(sender: Station, recipient: Station) -> dict[str, Any]:
    """What ``sender`` would export to ``recipient`` now: header, records and a package id."""
    with sender.db.reader() as session:
        peer = session.get(SyncPeer, recipient.info().id)
        assert peer is not None, "link the stations first"
        session.expunge(peer)
    header, records, _stats = sender.sync.collect(peer)
    materialised = list(records)
    return {
        "id": f"pkg{next(_package_numbers):08d}{sender.info().id[:8]}",
        "origin": sender.info().id,
        "header": header,
        "records": materialised,
    }


def deliver(package: dict[str, Any], recipient: Station, *, dry_run: bool = False):
    """Apply a package's records as a merge does; None when the merge would refuse it (replay, older)."""
    if not dry_run and recipient.sync.precheck(package["id"], package["origin"], package["header"]):
        return None
    return recipient.sync.apply_records(
        package["records"],
        origin=package["origin"],
        header=package["header"],
        package_id=None if dry_run else package["id"],
        dry_run=dry_run,
    )


def sync_pair(upper: Station, lower: Station) -> None:
    """A full round: the lower station sends up, the upper one answers, twice so acks settle."""
    for _ in range(2):
        deliver(make_package(lower, upper), upper)
        deliver(make_package(upper, lower), lower)


def logical_dump(station: Station, *, local: bool = False) -> dict[str, dict[str, tuple]]:
    """Every synced row's travelling state (values, stamps, bases), by table and id.

    ``local=True`` adds the station-local columns too (seq, derived), for before/after comparisons.
    """
    dump: dict[str, dict[str, tuple]] = {}
    with station.db.engine.connect() as connection:
        for model in SYNCED_MODELS:
            spec = TABLES[model.__tablename__]
            columns = list(spec.stored_columns)
            if local:
                columns = [c.name for c in model.__table__.columns]
            rows = connection.exec_driver_sql(f"SELECT {', '.join(columns)} FROM {spec.name}").fetchall()
            dump[spec.name] = {row[0]: _normalised(columns, row) for row in rows}
        if local:
            for table in ("sync_peer", "sync_package_log", "sync_conflict", "sync_quarantine", "audit_log"):
                dump[table] = {
                    str(i): tuple(row)
                    for i, row in enumerate(connection.execute(text(f"SELECT * FROM {table} ORDER BY 1")))
                }
    return dump


def _normalised(columns: list[str], row: tuple) -> tuple:
    import json

    values = []
    for name, value in zip(columns, row, strict=True):
        if name in ("field_stamps", "field_bases") and value:
            value = tuple(sorted(json.loads(value).items()))
        values.append(value)
    return tuple(values)


def blob_list(station: Station) -> list[str]:
    """The clear bytes' SHA-256 of every blob in the store (files are sealed under each station's data
    key and named by a keyed hash, so the names differ from station to station); a file whose name no
    row explains is listed by its path."""
    from sqlalchemy import select

    from huimin_desktop.model import Attachment

    root = station.db.folder.attachments_dir
    with station.db.reader() as session:
        known = set(session.scalars(select(Attachment.sha256)))
    by_name = {station.attachments.store.name(sha256): sha256 for sha256 in known}
    listed = []
    for path in root.rglob("*"):
        if path.is_file():
            sha256 = by_name.get(path.name)
            listed.append(
                sha256 if sha256 and station.attachments.has_blob(sha256) else str(path.relative_to(root))
            )
    return sorted(listed)


def add_household(station: Station, head: str, id_number: str = "", *, members: int = 1) -> str:
    """A household written straight through the ORM (change capture stamps it like any edit)."""
    with station.db.session() as session:
        village = session.scalar(
            text("SELECT id FROM division ORDER BY (level = 'village') DESC, code LIMIT 1")
        )
        household = Household(division_id=village, phone="13800000000", address="一组")
        session.add(household)
        session.flush()
        for position in range(members):
            session.add(
                Member(
                    household_id=household.id,
                    position=position,
                    name=head if position == 0 else f"{head}{position}",
                    id_number=id_number if position == 0 else "",
                    relationship="02" if position == 0 else "20",
                    ethnicity="02",
                )
            )
        session.flush()
        from huimin_desktop.services.households import refresh_household_summary

        session.refresh(household)
        refresh_household_summary(session, household)
        return household.id


def household_field(station: Station, household_id: str, name: str) -> Any:
    with station.db.reader() as session:
        return getattr(session.get(Household, household_id), name)


def set_household(station: Station, household_id: str, **values: Any) -> None:
    with station.db.session() as session:
        household = session.get(Household, household_id)
        for name, value in values.items():
            setattr(household, name, value)


def members_of(station: Station, household_id: str) -> list[Member]:
    with station.db.reader() as session:
        return list(session.scalars(select(Member).where(Member.household_id == household_id)))


def data_dir_of(station: Station) -> Path:
    return station.db.folder.root


def register_with(upper: Station, lower: Station) -> None:
    """The lower station's first upward package, merged above: the upper station learns its keys.

    (Its registration: until then the upper station can accept only packages that carry it, and
    cannot write a return package to the lower station.)
    """
    import shutil

    stick = lower.data_dir.parent / f"register-{lower.info().id[:12]}"
    stick.mkdir(exist_ok=True)
    try:
        package = lower.sync.export(stick).package
        (summary,) = upper.sync.merge([package])
        assert summary.status == "applied", summary.reason
    finally:
        shutil.rmtree(stick, ignore_errors=True)


def enroll_station(
    upper: Station,
    level: str,
    name: str,
    code: str,
    setup_file: Path,
    folder: Path,
    *,
    register: bool = True,
) -> Station:
    """``upper`` enrolls a station, which starts from the setup file and code (and registers)."""
    result = upper.enrollment.enroll(level, name, code, setup_file)
    station = setup_station(folder, result.setup_file, result.setup_code)
    if register:
        register_with(upper, station)
    return station


# -- real packages with chosen records (forgeries, for the authority tests) ---------------------------


def peer_of(station: Station, other: Station) -> SyncPeer:
    with station.db.reader() as session:
        peer = session.get(SyncPeer, other.info().id)
        assert peer is not None, "link the stations first"
        session.expunge(peer)
        return peer


def honest_records(sender: Station, recipient: Station) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The header and records ``sender`` would export to ``recipient`` now."""
    header, records, _stats = sender.sync.collect(peer_of(sender, recipient))
    materialised = list(records)
    return header, materialised


def write_real_package(
    sender: Station,
    recipient: Station,
    folder: Path,
    header: dict[str, Any],
    records: list[dict[str, Any]],
    blobs: list[tuple[str, Path]] | None = None,
) -> Path:
    """A package signed with ``sender``'s own valid keys and sealed to ``recipient``, whatever it holds."""
    from huimin_desktop.sync import package as container
    from huimin_desktop.sync.keys import load_keys

    peer = peer_of(sender, recipient)
    written = container.write_package(
        folder,
        header=header,
        records=iter(records),
        blobs=iter(blobs or []),
        sender=load_keys(sender.db.folder),
        recipient=peer.station_id,
        recipient_box_key=peer.box_key,
    )
    return written.path


def record_of(station: Station, table: str, row_id: str) -> dict[str, Any]:
    """One row as a package record, as ``station`` holds it."""
    spec = TABLES[table]
    with station.db.engine.connect() as connection:
        row = connection.exec_driver_sql(
            f"SELECT {', '.join(spec.stored_columns)} FROM {table} WHERE id = ?", (row_id,)
        ).first()
    assert row is not None, (table, row_id)
    return spec.record_from_row(tuple(row))


def stamp_for(station_id: str, *, ahead_ms: int = 0) -> str:
    """A fresh stamp naming ``station_id`` (what a forger writes)."""
    from huimin_desktop.stamps.clock import Stamp, wall_clock_ms

    return str(Stamp(wall_clock_ms() + ahead_ms, 0, station_id))


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (a stick, an attachment store, a data folder).

    A station's ``backups/`` is left out: a package refused while it is read (a forged row) finds the
    merge's backup already taken, a copy of the unchanged database, which changes no data.
    """
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "backups" not in p.relative_to(folder).parts
    }


def edited_record(record: dict[str, Any], field: str, value: Any, stamp: str) -> dict[str, Any]:
    """A copy of a package's record with ``field`` set to ``value`` as an edit stamped ``stamp`` (a forgery
    when the stamp names a station that may not make it)."""
    record = json.loads(json.dumps(record))
    record["v"][field] = value
    record["fb"][field] = record["fs"].get(field, record["cs"])
    record["fs"][field] = stamp
    record["s"] = max(record["s"], stamp)
    return record
