"""blob fingerprints: the xxh3 of each stored blob, for a fast check before it is exported

Local to the station (never synced). Blobs stored before this revision get theirs at their next
export or ``check``, both of which hash them with SHA-256 anyway.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 09:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "blob_fingerprint",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("xxh3", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_blob_fingerprint"),
    )


def downgrade() -> None:
    op.drop_table("blob_fingerprint")
