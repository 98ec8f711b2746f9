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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from huimin_desktop import messages
from huimin_desktop.domain.amounts import MAX_AMOUNT, format_yuan, parse_amount, parse_wan_yuan
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
from huimin_desktop.domain.issues import Issue
from huimin_desktop.messages.catalog import CATALOG, Words
from huimin_desktop.spreadsheet.cells import (
    CellError,
    cell_text,
    is_blank,
    name_text,
    parse_count,
    parse_date,
)
from huimin_desktop.spreadsheet.fields import (
    CHECK_LABELS,
    CHECK_LABELS_EN,
    ENGLISH_LABELS,
    FIELDS_BY_KEY,
    INCOME_FIELDS,
    NET_INCOME,
    PER_CAPITA,
    TOTAL_INCOME,
)
from huimin_desktop.spreadsheet.reading import Row

HEAD, SELF = "02", "01"
_SEX_NAMES = {"1": Words("男", "male"), "2": Words("女", "female")}
_CAUSE_SPLIT = re.compile(r"[、,，;；/\s]+")
_WARNED_ID_ISSUES = frozenset({"id.upgraded_15", "id.region_unknown"})
# Member fields coded by a list: an unknown name is a warning and the field stays empty.
_SOFT_CODED = ("education", "health", "labour", "school_status")
SURVEY_FIELDS = (*INCOME_FIELDS, "household_size", "hardship_causes", "survey_date", "surveyor", "needs")


@dataclass(frozen=True)
class RowNote:
    """A refusal or warning: the spreadsheet row number and the reason in Chinese (the refused rows'
    file keeps it), with its English where the reader words it in both languages."""

    row: int
    reason: str
    name: str = ""  # the name written in that row, when there is one
    english: str = ""  # "" where a part of the reason is worded in Chinese only

    @classmethod
    def of(cls, row: int, reasons: Sequence[Words], name: str = "") -> RowNote:
        """One note for a row's reasons, joined in each language; English only when every part has it."""
        english = "; ".join(r.en for r in reasons) if all(r.en for r in reasons) else ""
        return cls(row, "；".join(r.zh for r in reasons), name, english)

    def said(self) -> str:
        """The reason in the current language (``--lang en``), in Chinese where it has no English."""
        return self.english if self.english and messages.language() == messages.EN else self.reason


def field_words(key: str) -> Words:
    """A roster field's name: 工资性收入 / wage income."""
    return Words(FIELDS_BY_KEY[key].label, ENGLISH_LABELS[key])


def _labelled(label: Words, reason: Words) -> Words:
    """工资性收入：金额… / Wage income: the amount… (English only when the reason has it)."""
    said = reason.en[:1].lower() + reason.en[1:] if reason.en[1:2].islower() else reason.en  # "The …"
    english = f"{label.en[:1].upper()}{label.en[1:]}: {said}" if reason.en else ""
    return Words(f"{label.zh}：{reason.zh}", english)


def issue_words(issue: Issue) -> Words:
    """A validation issue's message in both languages, by its code in the catalog."""
    english = ""
    if issue.code in CATALOG:
        try:
            english = messages.text(issue.code, issue.params, messages.EN)
        except (KeyError, IndexError, ValueError):  # a parameter the validator does not give
            english = ""
    return Words(issue.message, english)


@dataclass(frozen=True)
class Context:
    """What a row is read against besides the mapping: the columns the import checks totals against
    (role → column), the columns not imported (index → “第 K 列“其他收入””) and amounts in 万元."""

    checks: dict[str, int] = field(default_factory=dict)
    unmapped: dict[int, Words] = field(default_factory=dict)
    scales: dict[int, int] = field(default_factory=dict)  # column → 10,000 for 万元


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
    own_key: str  # the row's own ID number as written (normalised), for grouping
    starts_household: bool  # a 户主 row, or no relationship written (member rosters)
    household: dict[str, object]
    survey: dict[str, object]
    errors: list[Words]
    warnings: list[Words]
    name: str = ""


class _Cells:
    """One row's mapped cells by field key (looked up many times per row, so built once)."""

    __slots__ = ("values",)

    def __init__(self, values: Row, columns: tuple[tuple[str, int], ...]) -> None:
        width = len(values)
        self.values = {key: values[index] if index < width else None for key, index in columns}

    def get(self, key: str) -> object:
        return self.values.get(key)


def _amount(raw: object, key: str, scale: int = 1) -> tuple[int | None, list[Words]]:
    """Whole yuan, or the reasons it is refused. Plain integer cells (most of a big roster) skip parsing."""
    if type(raw) is int and scale == 1:
        if raw < 0:
            negative = Words(f"金额 {raw} 不能为负数", f"the amount {raw} cannot be negative")
            return None, [_labelled(field_words(key), negative)]
        if raw <= MAX_AMOUNT:
            return raw, []
    checked = (parse_wan_yuan if scale == 10_000 else parse_amount)(raw, field=key)
    if not checked.ok:
        label = field_words(key)
        return None, [_labelled(label, issue_words(i)) for i in checked.issues if i.is_error]
    return checked.value, []


def _signed_amount(raw: object, scale: int) -> int | None:
    """A total or an unmapped column's number, negative ones too; None when it is no amount."""
    checked = (parse_wan_yuan if scale == 10_000 else parse_amount)(raw, allow_negative=True)
    return checked.value if checked.ok else None


def _coded(codes: CodeList, value: object) -> str | None:
    return codes.code_for(value if isinstance(value, int | float | str) else cell_text(value))


class RowReader:
    """Parses one row's cells into member, household and survey values, collecting what is wrong."""

    def __init__(self, mapping: dict[str, int], today: dt.date, context: Context | None = None) -> None:
        self.mapping = mapping
        self.context = context or Context()
        self.scales = {key: self.context.scales.get(index, 1) for key, index in mapping.items()}
        self.check_totals = bool(self.context.checks) and any(key in mapping for key in INCOME_FIELDS)
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
        errors: list[Words] = []
        warnings: list[Words] = []
        name = name_text(cells.get("name"))
        raw_id = cells.get("id_number")
        if isinstance(raw_id, str):
            raw_id = raw_id.strip().lstrip("'‘’`")  # the apostrophe typed to make Excel keep it as text
        if not name and is_blank(raw_id):
            given = sum(1 for value in cells.values.values() if not is_blank(value))
            if given < 2:
                return None  # a stray note or an empty numbered line, not a person
            errors.append(Words("缺少姓名和身份证号", "The name and the ID number are missing"))
        elif not name:
            errors.append(Words("缺少姓名", "The name is missing"))
        member = self._member(cells, number, name, raw_id, errors, warnings)
        household = self._household(cells)
        survey = self._survey(cells, errors, warnings)
        if self.check_totals and not errors:
            warnings += self._totals(values, survey)
        raw_head = cells.get("head_id_number")
        head_key = "" if is_blank(raw_head) else id_key(raw_head)
        own_key = "" if is_blank(raw_id) else id_key(raw_id)
        # Decided from the cell even when the row is refused, so that a refused 户主 row still starts
        # its own household (and takes its members with it) instead of joining the one before.
        raw_relationship = cells.get("relationship")
        starts = is_blank(raw_relationship) or self._coded(self.lists.relationship, raw_relationship) in (
            HEAD,
            SELF,
        )
        return _Parsed(number, member, head_key, own_key, starts, household, survey, errors, warnings, name)

    def _member(
        self,
        cells: _Cells,
        number: int,
        name: str,
        raw_id: object,
        errors: list[Words],
        warnings: list[Words],
    ) -> RosterMember | None:
        id_number, sex, birth = self._identity(raw_id, name, errors, warnings)
        self._check_sex(cells.get("sex"), sex, warnings)
        self._check_birth(cells.get("birth_date"), birth, errors, warnings)
        values: dict[str, object] = {}
        if "ethnicity" in self.mapped:
            self._ethnicity(cells.get("ethnicity"), values, errors)
        relationship = ""
        raw_relationship = cells.get("relationship")
        if not is_blank(raw_relationship):
            code = self._coded(self.lists.relationship, raw_relationship)
            if code is None:
                written = cell_text(raw_relationship)
                errors.append(
                    Words(
                        f"与户主关系“{written}”无法识别",
                        f"The relationship to the head “{written}” is unknown",
                    )
                )
            else:
                relationship = code
        self._soft_codes(cells, values, warnings)
        if "work_away_months" in self.mapped:
            self._work_away(cells.get("work_away_months"), values, errors)
        if "phone" in self.mapped:
            raw_phone = cell_text(cells.get("phone"))
            phone = check_phone(raw_phone)
            if phone.issues and any(i.is_error for i in phone.issues):
                warnings.append(
                    Words(
                        f"联系电话“{raw_phone}”不是有效号码，未导入",
                        f"The phone “{raw_phone}” is not a valid number; not imported",
                    )
                )
                values["phone"] = ""
            else:
                values["phone"] = phone.normalized
        if errors:
            return None
        return RosterMember(number, name, id_number, sex, birth, relationship, values)

    def _identity(
        self, raw_id: object, name: str, errors: list[Words], warnings: list[Words]
    ) -> tuple[str, str, dt.date | None]:
        """(ID number, sex, birth date) from the ID cell; ("", "", None) when it is blank or wrong."""
        if is_blank(raw_id):
            if name:
                errors.append(Words("缺少身份证号", "The ID number is missing"))
            return "", "", None
        # 18 plain digits (the usual case) cannot be a number Excel mangled: skip that check.
        if isinstance(raw_id, str) and len(raw_id) == 18 and raw_id[:17].isdigit():
            checked = check_id_number(raw_id, self.today)
        else:
            checked = check_id_number_cell(raw_id, self.today)
        if not checked.ok:
            errors += [issue_words(i) for i in checked.issues if i.is_error]
            return "", "", None
        warnings += [issue_words(i) for i in checked.issues if i.code in _WARNED_ID_ISSUES]
        return checked.normalized or "", checked.sex or "", checked.birth_date

    def _check_sex(self, raw_sex: object, sex: str, warnings: list[Words]) -> None:
        if is_blank(raw_sex):
            return
        given = self._coded(self.lists.sex, raw_sex)
        written, kept = cell_text(raw_sex), _SEX_NAMES.get(sex, Words("", ""))
        if given is None:
            warnings.append(
                Words(
                    f"性别“{written}”无法识别，已按身份证号记为{kept.zh}",
                    f"The sex “{written}” is unknown; recorded as {kept.en or '-'} by the ID number",
                )
            )
        elif sex and given != sex:
            warnings.append(
                Words(
                    f"性别填写为“{written}”，与身份证号不一致，已按身份证号记为{kept.zh}",
                    f"The sex is written “{written}”, unlike the ID number's; recorded as {kept.en}",
                )
            )

    def _check_birth(
        self, raw_birth: object, birth: dt.date | None, errors: list[Words], warnings: list[Words]
    ) -> None:
        if is_blank(raw_birth):
            return
        try:
            written = parse_date(raw_birth)
        except CellError as exc:
            errors.append(_labelled(field_words("birth_date"), exc.words))
            return
        if written is None:
            return
        shown = written.isoformat()
        if written > self.today:
            errors.append(Words(f"出生日期 {shown} 晚于今天", f"The birth date {shown} is after today"))
        elif written < EARLIEST_BIRTH:
            errors.append(Words(f"出生日期 {shown} 早于 1900 年", f"The birth date {shown} is before 1900"))
        elif birth is not None and written != birth:
            derived = birth.isoformat()
            warnings.append(
                Words(
                    f"出生日期 {shown} 与身份证号（{derived}）不一致，已按身份证号",
                    f"The birth date {shown} differs from the ID number's ({derived}), which is kept",
                )
            )

    def _ethnicity(self, raw: object, values: dict[str, object], errors: list[Words]) -> None:
        if is_blank(raw):
            values["ethnicity"] = ""
            return
        code = self._coded(self.lists.ethnicity, raw)
        if code is None:
            written = cell_text(raw)
            errors.append(Words(f"民族“{written}”无法识别", f"The ethnicity “{written}” is unknown"))
        else:
            values["ethnicity"] = code

    def _soft_codes(self, cells: _Cells, values: dict[str, object], warnings: list[Words]) -> None:
        for key in _SOFT_CODED:
            if key not in self.mapped:
                continue
            raw = cells.get(key)
            codes: CodeList = getattr(self.lists, key)
            code = "" if is_blank(raw) else self._coded(codes, raw)
            if code is None:
                label, written = field_words(key), cell_text(raw)
                warnings.append(
                    Words(
                        f"{label.zh}“{written}”无法识别，未导入这一项",
                        f"The {label.en} “{written}” is unknown; not imported",
                    )
                )
                code = ""
            values[key] = code

    def _work_away(self, raw: object, values: dict[str, object], errors: list[Words]) -> None:
        try:
            months = parse_count(raw, field_words("work_away_months"))
        except CellError as exc:
            errors.append(exc.words)
            return
        if months is not None and months > 12:
            errors.append(
                Words(
                    f"务工月数 {months} 不合理（应在 0 到 12 之间）",
                    f"{months} months worked away cannot be right (0 to 12)",
                )
            )
        values["work_away_months"] = months

    def _totals(self, values: Row, survey: dict[str, object]) -> list[Words]:
        """Each total column the sheet has against the sum of the parts the import takes."""
        income = Income(*_parts(survey))
        found: list[Words] = []
        for role, index in self.context.checks.items():
            raw = values[index] if index < len(values) else None
            if is_blank(raw):
                continue
            written = _signed_amount(raw, self.context.scales.get(index, 1))
            if written is None:
                continue
            if role == PER_CAPITA:
                size = survey.get("household_size")
                expected = income.per_capita(size) if isinstance(size, int) else None
                if expected is None or abs(written - expected) <= 1:
                    continue
            else:
                expected = income.total if role == TOTAL_INCOME else income.net
                if written == expected:
                    continue
            found.append(self._mismatch(role, written, expected, values))
        return found

    def _mismatch(self, role: str, written: int, expected: int, values: Row) -> Words:
        parts = _PARTS[role]
        shown, sum_, gap = format_yuan(written), format_yuan(expected), format_yuan(written - expected)
        zh = f"{CHECK_LABELS[role]} {shown} 元与{parts.zh} {sum_} 元不符（相差 {gap} 元）"
        en = (
            f"The {CHECK_LABELS_EN[role]}, {shown} yuan, differs from {parts.en}, {sum_} yuan (by {gap} yuan)"
        )
        difference = abs(written - expected)
        for index, label in self.context.unmapped.items():
            raw = values[index] if index < len(values) else None
            if is_blank(raw) or role == PER_CAPITA:
                continue
            value = _signed_amount(raw, self.context.scales.get(index, 1))
            if value is not None and abs(value) == difference:
                cell = cell_text(raw)
                return Words(
                    f"{zh}：可能少导入了{label.zh}（本行为 {cell}），请在列对应中指定它",
                    f"{en}: perhaps {label.en} was not imported (this row: {cell}); match it to a field",
                )
        return Words(
            f"{zh}，请核对是否有收入列未导入或数字填错",
            f"{en}: check for an income column not imported or a mistyped number",
        )

    def _household(self, cells: _Cells) -> dict[str, object]:
        values: dict[str, object] = {}
        for key in ("township", "village"):
            if key in self.mapped:
                values[key] = "".join(cell_text(cells.get(key)).split())
        for key in ("household_no", "address", "notes"):
            if key in self.mapped and not is_blank(cells.get(key)):
                values[key] = cell_text(cells.get(key))
        return values

    def _survey(self, cells: _Cells, errors: list[Words], warnings: list[Words]) -> dict[str, object]:
        survey: dict[str, object] = {}
        for key in INCOME_FIELDS:
            raw = cells.get(key)
            if key not in self.mapped or is_blank(raw):
                continue
            value, refused = _amount(raw, key, self.scales.get(key, 1))
            if refused:
                errors += refused
            else:
                survey[key] = value
        raw_size = cells.get("household_size")
        if not is_blank(raw_size):
            try:
                survey["household_size"] = parse_count(raw_size, field_words("household_size"))
            except CellError as exc:
                errors.append(exc.words)
        raw_causes = cells.get("hardship_causes")
        if not is_blank(raw_causes):
            survey["hardship_causes"] = self._causes(raw_causes, warnings)
        raw_date = cells.get("survey_date")
        if not is_blank(raw_date):
            self._survey_date(raw_date, survey, warnings)
        for key in ("surveyor", "needs"):
            if not is_blank(cells.get(key)):
                survey[key] = cell_text(cells.get(key))
        return survey

    def _causes(self, raw: object, warnings: list[Words]) -> tuple[str, ...]:
        causes: list[str] = []
        for part in _CAUSE_SPLIT.split(cell_text(raw)):
            if not part:
                continue
            code = self.lists.hardship_cause.code_for(part)
            if code is None:
                warnings.append(
                    Words(
                        f"致贫原因“{part}”无法识别，未导入这一项",
                        f"The cause of hardship “{part}” is unknown; not imported",
                    )
                )
            elif code not in causes:
                causes.append(code)
        return tuple(causes)

    def _survey_date(self, raw: object, survey: dict[str, object], warnings: list[Words]) -> None:
        try:
            when = parse_date(raw)
        except CellError as exc:
            label = field_words("survey_date")
            warnings.append(_labelled(label, Words(f"{exc}，未导入", f"{exc.words.en}; not imported")))
            return
        if when is not None and when > self.today:
            shown = when.isoformat()
            warnings.append(
                Words(
                    f"调查日期 {shown} 晚于今天，未导入",
                    f"The survey date {shown} is after today; not imported",
                )
            )
        else:
            survey["survey_date"] = when


def id_key(raw: object) -> str:
    """An ID cell as the text grouping and duplicate checks compare (15 digits upgraded to 18)."""
    if isinstance(raw, str) and len(raw) == 18 and raw[:17].isdigit():
        return raw.upper()  # the usual cell: nothing to normalise
    text = normalize_id_text(cell_text(raw).strip().lstrip("'‘’`"))
    if len(text) == 15 and text.isdigit():
        upgraded = check_id_number_cell(text).normalized
        return upgraded or text
    return text


@dataclass
class _Prepass:
    """What one quick pass over the ID columns tells before any row is parsed: the ID numbers written
    more than once (and where), and for rows grouped by 户主身份证号 how many rows each household has."""

    duplicates: dict[str, list[int]]
    group_sizes: dict[str, int]

    @classmethod
    def read(cls, rows: Iterable[tuple[int, Row]], mapping: dict[str, int]) -> _Prepass:
        column = mapping.get("id_number")
        head_column = mapping.get("head_id_number")
        first: dict[str, int] = {}
        duplicates: dict[str, list[int]] = {}
        sizes: dict[str, int] = {}
        for number, values in rows:
            width = len(values)
            raw = values[column] if column is not None and column < width else None
            own = "" if is_blank(raw) else id_key(raw)
            if own:
                seen = first.setdefault(own, number)
                if seen != number:
                    duplicates.setdefault(own, [seen]).append(number)
            if head_column is not None:
                head = values[head_column] if head_column < width else None
                key = (id_key(head) if not is_blank(head) else "") or own or f"row:{number}"
                sizes[key] = sizes.get(key, 0) + 1
        return cls(duplicates, sizes)


def _refuse_duplicate(item: _Parsed, duplicates: dict[str, list[int]]) -> None:
    if item.member is None or item.member.id_number not in duplicates:
        return
    others = [str(r) for r in duplicates[item.member.id_number] if r != item.row]
    item.errors.append(
        Words(
            f"身份证号在本文件中重复出现（另见第 {'、'.join(others)} 行）",
            f"The ID number appears more than once in this file (see also row {', '.join(others)})",
        )
    )
    item.member = None


def _head_group(key: str, items: list[_Parsed]) -> tuple[list[_Parsed] | None, list[RowNote]]:
    """One household of rows grouped by 户主身份证号, head first; or its rows refused without a head."""
    heads = [i for i in items if i.member and (i.member.id_number == key or i.head_key == "")]
    if not heads:
        heads = [i for i in items if i.member and i.member.relationship in (HEAD, SELF)]
    if not heads and all(i.member for i in items):
        reason = Words(
            f"找不到户主所在的行（户主身份证号 {key}）", f"No row holds the head (the head's ID number {key})"
        )
        return None, [RowNote.of(i.row, [reason], i.name) for i in items]
    head = heads[0] if heads else items[0]
    return [head, *[i for i in items if i is not head]], []


def _groups(
    parsed: Iterable[_Parsed], mapping: dict[str, int], sizes: dict[str, int], orphans: list[RowNote]
) -> Iterator[list[_Parsed]]:
    """Rows grouped into households (head first), each as soon as it is complete; rows that belong to no
    household go to ``orphans``."""
    if "head_id_number" in mapping:
        return _groups_by_head_id(parsed, sizes, orphans)
    if "relationship" in mapping:
        return _groups_by_relationship(parsed, orphans)
    return ([item] for item in parsed)


def _groups_by_head_id(
    parsed: Iterable[_Parsed], sizes: dict[str, int], orphans: list[RowNote]
) -> Iterator[list[_Parsed]]:
    """Rows of one 户主身份证号 together, in any order: a household is complete when it has as many rows
    as the pre-pass counted (rosters list families together, so few wait)."""
    pending: dict[str, list[_Parsed]] = {}
    for item in parsed:
        key = item.head_key or item.own_key or f"row:{item.row}"
        items = pending.setdefault(key, [])
        items.append(item)
        if len(items) >= sizes.get(key, 1):
            group, refused = _head_group(key, pending.pop(key))
            orphans += refused
            if group is not None:
                yield group
    for key, items in pending.items():
        group, refused = _head_group(key, items)
        orphans += refused
        if group is not None:
            yield group


def _groups_by_relationship(parsed: Iterable[_Parsed], orphans: list[RowNote]) -> Iterator[list[_Parsed]]:
    """A 户主 row starts a household; the rows after it are its members."""
    current: list[_Parsed] = []
    for item in parsed:
        if item.starts_household:
            if current:
                yield current
            current = [item]
        elif current:
            current.append(item)
        elif item.member is not None:
            orphans.append(RowNote.of(item.row, [_NO_HEAD_BEFORE], item.name))
        else:
            current = [item]
    if current:
        yield current


_PARTS = {  # what a total column is checked against
    TOTAL_INCOME: Words("各项收入之和", "the sum of the incomes"),
    NET_INCOME: Words("各项收入减生产经营性支出", "the incomes less the business expense"),
    PER_CAPITA: Words("纯收入除以家庭人口", "the net income divided by the household size"),
}
_NO_HEAD_BEFORE = Words(
    "这一行之前没有户主行，无法确定属于哪一户",
    "No head's row comes before this row: its household is unknown",
)


def _parts(survey: dict[str, object]) -> list[int]:
    """The four incomes and the business expense a survey holds (0 for those not given)."""
    return [value if isinstance(value := survey.get(key), int) else 0 for key in INCOME_FIELDS]


def _facts(household: RosterHousehold) -> HouseholdFacts:
    income = None
    if household.survey is not None:
        income = Income(*_parts(household.survey))
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


def _consistency(household: RosterHousehold, mapping: dict[str, int], today: dt.date) -> list[Words]:
    """The 建档立卡 checks, less those about columns the roster does not have; per capita by 家庭人口."""
    facts = _facts(household)
    skipped = {"household.per_capita_out_of_range"}
    if "work_away_months" not in mapping:
        skipped.add("household.wage_without_work_away")
    found = [issue_words(i) for i in check_household(facts, today) if i.code not in skipped]
    survey = household.survey or {}
    if facts.income is not None and any(key in survey for key in INCOME_FIELDS):
        size = survey.get("household_size")
        people = size if isinstance(size, int) and size > 0 else len(household.members)
        per_capita = facts.income.per_capita(people)
        if per_capita is not None and not 0 < per_capita <= PER_CAPITA_MAX:
            found.append(
                Words(
                    f"年人均纯收入 {per_capita:,} 元不在合理范围内（应大于 0 且不超过 10 万元），"
                    "请核对收入和家庭人口",
                    f"The yearly net income per person, {per_capita:,} yuan, is out of range (above 0, at "
                    "most 100,000 yuan): check the incomes and the household size",
                )
            )
    return found


BATCH_HOUSEHOLDS = 1000


def interpret(
    rows: Iterable[tuple[int, Row]],
    mapping: dict[str, int],
    today: dt.date | None = None,
    context: Context | None = None,
) -> Interpretation:
    """The households in the data rows under ``mapping`` (field key → column index), all at once."""
    result = Interpretation([], [], [])
    for batch in interpret_batches(rows, mapping, today, context):
        result.households += batch.households
        result.rejected += batch.rejected
        result.warnings += batch.warnings
    result.rejected.sort(key=lambda note: note.row)
    result.warnings.sort(key=lambda note: note.row)
    return result


def interpret_batches(
    rows: Iterable[tuple[int, Row]],
    mapping: dict[str, int],
    today: dt.date | None = None,
    context: Context | None = None,
    prepass: _Prepass | None = None,
) -> Iterator[Interpretation]:
    """The households in batches of about ``BATCH_HOUSEHOLDS``, rows streamed: ``rows`` is iterated
    twice (a quick pass over the ID columns first), and only the current batch is held."""
    today = today or dt.date.today()
    prepass = prepass or _Prepass.read(rows, mapping)
    reader = RowReader(mapping, today, context)
    member_roster = "relationship" in mapping or "head_id_number" in mapping

    def parsed() -> Iterator[_Parsed]:
        for number, values in rows:
            item = reader.parse(number, values)
            if item is not None:
                _refuse_duplicate(item, prepass.duplicates)
                yield item

    batch = Interpretation([], [], [])
    orphans: list[RowNote] = []  # rows of no household, as _groups finds them
    for group in _groups(parsed(), mapping, prepass.group_sizes, orphans):
        _household_of(group, batch, mapping, today, member_roster)
        if len(batch.households) + len(batch.rejected) >= BATCH_HOUSEHOLDS:
            batch.rejected += orphans
            orphans.clear()
            yield batch
            batch = Interpretation([], [], [])
    batch.rejected += orphans
    yield batch


def _household_of(
    group: list[_Parsed], batch: Interpretation, mapping: dict[str, int], today: dt.date, member_roster: bool
) -> None:
    """One group of rows as a household in ``batch``, or its rows refused there."""
    bad = [item for item in group if item.errors or item.member is None]
    if bad:
        rows = [str(item.row) for item in bad]
        household_refused = Words(
            f"同户第 {'、'.join(rows)} 行有错误，整户未导入",
            f"Row {', '.join(rows)} of the same household has errors: the household was not imported",
        )
        for item in group:
            batch.rejected.append(RowNote.of(item.row, item.errors or [household_refused], item.name))
        return
    members = [item.member for item in group if item.member is not None]
    if not member_roster or not members[0].relationship:
        members[0].relationship = HEAD
    household = RosterHousehold(group[0].row, [item.row for item in group], members)
    household.member_roster = member_roster
    for key in ("township", "village"):
        value = next((str(i.household[key]) for i in group if i.household.get(key)), "")
        setattr(household, key, value)
    for key in ("household_no", "address", "notes"):
        given = group[0].household.get(key) or next(
            (i.household[key] for i in group if i.household.get(key)), None
        )
        if given is not None:
            household.values[key] = given
    survey = dict(group[0].survey) or next((dict(i.survey) for i in group if i.survey), {})
    household.survey = survey or None
    for item in group:
        batch.warnings += [RowNote.of(item.row, [words], item.name) for words in item.warnings]
    head = members[0].name
    batch.warnings += [
        RowNote.of(household.head_row, [words], head) for words in _consistency(household, mapping, today)
    ]
    batch.households.append(household)
