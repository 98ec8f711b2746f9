"""The login dialog, the idle lock over an open form, the user list: through the real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from tests.stations import TEST_ADMIN, TEST_PASSWORD, new_station
from tests.ui.conftest import type_text
from ui.login.dialog import LoginDialog
from ui.login.lock import Cover, IdleLock
from ui.login.users_page import UsersPage


def test_login_dialog_says_why_and_opens_with_the_right_password(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "s"
    new_station(folder, level="city", name="朝阳市民委", division_code="211300").close()
    dialog = LoginDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.demo_hint.isVisible()
    type_text(dialog.user, TEST_ADMIN)
    type_text(dialog.password, "wrong")
    dialog.log_in()
    assert dialog.isVisible() and dialog.station is None
    assert "用户名或密码错误" in dialog.error.text()
    for _ in range(4):
        dialog.log_in()
    assert "已锁定至" in dialog.error.text()  # locked until …, said in the dialog
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_login_dialog_shows_the_demo_credentials_and_logs_in(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    Station.open_demo(folder)[0].close()
    dialog = LoginDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert (
        dialog.demo_hint.isVisible()
        and "admin" in dialog.demo_hint.text()
        and "demo" in dialog.demo_hint.text()
    )
    assert dialog.user.text() == "admin"
    type_text(dialog.password, "demo")
    dialog.log_in()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.station is not None
    assert dialog.station.db.actor.username == "admin"
    dialog.station.close()


def test_the_idle_lock_covers_every_window_and_keeps_the_open_form(qtbot: QtBot, station: Station) -> None:
    main, form = QLineEdit(), QLineEdit()
    for widget in (main, form):
        qtbot.addWidget(widget)
        widget.resize(500, 400)
        widget.show()
    type_text(form, "半填的表")
    lock = IdleLock(main, lambda: station, minutes=10)
    assert lock.timer.interval() == 10 * 60_000 and lock.timer.isActive()
    lock.lock()
    assert lock.locked and lock.form is not None
    covers = [c for c in main.findChildren(Cover)] + [c for c in form.findChildren(Cover)]
    assert len(covers) == 2 and all(c.isVisible() and c.geometry() == c.parentWidget().rect() for c in covers)
    type_text(lock.form.password, "wrong")
    lock.form.unlock()
    assert lock.locked and lock.form.error.isVisible()
    lock.form.password.clear()
    type_text(lock.form.password, TEST_PASSWORD)
    lock.form.unlock()
    assert not lock.locked
    assert form.text() == "半填的表"  # nothing was closed or cleared
    from huimin_desktop.services.audit import AuditFilter

    lines = [(e.action, e.user) for e in reversed(station.audit.lines(AuditFilter(kind="app_user")))]
    assert lines[-3:] == [("session_lock", "admin"), ("login_failed", "admin"), ("login", "admin")]
    lock.set_minutes(0)
    assert not lock.timer.isActive()


def test_the_user_list_adds_disables_and_refuses_the_last_admin(
    qtbot: QtBot, station: Station, chinese: str
) -> None:
    page = UsersPage(station)
    qtbot.addWidget(page)
    page.show()
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == TEST_ADMIN
    station.users.create("wang.li", "王丽", "entry", password="wang-pass")
    page.refresh()
    assert [page.table.item(r, 0).text() for r in range(2)] == [TEST_ADMIN, "wang.li"]
    assert page.table.item(1, 2).text() == "录入员"
    page.table.selectRow(1)
    page.disable_button.click()
    assert [u.active for u in station.users.list()] == [True, False]
    page.table.selectRow(0)
    page.disable_button.click()
    assert "最后一位管理员" in page.message.text()
    page.table.selectRow(1)
    page.role.setCurrentIndex(page.role.findData("reviewer"))
    page.role_button.click()
    assert station.users.list()[1].role == "reviewer"


def test_the_idle_minutes_setting_reaches_the_lock(qtbot: QtBot, station: Station) -> None:
    from ui import preferences
    from ui.main_window import MainWindow

    window = MainWindow(station)
    qtbot.addWidget(window)
    window.show()
    window.show_page("settings")
    settings = window.pages["settings"]
    assert window.idle_lock is not None and window.idle_lock.minutes == 10  # the default
    settings.idle_minutes.setValue(3)  # type: ignore[attr-defined]
    assert window.idle_lock.minutes == 3 and window.idle_lock.timer.interval() == 3 * 60_000
    assert preferences.read(preferences.IDLE_LOCK_MINUTES) == 3
    settings.idle_minutes.setValue(0)  # type: ignore[attr-defined]
    assert not window.idle_lock.timer.isActive()
    window.idle_lock.lock()  # locking by hand still works, and covers the main window
    assert window.idle_lock.locked and window.idle_lock.covers[0].parentWidget() is window
