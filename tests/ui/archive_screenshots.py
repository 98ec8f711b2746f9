"""Screenshots of the project list, the project editor with its stage history, and the training screens.

Not a test. Run under a virtual screen of the size to check (fonts, styles and screen size are real)::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.archive_screenshots /tmp/shots-archives
    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.archive_screenshots /tmp/shots-archives

Writes ``archives-<width>x<height>-<view>.png``. Uses a throw-away demo station (``generate_demo``) to
which it adds a few projects with a full stage history (one of them sent back once) and a training
session, and a throw-away settings folder. The interface is the shipped Chinese catalog (``ui.i18n``).
"""

from __future__ import annotations

import datetime as dt
import sys

from huimin_desktop.demo import generate_demo
from huimin_desktop.services.household_list import HouseholdQuery
from huimin_desktop.services.projects import ProjectInput, StageInput, stage_order
from huimin_desktop.services.station import Station
from huimin_desktop.services.trainings import TrainingInput
from tests.ui.shots import save, screen_size, shot_arguments, shot_session, township_station
from ui.main_window import MainWindow
from ui.project_editor import ProjectEditor
from ui.training_editor import TrainingEditor

EXTRA_PROJECTS = (
    ("MZ2025-211381-101", "东营子村肉牛养殖小区", "1", 1_200_000, 300_000, 150_000, 80_000),
    ("MZ2025-211381-102", "马友营村村道硬化", "2", 800_000, 200_000, 0, 0),
    ("MZ2025-211381-103", "村级组织活动场所改造", "3", 350_000, 50_000, 0, 12_000),
    ("MZ2025-211381-104", "设施农业实用技术培训", "4", 60_000, 0, 0, 0),
    ("MZ2024-211381-105", "食用菌冷链仓储", "1", 956_800, 120_000, 200_000, 45_000),
)


def add_archives(station: Station) -> str:
    """A few projects with beneficiaries and stages, and one training; returns the showcase project."""
    villages = [h.id for h in station.households.list(HouseholdQuery(limit=40))]
    township = station.divisions.find_by_code(station.info().division_code)
    assert township is not None
    village_ids = [v.id for v in station.divisions.villages(township.id)]
    order = stage_order()
    start = dt.date.today() - dt.timedelta(days=200)
    showcase = ""
    for number, (code, name, category, provincial, local, integrated, own) in enumerate(EXTRA_PROJECTS):
        data = ProjectInput(
            code=code,
            name=name,
            category=category,
            division_id=village_ids[number % len(village_ids)],
            year=2025 if code.startswith("MZ2025") else 2024,
            content="新建标准化牛舍 6 栋，青贮窖 2 座，配套饲草料加工设备" if number == 0 else "",
            scale="存栏肉牛 300 头" if number == 0 else "",
            fund_provincial=provincial,
            fund_local=local,
            fund_integrated=integrated,
            fund_self=own,
            planned_start=dt.date(2025, 4, 1),
            planned_finish=dt.date(2025, 10, 31),
            actual_start=start + dt.timedelta(days=60) if number == 0 else None,
            responsible="王德胜",
            income_increase_expected=1200,
        )
        project_id = station.projects.save(None, data, villages[number * 6 : number * 6 + 12 + number]).id
        steps = len(order) - number if number < len(order) else 1
        for index, stage in enumerate(order[:steps]):
            opinion = ("材料齐全，同意申报", "经评审，同意立项", "审核通过", "公示无异议", "验收合格")[index]
            station.projects.advance_stage(
                project_id, StageInput(stage, start + dt.timedelta(days=index * 21), "李春生", opinion)
            )
        if number == 0:
            showcase = project_id
            station.projects.return_stage(
                project_id,
                order[2],
                start + dt.timedelta(days=100),
                "县民委",
                "验收资料缺少施工照片，退回补充",
            )
            for stage, day in ((order[3], 110), (order[4], 130)):
                station.projects.advance_stage(
                    project_id, StageInput(stage, start + dt.timedelta(days=day), "李春生", "补充后通过")
                )
    station.trainings.create(
        TrainingInput(
            date=dt.date.today() - dt.timedelta(days=12),
            division_id=village_ids[0],
            topic="肉牛科学饲养与疫病防治",
            place="村委会会议室",
            trainer="刘兽医",
            hours=3.5,
            project_id=showcase,
            extra_attendees=6,
            attendees=tuple((h, None) for h in villages[:14]),
        )
    )
    return showcase


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("python -m tests.ui.archive_screenshots", argv, households=600)
    with shot_session("huimin-archive-shots-") as session:
        app, scratch, size = session.app, session.scratch, session.size
        out = args.outdir
        with township_station(scratch) as station:
            generate_demo(station, args.households)
            showcase = add_archives(station)

            window = MainWindow(station)
            window.resize(*screen_size())
            window.move(0, 0)
            window.show()
            window.show_page("projects")
            save(app, window, out / f"archives-{size}-projects.png")
            window.show_page("training")
            save(app, window, out / f"archives-{size}-trainings.png")

            editor = ProjectEditor(station, showcase, window)
            editor.show()
            save(app, editor, out / f"archives-{size}-project.png")
            bar = editor.scroll_area.verticalScrollBar()
            editor.scroll_area.ensureWidgetVisible(editor.stages, 0, 0)
            save(app, editor, out / f"archives-{size}-project-stages.png")
            editor.stages.stage.setCurrentIndex(1)
            editor.stages.advance_button.click()  # refused: the service's reason under the form
            save(app, editor, out / f"archives-{size}-project-stage-refused.png")
            bar.setValue(bar.maximum())
            save(app, editor, out / f"archives-{size}-project-bottom.png")
            editor.pick_households()
            save(app, editor.picker, out / f"archives-{size}-picker.png")
            editor.picker.reject()
            editor._closing = True
            editor.close()

            fresh = ProjectEditor(station, None, window)
            fresh.show()
            fresh.save()  # empty: the inline marks
            save(app, fresh, out / f"archives-{size}-project-new-refused.png")
            fresh._closing = True
            fresh.close()

            training = station.trainings.list()[0]
            trainer = TrainingEditor(station, training.id, window)
            trainer.show()
            save(app, trainer, out / f"archives-{size}-training.png")
            trainer.pick_attendees()
            save(app, trainer.picker, out / f"archives-{size}-training-picker.png")
            trainer.picker.reject()
            trainer._closing = True
            trainer.close()
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
