"""Household use cases: validation before writing, derived columns, tombstones, audit, surveys."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from huimin_desktop.errors import NotFoundError, ValidationError
from huimin_desktop.model import AuditEntry, Division, Household, Member, Survey
from huimin_desktop.services.households import HouseholdInput, HouseholdQuery, MemberInput, SurveyInput
from huimin_desktop.services.station import Station
from tests.stations import connect_db

HEAD = MemberInput(name="宝斯鲁", id_number="211381198203150031", relationship="02", ethnicity="02")
WIFE = MemberInput(name="其木格", id_number="211381198406120042", relationship="10", ethnicity="02")
SON = MemberInput(name="宝音", id_number="211381200809090015", relationship="20", ethnicity="02")


def _village(station: Station) -> str:
    with station.db.session() as session:
        township = session.scalars(select(Division.id).where(Division.level == "township")).first()
        village = Division(name="东营子村", level="village", parent_id=township)
        session.add(village)
    return village.id


def _counts(station: Station) -> tuple[int, int, int, int]:
    with station.db.reader() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Household, Member, Survey, AuditEntry)
        )


def _valid_id(prefix17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return prefix17 + "10X98765432"[sum(int(d) * w for d, w in zip(prefix17, weights, strict=True)) % 11]


def _member(name: str, prefix17: str, relationship: str) -> MemberInput:
    return MemberInput(name=name, id_number=_valid_id(prefix17), relationship=relationship, ethnicity="02")


@pytest.fixture
def family() -> tuple[MemberInput, ...]:
    return (
        _member("宝斯鲁", "21138119820315003", "02"),
        _member("其木格", "21138119840612004", "10"),
        _member("宝音", "21138120080909001", "20"),
    )


def test_create_household_derives_sex_birth_and_list_columns(station: Station, family) -> None:
    village = _village(station)
    result = station.households.create(HouseholdInput(division_id=village, members=family), user="cadre")
    record = station.households.get(result.id)
    assert record.head_name == "宝斯鲁"
    assert record.member_count == 3
    assert record.ethnicity == "02"
    head = record.members[0]
    assert head.sex == "1" and head.birth_date == dt.date(1982, 3, 15)
    assert record.members[1].sex == "2"
    rows = station.households.list(HouseholdQuery(search="bsl"))
    assert [r.id for r in rows] == [result.id]
    assert station.households.list(HouseholdQuery(search="baosilu"))[0].village_name == "东营子村"
    assert station.households.count(HouseholdQuery(search=head.id_number[-4:])) == 1
    with station.db.reader() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.user == "cadre")).all()
    assert actions.count("create") == 4  # the household and its three members


def test_invalid_id_number_refuses_everything(station: Station, family) -> None:
    village = _village(station)
    before = _counts(station)
    bad = (*family[:2], MemberInput(name="宝音", id_number="110105194912310021", relationship="20"))
    with pytest.raises(ValidationError) as refused:
        station.households.create(HouseholdInput(division_id=village, members=bad))
    assert refused.value.issues[0].field == "members[2].id_number"
    assert _counts(station) == before


def test_duplicate_id_number_in_another_household_is_refused(station: Station, family) -> None:
    village = _village(station)
    first = station.households.create(HouseholdInput(division_id=village, members=family))
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        station.households.create(
            HouseholdInput(
                division_id=village, members=(_member("王军", "21138119700101001", "02"), family[2])
            )
        )
    issue = refused.value.issues[0]
    assert issue.code == "member.duplicate_elsewhere"
    assert issue.params["household_id"] == first.id
    assert _counts(station) == before


def test_edit_keeps_member_ids_and_tombstones_removed_members(station: Station, family) -> None:
    village = _village(station)
    created = station.households.create(HouseholdInput(division_id=village, members=family))
    record = station.households.get(created.id)
    kept = [
        MemberInput(**{**vars(family[0]), "id": record.members[0].id, "phone": "13812345678"}),
        MemberInput(**{**vars(family[1]), "id": record.members[1].id}),
    ]
    station.households.update(created.id, HouseholdInput(division_id=village, members=tuple(kept)))
    again = station.households.get(created.id)
    assert [m.id for m in again.members] == [record.members[0].id, record.members[1].id]
    assert again.members[0].phone == "13812345678"
    with station.db.reader() as session:
        removed = session.get(Member, record.members[2].id)
        assert removed is not None and removed.deleted
        head = session.get(Member, record.members[0].id)
        assert set(head.field_stamps or {}) == {"phone"}


def test_delete_tombstones_household_members_and_surveys(station: Station, family) -> None:
    village = _village(station)
    created = station.households.create(HouseholdInput(division_id=village, members=family))
    station.households.save_survey(created.id, SurveyInput(year=2025, income_wage=20000))
    station.households.delete(created.id)
    with pytest.raises(NotFoundError):
        station.households.get(created.id)
    with station.db.reader() as session:
        assert all(m.deleted for m in session.scalars(select(Member)))
        assert all(s.deleted for s in session.scalars(select(Survey)))
    assert station.households.count() == 0


def test_survey_totals_and_one_per_year(station: Station, family) -> None:
    village = _village(station)
    created = station.households.create(HouseholdInput(division_id=village, members=family))
    data = SurveyInput(
        year=2025, income_wage=12000, income_business=9000, income_transfer=1000, expense_business=4000
    )
    first = station.households.save_survey(created.id, data)
    second = station.households.save_survey(created.id, SurveyInput(**{**vars(data), "income_wage": 15000}))
    assert first.id == second.id
    survey = station.households.get(created.id).surveys[0]
    assert survey.net_income == 15000 + 9000 + 1000 - 4000
    assert survey.household_size == 3
    assert survey.net_income_per_capita == 7000


def test_negative_income_is_refused(station: Station, family) -> None:
    village = _village(station)
    created = station.households.create(HouseholdInput(division_id=village, members=family))
    before = _counts(station)
    with pytest.raises(ValidationError) as refused:
        station.households.save_survey(created.id, SurveyInput(year=2025, income_business=-10))
    assert refused.value.issues[0].field == "income_business"
    assert _counts(station) == before


def test_consistency_warnings_come_back_but_do_not_block(station: Station) -> None:
    village = _village(station)
    same_sex = (_member("宝斯鲁", "21138119820315003", "02"), _member("包明", "21138119840612003", "10"))
    result = station.households.create(HouseholdInput(division_id=village, members=same_sex))
    assert any(w.code == "household.same_sex_spouse" for w in result.warnings)
    assert station.households.count() == 1


def test_save_with_survey_is_one_transaction_and_fills_latest_income(station: Station, family) -> None:
    village = _village(station)
    before = _counts(station)
    with pytest.raises(ValidationError):
        station.households.save_with_survey(
            None, HouseholdInput(division_id=village, members=family), SurveyInput(year=2025, income_wage=-1)
        )
    assert _counts(station) == before, "a bad survey refuses the household too"
    saved = station.households.save_with_survey(
        None,
        HouseholdInput(division_id=village, members=family),
        SurveyInput(year=2025, income_business=30000, expense_business=3000),
    )
    [row] = station.households.rows([saved.id])
    assert (row.latest_year, row.latest_net_income, row.latest_per_capita) == (2025, 27000, 9000)
    station.households.save_survey(saved.id, SurveyInput(year=2026, income_business=33000))
    assert station.households.rows([saved.id])[0].latest_year == 2026
    survey_2026 = next(s for s in station.households.get(saved.id).surveys if s.year == 2026)
    station.households.delete_survey(survey_2026.id)
    assert station.households.rows([saved.id])[0].latest_net_income == 27000


def test_validate_reports_without_writing(station: Station, family) -> None:
    village = _village(station)
    first = station.households.create(HouseholdInput(division_id=village, members=family))
    before = _counts(station)
    issues = station.households.validate(
        HouseholdInput(division_id=village, members=(family[0],)),
        None,
        SurveyInput(year=2025, income_wage=-5),
    )
    codes = {i.code for i in issues}
    assert {"member.duplicate_elsewhere", "amount.negative"} <= codes
    assert (
        next(i for i in issues if i.code == "member.duplicate_elsewhere").params["household_id"] == first.id
    )
    assert _counts(station) == before


def test_list_filters_and_sorts_in_sql(station: Station) -> None:
    from huimin_desktop.demo import generate_demo
    from huimin_desktop.domain.search import name_sort_key
    from huimin_desktop.services.households import HOUSEHOLD_SORT_KEYS

    generate_demo(station, 120, seed=3)
    everyone = station.households.ids()
    assert len(everyone) == station.households.count() == 120
    rows = station.households.rows(everyone)
    # Pinyin order, as a Chinese reader expects (丁 ding before 宝 bao would be code-point order).
    assert [r.head_name for r in rows] == sorted((r.head_name for r in rows), key=name_sort_key)
    by_size = station.households.rows(
        station.households.ids(HouseholdQuery(sort="member_count", descending=True))
    )
    assert by_size[0].member_count == max(r.member_count for r in rows)
    richest = station.households.rows(
        station.households.ids(HouseholdQuery(sort="latest_per_capita", descending=True))
    )
    assert richest[0].latest_per_capita == max(r.latest_per_capita or 0 for r in rows)
    for key in HOUSEHOLD_SORT_KEYS:
        assert sorted(station.households.ids(HouseholdQuery(sort=key))) == sorted(everyone)
    village = rows[0]
    in_village = station.households.ids(
        HouseholdQuery(village_id=station.households.get(village.id).division_id)
    )
    assert village.id in in_village and len(in_village) < 120
    from huimin_desktop.services.station_setup import division_id_for_code

    township = division_id_for_code(station.info().division_code)
    assert station.households.count(HouseholdQuery(township_id=township)) == 120
    assert station.households.count(HouseholdQuery(township_id=village.id)) == 0
    assert rows[0].township_name == "马友营蒙古族乡"
    mongol = station.households.ids(HouseholdQuery(ethnicity="02"))
    assert all(r.ethnicity == "02" for r in station.households.rows(mongol))
    tail = village.head_id_number[-6:]
    assert village.id in station.households.ids(HouseholdQuery(search=tail))
    assert station.households.ids(HouseholdQuery(year=1999)) == []
    assert station.households.count(HouseholdQuery(year=rows[0].latest_year)) > 0
    page = station.households.list(HouseholdQuery(offset=10, limit=5))
    assert [r.id for r in page] == everyone[10:15]


def test_search_treats_wildcards_literally(station: Station, family) -> None:
    village = _village(station)
    station.households.create(HouseholdInput(division_id=village, members=family))
    assert station.households.count(HouseholdQuery(search="b")) == 1
    for wildcard in ("%", "_", "b%", "/"):
        assert station.households.ids(HouseholdQuery(search=wildcard)) == []


def test_search_index_follows_every_edit_and_check_finds_it_damaged(station: Station, family) -> None:

    village = _village(station)
    created = station.households.create(HouseholdInput(division_id=village, members=family))
    assert station.households.ids(HouseholdQuery(search="baosilu")) == [created.id]
    record = station.households.get(created.id)
    renamed = [MemberInput(**{**vars(family[0]), "id": record.members[0].id, "name": "乌力吉"})]
    station.households.update(created.id, HouseholdInput(division_id=village, members=tuple(renamed)))
    assert station.households.ids(HouseholdQuery(search="baosilu")) == []
    assert station.households.ids(HouseholdQuery(search="wuliji")) == [created.id]
    assert station.check(verify_hashes=False).ok

    connection = connect_db(station.db.folder.db_path)
    connection.execute("INSERT INTO household_search(rowid, search_text) VALUES (999999, 'stray entry')")
    connection.commit()
    connection.close()
    assert any("搜索索引" in problem for problem in station.check(verify_hashes=False).problems)


def test_bulk_demo_households_are_searchable_and_the_trigger_is_back(station: Station, family) -> None:
    from huimin_desktop.demo import generate_demo
    from huimin_desktop.progress import Cancelled, TaskState

    generate_demo(station, 60, seed=9)
    [sample] = station.households.rows(station.households.ids()[:1])
    assert sample.id in station.households.ids(HouseholdQuery(search=sample.head_id_number[-5:]))
    assert station.check(verify_hashes=False).ok
    # The insert trigger is back: an ordinary save is indexed at once.
    created = station.households.create(HouseholdInput(division_id=_village(station), members=family))
    assert station.households.ids(HouseholdQuery(search="baosilu")) == [created.id]

    # A cancelled bulk run rolls back its trigger change too.
    task = TaskState(lambda done, total, message: task.cancel())
    with pytest.raises(Cancelled):
        generate_demo(station, 30, seed=10, task=task)
    again = station.households.create(
        HouseholdInput(division_id=_village(station), members=(_member("乌力吉", "21138119900101002", "02"),))
    )
    assert station.households.ids(HouseholdQuery(search="wuliji")) == [again.id]
    assert station.check(verify_hashes=False).ok


def test_households_list_in_pinyin_order(station: Station) -> None:
    village = _village(station)
    for name, prefix in (
        ("丁力", "21138119800101001"),
        ("阿荣", "21138119800101002"),
        ("宝音", "21138119800101003"),
    ):
        station.households.create(HouseholdInput(division_id=village, members=(_member(name, prefix, "02"),)))
    rows = station.households.rows(station.households.ids())
    assert [r.head_name for r in rows] == ["阿荣", "宝音", "丁力"]  # a, bao, ding
    descending = station.households.rows(station.households.ids(HouseholdQuery(descending=True)))
    assert [r.head_name for r in descending] == ["丁力", "宝音", "阿荣"]


def test_per_capita_rounds_half_up_in_the_record_and_the_list_alike(station: Station, family) -> None:
    village = _village(station)
    saved = station.households.save_with_survey(
        None,
        HouseholdInput(division_id=village, members=family[:2]),
        SurveyInput(year=2025, income_business=5, household_size=2),  # 2.5 yuan a head
    )
    assert station.households.get(saved.id).surveys[0].net_income_per_capita == 3
    assert station.households.rows([saved.id])[0].latest_per_capita == 3
