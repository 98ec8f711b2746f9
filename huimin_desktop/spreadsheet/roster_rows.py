"""Roster rows → households, with every refusal and warning tied to its spreadsheet row.

How a roster row maps to a household (the decision the import documents):

- **One row per household** (no 与户主关系 and no 户主身份证号 column): the row is the head (户主) with
  the household's facts: village, 户编号, address, phone, 家庭人口 and the year's income by source.
- **One row per member** (a 与户主关系 column): a 户主 (or 本人) row starts a household and the rows after
  it, up to the next 户主 row, are its members. With a 户主身份证号 column, rows are grouped by that
  number instead (the head's own row has it blank or equal to its own number), in any order.
  Household facts are read from the head's row, or else from the first member row that has them.

A row that cannot be imported refuses its whole household (the other rows say “同户第 N 行有错误”):
half a family in the database is worse than a village sending the corrected rows again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from huimin_desktop.domain.amounts import MAX_AMOUNT, parse_amount
from huimin_desktop.domain.codelists import CodeList, code_lists
from huimin_desktop.domain.contact import check_phone
from huimin_desktop.domain.household_checks import (
    PER_CAPITA_MAX,
    HouseholdFacts,
    MemberFacts,
    check_household,
)
from huimin_desktop.domain.idnumber import (
    EARLIEST_BIRTH,
    check_id_number,
    check_id_number_cell,
    normalize_id_text,
)
from huimin_desktop.domain.income import Income
from huimin_desktop.spreadsheet.cells import (
    CellError,
    cell_text,
    is_blank,
    name_text,
    parse_count,
    parse_date,
)
from huimin_desktop.spreadsheet.fields import FIELDS_BY_KEY, INCOME_FIELDS
from huimin_desktop.spreadsheet.reading import Row

HEAD, SELF = "02", "01"
_SEX_NAMES = {"1": "男", "2": "女"}
_CAUSE_SPLIT = re.compile(r"[、,，;；/\s]+")
_WARNED_ID_ISSUES = frozenset({"id.upgraded_15", "id.region_unknown"})
# Member fields coded by a list: an unknown name is a warning and the field stays empty.
_SOFT_CODED = ("education", "health", "labour", "school_status")
SURVEY_FIELDS = (*INCOME_FIELDS, "household_size", "hardship_causes", "survey_date", "surveyor", "needs")


@dataclass(frozen=True)
class RowNote:
    """A refusal or warning: the spreadsheet row number and the reason in Chinese."""

    row: int
    reason: str


@dataclass
class RosterMember:
    row: int
    name: str
    id_number: str  # normalised, valid
    sex: str  # from the ID number
    birth_date: dt.date | None  # from the ID number
    relationship: str
    values: dict[str, object] = field(default_factory=dict)  # ethnicity, education, … phone: given cells only


@dataclass
class RosterHousehold:
    head_row: int
    rows: list[int]
    members: list[RosterMember]
    township: str = ""
    village: str = ""
    values: dict[str, object] = field(default_factory=dict)  # household_no, address, notes: given cells only
    survey: dict[str, object] | None = None  # incomes, household_size, …; None when the row has none
    member_roster: bool = False  # rows are members with their relationship (else one row per household)

    @property
    def head(self) -> RosterMember:
        return self.members[0]


@dataclass
class Interpretation:
    households: list[RosterHousehold]
    rejected: list[RowNote]
    warnings: list[RowNote]


@dataclass
class _Parsed:
    row: int
    member: RosterMember | None
    head_key: str  # 户主身份证号 as written (normalised), for grouping
    starts_household: bool  # a 户主 row, or no relationship written (member rosters)
    household: dict[str, object]
    survey: dict[str, object]
    errors: list[str]
    warnings: list[str]


class _Cells:
    """One row's mapped cells by field key (looked up many times per row, so built once)."""

    __slots__ = ("values",)

    def __init__(self, values: Row, columns: tuple[tuple[str, int], ...]) -> None:
        width = len(values)
        self.values = {key: values[index] if index < width else None for key, index in columns}

    def get(self, key: str) -> object:
        return self.values.get(key)


def _amount(raw: object, key: str) -> tuple[int | None, list[str]]:
    """Whole yuan, or the reasons it is refused. Plain integer cells (most of a big roster) skip parsing."""
    if type(raw) is int:
        if raw < 0:
            return None, [f"{FIELDS_BY_KEY[key].label}：金额 {raw} 不能为负数"]
        if raw <= MAX_AMOUNT:
            return raw, []
    checked = parse_amount(raw, field=key)
    if not checked.ok:
        return None, [f"{FIELDS_BY_KEY[key].label}：{i.message}" for i in checked.issues if i.is_error]
    return checked.value, []


def _coded(codes: CodeList, value: object) -> str | None:
    return codes.code_for(value if isinstance(value, int | float | str) else cell_text(value))


class RowReader:
    """Parses one row's cells into member, household and survey values, collecting what is wrong."""

    def __init__(self, mapping: dict[str, int], today: dt.date) -> None:
        self.mapping = mapping
        self.today = today
        self.lists = code_lists()
        self.mapped = frozenset(mapping)
        self.columns = tuple(mapping.items())
        self._codes: dict[tuple[str, object], str | None] = {}

    def _coded(self, codes: CodeList, value: object) -> str | None:
        """``codes.code_for`` remembered per value: a column holds a handful of distinct values."""
        key = (codes.key, value)
        try:
            return self._codes[key]
        except KeyError:
            found = self._codes[key] = _coded(codes, value)
            return found
        except TypeError:  # an unhashable cell value (never from the readers, but cheap to allow)
            return _coded(codes, value)

    def parse(self, number: int, values: Row) -> _Parsed | None:
        cells = _Cells(values, self.columns)
        errors: list[str] = []
        warnings: list[str] = []
        name = name_text(cells.get("name"))
        raw_id = cells.get("id_number")
        if isinstance(raw_id, str):
            raw_id = raw_id.strip().lstrip("'‘’`")  # the apostrophe typed to make Excel keep it as text
        if not name and is_blank(raw_id):
            given = sum(1 for value in cells.values.values() if not is_blank(value))
            if given < 2:
                return None  # a stray note or an empty numbered line, not a person
            errors.append("缺少姓名和身份证号")
        elif not name:
            errors.append("缺少姓名")
        member = self._member(cells, number, name, raw_id, errors, warnings)
        household = self._household(cells)
        survey = self._survey(cells, errors, warnings)
        head_key = normalize_id_text(cell_text(cells.get("head_id_number")))
        # Decided from the cell even when the row is refused, so that a refused 户主 row still starts
        # its own household (and takes its members with it) instead of joining the one before.
        raw_relationship = cells.get("relationship")
        starts = is_blank(raw_relationship) or self._coded(self.lists.relationship, raw_relationship) in (
            HEAD,
            SELF,
        )
        return _Parsed(
            number,
            member,
            head_key,
            starts,
            household,
            survey,
            errors,
            warnings,
        )

    def _member(
        self, cells: _Cells, number: int, name: str, raw_id: object, errors: list[str], warnings: list[str]
    ) -> RosterMember | None:
        lists = self.lists
        id_number, sex, birth = "", "", None
        if is_blank(raw_id):
            if name:
                errors.append("缺少身份证号")
        else:
            # 18 plain digits (the usual case) cannot be a number Excel mangled: skip that check.
            plain = isinstance(raw_id, str) and len(raw_id) == 18 and raw_id[:17].isdigit()
            checked = (check_id_number if plain else check_id_number_cell)(raw_id, self.today)
            if not checked.ok:
                errors += [i.message for i in checked.issues if i.is_error]
            else:
                id_number, sex, birth = checked.normalized or "", checked.sex or "", checked.birth_date
                warnings += [i.message for i in checked.issues if i.code in _WARNED_ID_ISSUES]
        values: dict[str, object] = {}
        raw_sex = cells.get("sex")
        if not is_blank(raw_sex):
            given = self._coded(lists.sex, raw_sex)
            if given is None:
                warnings.append(
                    f"性别“{cell_text(raw_sex)}”无法识别，已按身份证号记为{_SEX_NAMES.get(sex, '')}"
                )
            elif sex and given != sex:
                warnings.append(
                    f"性别填写为“{cell_text(raw_sex)}”，与身份证号不一致，已按身份证号记为{_SEX_NAMES[sex]}"
                )
        raw_birth = cells.get("birth_date")
        if not is_blank(raw_birth):
            try:
                written = parse_date(raw_birth)
            except CellError as exc:
                errors.append(f"出生日期：{exc}")
            else:
                if written is not None and written > self.today:
                    errors.append(f"出生日期 {written.isoformat()} 晚于今天")
                elif written is not None and written < EARLIEST_BIRTH:
                    errors.append(f"出生日期 {written.isoformat()} 早于 1900 年")
                elif written is not None and birth is not None and written != birth:
                    shown, derived = written.isoformat(), birth.isoformat()
                    warnings.append(f"出生日期 {shown} 与身份证号（{derived}）不一致，已按身份证号")
        raw_ethnicity = cells.get("ethnicity")
        if "ethnicity" in self.mapped:
            if is_blank(raw_ethnicity):
                values["ethnicity"] = ""
            else:
                code = self._coded(lists.ethnicity, raw_ethnicity)
                if code is None:
                    errors.append(f"民族“{cell_text(raw_ethnicity)}”无法识别")
                else:
                    values["ethnicity"] = code
        relationship = ""
        raw_relationship = cells.get("relationship")
        if not is_blank(raw_relationship):
            code = self._coded(lists.relationship, raw_relationship)
            if code is None:
                errors.append(f"与户主关系“{cell_text(raw_relationship)}”无法识别")
            else:
                relationship = code
        for key in _SOFT_CODED:
            if key not in self.mapped:
                continue
            raw = cells.get(key)
            codes: CodeList = getattr(lists, key)
            code = "" if is_blank(raw) else self._coded(codes, raw)
            if code is None:
                warnings.append(f"{FIELDS_BY_KEY[key].label}“{cell_text(raw)}”无法识别，未导入这一项")
                code = ""
            values[key] = code
        if "work_away_months" in self.mapped:
            try:
                months = parse_count(cells.get("work_away_months"), "务工月数")
            except CellError as exc:
                errors.append(str(exc))
            else:
                if months is not None and months > 12:
                    errors.append(f"务工月数 {months} 不合理（应在 0 到 12 之间）")
                values["work_away_months"] = months
        if "phone" in self.mapped:
            raw_phone = cell_text(cells.get("phone"))
            phone = check_phone(raw_phone)
            if phone.issues and any(i.is_error for i in phone.issues):
                warnings.append(f"联系电话“{raw_phone}”不是有效号码，未导入")
                values["phone"] = ""
            else:
                values["phone"] = phone.normalized
        if errors:
            return None
        return RosterMember(number, name, id_number, sex, birth, relationship, values)

    def _household(self, cells: _Cells) -> dict[str, object]:
        values: dict[str, object] = {}
        for key in ("township", "village"):
            if key in self.mapped:
                values[key] = "".join(cell_text(cells.get(key)).split())
        for key in ("household_no", "address", "notes"):
            if key in self.mapped and not is_blank(cells.get(key)):
                values[key] = cell_text(cells.get(key))
        return values

    def _survey(self, cells: _Cells, errors: list[str], warnings: list[str]) -> dict[str, object]:
        survey: dict[str, object] = {}
        for key in INCOME_FIELDS:
            raw = cells.get(key)
            if key not in self.mapped or is_blank(raw):
                continue
            value, refused = _amount(raw, key)
            if refused:
                errors += refused
            else:
                survey[key] = value
        raw_size = cells.get("household_size")
        if not is_blank(raw_size):
            try:
                survey["household_size"] = parse_count(raw_size, "家庭人口")
            except CellError as exc:
                errors.append(str(exc))
        raw_causes = cells.get("hardship_causes")
        if not is_blank(raw_causes):
            causes = []
            for part in _CAUSE_SPLIT.split(cell_text(raw_causes)):
                if not part:
                    continue
                code = self.lists.hardship_cause.code_for(part)
                if code is None:
                    warnings.append(f"致贫原因“{part}”无法识别，未导入这一项")
                elif code not in causes:
                    causes.append(code)
            survey["hardship_causes"] = tuple(causes)
        raw_date = cells.get("survey_date")
        if not is_blank(raw_date):
            try:
                when = parse_date(raw_date)
            except CellError as exc:
                warnings.append(f"调查日期：{exc}，未导入")
            else:
                if when is not None and when > self.today:
                    warnings.append(f"调查日期 {when.isoformat()} 晚于今天，未导入")
                else:
                    survey["survey_date"] = when
        for key in ("surveyor", "needs"):
            if not is_blank(cells.get(key)):
                survey[key] = cell_text(cells.get(key))
        return survey


def _refuse_duplicates(parsed: Sequence[_Parsed]) -> None:
    rows_by_id: dict[str, list[int]] = {}
    for item in parsed:
        if item.member is not None and item.member.id_number:
            rows_by_id.setdefault(item.member.id_number, []).append(item.row)
    for item in parsed:
        if item.member is None:
            continue
        rows = rows_by_id.get(item.member.id_number, [])
        if len(rows) > 1:
            others = "、".join(str(r) for r in rows if r != item.row)
            item.errors.append(f"身份证号在本文件中重复出现（另见第 {others} 行）")
            item.member = None


def _groups(parsed: list[_Parsed], mapping: dict[str, int]) -> tuple[list[list[_Parsed]], list[RowNote]]:
    """Rows grouped into households (head first); rows that belong to no household are refused."""
    orphans: list[RowNote] = []
    if "head_id_number" in mapping:
        by_head: dict[str, list[_Parsed]] = {}
        for item in parsed:
            own = item.member.id_number if item.member else ""
            key = item.head_key or own or f"row:{item.row}"
            by_head.setdefault(key, []).append(item)
        groups = []
        for key, items in by_head.items():
            heads = [i for i in items if i.member and (i.member.id_number == key or i.head_key == "")]
            if not heads:
                heads = [i for i in items if i.member and i.member.relationship in (HEAD, SELF)]
            if not heads and all(i.member for i in items):
                for item in items:
                    orphans.append(RowNote(item.row, f"找不到户主所在的行（户主身份证号 {key}）"))
                continue
            head = heads[0] if heads else items[0]
            groups.append([head, *[i for i in items if i is not head]])
        return groups, orphans
    if "relationship" in mapping:
        groups = []
        for item in parsed:
            is_head = item.starts_household
            if is_head or not groups:
                if not is_head and item.member is not None:
                    orphans.append(RowNote(item.row, "这一行之前没有户主行，无法确定属于哪一户"))
                    continue
                groups.append([item])
            else:
                groups[-1].append(item)
        return groups, orphans
    return [[item] for item in parsed], orphans


def _facts(household: RosterHousehold) -> HouseholdFacts:
    income = None
    if household.survey is not None:
        s = household.survey
        income = Income(
            int(s.get("income_wage") or 0),
            int(s.get("income_business") or 0),
            int(s.get("income_property") or 0),
            int(s.get("income_transfer") or 0),
            int(s.get("expense_business") or 0),
        )
    members = tuple(
        MemberFacts(
            name=m.name,
            relationship=m.relationship,
            sex=m.sex,
            birth_date=m.birth_date,
            education=str(m.values.get("education") or "") or None,
            school_status=str(m.values.get("school_status") or "") or None,
            work_away_months=m.values.get("work_away_months"),  # type: ignore[arg-type]
            labour=str(m.values.get("labour") or "") or None,
        )
        for m in household.members
    )
    return HouseholdFacts(members, income)


def _consistency(household: RosterHousehold, mapping: dict[str, int], today: dt.date) -> list[str]:
    """The 建档立卡 checks, less those about columns the roster does not have; per capita by 家庭人口."""
    facts = _facts(household)
    skipped = {"household.per_capita_out_of_range"}
    if "work_away_months" not in mapping:
        skipped.add("household.wage_without_work_away")
    found = [i.message for i in check_household(facts, today) if i.code not in skipped]
    survey = household.survey or {}
    if facts.income is not None and any(key in survey for key in INCOME_FIELDS):
        size = survey.get("household_size")
        people = size if isinstance(size, int) and size > 0 else len(household.members)
        per_capita = facts.income.per_capita(people)
        if per_capita is not None and not 0 < per_capita <= PER_CAPITA_MAX:
            found.append(
                f"年人均纯收入 {per_capita:,} 元不在合理范围内（应大于 0 且不超过 10 万元），"
                "请核对收入和家庭人口"
            )
    return found


def interpret(
    rows: Sequence[tuple[int, Row]], mapping: dict[str, int], today: dt.date | None = None
) -> Interpretation:
    """The households in the data rows under ``mapping`` (field key → column index)."""
    today = today or dt.date.today()
    reader = RowReader(mapping, today)
    parsed = [p for p in (reader.parse(number, values) for number, values in rows) if p is not None]
    _refuse_duplicates(parsed)
    groups, rejected = _groups(parsed, mapping)
    warnings: list[RowNote] = []
    households: list[RosterHousehold] = []
    member_roster = "relationship" in mapping or "head_id_number" in mapping
    for group in groups:
        bad = [item for item in group if item.errors or item.member is None]
        if bad:
            bad_rows = "、".join(str(item.row) for item in bad)
            for item in group:
                reason = "；".join(item.errors) if item.errors else f"同户第 {bad_rows} 行有错误，整户未导入"
                rejected.append(RowNote(item.row, reason))
            continue
        members = [item.member for item in group if item.member is not None]
        if not member_roster or not members[0].relationship:
            members[0].relationship = HEAD
        household = RosterHousehold(group[0].row, [item.row for item in group], members)
        household.member_roster = member_roster
        for key in ("township", "village"):
            value = next((str(i.household[key]) for i in group if i.household.get(key)), "")
            setattr(household, key, value)
        for key in ("household_no", "address", "notes"):
            value = group[0].household.get(key) or next(
                (i.household[key] for i in group if i.household.get(key)), None
            )
            if value is not None:
                household.values[key] = value
        survey = dict(group[0].survey) or next((dict(i.survey) for i in group if i.survey), {})
        household.survey = survey or None
        for item in group:
            warnings += [RowNote(item.row, text) for text in item.warnings]
        warnings += [RowNote(household.head_row, text) for text in _consistency(household, mapping, today)]
        households.append(household)
    rejected.sort(key=lambda note: note.row)
    warnings.sort(key=lambda note: note.row)
    return Interpretation(households, rejected, warnings)
