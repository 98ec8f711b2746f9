"""How much of a person's ID number and phone a user may see: the one rule every screen, export and
command-line line goes through (issue 13).

A user whose role holds ``SEE_PERSONAL_DATA`` (reviewer and above) gets ``FULL``; everyone else
``MASKED``: 211381********0019 and 138****5678, enough to tell people apart and to find them, not
enough to use the number. ``Masking.text`` masks what looks like an ID number or a phone number inside
free text (a reason, a note, a line of output), for places where the value is not a field of its own.
``services.station.Station.masking`` picks the right one for the logged-in user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from huimin_desktop.domain.contact import mask_phone
from huimin_desktop.domain.idnumber import mask_id_number

SEE_PERSONAL_DATA = "personal.full"  # security.roles.SEE_PERSONAL_DATA (the domain sits below security)

# Field keys that hold an ID number or a phone number, in every record, roster and package.
ID_FIELDS = frozenset({"id_number", "head_id_number"})
PHONE_FIELDS = frozenset({"phone"})
PERSONAL_FIELDS = ID_FIELDS | PHONE_FIELDS

# 15 or 18 characters of an ID number (the last may be X), or a phone: 11 mobile digits, or a landline
# with its area code (0421-1234567); not inside a longer run of digits (an amount, a package id).
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])([0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])")
_PHONE_IN_TEXT = re.compile(r"(?<![0-9])(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})(?![0-9])")
# what is left of 15 digits or more (numbers glued together): masked like an ID number
_LONG_DIGITS = re.compile(r"[0-9]{15,}[Xx]?")


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

    def field(self, key: str, value: object) -> object:
        """``value`` of the field ``key`` as this user may see it (other fields unchanged)."""
        if self.full or not isinstance(value, str) or not value:
            return value
        if key in ID_FIELDS:
            return mask_id_number(value)
        if key in PHONE_FIELDS:
            return mask_phone(value)
        return value

    def text(self, line: str) -> str:
        """``line`` with every ID number and phone number in it masked (unless ``full``)."""
        if self.full or not line:
            return line
        line = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), line)
        line = _LONG_DIGITS.sub(lambda m: mask_id_number(m.group(0)), line)
        return _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), line)


FULL = Masking(full=True)
MASKED = Masking(full=False)
