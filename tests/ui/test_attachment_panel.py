"""The attachment panel: disabled until saved, adding (files, folders, drops), thumbnails off the GUI
thread, viewing, playing, the recorder's storing path, export and removal."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtMultimedia import QMediaPlayer

from huimin_desktop.media import samples
from huimin_desktop.services.station import Station
from tests.core.test_attachment_store import make_project
from ui import operations
from ui.attachments.grid_model import RecordRole
from ui.attachments.media_player import MediaPlayerDialog
from ui.attachments.panel import AttachmentPanel
from ui.attachments.photo_viewer import PhotoViewer
from ui.attachments.recorder import RecorderDialog


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "phone"
    folder.mkdir()
    return {
        "photo": samples.write_jpeg(folder / "IMG_0001.jpg", taken_at=dt.datetime(2025, 7, 1, 8, 0), seed=1),
        "png": samples.write_png(folder / "平面图.png"),
        "wav": samples.write_wav(folder / "访谈.wav", seconds=2.0),
        "avi": samples.write_avi(folder / "现场.avi", frames=10, fps=5),
        "bad": _write(folder / "坏照片.jpg", b"not a jpeg at all"),
    }


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.fixture
def panel(qtbot, station: Station, sync_operations) -> AttachmentPanel:
    widget = AttachmentPanel(station, categories=["施工照片", "公示照片", "05"])
    qtbot.addWidget(widget)
    widget.resize(900, 420)
    widget.show()
    return widget


def test_without_a_saved_record_the_panel_is_disabled_with_a_hint(panel: AttachmentPanel) -> None:
    panel.set_owner("household", None)
    assert panel.stack.currentWidget() is panel.hint
    assert "Save the record first" in panel.hint.text()
    assert not panel.add_button.isEnabled() and not panel.folder_button.isEnabled()
    assert [panel.category.itemData(i) for i in range(panel.category.count())] == ["03", "02", "05"]


def test_adding_a_folder_shows_thumbnails_and_reports_bad_files(
    qtbot, panel: AttachmentPanel, station: Station, files: dict[str, Path]
) -> None:
    project = make_project(station, "P1")
    panel.set_owner("project", project)
    assert panel.add_button.isEnabled() and "No files yet" in panel.hint.text()
    with qtbot.waitSignal(panel.changed):
        panel.add_paths([files["photo"].parent])

    report = panel.last_report
    assert report is not None and len(report.added) == 4
    assert [(p.name, "图片无法读取" in why) for p, why in report.refused] == [("坏照片.jpg", True)]
    assert panel.message_box is not None and "坏照片.jpg" in panel.message_box.text()
    assert panel.stack.currentWidget() is panel.view and panel.model.rowCount() == 4
    assert {r.category for r in station.attachments.for_record("project", project)} == {"03"}

    panel.loader.wait()
    qtbot.waitUntil(
        lambda: all(panel.model.has_thumbnail(r.sha256) for r in report.added if r.kind == "photo")
    )
    photo_row = next(i for i, r in enumerate(panel.model.records) if r.filename == "IMG_0001.jpg")
    icon = panel.model.data(panel.model.index(photo_row), Qt.ItemDataRole.DecorationRole)
    assert icon.width() == 160 and not icon.isNull()
    assert (station.data_dir / "thumbnails" / "160").is_dir()
    tooltip = panel.model.data(panel.model.index(photo_row), Qt.ItemDataRole.ToolTipRole)
    assert "2025-07-01 08:00" in tooltip and "施工照片" in tooltip


def test_dropping_files_adds_them(
    qtbot, panel: AttachmentPanel, station: Station, files: dict[str, Path]
) -> None:
    project = make_project(station, "P1")
    panel.set_owner("project", project)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(files["photo"])), QUrl.fromLocalFile(str(files["wav"]))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(panel.changed):
        panel.dropEvent(drop)
    assert [r.filename for r in station.attachments.for_record("project", project)] == [
        "IMG_0001.jpg",
        "访谈.wav",
    ]


def test_photos_open_large_and_media_plays_inside_the_program(
    qtbot, panel: AttachmentPanel, station: Station, files: dict[str, Path]
) -> None:
    project = make_project(station, "P1")
    station.attachments.add_files(
        "project", project, [files["photo"], files["png"], files["wav"], files["avi"]]
    )
    panel.set_owner("project", project)
    viewer = panel.open_record(panel.model.record(0))
    assert isinstance(viewer, PhotoViewer)
    assert viewer.original.width() == 320 and viewer.next_button.isEnabled()
    viewer.show_photo(1)
    assert viewer.original.width() == 200 and not viewer.next_button.isEnabled()
    viewer.close()

    for row, seconds in ((2, 2000), (3, 2000)):
        player = panel.open_record(panel.model.record(row))
        assert isinstance(player, MediaPlayerDialog)
        qtbot.waitUntil(
            lambda p=player: p.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia, timeout=10_000
        )
        assert abs(player.player.duration() - seconds) < 250
        assert (player.video is not None) == (panel.model.record(row).kind == "video")
        assert player.copy is not None  # played from a decrypted temporary copy: the blob is sealed
        played = player.copy.path
        assert played.read_bytes() == station.attachments.read_bytes(panel.model.record(row))
        player.close()
        assert not played.exists()  # removed when the player closes

    # The MJPEG frames of the video are really decoded and delivered to the video widget.
    video = panel.open_record(panel.model.record(3))
    assert isinstance(video, MediaPlayerDialog) and video.video is not None
    frames = []
    video.video.videoSink().videoFrameChanged.connect(lambda frame: frames.append(frame.size()))
    video.toggle()
    qtbot.waitUntil(lambda: any(size.width() == 160 for size in frames), timeout=10_000)
    video.close()


def test_a_recording_is_stored_as_an_interview(qtbot, station: Station, files: dict[str, Path]) -> None:
    project = make_project(station, "P1")
    dialog = RecorderDialog(station, "project", project)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.stored):
        report = dialog.store_recording(files["wav"], dt.datetime(2025, 8, 9, 10, 11, 12))
    [record] = report.added
    assert (record.filename, record.category, record.kind, record.duration_ms) == (
        "访谈录音_20250809_101112.wav",
        "05",
        "audio",
        2000,
    )
    assert (
        hashlib.sha256(station.attachments.read_bytes(record)).hexdigest()
        == hashlib.sha256(files["wav"].read_bytes()).hexdigest()
    )


def test_export_and_remove_selected(
    qtbot, panel: AttachmentPanel, station: Station, files: dict[str, Path], tmp_path: Path
) -> None:
    project = make_project(station, "P1")
    station.attachments.add_files("project", project, [files["photo"], files["wav"]])
    panel.set_owner("project", project)
    panel.view.selectAll()
    assert panel.export_button.isEnabled()
    out = tmp_path / "out"
    panel.export_selected(out)
    assert sorted(p.name for p in out.iterdir()) == ["IMG_0001.jpg", "访谈.wav"]

    panel.view.setCurrentIndex(panel.model.index(0))
    with qtbot.waitSignal(panel.changed):
        panel.remove_selected(confirm=False)
    assert [r.filename for r in station.attachments.for_record("project", project)] == ["访谈.wav"]
    assert panel.model.rowCount() == 1
    assert panel.model.data(panel.model.index(0), RecordRole).filename == "访谈.wav"


def test_model_is_consistent(
    qtmodeltester, panel: AttachmentPanel, station: Station, files: dict[str, Path]
) -> None:
    project = make_project(station, "P1")
    station.attachments.add_files("project", project, list(files.values()))
    panel.set_owner("project", project)
    qtmodeltester.check(panel.model)


def test_cancelling_an_intake_through_the_progress_dialog_adds_nothing(
    qtbot, panel: AttachmentPanel, station: Station, tmp_path: Path
) -> None:
    project = make_project(station, "P1")
    panel.set_owner("project", project)
    folder = tmp_path / "DCIM"
    folder.mkdir()
    for index in range(40):
        samples.write_jpeg(folder / f"IMG_{index:03d}.jpg", size=(32, 24), seed=index)
    operations.hooks().started.connect(_cancel_on_first_progress)
    try:
        panel.add_paths([folder])
    finally:
        operations.hooks().started.disconnect(_cancel_on_first_progress)
    assert panel.last_report is not None and panel.last_report.cancelled
    assert station.attachments.for_record("project", project) == []
    assert panel.message_box is not None and "Cancelled" in panel.message_box.text()
    blobs = [p for p in station.db.folder.attachments_dir.rglob("*") if p.is_file()]
    assert blobs == []


def _cancel_on_first_progress(operation: operations.Operation) -> None:
    operation.progressed.connect(lambda *_: operation.cancel())


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_documents_open_with_the_system_program_under_their_own_name(
    panel: AttachmentPanel, station: Station, tmp_path: Path
) -> None:
    project = make_project(station, "P1")
    pdf = tmp_path / "项目申报书.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    station.attachments.add_files("project", project, [pdf])
    panel.set_owner("project", project)
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")  # Qt's own hook for "open this URL"
    try:
        assert panel.open_record(panel.model.record(0)) is None
    finally:
        QDesktopServices.unsetUrlHandler("file")
    [url] = catcher.urls
    opened = Path(url.toLocalFile())
    assert opened.name == "项目申报书.pdf" and opened.read_bytes() == pdf.read_bytes()


def test_caption_and_category_are_changed_in_a_dialog(
    qtbot, panel: AttachmentPanel, station: Station, files: dict[str, Path]
) -> None:
    project = make_project(station, "P1")
    station.attachments.add_files("project", project, [files["photo"]])
    panel.set_owner("project", project)
    panel.view.setCurrentIndex(panel.model.index(0))
    dialog = panel.describe_selected()
    assert dialog is not None and dialog.caption.text() == ""
    dialog.caption.setText("  村口路基施工 ")
    dialog.category.setCurrentIndex(dialog.category.findData("03"))
    with qtbot.waitSignal(panel.changed):
        dialog.accept()
    [record] = station.attachments.for_record("project", project)
    assert (record.caption, record.category) == ("村口路基施工", "03")
    assert panel.model.data(panel.model.index(0), Qt.ItemDataRole.DisplayRole) == "村口路基施工\n施工照片"
