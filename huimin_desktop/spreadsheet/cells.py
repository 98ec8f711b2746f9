"""Cell values as offices write them: text or numbers, dates in Chinese forms or as Excel serials.

Readers hand over plain Python values (None, str, int, float, datetime); these helpers turn one into
what a field needs and say in Chinese what is wrong when they cannot.
"""

from __future__ import annotations

import datetime as dt
import re

from huimin_desktop.domain.text import compact, squeeze_spaces
from huimin_desktop.messages.catalog import Words

# Excel's serial day numbers (1900 date system): 1 is 1900-01-01; the fictitious 1900-02-29 is serial 60.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 1, 2_958_465  # 9999-12-31
_DATE_PATTERNS = (
    re.compile(r"(\d{4})[年./\-](\d{1,2})[月./\-](\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})[年./\-](\d{1,2})月?()"),  # year and month only: the first of the month
)
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_COUNT = re.compile(r"(\d+)(?:\.0*)?(人|口|个|月|个月)?")


class CellError(ValueError):
    """A cell that cannot be read as what its column needs; the message is Chinese, ``words`` both."""

    def __init__(self, chinese: str, english: str) -> None:
        super().__init__(chinese)
        self.words = Words(chinese, english)


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        # Whitespace (ideographic too) and the zero-width characters that ride along with copy-paste.
        return not value.strip().strip(_INVISIBLE)
    return False


def cell_text(value: object) -> str:
    """Any cell as display text: numbers without a trailing “.0”, dates as ISO, spaces squeezed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return squeeze_spaces(str(value))


def name_text(value: object) -> str:
    """A person's name: every space removed (two-character names are often padded: “王  芳”)."""
    return "".join(cell_text(value).split())


def from_excel_serial(serial: float) -> dt.date:
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(value: object) -> dt.date | None:
    """A date cell: a date, an Excel serial, or text such as 2025年3月5日, 2025.3.5, 2025/03/05, 20250305.

    Blank is None; anything else unreadable or impossible raises CellError.
    """
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 19000101 <= value <= 99991231:  # 20250305 typed as a number
            digits = str(int(value))
            return _date_from_parts(digits, digits[:4], digits[4:6], digits[6:])
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            return from_excel_serial(value)
        raise _unknown_date(value)
    text = compact(str(value))
    if text.isdigit() and 3 <= len(text) <= 5:
        return from_excel_serial(int(text))  # a serial that became text (CSV saved from Excel)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            year, month, day = match.groups()
            return _date_from_parts(str(value), year, month, day or "1")
    raise _unknown_date(value)


def _unknown_date(value: object) -> CellError:
    shown = cell_text(value)
    return CellError(f"日期“{shown}”无法识别", f"the date “{shown}” cannot be read")


def _date_from_parts(shown: str, year: str, month: str, day: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise CellError(
            f"日期“{cell_text(shown)}”不存在", f"the date “{cell_text(shown)}” does not exist"
        ) from None


def parse_count(value: object, what: Words) -> int | None:
    """A whole number of people or months: 4, 4.0, "4", "４人". Blank is None; ``what`` names it."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise _not_whole(what, value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise _not_whole(what, value)
        number = int(value)
    else:
        text = compact(str(value))
        match = _COUNT.fullmatch(text)
        if match is None:
            raise _not_whole(what, value)
        number = int(match.group(1))
    if number < 0:
        raise CellError(f"{what.zh}不能为负数", f"{_capital(what.en)} cannot be negative")
    return number


def _not_whole(what: Words, value: object) -> CellError:
    shown = cell_text(value)
    return CellError(f"{what.zh}“{shown}”不是整数", f"{_capital(what.en)} “{shown}” is not a whole number")


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]
