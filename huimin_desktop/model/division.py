"""Administrative divisions: city → county → township → village (GB/T 2260 and NBS codes)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from huimin_desktop.model.base import Base, Synced

DIVISION_LEVELS = ("city", "county", "township", "village")


class Division(Synced, Base):
    __tablename__ = "division"

    # Villages often have no known NBS code: stations add them by name (reference README).
    code: Mapped[str | None] = mapped_column(String(12), index=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("division.id"), index=True)
