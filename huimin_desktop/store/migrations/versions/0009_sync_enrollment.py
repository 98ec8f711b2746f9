"""sync enrollment: each enrollment of a lower station, its one-time secret and the key it bound

Local to the upper station (never synced). Stations enrolled before this revision keep working with
the public keys their peer rows hold; they get a row only when they are enrolled again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_enrollment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.String(32), nullable=False),
        sa.Column("division_code", sa.String(12), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("sign_key", sa.String(64), nullable=False),
        sa.Column("box_key", sa.String(64), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=True),
        sa.Column("registered_package", sa.String(32), nullable=True),
        sa.Column("superseded_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sync_enrollment"),
    )
    op.create_index("ix_sync_enrollment_station", "sync_enrollment", ["station_id", "enrolled_at"])


def downgrade() -> None:
    op.drop_index("ix_sync_enrollment_station", table_name="sync_enrollment")
    op.drop_table("sync_enrollment")
