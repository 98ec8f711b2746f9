"""Practical farm-technology training sessions (农业实用科技培训) and who attended."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from huimin_desktop.model.base import Base, Synced


class Training(Synced, Base):
    __tablename__ = "training"

    date: Mapped[date] = mapped_column(Date, index=True)
    division_id: Mapped[str] = mapped_column(ForeignKey("division.id"), index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    topic: Mapped[str] = mapped_column(String(200))
    trainer: Mapped[str] = mapped_column(String(50), default="")
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    project_id: Mapped[str | None] = mapped_column(ForeignKey("project.id"), index=True)
    # People who came but are not in the household list.
    extra_attendees: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")


class TrainingAttendee(Synced, Base):
    """A household, or one person of it, at a session."""

    __tablename__ = "training_attendee"

    training_id: Mapped[str] = mapped_column(ForeignKey("training.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    member_id: Mapped[str | None] = mapped_column(ForeignKey("member.id"))
