"""The 建档立卡 consistency checks: each fires on a real-looking case and stays quiet on a sound household."""

from __future__ import annotations

import dataclasses
import datetime as dt

from huimin_desktop.domain.household_checks import HouseholdFacts, MemberFacts, check_household
from huimin_desktop.domain.income import Income
from huimin_desktop.domain.issues import Severity

TODAY = dt.date(2025, 6, 1)

HEAD = MemberFacts("包金山", "02", "1", dt.date(1972, 3, 8), "70", "99", 6, "1")
WIFE = MemberFacts("白玉兰", "12", "2", dt.date(1974, 11, 2), "70", "99", 0, "1")
SON = MemberFacts("包永亮", "20", "1", dt.date(1998, 5, 20), "60", "99", 10, "2")
DAUGHTER = MemberFacts("包小红", "30", "2", dt.date(2012, 9, 1), "80", "05", None, "5")
MOTHER = MemberFacts("乌云其其格", "52", "2", dt.date(1946, 1, 15), None, "99", None, "4")
INCOME = Income(wage=36000, business=9000, property_income=0, transfer=2400, business_expense=3000)
SOUND = HouseholdFacts((HEAD, WIFE, SON, DAUGHTER, MOTHER), INCOME)


def check(*members: MemberFacts, income: Income | None = INCOME) -> list[str]:
    issues = check_household(HouseholdFacts(tuple(members), income), TODAY)
    assert all(issue.severity is Severity.WARNING for issue in issues)
    return [issue.code for issue in issues]


def replace(member: MemberFacts, **changes: object) -> MemberFacts:
    return dataclasses.replace(member, **changes)


def test_a_sound_household_raises_nothing() -> None:
    assert check_household(SOUND, TODAY) == []


def test_no_members_and_no_income_raise_nothing() -> None:
    assert check_household(HouseholdFacts(()), TODAY) == []
    assert check(HEAD, WIFE, income=None) == []


def test_per_capita_zero_or_negative() -> None:
    issues = check_household(
        HouseholdFacts((HEAD, WIFE), Income(business=2000, business_expense=5000)), TODAY
    )
    assert [i.code for i in issues] == ["household.per_capita_out_of_range"]
    assert issues[0].params["per_capita"] == -1500
    assert "-1,500" in issues[0].message
    assert check(HEAD, WIFE, income=Income()) == ["household.per_capita_out_of_range"]


def test_per_capita_above_100000() -> None:
    rich = Income(wage=150_000, business=60_000)
    assert check(HEAD, WIFE, income=rich) == ["household.per_capita_out_of_range"]
    assert check(HEAD, WIFE, income=Income(wage=200_000)) == []  # exactly 100,000 each is still fine


def test_head_and_spouse_of_the_same_sex() -> None:
    issues = check_household(HouseholdFacts((HEAD, replace(WIFE, relationship="10", sex="1")), INCOME), TODAY)
    assert [i.code for i in issues] == ["household.same_sex_spouse"]
    assert issues[0].params["member"] == "白玉兰"
    assert "包金山" in issues[0].message and "白玉兰" in issues[0].message


def test_self_stands_for_the_head_when_no_head_is_entered() -> None:
    head_as_self = replace(HEAD, relationship="01")
    assert check(head_as_self, WIFE) == []
    assert check(head_as_self, replace(WIFE, relationship="10", sex="1")) == ["household.same_sex_spouse"]


def test_relationship_inconsistent_with_sex() -> None:
    cases = [
        ("11", "2"),  # 夫 female
        ("12", "1"),  # 妻 male
        ("20", "2"),  # 子 female
        ("30", "1"),  # 女 male
        ("38", "1"),  # 儿媳 male
        ("28", "2"),  # 女婿 female
        ("51", "2"),  # 父 female
        ("52", "1"),  # 母 male
        ("22", "2"),  # 长子 female (a detailed code from another system)
    ]
    for relationship, sex in cases:
        odd = MemberFacts("某某", relationship, sex, dt.date(1980, 1, 1))
        issues = check_household(HouseholdFacts((HEAD, odd)), TODAY)
        codes = [i.code for i in issues]
        assert "household.relationship_sex" in codes, (relationship, sex)
        issue = next(i for i in issues if i.code == "household.relationship_sex")
        assert issue.params["member"] == "某某" and "某某" in issue.message


def test_unknown_sex_is_not_flagged() -> None:
    assert check(HEAD, replace(WIFE, sex="9"), SON) == []
    assert check(HEAD, replace(WIFE, sex=""), SON) == []


def test_wage_income_with_nobody_working_away() -> None:
    at_home = [replace(m, work_away_months=0) for m in (HEAD, WIFE)] + [replace(SON, work_away_months=None)]
    issues = check_household(HouseholdFacts(tuple(at_home), INCOME), TODAY)
    assert [i.code for i in issues] == ["household.wage_without_work_away"]
    assert issues[0].params["wage"] == 36000
    assert check(*at_home, income=replace_income(INCOME, wage=0)) == []


def replace_income(income: Income, **changes: int) -> Income:
    return dataclasses.replace(income, **changes)


def test_fourteen_year_old_in_senior_high_school() -> None:
    young = replace(DAUGHTER, birth_date=dt.date(2011, 6, 2), school_status="06")  # 13 on TODAY
    issues = check_household(HouseholdFacts((HEAD, WIFE, young), INCOME), TODAY)
    assert [i.code for i in issues] == ["household.young_senior_school"]
    assert issues[0].params["member"] == "包小红"
    assert "包小红" in issues[0].message


def test_young_with_senior_education_code() -> None:
    young = replace(DAUGHTER, birth_date=dt.date(2012, 1, 1), education="60", school_status=None)
    assert check(HEAD, WIFE, young) == ["household.young_senior_school"]


def test_age_fifteen_in_senior_high_school_is_normal() -> None:
    fifteen = replace(DAUGHTER, birth_date=dt.date(2010, 6, 1), school_status="06")  # 15 today
    assert check(HEAD, WIFE, fifteen) == []
    fourteen = replace(fifteen, birth_date=dt.date(2010, 6, 2))  # 15 tomorrow
    assert check(HEAD, WIFE, fourteen) == ["household.young_senior_school"]


def test_no_head() -> None:
    assert check(WIFE, SON) == ["household.no_head"]


def test_more_than_one_head() -> None:
    issues = check_household(HouseholdFacts((HEAD, replace(SON, relationship="02"), WIFE), INCOME), TODAY)
    assert [i.code for i in issues] == ["household.several_heads"]
    assert "包金山" in issues[0].message and "包永亮" in issues[0].message


def test_more_than_one_spouse() -> None:
    second = replace(WIFE, name="其木格", relationship="10")
    assert check(HEAD, WIFE, second) == ["household.several_spouses"]


def test_working_away_without_labour() -> None:
    assert check(HEAD, WIFE, replace(MOTHER, work_away_months=3)) == ["household.work_away_without_labour"]


def test_everything_at_once_names_each_member() -> None:
    members = (
        replace(HEAD, work_away_months=0),
        replace(WIFE, sex="1", work_away_months=0),
        replace(DAUGHTER, sex="1", birth_date=dt.date(2013, 1, 1), school_status="11"),
    )
    issues = check_household(HouseholdFacts(members, Income(wage=100)), TODAY)
    assert sorted(i.code for i in issues) == [
        "household.relationship_sex",
        "household.relationship_sex",
        "household.same_sex_spouse",
        "household.wage_without_work_away",
        "household.young_senior_school",
    ]
    assert {i.params.get("member") for i in issues if i.code == "household.relationship_sex"} == {
        "白玉兰",
        "包小红",
    }
