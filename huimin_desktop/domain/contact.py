"""Phone numbers as cadres type them: Chinese mobiles and landlines, checked, normalised and masked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from huimin_desktop.domain.issues import Issue, Severity
from huimin_desktop.domain.text import compact, to_halfwidth

PhoneKind = Literal["mobile", "landline"]

FIELD = "phone"
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area codes: 010 and 02x are three digits, every other one (0421 朝阳 included) four; the local
# number never starts with 0 or 1. Splitting this way makes the area code of a digit string unambiguous.
_LANDLINE = re.compile(r"(010|02\d|0[3-9]\d\d)([2-9]\d{6,7})")
_LOCAL = re.compile(r"[2-9]\d{6,7}")
# Characters people put inside a number: spaces, dashes of every width, brackets around the area code.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015()（）]")
# Characters that separate two numbers in one cell ("138…/0421…").
_SEVERAL = re.compile(r"[/、,;，；|或]")


@dataclass(frozen=True)
class PhoneCheck:
    """``normalized`` holds digits only; "" when no phone was given or the number is unusable."""

    normalized: str
    kind: PhoneKind | None = None
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(issue.is_error for issue in self.issues)


def _digits(raw: str) -> str:
    digits = _SEPARATORS.sub("", raw)
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
            # Dialled from abroad a landline drops its trunk 0 (+86 421 …); put it back.
            if digits[:1] in tuple("23456789"):
                digits = "0" + digits
            break
    return digits


def _invalid(raw: str, digits: str) -> PhoneCheck:
    if digits.isdigit() and digits.startswith("1"):
        message = f"手机号应为 11 位数字，现在是 {len(digits)} 位"
    elif digits.isdigit() and digits.startswith("0"):
        message = "固定电话应为区号加 7–8 位号码，例如 0421-2612345"
    else:
        message = "电话号码格式不对：手机号为 1 开头的 11 位数字，固定电话为区号加 7–8 位号码"
    return PhoneCheck("", None, (Issue("phone.invalid", message, Severity.ERROR, FIELD, {"text": raw}),))


def check_phone(text: str | None) -> PhoneCheck:
    """An empty phone is fine (the field is optional); anything else must be one real-looking number."""
    raw = to_halfwidth(text or "").strip()
    if not compact(raw):
        return PhoneCheck("")
    if len([part for part in _SEVERAL.split(raw) if compact(part)]) > 1:
        return PhoneCheck(
            "",
            None,
            (Issue("phone.multiple", "一个电话栏只能填写一个号码", Severity.ERROR, FIELD, {"text": raw}),),
        )
    digits = _digits(compact(raw))
    if _MOBILE.fullmatch(digits):
        return PhoneCheck(digits, "mobile")
    if _LANDLINE.fullmatch(digits) or _LOCAL.fullmatch(digits):
        # A bare local number is kept as typed: assuming 0421 would be wrong for 喀左 or a relative away.
        return PhoneCheck(digits, "landline")
    return _invalid(raw, digits)


def mask_phone(number: str | None) -> str:
    """138****5678 for a mobile; a landline keeps its area code and last four (0421***2345)."""
    digits = _digits(compact(to_halfwidth(number or "")))
    if _MOBILE.fullmatch(digits):
        return digits[:3] + "****" + digits[-4:]
    landline = _LANDLINE.fullmatch(digits)
    if landline:
        area, local = landline.groups()
        return area + "*" * (len(local) - 4) + local[-4:]
    if len(digits) < 7:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]
