"""household list in pinyin order

Head names sorted by code point (丁, 乌, 于, 宝 …) look random to a Chinese reader; lists sort by
pinyin. The key is kept on the household (derived) and the list-order index moves onto it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 05:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from pypinyin import Style, lazy_pinyin

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sort_key(name: str) -> str:
    # A frozen copy of domain.search.name_sort_key as it was when this revision was written.
    if not name:
        return ""
    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="default") if s.strip()]
    return f"{''.join(syllables)} {name}"


def upgrade() -> None:
    with op.batch_alter_table("household") as batch:
        batch.add_column(
            sa.Column("head_name_sort", sa.String(length=120), nullable=False, server_default="")
        )
    connection = op.get_bind()
    names = connection.exec_driver_sql("SELECT DISTINCT head_name FROM household").scalars().all()
    if names:
        connection.exec_driver_sql(
            "UPDATE household SET head_name_sort = ? WHERE head_name = ?",
            [(_sort_key(name), name) for name in names],
        )
    op.drop_index("ix_household_list_order", table_name="household")
    op.create_index("ix_household_list_order", "household", ["head_name_sort", "id", "deleted"])


def downgrade() -> None:
    op.drop_index("ix_household_list_order", table_name="household")
    op.create_index("ix_household_list_order", "household", ["head_name", "id", "deleted"])
    with op.batch_alter_table("household") as batch:
        batch.drop_column("head_name_sort")
