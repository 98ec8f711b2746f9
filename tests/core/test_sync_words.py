"""The refusals of sync, enrollment, keys and station setup read in English in English mode.

Each is raised for real (a forged package through a merge, an export the station cannot make, a
missing or damaged key file, a setup file that does not hold together): the Chinese line is the one
users saw before, and the English one has no Chinese but quoted names ("“马友营蒙古族乡”").
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from huimin_desktop import messages
from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import EN, ZH, describe
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import check_setup, validate_station
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.sync.enrollment import SetupData, StationCard
from huimin_desktop.sync.keys import KeyFileError, key_path, load_keys
from tests.core.sync_helpers import (
    add_household,
    edited_record,
    enroll_station,
    honest_records,
    record_of,
    stamp_for,
    write_real_package,
)
from tests.stations import new_station

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
COUNTY, T1, T2 = "211381", "211381204000", "211381205000"
NAMES = {COUNTY: "北票市民宗局", T1: "马友营蒙古族乡", T2: "蒙古营乡"}


def assert_english(line: str | None) -> str:
    """One English line: no Chinese outside the quoted names and values."""
    assert line and "\n" not in line, line
    assert not CJK.search(re.sub(r"“[^”]*”|'[^']*'", "", line)), line
    return line


@contextmanager
def english() -> Iterator[None]:
    """The process in English (what --lang en and the English GUI set), Chinese again afterwards."""
    messages.set_language(EN)
    try:
        yield
    finally:
        messages.set_language(ZH)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Station]]:
    """A county and two townships it enrolled; the county holds a household of each township."""
    root = tmp_path_factory.mktemp("words")
    county = new_station(root / COUNTY, level="county", name=NAMES[COUNTY], division_code=COUNTY)
    stations = {COUNTY: county}
    for code in (T1, T2):
        stations[code] = enroll_station(
            county, "township", NAMES[code], code, root / f"{code}.json", root / code
        )
        add_household(stations[code], f"宝斯鲁{code[-4:]}", members=1)
        (root / "stick").mkdir(exist_ok=True)
        package = stations[code].sync.export(root / "stick").package
        (summary,) = county.sync.merge([package])
        assert summary.status == "applied", summary.reason
        shutil.rmtree(package)
    try:
        yield stations
    finally:
        for station in stations.values():
            station.close()


def _households(station: Station, origin: Station) -> list[str]:
    with station.db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT id FROM household WHERE origin = ? ORDER BY id", (origin.info().id,)
        )
        return [row[0] for row in rows]


def _refused_both_ways(
    world: dict[str, Station], folder: Path, extra: list[dict[str, Any]], header: dict[str, Any] | None = None
) -> tuple[str, str]:
    """T1's honest records plus ``extra``, merged at the county: (Chinese reason, English reason)."""
    sender, county = world[T1], world[COUNTY]
    add_household(sender, f"额尔敦{folder.name}")  # something honest and new in the same package
    honest_header, records = honest_records(sender, county)
    honest_header.update(header or {})
    folder.mkdir()
    package = write_real_package(sender, county, folder, honest_header, [*records, *extra])
    (chinese,) = county.sync.merge([package])
    with english():
        (in_english,) = county.sync.merge([package])
    assert chinese.status == in_english.status == "rejected", chinese.reason
    return chinese.reason, assert_english(in_english.reason)


def test_another_stations_record_is_refused_in_both_languages(world: dict[str, Station], tmp_path: Path):
    victim = record_of(world[COUNTY], "household", _households(world[COUNTY], world[T2])[0])
    forged = edited_record(victim, "phone", "13999999999", stamp_for(world[T1].info().id))
    chinese, english_reason = _refused_both_ways(world, tmp_path / "p", [forged])
    assert chinese == (
        f"同步包含有不属于发送站{NAMES[T1]}（{T1}）的记录：{NAMES[T2]}（{T2}）的农户，"
        "已拒绝整个同步包，未作任何改动"
    )
    assert english_reason == (
        f"The package holds records that do not belong to its sender “{NAMES[T1]}”: households of "
        f"“{NAMES[T2]}”; the whole package was refused and nothing was changed"
    )


def test_an_edit_in_another_stations_name_is_refused_in_both_languages(
    world: dict[str, Station], tmp_path: Path
):
    own = record_of(world[T1], "household", _households(world[T1], world[T1])[0])
    forged = edited_record(own, "phone", "13999999999", stamp_for(world[T2].info().id))
    chinese, english_reason = _refused_both_ways(world, tmp_path / "p", [forged])
    assert f"无权带来的修改：以{NAMES[T2]}（{T2}）名义对农户的修改" in chinese
    assert f"changes to households in the name of “{NAMES[T2]}”" in english_reason
    assert english_reason.startswith(f"The package carries changes its sender “{NAMES[T1]}” may not bring")


def test_an_unknown_table_and_a_malformed_station_list_in_english(world: dict[str, Station], tmp_path: Path):
    own = record_of(world[T1], "household", _households(world[T1], world[T1])[0])
    unknown = {**own, "t": "no_such_table"}
    chinese, english_reason = _refused_both_ways(world, tmp_path / "table", [unknown])
    assert chinese == "同步包中有未知的数据表“no_such_table”"
    assert english_reason == "The package holds records of an unknown table “no_such_table”"
    chinese, english_reason = _refused_both_ways(world, tmp_path / "list", [], {"stations": "所有站点"})
    assert chinese == "同步包中的下级站点名单格式不对，已拒绝整个同步包，未作任何改动"
    assert english_reason.startswith("The package's list of lower stations is malformed")


def test_exports_the_station_cannot_make_say_why_in_english(world: dict[str, Station], tmp_path: Path):
    county = world[COUNTY]
    with pytest.raises(ServiceError) as no_upper:
        county.sync.export(tmp_path)  # a county enrolled by no one has no upper station
    assert no_upper.value.message.startswith("本站没有上级站点，无法导出上报的同步包")
    assert "--for" in assert_english(describe(no_upper.value, EN))
    # a township enrolled but not yet set up: nothing can be sent down to it
    enrolled = county.enrollment.enroll("township", "台吉营乡", "211381206000", tmp_path / "setup.json")
    with pytest.raises(ServiceError) as unregistered:
        county.sync.export(tmp_path, recipient=enrolled.station_id)
    assert unregistered.value.message.startswith("站点“台吉营乡”（211381206000）还没有登记")
    english_line = assert_english(describe(unregistered.value, EN))
    assert english_line.startswith("“台吉营乡” is not registered yet: a return package")
    # and no package signed by it is trusted until it registers
    with pytest.raises(ServiceError) as no_key:
        county.enrollment.sign_key_for(enrolled.station_id)
    assert no_key.value.message == "站点“台吉营乡”（211381206000）还没有用安装文件登记本机密钥"
    assert describe(no_key.value, EN) == (
        "“台吉营乡” has not registered its computer's key with the setup file yet"
    )


def test_a_missing_or_damaged_key_file_in_english(tmp_path: Path):
    folder = DataFolder(tmp_path)
    with pytest.raises(KeyFileError) as missing:
        load_keys(folder, protector=None)
    assert missing.value.message.startswith("本站密钥文件缺失")
    assert assert_english(describe(missing.value, EN)).startswith("This station's key file is missing")
    key_path(folder).parent.mkdir(parents=True)
    key_path(folder).write_text("{not json")
    with pytest.raises(KeyFileError) as damaged:
        load_keys(folder, protector=None)
    assert damaged.value.message.startswith("本站密钥文件已损坏")
    assert assert_english(describe(damaged.value, EN)).startswith("This station's key file is damaged")


@pytest.mark.parametrize(
    ("level", "name", "code", "chinese", "english_line"),
    [
        (
            "village",
            "某村",
            "211381204201",
            "站点级别“village”无效",
            "The station level “village” is not valid",
        ),
        ("county", " ", "211381", "站点名称不能为空", "The station name is empty"),
        (
            "township",
            "某乡",
            "2113",
            "乡镇级站点需要 12 位数字",
            "a township station needs a division code of 12",
        ),
        (
            "township",
            "某乡",
            "211381700000",
            "第 7–9 位 700 不是乡镇代码",
            "digits 7–9, 700, are not a township",
        ),
        (
            "county",
            "某县",
            "211399",
            "区划列表中没有这个县（市、区）",
            "the division list has no such county",
        ),
        ("township", "某乡", "211399204000", "前 6 位 211399 不是朝阳市的县", "the first 6 digits, 211399"),
        ("township", "某乡", "211381204201", "末 3 位 201 应为 000", "201, should be 000"),
        ("county", "某县", "211300", "朝阳市不是县（市、区）级区划", "“朝阳市” is not a county division"),
    ],
)
def test_a_station_that_cannot_be_set_up_in_english(
    level: str, name: str, code: str, chinese: str, english_line: str
):
    with pytest.raises(ServiceError) as refused:
        validate_station(level, name, code)
    assert chinese in refused.value.message, refused.value.message
    assert english_line in assert_english(describe(refused.value, EN))


def test_a_setup_file_that_does_not_hold_together_in_english():
    upper = StationCard("a" * 32, NAMES[COUNTY], "county", COUNTY)
    outside = StationCard("b" * 32, "某乡", "township", "211324200000")

    def setup(station: StationCard) -> SetupData:
        return SetupData(station, upper, "", "", dt.datetime(2026, 12, 1), {})

    with pytest.raises(ServiceError) as refused:
        check_setup(setup(outside))
    assert refused.value.message == (
        f"安装文件中的区划 211324200000 不在上级站点“{NAMES[COUNTY]}”（{COUNTY}）的辖区内"
    )
    assert describe(refused.value, EN) == (
        f"The division 211324200000 in the setup file is not inside the area of the upper station "
        f"“{NAMES[COUNTY]}” ({COUNTY})"
    )
    with pytest.raises(ServiceError) as invalid:
        check_setup(setup(StationCard("b" * 32, "", "township", T1)))
    assert invalid.value.message == "安装文件中的站点信息无效：站点名称不能为空"
    assert (
        describe(invalid.value, EN) == "The station in the setup file is not valid: The station name is empty"
    )


def test_a_level_the_county_may_not_enroll_in_english(world: dict[str, Station], tmp_path: Path):
    with pytest.raises(ServiceError) as refused:
        world[COUNTY].enrollment.enroll("county", "某县民宗局", "211382", tmp_path / "setup.json")
    assert refused.value.message == "县级站点只能登记比本站级别低的站点，不能登记县级站点"
    assert describe(refused.value, EN) == (
        "A county station can enroll only stations below its own level, not a county station"
    )
