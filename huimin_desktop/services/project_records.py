"""Frozen records for divisions, projects, trainings and indicators (what the GUI and CLI receive)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from huimin_desktop.services.records import DivisionRecord

# -- divisions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DivisionNode:
    """One division of the tree with its live children (ordered by code, then name)."""

    division: DivisionRecord
    children: tuple[DivisionNode, ...] = ()


# -- projects -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageEntryRecord:
    id: str
    stage: str  # code from code_lists().project_stage
    stage_name: str
    action: str  # "advance" | "return"
    date: date
    person: str
    opinion: str
    note: str


@dataclass(frozen=True)
class BeneficiaryCounts:
    total: int
    minority: int  # households whose head is of an ethnicity other than 汉族 (01)


@dataclass(frozen=True)
class ProjectRecord:
    id: str
    code: str
    name: str
    category: str
    division_id: str
    year: int
    content: str
    scale: str
    fund_provincial: int
    fund_local: int
    fund_integrated: int
    fund_self: int
    planned_start: date | None
    planned_finish: date | None
    actual_start: date | None
    actual_finish: date | None
    responsible: str
    income_increase_expected: int | None
    income_increase_measured: int | None
    notes: str
    stage: str  # "" before 申报
    origin: str
    stages: tuple[StageEntryRecord, ...] = ()  # oldest first; returns included, nothing erased
    beneficiary_ids: tuple[str, ...] = ()
    beneficiaries: BeneficiaryCounts = BeneficiaryCounts(0, 0)

    @property
    def total_funds(self) -> int:
        return self.fund_provincial + self.fund_local + self.fund_integrated + self.fund_self


@dataclass(frozen=True)
class ProjectRow:
    """One line of the project list."""

    id: str
    code: str
    name: str
    category: str
    division_name: str
    year: int
    stage: str
    total_funds: int
    beneficiary_count: int
    minority_count: int = 0  # beneficiaries whose head is not 汉族 (and whose ethnicity is recorded)


@dataclass(frozen=True)
class ProjectTotals:
    """The sums under the project list: how many projects the filters match and their funds (yuan)."""

    count: int
    fund_provincial: int
    fund_local: int
    fund_integrated: int
    fund_self: int
    beneficiaries: int  # beneficiary links, summed over the projects (a household may count twice)

    @property
    def total_funds(self) -> int:
        return self.fund_provincial + self.fund_local + self.fund_integrated + self.fund_self


# -- trainings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendeeRecord:
    id: str
    household_id: str
    member_id: str | None
    head_name: str
    member_name: str  # "" when the household as a whole is listed
    village_name: str = ""
    ethnicity: str = ""  # the household head's


@dataclass(frozen=True)
class TrainingRecord:
    id: str
    date: date
    division_id: str
    place: str
    topic: str
    trainer: str
    hours: float
    project_id: str | None
    extra_attendees: int
    notes: str
    origin: str
    attendees: tuple[AttendeeRecord, ...] = ()

    @property
    def attendee_count(self) -> int:
        return len(self.attendees) + self.extra_attendees


@dataclass(frozen=True)
class TrainingRow:
    """One line of the training list."""

    id: str
    date: date
    division_name: str
    topic: str
    trainer: str
    hours: float
    attendee_count: int  # listed attendees + extra
    place: str = ""


# -- indicators -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneRecord:
    id: str
    month: int
    planned_value: float | None
    description: str


@dataclass(frozen=True)
class ProgressRecord:
    id: str
    date: date
    value: float | None
    note: str
    reporter: str
    month: int = 0  # the month it reports on


@dataclass(frozen=True)
class IndicatorRecord:
    id: str
    division_id: str
    year: int
    code: str
    name: str
    target: str
    target_value: float | None
    unit: str
    scoring_rule: str
    max_score: float
    responsible_person: str
    lead_unit: str
    deadline: date | None
    evidence: str
    origin: str
    scoring_method: str = "proportional"
    deduction: float = 0.0
    deduction_step: float = 0.0
    grace_days: int = 0
    figure: str = ""
    milestones: tuple[MilestoneRecord, ...] = ()  # by month
    progress: tuple[ProgressRecord, ...] = ()  # oldest first

    @property
    def latest_value(self) -> float | None:
        """The value of the most recent progress entry that reports one."""
        for entry in reversed(self.progress):
            if entry.value is not None:
                return entry.value
        return None


@dataclass(frozen=True)
class IndicatorRow:
    """One line of the indicator list."""

    id: str
    division_id: str
    division_name: str
    year: int
    code: str
    name: str
    target_value: float | None
    unit: str
    max_score: float
    deadline: date | None
    latest_value: float | None
