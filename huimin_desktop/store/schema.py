"""Schema versions: Alembic revisions applied when a data folder opens, after a backup.

A database from an older version is backed up, then upgraded in place; one from a newer version of
the program (a revision we do not know) is refused untouched.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaTooNewError(Exception):
    """The database was written by a newer version of the program."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"database schema {revision} is newer than this program")
        self.revision = revision


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    """True when the database is behind the program; raises SchemaTooNewError when it is ahead."""
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise SchemaTooNewError(current)
    return current != head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)
