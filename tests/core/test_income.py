"""Household income: total, net and per capita as the 建档立卡 form computes them."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huimin_desktop.domain.income import Income


def test_total_net_and_per_capita() -> None:
    income = Income(wage=12000, business=8000, property_income=500, transfer=1500, business_expense=3000)
    assert income.total == 22000
    assert income.net == 19000
    assert income.per_capita(4) == 4750
    assert income.per_capita(3) == 6333  # 6333.33…


def test_positional_order_is_the_forms() -> None:
    assert Income(1, 2, 3, 4, 5) == Income(
        wage=1, business=2, property_income=3, transfer=4, business_expense=5
    )


def test_per_capita_rounds_half_up() -> None:
    assert Income(wage=5).per_capita(2) == 3
    assert Income(wage=7).per_capita(2) == 4
    assert Income(business=-5).per_capita(2) == -3  # a loss-making year rounds away from zero too


@pytest.mark.parametrize("members", [0, -1])
def test_per_capita_without_members_is_none(members: int) -> None:
    assert Income(wage=1000).per_capita(members) is None


def test_defaults_are_zero_and_frozen() -> None:
    income = Income()
    assert (income.total, income.net, income.per_capita(1)) == (0, 0, 0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        income.wage = 5  # type: ignore[misc]


amounts = st.integers(min_value=0, max_value=10_000_000)


@given(amounts, amounts, amounts, amounts, amounts, st.integers(min_value=1, max_value=30))
def test_per_capita_is_the_nearest_whole_yuan(
    wage: int, business: int, prop: int, transfer: int, expense: int, members: int
) -> None:
    income = Income(wage, business, prop, transfer, expense)
    assert income.net == wage + business + prop + transfer - expense
    per_capita = income.per_capita(members)
    assert per_capita is not None
    assert abs(per_capita * members - income.net) * 2 <= members
