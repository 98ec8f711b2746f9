"""The one way to run slow core work from the GUI (like Anki's ``CollectionOp``).

::

    Operation(parent, lambda task: generate_demo(station, 2000, task=task), label=self.tr("..."))
        .success(on_done)          # GUI thread, with the function's return value
        .run_in_background()

The function runs on the single worker thread (database work is serialised, as in Anki) and gets a
``TaskState`` (no Qt in it) wired to a ``QProgressDialog``: ``task.report`` moves the bar, the cancel
button calls ``task.cancel()`` and the next ``task.check()`` raises ``Cancelled``. On the GUI thread
afterwards exactly one of ``success``, ``cancelled`` or the failure handling runs: a ``ServiceError``
shows its Chinese message, anything else "something went wrong" plus the one-line reason (the traceback
goes to the log). ``hooks()`` fires ``started``/``finished`` for every operation.

What changed (Anki's ``OpChanges``): the work runs inside ``huimin_desktop.changes.recording()``, so
``operation.changes`` holds the tables its committed transactions wrote (see that module for why the
transactions record it rather than each service's result). When that is not empty, ``hooks().changed``
fires with it *before* the success (or failure) callback, so the screens have refreshed by the time
the callback selects or shows what was saved; each screen decides from the ``Changes`` whether what it
shows changed. A read-only operation ("checking the household…") changes nothing and fires nothing.
A quick write a widget makes on the GUI thread goes inside ``announced()`` (same recording, announced
when the block ends); a write outside both is told to no screen.

A *quiet* operation (``quiet=True``) is the variant for reads a screen starts by itself, such as the
household list reading the rest of a search's matches: the same worker thread and error handling, but no
progress dialog and no hooks (nothing was changed, so no screen needs to hear of it).

Tests call ``set_synchronous(True)`` (or the ``synchronous()`` context manager) to run the
function on the calling thread, like Picard's fake thread pool.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import SIGNAL, SLOT, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from huimin_desktop.changes import NO_CHANGES, recording
from huimin_desktop.progress import Cancelled, TaskState
from ui.errors import expected_error_message, one_line_reason

T = TypeVar("T")
log = logging.getLogger(__name__)

# How often a worker may move the progress bar: more would flood the GUI thread with queued signals.
PROGRESS_INTERVAL_S = 0.05
# A progress dialog appears only for work that takes longer than this.
PROGRESS_DELAY_MS = 400


class OperationHooks(QObject):
    """Fired on the GUI thread: ``started``/``finished`` around every operation (the ``Operation``),
    ``changed`` with the ``Changes`` of whatever committed writes (see the module docstring)."""

    started = Signal(object)
    finished = Signal(object)
    changed = Signal(object)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, queued connections deliver on the GUI thread."""

    progressed = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, run: Callable[[], None]) -> None:
        super().__init__()
        self._run = run

    def run(self) -> None:
        self._run()


_hooks: OperationHooks | None = None
_pool: QThreadPool | None = None
_synchronous = False
_running: set[Operation] = set()


def hooks() -> OperationHooks:
    global _hooks
    if _hooks is None:
        _hooks = OperationHooks()
    return _hooks


def _worker_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


def set_synchronous(enabled: bool) -> None:
    global _synchronous
    _synchronous = enabled


@contextmanager
def announced() -> Iterator[None]:
    """A quick write on the GUI thread: what the block commits is announced on ``hooks().changed``
    when it ends (also when it raises, for what had committed)."""
    with recording() as record:
        try:
            yield
        finally:
            if record.changes:
                hooks().changed.emit(record.changes)


@contextmanager
def synchronous() -> Iterator[None]:
    previous = _synchronous
    set_synchronous(True)
    try:
        yield
    finally:
        set_synchronous(previous)


def shutdown(timeout_ms: int = 30_000) -> None:
    """Cancel whatever is running and wait for the worker (called when the application quits)."""
    for operation in list(_running):
        operation.cancel()
    if _pool is not None:
        _pool.waitForDone(timeout_ms)


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A non-blocking message box (window-modal when it has a parent)."""
    from PySide6.QtCore import Qt  # not at import: the first paint does without Qt's namespace (ui/app.py)

    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class Operation(QObject, Generic[T]):
    def __init__(
        self,
        parent: QObject | None,
        work: Callable[[TaskState], T],
        *,
        label: str,
        title: str = "",
        cancellable: bool = True,
        quiet: bool = False,
    ) -> None:
        """``parent``: what the work was started from (a widget, or a model or timer that has none); when
        it is deleted before the work ends, no callback runs. Dialogs are shown over it when it is a
        widget. ``quiet``: no progress dialog and no hooks (see the module docstring)."""
        super().__init__()
        self.owner = parent
        self.parent_widget = parent if isinstance(parent, QWidget) else None
        self.work = work
        self.label = label
        self.title = title
        self.cancellable = cancellable
        self.quiet = quiet
        self.task = TaskState(self._report_from_worker)
        self.progress_dialog: QProgressDialog | None = None
        self.result: T | None = None
        self.changes = NO_CHANGES  # what the work's committed transactions wrote (set when it ends)
        self.error: BaseException | None = None
        self.was_cancelled = False
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_cancelled: Callable[[], None] | None = None
        self._last_report = 0.0
        self._relay = _Relay()
        self.progressed = self._relay.progressed  # (done, total, message) on the GUI thread
        self._relay.progressed.connect(self._show_progress)
        self._relay.done.connect(self._finish_ok)
        self._relay.failed.connect(self._finish_failed)

    # -- building ---------------------------------------------------------------------------------

    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation[T]:
        """Replace the default error message box."""
        self._on_failure = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Operation[T]:
        self._on_cancelled = callback
        return self

    # -- running ----------------------------------------------------------------------------------

    def run_in_background(self) -> Operation[T]:
        _running.add(self)
        if not self.quiet:
            self._open_progress_dialog()
            hooks().started.emit(self)
        if _synchronous:
            self._execute()
        else:
            _worker_pool().start(_Job(self._execute))
        return self

    def cancel(self) -> None:
        self.task.cancel()
        dialog = self.progress_dialog
        if dialog is not None:
            dialog.setLabelText(self.tr("Cancelling…"))
            button = dialog.findChild(QPushButton)
            if button is not None:
                button.setEnabled(False)  # not deleted: we may be inside its clicked() right now

    def _execute(self) -> None:  # on the worker thread (or the caller's, when synchronous)
        with recording() as record:
            try:
                self.task.check()
                result = self.work(self.task)
            except BaseException as error:
                failed: BaseException | None = error
            else:
                failed = None
        self.changes = record.changes  # read on the GUI thread only after the signal below
        if failed is not None:
            self._relay.failed.emit(failed)
        else:
            self._relay.done.emit(result)

    def _report_from_worker(self, done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if now - self._last_report >= PROGRESS_INTERVAL_S or (total and done >= total):
            self._last_report = now
            self._relay.progressed.emit(done, total, message)

    # -- on the GUI thread ------------------------------------------------------------------------

    def _open_progress_dialog(self) -> None:
        from PySide6.QtCore import Qt

        dialog = QProgressDialog(self.label, self.tr("Cancel"), 0, 0, self.parent_widget)
        dialog.setWindowTitle(self.title or self.label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        if self.cancellable:
            # Qt's own canceled() → cancel() hides the dialog at once; keep it up saying "Cancelling…"
            # until the worker has actually stopped and rolled back.
            QObject.disconnect(dialog, SIGNAL("canceled()"), dialog, SLOT("cancel()"))
            dialog.canceled.connect(self.cancel)
            dialog.rejected.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        dialog.setValue(0)
        self.progress_dialog = dialog

    def _show_progress(self, done: int, total: int, message: str) -> None:
        dialog = self.progress_dialog
        if dialog is None or self.task.cancelled or not shiboken6.isValid(dialog):
            return
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if message:
            dialog.setLabelText(message)

    def _close_progress_dialog(self) -> None:
        if self.progress_dialog is not None and not shiboken6.isValid(self.progress_dialog):
            self.progress_dialog = None  # deleted with the widget it was shown over
        if self.progress_dialog is not None:
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _announce_changes(self) -> None:
        if self.changes:
            hooks().changed.emit(self.changes)

    def _parent_gone(self) -> bool:
        """Whether the widget (or object) the work was started from was deleted meanwhile (a page rebuilt for
        another station, a window closed): its callbacks would touch deleted widgets, so they are
        skipped; what the work changed is still announced, and an unexpected error still logged."""
        return self.owner is not None and not shiboken6.isValid(self.owner)

    def _finish_ok(self, result: T) -> None:
        self._close_progress_dialog()
        self.result = result
        try:
            self._announce_changes()
            if self._on_success is not None and not self._parent_gone():
                self._on_success(result)
        finally:
            self._done()

    def _finish_failed(self, error: BaseException) -> None:
        self._close_progress_dialog()
        try:
            self._announce_changes()  # what committed before the failure (an earlier package merged)
            if self._parent_gone():
                self.error = None if isinstance(error, Cancelled) else error
                if self.error is not None and expected_error_message(error) is None:
                    log.error("%s failed", self.label, exc_info=(type(error), error, error.__traceback__))
                return
            if isinstance(error, Cancelled):
                self.was_cancelled = True
                if self._on_cancelled is not None:
                    self._on_cancelled()
                return
            self.error = error
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                self.show_error(error)
        finally:
            self._done()

    def show_error(self, error: BaseException) -> QMessageBox:
        expected = expected_error_message(error)
        if expected is not None:
            return show_message(
                self.parent_widget, QMessageBox.Icon.Warning, self.title or self.label, expected
            )
        log.error("%s failed", self.label, exc_info=(type(error), error, error.__traceback__))
        text = self.tr("Something went wrong; the work was not finished.\n\nReason: {reason}").format(
            reason=one_line_reason(error)
        )
        return show_message(self.parent_widget, QMessageBox.Icon.Critical, self.title or self.label, text)

    def _done(self) -> None:
        _running.discard(self)
        if not self.quiet:
            hooks().finished.emit(self)
