"""The GUI's own unexpected errors: an exception in a slot or an event handler (``sys.excepthook``, which
PySide6 calls for them) and a background operation's bug (``ui.operations`` logs it with its traceback).

Each goes to the failure log of services/failure_logs.py like the command line's: sealed under the data
key of the open station (``logs/gui-TIME-PID.log.sealed``; the traceback may quote its data), or, before
any login, appended to ``logs/gui.log`` of the data folder (the system's temporary folder when that does
not exist yet). The user sees one line saying what happened and where the log is, never a traceback;
an administrator reads the log in Help → 错误日志… (ui/log_viewer.py) or with ``huimin logs``.

Kept light: nothing of the core is imported until an error happens (the first paint does without it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the modules below load with the first error (or ``install``), not at start-up
    import logging
    from types import TracebackType

    from PySide6.QtWidgets import QMessageBox

_data_folder: Path | None = None


def entry_text(error: BaseException, where: str = "") -> str:
    """The log entry: the head line services/failure_logs.py parses, then the traceback."""
    import datetime as dt
    import os
    import traceback

    from huimin_desktop import __version__

    stamp = dt.datetime.now().isoformat(timespec="seconds")
    head = f"--- {stamp} huimin {__version__} (pid {os.getpid()}): GUI{' ' + where if where else ''}\n"
    return head + "".join(traceback.format_exception(error))


def write_entry(error: BaseException, where: str = "") -> Path | None:
    """Write ``error`` to the failure log (see the module); its path, or None when nothing could."""
    import tempfile

    from huimin_desktop.services import failure_logs
    from huimin_desktop.store.sealed_files import last_unlocked_root

    text = entry_text(error, where)
    roots = [last_unlocked_root(), _data_folder, Path(tempfile.gettempdir()) / "huimin-logs"]
    for root in roots:
        if root is None or (root != roots[-1] and not root.is_dir()):
            continue
        try:
            return failure_logs.write(root, failure_logs.GUI, text)
        except OSError:
            continue
    return None


def user_line(error: BaseException, log: Path | None) -> str:
    """The one line the user sees (in the interface language)."""
    from PySide6.QtCore import QCoreApplication

    first = (str(error).strip().splitlines() or [""])[0]
    reason = f"{type(error).__name__}: {first}" if first else type(error).__name__
    if log is None:
        return QCoreApplication.translate(
            "CrashLog", "Internal error ({reason}); the work was not finished, and no log could be written."
        ).format(reason=reason)
    if log.name.endswith(".sealed"):
        return QCoreApplication.translate(
            "CrashLog",
            "Internal error ({reason}); the work was not finished. The details are sealed in {log}: an "
            "administrator reads them under Help → Failure logs.",
        ).format(reason=reason, log=log)
    return QCoreApplication.translate(
        "CrashLog", "Internal error ({reason}); the work was not finished. The details are in {log}."
    ).format(reason=reason, log=log)


shown: list[QMessageBox] = []  # the open message box (kept alive; tests look at it)


def _show(text: str) -> None:
    """A window-modal box that does not block: the event loop goes on as after any slot."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    if shown or QApplication.instance() is None:
        return  # one at a time: a paint event failing over and over opens no flood
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QApplication.translate("CrashLog", "Huimin Desktop"),
        text,
        QMessageBox.StandardButton.Ok,
        QApplication.activeWindow(),
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.finished.connect(lambda _result: shown.clear())
    shown.append(box)
    box.open()


def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook`` for the GUI: log, one line on stderr and in a message box."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    if error.__traceback__ is None:
        error = error.with_traceback(tb)
    try:
        log = write_entry(error)
        line = user_line(error, log)
    except Exception:  # the hook itself must not fail: the plain traceback is all that is left
        sys.__excepthook__(kind, error, tb)
        return
    print(line.replace("\n", " "), file=sys.stderr)
    _show(line)


def _handler_class() -> type[logging.Handler]:
    import logging

    class FailureLogHandler(logging.Handler):
        """Records logged with a traceback (``ui.operations``' "something went wrong") go to the log
        too; the operation has shown its own one line already."""

        def emit(self, record: logging.LogRecord) -> None:
            if not record.exc_info or record.exc_info[1] is None:
                return
            try:
                write_entry(record.exc_info[1], record.getMessage())
            except Exception:
                self.handleError(record)

    return FailureLogHandler


_handlers: list[logging.Handler] = []


def install(data_folder: Path | None) -> None:
    """From now on, unexpected GUI errors go to the failure log of the open station (or ``data_folder``
    before a login)."""
    import logging

    global _data_folder
    _data_folder = data_folder
    sys.excepthook = excepthook
    if not _handlers:  # on the "ui" logger, not the root: other libraries' warnings stay as they were
        _handlers.append(_handler_class()(logging.ERROR))
        logging.getLogger("ui").addHandler(_handlers[0])


def uninstall() -> None:
    """Back to Python's own hook (tests)."""
    import logging

    global _data_folder
    _data_folder = None
    sys.excepthook = sys.__excepthook__
    while _handlers:
        logging.getLogger("ui").removeHandler(_handlers.pop())
