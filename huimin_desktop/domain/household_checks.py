"""The 建档立卡 consistency checks: combinations that are possible but usually a typing mistake.

All are warnings the cadre may accept (shared/reference/README.md lists them). Inputs are plain frozen
dataclasses, so the same checks serve the household editor, the roster import and the merge review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from huimin_desktop.domain.income import Income
from huimin_desktop.domain.issues import Issue, Severity
from huimin_desktop.messages.catalog import Words

HEAD = "02"  # 户主
SELF = "01"  # 本人: many forms enter the head as 本人, so it stands for the head when no 02 is present
SPOUSES = frozenset({"10", "11", "12"})  # 配偶, 夫, 妻
MALE, FEMALE = "1", "2"
SEX_NAMES = {MALE: "男", FEMALE: "女"}

# Relationships (GB/T 4761-2008) that imply a sex: code → the sex it requires. The main codes the
# relationship list ships, plus the detailed ones a roster from another system may carry.
RELATIONSHIP_SEX: dict[str, str] = {
    "11": MALE,  # 夫
    "12": FEMALE,  # 妻
    **dict.fromkeys(("20", "21", "22", "23", "24", "25", "26", "27", "29"), MALE),  # 子, 长子 … 其他儿子
    "28": MALE,  # 女婿
    **dict.fromkeys(("30", "31", "32", "33", "34", "35", "36", "37", "39"), FEMALE),  # 女, 长女 … 其他女儿
    "38": FEMALE,  # 儿媳
    "41": MALE,  # 孙子
    "42": FEMALE,  # 孙女
    "43": MALE,  # 外孙子
    "44": FEMALE,  # 外孙女
    "51": MALE,  # 父
    "52": FEMALE,  # 母
    "53": MALE,  # 公公
    "54": FEMALE,  # 婆婆
    "55": MALE,  # 岳父
    "56": FEMALE,  # 岳母
    "57": MALE,  # 继父或养父
    "58": FEMALE,  # 继母或养母
    "61": MALE,  # 祖父
    "62": FEMALE,  # 祖母
    "63": MALE,  # 外祖父
    "64": FEMALE,  # 外祖母
    "71": MALE,  # 兄
    "72": FEMALE,  # 嫂
    "73": MALE,  # 弟
    "74": FEMALE,  # 弟媳
    "75": FEMALE,  # 姐姐
    "76": MALE,  # 姐夫
    "77": FEMALE,  # 妹妹
    "78": MALE,  # 妹夫
}
# Senior high school or above. School status codes are ours (resources/codelists/school_status.csv:
# 高中一至三年级, 中职, 高职, 大专, 本科及以上); education codes are GB/T 4658 (研究生 … 普通高中).
SENIOR_SCHOOL_STATUS = frozenset({"06", "07", "08", "09", "10", "11", "12"})
SENIOR_EDUCATION = frozenset({"10", "11", "14", "20", "30", "40", "41", "44", "47", "60"})
YOUNG_SENIOR_MAX_AGE = 14
# 劳动技能 丧失劳动力 / 无劳动力 (resources/codelists/labour.csv): such a member cannot be working away.
NO_LABOUR = frozenset({"4", "5"})
PER_CAPITA_MAX = 100_000  # yuan a year


@dataclass(frozen=True)
class MemberFacts:
    """What the checks need to know about one member; codes as stored (GB/T 2261.1 sex, GB/T 4761 …)."""

    name: str
    relationship: str = ""
    sex: str = ""
    birth_date: dt.date | None = None
    education: str | None = None
    school_status: str | None = None
    work_away_months: int | None = None
    labour: str | None = None


@dataclass(frozen=True)
class HouseholdFacts:
    members: tuple[MemberFacts, ...]
    income: Income | None = None  # the latest survey's income; None when no survey yet


def _warning(code: str, message: str, **params: object) -> Issue:
    return Issue(code, message, Severity.WARNING, None, dict(params))


def _sex_words(sex: str) -> Words:
    """男 / male: a word of the program in a sentence's language (messages.text picks it)."""
    return Words(SEX_NAMES[sex], "male" if sex == MALE else "female")


def age_on(birth: dt.date, today: dt.date) -> int:
    """Completed years on ``today``."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _heads(members: tuple[MemberFacts, ...]) -> list[MemberFacts]:
    return [m for m in members if m.relationship == HEAD] or [m for m in members if m.relationship == SELF]


def _head_issues(members: tuple[MemberFacts, ...]) -> list[Issue]:
    heads = _heads(members)
    if not heads:
        return [_warning("household.no_head", "没有登记户主：请把一名成员的“与户主关系”设为户主")]
    if len(heads) > 1:
        names = "、".join(m.name for m in heads)
        return [
            _warning(
                "household.several_heads",
                f"登记了 {len(heads)} 名户主：{names}",
                member=names,
                count=len(heads),
            )
        ]
    head = heads[0]
    issues = []
    spouses = [m for m in members if m.relationship in SPOUSES]
    if len(spouses) > 1:
        names = "、".join(m.name for m in spouses)
        issues.append(
            _warning(
                "household.several_spouses",
                f"登记了 {len(spouses)} 名配偶：{names}",
                member=names,
                count=len(spouses),
            )
        )
    for spouse in spouses:
        if head.sex in SEX_NAMES and head.sex == spouse.sex:
            issues.append(
                _warning(
                    "household.same_sex_spouse",
                    f"户主 {head.name} 与配偶 {spouse.name} 性别相同（都是{SEX_NAMES[head.sex]}），请核对",
                    member=spouse.name,
                    head=head.name,
                    sex=_sex_words(head.sex),
                )
            )
    return issues


def _member_issues(member: MemberFacts, today: dt.date) -> list[Issue]:
    issues = []
    required = RELATIONSHIP_SEX.get(member.relationship)
    if required and member.sex in SEX_NAMES and member.sex != required:
        issues.append(
            _warning(
                "household.relationship_sex",
                f"{member.name} 的性别（{SEX_NAMES[member.sex]}）与“与户主关系”不符，请核对",
                member=member.name,
                sex=_sex_words(member.sex),
            )
        )
    if member.birth_date is not None and 0 <= age_on(member.birth_date, today) <= YOUNG_SENIOR_MAX_AGE:
        in_senior = (member.school_status or "") in SENIOR_SCHOOL_STATUS
        senior_education = (member.education or "") in SENIOR_EDUCATION
        if in_senior or senior_education:
            issues.append(
                _warning(
                    "household.young_senior_school",
                    f"{member.name} 不满 15 岁，却登记为高中及以上在读或学历，请核对出生日期和在校情况",
                    member=member.name,
                )
            )
    if (member.work_away_months or 0) > 0 and (member.labour or "") in NO_LABOUR:
        issues.append(
            _warning(
                "household.work_away_without_labour",
                f"{member.name} 登记为丧失劳动力或无劳动力，却有外出务工月数，请核对",
                member=member.name,
            )
        )
    return issues


def _income_issues(income: Income, members: tuple[MemberFacts, ...]) -> list[Issue]:
    issues = []
    per_capita = income.per_capita(len(members))
    if per_capita is not None and not 0 < per_capita <= PER_CAPITA_MAX:
        issues.append(
            _warning(
                "household.per_capita_out_of_range",
                f"年人均纯收入 {per_capita:,} 元不在合理范围内（应大于 0 且不超过 10 万元），"
                "请核对收入和家庭人口",
                per_capita=per_capita,
                yuan=f"{per_capita:,}",
            )
        )
    if income.wage > 0 and not any((m.work_away_months or 0) > 0 for m in members):
        issues.append(
            _warning(
                "household.wage_without_work_away",
                f"有工资性收入（{income.wage:,} 元），但没有成员登记外出务工月数，请核对",
                wage=income.wage,
                yuan=f"{income.wage:,}",
            )
        )
    return issues


def check_household(facts: HouseholdFacts, today: dt.date | None = None) -> list[Issue]:
    """Every consistency warning for one household; an empty list when it all fits together."""
    today = today or dt.date.today()
    members = facts.members
    if not members:
        return []  # "no members" is the editor's error to report, not a consistency question
    issues = _head_issues(members)
    for member in members:
        issues += _member_issues(member, today)
    if facts.income is not None:
        issues += _income_issues(facts.income, members)
    return issues
