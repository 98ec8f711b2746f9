"""Where things live: the shipped resources folder and the default station data folder.

One source of truth used by the app, the CLI, the tests and build.spec.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from huimin_desktop import APP_ID, ORGANIZATION

DATA_ENV_VAR = "HUIMIN_DATA"


def _install_root() -> Path:
    # A PyInstaller build unpacks next to the executable (sys._MEIPASS); a checkout has resources/
    # beside the package.
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


RESOURCES_DIR = _install_root() / "resources"
CODELISTS_DIR = RESOURCES_DIR / "codelists"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
ICONS_DIR = RESOURCES_DIR / "icons"


def default_data_dir() -> Path:
    """The station data folder when neither ``--data`` nor HUIMIN_DATA says otherwise."""
    env = os.environ.get(DATA_ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when no folder was given: keeps it off the usual start-up path

    return Path(platformdirs.user_data_dir(APP_ID, ORGANIZATION))


def resolve_data_dir(explicit: str | os.PathLike[str] | None) -> Path:
    """The data folder as an absolute path (``--data city`` is relative to where the command runs)."""
    return (Path(explicit).expanduser() if explicit else default_data_dir()).absolute()


MANUAL_DIR = _install_root() / "docs" / "manual"  # the user manual (Markdown, Chinese), in the build too
