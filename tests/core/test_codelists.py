"""Code lists: complete, ordered, and forgiving about how a code or a name is written."""

from __future__ import annotations

import dataclasses

import pytest

from huimin_desktop.domain.codelists import CodeList, chaoyang_divisions, code_lists
from huimin_desktop.domain.household_checks import NO_LABOUR, SENIOR_SCHOOL_STATUS


def test_all_lists_load_once_and_are_not_empty() -> None:
    lists = code_lists()
    assert code_lists() is lists
    for list_field in dataclasses.fields(lists):
        codelist = getattr(lists, list_field.name)
        assert isinstance(codelist, CodeList)
        assert len(codelist) > 0, list_field.name
        assert len(set(codelist.codes())) == len(codelist), f"{list_field.name}: duplicate codes"
        assert len(set(codelist.names())) == len(codelist), f"{list_field.name}: duplicate names"


def test_ethnic_groups_are_complete() -> None:
    ethnicity = code_lists().ethnicity
    assert [code for code, _ in ethnicity.items()] == [f"{n:02d}" for n in range(1, 57)] + ["97", "98"]
    assert ethnicity.name("02") == "蒙古族"
    assert ethnicity.name("11") == "满族"
    assert ethnicity.name("98") == "外国血统中国籍人士"
    assert ethnicity.name("57") == ""
    assert ethnicity.name(None) == ""


@pytest.mark.parametrize(
    "typed", ["蒙古", "蒙古族", "02", "2", "０２", "２", " 02 ", "蒙古\u3000族", 2, 2.0, "蒙族"]
)
def test_mongol_in_every_spelling(typed: object) -> None:
    assert code_lists().ethnicity.code_for(typed) == "02"


@pytest.mark.parametrize("typed", ["毛难族", "毛难", "毛南族", "毛南", "36"])
def test_maonan_including_the_old_name(typed: str) -> None:
    assert code_lists().ethnicity.code_for(typed) == "36"


@pytest.mark.parametrize("typed", ["汉", "汉族", "1", "01"])
def test_han(typed: str) -> None:
    assert code_lists().ethnicity.code_for(typed) == "01"


@pytest.mark.parametrize("typed", ["", "   ", None, "族", "火星族", "57", "0", 2.5, True, "蒙古族人"])
def test_unknown_is_none(typed: object) -> None:
    assert code_lists().ethnicity.code_for(typed) is None


def test_items_are_ordered_pairs_and_entries_have_names() -> None:
    stages = code_lists().project_stage
    assert [name for _, name in stages.items()] == ["申报", "评审", "审核", "公示", "验收"]
    assert {entry.name: entry.code for entry in stages}["公示"] == stages.code_for("公示")


def test_one_digit_lists_accept_padded_codes() -> None:
    lists = code_lists()
    assert lists.sex.code_for("男") == "1"
    assert lists.sex.code_for("女性") == "2"
    assert lists.sex.code_for("02") == "2"
    assert lists.health.code_for("残疾") == "4"
    assert lists.labour.code_for("１") == "1"


def test_membership_is_by_exact_code() -> None:
    ethnicity = code_lists().ethnicity
    assert "02" in ethnicity
    assert "2" not in ethnicity
    assert 2 not in ethnicity


def test_relationship_and_education_aliases() -> None:
    lists = code_lists()
    assert lists.relationship.code_for("户主") == "02"
    assert lists.relationship.code_for("妻子") == "12"
    assert lists.relationship.code_for("长子") == "20"
    assert lists.relationship.code_for("儿媳") == "38"
    assert lists.education.code_for("高中") == "60"
    assert lists.education.code_for("大学本科") == "20"


def test_program_lists_are_as_the_forms_say() -> None:
    lists = code_lists()
    assert lists.health.names() == ("健康", "长期慢性病", "患有大病", "残疾")
    assert lists.labour.names() == (
        "普通劳动力",
        "技能劳动力",
        "弱劳动力或半劳动力",
        "丧失劳动力",
        "无劳动力",
    )
    assert lists.hardship_cause.names() == (
        "因病", "因残", "因学", "因灾", "缺土地", "缺水", "缺技术", "缺劳力", "缺资金",
        "交通条件落后", "自身发展动力不足", "其它",
    )  # fmt: skip
    assert lists.project_category.names() == ("生产发展", "惠及民生", "基层政权建设", "农业实用科技培训")
    assert set(lists.attachment_category.names()) == {
        "申报材料", "公示照片", "施工照片", "验收材料", "访谈录音", "培训签到表", "其他",
    }  # fmt: skip
    assert lists.school_status.names()[0] == "学前教育"
    assert lists.school_status.names()[-1] == "非在校生"


def test_the_consistency_checks_point_at_the_right_codes() -> None:
    lists = code_lists()
    senior = {lists.school_status.name(code) for code in SENIOR_SCHOOL_STATUS}
    assert senior == {"高中一年级", "高中二年级", "高中三年级", "中职", "高职", "大专", "本科及以上"}
    assert {lists.labour.name(code) for code in NO_LABOUR} == {"丧失劳动力", "无劳动力"}


def test_a_bad_alias_is_caught_at_load() -> None:
    with pytest.raises(ValueError, match="unknown code"):
        CodeList("x", (), {"别名": "01"})


def test_chaoyang_divisions() -> None:
    divisions = chaoyang_divisions()
    by_level = {level: [d for d in divisions if d.level == level] for level in ("city", "county", "township")}
    assert [d.name for d in by_level["city"]] == ["朝阳市"]
    assert len(by_level["county"]) == 7
    assert len(by_level["township"]) == 6
    assert len(divisions) == 14
    codes = {d.code for d in divisions}
    seen: set[str] = set()
    for division in divisions:
        assert division.parent_code is None or division.parent_code in seen, "parents come first"
        seen.add(division.code)
    assert all(d.parent_code in codes for d in divisions if d.level != "city")
    assert all(len(d.code) == 6 for d in by_level["county"])
    assert all(len(d.code) == 12 and d.code.startswith(d.parent_code or "") for d in by_level["township"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        divisions[0].name = "x"  # type: ignore[misc]
