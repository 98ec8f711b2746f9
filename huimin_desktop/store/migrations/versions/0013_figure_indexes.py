"""indexes the 首页's figures read instead of the tables

At 100k households the figures (surveys per village and year, 户均增收 from the baseline survey to the
newest) scanned the survey and household tables row by row: seconds on an old laptop. Two indexes
that hold every column those queries read let SQLite answer from the indexes alone: households by
village (with the tombstone and id), and each household's surveys by year with the stamp, id and the
income columns the net income is made of. They replace the narrower indexes on the same leading
columns, so a write keeps as many indexes as before.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 06:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SURVEY_COLUMNS = [
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
]


def upgrade() -> None:
    op.drop_index("ix_household_division_id", table_name="household")
    op.create_index("ix_household_division", "household", ["division_id", "deleted", "id"])
    op.drop_index("ix_survey_household_year", table_name="survey")
    op.create_index("ix_survey_household_year", "survey", SURVEY_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_survey_household_year", table_name="survey")
    op.create_index("ix_survey_household_year", "survey", ["household_id", "year"])
    op.drop_index("ix_household_division", table_name="household")
    op.create_index("ix_household_division_id", "household", ["division_id"])
