"""How much of a person's ID number, birth date and phone a user may see: the one rule every screen,
export and command-line line goes through (issue 13).

A user whose role holds ``SEE_PERSONAL_DATA`` (reviewer and above) gets ``FULL``; everyone else
``MASKED``: 211381********0019 and 138****5678, enough to tell people apart and to find them, not
enough to use the number. ``Masking.text`` masks what looks like an ID number or a phone number inside
free text (a reason, a note, a line of output), for places where the value is not a field of its own.
``services.station.Station.masking`` picks the right one for the logged-in user.

What the ID number carries is masked with it. Its digits 7–14 are the birth date, which together with
the name is what a bank or an office asks to confirm someone's identity: a masked birth date keeps only
the year (1982-**-**), so an entry user still sees who is a child, of working age or old, as the masked
number's region shows where it was issued. The age in whole years and the sex are left alone: neither
identifies a person beside a name, and the survey's checks (schooling, labour, the head's age) need them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from huimin_desktop.domain.contact import mask_phone
from huimin_desktop.domain.idnumber import mask_id_number

SEE_PERSONAL_DATA = "personal.full"  # security.roles.SEE_PERSONAL_DATA (the domain sits below security)

# Field keys that hold an ID number or a phone number, in every record, roster and package.
ID_FIELDS = frozenset({"id_number", "head_id_number"})
PHONE_FIELDS = frozenset({"phone"})
BIRTH_FIELDS = frozenset({"birth_date"})  # what the ID number's digits 7–14 say
PERSONAL_FIELDS = ID_FIELDS | PHONE_FIELDS | BIRTH_FIELDS

# 15 or 18 characters of an ID number (the last may be X), or a phone: 11 mobile digits, or a landline
# with its area code (0421-1234567); not inside a longer run of digits (an amount, a package id).
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])([0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])")
_PHONE_IN_TEXT = re.compile(r"(?<![0-9])(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})(?![0-9])")
# what is left of 15 digits or more (numbers glued together): masked like an ID number
_LONG_DIGITS = re.compile(r"[0-9]{15,}[Xx]?")
# a birth date in the ID number's own form (19820315) standing alone, 1900–2099
_COMPACT_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(?![0-9])")
# any written date (1982-03-15, 1982/3/15, 1982.03.15, 1982年3月15日), masked in a line about a birth date
_WRITTEN_DATE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})[-/.年]([01]?[0-9])[-/.月]([0-3]?[0-9])日?(?![0-9])"
)
_SPEAKS_OF_BIRTH = ("出生", "生日", "birth")
MASKED_DATE = "{year}-**-**"


class _CanSee(Protocol):
    def can(self, permission: str) -> bool: ...


@dataclass(frozen=True)
class Masking:
    """``full``: this user sees ID numbers and phones whole."""

    full: bool = False

    @classmethod
    def for_actor(cls, actor: _CanSee) -> Masking:
        return FULL if actor.can(SEE_PERSONAL_DATA) else MASKED

    def id_number(self, number: str | None) -> str:
        if not number:
            return ""
        return number if self.full else mask_id_number(number)

    def phone(self, number: str | None) -> str:
        if not number:
            return ""
        return number if self.full else mask_phone(number)

    def birth_date(self, value: dt.date | str | None) -> str:
        """1982-03-15 whole, or 1982-**-** (the year alone) when masked; "" for none."""
        if value is None or value == "":
            return ""
        text = value.isoformat()[:10] if isinstance(value, dt.date) else str(value)
        if self.full:
            return text
        year = re.match(r"\s*([0-9]{4})", text)
        return MASKED_DATE.format(year=year.group(1)) if year else "*" * len(text)

    def field(self, key: str, value: object) -> object:
        """``value`` of the field ``key`` as this user may see it (other fields unchanged)."""
        if self.full or value is None or value == "":
            return value
        if key in BIRTH_FIELDS and isinstance(value, dt.date | str):
            return self.birth_date(value)
        if isinstance(value, int) and not isinstance(value, bool) and key in ID_FIELDS | PHONE_FIELDS:
            value = str(value)  # a number Excel kept as a number is still the number
        if not isinstance(value, str):
            return value
        if key in ID_FIELDS:
            return mask_id_number(value)
        if key in PHONE_FIELDS:
            return mask_phone(value)
        return value

    def values(self, row: Mapping[str, object]) -> dict[str, object]:
        """A record's fields (an audit line's before/after, a conflict's values) as this user may see
        them: the personal fields by their key, every other text through ``text``."""
        if self.full:
            return dict(row)
        return {key: self.value(key, value) for key, value in row.items()}

    def value(self, key: str | None, value: object) -> object:
        """Any JSON-like value found under ``key`` (None: no field name), masked all the way down: a
        mapping's entries under their own keys, a list's items (``changed``'s [before, after]) under
        the list's key, a personal field by its key, any other text as a line."""
        if self.full:
            return value
        if isinstance(value, Mapping):
            return {k: self.value(str(k), v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(key, v) for v in value]
        if key in PERSONAL_FIELDS:
            return self.field(key, value)
        return self.text(value) if isinstance(value, str) else value

    def cell(self, key: str | None, value: object) -> object:
        """A spreadsheet cell of the column the import took as ``key`` (None: a column it did not map)
        as this user may see it: by its key, or any text (or long number) in it as a line."""
        if self.full or value is None:
            return value
        if key in PERSONAL_FIELDS:
            return self.field(key, value)
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            shown = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
            masked = self.text(shown)
            return value if masked == shown else masked
        return value

    def text(self, line: str) -> str:
        """``line`` with every ID number and phone number in it masked (unless ``full``), a birth date
        in the ID number's form (19820315) too, and any date in a line that speaks of a birth date."""
        if self.full or not line:
            return line
        line = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), line)
        line = _LONG_DIGITS.sub(lambda m: mask_id_number(m.group(0)), line)
        line = _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), line)
        if any(word in line for word in _SPEAKS_OF_BIRTH):  # "出生日期 1972-02-02 与身份证号不一致"
            line = _WRITTEN_DATE.sub(lambda m: MASKED_DATE.format(year=m.group(1)), line)
        return _COMPACT_DATE.sub(lambda m: m.group(1) + "****", line)


FULL = Masking(full=True)
MASKED = Masking(full=False)
