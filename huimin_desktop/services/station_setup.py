"""Creating a station: its identity, keys, the Chaoyang reference divisions, and the first audit line.

A station enrolled by its upper station (``init --setup FILE --code CODE``) takes its id from the setup
file, starts out trusting that upper station, makes its own keys and keeps the registration claim its
first upward package carries (``sync.enrollment``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from huimin_desktop.domain.codelists import chaoyang_divisions
from huimin_desktop.domain.levels import DIVISION_KINDS, LEVEL_NAMES
from huimin_desktop.errors import ServiceError, StationExistsError
from huimin_desktop.messages import EN, ZH, Words, text
from huimin_desktop.model import STATION_LEVELS, AuditEntry, Division, StationIdentity, SyncPeer, new_id
from huimin_desktop.services.audit import Summary, summary_columns
from huimin_desktop.stamps.clock import Stamp
from huimin_desktop.store.database import Database
from huimin_desktop.sync.enrollment import (
    SetupData,
    SetupFileError,
    division_contains,
    register,
    store_registration,
)
from huimin_desktop.sync.keys import StationKeys, create_keys, has_keys, store_keys

# Reference divisions carry the same id and stamp at every station, so that merging two stations'
# copies of 朝阳市 is a no-op rather than a duplicate.
_DIVISION_NAMESPACE = uuid.UUID("5d0e6f4e-3f6b-4d55-9a55-6f1c2a8f0828")
SEED_STATION = "0" * 32
SEED_STAMP = str(Stamp(0, 0, SEED_STATION))

_CODE_LENGTH = {"city": 6, "county": 6, "township": 12}
LEVEL_RANK = {"city": 3, "county": 2, "township": 1}


def division_id_for_code(code: str) -> str:
    return uuid.uuid5(_DIVISION_NAMESPACE, f"division:{code}").hex


def validate_station(level: str, name: str, division_code: str) -> None:
    if level not in STATION_LEVELS:
        raise ServiceError(code="station.level_invalid", level=level)
    if not name.strip():
        raise ServiceError(code="station.name_empty")
    length = _CODE_LENGTH[level]
    if not re.fullmatch(rf"\d{{{length}}}", division_code):
        raise ServiceError(
            code="station.code_format",
            division_code=division_code,
            level=DIVISION_KINDS[level],
            length=length,
        )
    reason = _unknown_division(level, division_code)
    if reason is not None:
        raise ServiceError(code="station.division_invalid", division_code=division_code, reason=reason)


# NBS township codes (统计用区划代码, digits 7–9): 001–099 街道, 100–199 镇, 200–399 乡, 400–599 乡级单位.
_TOWNSHIP_PART = range(1, 600)


def _worded(code: str, **params: Any) -> Words:
    return Words(text(code, params, ZH), text(code, params, EN))


def _unknown_division(level: str, code: str) -> Words | None:
    """Why ``code`` names no division of this level in the division list (None when it does), in both
    languages (a ``station.division_*`` entry of the catalog).

    The city and counties must be in the list. A township may also be one of a listed county's other
    townships (which townships take part changes from year to year, so the list cannot hold them all):
    a well-formed township code under a listed county.
    """
    known = {d.code: d for d in chaoyang_divisions()}
    entry = known.get(code)
    if entry is not None:
        if entry.level != level:
            return _worded("station.division_other_level", name=entry.name, level=DIVISION_KINDS[level])
        return None
    listed = sorted((d for d in known.values() if d.level == level), key=lambda d: d.code)
    if level != "township":
        names = Words(
            "、".join(f"{d.code}（{d.name}）" for d in listed),
            ", ".join(f"{d.code} “{d.name}”" for d in listed),
        )
        return _worded("station.division_not_listed", level=DIVISION_KINDS[level], names=names)
    county = known.get(code[:6])
    if county is None or county.level != "county":
        return _worded("station.division_county_unknown", county=code[:6])
    if int(code[6:9]) not in _TOWNSHIP_PART:
        return _worded("station.division_township_part", part=code[6:9])
    if code[9:] != "000":
        return _worded("station.division_village_code", part=code[9:])
    return None


def _seed_divisions(session: Session) -> None:
    for entry in chaoyang_divisions():
        session.add(
            Division(
                id=division_id_for_code(entry.code),
                code=entry.code,
                name=entry.name,
                level=entry.level,
                parent_id=division_id_for_code(entry.parent_code) if entry.parent_code else None,
                origin=SEED_STATION,
                created_stamp=SEED_STAMP,
                stamp=SEED_STAMP,
                deleted=False,
                seq=0,
            )
        )


def _parent_code(code: str) -> str | None:
    if len(code) == 12:
        return code[:6]
    if code.endswith("00") and not code.endswith("0000"):
        return None  # a city: no parent in our tree
    return code[:4] + "00"


def check_setup(setup: SetupData) -> None:
    """Refuse a setup file whose contents do not hold together (before any folder is touched)."""
    station, upper = setup.station, setup.upper
    try:
        validate_station(station.level, station.name, station.division)
    except ServiceError as exc:
        raise SetupFileError(code="setup.station_invalid", reason=exc) from None
    if not re.fullmatch(r"[0-9a-f]{32}", station.id) or station.id == upper.id:
        raise SetupFileError(code="setup.station_id_invalid")
    if LEVEL_RANK.get(upper.level, 0) <= LEVEL_RANK[station.level] or upper.level == "township":
        raise SetupFileError(code="setup.upper_not_higher")
    if not division_contains(upper.division, station.division):
        raise SetupFileError(
            code="setup.outside_upper",
            division=station.division,
            upper=upper.name,
            upper_division=upper.division,
        )


def ensure_station_keys(db: Database) -> None:
    """Give a station made by an earlier version (which had no keys) its keys, once.

    A station that already has peers (an upper station, or lower stations it enrolled) is known to
    them by its keys: new ones would silently cut it off, so a missing key file stays an error there
    (``load_keys`` says so when the keys are needed).
    """
    if db.station_id is None or has_keys(db.folder):
        return
    with db.reader() as session:
        if session.scalar(select(SyncPeer.station_id).where(SyncPeer.relation.in_(("upper", "lower")))):
            return
    create_keys(db.folder, db.station_id)


def create_station(
    db: Database,
    *,
    level: str,
    name: str,
    division_code: str,
    setup: SetupData | None = None,
    secret: bytes = b"",
) -> StationIdentity:
    """Write the station identity (and keys) into an empty database. Refuses a folder that has one.

    With ``setup`` the station takes the id the upper station gave it, the upper station is recorded
    as its (only) trusted peer, and ``secret`` (the enrollment secret the setup code opened) proves its
    own new keys to that upper station.
    """
    validate_station(level, name, division_code)
    if db.station_id is not None:
        raise StationExistsError(path=db.folder.root)
    station_id = setup.station.id if setup is not None else new_id()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with db.session(capture=False) as session:
        identity = StationIdentity(
            id=station_id, name=name.strip(), level=level, division_code=division_code, created_at=now
        )
        session.add(identity)
        _seed_divisions(session)
        session.add(
            AuditEntry(
                at=now,
                station=station_id,
                user="system",
                action="init",
                table_name="station_identity",
                record_id=station_id,
                **_init_summary(name, level, division_code, setup.upper.name if setup is not None else None),
            )
        )
        if setup is not None:
            session.add(
                SyncPeer(
                    station_id=setup.upper.id,
                    name=setup.upper.name,
                    level=setup.upper.level,
                    division_code=setup.upper.division,
                    relation="upper",
                    via=None,
                    sign_key=setup.upper_sign_key,
                    box_key=setup.upper_box_key,
                    enrolled_at=setup.created_at,
                    revoked_at=None,
                    acked_seq=0,
                    received_seq=0,
                )
            )
    db.load_station()
    keys = store_keys(db.folder, StationKeys.generate(station_id))
    if setup is not None:
        store_registration(db.folder.keys_dir, register(secret, station_id, keys))
    # A station whose division is not in the shipped list (e.g. a township of 喀左 joining the program)
    # gets its own division row, named after the station.
    with db.session() as session:
        if session.scalar(select(Division.id).where(Division.code == division_code)) is None:
            parent_code = _parent_code(division_code)
            parent_id = None
            if parent_code:
                parent_id = session.scalar(select(Division.id).where(Division.code == parent_code))
            session.add(
                Division(
                    id=division_id_for_code(division_code),
                    code=division_code,
                    name=name.strip(),
                    level=level,
                    parent_id=parent_id,
                )
            )
    return identity


def _init_summary(name: str, level: str, division: str, upper: str | None) -> dict[str, Any]:
    """The station-set-up line's summary and details (the audit log words it again in English)."""
    words = LEVEL_NAMES[level]
    summary = (
        Summary.of("audit.init_enrolled", name=name, level=words, division=division, upper=upper)
        if upper is not None
        else Summary.of("audit.init", name=name, level=words, division=division)
    )
    return summary_columns(summary)
