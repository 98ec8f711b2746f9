"""The user manual's screenshots (docs/manual/images/*.png), made from the real program on demo data.

Not a test. Run under a virtual screen so fonts and styles are the real ones::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.manual_shots [--only NAME ...] [--out FOLDER]

Every picture the manual shows is one entry of ``SHOTS`` (tests/ui/test_manual.py checks that the list
and docs/manual/images/ agree, so regenerating keeps them in step). A shot belongs to a *scene*: the
stations it needs, built once in a scratch folder by the helpers the other screenshot scripts use
(tests/ui/*screenshots.py), with invented demo data only. Each picture is cropped to the window or the
part that matters and stored small: quantized to a palette and optimized by Pillow.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps
from PySide6.QtCore import QBuffer, QIODevice, QPoint, QRect
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from huimin_desktop.paths import MANUAL_DIR
from huimin_desktop.services.station import Station
from tests.ui.shots import settle, shot_session

IMAGES_DIR = MANUAL_DIR / "images"
MAX_BYTES = 120 * 1024  # one picture; the manual ships in the build
WINDOW = (1024, 660)  # the main window in the pictures: crisp at 1:1 in the manual window
DIALOG = (960, 600)
FRAME = (150, 160, 172)  # the pictures' one-pixel border
Capture = QWidget | tuple[QWidget, QRect]  # a widget, or the part of it that matters


@dataclass
class Scene:
    """The stations one group of shots needs, and what the shots share (a main window, ids)."""

    app: QApplication
    scratch: Path
    stations: list[Station] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    def keep(self, station: Station) -> Station:
        self.stations.append(station)
        return station


@dataclass(frozen=True)
class Shot:
    name: str  # docs/manual/images/<name>.png
    scene: str
    take: Callable[[Scene], Capture]


SHOTS: dict[str, Shot] = {}
SCENES: dict[str, Callable[[Scene], None]] = {}


def shot(name: str, scene: str) -> Callable[[Callable[[Scene], Capture]], Callable[[Scene], Capture]]:
    def register(take: Callable[[Scene], Capture]) -> Callable[[Scene], Capture]:
        assert name not in SHOTS, name
        SHOTS[name] = Shot(name, scene, take)
        return take

    return register


def scene(name: str) -> Callable[[Callable[[Scene], None]], Callable[[Scene], None]]:
    def register(build: Callable[[Scene], None]) -> Callable[[Scene], None]:
        SCENES[name] = build
        return build

    return register


# -- saving


def small_png(pixmap: QPixmap, path: Path, crop: QRect | None = None) -> int:
    """The picture as a palette PNG no bigger than MAX_BYTES where the colours allow; returns its size."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.toImage().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    if crop is not None:
        ratio = pixmap.devicePixelRatio()
        box = [round(v * ratio) for v in (crop.left(), crop.top(), crop.right() + 1, crop.bottom() + 1)]
        image = image.crop(tuple(box))
    # A thin frame: in the manual a picture of a window must not pass for the window itself.
    image = ImageOps.expand(image, border=1, fill=FRAME)
    data = b""
    for colours in (128, 64, 32):
        palette = image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        out = io.BytesIO()
        palette.save(out, "PNG", optimize=True)
        data = out.getvalue()
        if len(data) <= MAX_BYTES:
            break
    path.write_bytes(data)
    return len(data)


def capture(app: QApplication, taken: Capture, path: Path) -> int:
    widget, crop = taken if isinstance(taken, tuple) else (taken, None)
    settle(app, 12)
    size = small_png(widget.grab(), path, crop)
    if isinstance(widget, QMenu):
        widget.hide()  # a popup would keep the next shot's clicks
    print(f"{path.name}: {widget.width()}x{widget.height()}, {size / 1024:.0f} KB")
    return size


def shown(widget: QWidget, size: tuple[int, int] | None = None) -> QWidget:
    if size is not None:
        widget.resize(*size)
    widget.move(0, 0)
    widget.show()
    return widget


def closed_editor(editor: Any) -> None:
    """Close an editor window without its "discard changes?" question."""
    editor._closing = True
    if getattr(editor, "drafts", None) is not None:
        editor.drafts.timer.stop()
    editor.close()


def main_window(context: Scene, station: Station, key: str = "window") -> QWidget:
    from ui.main_window import MainWindow

    if key not in context.values:
        context.values[key] = shown(MainWindow(station), WINDOW)
    return context.values[key]


def page_of(context: Scene, page: str, key: str = "window", size: tuple[int, int] = WINDOW) -> Any:
    window = context.values[key]
    window.resize(*size)
    window.show_page(page)
    return window.pages[page]


# -- scenes: the stations, built once


@scene("welcome")
def welcome_scene(context: Scene) -> None:
    context.values["folder"] = context.scratch.parent / "huimin-desktop"  # the path the dialog shows


@scene("new-laptop")
def new_laptop_scene(context: Scene) -> None:
    """A township's backup on a stick, and a new laptop's empty data folder."""
    from tests.ui.restore_screenshots import _backup

    context.values["backup"] = _backup(context.scratch)
    context.values["folder"] = context.scratch.parent / "huimin-desktop"


@scene("demo")
def demo_scene(context: Scene) -> None:
    """The demo folder (admin / demo) with an entry user and a reviewer, and a day of their work."""
    from tests.core.sync_helpers import set_household

    demo = context.scratch.parent / "huimin-demo"  # the path the login dialog shows
    station, _created = Station.open_demo(demo)
    station.generate_demo(40, seed=3, attachments_mb=1)
    station.users.create("wang.li", "王丽", "entry", password="wang-pass")
    station.users.create("zhao.min", "赵敏", "reviewer", password="zhao-pass")
    station.close()
    clerk = Station.open(demo, "zhao.min", "zhao-pass")
    for household in clerk.households.ids()[:4]:
        set_household(clerk, household, phone="13904210000", address="三组")
    clerk.rosters.export(context.scratch / "roster.xlsx", reason="核对低保名单")
    clerk.close()
    context.values["folder"] = demo
    admin = context.keep(Station.open(demo, "admin", "demo"))
    admin.backups.take("daily")
    stick = context.scratch / "KINGSTON"
    stick.mkdir()
    admin.backups.to_drive(stick)
    context.values["stick"] = stick
    main_window(context, admin)


@scene("township")
def township_scene(context: Scene) -> None:
    """马友营蒙古族乡 with 300 demo households and a few projects with their stages."""
    from tests.ui.archive_screenshots import add_archives
    from tests.ui.editor_screenshots import pick_household
    from tests.ui.shots import township_station

    station = context.keep(township_station(context.scratch))
    station.generate_demo(300)
    context.values["project"] = add_archives(station)
    context.values["household"] = pick_household(station)
    main_window(context, station)


@scene("attachments")
def attachments_scene(context: Scene) -> None:
    from tests.ui.attachment_screenshots import fill
    from tests.ui.shots import township_station

    folder = context.scratch / "attachments"
    folder.mkdir()
    station = context.keep(township_station(folder))
    context.values["project"], context.values["household"], _bad = fill(station, folder)


@scene("roster")
def roster_scene(context: Scene) -> None:
    """A township that imported part of an office roster before; the whole roster, with faults, now."""
    from tests.core.test_roster_fixtures import make_id, sample_rows, write_office_xlsx
    from tests.ui.shots import township_station

    folder = context.scratch / "roster"
    folder.mkdir()
    station = context.keep(township_station(folder))
    station.rosters.import_file(write_office_xlsx(folder / "earlier.xlsx", sample_rows()[:2]))
    rows = sample_rows()
    rows[0][7] = "4,000"  # an update
    rows += [
        ["三家子村", "周八", "男", "火星族", make_id("19700101", 31), 2],
        ["东营子村", "郑十", "男", "汉族", make_id("19700101", 71), 3, None, "-300"],
        ["东营子村", "冯一", "女", "汉族", None, 2],
    ]
    context.values["roster"] = write_office_xlsx(folder / "三家子村花名册.xlsx", rows)


@scene("sync")
def sync_scene(context: Scene) -> None:
    """A city and the townships it enrolled, real packages on a stick, a conflict and a duplicate open."""
    from huimin_desktop.sync.drives import TEST_DRIVES_ENV
    from tests.ui.sync_scenario import stick
    from tests.ui.sync_screenshots import build_network

    city, township, usb = build_network(context.scratch)
    context.keep(city)
    context.keep(township)
    os.environ[TEST_DRIVES_ENV] = f"{usb}|vfat"
    context.values.update(usb=usb, export=stick(context.scratch, "EXPORT"))
    main_window(context, township, "township")
    main_window(context, city, "city")


@scene("city")
def city_scene(context: Scene) -> None:
    """朝阳市 with 1,500 demo households in its townships, which report now and then."""
    from tests.stations import new_station
    from tests.ui.dashboard_screenshots import _note_packages

    station = context.keep(
        new_station(
            context.scratch / "city", level="city", name="朝阳市民族和宗教事务委员会", division_code="211300"
        )
    )
    station.generate_demo(1500)
    _note_packages(station)
    station.reports._today = lambda: dt.date.today()
    main_window(context, station)


# -- 1. setup


@shot("first-start", "welcome")
def first_start(context: Scene) -> Capture:
    from ui.first_start import FirstStartDialog

    return shown(FirstStartDialog(context.values["folder"]))


@shot("recovery-code", "welcome")
def recovery_code(context: Scene) -> Capture:
    from ui.login.recovery import RecoveryCodeDialog

    return shown(RecoveryCodeDialog("7K3Q-M9TX-2BHD-4WZP-QR8N"))


@shot("restore-new-laptop", "new-laptop")
def restore_new_laptop(context: Scene) -> Capture:
    """欢迎窗口 → 从备份恢复…: the stick's backup checked, the administrator's password asked."""
    from ui.first_start import FirstStartDialog

    first = shown(FirstStartDialog(context.values["folder"]))
    dialog = first.open_restore()
    dialog.check(context.values["backup"])
    settle(context.app, 20)
    return dialog


# -- 2. users


@shot("login", "demo")
def login(context: Scene) -> Capture:
    from ui.login.dialog import LoginDialog

    dialog = LoginDialog(context.values["folder"])
    dialog.user.setText("wang.li")
    dialog.password.setText("wrong")
    dialog.log_in()
    return shown(dialog)


@shot("file-menu", "demo")
def file_menu(context: Scene) -> Capture:
    """The 文件 menu as an administrator sees it (用户管理…, 审计日志…, the rosters, 公示)."""
    page_of(context, "home")
    window = context.values["window"]
    action = window.menuBar().actions()[0]
    menu = action.menu()
    menu.popup(window.mapToGlobal(window.menuBar().actionGeometry(action).bottomLeft()))
    return menu


@shot("users", "demo")
def users(context: Scene) -> Capture:
    from ui.login.users_page import UsersWindow

    return shown(UsersWindow(context.stations[0], context.values["window"]), (720, 420))


@shot("audit-log", "demo")
def audit_log(context: Scene) -> Capture:
    from ui.audit.viewer import AuditWindow

    return shown(AuditWindow(context.stations[0], context.values["window"]), (1000, 600))


@shot("household-masked", "demo")
def household_masked(context: Scene) -> Capture:
    """The household editor as 录入员 王丽 sees it: the ID numbers and phone masked."""
    from ui.household_editor.editor import HouseholdEditor
    from ui.household_editor.members_table import COLUMNS

    entry = context.keep(Station.open(context.values["folder"], "wang.li", "wang-pass"))
    household = next(
        row.id
        for row in entry.households.list()
        if row.member_count >= 3  # a family, not one person
    )
    editor = shown(HouseholdEditor(entry, household, user="wang.li"), (1000, 640))
    model = editor.members.model
    shown_number = model.data(model.index(0, COLUMNS.index("id_number")))
    assert "*" in str(shown_number), f"an entry user sees {shown_number}: the picture would show it whole"
    return editor


# -- 3. households


@shot("households", "township")
def households(context: Scene) -> Capture:
    page_of(context, "households")
    return context.values["window"]


@shot("household-editor", "township")
def household_editor(context: Scene) -> Capture:
    return household_window(context)


def household_window(context: Scene) -> Any:
    """The demo household of 4–5 members with two years of surveys, opened once."""
    from ui.household_editor import HouseholdEditor

    if "editor" not in context.values:
        editor = HouseholdEditor(context.stations[0], context.values["household"])
        context.values["editor"] = shown(editor, (1000, 700))
    return context.values["editor"]


@shot("household-survey", "township")
def household_survey(context: Scene) -> Capture:
    editor = household_window(context)
    editor.section_keys.go_to("survey")  # as Ctrl+↓ opens it
    return editor


@shot("household-refused", "township")
def household_refused(context: Scene) -> Capture:
    """A new household whose head has the ID number of someone already entered: refused, with a link."""
    from tests.ui.editor_helpers import type_cell, type_into
    from ui.household_editor import HouseholdEditor

    station = context.stations[0]
    record = station.households.get(context.values["household"])
    if "editor" in context.values:
        closed_editor(context.values.pop("editor"))
    fresh = shown(HouseholdEditor(station, None), (1000, 700))
    fresh.activateWindow()
    settle(context.app)
    type_into(fresh.village, station.divisions.get(record.division_id).name)
    type_cell(fresh, 0, "name", "宝斯鲁")
    type_cell(fresh, 0, "id_number", record.members[0].id_number)  # someone else's number
    type_cell(fresh, 0, "ethnicity", "02")
    type_into(fresh.survey.amounts["income_wage"], "15000")
    fresh.save()  # refused by the service: the duplicate, with its link
    return fresh


# -- 4. archives


@shot("projects", "township")
def projects(context: Scene) -> Capture:
    page_of(context, "projects")
    return context.values["window"]


@shot("project-stages", "township")
def project_stages(context: Scene) -> Capture:
    from ui.project_editor import ProjectEditor

    editor = ProjectEditor(context.stations[0], context.values["project"], context.values["window"])
    shown(editor, (1000, 700))
    settle(context.app)
    top = editor.stages.mapTo(editor.scroll_area.widget(), QPoint(0, 0)).y()
    editor.scroll_area.verticalScrollBar().setValue(top - 48)  # the stages at the top of the view
    return editor


@shot("trainings", "township")
def trainings(context: Scene) -> Capture:
    page_of(context, "training")
    return context.values["window"]


@shot("attachments", "attachments")
def attachments(context: Scene) -> Capture:
    from PySide6.QtWidgets import QMainWindow

    from ui.attachments.panel import AttachmentPanel

    window = QMainWindow()
    panel = AttachmentPanel(
        context.stations[0], categories=["施工照片", "公示照片", "验收材料", "访谈录音", "申报材料"]
    )
    panel.setContentsMargins(10, 10, 10, 10)
    window.setCentralWidget(panel)
    window.setWindowTitle("BP-2025-007 东营子村道路硬化")
    shown(window, (960, 560))
    panel.set_owner("project", context.values["project"])
    panel.loader.wait()
    settle(context.app, 20)
    panel.view.setCurrentIndex(panel.model.index(3))
    context.values["panel"] = (window, panel)
    return window


# -- 5. roster


@shot("roster-preview", "roster")
def roster_preview(context: Scene) -> Capture:
    return roster_dialog(context)


@shot("roster-mapping", "roster")
def roster_mapping(context: Scene) -> Capture:
    from ui.roster_import.dialog import MAPPING

    dialog = roster_dialog(context)
    dialog.stack.setCurrentIndex(MAPPING)
    return dialog


def roster_dialog(context: Scene) -> Any:
    """The import dialog with the roster loaded: its preview."""
    from ui.roster_import.dialog import RosterImportDialog

    if "roster_dialog" not in context.values:
        dialog = shown(RosterImportDialog(context.stations[0]), (1000, 500))
        dialog.load(context.values["roster"])
        context.values["roster_dialog"] = dialog
    return context.values["roster_dialog"]


# -- 6. sync


@shot("sync-township", "sync")
def sync_township(context: Scene) -> Capture:
    page_of(context, "sync", "township")
    return context.values["township"]


@shot("sync-export", "sync")
def sync_export(context: Scene) -> Capture:
    page = page_of(context, "sync", "township")
    wizard = page.open_export()
    wizard.resize(720, 520)
    wizard.picker.set_folder(context.values["export"])
    wizard.start_export()
    settle(context.app, 20)
    return wizard


@shot("sync-city", "sync")
def sync_city(context: Scene) -> Capture:
    page = page_of(context, "sync", "city")
    if page.peers:
        page.lower_table.selectRow(0)
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())  # down to 登记新站点…
    return context.values["city"]


@shot("enroll", "sync")
def enroll(context: Scene) -> Capture:
    page = page_of(context, "sync", "city")
    dialog = page.enroll_station()
    dialog.level.setCurrentIndex(dialog.level.findData("township"))
    return dialog


@shot("merge-preview", "sync")
def merge_preview(context: Scene) -> Capture:
    page = page_of(context, "sync", "city")
    merge = page.open_merge()
    merge.resize(*DIALOG)
    merge.add_path(context.values["usb"])
    merge.start_preview()
    settle(context.app, 20)
    return merge


@shot("conflicts", "sync")
def conflicts(context: Scene) -> Capture:
    review = conflict_review(context)
    select_conflict(review, lambda kind: kind != "duplicate-id")  # two stations changed one phone
    return review


@shot("conflicts-duplicate", "sync")
def conflicts_duplicate(context: Scene) -> Capture:
    review = conflict_review(context)
    select_conflict(review, lambda kind: kind == "duplicate-id")
    return review


def conflict_review(context: Scene) -> Any:
    if "review" not in context.values:
        review = page_of(context, "sync", "city").open_conflicts()
        review.resize(*DIALOG)
        review.editors_enabled = False
        context.values["review"] = review
    return context.values["review"]


def select_conflict(review: Any, wanted: Callable[[str], bool]) -> None:
    for row, conflict in enumerate(review.conflicts):
        if wanted(conflict.kind):
            review.table.selectRow(row)
            return


# -- 7. dashboard and assessment


@shot("dashboard", "city")
def dashboard(context: Scene) -> Capture:
    """The page alone, from a window as wide as a maximised one: every card of the first row shows."""
    window = context.values["window"]
    page = page_of(context, "home", size=(1220, 700))
    settle(context.app, 20)
    corner = page.mapTo(window, QPoint(0, 0))
    return window, QRect(corner, page.size())


@shot("dashboard-clicked", "city")
def dashboard_clicked(context: Scene) -> Capture:
    """A click on the 户均增收 card: the households list with the filters its average is over."""
    page = page_of(context, "home")
    settle(context.app, 10)
    page.cards["income"].click()
    settle(context.app, 20)
    return context.values["window"]


@shot("assessment", "city")
def assessment(context: Scene) -> Capture:
    page_of(context, "assessment")
    return context.values["window"]


@shot("assessment-month", "city")
def assessment_month(context: Scene) -> Capture:
    page = page_of(context, "assessment")
    index = page.grid_model.index(1, 10)
    page.grid.setCurrentIndex(index)
    page._cell_clicked(index)
    return context.values["window"]


@shot("indicator-editor", "city")
def indicator_editor(context: Scene) -> Capture:
    """The city's 编辑 of the county's second indicator: its plan and the twelve-month milestones."""
    page = page_of(context, "assessment")
    page.indicators.selectRow(1)
    page.edit_button.click()
    dialog = page.defining.dialog
    assert dialog is not None
    dialog.move(0, 0)
    return dialog


# -- 8. reports


@shot("reports", "city")
def reports(context: Scene) -> Capture:
    page_of(context, "reports")
    return context.values["window"]


@shot("reports-preview", "city")
def reports_preview(context: Scene) -> Capture:
    page = page_of(context, "reports")
    page.table.setCurrentIndex(page.table.findData("income"))
    page.show_preview()
    dialog = page.preview_dialog
    assert dialog is not None
    return shown(dialog, (1000, 680))


@shot("public-notice", "township")
def public_notice(context: Scene) -> Capture:
    """文件 → 受益农户公示…: the beneficiaries of the township's 2025 projects, no ID numbers."""
    from ui.public_notice.dialog import PublicNoticeDialog

    dialog = PublicNoticeDialog(context.stations[0], context.values["window"])
    dialog.year.setValue(2025)
    return shown(dialog, (900, 560))


# -- 9. backups


@shot("settings-backups", "demo")
def settings_backups(context: Scene) -> Capture:
    page_of(context, "settings")
    return context.values["window"]


@shot("backup-to-stick", "demo")
def backup_to_stick(context: Scene) -> Capture:
    from ui.backup.dialogs import DriveBackupDialog

    dialog = DriveBackupDialog(context.stations[0], context.values["window"])
    dialog.picker.set_folder(context.values["stick"])
    shown(dialog)
    dialog.run_backup()
    return dialog


@shot("restore", "demo")
def restore(context: Scene) -> Capture:
    from ui.backup.dialogs import RestoreDialog

    dialog = shown(RestoreDialog(context.stations[0], context.values["window"]))
    dialog.list.setCurrentRow(0)
    return dialog


# -- running


@contextmanager
def built(app: QApplication, name: str, scratch: Path) -> Iterator[Scene]:
    folder = scratch / name
    folder.mkdir()
    context = Scene(app, folder)
    try:
        SCENES[name](context)
        yield context
    finally:
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                closed_editor(widget) if hasattr(widget, "_closing") else widget.close()
        settle(app)
        for station in context.stations:
            station.close()


def take(app: QApplication, names: list[str], out: Path, scratch: Path) -> dict[str, int]:
    """Make the named shots (scene by scene) into ``out``; returns each file's size in bytes.

    A shot (or a scene) that fails is reported and skipped, its old picture left as it was, so one
    changed screen does not cost the others; ``main`` then exits non-zero naming it."""
    sizes: dict[str, int] = {}
    for scene_name in SCENES:
        wanted = [name for name in names if SHOTS[name].scene == scene_name]
        if not wanted:
            continue
        try:
            with built(app, scene_name, scratch) as context:
                for name in wanted:
                    try:
                        sizes[name] = capture(app, SHOTS[name].take(context), out / f"{name}.png")
                    except Exception:  # report it, make the others
                        traceback.print_exc()
                        print(f"{name}: FAILED", file=sys.stderr)
        except Exception:  # the scene itself: none of its shots
            traceback.print_exc()
            print(f"scene {scene_name} FAILED: {', '.join(wanted)} not made", file=sys.stderr)
    return sizes


def take_all(names: list[str], out: Path) -> dict[str, int]:
    """``take`` in a styled, Chinese application of its own, operations on the calling thread."""
    from tests.ui.assessment_screenshots import incoming_translator
    from ui import operations

    with shot_session("huimin-") as session, operations.synchronous():
        # The strings of this session's screens, as the lead's merge of the translations will fill them.
        session.translators.append(incoming_translator(session.scratch))
        session.app.installTranslator(session.translators[-1])
        return take(session.app, names, out, session.scratch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.ui.manual_shots")
    parser.add_argument("--only", nargs="+", choices=sorted(SHOTS), help="these shots, not all")
    parser.add_argument("--out", type=Path, default=IMAGES_DIR, help="folder for the PNGs")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    names = args.only or list(SHOTS)
    sizes = take_all(names, args.out)
    print(f"{len(sizes)} pictures, {sum(sizes.values()) / 1024:.0f} KB")
    missing = [name for name in names if name not in sizes]
    if missing:
        print(f"not made: {', '.join(missing)}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
