"""Frozen records that cross from the core to the GUI and CLI (never live ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from huimin_desktop.domain.income import Income
from huimin_desktop.domain.issues import Issue


@dataclass(frozen=True)
class StationInfo:
    id: str
    name: str
    level: str
    division_code: str
    created_at: datetime


@dataclass(frozen=True)
class DivisionRecord:
    id: str
    code: str | None
    name: str
    level: str
    parent_id: str | None


@dataclass(frozen=True)
class MemberRecord:
    id: str
    position: int
    name: str
    id_number: str
    sex: str
    birth_date: date | None
    ethnicity: str
    relationship: str
    education: str = ""
    health: str = ""
    labour: str = ""
    school_status: str = ""
    work_away_months: int | None = None
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SurveyRecord:
    id: str
    household_id: str
    year: int
    household_size: int
    income_wage: int
    income_business: int
    income_property: int
    income_transfer: int
    expense_business: int
    hardship_causes: tuple[str, ...]
    needs: str
    notes: str
    surveyor: str
    survey_date: date | None

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

    @property
    def net_income_per_capita(self) -> int | None:
        return self.income.per_capita(self.household_size)


@dataclass(frozen=True)
class HouseholdRecord:
    id: str
    division_id: str
    household_no: str
    address: str
    phone: str
    notes: str
    head_name: str
    head_id_number: str
    ethnicity: str
    member_count: int
    origin: str
    members: tuple[MemberRecord, ...] = ()
    surveys: tuple[SurveyRecord, ...] = ()


@dataclass(frozen=True)
class SaveResult:
    """What a save did: the record as stored, and the warnings the user may accept."""

    id: str
    warnings: tuple[Issue, ...] = field(default=())


@dataclass(frozen=True)
class AuditRecord:
    at: datetime
    user: str
    action: str
    table_name: str
    record_id: str
    details: dict | None
