"""Enrollment: setup files and codes through real files (city → county → township), registration by
the first upward package, refusals, revocation. The clone and re-enroll cases through the real CLI are in
test_enrollment_registration.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from huimin_desktop.errors import ServiceError, StationExistsError
from huimin_desktop.model import AuditEntry, SyncPeer
from huimin_desktop.services.enrollment import UntrustedStationError
from huimin_desktop.services.station import Station
from huimin_desktop.sync.enrollment import (
    SetupCodeError,
    SetupFileError,
    StationCard,
    new_setup_code,
    normalize_code,
    read_setup_file,
    setup_file_bytes,
)
from huimin_desktop.sync.keys import StationKeys, load_keys
from tests.core.sync_helpers import register_with
from tests.core.test_cli import assert_failed_cleanly, run, snapshot
from tests.stations import new_station, setup_station

COUNTY, TOWNSHIP = "211381", "211381204000"  # 北票市, 马友营蒙古族乡


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Station]:
    with new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300") as station:
        yield station


def test_city_county_township_chain_through_setup_files(city: Station, tmp_path: Path) -> None:
    county_file = tmp_path / "stick" / "BEIPIAO.JSN"
    county_file.parent.mkdir()
    enrolled = city.enrollment.enroll("county", "北票市民宗局", COUNTY, county_file)
    assert (enrolled.level, enrolled.division, enrolled.setup_file) == ("county", COUNTY, county_file)
    assert normalize_code(enrolled.setup_code) is not None
    with setup_station(tmp_path / "county", county_file, enrolled.setup_code) as county:
        info = county.info()
        assert (info.id, info.name, info.level, info.division_code) == (
            enrolled.station_id,
            "北票市民宗局",
            "county",
            COUNTY,
        )
        upper = county.enrollment.upper()
        assert upper is not None and upper.station_id == city.info().id and upper.relation == "upper"
        assert upper.fingerprint == load_keys(city.db.folder).fingerprint
        county_keys = load_keys(county.db.folder)
        # The city knows no key of the county until its first package registers it.
        assert _peer_row(city, info.id).sign_key == ""
        with pytest.raises(UntrustedStationError, match="还没有用安装文件登记"):
            city.enrollment.sign_key_for(info.id)
        register_with(city, county)
        # The city keeps only the public halves, and they are the county's.
        assert city.enrollment.sign_key_for(info.id) == county_keys.sign_public_hex
        (lower,) = city.enrollment.peers()
        assert lower.relation == "lower" and lower.fingerprint == county_keys.fingerprint
        city_row = _peer_row(city, info.id)
        assert city_row.box_key == county_keys.box_public_hex
        assert (
            county_keys.secrets()["sign_seed"] not in (city.db.folder.root / "huimin.db").read_bytes().hex()
        )

        township_file = tmp_path / "stick" / "MAYOUYIN.JSN"
        result = county.enrollment.enroll("township", "马友营蒙古族乡", TOWNSHIP, township_file)
        with setup_station(tmp_path / "township", township_file, result.setup_code) as township:
            register_with(county, township)
            assert township.info().id == result.station_id
            assert township.info().level == "township"
            assert township.enrollment.upper().station_id == info.id  # type: ignore[union-attr]
            assert (
                county.enrollment.sign_key_for(result.station_id)
                == load_keys(township.db.folder).sign_public_hex
            )
            with pytest.raises(ServiceError, match="只有市级或县级站点"):
                township.enrollment.enroll("township", "乡", "211381204001", tmp_path / "x.json")


def test_a_city_may_enroll_a_township_directly(city: Station, tmp_path: Path) -> None:
    result = city.enrollment.enroll("township", "马友营蒙古族乡", TOWNSHIP, tmp_path / "setup.json")
    with setup_station(tmp_path / "township", result.setup_file, result.setup_code) as township:
        assert township.enrollment.upper().level == "city"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("level", "division", "reason"),
    [
        ("county", "211302", "辖区"),  # fine: 双塔区 is in 朝阳市 — replaced below for the county station
        ("county", "210100", "区划列表中没有"),  # 沈阳市: another city, not in Chaoyang's division list
        ("township", "210102001000", "不是朝阳市的县"),
        ("city", "211300", "级别低"),
        ("township", "2113", "12 位"),
    ],
)
def test_enroll_refuses_what_is_not_below_or_not_inside(
    city: Station, tmp_path: Path, level: str, division: str, reason: str
) -> None:
    out = tmp_path / "setup.json"
    if division == "211302":
        county_file = tmp_path / "county.json"
        code = city.enrollment.enroll("county", "北票市民宗局", COUNTY, county_file).setup_code
        with setup_station(tmp_path / "county", county_file, code) as county:
            before = county.enrollment.peers()
            with pytest.raises(ServiceError, match="级别低"):
                county.enrollment.enroll("county", "双塔区", division, out)
            with pytest.raises(ServiceError, match="辖区"):
                county.enrollment.enroll("township", "某乡", "211302001000", out)
            assert county.enrollment.peers() == before
    else:
        with pytest.raises(ServiceError, match=reason):
            city.enrollment.enroll(level, "某站", division, out)
        assert city.enrollment.peers() == []
    assert not out.exists()


def _peer_row(station: Station, station_id: str) -> SyncPeer:
    with station.db.reader() as session:
        row = session.get(SyncPeer, station_id)
        assert row is not None
        session.expunge(row)
        return row


def test_a_flipped_byte_anywhere_in_the_setup_file_is_refused(city: Station, tmp_path: Path) -> None:
    setup = tmp_path / "setup.json"
    code = city.enrollment.enroll("township", "马友营蒙古族乡", TOWNSHIP, setup).setup_code
    original = setup.read_bytes()
    damaged = tmp_path / "damaged.json"
    step = max(1, len(original) // 60)
    for offset in range(0, len(original), step):
        data = bytearray(original)
        data[offset] ^= 0x04
        damaged.write_bytes(bytes(data))
        target = tmp_path / f"township-{offset}"
        with pytest.raises(SetupFileError) as refused:
            setup_station(target, damaged, code)
        assert "\n" not in refused.value.message
        assert not target.exists(), offset
    for cut in (0, 1, len(original) // 2, len(original) - 2):
        damaged.write_bytes(original[:cut])
        with pytest.raises(SetupFileError):
            setup_station(tmp_path / "cut", damaged, code)
        assert not (tmp_path / "cut").exists()


def test_a_setup_file_whose_division_lies_outside_its_upper_station_is_refused(tmp_path: Path) -> None:
    upper_keys = StationKeys.generate()
    code = new_setup_code()
    data = setup_file_bytes(
        station=StationCard("12" * 16, "某乡", "township", "211302001000"),  # 双塔区, not 北票市
        upper=StationCard("34" * 16, "北票市民宗局", "county", COUNTY),
        upper_keys=upper_keys,
        secret=b"s" * 32,
        code=code,
    )
    setup = tmp_path / "foreign.json"
    setup.write_bytes(data)
    assert read_setup_file(setup).station.division == "211302001000"  # well signed, yet inconsistent
    with pytest.raises(SetupFileError, match="辖区"):
        setup_station(tmp_path / "township", setup, code)
    assert not (tmp_path / "township").exists()


def test_a_setup_file_replayed_into_an_existing_folder_is_refused(
    city: Station, station: Station, data_dir: Path, tmp_path: Path
) -> None:
    setup = tmp_path / "setup.json"
    code = city.enrollment.enroll("township", "马友营蒙古族乡", TOWNSHIP, setup).setup_code
    with setup_station(tmp_path / "township", setup, code):
        pass
    before_new = snapshot(tmp_path / "township")
    with pytest.raises(StationExistsError):
        setup_station(tmp_path / "township", setup, code)
    assert snapshot(tmp_path / "township") == before_new
    station.close()
    before = snapshot(data_dir)
    with pytest.raises(StationExistsError):
        setup_station(data_dir, setup, code)
    assert snapshot(data_dir) == before


def test_revoke_then_reenroll_gives_new_keys_to_the_same_station(city: Station, tmp_path: Path) -> None:
    first = city.enrollment.enroll("township", "马友营蒙古族乡", TOWNSHIP, tmp_path / "a.json")
    with setup_station(tmp_path / "old-laptop", first.setup_file, first.setup_code) as old:
        register_with(city, old)
    old_key = city.enrollment.sign_key_for(first.station_id)
    with city.db.session(capture=False) as session:
        session.execute(update(SyncPeer).values(acked_seq=7, received_seq=9))
    revoked = city.enrollment.revoke(TOWNSHIP, "笔记本电脑被盗")
    assert revoked.revoked
    with pytest.raises(UntrustedStationError, match="已吊销"):
        city.enrollment.sign_key_for(first.station_id)
    with pytest.raises(ServiceError, match="已于"):
        city.enrollment.revoke(first.station_id)
    with city.db.reader() as session:
        reasons = session.scalars(select(AuditEntry.summary).where(AuditEntry.action == "revoke")).all()
    assert any("笔记本电脑被盗" in text for text in reasons)

    again = city.enrollment.enroll("township", "马友营蒙古族乡", TOWNSHIP, tmp_path / "b.json")
    assert again.station_id == first.station_id and again.reenrolled
    peer = city.enrollment.peer(first.station_id)
    assert not peer.revoked and (peer.acked_seq, peer.received_seq) == (0, 0)
    assert not peer.registered and peer.fingerprint == ""
    assert len(city.enrollment.peers()) == 1
    with pytest.raises(SetupCodeError):  # the first file's code does not open the second file
        setup_station(tmp_path / "new-laptop", again.setup_file, first.setup_code)
    with setup_station(tmp_path / "new-laptop", again.setup_file, again.setup_code) as township:
        assert township.info().id == first.station_id
        register_with(city, township)
        assert city.enrollment.sign_key_for(first.station_id) != old_key
        assert load_keys(township.db.folder).sign_public_hex == city.enrollment.sign_key_for(first.station_id)


def test_sign_key_lookup_names_unknown_and_relayed_stations_differently(city: Station) -> None:
    with pytest.raises(UntrustedStationError, match="未登记"):
        city.enrollment.sign_key_for("ab" * 16)
    with city.db.session(capture=False) as session:
        session.add(
            SyncPeer(
                station_id="cd" * 16,
                name="马友营蒙古族乡",
                level="township",
                division_code=TOWNSHIP,
                relation="relayed",
                via="ef" * 16,
            )
        )
    with pytest.raises(UntrustedStationError, match="不是本站登记的"):
        city.enrollment.sign_key_for("cd" * 16)
    with pytest.raises(ServiceError, match="只能吊销"):
        city.enrollment.revoke("cd" * 16)


def test_cli_enroll_init_setup_stations_revoke(tmp_path: Path) -> None:
    city_dir, township_dir, setup = tmp_path / "city", tmp_path / "township", tmp_path / "setup.json"
    assert (
        run(
            "init", "--data", str(city_dir), "--level", "city", "--name", "朝阳市民委", "--division", "211300"
        ).returncode
        == 0
    )
    result = run(
        "enroll", "--data", str(city_dir), "--level", "township", "--division", TOWNSHIP,
        "--name", "马友营蒙古族乡", "--out", str(setup), "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    enrolled = json.loads(result.stdout)
    assert {"station", "name", "level", "division", "setup_file"} <= enrolled.keys()
    assert (enrolled["level"], enrolled["division"], enrolled["setup_file"]) == (
        "township",
        TOWNSHIP,
        str(setup),
    )

    assert_failed_cleanly(run("init", "--data", str(township_dir), "--setup", str(setup)))  # no code
    assert not township_dir.exists()
    result = run(
        "init", "--data", str(township_dir), "--setup", str(setup), "--code", enrolled["setup_code"], "--json"
    )
    assert result.returncode == 0, result.stderr
    created = json.loads(result.stdout)
    assert {k: created[k] for k in ("station", "name", "level", "division")} == {
        k: enrolled[k] for k in ("station", "name", "level", "division")
    }

    listed = json.loads(run("stations", "--data", str(city_dir), "--json").stdout)["stations"]
    assert [(s["station"], s["relation"], s["revoked"]) for s in listed] == [
        (enrolled["station"], "lower", False)
    ]
    assert listed[0]["fingerprint"] == ""  # not registered yet

    assert_failed_cleanly(run("init", "--data", str(tmp_path / "n"), "--setup", str(setup), "--name", "x"))
    assert not (tmp_path / "n").exists()
    before = snapshot(township_dir)
    code = enrolled["setup_code"]
    assert_failed_cleanly(run("init", "--data", str(township_dir), "--setup", str(setup), "--code", code))
    assert snapshot(township_dir) == before
    assert_failed_cleanly(
        run(
            "enroll",
            "--data",
            str(township_dir),
            "--division",
            "211381204001",
            "--name",
            "乡",
            "--out",
            str(tmp_path / "x.json"),
        )
    )
    assert not (tmp_path / "x.json").exists()

    result = run("revoke", "--data", str(city_dir), enrolled["station"], "--reason", "丢失", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(run("stations", "--data", str(city_dir), "--json").stdout)["stations"]
    assert listed[0]["revoked"] is True
    before = snapshot(city_dir)
    assert_failed_cleanly(run("revoke", "--data", str(city_dir), "no-such-station"))
    assert snapshot(city_dir) == before
