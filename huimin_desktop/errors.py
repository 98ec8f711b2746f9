"""Typed errors the core raises on purpose. Each carries a stable ``code`` and its ``params``.

Below services/, sync/ and spreadsheet/ so that every layer can raise them without importing the
layer above. ``huimin_desktop.messages.describe`` words an error in the user's language from its code
(the CLI prints that line on stderr, the GUI shows it); ``message`` is the Chinese line, kept as the
fallback for a code the catalog does not (yet) know.

Two ways to raise: ``ServiceError(code="sync.revoked_station", name=..., date=...)`` takes the Chinese
``message`` from the catalog (``huimin_desktop/messages/catalog.py``); ``ServiceError("中文原因")`` alone
keeps the class's code and the given line, and is worded the same in every language until it gets a
code of its own.
"""

from __future__ import annotations

from typing import Any

from huimin_desktop.domain.issues import Issue


class CodedError(Exception):
    """An error worded from the catalog by its ``code`` and ``params`` (or, until it has a code of its
    own, the Chinese line it was given). The refusals below services/ that are not ``ServiceError``s
    (a merge's, an attachment's, a cell's) share it, so ``describe`` words every one the same way."""

    code = "error"

    def __init__(self, message: str | None = None, *, code: str | None = None, **params: Any) -> None:
        if code is not None:
            self.code = code
        self.params: dict[str, Any] = params
        # Worded from the catalog only when raised by code: a bare Chinese line stays exactly itself.
        self.coded = message is None or code is not None
        if message is None:
            from huimin_desktop.messages import ZH, text

            message = text(self.code, params, ZH)
        super().__init__(message)
        self.message = message


class ServiceError(CodedError):
    """A use case refused (bad input, a missing record, a file it cannot write); nothing changed."""


class NoStationError(ServiceError):
    code = "no_station"


class StationExistsError(ServiceError):
    code = "station_exists"


class NotFoundError(ServiceError):
    code = "not_found"

    def __init__(self, what: str, record_id: str) -> None:
        from huimin_desktop.messages.catalog import RECORD_KINDS, Words

        super().__init__(what=Words(what, RECORD_KINDS.get(what, what)), record_id=record_id)
        self.what = what
        self.record_id = record_id


class ValidationError(ServiceError):
    """Input refused; ``issues`` says what and where. Nothing was written."""

    code = "invalid"

    def __init__(self, issues: list[Issue]) -> None:
        first = issues[0]
        where = f"{first.field}：" if first.field else ""
        more = f"（另有 {len(issues) - 1} 处问题）" if len(issues) > 1 else ""
        super().__init__(f"{where}{first.message}{more}")
        self.issues = issues


class PermissionDeniedError(ServiceError):
    """The logged-in user's role may not do this (huimin_desktop/security/roles.py). Nothing changed."""

    code = "auth.forbidden"


class AuthenticationError(ServiceError):
    """Login refused: wrong password, locked, disabled, no credentials, a damaged key vault, a wrong
    recovery code (``code`` says which). Nothing in the data folder changed but the failed-attempt count."""

    code = "auth.wrong_password"
