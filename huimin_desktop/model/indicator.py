"""Performance indicators (绩效考核) per county and year, their monthly milestones and progress.

The city defines an indicator and its milestones and sends them down; the county and its townships
report progress and send it up. ``scoring_method`` names a method of services/scoring.py
(``deduction`` / ``deduction_step`` / ``grace_days`` are its parameters; ``scoring_rule`` keeps the
standard as the plan words it). ``figure`` binds the indicator to a figure the program computes
(services/assessment.FIGURES): its progress then comes from the data, not from entries.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from huimin_desktop.model.base import Base, Synced


class Indicator(Synced, Base):
    __tablename__ = "indicator"

    division_id: Mapped[str] = mapped_column(ForeignKey("division.id"), index=True)  # the county
    year: Mapped[int] = mapped_column(Integer, index=True)
    code: Mapped[str] = mapped_column(String(20), default="")
    name: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(Text, default="")  # as written in the assessment plan
    target_value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20), default="")
    scoring_rule: Mapped[str] = mapped_column(Text, default="")  # 计分标准, as the plan words it
    scoring_method: Mapped[str] = mapped_column(String(30), default="proportional")  # 计分方式
    deduction: Mapped[float] = mapped_column(Float, default=0.0)  # per missed milestone / per step
    deduction_step: Mapped[float] = mapped_column(Float, default=0.0)  # shortfall: one step's size
    grace_days: Mapped[int] = mapped_column(Integer, default=0)  # after a month's end
    figure: Mapped[str] = mapped_column(String(30), default="")  # "" entered by hand
    max_score: Mapped[float] = mapped_column(Float, default=0.0)
    responsible_person: Mapped[str] = mapped_column(String(50), default="")
    lead_unit: Mapped[str] = mapped_column(String(100), default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text, default="")  # what counts as proof


class IndicatorMilestone(Synced, Base):
    __tablename__ = "indicator_milestone"

    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"), index=True)
    month: Mapped[int] = mapped_column(Integer)
    planned_value: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text, default="")


class IndicatorProgress(Synced, Base):
    __tablename__ = "indicator_progress"

    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"), index=True)
    date: Mapped[date] = mapped_column(Date)  # when it was reported
    month: Mapped[int] = mapped_column(Integer)  # the month it reports on
    value: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    reporter: Mapped[str] = mapped_column(String(50), default="")
