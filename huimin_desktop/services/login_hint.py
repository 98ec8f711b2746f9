"""The demo folder's credentials, which the login dialog shows: read from the vault file alone.

The login dialog is the first window a user meets on a station (after the main window's "opening…"),
so what it asks before its first paint loads no database layer (SQLAlchemy, SQLCipher, the models,
the services): only the data folder's paths and the vault's JSON. ``Station.demo_login`` is this.
"""

from __future__ import annotations

import os

from huimin_desktop.errors import AuthenticationError
from huimin_desktop.paths import resolve_data_dir
from huimin_desktop.security.vault import Vault
from huimin_desktop.store.datafolder import DataFolder

# The demo station's login (README, scripts/run.sh, the login dialog shows it for the demo folder).
DEMO_ADMIN, DEMO_PASSWORD = "admin", "demo"


def demo_credentials(data_dir: str | os.PathLike[str] | None) -> tuple[str, str] | None:
    """(user, password) to show at the login of the demo folder; None for any other folder."""
    folder = DataFolder(resolve_data_dir(data_dir))
    try:
        demo = folder.vault_path.is_file() and Vault.load(folder.vault_path).data.get("demo") is True
    except AuthenticationError:
        demo = False
    return (DEMO_ADMIN, DEMO_PASSWORD) if demo else None
