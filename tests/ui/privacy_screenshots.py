"""Screenshots of the privacy screens (issue 13): the 公示 dialog, its print preview, the reason asked
before a full-data export and the household editor as a 录入员 sees it (numbers masked).
``xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python -m
tests.ui.privacy_screenshots /tmp/privacy-shots``"""

from __future__ import annotations

import sys

from sqlalchemy import func, select

from huimin_desktop.model import Household, Project, ProjectBeneficiary
from tests.stations import open_station
from tests.ui.shots import save, settle, shot_arguments, shot_session, township_station
from ui.household_editor.editor import HouseholdEditor
from ui.privacy.reason_dialog import ReasonDialog
from ui.public_notice.dialog import PublicNoticeDialog


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("privacy_screenshots", argv)
    with shot_session("privacy-shots-") as session:
        app, out = session.app, args.outdir
        station = township_station(session.scratch)
        station.generate_demo(60, seed=9)
        with station.db.reader() as reader:
            year = (
                reader.execute(
                    select(Project.year)
                    .join(ProjectBeneficiary, ProjectBeneficiary.project_id == Project.id)
                    .group_by(Project.year)
                    .order_by(func.count().desc())
                )
                .scalars()
                .first()
            )
        dialog = PublicNoticeDialog(station)
        dialog.year.setValue(year or 2024)
        dialog.show()
        settle(app)
        save(app, dialog, out / "public-notice.png")
        dialog.show_preview()
        assert dialog.preview is not None
        dialog.preview.resize(1000, 720)
        settle(app, 20)
        save(app, dialog.preview, out / "public-notice-preview.png")
        dialog.preview.close()
        reason = ReasonDialog("花名册")
        reason.show()
        reason.reason.setText("县民委年终核对")
        settle(app)
        save(app, reason, out / "export-reason.png")
        station.users.create("wang.li", "王丽", "entry", password="wang-pass")
        folder = station.data_dir
        station.close()
        entry = open_station(folder, user="wang.li", password="wang-pass")  # 录入员: numbers masked
        with entry.db.reader() as reader:
            household = reader.scalars(select(Household.id).where(Household.phone != "")).first()
        editor = HouseholdEditor(entry, household, user="wang.li")
        editor.resize(1200, 720)
        editor.show()
        settle(app)
        save(app, editor, out / "editor-entry-masked.png")
        editor._closing = True
        editor.close()
        entry.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
