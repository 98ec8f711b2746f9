"""Household use cases: create, edit, delete (tombstone), read, list, and the yearly survey.

Every save validates first and writes nothing when an error is found; warnings (the 建档立卡
consistency checks, a historical ID prefix, ...) come back with the result for the user to accept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import BindParameter, Connection, bindparam, select, text
from sqlalchemy.orm import Session

from huimin_desktop.domain.contact import check_phone
from huimin_desktop.domain.household_checks import HouseholdFacts, MemberFacts, check_household
from huimin_desktop.domain.idnumber import check_id_number
from huimin_desktop.domain.income import Income
from huimin_desktop.domain.issues import Issue, Severity, errors
from huimin_desktop.domain.search import household_search_text, name_sort_key
from huimin_desktop.errors import ValidationError
from huimin_desktop.model import Division, Household, Member, Survey
from huimin_desktop.security.roles import ENTER_RECORDS
from huimin_desktop.services.common import at_field, live_row
from huimin_desktop.services.household_list import (
    HOUSEHOLD_SORT_KEYS,
    FirstMatches,
    HouseholdQuery,
    HouseholdRow,
    SearchMatch,
    first_matches,
    household_count,
    household_ids,
    household_rows,
    search_matches,
)
from huimin_desktop.services.records import HouseholdRecord, MemberRecord, SaveResult, SurveyRecord
from huimin_desktop.store.database import Database

# The list's query types live in household_list; callers may take them from here with the use cases.
__all__ = [
    "HOUSEHOLD_SORT_KEYS",
    "FirstMatches",
    "HouseholdInput",
    "HouseholdQuery",
    "HouseholdRow",
    "HouseholdService",
    "MemberInput",
    "SearchMatch",
    "SurveyInput",
    "refresh_household_summary",
    "refresh_latest_income",
]

HEAD_RELATIONSHIPS = ("02", "01")


@dataclass(frozen=True)
class MemberInput:
    name: str
    id_number: str = ""
    relationship: str = ""
    ethnicity: str = ""
    sex: str = ""  # taken from the ID number when that is valid
    birth_date: dt.date | None = None  # likewise
    education: str = ""
    health: str = ""
    labour: str = ""
    school_status: str = ""
    work_away_months: int | None = None
    phone: str = ""
    notes: str = ""
    id: str | None = None  # an existing member being edited


@dataclass(frozen=True)
class HouseholdInput:
    division_id: str
    members: tuple[MemberInput, ...]
    household_no: str = ""
    address: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SurveyInput:
    year: int
    income_wage: int = 0
    income_business: int = 0
    income_property: int = 0
    income_transfer: int = 0
    expense_business: int = 0
    household_size: int | None = None  # defaults to the number of members
    hardship_causes: tuple[str, ...] = ()
    needs: str = ""
    notes: str = ""
    surveyor: str = ""
    survey_date: dt.date | None = None


@dataclass
class _CheckedMember:
    input: MemberInput
    id_number: str
    sex: str
    birth_date: dt.date | None
    phone: str


@dataclass
class _Checked:
    members: list[_CheckedMember] = field(default_factory=list)
    phone: str = ""
    issues: list[Issue] = field(default_factory=list)


def _member_field(index: int, name: str) -> str:
    return f"members[{index}].{name}"


class HouseholdService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- validation ---------------------------------------------------------------------------

    def _check(self, session: Session, data: HouseholdInput, household_id: str | None) -> _Checked:
        checked = _Checked()
        issues = checked.issues
        division = session.get(Division, data.division_id)
        if division is None or division.deleted:
            issues.append(Issue("household.division_unknown", "所在村（区划）不存在", field="division_id"))
        phone = check_phone(data.phone)
        issues += [at_field(i, "phone") for i in phone.issues]
        checked.phone = phone.normalized or ""
        if not data.members:
            issues.append(Issue("household.no_members", "至少需要一名家庭成员（户主）", field="members"))
        seen: dict[str, int] = {}
        for index, member in enumerate(data.members):
            if not member.name.strip():
                issues.append(
                    Issue("member.name_missing", "姓名不能为空", field=_member_field(index, "name"))
                )
            sex, birth, number = member.sex, member.birth_date, ""
            if member.id_number.strip():
                result = check_id_number(member.id_number)
                issues += [at_field(i, _member_field(index, "id_number")) for i in result.issues]
                if result.ok and result.normalized:
                    number = result.normalized
                    if member.sex and member.sex != result.sex:
                        issues.append(
                            Issue(
                                "member.sex_mismatch",
                                f"{member.name} 的性别与身份证号不一致，已按身份证号更正",
                                Severity.WARNING,
                                field=_member_field(index, "sex"),
                                params={"name": member.name},
                            )
                        )
                    sex, birth = result.sex or sex, result.birth_date
                    if number in seen:
                        issues.append(
                            Issue(
                                "member.duplicate_in_household",
                                f"身份证号与第 {seen[number] + 1} 名成员重复",
                                field=_member_field(index, "id_number"),
                                params={"other": seen[number] + 1},
                            )
                        )
                    seen[number] = index
            else:
                issues.append(
                    Issue(
                        "member.id_number_missing",
                        f"{member.name or '成员'} 未填写身份证号",
                        Severity.WARNING,
                        field=_member_field(index, "id_number"),
                        params={"name": member.name or "?"},
                    )
                )
            member_phone = check_phone(member.phone)
            issues += [at_field(i, _member_field(index, "phone")) for i in member_phone.issues]
            if member.work_away_months is not None and not 0 <= member.work_away_months <= 12:
                issues.append(
                    Issue(
                        "member.work_away_months",
                        "外出务工月数应在 0 到 12 之间",
                        field=_member_field(index, "work_away_months"),
                    )
                )
            checked.members.append(_CheckedMember(member, number, sex, birth, member_phone.normalized or ""))
        issues += self._duplicates_elsewhere(session, checked, household_id)
        return checked

    def _duplicates_elsewhere(
        self, session: Session, checked: _Checked, household_id: str | None
    ) -> list[Issue]:
        numbers = [m.id_number for m in checked.members if m.id_number]
        if not numbers:
            return []
        query = (
            select(Member.id_number, Household.id, Household.head_name)
            .join(Household, Member.household_id == Household.id)
            .where(Member.id_number.in_(numbers), Member.deleted.is_(False), Household.deleted.is_(False))
        )
        if household_id is not None:
            query = query.where(Household.id != household_id)
        found = []
        for number, other_id, head in session.execute(query):
            index = numbers.index(number)
            found.append(
                Issue(
                    "member.duplicate_elsewhere",
                    f"身份证号 {number[:6]}********{number[-4:]} 已登记在户主为“{head}”的另一户中",
                    field=_member_field(index, "id_number"),
                    params={
                        "household_id": other_id,
                        "masked": f"{number[:6]}********{number[-4:]}",
                        "head": head,
                    },
                )
            )
        return found

    # -- writing ------------------------------------------------------------------------------

    def validate(
        self, data: HouseholdInput, household_id: str | None = None, survey: SurveyInput | None = None
    ) -> list[Issue]:
        """Every error and warning a save would report, without writing anything (for the editor):
        the 建档立卡 consistency checks too, on the household as it would be saved (its members as
        typed, sex and birth date from valid ID numbers; the income of ``survey``, else of the stored
        latest survey)."""
        with self.db.reader() as session:
            checked = self._check(session, data, household_id)
            income = _income(survey) if survey is not None else _latest_income(session, household_id)
            consistency = check_household(_input_facts(checked, income))
        return checked.issues + (_check_survey(survey) if survey is not None else []) + consistency

    def create(self, data: HouseholdInput, user: str = "system") -> SaveResult:
        return self.save_with_survey(None, data, None, user)

    def update(self, household_id: str, data: HouseholdInput, user: str = "system") -> SaveResult:
        return self.save_with_survey(household_id, data, None, user)

    def save_with_survey(
        self, household_id: str | None, data: HouseholdInput, survey: SurveyInput | None, user: str = "system"
    ) -> SaveResult:
        """Save the household (new when ``household_id`` is None) and its survey in one transaction."""
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            checked = self._check(session, data, household_id)
            survey_issues = _check_survey(survey) if survey is not None else []
            refused = errors(checked.issues) + errors(survey_issues)
            if refused:
                raise ValidationError(refused)
            household = self._write_household(session, household_id, data, checked)
            if survey is not None:
                _write_survey(session, household, survey)
            session.flush()
            refresh_latest_income(session, [household.id])
            warnings = [i for i in checked.issues + survey_issues if not i.is_error]
            warnings += self._consistency_warnings(session, household)
            return SaveResult(household.id, tuple(warnings))

    def _write_household(
        self, session: Session, household_id: str | None, data: HouseholdInput, checked: _Checked
    ) -> Household:
        if household_id is None:
            household = Household(division_id=data.division_id)
            session.add(household)
            existing: dict[str, Member] = {}
        else:
            household = live_row(session, Household, household_id, "农户")
            existing = {m.id: m for m in household.members if not m.deleted}
        household.division_id = data.division_id
        household.household_no = data.household_no.strip()
        household.address = data.address.strip()
        household.phone = checked.phone
        household.notes = data.notes
        kept: set[str] = set()
        for position, item in enumerate(checked.members):
            member = existing.get(item.input.id or "")
            if member is None:
                member = Member(household=household)
                session.add(member)
            else:
                kept.add(member.id)
            _apply_member(member, item, position)
        for member_id, member in existing.items():
            if member_id not in kept:
                member.deleted = True
        session.flush()
        refresh_household_summary(session, household)
        return household

    def _consistency_warnings(self, session: Session, household: Household) -> list[Issue]:
        latest = session.scalars(
            select(Survey)
            .where(Survey.household_id == household.id, Survey.deleted.is_(False))
            .order_by(Survey.year.desc())
        ).first()
        return check_household(household_facts([m for m in household.members if not m.deleted], latest))

    def delete(self, household_id: str, user: str = "system") -> None:
        """Tombstone the household with its members and surveys (the deletion syncs)."""
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            household = live_row(session, Household, household_id, "农户")
            household.deleted = True
            for member in household.members:
                member.deleted = True
            for survey in session.scalars(select(Survey).where(Survey.household_id == household_id)):
                survey.deleted = True

    def save_survey(self, household_id: str, data: SurveyInput, user: str = "system") -> SaveResult:
        """Create or replace the household's survey for ``data.year``."""
        self.db.actor.require(ENTER_RECORDS)
        issues = _check_survey(data)
        if errors(issues):
            raise ValidationError(errors(issues))
        with self.db.session(user) as session:
            household = live_row(session, Household, household_id, "农户")
            survey = _write_survey(session, household, data)
            session.flush()
            refresh_latest_income(session, [household_id])
            warnings = [i for i in issues if not i.is_error]
            warnings += self._consistency_warnings(session, household)
            return SaveResult(survey.id, tuple(warnings))

    def delete_survey(self, survey_id: str, user: str = "system") -> None:
        self.db.actor.require(ENTER_RECORDS)
        with self.db.session(user) as session:
            survey = live_row(session, Survey, survey_id, "调查记录")
            survey.deleted = True
            session.flush()
            refresh_latest_income(session, [survey.household_id])

    # -- reading ------------------------------------------------------------------------------

    def get(self, household_id: str) -> HouseholdRecord:
        with self.db.reader() as session:
            household = live_row(session, Household, household_id, "农户")
            surveys = session.scalars(
                select(Survey)
                .where(Survey.household_id == household_id, Survey.deleted.is_(False))
                .order_by(Survey.year)
            )
            return HouseholdRecord(
                id=household.id,
                division_id=household.division_id,
                household_no=household.household_no,
                address=household.address,
                phone=household.phone,
                notes=household.notes,
                head_name=household.head_name,
                head_id_number=household.head_id_number,
                ethnicity=household.ethnicity,
                member_count=household.member_count,
                origin=household.origin,
                members=tuple(_member_record(m) for m in household.members if not m.deleted),
                surveys=tuple(_survey_record(s) for s in surveys),
            )

    def ids(self, query: HouseholdQuery | None = None) -> list[str]:
        """Every matching household id, filtered and sorted in SQL (the list model holds these)."""
        with self.db.reader() as session:
            return household_ids(session, query or HouseholdQuery())

    def first_ids(self, query: HouseholdQuery | None = None) -> FirstMatches:
        """The first matching ids at once, for a list that reads the rest later (``ids``); see
        ``household_list.first_matches`` for which queries are answered whole at once."""
        with self.db.reader() as session:
            return first_matches(session, query or HouseholdQuery())

    def rows(self, ids: Sequence[str]) -> list[HouseholdRow]:
        with self.db.reader() as session:
            return household_rows(session, ids)

    def search_matches(self, ids: Sequence[str], search: str) -> dict[str, SearchMatch]:
        """Which member ``search`` found each of ``ids`` by (the list says so beside the head)."""
        with self.db.reader() as session:
            return search_matches(session, ids, search)

    def count(self, query: HouseholdQuery | None = None) -> int:
        with self.db.reader() as session:
            return household_count(session, query or HouseholdQuery())

    def list(self, query: HouseholdQuery | None = None) -> list[HouseholdRow]:
        """One page of rows (``query.offset`` / ``query.limit``; the first 200 by default)."""
        with self.db.reader() as session:
            return household_rows(session, household_ids(session, query or HouseholdQuery(limit=200)))


def refresh_household_summary(session: Session, household: Household) -> None:
    """Recompute the derived columns the list shows (also called after a merge)."""
    members = [m for m in household.members if not m.deleted]
    head = next((m for m in members if m.relationship in HEAD_RELATIONSHIPS), members[0] if members else None)
    household.head_name = head.name if head else ""
    household.head_name_sort = name_sort_key(household.head_name)
    household.head_id_number = head.id_number if head else ""
    household.ethnicity = head.ethnicity if head else ""
    household.member_count = len(members)
    household.search_text = household_search_text(
        [m.name for m in members],
        [m.id_number for m in members],
        [household.phone] + [m.phone for m in members],
    )


def _income(survey: SurveyInput) -> Income:
    return Income(
        survey.income_wage,
        survey.income_business,
        survey.income_property,
        survey.income_transfer,
        survey.expense_business,
    )


def _latest_income(session: Session, household_id: str | None) -> Income | None:
    if household_id is None:
        return None
    latest = session.scalars(
        select(Survey)
        .where(Survey.household_id == household_id, Survey.deleted.is_(False))
        .order_by(Survey.year.desc())
    ).first()
    return latest.income if latest is not None else None


def _input_facts(checked: _Checked, income: Income | None) -> HouseholdFacts:
    """The household as typed, as the 建档立卡 consistency checks read it."""
    return HouseholdFacts(
        members=tuple(
            MemberFacts(
                name=m.input.name.strip(),
                relationship=m.input.relationship,
                sex=m.sex,
                birth_date=m.birth_date,
                education=m.input.education or None,
                school_status=m.input.school_status or None,
                work_away_months=m.input.work_away_months,
                labour=m.input.labour or None,
            )
            for m in checked.members
        ),
        income=income,
    )


def household_facts(members: Sequence[Member], survey: Survey | None) -> HouseholdFacts:
    """The stored household as the 建档立卡 consistency checks (domain.household_checks) read it."""
    return HouseholdFacts(
        members=tuple(
            MemberFacts(
                name=m.name,
                relationship=m.relationship,
                sex=m.sex,
                birth_date=m.birth_date,
                education=m.education or None,
                school_status=m.school_status or None,
                work_away_months=m.work_away_months,
                labour=m.labour or None,
            )
            for m in members
        ),
        income=survey.income if survey is not None else None,
    )


# Kept in step with migration 0003, which fills the same columns for databases it upgrades.
_LATEST_FROM_SURVEYS = """
UPDATE household SET latest_year = s.year, latest_net_income = s.net,
    latest_per_capita = CASE WHEN s.household_size > 0
                             THEN CAST(ROUND(s.net * 1.0 / s.household_size) AS INTEGER) END
FROM (
    SELECT household_id, year, household_size,
           income_wage + income_business + income_property + income_transfer - expense_business AS net,
           ROW_NUMBER() OVER (PARTITION BY household_id ORDER BY year DESC) AS newest
    FROM survey WHERE deleted = 0 {survey_filter}
) AS s
WHERE s.newest = 1 AND household.id = s.household_id
"""
_CLEAR_LATEST = "UPDATE household SET latest_year = NULL, latest_net_income = NULL, latest_per_capita = NULL"


def refresh_latest_income(session: Session | Connection, household_ids: Sequence[str] | None = None) -> None:
    """Recompute the households' newest-survey columns (all households when ``household_ids`` is None).

    Set-based SQL, so that a demo of 100k households or a merge pays one statement, not one per row.
    """
    if household_ids is None:
        session.execute(
            text(
                "UPDATE household SET latest_year = NULL, latest_net_income = NULL, latest_per_capita = NULL"
            )
        )
        session.execute(text(_LATEST_FROM_SURVEYS.format(survey_filter="")))
        return
    for start in range(0, len(household_ids), 500):
        chunk = list(household_ids[start : start + 500])
        ids: BindParameter[list[str]] = bindparam("ids", expanding=True)
        session.execute(
            text(_CLEAR_LATEST + " WHERE id IN :ids").bindparams(ids),
            {"ids": chunk},
        )
        session.execute(
            text(_LATEST_FROM_SURVEYS.format(survey_filter="AND household_id IN :ids")).bindparams(ids),
            {"ids": chunk},
        )


def _write_survey(session: Session, household: Household, data: SurveyInput) -> Survey:
    survey = session.scalars(
        select(Survey).where(
            Survey.household_id == household.id, Survey.year == data.year, Survey.deleted.is_(False)
        )
    ).first()
    if survey is None:
        survey = Survey(household_id=household.id, year=data.year)
        session.add(survey)
    survey.household_size = data.household_size if data.household_size is not None else household.member_count
    survey.income_wage = data.income_wage
    survey.income_business = data.income_business
    survey.income_property = data.income_property
    survey.income_transfer = data.income_transfer
    survey.expense_business = data.expense_business
    survey.hardship_causes = ",".join(data.hardship_causes)
    survey.needs = data.needs
    survey.notes = data.notes
    survey.surveyor = data.surveyor
    survey.survey_date = data.survey_date
    return survey


def _apply_member(member: Member, item: _CheckedMember, position: int) -> None:
    data = item.input
    member.position = position
    member.name = data.name.strip()
    member.id_number = item.id_number
    member.sex = item.sex
    member.birth_date = item.birth_date
    member.ethnicity = data.ethnicity
    member.relationship = data.relationship
    member.education = data.education
    member.health = data.health
    member.labour = data.labour
    member.school_status = data.school_status
    member.work_away_months = data.work_away_months
    member.phone = item.phone
    member.notes = data.notes


def _check_survey(data: SurveyInput) -> list[Issue]:
    issues: list[Issue] = []
    this_year = dt.date.today().year
    if not 2000 <= data.year <= this_year + 1:
        issues.append(
            Issue("survey.year", f"调查年度 {data.year} 不合理", field="year", params={"year": data.year})
        )
    amounts = {
        "income_wage": "工资性收入",
        "income_business": "生产经营性收入",
        "income_property": "财产性收入",
        "income_transfer": "转移性收入",
        "expense_business": "生产经营性支出",
    }
    for name, label in amounts.items():
        if getattr(data, name) < 0:
            issues.append(
                Issue(
                    "amount.negative", f"{label}不能为负数", field=name, params={"value": getattr(data, name)}
                )
            )
    if data.household_size is not None and data.household_size < 0:
        issues.append(Issue("survey.household_size", "家庭人口不能为负数", field="household_size"))
    if data.survey_date and data.survey_date > dt.date.today():
        issues.append(Issue("survey.date_future", "调查日期不能晚于今天", field="survey_date"))
    return issues


def _member_record(m: Member) -> MemberRecord:
    return MemberRecord(
        id=m.id,
        position=m.position,
        name=m.name,
        id_number=m.id_number,
        sex=m.sex,
        birth_date=m.birth_date,
        ethnicity=m.ethnicity,
        relationship=m.relationship,
        education=m.education,
        health=m.health,
        labour=m.labour,
        school_status=m.school_status,
        work_away_months=m.work_away_months,
        phone=m.phone,
        notes=m.notes,
    )


def _survey_record(s: Survey) -> SurveyRecord:
    return SurveyRecord(
        id=s.id,
        household_id=s.household_id,
        year=s.year,
        household_size=s.household_size,
        income_wage=s.income_wage,
        income_business=s.income_business,
        income_property=s.income_property,
        income_transfer=s.income_transfer,
        expense_business=s.expense_business,
        hardship_causes=tuple(c for c in s.hardship_causes.split(",") if c),
        needs=s.needs,
        notes=s.notes,
        surveyor=s.surveyor,
        survey_date=s.survey_date,
    )
