"""users log in: the three roles of security/roles.py (entry, reviewer, admin) and when a password changed

The roles before this revision (admin, clerk, viewer) map to admin, entry, entry. Passwords are not in
the database (it cannot be opened without one): each user's data-key box lives in keys/vault.json.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE app_user SET role = 'entry' WHERE role NOT IN ('entry', 'reviewer', 'admin')")
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("password_changed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("password_changed_at")
    op.execute("UPDATE app_user SET role = 'clerk' WHERE role IN ('entry', 'reviewer')")
