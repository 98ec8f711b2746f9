"""Turning core exceptions into one translated line for a message box or an inline label."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from huimin_desktop.errors import ServiceError
from huimin_desktop.store.datafolder import DataFolderError
from huimin_desktop.store.schema import SchemaTooNewError


def expected_error_message(error: BaseException) -> str | None:
    """The user-facing line for an error the core raises on purpose; None for a real bug."""
    if isinstance(error, ServiceError):
        return error.message  # the core's Chinese one-liner, written for the cadre
    if isinstance(error, SchemaTooNewError):
        return QCoreApplication.translate(
            "Errors",
            "This data folder was written by a newer version of the program. "
            "Please install the newer version; nothing was changed.",
        )
    if isinstance(error, DataFolderError):
        return QCoreApplication.translate("Errors", "The data folder {path} cannot be used: {reason}").format(
            path=error.path, reason=error.reason
        )
    return None


def one_line_reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(error).__name__}: {first}" if first else type(error).__name__
