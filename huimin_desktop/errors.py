"""Typed errors the core raises on purpose. Each carries data; ``message`` is the Chinese one-liner.

Below services/, sync/ and spreadsheet/ so that every layer can raise them without importing the
layer above. The CLI prints ``message`` on stderr; the GUI shows it (translated where a translation
exists).
"""

from __future__ import annotations

from huimin_desktop.domain.issues import Issue


class ServiceError(Exception):
    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NoStationError(ServiceError):
    code = "no_station"


class StationExistsError(ServiceError):
    code = "station_exists"


class NotFoundError(ServiceError):
    code = "not_found"

    def __init__(self, what: str, record_id: str) -> None:
        super().__init__(f"找不到{what}（{record_id}）")
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
