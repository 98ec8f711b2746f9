"""Schema versions: Alembic revisions applied when a data folder opens, after a backup.

A database from an older version is backed up, then upgraded in place; one from a newer version of
the program (a revision we do not know) is refused untouched.

Alembic is imported only when a database is not already at ``HEAD_REVISION``: opening an up-to-date
folder, which is every start but the first after an update, should not pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions; a test checks it against Alembic's own view.
HEAD_REVISION = "0013"


class SchemaTooNewError(Exception):
    """The database was written by a newer version of the program."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"database schema {revision} is newer than this program")
        self.revision = revision
        self.code = "schema_too_new"
        self.params = {"revision": revision}


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return HEAD_REVISION


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def alembic_head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


# Tables made by raw SQL in migrations (the FTS5 search index and its shadow tables); the models
# do not declare them, so model/migration comparisons must look past them.
RAW_SQL_TABLE_PREFIXES = ("household_search",)


def is_model_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic ``include_object`` hook: skip the raw-SQL tables above."""
    return not (type_ == "table" and name is not None and name.startswith(RAW_SQL_TABLE_PREFIXES))


def check_known(revision: str | None) -> None:
    """Raise SchemaTooNewError for a revision this program does not have."""
    if revision is not None and revision != HEAD_REVISION and revision not in known_revisions():
        raise SchemaTooNewError(revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)
