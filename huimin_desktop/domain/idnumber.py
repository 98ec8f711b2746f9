"""GB 11643 citizen ID numbers (公民身份号码), checked by hand for this program's needs.

Why not python-stdnum's ``cn.ric``: it rejects a region code that did not exist in the holder's birth
year and accepts birth dates in the future. The region prefix is where a number was *issued*, so many
real Chaoyang adults carry historical prefixes (212201, 211323, 219006, ...): here an unknown or
historical prefix is a warning, never a rejection (shared/reference/README.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from huimin_desktop.domain.codelists import chaoyang_divisions
from huimin_desktop.domain.issues import Issue, Severity
from huimin_desktop.domain.text import compact

FIELD = "id_number"
# ISO 7064 MOD 11-2 as GB 11643 spells it out: weight 2^(17-i) mod 11 for positions 1..17.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
EARLIEST_BIRTH = dt.date(1900, 1, 1)

PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"}
    | {"71", "81", "82"}
)
# 朝阳地区 1980–83 (212201, 212221–212226), 凌源县 211323, 北票县 211326, 北票市 219006 (1989–94),
# 凌源市 219009 (1991–94). Numbers issued then are kept for life.
HISTORICAL_CHAOYANG_PREFIXES = frozenset(
    {"212201", "212221", "212222", "212223", "212224", "212225", "212226", "211323", "211326"}
    | {"219006", "219009"}
)
_WELL_FORMED = re.compile(r"\d+X?")
# What a number looks like after Excel stored it as a number and someone turned it back into text.
_NUMBER_AS_TEXT = re.compile(r"\d+\.\d*(E\+?\d+)?|\d+E\+?\d+", re.IGNORECASE)


@functools.cache
def current_chaoyang_prefixes() -> frozenset[str]:
    """朝阳市 and its county-level units today (GB/T 2260), from the shipped division list."""
    return frozenset(d.code for d in chaoyang_divisions() if d.level in ("city", "county"))


def check_character(first17: str) -> str:
    """The MOD 11-2 check character ("0"-"9" or "X") for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def upgrade_15(number15: str) -> str:
    """A 15-digit number (1984–1999, year without century) as its 18-digit form."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_character(first17)


@dataclass(frozen=True)
class IdNumberCheck:
    """What was typed, the number as stored (or None when unusable), what it says, and what is wrong."""

    text: str
    normalized: str | None
    birth_date: dt.date | None = None
    sex: str | None = None  # GB/T 2261.1: "1" male, "2" female, from the sequence digit's parity
    region_code: str | None = None  # where the number was issued, not where the person lives
    upgraded_from_15: bool = False
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(issue.is_error for issue in self.issues)


def _issue(code: str, message: str, severity: Severity = Severity.ERROR, **params: object) -> Issue:
    return Issue(code, message, severity, FIELD, dict(params))


def _refused(text: str, *issues: Issue) -> IdNumberCheck:
    return IdNumberCheck(text, None, issues=issues)


def normalize_id_text(text: str) -> str:
    """Spaces (ideographic too) removed, full-width to half-width, x → X. No other repair."""
    return compact(text).upper()


def _birth_date(digits: str) -> dt.date | None:
    try:
        return dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _date_issues(number: str, today: dt.date) -> tuple[dt.date | None, list[Issue]]:
    digits = number[6:14]
    # Spelled out by hand: strftime with CJK in the format is unreliable on Windows.
    shown = f"{digits[0:4]}年{digits[4:6]}月{digits[6:8]}日"
    birth = _birth_date(digits)
    if birth is None:
        return None, [
            _issue(
                "id.birth_date_invalid", f"身份证号中的出生日期（{shown}）不存在", date=digits, shown=shown
            )
        ]
    if birth > today:
        return None, [
            _issue(
                "id.birth_date_future", f"身份证号中的出生日期（{shown}）晚于今天", date=digits, shown=shown
            )
        ]
    if birth < EARLIEST_BIRTH:
        return None, [
            _issue(
                "id.birth_date_too_early",
                f"身份证号中的出生日期（{shown}）早于 1900 年",
                date=digits,
                shown=shown,
            )
        ]
    return birth, []


def _region_issues(region: str) -> list[Issue]:
    if region in current_chaoyang_prefixes():
        return []
    if region in HISTORICAL_CHAOYANG_PREFIXES:
        return [
            _issue(
                "id.region_historical",
                f"地区代码 {region} 是朝阳地区的历史行政区划代码（办证时的地区），身份证号可正常使用",
                Severity.WARNING,
                region=region,
            )
        ]
    if region[:2] not in PROVINCE_CODES:
        return [
            _issue(
                "id.region_unknown",
                f"身份证号前两位 {region[:2]} 不是省级行政区划代码，请核对身份证号",
                Severity.WARNING,
                region=region,
                province=region[:2],
            )
        ]
    return []  # somewhere else in China: the national list is not shipped, and it is no error


def check_id_number(text: str, today: dt.date | None = None) -> IdNumberCheck:
    """Check one ID number as typed. 15-digit numbers are upgraded (with a warning); region never refuses."""
    today = today or dt.date.today()
    text = text or ""
    cleaned = normalize_id_text(text)
    if not cleaned:
        return _refused(text, _issue("id.empty", "身份证号不能为空"))
    if not _WELL_FORMED.fullmatch(cleaned) or (len(cleaned) == 15 and cleaned.endswith("X")):
        return _refused(text, _issue("id.characters", "身份证号只能由数字组成，只有最后一位可以是 X"))
    if len(cleaned) not in (15, 18):
        return _refused(
            text,
            _issue(
                "id.length",
                f"身份证号应为 18 位（旧证 15 位），现在是 {len(cleaned)} 位",
                length=len(cleaned),
            ),
        )
    issues: list[Issue] = []
    upgraded = len(cleaned) == 15
    if upgraded:
        cleaned = upgrade_15(cleaned)
        issues.append(
            _issue(
                "id.upgraded_15", "15 位旧身份证号已按国家标准升级为 18 位，请核对新证号码", Severity.WARNING
            )
        )
    birth, errors = _date_issues(cleaned, today)
    # An upgraded number's check character is computed here, so it cannot be wrong.
    if not upgraded and check_character(cleaned[:17]) != cleaned[17]:
        errors.append(_issue("id.check_digit", "身份证号校验位不正确，请逐位核对是否输错"))
    if errors:
        return _refused(text, *errors)
    issues += _region_issues(cleaned[:6])
    sex = "1" if int(cleaned[16]) % 2 == 1 else "2"
    return IdNumberCheck(text, cleaned, birth, sex, cleaned[:6], upgraded, tuple(issues))


def check_id_number_cell(value: object, today: dt.date | None = None) -> IdNumberCheck:
    """An ID number as a spreadsheet cell holds it.

    A numeric cell means Excel stored the number as a number and kept only 15 significant digits: the
    last digits are gone, so the cell is refused with that explanation and never "repaired".
    """
    as_number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    text = "" if value is None else str(value)
    if as_number or _NUMBER_AS_TEXT.fullmatch(compact(text)):
        return _refused(
            text,
            _issue(
                "id.stored_as_number",
                "身份证号被 Excel 存成了数字：Excel 只保留 15 位有效数字，后几位已经丢失，无法恢复；"
                "请把这一列设为“文本”格式后重新输入身份证号",
            ),
        )
    return check_id_number(text, today)


def mask_id_number(number: str | None) -> str:
    """211381********0019: the issuing region and the last four, enough to tell people apart."""
    cleaned = normalize_id_text(number or "")
    if len(cleaned) <= 10:
        # Too short to be a real number: showing any part of it could reveal most of it.
        return "*" * len(cleaned)
    return cleaned[:6] + "*" * (len(cleaned) - 10) + cleaned[-4:]
