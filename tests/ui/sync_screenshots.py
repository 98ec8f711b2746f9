"""Screenshots of the 同步 screens at 1366×768: the page (township and city), the export wizard, the merge
preview with a refused package and a conflict, the merge result and the conflict review side by side.

Not a test. Run under a virtual screen so fonts and styles are the real ones::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.sync_screenshots /tmp/shots

Real stations in a temporary folder (a city, three townships it enrolled, one of them revoked) exchange
real packages first. The Chinese shots use the shipped catalog (``ui.i18n``).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from huimin_desktop.services.station import Station
from huimin_desktop.sync.drives import TEST_DRIVES_ENV
from tests.core.sync_helpers import add_household, set_household
from tests.ui.shots import save, screen_size, settle, shot_arguments, shot_session
from tests.ui.sync_scenario import enroll, enrolled_pair, phone_conflict, stick, township_sends_households
from ui.i18n import CHINESE, ENGLISH, install_translators, remove_translators
from ui.main_window import MainWindow

OTHER_CODE = "211322218000"  # 三家蒙古族乡
DIALOG = (1100, 640)


def build_network(scratch: Path) -> tuple[Station, Station, Path]:
    """A city and three townships it enrolled; returns the city, 马友营 and the stick for the preview.

    On the stick: 马友营's package (new households and a phone both stations changed: a conflict to
    come) and a package of 凉水河, whose laptop was stolen and which the city then revoked. At the city
    a duplicate ID number (马友营 and 三家 both entered 包金山) and the phone conflict are open.
    """
    city, township = enrolled_pair(scratch / "net")
    third = enroll(city, scratch / "net3", name="三家蒙古族乡", code=OTHER_CODE)
    add_household(third, "包金山", "211381197705050012")
    add_household(township, "包金山", "211381197705050012")
    side = stick(scratch, "SIDE")
    third.sync.export(side)
    township.sync.export(side)
    city.sync.merge([side])
    third.close()

    usb = stick(scratch, "KINGSTON")
    phone_conflict(city, township, usb)
    city.sync.merge([usb])  # the conflict is open at the city now
    for package in list(usb.iterdir()):
        shutil.rmtree(package)
    set_household(township, township_household(township, "宝斯鲁"), phone="13933333333")
    set_household(city, township_household(township, "宝斯鲁"), phone="13944444444")
    add_household(township, "乌力吉", "211381198502020028", members=4)
    township.sync.export(usb)

    other = enroll(city, scratch / "net2", name="凉水河蒙古族乡", code="211381223000")
    township_sends_households(other, usb, heads=2)
    other.close()
    city.enrollment.revoke("211381223000", "笔记本电脑被盗")
    return city, township, usb


def township_household(station: Station, head: str) -> str:
    from huimin_desktop.services.household_list import HouseholdQuery

    (found,) = station.households.ids(HouseholdQuery(search=head))
    return found


def shoot(app: QApplication, city: Station, township: Station, usb: Path, out: Path, language: str) -> None:
    translators = install_translators(app, language)
    prefix = "zh" if language == CHINESE else "en"
    try:
        window = MainWindow(township)
        window.resize(*screen_size())
        window.show()
        window.show_page("sync")
        save(app, window, out / f"{prefix}-sync-page-township.png")
        page = window.pages["sync"]
        wizard = page.open_export()
        wizard.resize(720, 520)
        save(app, wizard, out / f"{prefix}-sync-export.png")
        # Written to a folder of its own: the stick's packages are for the city's preview.
        elsewhere = stick(usb.parent, f"EXPORT-{prefix}")
        wizard.picker.set_folder(elsewhere)
        wizard.start_export()
        settle(app, 20)
        save(app, wizard, out / f"{prefix}-sync-export-done.png")
        wizard.close()
        window.close()

        window = MainWindow(city)
        window.resize(*screen_size())
        window.show()
        window.show_page("sync")
        page = window.pages["sync"]
        if page.peers:
            page.lower_table.selectRow(0)
        save(app, window, out / f"{prefix}-sync-page-city.png")
        page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
        save(app, window, out / f"{prefix}-sync-page-city-scrolled.png")

        enroll_dialog = page.enroll_station()
        enroll_dialog.level.setCurrentIndex(enroll_dialog.level.findData("township"))
        save(app, enroll_dialog, out / f"{prefix}-sync-enroll.png")
        enroll_dialog.close()
        revoke = page.revoke_selected()
        if revoke is not None:
            save(app, revoke, out / f"{prefix}-sync-revoke.png")
            revoke.close()

        merge = page.open_merge()
        merge.resize(*DIALOG)
        merge.add_path(usb)
        save(app, merge, out / f"{prefix}-sync-merge-choose.png")
        merge.start_preview()
        settle(app, 20)
        save(app, merge, out / f"{prefix}-sync-merge-preview.png")
        merge.close()

        review = page.open_conflicts()
        review.resize(*DIALOG)
        review.editors_enabled = False
        save(app, review, out / f"{prefix}-sync-conflicts.png")
        for row, conflict in enumerate(review.conflicts):
            if conflict.kind == "duplicate-id":
                review.table.selectRow(row)
                save(app, review, out / f"{prefix}-sync-conflicts-duplicate.png")
        review.close()
        window.close()
    finally:
        remove_translators(app, translators)


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("python -m tests.ui.sync_screenshots", argv)
    with shot_session("huimin-sync-shots-", language=None, synchronous=False) as session:
        app, scratch = session.app, session.scratch
        from ui import operations

        operations.set_synchronous(True)
        city, township, usb = build_network(scratch)
        os.environ[TEST_DRIVES_ENV] = f"{usb}|vfat"
        try:
            for language in (CHINESE, ENGLISH):
                shoot(app, city, township, usb, args.outdir, language)
        finally:
            township.close()
            city.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
