"""Stations for tests, logged in as a known administrator (``TEST_ADMIN`` / ``TEST_PASSWORD``).

Every station is encrypted and needs a login (huimin_desktop/services/users.py); tests that are not
about logging in use these instead of spelling the credentials out each time. tests/conftest.py makes
argon2 cheap in-process and puts the same credentials in HUIMIN_USER / HUIMIN_PASSWORD for the CLI.
"""

from __future__ import annotations

import os
from typing import Any

from huimin_desktop.services.station import Station

# the demo station's login too, so a folder `demo` made opens with the same credentials as one `init` made
TEST_ADMIN, TEST_PASSWORD = "admin", "demo"


def new_station(data_dir: str | os.PathLike[str] | None, **fields: Any) -> Station:
    fields.setdefault("admin", TEST_ADMIN)
    fields.setdefault("password", TEST_PASSWORD)
    return Station.create(data_dir, **fields)


def open_station(data_dir: str | os.PathLike[str] | None = None, **options: Any) -> Station:
    """Logged in as the test administrator; the login is audited with the first change (as the CLI
    does), so reopening a station to compare it with before adds nothing to it."""
    options.setdefault("audit_login", "with_first_change")
    return Station.open(
        data_dir, options.pop("user", TEST_ADMIN), options.pop("password", TEST_PASSWORD), **options
    )


def setup_station(data_dir: str | os.PathLike[str] | None, setup_file: Any, code: str) -> Station:
    return Station.create_from_setup(data_dir, setup_file, code, admin=TEST_ADMIN, password=TEST_PASSWORD)


def data_key(data_dir: str | os.PathLike[str]) -> bytes:
    """The folder's data key, unwrapped with the test administrator's password."""
    from pathlib import Path

    from huimin_desktop.security.vault import Vault

    key = Vault.load(Path(data_dir) / "keys" / "vault.json").unlock(TEST_ADMIN, TEST_PASSWORD)
    assert key is not None
    return key


def connect_db(database: str | os.PathLike[str], *, uri: bool = False, **kwargs: Any) -> Any:
    """A DB-API connection (sqlcipher3, keyed) to a test station's huimin.db (or a ``file:`` URI of it
    with ``uri=True``), where the tests once used ``sqlite3.connect``."""
    from pathlib import Path

    from huimin_desktop.store.engine import connect

    path = Path(str(database).removeprefix("file:").split("?", 1)[0]) if uri else Path(database)
    folder = next(p for p in path.parents if (p / "keys" / "vault.json").is_file())  # backups/ too
    return connect(database if uri else path, data_key(folder), uri=uri, **kwargs)
