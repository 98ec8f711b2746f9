"""household list: latest income columns and list indexes

The household list shows and sorts by the newest survey's income; a correlated subquery per row is
too slow at 100k households, so the values are kept on the household (derived, recomputed locally).
The single-column ``deleted`` indexes go: nearly every row is live, and SQLite's planner preferred
them to primary-key lookups. The list's default order gets a covering index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LATEST_FROM_SURVEYS = """
UPDATE household SET latest_year = s.year, latest_net_income = s.net,
    latest_per_capita = CASE WHEN s.household_size > 0 THEN CAST(ROUND(s.net * 1.0 / s.household_size) AS INTEGER) END
FROM (
    SELECT household_id, year, household_size,
           income_wage + income_business + income_property + income_transfer - expense_business AS net,
           ROW_NUMBER() OVER (PARTITION BY household_id ORDER BY year DESC) AS newest
    FROM survey WHERE deleted = 0
) AS s
WHERE s.newest = 1 AND household.id = s.household_id
"""


SYNCED_TABLES = (
    "attachment",
    "division",
    "household",
    "indicator",
    "indicator_milestone",
    "indicator_progress",
    "member",
    "project",
    "project_beneficiary",
    "project_stage",
    "survey",
    "training",
    "training_attendee",
)


def upgrade() -> None:
    for table in SYNCED_TABLES:
        op.drop_index(f"ix_{table}_deleted", table_name=table)
    op.drop_index("ix_household_head_name", table_name="household")
    op.create_index("ix_household_list_order", "household", ["head_name", "id", "deleted"])
    with op.batch_alter_table("household") as batch:
        batch.add_column(sa.Column("latest_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("latest_net_income", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("latest_per_capita", sa.Integer(), nullable=True))
    op.execute(LATEST_FROM_SURVEYS)


def downgrade() -> None:
    with op.batch_alter_table("household") as batch:
        batch.drop_column("latest_per_capita")
        batch.drop_column("latest_net_income")
        batch.drop_column("latest_year")
    op.drop_index("ix_household_list_order", table_name="household")
    op.create_index("ix_household_head_name", "household", ["head_name"])
    for table in SYNCED_TABLES:
        op.create_index(f"ix_{table}_deleted", table, ["deleted"])
