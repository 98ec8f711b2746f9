"""Screenshots of the attachment panel (thumbnail grid), the photo viewer, the player, the intake report
and the household editor's "照片和材料" card. Not a test; run under a virtual screen::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.attachment_screenshots /tmp/shots

The Chinese shots use the shipped catalog (``ui.i18n``), as the program does.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from huimin_desktop.media import samples
from huimin_desktop.services.divisions import DivisionService
from huimin_desktop.services.households import HouseholdInput, MemberInput, SurveyInput
from huimin_desktop.services.projects import ProjectInput
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import division_id_for_code
from tests.ui.editor_helpers import valid_id
from tests.ui.shots import save, settle, shot_arguments, shot_session, township_station
from ui import operations
from ui.attachments.panel import AttachmentPanel
from ui.household_editor import HouseholdEditor
from ui.i18n import CHINESE, ENGLISH, install_translators, remove_translators

TOWNSHIP = "211381204000"


def fill(station: Station, scratch: Path) -> tuple[str, str, list[Path]]:
    """A project with a realistic mix of files, and a household; returns their ids and some bad files."""
    village = DivisionService(station.db).add_village(division_id_for_code(TOWNSHIP), "东营子村")
    project = station.projects.create(
        ProjectInput(
            code="BP-2025-007", name="东营子村道路硬化", category="2", division_id=village.id, year=2025
        )
    ).id
    files = scratch / "files"
    files.mkdir()
    photos = []
    for index in range(9):
        size = (480, 360) if index % 3 else (360, 480)
        taken = dt.datetime(2025, 5, 3 + index, 9, 30)
        photos.append(
            samples.write_jpeg(files / f"IMG_2025050{index + 1}.jpg", size=size, seed=index, taken_at=taken)
        )
    add = station.attachments.add_files
    add("project", project, photos[:3], category="02")
    records = add("project", project, photos[3:], category="03").added
    station.attachments.describe(records[0].id, caption="村口路基施工", category="03")
    station.attachments.describe(records[1].id, caption="铺设水泥路面（东段）", category="03")
    add("project", project, [samples.write_wav(files / "村民访谈_王大爷.wav", seconds=95)], category="05")
    add("project", project, [samples.write_avi(files / "竣工视频.avi", frames=40, fps=5)], category="04")
    pdf = files / "项目申报书.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    xlsx = files / "资金明细表.xlsx"
    xlsx.write_bytes(b"PK\x03\x04 not really a workbook, only for the tile")
    add("project", project, [pdf, xlsx], category="01")
    head = MemberInput(
        name="宝斯鲁", id_number=valid_id("21138119800101123"), relationship="02", ethnicity="02"
    )
    household = station.households.save_with_survey(
        None, HouseholdInput(division_id=village.id, members=(head,)), SurveyInput(year=2025)
    ).id
    add("household", household, [photos[0], photos[4]], category="99")
    bad = [files / "空文件.jpg", files / "坏照片.jpg", photos[5]]
    bad[0].write_bytes(b"")
    bad[1].write_bytes(b"not a photo")
    return project, household, bad


def shoot(
    app: QApplication, station: Station, project: str, household: str, bad: list[Path], out: Path, prefix: str
) -> None:
    window = QMainWindow()
    panel = AttachmentPanel(station, categories=["施工照片", "公示照片", "验收材料", "访谈录音", "申报材料"])
    panel.setContentsMargins(10, 10, 10, 10)
    window.setCentralWidget(panel)
    window.setWindowTitle("BP-2025-007 东营子村道路硬化")
    window.resize(1000, 620)
    window.show()
    panel.set_owner("project", project)
    panel.loader.wait()
    settle(app, 20)
    panel.view.setCurrentIndex(panel.model.index(3))
    save(app, window, out / f"{prefix}-attachments-grid.png")

    panel.set_owner("project", None)
    save(app, window, out / f"{prefix}-attachments-unsaved.png")
    panel.set_owner("project", project)
    panel.loader.wait()
    settle(app, 20)

    viewer = panel.open_record(panel.model.record(4))
    assert viewer is not None
    viewer.resize(900, 640)
    save(app, viewer, out / f"{prefix}-attachments-photo.png")
    viewer.close()
    video_row = next(i for i, r in enumerate(panel.model.records) if r.kind == "video")
    player = panel.open_record(panel.model.record(video_row))
    assert player is not None
    for _ in range(200):
        QTest.qWait(25)
        if player.player.duration() > 0:
            break
    frames = []
    assert player.video is not None
    player.video.videoSink().videoFrameChanged.connect(lambda frame: frames.append(frame.toImage()))
    player.toggle()
    for _ in range(200):
        QTest.qWait(25)
        if player.player.position() >= 3000 and frames:
            break
    player.toggle()
    settle(app, 10)
    save(app, player, out / f"{prefix}-attachments-player.png")
    if frames:  # QVideoWidget draws natively, which grab() may miss: the decoded frame itself
        frames[-1].save(str(out / f"{prefix}-attachments-player-frame.png"))
    player.close()

    with operations.synchronous():
        panel.add_paths(bad)
    assert panel.message_box is not None
    save(app, panel.message_box, out / f"{prefix}-attachments-report.png")
    panel.message_box.close()
    window.close()

    editor = HouseholdEditor(station, household)
    editor.resize(1366, 740)
    editor.show()
    editor.attachment_panel.loader.wait()
    settle(app, 20)
    editor.scroll_area.verticalScrollBar().setValue(editor.scroll_area.verticalScrollBar().maximum())
    save(app, editor, out / f"{prefix}-attachments-household.png")
    editor._closing = True
    editor.close()


def main(argv: list[str] | None = None) -> int:
    args = shot_arguments("python -m tests.ui.attachment_screenshots", argv)
    with shot_session("huimin-shots-", language=None, synchronous=False) as session:
        app, scratch = session.app, session.scratch
        with township_station(scratch) as station:
            project, household, bad = fill(station, scratch)
            for language, prefix in ((CHINESE, "zh"), (ENGLISH, "en")):
                translators = install_translators(app, language)
                try:
                    shoot(app, station, project, household, bad, args.outdir, prefix)
                    # the bad batch added photos[5] again: refused as already attached; nothing to undo
                finally:
                    remove_translators(app, translators)
    return 0


if __name__ == "__main__":
    sys.exit(main())
