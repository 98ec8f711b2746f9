"""audit log filters: indexes on the user and the action, which the audit viewer and ``audit`` filter by

The table keeps its append-only triggers (0002): indexes are created in place, never by rebuilding the
table (a batch rebuild would drop the triggers with the old table).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 06:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_log_user", "audit_log", ["user"])
    op.create_index("ix_audit_log_action", "audit_log", ["action"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_action", table_name="audit_log")
    op.drop_index("ix_audit_log_user", table_name="audit_log")
