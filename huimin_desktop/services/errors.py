"""Typed errors the services raise. Each carries data; ``message`` is the Chinese one-liner.

The CLI prints ``message`` on stderr; the GUI shows it (translated where a translation exists).
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


def describe_error(exc: BaseException) -> str | None:
    """The one-line Chinese reason for an error the user can act on; None for a bug."""
    from huimin_desktop.progress import Cancelled
    from huimin_desktop.store.datafolder import DataFolderError
    from huimin_desktop.store.schema import SchemaTooNewError

    if isinstance(exc, ServiceError):
        return exc.message
    if isinstance(exc, SchemaTooNewError):
        return (
            f"数据文件夹由更新版本的程序创建（结构版本 {exc.revision}），请升级本程序后再打开；"
            "数据未作任何改动"
        )
    if isinstance(exc, DataFolderError):
        return f"{exc.path}：{exc.reason}"
    if isinstance(exc, Cancelled):
        return "已取消，未作任何改动"
    return None
