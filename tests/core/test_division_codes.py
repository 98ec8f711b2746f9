"""`init --division` takes only divisions of the level that the division list knows (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from huimin_desktop.domain.codelists import chaoyang_divisions
from huimin_desktop.errors import ServiceError
from huimin_desktop.services.station_setup import validate_station
from tests.core.test_cli import assert_failed_cleanly, run
from tests.stations import new_station


@pytest.mark.parametrize(
    ("level", "code", "reason"),
    [
        ("township", "999999999999", "999999 不是朝阳市的县"),
        ("county", "999999", "区划列表中没有这个县"),
        ("city", "999999", "区划列表中没有这个市"),
        ("city", "211381", "北票市不是市级区划"),
        ("county", "211300", "朝阳市不是县（市、区）级区划"),
        ("township", "211381999000", "999 不是乡镇代码"),
        ("township", "211381204001", "村级代码"),
        ("township", "211381000000", "000 不是乡镇代码"),
    ],
)
def test_codes_outside_the_division_list_are_refused_with_the_reason(
    level: str, code: str, reason: str
) -> None:
    with pytest.raises(ServiceError) as refused:
        validate_station(level, "某站", code)
    assert code in refused.value.message and reason in refused.value.message


def test_every_listed_division_is_accepted_at_its_own_level() -> None:
    for division in chaoyang_divisions():
        validate_station(division.level, "某站", division.code)


@pytest.mark.parametrize("code", ["211381205000", "211324203000", "211302001000"])
def test_other_townships_of_a_listed_county_are_accepted(code: str) -> None:
    validate_station("township", "某乡", code)  # the program's townships change from year to year


@pytest.mark.parametrize(("level", "code"), [("township", "999999999999"), ("county", "999999")])
def test_init_refuses_an_unknown_division_and_creates_nothing(tmp_path: Path, level: str, code: str) -> None:
    folder = tmp_path / "new"
    result = run("init", "--data", str(folder), "--level", level, "--name", "某站", "--division", code)
    assert_failed_cleanly(result)
    assert code in result.stderr and "无效" in result.stderr
    assert not (folder / "huimin.db").exists()
    with pytest.raises(ServiceError):
        new_station(tmp_path / "other", level=level, name="某站", division_code=code)
    assert not (tmp_path / "other" / "huimin.db").exists()
