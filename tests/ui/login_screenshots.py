"""Screenshots of the login screens (issue 13): the login dialog of the demo folder with a refusal, the
idle lock over the main window, the user list, the first administrator in the first start, the recovery
code. ``xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python -m
tests.ui.login_screenshots /tmp/login-shots``"""

from __future__ import annotations

import sys

from huimin_desktop.services.station import Station
from tests.ui.shots import save, settle, shot_arguments, shot_session
from ui.first_start import FirstStartDialog
from ui.login.dialog import LoginDialog
from ui.login.recovery import RecoveryCodeDialog
from ui.login.users_page import UsersWindow
from ui.main_window import MainWindow


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("login_screenshots", argv)
    with shot_session("login-shots-") as session:
        app, out = session.app, args.outdir
        demo = session.scratch / "huimin-demo"
        station, _created = Station.open_demo(demo)
        station.generate_demo(30, seed=3)
        station.users.create("wang.li", "王丽", "entry", password="wang-pass")
        station.users.create("zhao.min", "赵敏", "reviewer", password="zhao-pass")
        station.users.disable("zhao.min")
        station.close()

        login = LoginDialog(demo)
        login.show()
        save(app, login, out / "login-dialog.png")
        login.password.setText("wrong")
        login.log_in()
        save(app, login, out / "login-wrong-password.png")
        login.user.setText("wang.li")
        for _ in range(5):
            login.log_in()
        save(app, login, out / "login-locked.png")

        station = Station.open(demo, "admin", "demo")
        window = MainWindow(station)
        window.resize(1280, 720)
        window.show()
        settle(app)
        users = UsersWindow(station, window)
        users.show()
        save(app, users, out / "user-list.png")
        users.close()
        window.idle_lock.lock()  # type: ignore[union-attr]
        save(app, window, out / "idle-lock.png")

        first = FirstStartDialog(session.scratch / "new")
        first.show()
        first.password.setText("secret")
        first.password_again.setText("secret")
        save(app, first, out / "first-start-admin.png")
        code = RecoveryCodeDialog("7K3Q-M9TX-2BHD-4WZP-QR8N")
        code.show()
        save(app, code, out / "recovery-code.png")
        window.close()
        station.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
