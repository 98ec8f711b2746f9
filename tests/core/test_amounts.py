"""Amounts as people write them, parsed to whole yuan; 万元 for project funds; formatting round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huimin_desktop.domain.amounts import (
    MAX_AMOUNT,
    format_wan_yuan,
    format_yuan,
    parse_amount,
    parse_wan_yuan,
)
from huimin_desktop.domain.text import to_halfwidth


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [
        (3500, 3500),
        (3500.4, 3500),
        (3500.5, 3501),
        (2.5, 3),  # half up, not Python's banker's rounding
        (Decimal("4200.50"), 4201),
        ("3500", 3500),
        ("3,500", 3500),
        ("3，500", 3500),
        ("4200元", 4200),
        ("4,200.00 元", 4200),
        ("４２００", 4200),
        ("４，２００元", 4200),
        (" 3500.4 ", 3500),
        ("\u30003500\u3000", 3500),
        ("0.35万元", 3500),
        ("0.35万", 3500),
        ("1.2万", 12000),
        ("￥3500", 3500),
        ("¥3,500", 3500),
        ("0", 0),
        (".5", 1),
        ("+100", 100),
        (MAX_AMOUNT, MAX_AMOUNT),
    ],
)
def test_parse_amount(typed: object, yuan: int) -> None:
    result = parse_amount(typed)
    assert result.ok
    assert result.value == yuan
    assert result.issues == ()


@pytest.mark.parametrize("typed", [None, "", "   ", "\u3000"])
def test_blank_is_missing_not_wrong(typed: object) -> None:
    result = parse_amount(typed)
    assert result.value is None
    assert result.issues == ()
    assert parse_wan_yuan(typed).issues == ()


@pytest.mark.parametrize(
    "typed", ["abc", "三千", "1e5", "3.5.1", "元", "万", "--5", True, float("nan"), float("inf")]
)
def test_not_a_number(typed: object) -> None:
    result = parse_amount(typed, field="income_wage")
    assert result.value is None
    assert [i.code for i in result.issues] == ["amount.not_a_number"]
    assert result.issues[0].field == "income_wage"
    assert result.issues[0].is_error


@pytest.mark.parametrize("typed", [-1, "-3500", "－３５００", -0.6])
def test_negative_refused_unless_allowed(typed: object) -> None:
    assert [i.code for i in parse_amount(typed).issues] == ["amount.negative"]
    assert parse_amount(typed, allow_negative=True).ok


def test_allowed_negative_rounds_half_away_from_zero() -> None:
    assert parse_amount("-3500.5", allow_negative=True).value == -3501


@pytest.mark.parametrize("typed", [MAX_AMOUNT + 1, "200000000", "200,000,000元", "20000万", 1e12])
def test_absurdly_large(typed: object) -> None:
    assert [i.code for i in parse_amount(typed).issues] == ["amount.too_large"]


def test_too_large_also_when_negative_allowed() -> None:
    assert [i.code for i in parse_amount(-MAX_AMOUNT - 1, allow_negative=True).issues] == ["amount.too_large"]


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [("35.68", 356800), (35.68, 356800), (12, 120000), ("0.5", 5000), ("3500元", 3500), ("1.2万元", 12000)],
)
def test_parse_wan_yuan(typed: object, yuan: int) -> None:
    assert parse_wan_yuan(typed).value == yuan


def test_parse_wan_yuan_refusals() -> None:
    assert [i.code for i in parse_wan_yuan("十万").issues] == ["amount.not_a_number"]
    assert [i.code for i in parse_wan_yuan("-1").issues] == ["amount.negative"]
    assert [i.code for i in parse_wan_yuan("20000").issues] == ["amount.too_large"]


def test_formatting() -> None:
    assert format_yuan(3500) == "3,500"
    assert format_yuan(0) == "0"
    assert format_yuan(None) == ""
    assert format_wan_yuan(356800) == "35.68"
    assert format_wan_yuan(350000) == "35"
    assert format_wan_yuan(1) == "0.0001"
    assert format_wan_yuan(0) == "0"
    assert format_wan_yuan(None) == ""


yuan = st.integers(min_value=0, max_value=MAX_AMOUNT)


@given(yuan)
def test_format_yuan_round_trips(value: int) -> None:
    assert parse_amount(format_yuan(value)).value == value
    assert parse_amount(format_yuan(value) + "元").value == value


@given(st.integers(min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT))
def test_format_yuan_round_trips_negative(value: int) -> None:
    assert parse_amount(format_yuan(value), allow_negative=True).value == value


@given(yuan)
def test_format_wan_yuan_round_trips(value: int) -> None:
    assert parse_wan_yuan(format_wan_yuan(value)).value == value
    assert parse_amount(format_wan_yuan(value) + "万").value == value


@given(yuan)
def test_full_width_input_parses_like_half_width(value: int) -> None:
    text = format_yuan(value)
    full = "".join(chr(ord(c) + 0xFEE0) for c in text)
    assert to_halfwidth(full) == text
    assert parse_amount(full).value == value


@given(st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False))
def test_decimal_text_rounds_half_up(value: Decimal) -> None:
    expected = int(value) + (1 if value - int(value) >= Decimal("0.5") else 0)
    assert parse_amount(str(value)).value == expected
