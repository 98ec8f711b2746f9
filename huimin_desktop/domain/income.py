"""Household income as on the 建档立卡 form: four sources, business expenses, net and per capita (yuan)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from huimin_desktop.domain.amounts import round_yuan


@dataclass(frozen=True)
class Income:
    """One year's income of one household, whole yuan."""

    wage: int = 0  # 工资性收入
    business: int = 0  # 生产经营性收入
    # 财产性收入: not "property", which would shadow the builtin decorator inside this class body.
    property_income: int = 0
    transfer: int = 0  # 转移性收入
    business_expense: int = 0  # 生产经营性支出

    @property
    def total(self) -> int:
        """家庭总收入: the four sources."""
        return self.wage + self.business + self.property_income + self.transfer

    @property
    def net(self) -> int:
        """家庭纯收入 = 总收入 − 生产经营性支出."""
        return self.total - self.business_expense

    def per_capita(self, members: int) -> int | None:
        """年人均纯收入 = 纯收入 ÷ 家庭人口, rounded half up to whole yuan; None without members."""
        if members <= 0:
            return None
        return round_yuan(Decimal(self.net) / members)
