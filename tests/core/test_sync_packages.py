"""Export, verify and merge through real package folders, with enrolled keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from huimin_desktop.demo import generate_demo
from huimin_desktop.services.station import Station
from huimin_desktop.services.sync import ALREADY_APPLIED, APPLIED, QUARANTINED, REJECTED
from tests.core.sync_helpers import (
    add_household,
    blob_list,
    enroll_station,
    household_field,
    logical_dump,
    set_household,
)
from tests.stations import new_station

CITY = "211300"
TOWNSHIP_A, TOWNSHIP_B = "211381204000", "211381205000"


@pytest.fixture
def enrolled(tmp_path: Path) -> Iterator[tuple[Station, Station, Station, Path]]:
    city = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code=CITY)
    stick = tmp_path / "stick"
    stick.mkdir()
    stations = [city]
    for code, name in ((TOWNSHIP_A, "马友营蒙古族乡"), (TOWNSHIP_B, "蒙古营乡")):
        stations.append(enroll_station(city, "township", name, code, stick / f"{code}.json", tmp_path / code))
    try:
        yield stations[0], stations[1], stations[2], stick
    finally:
        for s in stations:
            s.close()


def test_demo_data_travels_up_with_photos_and_merging_again_changes_nothing(enrolled):
    city, a, _b, stick = enrolled
    generate_demo(a, 30, seed=1, attachments_mb=1)
    exported = a.sync.export(stick)
    assert exported.package.is_dir() and exported.records > 30 and exported.attachments > 0
    verified = city.sync.verify(exported.package)
    assert verified.ok and verified.origin == a.info().id and verified.records == exported.records

    preview = city.sync.merge([exported.package], dry_run=True)
    assert blob_list(city) == []
    (summary,) = city.sync.merge([exported.package])
    assert summary.status == APPLIED and summary.new == exported.records
    assert (preview[0].new, preview[0].updated) == (summary.new, summary.updated)
    assert blob_list(city) == blob_list(a)
    assert city.households.count() == 30
    assert city.check().ok
    assert not any(city.db.folder.staging_dir.iterdir())

    before = logical_dump(city, local=True)
    (again,) = city.sync.merge([exported.package])
    assert again.status == ALREADY_APPLIED
    assert logical_dump(city, local=True) == before


def test_an_older_package_after_a_newer_one_is_refused(enrolled):
    city, a, _b, stick = enrolled
    add_household(a, "宝斯鲁", "211381198001010019")
    older = a.sync.export(stick).package
    add_household(a, "乌力吉", "211381198502020028")
    newer = a.sync.export(stick).package
    results = city.sync.merge([newer, older])
    assert [r.status for r in results] == [APPLIED, REJECTED]
    assert city.households.count() == 2


def test_the_city_office_walk_through(enrolled):
    city, a, b, stick = enrolled
    generate_demo(a, 20, seed=2)
    generate_demo(b, 20, seed=3)
    results = city.sync.merge([a.sync.export(stick).package, b.sync.export(stick).package])
    assert [r.status for r in results] == [APPLIED, APPLIED]
    assert city.households.count() == 40

    household = _first_household(a)
    set_household(a, household, phone="13922222222")
    set_household(city, household, phone="13911111111")
    (summary,) = city.sync.merge([a.sync.export(stick).package])
    assert [c.field for c in summary.conflicts] == ["phone"]
    assert [c.field for c in city.sync.conflicts()] == ["phone"]

    back = city.sync.export(stick, recipient=a.info().id)
    (applied,) = a.sync.merge([back.package])
    assert applied.status == APPLIED
    assert household_field(a, household, "phone") == household_field(city, household, "phone")
    # the township's next export leaves out what the city acknowledged
    assert a.sync.export(stick).records == 0


def test_a_package_for_another_station_is_refused_and_changes_nothing(enrolled):
    _city, a, b, stick = enrolled
    add_household(a, "宝斯鲁", "211381198001010019")
    package = a.sync.export(stick).package
    before = logical_dump(b, local=True)
    (summary,) = b.sync.merge([package])
    assert summary.status == REJECTED and summary.reason
    assert logical_dump(b, local=True) == before


def test_a_revoked_station_is_refused(enrolled):
    city, a, _b, stick = enrolled
    add_household(a, "宝斯鲁", "211381198001010019")
    package = a.sync.export(stick).package
    city.enrollment.revoke(a.info().id, "笔记本丢失")
    (summary,) = city.sync.merge([package])
    assert summary.status == REJECTED and "吊销" in summary.reason


def test_a_package_from_a_clock_far_ahead_is_quarantined(enrolled):
    city, a, _b, stick = enrolled
    from huimin_desktop.stamps.clock import HybridLogicalClock, wall_clock_ms

    a.db.clock = HybridLogicalClock(a.info().id, wall=lambda: wall_clock_ms() + 10 * 24 * 3600 * 1000)
    add_household(a, "宝斯鲁", "211381198001010019")
    package = a.sync.export(stick).package
    before = logical_dump(city)
    (summary,) = city.sync.merge([package])
    assert summary.status == QUARANTINED
    assert logical_dump(city) == before
    assert (city.db.folder.root / "quarantine").is_dir()


def _first_household(station: Station) -> str:
    from sqlalchemy import select

    from huimin_desktop.model import Household

    with station.db.reader() as session:
        return session.scalars(select(Household.id).order_by(Household.id)).first()


def test_a_county_relays_its_townships_and_the_city_sees_the_original_origin(tmp_path: Path):
    stick = tmp_path / "stick"
    stick.mkdir()
    city = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code=CITY)
    county = enroll_station(
        city, "county", "北票市民宗局", "211381", stick / "county.json", tmp_path / "county"
    )
    township = enroll_station(
        county, "township", "马友营蒙古族乡", TOWNSHIP_A, stick / "t.json", tmp_path / "township"
    )
    try:
        household = add_household(township, "宝斯鲁", "211381198001010019", members=2)
        (up,) = county.sync.merge([township.sync.export(stick).package])
        assert up.status == APPLIED
        (relayed,) = city.sync.merge([county.sync.export(stick).package])
        assert relayed.status == APPLIED and relayed.new == 3
        assert household_field(city, household, "origin") == township.info().id
        names = {p.station_id: (p.name, p.relation) for p in city.enrollment.peers()}
        assert names[township.info().id] == ("马友营蒙古族乡", "relayed")
        # a city correction goes down through the county to the township
        set_household(city, household, notes="市里更正")
        county.sync.merge([city.sync.export(stick, recipient=county.info().id).package])
        township.sync.merge([county.sync.export(stick, recipient=township.info().id).package])
        assert household_field(township, household, "notes") == "市里更正"
    finally:
        for s in (city, county, township):
            s.close()


def test_what_a_killed_merge_left_in_staging_is_swept_by_the_next_merge(enrolled):
    city, a, _b, stick = enrolled
    add_household(a, "宝斯鲁", "211381198001010019")
    package = a.sync.export(stick).package
    leftover = city.db.folder.staging_dir / "merge-999999999-18a2b3c4d5e6f708"  # no such process
    leftover.mkdir(parents=True)
    (leftover / "blob-000000.part").write_bytes(b"half a photo")
    (summary,) = city.sync.merge([package])
    assert summary.status == APPLIED
    assert not leftover.exists()
