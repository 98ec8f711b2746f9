"""Creating a station: its identity, keys, the Chaoyang reference divisions, and the first audit line.

A station enrolled by its upper station (``init --setup FILE --code CODE``) takes its id from the setup
file, starts out trusting that upper station, makes its own keys and keeps the registration claim its
first upward package carries (``sync.enrollment``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from huimin_desktop.domain.codelists import chaoyang_divisions
from huimin_desktop.errors import ServiceError, StationExistsError
from huimin_desktop.model import STATION_LEVELS, AuditEntry, Division, StationIdentity, SyncPeer, new_id
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
_LEVEL_NAMES = {"city": "市", "county": "县（市、区）", "township": "乡镇"}
LEVEL_RANK = {"city": 3, "county": 2, "township": 1}


def division_id_for_code(code: str) -> str:
    return uuid.uuid5(_DIVISION_NAMESPACE, f"division:{code}").hex


def validate_station(level: str, name: str, division_code: str) -> None:
    if level not in STATION_LEVELS:
        raise ServiceError(f"站点级别“{level}”无效，应为 city（市）、county（县）或 township（乡镇）")
    if not name.strip():
        raise ServiceError("站点名称不能为空")
    length = _CODE_LENGTH[level]
    if not re.fullmatch(rf"\d{{{length}}}", division_code):
        raise ServiceError(
            f"区划代码“{division_code}”无效：{_LEVEL_NAMES[level]}级站点需要 {length} 位数字的区划代码"
        )
    reason = _unknown_division(level, division_code)
    if reason:
        raise ServiceError(f"区划代码 {division_code} 无效：{reason}")


# NBS township codes (统计用区划代码, digits 7–9): 001–099 街道, 100–199 镇, 200–399 乡, 400–599 乡级单位.
_TOWNSHIP_PART = range(1, 600)


def _unknown_division(level: str, code: str) -> str:
    """Why ``code`` names no division of this level in the division list ("" when it does).

    The city and counties must be in the list. A township may also be one of a listed county's other
    townships (which townships take part changes from year to year, so the list cannot hold them all):
    a well-formed township code under a listed county.
    """
    known = {d.code: d for d in chaoyang_divisions()}
    entry = known.get(code)
    if entry is not None:
        if entry.level != level:
            return f"{entry.name}不是{_LEVEL_NAMES[level]}级区划"
        return ""
    listed = sorted((d for d in known.values() if d.level == level), key=lambda d: d.code)
    if level != "township":
        names = "、".join(f"{d.code}（{d.name}）" for d in listed)
        return f"区划列表中没有这个{_LEVEL_NAMES[level]}，应为 {names} 之一"
    county = known.get(code[:6])
    if county is None or county.level != "county":
        return f"前 6 位 {code[:6]} 不是朝阳市的县（市、区）代码"
    if int(code[6:9]) not in _TOWNSHIP_PART:
        return f"第 7–9 位 {code[6:9]} 不是乡镇代码（应在 001–599 之间）"
    if code[9:] != "000":
        return f"末 3 位 {code[9:]} 应为 000（这是村级代码，不是乡镇）"
    return ""


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
        raise SetupFileError(f"安装文件中的站点信息无效：{exc.message}") from None
    if not re.fullmatch(r"[0-9a-f]{32}", station.id) or station.id == upper.id:
        raise SetupFileError("安装文件中的站点编号无效")
    if LEVEL_RANK.get(upper.level, 0) <= LEVEL_RANK[station.level] or upper.level == "township":
        raise SetupFileError("安装文件中的上级站点级别不高于本站，不能使用")
    if not division_contains(upper.division, station.division):
        raise SetupFileError(
            f"安装文件中的区划 {station.division} 不在上级站点“{upper.name}”（{upper.division}）的辖区内"
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
                summary=f"初始化站点：{name}（{level}，{division_code}）"
                + (f"，由“{setup.upper.name}”登记" if setup is not None else ""),
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
