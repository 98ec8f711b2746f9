"""Screenshots of the household editor, for looking at (not a test).

Run under a virtual screen of the size to check, so fonts, styles and the screen size are real::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.editor_screenshots /tmp/shots-editor
    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.editor_screenshots /tmp/shots-editor

Writes ``editor-<width>x<height>-<view>.png``: a demo household of 4–5 members with two or more years
of surveys (top and scrolled down), a new household refused for a duplicate ID number, the warnings
question and the "restore?" question. Uses a throw-away station and settings folder.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox, QWidget

from huimin_desktop.demo import generate_demo
from huimin_desktop.services.households import HouseholdQuery
from huimin_desktop.services.station import Station
from tests.ui.editor_helpers import type_cell, type_into
from tests.ui.shots import save, settle, shot_arguments, shot_session, township_station
from ui.household_editor import HouseholdEditor, offer_pending_drafts


def pick_household(station: Station) -> str:
    """A household with 4–5 members and at least two years of surveys."""
    for row in station.households.list(HouseholdQuery(limit=500)):
        if row.member_count in (4, 5):
            record = station.households.get(row.id)
            if len(record.surveys) >= 2:
                return row.id
    raise SystemExit("no demo household with 4–5 members and two surveys")


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("python -m tests.ui.editor_screenshots", argv)
    with shot_session("huimin-editor-shots-") as session:
        app, scratch, size, screen = session.app, session.scratch, session.size, session.screen
        out = args.outdir
        with township_station(scratch) as station:
            generate_demo(station, 300)
            household_id = pick_household(station)

            editor = HouseholdEditor(station, household_id)
            editor.show()
            save(app, editor, out / f"editor-{size}-household.png")
            editor.section_keys.go_to("survey")  # as Ctrl+↓ opens it: the incomes whole, no scrolling
            save(app, editor, out / f"editor-{size}-survey.png")
            bar = editor.scroll_area.verticalScrollBar()
            bar.setValue(bar.maximum())
            save(app, editor, out / f"editor-{size}-household-bottom.png")
            editor._closing = True
            editor.close()

            record = station.households.get(household_id)
            village = station.divisions.get(record.division_id).name
            fresh = HouseholdEditor(station, None)
            fresh.show()
            fresh.activateWindow()
            settle(app)
            type_into(fresh.village, village)
            type_cell(fresh, 0, "name", "宝斯鲁")
            type_cell(fresh, 0, "id_number", record.members[0].id_number)  # someone else's number
            type_cell(fresh, 0, "ethnicity", "02")
            type_into(fresh.survey.amounts["income_wage"], "15000")
            fresh.save()  # refused by the service: the duplicate, with its link
            save(app, fresh, out / f"editor-{size}-duplicate.png")
            type_cell(fresh, 0, "work_away_months", "15")
            type_into(fresh.phone, "1391234")
            type_into(fresh.survey.amounts["income_wage"], "-500")
            fresh.save()  # refused before asking the service: the fields' own checks
            save(app, fresh, out / f"editor-{size}-new-refused.png")
            type_cell(fresh, 0, "id_number", "211381198203150035")
            type_cell(fresh, 0, "relationship", "12")
            type_cell(fresh, 0, "work_away_months", "6")
            type_into(fresh.phone, "13912345678")
            type_into(fresh.survey.amounts["income_wage"], "15000")
            fresh.save()
            box = fresh.warnings_box
            if box is not None:
                save(app, box, out / f"editor-{size}-warnings.png")
                box.close()
            fresh.reject()
            if fresh.discard_box is not None:
                save(app, fresh.discard_box, out / f"editor-{size}-discard.png")
            fresh._closing = True
            fresh.drafts.timer.stop()
            fresh.hide()  # as if the program died: the draft stays

            host = QWidget()
            host.resize(screen.width() - 60, screen.height() - 80)
            host.show()
            offer_pending_drafts(host, station)
            question = host.findChild(QMessageBox, "pendingDrafts")
            if question is not None:
                save(app, question, out / f"editor-{size}-restore.png")
            station.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
