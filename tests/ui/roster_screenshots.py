"""Screenshots of the roster import dialog, for looking at (not a test)::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.roster_screenshots /tmp/shots-roster

Writes ``roster-<width>x<height>-<view>.png``: the chooser, the preview of an office roster with refused
rows listed, the column mapping, and the result; then a county roster with a merged heading whose 其他
column maps to no field: its preview (the column highlighted) and the mapping opened on it. In the
shipped Chinese catalog (``ui.i18n``).
"""

from __future__ import annotations

from tests.core.test_roster_fixtures import make_id, sample_rows, write_office_xlsx, write_table_xlsx
from tests.ui.shots import save, shot_arguments, shot_session, township_station
from ui.roster_import.dialog import CHOOSE, MAPPING, RosterImportDialog


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("python -m tests.ui.roster_screenshots", argv)
    with shot_session("huimin-roster-shots-") as session:
        app, scratch, size, screen = session.app, session.scratch, session.size, session.screen
        out = args.outdir
        with township_station(scratch) as station:
            first = sample_rows()[:2]
            station.rosters.import_file(write_office_xlsx(scratch / "earlier.xlsx", first))
            rows = sample_rows()
            rows[0][7] = "4,000"  # an update
            rows += [
                ["三家子村", "钱六", "男", "汉", 211381198001011234, 2],
                ["三家子村", "周八", "男", "火星族", make_id("19700101", 31), 2],
                ["东营子村", "郑十", "男", "汉族", make_id("19700101", 71), 3, None, "-300"],
                ["东营子村", "冯一", "女", "汉族", None, 2],
            ]
            roster = write_office_xlsx(scratch / "三家子村花名册.xlsx", rows)
            dialog = RosterImportDialog(station)
            dialog.resize(min(1100, screen.width() - 80), min(640, screen.height() - 80))
            dialog.show()
            dialog.stack.setCurrentIndex(CHOOSE)
            save(app, dialog, out / f"roster-{size}-choose.png")
            dialog.load(roster)
            save(app, dialog, out / f"roster-{size}-preview.png")
            dialog.stack.setCurrentIndex(MAPPING)
            save(app, dialog, out / f"roster-{size}-mapping.png")
            dialog.stack.setCurrentIndex(1)
            dialog.import_button.click()
            save(app, dialog, out / f"roster-{size}-result.png")
            dialog.close()
            county = write_table_xlsx(
                scratch / "县里的花名册.xlsx",
                ["序号", "村", "户主", "身份证号码", "人口", "2015年工资性收入", "经营性收入", "其他收入",
                 "2015年家庭纯收入", "拟扶持项目", "备注"],
                [
                    [1, "东营子", "韩福", make_id("19600101", 51), 3, 5000, 2000, -300, 6700, "养牛", "低保"],
                    [2, "东营子", "白玉", make_id("19620101", 62), 2, 3000, 0, None, 3000, "务工培训", None],
                ],
                title="2016年度马友营蒙古族乡惠民工程农户花名册",
            )  # fmt: skip
            unmapped = RosterImportDialog(station)
            unmapped.resize(min(1100, screen.width() - 80), min(640, screen.height() - 80))
            unmapped.show()
            unmapped.load(county)
            save(app, unmapped, out / f"roster-{size}-preview-unmapped.png")
            unmapped.preview_panel.map_button.click()
            save(app, unmapped, out / f"roster-{size}-mapping-unmapped.png")
            unmapped.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
