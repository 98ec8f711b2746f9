"""Project archives (一个项目一个档案): the project, its beneficiaries and its stage history."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from huimin_desktop.model.base import Base, Synced


class Project(Synced, Base):
    """Funds are whole yuan (the UI shows 万元)."""

    __tablename__ = "project"
    # Codes are unique by the services' rule; two stations may still give one code to two projects
    # before they sync, which the merge shows for review (a constraint would make the merge fail).
    __table_args__ = (Index("ix_project_code", "code"),)

    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(2))
    division_id: Mapped[str] = mapped_column(ForeignKey("division.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    content: Mapped[str] = mapped_column(Text, default="")
    scale: Mapped[str] = mapped_column(Text, default="")
    fund_provincial: Mapped[int] = mapped_column(Integer, default=0)  # 省专项
    fund_local: Mapped[int] = mapped_column(Integer, default=0)  # 市县配套
    fund_integrated: Mapped[int] = mapped_column(Integer, default=0)  # 整合资金
    fund_self: Mapped[int] = mapped_column(Integer, default=0)  # 自筹
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_finish: Mapped[date | None] = mapped_column(Date)
    actual_start: Mapped[date | None] = mapped_column(Date)
    actual_finish: Mapped[date | None] = mapped_column(Date)
    responsible: Mapped[str] = mapped_column(String(50), default="")
    income_increase_expected: Mapped[int | None] = mapped_column(Integer)  # yuan per household
    income_increase_measured: Mapped[int | None] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(2), default="")  # current stage code, "" before 申报
    notes: Mapped[str] = mapped_column(Text, default="")

    @property
    def total_funds(self) -> int:
        return self.fund_provincial + self.fund_local + self.fund_integrated + self.fund_self


class ProjectStageEntry(Synced, Base):
    """One step in the stage history. Going back is a new entry with action "return", never an erase."""

    __tablename__ = "project_stage"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), index=True)
    stage: Mapped[str] = mapped_column(String(2))
    action: Mapped[str] = mapped_column(String(10), default="advance")  # advance | return
    date: Mapped[date] = mapped_column(Date)
    person: Mapped[str] = mapped_column(String(50), default="")
    opinion: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class ProjectBeneficiary(Synced, Base):
    __tablename__ = "project_beneficiary"
    # Not unique for the same reason as project codes: the city and the township may both add a
    # household to a project before they sync; counts take distinct households.
    __table_args__ = (Index("ix_project_beneficiary_pair", "project_id", "household_id"),)

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
