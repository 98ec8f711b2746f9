"""sync bookkeeping: peers, package log, conflicts, quarantine; field bases; attachment arrival

Every synced table gets ``field_bases`` (the stamp each field edit replaced, so a merge can tell a
later edit from a concurrent one). Attachments get ``arrival_seq`` (when the blob arrived here, so an
export sends a blob only to a recipient that has not acknowledged it yet).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

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
        op.add_column(table, sa.Column("field_bases", sa.JSON(), nullable=True))
    op.add_column("attachment", sa.Column("arrival_seq", sa.Integer(), nullable=False, server_default="0"))
    op.execute("UPDATE attachment SET arrival_seq = seq")

    op.create_table(
        "sync_peer",
        sa.Column("station_id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("division_code", sa.String(12), nullable=False),
        sa.Column("relation", sa.String(10), nullable=False),
        sa.Column("via", sa.String(32), nullable=True),
        sa.Column("sign_key", sa.String(64), nullable=False),
        sa.Column("box_key", sa.String(64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("acked_seq", sa.Integer(), nullable=False),
        sa.Column("received_seq", sa.Integer(), nullable=False),
        sa.Column("last_package_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("station_id", name="pk_sync_peer"),
    )
    op.create_table(
        "sync_package_log",
        sa.Column("package_id", sa.String(32), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("origin", sa.String(32), nullable=False),
        sa.Column("recipient", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("processed_at", sa.DateTime(), nullable=False),
        sa.Column("from_seq", sa.Integer(), nullable=False),
        sa.Column("to_seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("package_id", name="pk_sync_package_log"),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_id", sa.String(32), nullable=False),
        sa.Column("field", sa.String(60), nullable=False),
        sa.Column("winner_value", sa.JSON(), nullable=True),
        sa.Column("other_value", sa.JSON(), nullable=True),
        sa.Column("winner_stamp", sa.String(64), nullable=False),
        sa.Column("other_stamp", sa.String(64), nullable=False),
        sa.Column("other_row_id", sa.String(32), nullable=True),
        sa.Column("package_id", sa.String(32), nullable=True),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("resolved_by", sa.String(50), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sync_conflict"),
    )
    op.create_index("ix_sync_conflict_status", "sync_conflict", ["status", "id"])
    op.create_table(
        "sync_quarantine",
        sa.Column("package_id", sa.String(32), nullable=False),
        sa.Column("origin", sa.String(32), nullable=False),
        sa.Column("stored_as", sa.String(255), nullable=False),
        sa.Column("latest_stamp", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("quarantined_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("package_id", name="pk_sync_quarantine"),
    )


def downgrade() -> None:
    for name in ("sync_quarantine", "sync_conflict", "sync_package_log", "sync_peer"):
        op.drop_table(name)
    with op.batch_alter_table("attachment") as batch:
        batch.drop_column("arrival_seq")
    for table in SYNCED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("field_bases")
