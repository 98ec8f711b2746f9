"""Operating-system and SQLite errors a user can cause, worded by what happened (errno, SQLite's reason).

A full disk, a write-protected stick, a folder given where a file belongs, a database another program
holds: each becomes one line naming the file and what to do, never a traceback. Anything not listed
here stays a bug (``describe`` answers None).
"""

from __future__ import annotations

import errno
import sqlite3
from typing import Any

_BY_ERRNO = {
    errno.ENOSPC: "os.disk_full",
    errno.EDQUOT: "os.disk_full",
    errno.EFBIG: "os.too_large",
    errno.EROFS: "os.read_only",
    errno.EACCES: "os.permission",
    errno.EPERM: "os.permission",
    errno.ENOENT: "os.not_found",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_folder",
    errno.EEXIST: "os.exists",
    errno.ENOTEMPTY: "os.exists",
    errno.EIO: "os.io",
    errno.ENXIO: "os.io",
    errno.ENODEV: "os.io",
    errno.EBUSY: "os.busy",
    errno.ETXTBSY: "os.busy",
    errno.ENAMETOOLONG: "os.name_too_long",
}
# Windows reports some of these with its own error numbers (winerror) and errno EINVAL / EACCES.
_BY_WINERROR = {112: "os.disk_full", 39: "os.disk_full", 19: "os.read_only", 32: "os.busy", 33: "os.busy"}

# What SQLite says (lower case) → the code; the first that occurs in the message wins.
_SQLITE_REASONS = (
    ("database is locked", "db.locked"),
    ("database table is locked", "db.locked"),
    ("database or disk is full", "db.full"),
    ("disk i/o error", "db.io"),
    ("readonly database", "db.read_only"),
    ("unable to open database", "db.cannot_open"),
    ("database disk image is malformed", "db.damaged"),
    ("file is not a database", "db.damaged"),
)
_DATABASE = {"zh": "本站数据库 huimin.db", "en": "the station database huimin.db"}


def os_error_code(error: OSError) -> str:
    winerror = getattr(error, "winerror", None)
    if winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    return _BY_ERRNO.get(error.errno or -1, "os.other")


def sqlite_error_code(error: BaseException) -> str | None:
    """The code for a SQLite error a user can cause (also inside SQLAlchemy's wrapper), else None."""
    original = getattr(error, "orig", None) or error
    if not isinstance(original, _database_errors()):
        return None
    reason = str(original).lower()
    return next((code for phrase, code in _SQLITE_REASONS if phrase in reason), None)


def _database_errors() -> tuple[type[BaseException], ...]:
    """sqlite3's and SQLCipher's (an encrypted station's) errors: two families with the same names."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover - pinned in requirements.txt
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, dbapi2.DatabaseError)


def _path_of(error: OSError) -> str:
    names = [str(n) for n in (error.filename, error.filename2) if n]
    return " → ".join(names) if names else "?"


def with_path(error: OSError, path: object) -> OSError:
    """``error`` naming ``path`` when the OS did not say which file (a write through an open handle)."""
    if not error.filename:
        error.filename = str(path)
    return error


def describe_system_error(error: object, language: str | None = None) -> str | None:
    from huimin_desktop.messages import EN, normalize_language, text
    from huimin_desktop.messages import language as current

    lang = normalize_language(language) or current()
    if isinstance(error, OSError) and error.errno is not None:
        params: dict[str, Any] = {"path": _path_of(error), "reason": error.strerror or str(error)}
        return text(os_error_code(error), params, lang)
    if isinstance(error, BaseException):
        code = sqlite_error_code(error)
        if code is not None:
            return text(code, {"database": _DATABASE[EN if lang == EN else "zh"]}, lang)
    from huimin_desktop.progress import Cancelled

    if isinstance(error, Cancelled):
        return text("cancelled", {}, lang)
    return None
