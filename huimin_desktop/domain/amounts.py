"""Money as people write it ("3,500", "4200元", "４２００", "0.35万"), kept as whole yuan (元) in integers.

Every amount in the database is an ``int`` of yuan: the survey forms and the official tables count in
whole yuan (project funds in 万元, which are still exact in yuan), and integers add up without the
float drift that would make a 合计 row disagree with its column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from huimin_desktop.domain.issues import Issue, Severity
from huimin_desktop.domain.text import compact

MAX_AMOUNT = 100_000_000  # yuan; more is a typing slip (an extra zero or two), not a village's money
WAN = 10_000
_WAN = Decimal(WAN)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
# Written units, longest first so that 万元 is not read as 万 followed by a stray 元.
_UNITS = (("万元", _WAN), ("万", _WAN), ("元", Decimal(1)))


@dataclass(frozen=True)
class AmountCheck:
    value: int | None  # whole yuan; None when nothing was written or the text is refused
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(issue.is_error for issue in self.issues)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not compact(value))


def _to_decimal(value: object, default_unit: Decimal) -> Decimal | None:
    """The amount in yuan as an exact Decimal, or None when it is not a number.

    Text may carry thousands separators (",", "，"), a currency sign and a unit (元, 万, 万元); a written
    unit wins over ``default_unit``.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value) * default_unit
    elif isinstance(value, float):
        # repr gives the shortest text that round-trips, so 3500.4 stays 3500.4, not 3500.40000000000009.
        number = Decimal(repr(value)) * default_unit
    else:
        text = compact(str(value)).replace(",", "").replace("¥", "")
        unit = default_unit
        for suffix, factor in _UNITS:
            if text.endswith(suffix):
                text, unit = text[: -len(suffix)], factor
                break
        if not _NUMBER.fullmatch(text):
            return None
        try:
            number = Decimal(text) * unit
        except InvalidOperation:
            return None
    return number if number.is_finite() else None


def _check(value: object, number: Decimal | None, field: str | None, allow_negative: bool) -> AmountCheck:
    params = {"value": str(value)}
    if number is None:
        return AmountCheck(
            None, (Issue("amount.not_a_number", f"金额“{value}”不是数字", Severity.ERROR, field, params),)
        )
    if number < 0 and not allow_negative:
        return AmountCheck(
            None, (Issue("amount.negative", f"金额 {value} 不能为负数", Severity.ERROR, field, params),)
        )
    if abs(number) > MAX_AMOUNT:
        return AmountCheck(
            None,
            (
                Issue(
                    "amount.too_large",
                    f"金额 {value} 超过 1 亿元，请核对是否多输了数字",
                    Severity.ERROR,
                    field,
                    params,
                ),
            ),
        )
    return AmountCheck(round_yuan(number))


def round_yuan(number: Decimal) -> int:
    """Half up to whole yuan, as accountants round (0.5 → 1), unlike Python's round-half-even."""
    return int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_amount(value: object, *, field: str | None = None, allow_negative: bool = False) -> AmountCheck:
    """An amount in yuan ("3,500", "4200元", 3500.4, "0.35万" …) as whole yuan. Blank is no issue."""
    if _is_blank(value):
        return AmountCheck(None)
    return _check(value, _to_decimal(value, Decimal(1)), field, allow_negative)


def parse_wan_yuan(value: object, *, field: str | None = None, allow_negative: bool = False) -> AmountCheck:
    """Project funds entered in 万元: "35.68" → 356800 yuan. A unit written in the text (元, 万) wins."""
    if _is_blank(value):
        return AmountCheck(None)
    return _check(value, _to_decimal(value, _WAN), field, allow_negative)


def format_yuan(value: int | None) -> str:
    """3500 → "3,500" (what parse_amount reads back); None → ""."""
    return "" if value is None else f"{value:,}"


def format_wan_yuan(value: int | None) -> str:
    """356800 → "35.68" (万元, exact: at most four decimals, trailing zeros dropped); None → ""."""
    if value is None:
        return ""
    text = f"{Decimal(value) / _WAN:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
