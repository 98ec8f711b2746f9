"""Turning an error the core raises on purpose into the one-line Chinese reason the CLI prints."""

from __future__ import annotations

from huimin_desktop.errors import ServiceError


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
