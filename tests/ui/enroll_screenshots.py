"""Screenshots of the enroll dialog showing the setup code and of the first start's setup-code field.

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python -m tests.ui.enroll_screenshots /tmp/enroll-shots
"""

from __future__ import annotations

import os
import sys

from tests.stations import new_station
from tests.ui.shots import save, shot_arguments, shot_session
from ui.first_start import FirstStartDialog
from ui.sync.enroll_dialog import EnrollDialog


def main(argv: list[str] | None = None) -> None:
    args = shot_arguments("enroll_screenshots", argv)
    with shot_session("enroll-shots-", language=None) as session:
        usb = session.scratch / "KINGSTON"
        usb.mkdir()
        os.environ["HUIMIN_TEST_DRIVES"] = str(usb)
        city_dir = session.scratch / "city"
        with new_station(city_dir, level="city", name="朝阳市民委", division_code="211300") as city:
            dialog = EnrollDialog(city)
            dialog.show()
            dialog.level.setCurrentIndex(dialog.level.findData("township"))
            dialog.division.setCurrentIndex(dialog.division.findData("211381204000"))
            save(session.app, dialog, args.outdir / "enroll-form.png")
            dialog.ok_button.click()
            save(session.app, dialog, args.outdir / "enroll-code.png")
            dialog.close()
        first = FirstStartDialog(session.scratch / "new")
        first.show()
        first.setup_code.setText("7k3q m9tx 2bhd")
        save(session.app, first, args.outdir / "first-start-code.png")
        first.setup_code.clear()
        first.set_up_from(session.scratch / "setup.json")
        save(session.app, first, args.outdir / "first-start-no-code.png")
        first.close()


if __name__ == "__main__":
    main(sys.argv[1:])
