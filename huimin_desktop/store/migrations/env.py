"""Alembic environment: always run in-process on a connection the app hands over (never from a URL)."""

from __future__ import annotations

from alembic import context

from huimin_desktop.model import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table instead
)
with context.begin_transaction():
    context.run_migrations()
