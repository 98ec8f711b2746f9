"""natural keys checked by the services, not by unique indexes; sync echo

A project code, one survey per household and year, one beneficiary row per household and project:
the services keep these rules, but two stations can each break one before they sync (the city and
the township both enter the 2025 survey of a household). A merge must take both rows in and show the
clash for review; a unique index would make the whole package fail instead.

``sync_echo`` remembers rows a return package brought exactly as the upper station holds them, so
the next upward export leaves them out.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 07:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_echo",
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", name="pk_sync_echo"),
    )
    op.drop_index("uq_survey_household_year_live", table_name="survey")
    op.create_index("ix_survey_household_year", "survey", ["household_id", "year"])
    op.drop_index("uq_project_code_live", table_name="project")
    op.create_index("ix_project_code", "project", ["code"])
    op.drop_index("uq_project_beneficiary_live", table_name="project_beneficiary")
    op.create_index("ix_project_beneficiary_pair", "project_beneficiary", ["project_id", "household_id"])


def downgrade() -> None:
    op.drop_table("sync_echo")
    live = sa.text("deleted = 0")
    op.drop_index("ix_project_beneficiary_pair", table_name="project_beneficiary")
    op.create_index(
        "uq_project_beneficiary_live",
        "project_beneficiary",
        ["project_id", "household_id"],
        unique=True,
        sqlite_where=live,
    )
    op.drop_index("ix_project_code", table_name="project")
    op.create_index("uq_project_code_live", "project", ["code"], unique=True, sqlite_where=live)
    op.drop_index("ix_survey_household_year", table_name="survey")
    op.create_index(
        "uq_survey_household_year_live", "survey", ["household_id", "year"], unique=True, sqlite_where=live
    )
