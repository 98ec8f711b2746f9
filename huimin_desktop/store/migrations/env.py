"""Alembic environment: always run in-process on a connection the app hands over (never from a URL)."""

from __future__ import annotations

from alembic import context

from huimin_desktop.model import Base
from huimin_desktop.store.schema import is_model_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_object=is_model_object,  # SQLite cannot ALTER most things; batch mode copies the table instead
)
with context.begin_transaction():
    context.run_migrations()
