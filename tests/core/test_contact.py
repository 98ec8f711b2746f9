"""Phone numbers: mobiles and landlines as typed, refusals, masking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huimin_desktop.domain.contact import check_phone, mask_phone
from huimin_desktop.domain.issues import Severity


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "0086-13812345678",
        "１３８１２３４５６７８",
        "１３８\u3000１２３４\u3000５６７８",
    ],
)
def test_mobiles(typed: str) -> None:
    result = check_phone(typed)
    assert result.ok
    assert result.normalized == "13812345678"
    assert result.kind == "mobile"
    assert result.issues == ()


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("0421-2612345", "04212612345"),
        ("(0421)2612345", "04212612345"),
        ("（0421）2612345", "04212612345"),
        ("0421 26123456", "042126123456"),
        ("010-62345678", "01062345678"),
        ("024-23456789", "02423456789"),
        ("０４２１－２６１２３４５", "04212612345"),
        ("+86 421 2612345", "04212612345"),
        ("2612345", "2612345"),  # a bare local number is kept as typed, no area code assumed
        ("26123456", "26123456"),
    ],
)
def test_landlines(typed: str, normalized: str) -> None:
    result = check_phone(typed)
    assert result.ok, result.issues
    assert result.normalized == normalized
    assert result.kind == "landline"


@pytest.mark.parametrize("typed", ["", None, "   ", "\u3000"])
def test_empty_phone_is_fine(typed: str | None) -> None:
    result = check_phone(typed)
    assert result.ok
    assert result.normalized == ""
    assert result.kind is None
    assert result.issues == ()


@pytest.mark.parametrize(
    "typed",
    ["1381234567", "138123456789", "12812345678", "0421-123", "0421-0612345", "无", "138-1234-567a", "123"],
)
def test_invalid_numbers_are_refused(typed: str) -> None:
    result = check_phone(typed)
    assert not result.ok
    assert [i.code for i in result.issues] == ["phone.invalid"]
    issue = result.issues[0]
    assert issue.severity is Severity.ERROR
    assert issue.field == "phone"
    assert result.normalized == ""


def test_short_mobile_message_counts_digits() -> None:
    assert "10 位" in check_phone("1381234567").issues[0].message


@pytest.mark.parametrize(
    "typed", ["13812345678/13912345678", "13812345678、0421-2612345", "13812345678，13912345678"]
)
def test_two_numbers_in_one_field_are_refused(typed: str) -> None:
    assert [i.code for i in check_phone(typed).issues] == ["phone.multiple"]


def test_masking() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138-1234-5678") == "138****5678"
    assert mask_phone("0421-2612345") == "0421***2345"
    assert mask_phone("010-62345678") == "010****5678"
    assert mask_phone("2612345") == "***2345"
    assert mask_phone("123") == "***"
    assert mask_phone("") == ""
    assert mask_phone(None) == ""


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_any_mobile_round_trips_and_masks_to_its_ends(number: str) -> None:
    spaced = f"{number[:3]} {number[3:7]}-{number[7:]}"
    result = check_phone(spaced)
    assert (result.normalized, result.kind) == (number, "mobile")
    masked = mask_phone(number)
    assert masked == number[:3] + "****" + number[-4:]
