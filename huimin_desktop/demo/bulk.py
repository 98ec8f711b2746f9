"""The bulk writer: one compiled INSERT per table, fed plain tuples, in the run's one transaction.

100k households must take seconds, not minutes, so the generator never builds ORM objects: each row is
a tuple in the table's column order (dates already ISO text, booleans 0/1) and is written with the
driver's executemany in chunks. The sync columns are set here rather than by change capture: every row
of a run carries the same origin and stamp (one clock reading), and ids that ascend within the run.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import sqlite

from huimin_desktop import model
from huimin_desktop.stamps.clock import Stamp


class RowIds:
    """Row ids in the UUID version 7 layout (RFC 9562): Unix milliseconds, a counter, random bits.

    Like ``new_id`` they are 32 hex characters, unique across stations (the random part is drawn from
    the operating system, not from the seed), but they ascend within a run, so every primary-key and
    parent-id index grows at its end instead of being split at random pages: a quarter of SQLite's work
    at 100k households.
    """

    _COUNTER_BITS = 30  # 12 bits in rand_a, 18 at the top of rand_b; a run writes < 2**30 rows

    def __init__(self, unix_ms: int) -> None:
        self._high = (unix_ms << 80) | (7 << 76) | (0b10 << 62)
        self._next = 0
        self._random = random.Random(os.urandom(32))

    def take(self, count: int) -> list[str]:
        start, self._next = self._next, self._next + count
        if self._next >= 1 << self._COUNTER_BITS:
            raise OverflowError("too many rows for one run")
        high, bits = self._high, self._random.getrandbits
        return [
            f"{high | (n >> 18) << 64 | (n & 0x3FFFF) << 44 | bits(44):032x}"
            for n in range(start, start + count)
        ]


@dataclass
class BulkTable:
    """One INSERT for a model's table, fed positional tuples in ``columns`` order.

    Rows are written with the driver's executemany on plain tuples (dates already as ISO text, booleans
    as 0/1): at this volume SQLAlchemy's per-value bind processing would cost more than SQLite itself.
    Every column must be listed, so no row depends on a Python-side default the driver never sees.
    """

    table: Table
    columns: tuple[str, ...]
    sql: str = ""
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        expected = set(self.table.columns.keys())
        if set(self.columns) != expected or len(self.columns) != len(expected):
            raise ValueError(
                f"{self.table.name}: columns {sorted(self.columns)} are not the table's {sorted(expected)}"
            )
        quote = _SQLITE_PREPARER.quote
        names = ", ".join(quote(c) for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self.sql = f"INSERT INTO {quote(self.table.name)} ({names}) VALUES ({marks})"

    def flush(self, connection: Connection) -> None:
        if self.rows:
            connection.exec_driver_sql(self.sql, self.rows)
            self.rows = []


_SQLITE_PREPARER = sqlite.dialect().identifier_preparer
SYNC = ("origin", "created_stamp", "stamp", "field_stamps", "field_bases", "deleted", "seq")


def _columns(*names: str) -> tuple[str, ...]:
    return ("id", *names, *SYNC)


def _bulk(mapped: type[model.Base], columns: tuple[str, ...]) -> BulkTable:
    return BulkTable(cast(Table, mapped.__table__), columns)


def _tables() -> dict[str, BulkTable]:
    """The tables a demo run writes, each with every one of its columns in the order rows give them."""
    return {
        "division": _bulk(model.Division, _columns("code", "name", "level", "parent_id")),
        "household": _bulk(
            model.Household,
            _columns(
                "division_id",
                "household_no",
                "address",
                "phone",
                "notes",
                "head_name",
                "head_name_sort",
                "head_id_number",
                "ethnicity",
                "member_count",
                "search_text",
                "latest_year",
                "latest_net_income",
                "latest_per_capita",
            ),
        ),
        "member": _bulk(
            model.Member,
            _columns(
                "household_id",
                "position",
                "name",
                "id_number",
                "sex",
                "birth_date",
                "ethnicity",
                "relationship",
                "education",
                "health",
                "labour",
                "school_status",
                "work_away_months",
                "phone",
                "notes",
            ),
        ),
        "survey": _bulk(
            model.Survey,
            _columns(
                "household_id",
                "year",
                "household_size",
                "income_wage",
                "income_business",
                "income_property",
                "income_transfer",
                "expense_business",
                "hardship_causes",
                "needs",
                "notes",
                "surveyor",
                "survey_date",
            ),
        ),
        "project": _bulk(
            model.Project,
            _columns(
                "code",
                "name",
                "category",
                "division_id",
                "year",
                "content",
                "scale",
                "fund_provincial",
                "fund_local",
                "fund_integrated",
                "fund_self",
                "planned_start",
                "planned_finish",
                "actual_start",
                "actual_finish",
                "responsible",
                "income_increase_expected",
                "income_increase_measured",
                "stage",
                "notes",
            ),
        ),
        "project_stage": _bulk(
            model.ProjectStageEntry,
            _columns("project_id", "stage", "action", "date", "person", "opinion", "note"),
        ),
        "project_beneficiary": _bulk(model.ProjectBeneficiary, _columns("project_id", "household_id")),
        "training": _bulk(
            model.Training,
            _columns(
                "date",
                "division_id",
                "place",
                "topic",
                "trainer",
                "hours",
                "project_id",
                "extra_attendees",
                "notes",
            ),
        ),
        "training_attendee": _bulk(
            model.TrainingAttendee, _columns("training_id", "household_id", "member_id")
        ),
        "indicator": _bulk(
            model.Indicator,
            _columns(
                "division_id",
                "year",
                "code",
                "name",
                "target",
                "target_value",
                "unit",
                "scoring_rule",
                "max_score",
                "responsible_person",
                "lead_unit",
                "deadline",
                "evidence",
                "scoring_method",
                "deduction",
                "deduction_step",
                "grace_days",
                "figure",
            ),
        ),
        "indicator_milestone": _bulk(
            model.IndicatorMilestone,
            _columns("indicator_id", "month", "planned_value", "description"),
        ),
        "indicator_progress": _bulk(
            model.IndicatorProgress,
            _columns("indicator_id", "date", "month", "value", "note", "reporter"),
        ),
        "attachment": _bulk(
            model.Attachment,
            _columns(
                "owner_table",
                "owner_id",
                "sha256",
                "size",
                "filename",
                "mime",
                "kind",
                "category",
                "caption",
                "taken_at",
                "duration_ms",
                "arrival_seq",
            ),
        ),
    }


class BulkWriter:
    """Rows waiting for their table's executemany, the run's row ids and its sync columns."""

    def __init__(self, connection: Connection, station_id: str, stamp: Stamp) -> None:
        self.connection = connection
        self.ids = RowIds(stamp.ms).take
        # origin, created_stamp, stamp, field_stamps, field_bases, deleted, seq: like one change capture
        self.sync = (station_id, str(stamp), str(stamp), None, None, 0, stamp.ordinal)
        self.tables = _tables()

    def add(self, table: str, row_id: str, *values: Any) -> None:
        """Queue one row: its id, then its other columns in the table's order (sync columns added here)."""
        self.tables[table].rows.append((row_id, *values, *self.sync))

    def flush(self, *names: str) -> None:
        """Write the queued rows of ``names`` (all tables when none), parents before children."""
        for name in names or tuple(self.tables):
            self.tables[name].flush(self.connection)
