"""Authority of packages (issue 11): a package signed with a station's own valid keys may carry only
what that station may send; everything else refuses the whole package and changes nothing.

The network: the city enrolled the county 北票 and the township 三家 (A); the county enrolled the
townships 马友营 (T1) and 蒙古营 (T2). Every forged package here is a real one (signed by its sender,
sealed to its recipient, written to a stick) and is merged through the command line; the database
(logical dump), the attachment store, staging and the stick are compared before and after.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from huimin_desktop.model import new_id
from huimin_desktop.services.station import Station
from tests.core.sync_helpers import (
    add_household,
    edited_record,
    enroll_station,
    files_of,
    honest_records,
    household_field,
    logical_dump,
    members_of,
    record_of,
    set_household,
    stamp_for,
    write_real_package,
)
from tests.core.test_sync_words import assert_english, english
from tests.stations import new_station, open_station

ROOT = Path(__file__).resolve().parents[2]
CITY, COUNTY = "211300", "211381"
T1, T2, A = "211381204000", "211381205000", "211322218000"
NAMES = {CITY: "朝阳市民委", COUNTY: "北票市民宗局", T1: "马友营蒙古族乡", T2: "蒙古营乡", A: "三家蒙古族乡"}


def label(code: str) -> str:
    return f"{NAMES[code]}（{code}）"


def enroll(upper: Station, level: str, code: str, folder: Path, stick: Path) -> Station:
    return enroll_station(upper, level, NAMES[code], code, stick / f"{code}.json", folder)


def sync(sender: Station, recipient: Station, stick: Path) -> None:
    to = None if _is_upper(sender, recipient) else recipient.info().id
    package = sender.sync.export(stick, recipient=to).package
    (summary,) = recipient.sync.merge([package])
    # nothing new since the last round: "older" (the acknowledgements already went across)
    assert summary.status == "applied" or "较旧" in summary.reason, summary.reason
    shutil.rmtree(package)


def _is_upper(sender: Station, recipient: Station) -> bool:
    upper = sender.enrollment.upper()
    return upper is not None and upper.station_id == recipient.info().id


def sync_all(stations: dict[str, Station], stick: Path) -> None:
    for _round in range(2):
        for code, upper in ((T1, COUNTY), (T2, COUNTY), (COUNTY, CITY), (A, CITY)):
            sync(stations[code], stations[upper], stick)
        for code, lower in ((CITY, COUNTY), (CITY, A), (COUNTY, T1), (COUNTY, T2)):
            sync(stations[code], stations[lower], stick)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("authority")
    stick = root / "stick"
    stick.mkdir()
    city = new_station(root / CITY, level="city", name=NAMES[CITY], division_code=CITY)
    stations = {CITY: city}
    stations[COUNTY] = enroll(city, "county", COUNTY, root / COUNTY, stick)
    stations[A] = enroll(city, "township", A, root / A, stick)
    for code in (T1, T2):
        stations[code] = enroll(stations[COUNTY], "township", code, root / code, stick)
    for number, code in enumerate((T1, T2, A)):
        for head in ("宝斯鲁", "乌力吉"):
            add_household(stations[code], f"{head}{number}", members=2)
    township = stations[T2].divisions.find_by_code(T2)
    assert township is not None
    stations[T2].divisions.add_village(township.id, "蒙古营村")
    sync_all(stations, stick)
    for station in stations.values():
        station.close()
    shutil.rmtree(stick)
    return root


@dataclass
class Network:
    root: Path
    stations: dict[str, Station]

    def __getitem__(self, code: str) -> Station:
        return self.stations[code]

    def households(self, code: str, *, at: str | None = None) -> list[str]:
        """Live households born at station ``code``, as station ``at`` holds them."""
        holder = self.stations[at or code]
        with holder.db.engine.connect() as connection:
            return [
                row[0]
                for row in connection.exec_driver_sql(
                    "SELECT id FROM household WHERE origin = ? AND deleted = 0 ORDER BY id",
                    (self.stations[code].info().id,),
                )
            ]

    def village_of(self, code: str, *, at: str) -> str:
        with self.stations[at].db.engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT id FROM division WHERE origin = ? AND level = 'village'",
                (self.stations[code].info().id,),
            ).scalar_one()

    def close(self) -> None:
        for station in self.stations.values():
            station.close()


@pytest.fixture
def network(template: Path, tmp_path: Path) -> Iterator[Network]:
    root = tmp_path / "network"
    shutil.copytree(template, root)
    net = Network(root, {code: open_station(root / code) for code in NAMES})
    try:
        yield net
    finally:
        net.close()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ},
        timeout=180,
    )


def state(station: Station) -> tuple[Any, ...]:
    folder = station.db.folder
    return logical_dump(station, local=True), files_of(folder.attachments_dir), files_of(folder.staging_dir)


def merge_refused(net: Network, recipient: str, package: Path, *expected: str) -> dict[str, Any]:
    """Merge ``package`` at ``recipient`` through the CLI: refused, one line, nothing changed."""
    station = net[recipient]
    before, stick_before = state(station), files_of(package.parent)
    station.close()
    done = run_cli("merge", str(package), "--data", str(net.root / recipient), "--json")
    net.stations[recipient] = station = open_station(net.root / recipient)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    (summary,) = json.loads(done.stdout)["packages"]
    assert summary["status"] == "rejected"
    for text in expected:
        assert text in summary["reason"], summary["reason"]
    assert "（）" not in summary["reason"] and "（ / ）" not in summary["reason"]
    assert state(station) == before
    assert files_of(package.parent) == stick_before
    return summary


# -- the forgeries -------------------------------------------------------------------------------


def _new_row(table: str, origin: str, created: str, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "t": table,
        "id": new_id(),
        "o": origin,
        "cs": created,
        "s": created,
        "fs": {},
        "fb": {},
        "v": values,
    }


def _member_values(net: Network, household_id: str) -> dict[str, Any]:
    """A complete member row (copied from one of A's members), in ``household_id``."""
    with net[A].db.engine.connect() as connection:
        member = connection.exec_driver_sql("SELECT id FROM member LIMIT 1").scalar_one()
    values = dict(record_of(net[A], "member", member)["v"])
    values.update(household_id=household_id, position=9, name="冒名成员")
    return values


Forgery = Callable[
    [Network, str], tuple[list[dict[str, Any]], dict[str, Any], list[tuple[str, Path]], tuple[str, ...]]
]


def forge_edit(net: Network, tmp: str):
    victim = record_of(net[CITY], "household", net.households(T2, at=CITY)[0])
    return (
        [edited_record(victim, "phone", "13999999999", stamp_for(net[A].info().id))],
        {},
        [],
        (label(T2), "农户"),
    )


def forge_village_rename(net: Network, tmp: str):
    village = record_of(net[CITY], "division", net.village_of(T2, at=CITY))
    forged = edited_record(village, "name", "改名村", stamp_for(net[A].info().id))
    return [forged], {}, [], (label(T2), "行政区划")


def forge_new_household_from_b(net: Network, tmp: str):
    honest = record_of(net[A], "household", net.households(A)[0])
    t2 = net[T2].info().id
    forged = _new_row("household", t2, stamp_for(t2), dict(honest["v"]))
    return [forged], {}, [], (label(T2), "农户")


def forge_new_household_claimed_for_b(net: Network, tmp: str):
    honest = record_of(net[A], "household", net.households(A)[0])
    forged = _new_row("household", net[T2].info().id, stamp_for(net[A].info().id), dict(honest["v"]))
    return [forged], {}, [], (label(T2), "农户")


def forge_member_of_b(net: Network, tmp: str):
    a = net[A].info().id
    forged = _new_row("member", a, stamp_for(a), _member_values(net, net.households(T2, at=CITY)[0]))
    return [forged], {}, [], (label(T2), "家庭成员")


def forge_survey_of_b(net: Network, tmp: str):
    from huimin_desktop.sync.records import TABLES

    a = net[A].info().id
    values = {name: 0 for name in TABLES["survey"].fields}
    values.update(hardship_causes="", needs="", notes="", surveyor="", survey_date=None)
    values.update(household_id=net.households(T2, at=CITY)[0], year=2026, deleted=0)
    return [_new_row("survey", a, stamp_for(a), values)], {}, [], (label(T2), "年度调查")


def forge_attachment_on_b(net: Network, tmp: str):
    import hashlib

    from huimin_desktop.sync.records import TABLES

    blob = Path(tmp) / "photo.jpg"
    blob.write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    sha256 = hashlib.sha256(blob.read_bytes()).hexdigest()
    a = net[A].info().id
    values = {name: None for name in TABLES["attachment"].fields}
    values.update(
        owner_table="household",
        owner_id=net.households(T2, at=CITY)[0],
        sha256=sha256,
        size=blob.stat().st_size,
        filename="p.jpg",
        mime="image/jpeg",
        kind="photo",
        category="",
        caption="",
        deleted=0,
    )
    return [_new_row("attachment", a, stamp_for(a), values)], {}, [(sha256, blob)], (label(T2), "附件")


def forge_tombstone_of_b(net: Network, tmp: str):
    victim = record_of(net[CITY], "household", net.households(T2, at=CITY)[0])
    return [edited_record(victim, "deleted", 1, stamp_for(net[A].info().id))], {}, [], (label(T2), "农户")


def forge_field_stamp_of_b(net: Network, tmp: str):
    own = record_of(net[A], "household", net.households(A)[0])
    return (
        [edited_record(own, "phone", "13999999999", stamp_for(net[T2].info().id))],
        {},
        [],
        (label(T2), "农户"),
    )


def forge_base_stamp_of_b(net: Network, tmp: str):
    own = edited_record(
        record_of(net[A], "household", net.households(A)[0]), "phone", "1", stamp_for(net[A].info().id)
    )
    own["fb"]["phone"] = stamp_for(net[T2].info().id, ahead_ms=-1)
    return [own], {}, [], (label(T2),)


def forge_move_member_of_b(net: Network, tmp: str):
    victim_household = net.households(T2, at=CITY)[0]
    with net[CITY].db.engine.connect() as connection:
        member = connection.exec_driver_sql(
            "SELECT id FROM member WHERE household_id = ? LIMIT 1", (victim_household,)
        ).scalar_one()
    record = record_of(net[CITY], "member", member)
    forged = edited_record(record, "household_id", net.households(A)[0], stamp_for(net[A].info().id))
    return [forged], {}, [], (label(T2), "家庭成员")


def forge_declared_station(net: Network, tmp: str):
    t2 = net[T2].info()
    declared = {
        "stations": [{"id": t2.id, "name": t2.name, "level": "township", "division": t2.division_code}]
    }
    victim = record_of(net[CITY], "household", net.households(T2, at=CITY)[0])
    return [edited_record(victim, "phone", "1", stamp_for(net[A].info().id))], declared, [], (label(T2),)


def _county_indicator(net: Network, county_code: str) -> str:
    """An indicator the city defines for ``county_code`` (with one milestone), as the city holds it."""
    import datetime as dt

    from huimin_desktop.services.indicators import IndicatorInput
    from huimin_desktop.services.station_setup import division_id_for_code

    year = dt.date.today().year
    data = IndicatorInput(
        division_id=division_id_for_code(county_code),
        year=year,
        code=f"Z{county_code}",
        name="培训人次",
        target_value=100.0,
        unit="人次",
        milestones=((6, 50.0, "半年"),),
    )
    return net[CITY].indicators.create(data).id


def _progress_values(indicator_id: str) -> dict[str, Any]:
    import datetime as dt

    today = dt.date.today()
    return {
        "indicator_id": indicator_id,
        "date": today.isoformat(),
        "month": today.month,
        "value": 60.0,
        "note": "冒报",
        "reporter": "某人",
        "deleted": 0,
    }


def forge_edit_of_own_countys_indicator(net: Network, tmp: str):
    """A's own county's indicator: refused as the city's to define, before anything else is asked."""
    indicator = record_of(net[CITY], "indicator", _county_indicator(net, A[:6]))
    return (
        [edited_record(indicator, "target_value", 1.0, stamp_for(net[A].info().id))],
        {},
        [],
        ("考核指标", "市级下达"),
    )


def forge_new_indicator_for_own_county(net: Network, tmp: str):
    honest = record_of(net[CITY], "indicator", _county_indicator(net, A[:6]))
    a = net[A].info().id
    values = dict(honest["v"], code="自定", name="自定指标")
    return [_new_row("indicator", a, stamp_for(a), values)], {}, [], ("考核指标", "市级下达")


def forge_milestone_on_own_countys_indicator(net: Network, tmp: str):
    indicator = _county_indicator(net, A[:6])
    a = net[A].info().id
    values = {"indicator_id": indicator, "month": 3, "planned_value": 1.0, "description": "", "deleted": 0}
    return [_new_row("indicator_milestone", a, stamp_for(a), values)], {}, [], ("指标节点", "市级下达")


def forge_progress_on_another_countys_indicator(net: Network, tmp: str):
    indicator = _county_indicator(net, COUNTY)  # 北票: A lies in 建平
    a = net[A].info().id
    forged = _new_row("indicator_progress", a, stamp_for(a), _progress_values(indicator))
    return [forged], {}, [], ("北票市考核指标的指标进展", "不属于发送站所在的县")


def forge_evidence_on_another_countys_progress(net: Network, tmp: str):
    """A progress entry of 北票 (reported by the county) and evidence on it from A, in one package."""
    indicator = _county_indicator(net, COUNTY)
    a = net[A].info().id
    progress = _new_row("indicator_progress", a, stamp_for(a), _progress_values(indicator))
    extra, _header, blobs, _expected = forge_attachment_on_b(net, tmp)
    extra[0]["v"].update(owner_table="indicator_progress", owner_id=progress["id"])
    return [progress, *extra], {}, blobs, ("不属于发送站所在的县",)


def forge_reference_file_on_own_countys_indicator(net: Network, tmp: str):
    """A file hung on A's own county's indicator: the city's reference files come down, never up."""
    indicator = _county_indicator(net, A[:6])
    extra, _header, blobs, _expected = forge_attachment_on_b(net, tmp)
    extra[0]["v"].update(owner_table="indicator", owner_id=indicator)
    return extra, {}, blobs, ("考核指标的参考附件", "市级下达")


UPWARD_FORGERIES = {
    "reference file on its county's indicator": forge_reference_file_on_own_countys_indicator,
    "edit of its county's indicator": forge_edit_of_own_countys_indicator,
    "new indicator for its county": forge_new_indicator_for_own_county,
    "milestone on its county's indicator": forge_milestone_on_own_countys_indicator,
    "progress on another county's indicator": forge_progress_on_another_countys_indicator,
    "evidence on another county's progress": forge_evidence_on_another_countys_progress,
    "edit of B's household": forge_edit,
    "renamed village of B": forge_village_rename,
    "new household from B": forge_new_household_from_b,
    "new household claimed for B": forge_new_household_claimed_for_b,
    "member added to B's household": forge_member_of_b,
    "survey of B's household": forge_survey_of_b,
    "attachment on B's household": forge_attachment_on_b,
    "tombstone of B's household": forge_tombstone_of_b,
    "field stamp naming B": forge_field_stamp_of_b,
    "base stamp naming B": forge_base_stamp_of_b,
    "B's member moved to A": forge_move_member_of_b,
    "B declared below A": forge_declared_station,
}


@pytest.mark.parametrize("forgery", list(UPWARD_FORGERIES), ids=list(UPWARD_FORGERIES))
def test_a_township_cannot_send_another_townships_records(network: Network, tmp_path: Path, forgery: str):
    add_household(network[A], "额尔敦", members=1)  # something honest in the same package
    header, records = honest_records(network[A], network[CITY])
    extra, header_changes, blobs, expected = UPWARD_FORGERIES[forgery](network, str(tmp_path))
    header.update(header_changes)
    stick = tmp_path / "stick"
    stick.mkdir()
    package = write_real_package(network[A], network[CITY], stick, header, records + extra, blobs)
    merge_refused(network, CITY, package, *expected)
    with english():  # and in English mode the same refusal reads in English (names stay quoted)
        (refused,) = network[CITY].sync.merge([package])
    assert refused.status == "rejected" and "whole package was refused" in refused.reason, refused.reason
    assert_english(refused.reason)
    # the same package without the forgery goes in
    honest = write_real_package(
        network[A], network[CITY], tmp_path, *honest_records(network[A], network[CITY])
    )
    (summary,) = network[CITY].sync.merge([honest])
    assert summary.status == "applied", summary.reason


def test_a_county_cannot_relay_records_of_a_township_it_did_not_enroll(network: Network, tmp_path: Path):
    set_household(network[COUNTY], network.households(T1, at=COUNTY)[0], notes="县里更正")
    header, records = honest_records(network[COUNTY], network[CITY])
    victim = record_of(network[CITY], "household", network.households(A, at=CITY)[0])
    forged = edited_record(victim, "phone", "1", stamp_for(network[COUNTY].info().id))
    package = write_real_package(network[COUNTY], network[CITY], tmp_path, header, [*records, forged])
    merge_refused(network, CITY, package, "不属于发送站北票市民宗局（211381）", label(A), "农户")


def test_a_return_package_may_not_carry_another_townships_households(network: Network, tmp_path: Path):
    set_household(network[CITY], network.households(A, at=CITY)[0], notes="市里更正")
    header, records = honest_records(network[CITY], network[A])
    victim = record_of(network[CITY], "household", network.households(T2, at=CITY)[0])
    package = write_real_package(network[CITY], network[A], tmp_path, header, [*records, victim])
    # A never enrolled T2 and does not know its name: the id, in full
    merge_refused(
        network, A, package, "不属于本站及其下级站点", f"未登记的站点（编号 {network[T2].info().id}）的农户"
    )


def test_a_return_package_may_not_invent_edits_of_the_recipient(network: Network, tmp_path: Path):
    set_household(network[CITY], network.households(A, at=CITY)[1], notes="市里更正")
    header, records = honest_records(network[CITY], network[A])
    own = record_of(network[CITY], "household", network.households(A, at=CITY)[0])
    forged = edited_record(own, "phone", "1", stamp_for(network[A].info().id))
    package = write_real_package(network[CITY], network[A], tmp_path, header, [*records, forged])
    merge_refused(network, A, package, f"以{label(A)}名义")


def test_honest_relays_and_corrections_pass(network: Network, tmp_path: Path):
    """A city correction of T1's household goes down through the county and T1's later edit comes back."""
    household = network.households(T1)[0]
    set_household(network[CITY], household, notes="市里更正")
    set_household(network[COUNTY], network.households(T2)[0], notes="县里更正")
    sync_all(network.stations, tmp_path)
    set_household(network[T1], household, phone="13811111111")
    members = members_of(network[T1], household)
    assert members
    sync_all(network.stations, tmp_path)
    assert household_field(network[CITY], household, "phone") == "13811111111"
    assert household_field(network[T1], household, "notes") == "市里更正"


def test_indicators_go_down_and_progress_comes_back_up(network: Network, tmp_path: Path):
    """The city defines 北票's indicator; the county's township T1 reports on it with evidence; the
    city scores it. T1 cannot change the indicator itself, and the county relays T1's report."""
    import datetime as dt

    from huimin_desktop.services.indicators import ProgressInput

    indicator = _county_indicator(network, COUNTY)
    sync_all(network.stations, tmp_path)
    assert [i.id for i in network[T1].indicators.list()] == [indicator]
    today = dt.date.today()
    report = network[T1].indicators.add_progress(indicator, ProgressInput(today, 60.0, "培训三期", "乡里"))
    evidence = tmp_path / "签到表.pdf"
    evidence.write_bytes(b"%PDF-1.4 sign-in sheet")
    network[T1].attachments.add_files("indicator_progress", report.id, [evidence])
    sync_all(network.stations, tmp_path)
    record = network[CITY].indicators.get(indicator)
    assert [(p.value, p.note, p.month) for p in record.progress] == [(60.0, "培训三期", today.month)]
    assert [a.filename for a in network[CITY].attachments.for_record("indicator_progress", report.id)] == [
        "签到表.pdf"
    ]
    row = network[CITY].assessment.grid(today.year, today=today).county(record.division_id)
    assert row is not None and row.indicators[0].latest_value == 60.0


def test_the_citys_reference_files_go_down_with_the_indicator(network: Network, tmp_path: Path):
    """Through the real packages: the city's file on 北票's indicator reaches the county and its
    townships (rows and the sealed blob, its bytes readable there and not in the clear on disk), and
    comes back up with nothing new; T1's evidence on its progress goes up, and stays off the other
    county's station (A lies in 建平)."""
    import datetime as dt

    from huimin_desktop.services.indicators import ProgressInput

    indicator = _county_indicator(network, COUNTY)
    plan = tmp_path / "考核细则.pdf"
    plan.write_bytes(b"%PDF-1.4 the city's own assessment rules, for the counties to work from")
    added = network[CITY].indicators.add_reference_files(indicator, [plan])
    assert [a.filename for a in added.added] == ["考核细则.pdf"]
    sync_all(network.stations, tmp_path)
    for code in (COUNTY, T1, T2, A):
        [arrived] = network[code].attachments.for_record("indicator", indicator)
        assert (arrived.filename, arrived.size, arrived.id) == (
            "考核细则.pdf",
            len(plan.read_bytes()),
            added.added[0].id,
        )
        assert network[code].attachments.read_bytes(arrived) == plan.read_bytes()
        stored = network[code].attachments.blob_path(arrived.sha256).read_bytes()
        assert plan.read_bytes() not in stored  # sealed at rest
    today = dt.date.today()
    report = network[T1].indicators.add_progress(indicator, ProgressInput(today, 30.0, "第一期", "乡里"))
    evidence = tmp_path / "签到表.pdf"
    evidence.write_bytes(b"%PDF-1.4 the first session's sign-in sheet")
    assert network[T1].attachments.add_files("indicator_progress", report.id, [evidence]).added
    sync_all(network.stations, tmp_path)
    [up] = network[CITY].attachments.for_record("indicator_progress", report.id)
    assert network[CITY].attachments.read_bytes(up) == evidence.read_bytes()
    assert network[A].attachments.for_record("indicator_progress", report.id) == []
    assert len(network[CITY].attachments.for_record("indicator", indicator)) == 1  # not echoed twice


def test_only_the_city_adds_reference_files(network: Network, tmp_path: Path):
    from huimin_desktop.errors import ValidationError

    indicator = _county_indicator(network, COUNTY)
    sync_all(network.stations, tmp_path)
    plan = tmp_path / "自拟.pdf"
    plan.write_bytes(b"%PDF-1.4")
    with pytest.raises(ValidationError) as refused:
        network[COUNTY].indicators.add_reference_files(indicator, [plan])
    assert refused.value.issues[0].code == "indicator.city_only"
    assert network[COUNTY].attachments.for_record("indicator", indicator) == []


# -- own packages ----------------------------------------------------------------------------------


def test_a_merge_skips_this_stations_own_package_on_the_stick(network: Network, tmp_path: Path):
    stick = tmp_path / "stick"
    stick.mkdir()
    add_household(network[T1], "巴特尔", members=1)
    up = network[T1].sync.export(stick).package  # the township's package for the county
    set_household(network[COUNTY], network.households(T2, at=COUNTY)[0], notes="县里更正")
    own = network[COUNTY].sync.export(stick).package  # the county's own, waiting to go to the city
    county = network[COUNTY]
    before_stick = files_of(stick)
    county.close()
    done = run_cli("merge", str(stick), "--data", str(network.root / COUNTY), "--json")
    network.stations[COUNTY] = open_station(network.root / COUNTY)
    assert done.returncode == 0, done.stderr
    statuses = {Path(p["package"]).name: p for p in json.loads(done.stdout)["packages"]}
    assert statuses[up.name]["status"] == "applied"
    assert statuses[own.name]["status"] == "own"
    assert "本站自己导出的同步包" in statuses[own.name]["reason"]
    assert label(CITY) in statuses[own.name]["reason"]
    assert files_of(stick) == before_stick
    # the own package is still good for the city
    (summary,) = network[CITY].sync.merge([own])
    assert summary.status == "applied", summary.reason


def test_a_package_that_only_claims_to_be_ours_is_refused(network: Network, tmp_path: Path):
    header, records = honest_records(network[A], network[CITY])
    package = write_real_package(network[A], network[CITY], tmp_path, header, records)
    manifest = package / "MANIFEST.JSN"
    text = json.loads(manifest.read_text())
    text["origin"] = network[CITY].info().id
    manifest.write_text(json.dumps(text))
    before = state(network[CITY])
    (summary,) = network[CITY].sync.merge([package])
    assert summary.status == "rejected" and "自称来自本站" in summary.reason
    assert state(network[CITY]) == before


def test_refusals_name_stations_by_name_and_division(network: Network, tmp_path: Path):
    header, records = honest_records(network[T1], network[COUNTY])
    package = write_real_package(network[T1], network[COUNTY], tmp_path, header, records)
    (summary,) = network[A].sync.merge([package])  # not for A
    assert summary.status == "rejected"
    assert "未登记的站点" in summary.reason, summary.reason
    (summary,) = network[T2].sync.merge([package])  # T2 knows the county, which it is for
    assert "未登记的站点" in summary.reason, summary.reason
    own_id = network[T1].info().id
    assert own_id[:8] + "）" not in summary.reason


def test_a_package_for_another_station_names_its_recipient(network: Network, tmp_path: Path):
    package = network[COUNTY].sync.export(tmp_path).package  # for the city
    (summary,) = network[T1].sync.merge([package])
    assert summary.status == "rejected"
    assert f"发给{label(CITY)}" in summary.reason, summary.reason


# -- the property: forged packages over any edge of the tree are refused whole -----------------------

SUBTREE = {T1: {T1}, T2: {T2}, A: {A}, COUNTY: {COUNTY, T1, T2}, CITY: set(NAMES)}
EDGES = [(A, CITY), (T1, COUNTY), (T2, COUNTY), (COUNTY, CITY), (CITY, A), (COUNTY, T1), (CITY, COUNTY)]
UPWARD = {(A, CITY), (T1, COUNTY), (T2, COUNTY), (COUNTY, CITY)}
KINDS = ("edit", "tombstone", "stamp", "base", "new-row", "child")


def _households_of(station: Station, origins: set[str]) -> list[str]:
    with station.db.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT id, origin FROM household ORDER BY id").fetchall()
    return [row_id for row_id, origin in rows if origin in origins]


@settings(
    max_examples=16,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: each example is real packages
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    edge=st.sampled_from(EDGES),
    kind=st.sampled_from(KINDS),
    pick=st.integers(0, 1000),
    writer_pick=st.integers(0, 1000),
)
def test_forged_packages_over_any_edge_are_refused_whole(
    template: Path, edge, kind, pick, writer_pick
) -> None:
    sender_code, recipient_code = edge
    upward = edge in UPWARD
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "network"
        shutil.copytree(template, root)
        sender, recipient = open_station(root / sender_code), open_station(root / recipient_code)
        try:
            ids = {code: _station_id(root / code) for code in NAMES}
            side = SUBTREE[sender_code] if upward else SUBTREE[recipient_code]
            foreign_codes = set(NAMES) - side
            # who may not write in this package: outside the sender's subtree (upward, plus a station
            # nobody enrolled), the recipient's subtree (downward)
            writers = sorted(ids[c] for c in (foreign_codes if upward else side)) + (
                [new_id()] if upward else []
            )
            writer = writers[writer_pick % len(writers)]
            holder = recipient if upward else sender
            victims = _households_of(holder, {ids[c] for c in foreign_codes})
            own = _households_of(sender, {ids[c] for c in side})
            set_household(sender, own[pick % len(own)], notes=f"改{pick}")  # something honest to send
            header, records = honest_records(sender, recipient)
            victim = record_of(holder, "household", victims[pick % len(victims)])
            mine = record_of(sender, "household", own[(pick + 1) % len(own)])
            me = sender.info().id
            forged = {
                "edit": lambda: edited_record(victim, "phone", "13900000000", stamp_for(me)),
                "tombstone": lambda: edited_record(victim, "deleted", 1, stamp_for(me)),
                "stamp": lambda: edited_record(mine, "phone", "13900000000", stamp_for(writer)),
                "base": lambda: _based_on(
                    edited_record(mine, "phone", "1", stamp_for(me)), stamp_for(writer, ahead_ms=-1)
                ),
                "new-row": lambda: _new_row("household", writer, stamp_for(writer), dict(mine["v"])),
                "child": lambda: _new_row("member", me, stamp_for(me), _child_values(sender, victim["id"])),
            }[kind]()
            folder = Path(work) / "stick"
            folder.mkdir()
            package = write_real_package(sender, recipient, folder, header, [*records, forged])
            before = state(recipient)
            (summary,) = recipient.sync.merge([package])
            assert summary.status == "rejected", (edge, kind, summary.reason)
            # (a child of a household the recipient never had: refused as incomplete, at the commit)
            assert "已拒绝整个同步包" in summary.reason or "同步包不完整" in summary.reason, summary.reason
            assert "（）" not in summary.reason
            assert state(recipient) == before
            honest = write_real_package(sender, recipient, folder, header, records)
            (summary,) = recipient.sync.merge([honest])
            assert summary.status == "applied", (edge, summary.reason)
        finally:
            sender.close()
            recipient.close()


def _station_id(folder: Path) -> str:
    with open_station(folder) as station:
        return station.info().id


def _based_on(record: dict[str, Any], base: str) -> dict[str, Any]:
    record["fb"]["phone"] = base
    return record


def _child_values(sender: Station, household_id: str) -> dict[str, Any]:
    with sender.db.engine.connect() as connection:
        member = connection.exec_driver_sql("SELECT id FROM member LIMIT 1").scalar_one()
    values = dict(record_of(sender, "member", member)["v"])
    values.update(household_id=household_id, position=9, name="冒名成员")
    return values


def test_a_county_cannot_change_its_own_indicator(network: Network, tmp_path: Path):
    """Within the county's division (the place rule lets a county rename its villages), the
    indicator is still the city's: only the assessment rule refuses it."""
    indicator = record_of(network[CITY], "indicator", _county_indicator(network, COUNTY))
    set_household(network[COUNTY], network.households(T1, at=COUNTY)[0], notes="县里更正")
    header, records = honest_records(network[COUNTY], network[CITY])
    forged = edited_record(indicator, "target_value", 1.0, stamp_for(network[COUNTY].info().id))
    stick = tmp_path / "stick"
    stick.mkdir()
    package = write_real_package(network[COUNTY], network[CITY], stick, header, [*records, forged])
    merge_refused(network, CITY, package, "考核指标由市级下达", label(COUNTY))


OUTSIDE_COUNTY = {A: "211381", T1: "211324", T2: "211324", COUNTY: "211324"}  # a county not theirs
ASSESSMENT_KINDS = ("indicator-edit", "indicator-new", "milestone", "foreign-progress")


def _indicator_at(station: Station, county_code: str) -> str:
    """An indicator of ``county_code`` written at ``station`` as the city's return package leaves it."""
    from huimin_desktop.model import Indicator, IndicatorMilestone
    from huimin_desktop.services.station_setup import division_id_for_code

    with station.db.session() as session:
        row = Indicator(division_id=division_id_for_code(county_code), year=2026, name="户均增收")
        session.add(row)
        session.flush()
        session.add(IndicatorMilestone(indicator_id=row.id, month=6, planned_value=500.0))
        return row.id


@settings(
    max_examples=16,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edge=st.sampled_from(sorted(UPWARD)), kind=st.sampled_from(ASSESSMENT_KINDS))
def test_forged_assessment_records_over_any_upward_edge_are_refused_whole(
    template: Path, edge: tuple[str, str], kind: str
) -> None:
    """Indicators and milestones never come up; progress comes up only for the sender's county."""
    sender_code, recipient_code = edge
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "network"
        shutil.copytree(template, root)
        sender, recipient = open_station(root / sender_code), open_station(root / recipient_code)
        try:
            own_county = sender_code[:6]
            mine = record_of(recipient, "indicator", _indicator_at(recipient, own_county))
            foreign = _indicator_at(recipient, OUTSIDE_COUNTY[sender_code])
            me = sender.info().id
            forged = {
                "indicator-edit": lambda: edited_record(mine, "target_value", 1.0, stamp_for(me)),
                "indicator-new": lambda: _new_row("indicator", me, stamp_for(me), dict(mine["v"])),
                "milestone": lambda: _new_row(
                    "indicator_milestone",
                    me,
                    stamp_for(me),
                    {
                        "indicator_id": mine["id"],
                        "month": 2,
                        "planned_value": 1.0,
                        "description": "",
                        "deleted": 0,
                    },
                ),
                "foreign-progress": lambda: _new_row(
                    "indicator_progress", me, stamp_for(me), _progress_values(foreign)
                ),
            }[kind]()
            honest_progress = _new_row("indicator_progress", me, stamp_for(me), _progress_values(mine["id"]))
            own = _households_of(sender, {me} | {_station_id(root / c) for c in SUBTREE[sender_code]})
            set_household(sender, own[0], notes="改")  # something honest to send
            header, records = honest_records(sender, recipient)
            folder = Path(work) / "stick"
            folder.mkdir()
            package = write_real_package(sender, recipient, folder, header, [*records, forged])
            before = state(recipient)
            (summary,) = recipient.sync.merge([package])
            assert summary.status == "rejected", (edge, kind, summary.reason)
            assert "已拒绝整个同步包" in summary.reason and "（）" not in summary.reason, summary.reason
            assert state(recipient) == before
            honest = write_real_package(sender, recipient, folder, header, [*records, honest_progress])
            (summary,) = recipient.sync.merge([honest])
            assert summary.status == "applied", (edge, summary.reason)
        finally:
            sender.close()
            recipient.close()
