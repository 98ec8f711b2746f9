"""The operation helper: worker thread, progress dialog, cancel, success and error reporting."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from huimin_desktop.errors import ServiceError
from huimin_desktop.progress import TaskState
from ui import operations
from ui.operations import Operation


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def message_boxes(parent: QWidget) -> list[QMessageBox]:
    return [box for box in parent.findChildren(QMessageBox) if box.isVisible()]


def test_background_work_reports_progress_and_returns(qtbot: QtBot, parent: QWidget, chinese: str) -> None:
    reached, proceed = threading.Event(), threading.Event()
    threads: list[threading.Thread] = []

    def work(task: TaskState) -> int:
        threads.append(threading.current_thread())
        task.report(3, 10, "第三步")
        reached.set()
        proceed.wait(10)
        task.report(10, 10, "完成")
        return 42

    results: list[int] = []
    finished: list[Operation[int]] = []
    operations.hooks().finished.connect(finished.append)
    try:
        op = Operation(parent, work, label="工作中").success(results.append).run_in_background()
        assert reached.wait(10)
        dialog = op.progress_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.value() == 3)
        assert dialog.maximum() == 10
        assert dialog.labelText() == "第三步"
        assert dialog.findChild(QPushButton).text() == "取消"
        proceed.set()
        qtbot.waitUntil(lambda: results == [42])
    finally:
        operations.hooks().finished.disconnect(finished.append)
    assert threads[0] is not threading.main_thread()
    assert finished == [op]
    assert op.progress_dialog is None
    assert message_boxes(parent) == []


def test_cancel_button_stops_the_work(qtbot: QtBot, parent: QWidget, chinese: str) -> None:
    stopped: list[str] = []

    def work(task: TaskState) -> None:
        for step in range(1000):
            task.report(step, 1000, "")
            time.sleep(0.01)
        stopped.append("ran to the end")

    successes: list[object] = []
    op = Operation(parent, work, label="工作中").success(successes.append)
    op.cancelled(lambda: stopped.append("cancelled")).run_in_background()
    dialog = op.progress_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.value() > 0)
    dialog.findChild(QPushButton).click()
    assert dialog.labelText() == "正在取消……"
    qtbot.waitUntil(lambda: stopped == ["cancelled"], timeout=5000)
    assert op.was_cancelled and successes == []
    assert message_boxes(parent) == []


def test_a_service_error_shows_its_chinese_message(
    qtbot: QtBot, parent: QWidget, chinese: str, sync_operations: None
) -> None:
    def work(_task: TaskState) -> None:
        raise ServiceError("站点名称不能为空")

    op = Operation(parent, work, label="创建").run_in_background()
    (box,) = message_boxes(parent)
    assert box.text() == "站点名称不能为空"
    assert box.icon() == QMessageBox.Icon.Warning
    assert op.error is not None and not op.was_cancelled
    box.close()


def test_an_unexpected_error_says_something_went_wrong_with_the_reason(
    qtbot: QtBot, parent: QWidget, chinese: str, sync_operations: None
) -> None:
    def work(_task: TaskState) -> None:
        raise ValueError("boom\nsecond line")

    Operation(parent, work, label="创建").run_in_background()
    (box,) = message_boxes(parent)
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.text().startswith("出现了意外错误")
    assert box.text().endswith("原因：ValueError: boom")
    box.close()


def test_a_failure_callback_replaces_the_message_box(
    qtbot: QtBot, parent: QWidget, chinese: str, sync_operations: None
) -> None:
    errors: list[BaseException] = []
    Operation(parent, lambda _task: 1 / 0, label="x").failure(errors.append).run_in_background()
    assert isinstance(errors[0], ZeroDivisionError)
    assert message_boxes(parent) == []


def test_synchronous_mode_runs_on_the_calling_thread(qtbot: QtBot, sync_operations: None) -> None:
    threads: list[threading.Thread] = []
    results: list[str] = []
    Operation(None, lambda _task: threads.append(threading.current_thread()) or "done", label="x").success(
        results.append
    ).run_in_background()
    assert results == ["done"]
    assert threads == [threading.current_thread()]


def test_a_parent_deleted_while_the_work_runs_gets_no_callback(qtbot: QtBot, sync_operations: None) -> None:
    """A page rebuilt while its figures were read (the dashboard's late indicators at 100k): the
    result arrives after its widgets are gone, and calling back would raise on a deleted object."""
    from PySide6.QtWidgets import QTableWidget

    page = QWidget()
    table = QTableWidget(page)
    shown: list[int] = []

    def fill(rows: int) -> None:
        table.setRowCount(rows)  # RuntimeError if the page's C++ objects are gone
        shown.append(rows)

    def work(_task: TaskState) -> int:
        import shiboken6

        shiboken6.delete(page)  # the page goes while the work runs
        return 3

    finished: list[Operation[int]] = []
    operations.hooks().finished.connect(finished.append)
    try:
        op = Operation(page, work, label="读取").success(fill).run_in_background()
    finally:
        operations.hooks().finished.disconnect(finished.append)
    assert op.result == 3 and shown == [] and finished == [op]
    failing = QWidget()

    def fail(_task: TaskState) -> None:
        import shiboken6

        shiboken6.delete(failing)
        raise ServiceError("读不到")

    failed = Operation(failing, fail, label="读取").run_in_background()  # no box on a deleted parent
    assert isinstance(failed.error, ServiceError)


def test_an_owner_that_is_no_widget_gets_no_callback_once_deleted(
    qtbot: QtBot, sync_operations: None
) -> None:
    """A model or a timer object starts quiet work (the household list's ids, the daily backup): when it
    is deleted before the work ends (its page closed), nothing is called back on it; no dialog either."""
    import shiboken6
    from PySide6.QtCore import QObject

    owner = QObject()
    arrived: list[int] = []

    def work(_task: TaskState) -> int:
        shiboken6.delete(owner)
        return 7

    op = Operation(owner, work, label="", quiet=True).success(arrived.append).run_in_background()
    assert op.result == 7 and arrived == [] and op.parent_widget is None
    kept = QObject()
    Operation(kept, lambda _task: 8, label="", quiet=True).success(arrived.append).run_in_background()
    assert arrived == [8]  # alive: called back as before
