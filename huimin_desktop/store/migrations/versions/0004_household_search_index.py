"""household search index

Searching 100k households by a substring of their names, pinyin, ID numbers and phones scanned the
whole table (40–75 ms a keystroke). A trigram full-text index over ``household.search_text`` answers
terms of three or more characters from the index. It is an external-content FTS5 table keyed by the
household's rowid and kept in step by triggers, so every writer (services, demo, merges) maintains it
without knowing. ``check`` verifies it; ``INSERT INTO household_search(household_search) VALUES
('rebuild')`` rebuilds it (needed after a VACUUM, which may renumber rowids).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 05:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATEMENTS = (
    "CREATE VIRTUAL TABLE household_search USING fts5("
    "search_text, content='household', content_rowid='rowid', tokenize='trigram')",
    "CREATE TRIGGER household_search_insert AFTER INSERT ON household BEGIN "
    "INSERT INTO household_search(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER household_search_delete AFTER DELETE ON household BEGIN "
    "INSERT INTO household_search(household_search, rowid, search_text) "
    "VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER household_search_update AFTER UPDATE OF search_text ON household BEGIN "
    "INSERT INTO household_search(household_search, rowid, search_text) "
    "VALUES ('delete', old.rowid, old.search_text); "
    "INSERT INTO household_search(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "INSERT INTO household_search(household_search) VALUES ('rebuild')",
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for trigger in ("household_search_update", "household_search_delete", "household_search_insert"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE household_search")
