"""indicators: scoring method and its parameters, a bound figure, the month a progress entry reports

The scoring rule was only text; services/scoring.py computes the points, so each indicator names its
method (existing ones: proportional, the most common reading of their rules) and its parameters. A
progress entry's month was its date's month; an entry for March reported on 2 April now says March.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("indicator") as batch:
        batch.add_column(
            sa.Column("scoring_method", sa.String(length=30), nullable=False, server_default="proportional")
        )
        batch.add_column(sa.Column("deduction", sa.Float(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("deduction_step", sa.Float(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("grace_days", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("figure", sa.String(length=30), nullable=False, server_default=""))
    with op.batch_alter_table("indicator_progress") as batch:
        batch.add_column(sa.Column("month", sa.Integer(), nullable=True))
    op.execute("UPDATE indicator_progress SET month = CAST(strftime('%m', date) AS INTEGER)")
    with op.batch_alter_table("indicator_progress") as batch:
        batch.alter_column("month", existing_type=sa.Integer(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("indicator_progress") as batch:
        batch.drop_column("month")
    with op.batch_alter_table("indicator") as batch:
        for name in ("figure", "grace_days", "deduction_step", "deduction", "scoring_method"):
            batch.drop_column(name)
