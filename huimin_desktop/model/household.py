"""A household (农户), its members, and one survey per household per year."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, orm
from sqlalchemy.orm import Mapped, mapped_column

from huimin_desktop.domain.income import Income
from huimin_desktop.model.base import Base, Synced


class Household(Synced, Base):
    __tablename__ = "household"
    # The list's default order, covering (deleted last, so id lookups never pick it over the primary key):
    # the first screen of 100k households needs no sort.
    # ix_household_division holds what the 首页's figures read (services/figures.py, migration 0013).
    __table_args__ = (
        Index("ix_household_list_order", "head_name_sort", "id", "deleted"),
        Index("ix_household_division", "division_id", "deleted", "id"),
    )

    # Copies of the head's facts and the member count, kept so the 100k-row list needs no join.
    # Each station recomputes them after every save or merge; they never travel.
    derived_columns: ClassVar[frozenset[str]] = frozenset(
        {
            "head_name",
            "head_name_sort",
            "head_id_number",
            "ethnicity",
            "member_count",
            "search_text",
            "latest_year",
            "latest_net_income",
            "latest_per_capita",
        }
    )

    division_id: Mapped[str] = mapped_column(ForeignKey("division.id"))
    household_no: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    head_name: Mapped[str] = mapped_column(String(50), default="")
    # The head's name in pinyin order ("baosilu 宝斯鲁"): Chinese lists sort by pinyin, not code point.
    head_name_sort: Mapped[str] = mapped_column(String(120), default="")
    head_id_number: Mapped[str] = mapped_column(String(18), default="", index=True)
    ethnicity: Mapped[str] = mapped_column(String(2), default="")
    member_count: Mapped[int] = mapped_column(Integer, default=0)
    search_text: Mapped[str] = mapped_column(Text, default="")
    # The newest live survey's year, 纯收入 and 人均纯收入 (services.households.refresh_latest_income).
    latest_year: Mapped[int | None] = mapped_column(Integer)
    latest_net_income: Mapped[int | None] = mapped_column(Integer)
    latest_per_capita: Mapped[int | None] = mapped_column(Integer)

    members: Mapped[list[Member]] = orm.relationship(back_populates="household", order_by="Member.position")


class Member(Synced, Base):
    __tablename__ = "member"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(50))
    id_number: Mapped[str] = mapped_column(String(18), default="", index=True)
    sex: Mapped[str] = mapped_column(String(1), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    ethnicity: Mapped[str] = mapped_column(String(2), default="")
    relationship: Mapped[str] = mapped_column(String(2), default="")  # to the head, GB/T 4761
    education: Mapped[str] = mapped_column(String(2), default="")
    health: Mapped[str] = mapped_column(String(2), default="")
    labour: Mapped[str] = mapped_column(String(2), default="")
    school_status: Mapped[str] = mapped_column(String(2), default="")
    work_away_months: Mapped[int | None] = mapped_column(Integer)
    phone: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    household: Mapped[Household] = orm.relationship(back_populates="members")


class Survey(Synced, Base):
    """The yearly survey: income by source in whole yuan, as on the 建档立卡 form."""

    __tablename__ = "survey"
    # One live survey per household and year is the services' rule, not a constraint: two stations may
    # both enter a year's survey before they sync, and the merge must take both rows in (and show the
    # clash for review) rather than fail.
    # With the columns the 首页's figures read (stamp, id, the net income's parts: migration 0013), so
    # they are answered from the index alone.
    __table_args__ = (
        Index(
            "ix_survey_household_year",
            "household_id",
            "deleted",
            "year",
            "stamp",
            "id",
            "income_wage",
            "income_business",
            "income_property",
            "income_transfer",
            "expense_business",
        ),
    )

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    household_size: Mapped[int] = mapped_column(Integer, default=0)
    income_wage: Mapped[int] = mapped_column(Integer, default=0)
    income_business: Mapped[int] = mapped_column(Integer, default=0)
    income_property: Mapped[int] = mapped_column(Integer, default=0)
    income_transfer: Mapped[int] = mapped_column(Integer, default=0)
    expense_business: Mapped[int] = mapped_column(Integer, default=0)
    hardship_causes: Mapped[str] = mapped_column(String(60), default="")  # comma-separated codes
    needs: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    surveyor: Mapped[str] = mapped_column(String(50), default="")
    survey_date: Mapped[date | None] = mapped_column(Date)

    @property
    def income(self) -> Income:
        return Income(
            self.income_wage,
            self.income_business,
            self.income_property,
            self.income_transfer,
            self.expense_business,
        )

    @property
    def total_income(self) -> int:
        return self.income.total

    @property
    def net_income(self) -> int:
        return self.income.net
