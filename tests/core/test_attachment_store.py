"""Attachment intake: stored once by hash, verified, cancelled batches leave nothing, bad files refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from huimin_desktop.errors import NotFoundError, ServiceError, ValidationError
from huimin_desktop.media import samples
from huimin_desktop.messages import EN, ZH, describe, set_language
from huimin_desktop.model import Attachment
from huimin_desktop.progress import TaskState
from huimin_desktop.services.attachments import clean_filename, files_in_folder
from huimin_desktop.services.divisions import DivisionService
from huimin_desktop.services.projects import ProjectInput
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import division_id_for_code
from tests.conftest import TOWNSHIP_CODE


def make_project(station: Station, code: str) -> str:
    village = DivisionService(station.db).add_village(division_id_for_code(TOWNSHIP_CODE), f"村{code}")
    data = ProjectInput(code=code, name=f"道路硬化{code}", category="1", division_id=village.id, year=2025)
    return station.projects.create(data).id


def blobs_on_disk(station: Station) -> list[Path]:
    root = station.db.folder.attachments_dir
    return sorted(p for p in root.rglob("*") if p.is_file() and ".incoming" not in p.parts)


def leftovers(station: Station) -> list[Path]:
    incoming = station.db.folder.attachments_dir / ".incoming"
    return list(incoming.iterdir()) if incoming.exists() else []


def attachment_rows(station: Station) -> int:
    with station.db.reader() as session:
        return session.scalar(select(func.count()).select_from(Attachment)) or 0


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_photo_on_two_projects_is_stored_once_and_survives_removal(
    station: Station, tmp_path: Path
) -> None:
    photo = samples.write_jpeg(tmp_path / "IMG_0001.jpg", taken_at=dt.datetime(2025, 5, 3, 10, 15, 0))
    first, second = make_project(station, "P1"), make_project(station, "P2")

    report_one = station.attachments.add_files("project", first, [photo], category="施工照片")
    report_two = station.attachments.add_files("project", second, [photo], category="03")

    [one], [two] = report_one.added, report_two.added
    assert one.sha256 == two.sha256 == sha(photo)
    assert (one.kind, one.mime, one.category, one.size) == ("photo", "image/jpeg", "03", photo.stat().st_size)
    assert one.taken_at == dt.datetime(2025, 5, 3, 10, 15, 0)
    assert blobs_on_disk(station) == [station.attachments.blob_path(one.sha256)]

    station.attachments.remove(one.id)
    assert station.attachments.for_record("project", first) == []
    assert [a.id for a in station.attachments.for_record("project", second)] == [two.id]
    assert hashlib.sha256(station.attachments.read_bytes(two)).hexdigest() == two.sha256
    stored = station.attachments.blob_path(two.sha256)
    assert stored.name != two.sha256 and stored.read_bytes() != photo.read_bytes()  # sealed, keyed name
    assert station.check().ok


def test_a_damaged_or_missing_blob_is_found_by_check(station: Station, tmp_path: Path) -> None:
    project = make_project(station, "P1")
    photo = samples.write_jpeg(tmp_path / "现场.jpg")
    wav = samples.write_wav(tmp_path / "访谈.wav")
    photo_record, audio_record = station.attachments.add_files("project", project, [photo, wav]).added
    assert station.check().ok

    blob = station.attachments.blob_path(photo_record.sha256)
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0xFF
    blob.write_bytes(bytes(data))
    station.attachments.blob_path(audio_record.sha256).unlink()

    problems = station.check().problems
    assert any("已损坏" in p and "现场.jpg" in p for p in problems)
    assert any("缺失" in p and "访谈.wav" in p for p in problems)
    # Adding the good file again heals the damaged blob.
    other = make_project(station, "P2")
    station.attachments.add_files("project", other, [photo])
    assert hashlib.sha256(station.attachments.read_bytes(photo_record)).hexdigest() == photo_record.sha256


def test_a_folder_of_500_photos_reports_progress_and_cancel_keeps_nothing(
    station: Station, tmp_path: Path
) -> None:
    folder = tmp_path / "DCIM"
    (folder / "Camera").mkdir(parents=True)
    (folder / ".thumbnails").mkdir()
    (folder / ".thumbnails" / "skip.jpg").write_bytes(b"x")
    for index in range(500):
        samples.write_jpeg(folder / "Camera" / f"IMG_{index:04d}.jpg", size=(48, 36), seed=index)
    paths = files_in_folder(folder)
    assert len(paths) == 500

    # One of the photos is already attached elsewhere: its blob must survive the cancelled batch.
    elsewhere = make_project(station, "P0")
    station.attachments.add_files("project", elsewhere, [paths[10]])
    blobs_before = blobs_on_disk(station)
    project = make_project(station, "P1")

    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int, _message: str) -> None:
        seen.append((done, total))
        if done == 300:
            task.cancel()

    task = TaskState(progress)
    report = station.attachments.add_files("project", project, paths, task=task)

    assert report.cancelled and report.added == []
    assert seen[0] == (0, 500) and seen[-1] == (300, 500)
    assert [done for done, _ in seen] == list(range(301))
    assert station.attachments.for_record("project", project) == []
    assert attachment_rows(station) == 1
    assert blobs_on_disk(station) == blobs_before
    assert leftovers(station) == []
    assert station.check().ok

    # The same batch, not cancelled: all 500 stored, one row each.
    report = station.attachments.add_files("project", project, paths)
    assert not report.cancelled and len(report.added) == 500 and report.refused == []
    assert len(blobs_on_disk(station)) == 500


def test_each_bad_file_gets_its_reason_and_the_rest_of_the_batch_goes_on(
    station: Station, tmp_path: Path
) -> None:
    project = make_project(station, "P1")
    good = samples.write_jpeg(tmp_path / "好照片.jpg")
    png = samples.write_png(tmp_path / "图.png")
    empty = tmp_path / "空文件.jpg"
    empty.write_bytes(b"")
    not_a_photo = tmp_path / "假照片.jpg"
    not_a_photo.write_bytes(b"this is not a picture at all" * 20)
    truncated = tmp_path / "半截.jpg"
    truncated.write_bytes(
        samples.write_jpeg(tmp_path / "whole.jpg", size=(400, 300), seed=7).read_bytes()[:3000]
    )
    big = tmp_path / "大视频.avi"
    big.write_bytes(os.urandom(3 * 1024 * 1024))
    missing = tmp_path / "不存在.jpg"
    odd = tmp_path / "村委会:公示?照片\x01.jpg"
    samples.write_jpeg(odd, seed=3)
    station.attachments.max_file_bytes = 2 * 1024 * 1024

    report = station.attachments.add_files(
        "project", project, [good, empty, not_a_photo, truncated, big, missing, odd, png, good]
    )

    reasons = {path.name: reason for path, reason in report.refused}
    assert "0 字节" in reasons["空文件.jpg"]
    assert "图片无法读取" in reasons["假照片.jpg"]
    assert "图片无法读取" in reasons["半截.jpg"]
    assert "文件太大" in reasons["大视频.avi"] and "2.0 MB" in reasons["大视频.avi"]
    assert "不存在" in reasons["不存在.jpg"]
    assert "已有这个文件" in reasons["好照片.jpg"]  # the same file twice in one batch
    assert [r.filename for r in report.added] == ["好照片.jpg", "村委会_公示_照片_.jpg", "图.png"]
    assert [(p.name, "村委会_公示_照片_.jpg" in msg) for p, msg in report.renamed] == [(odd.name, True)]
    assert report.added[2].mime == "image/png" and report.added[2].taken_at is None
    # Nothing half-stored: exactly the three accepted files are in the store, each whole.
    assert sorted(blobs_on_disk(station)) == sorted(
        station.attachments.blob_path(r.sha256) for r in report.added
    )
    assert leftovers(station) == []
    assert station.check().ok


def test_the_reasons_and_renames_are_worded_in_english_in_english_mode(
    station: Station, tmp_path: Path
) -> None:
    project = make_project(station, "P1")
    good = samples.write_jpeg(tmp_path / "好照片.jpg")
    empty = tmp_path / "空文件.jpg"
    empty.write_bytes(b"")
    not_a_photo = tmp_path / "假照片.jpg"
    not_a_photo.write_bytes(b"this is not a picture at all" * 20)
    odd = tmp_path / "村委会:公示?照片.jpg"
    samples.write_jpeg(odd, seed=3)
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(3 * 1024 * 1024))
    station.attachments.max_file_bytes = 2 * 1024 * 1024
    set_language(EN)
    try:
        report = station.attachments.add_files(
            "project", project, [good, empty, not_a_photo, tmp_path / "gone.jpg", tmp_path, big, odd, good]
        )
    finally:
        set_language(ZH)
    reasons = {path.name: reason for path, reason in report.refused}
    assert reasons == {
        "空文件.jpg": "The file is empty (0 bytes); perhaps it was not copied completely",
        "假照片.jpg": "The picture cannot be read (the file is damaged or not a picture)",
        "gone.jpg": "The file does not exist (moved or deleted?)",
        tmp_path.name: "Not a file (for a folder use “Add folder”)",
        "big.bin": "The file is too large (3.0 MB); the limit is 2.0 MB",
        "好照片.jpg": "This record already has this file (identical content); not added twice",
    }
    assert [msg for _, msg in report.renamed] == [
        "The file name had special characters or was too long; saved as “村委会_公示_照片.jpg”"
    ]
    photo = report.added[0]
    station.attachments.blob_path(photo.sha256).unlink()
    with pytest.raises(ServiceError) as missing:
        station.attachments.read_bytes(photo)
    assert describe(missing.value, EN) == f"Attachment missing: {photo.sha256[:12]} (run “Check”)"


def test_audio_and_video_get_their_duration(station: Station, tmp_path: Path) -> None:
    project = make_project(station, "P1")
    wav = samples.write_wav(tmp_path / "访谈录音.wav", seconds=2.5)
    avi = samples.write_avi(tmp_path / "现场视频.avi", frames=12, fps=4)
    pdf = tmp_path / "申报书.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    records = station.attachments.add_files("project", project, [wav, avi, pdf], category="05").added
    assert [(r.kind, r.mime, r.duration_ms) for r in records] == [
        ("audio", "audio/wav", 2500),
        ("video", "video/x-msvideo", 3000),
        ("document", "application/pdf", None),
    ]


def test_bad_category_or_owner_is_refused_before_anything_is_stored(station: Station, tmp_path: Path) -> None:
    project = make_project(station, "P1")
    photo = samples.write_jpeg(tmp_path / "a.jpg")
    with pytest.raises(ValidationError, match="类别"):
        station.attachments.add_files("project", project, [photo], category="不存在的类别")
    with pytest.raises(NotFoundError):
        station.attachments.add_files("project", "nope", [photo])
    station.projects.delete(project)
    with pytest.raises(NotFoundError):
        station.attachments.add_files("project", project, [photo])
    assert blobs_on_disk(station) == [] and attachment_rows(station) == 0


def test_thumbnails_are_made_once_and_cached(station: Station, tmp_path: Path) -> None:
    project = make_project(station, "P1")
    photo = samples.write_jpeg(tmp_path / "竖拍.jpg", size=(400, 300), orientation=6)
    wav = samples.write_wav(tmp_path / "a.wav")
    record, audio = station.attachments.add_files("project", project, [photo, wav]).added
    jpeg = station.attachments.thumbnail(record, 160)
    assert jpeg is not None
    [cached] = [p for p in (station.data_dir / "thumbnails").rglob("*") if p.is_file()]
    assert jpeg not in cached.read_bytes()  # the cache is sealed under the data key
    import io

    from PIL import Image

    with Image.open(io.BytesIO(jpeg)) as image:
        assert image.size == (120, 160)  # EXIF orientation 6: the portrait photo stands up
    stamp = cached.stat().st_mtime_ns
    assert station.attachments.thumbnail(record.sha256, 160) == jpeg
    assert cached.stat().st_mtime_ns == stamp
    assert station.attachments.thumbnail(audio, 160) is None


def test_export_selected_files_keeps_names_and_never_overwrites(station: Station, tmp_path: Path) -> None:
    project = make_project(station, "P1")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = samples.write_jpeg(tmp_path / "a" / "照片.jpg", seed=1)
    two = samples.write_jpeg(tmp_path / "b" / "照片.jpg", seed=2)
    records = station.attachments.add_files("project", project, [one, two]).added
    out = tmp_path / "out"
    out.mkdir()
    (out / "照片.jpg").write_bytes(b"the user's own file")
    written = station.attachments.export_files([r.id for r in records], out)
    assert [p.name for p in written] == ["照片 (2).jpg", "照片 (3).jpg"]
    assert [sha(p) for p in written] == [r.sha256 for r in records]
    assert (out / "照片.jpg").read_bytes() == b"the user's own file"


def test_clean_filename() -> None:
    assert clean_filename("申报书.pdf") == "申报书.pdf"
    assert clean_filename("a\udcb3\udcc9.jpg") == "a__.jpg"
    assert clean_filename("报告 .") == "报告"
    long = clean_filename("长" * 300 + ".jpeg")
    assert len(long) <= 120 and long.endswith(".jpeg")
    assert clean_filename("...") == "附件"


def test_heic_photos_are_kept_without_checks_and_old_temp_files_are_cleared(
    station: Station, tmp_path: Path
) -> None:
    project = make_project(station, "P1")
    incoming = station.db.folder.attachments_dir / ".incoming"
    incoming.mkdir()
    crashed, fresh = incoming / "crashed.tmp", incoming / "other-process.tmp"
    crashed.write_bytes(b"half a photo")
    fresh.write_bytes(b"being written right now")
    os.utime(crashed, (0, 0))
    heic = tmp_path / "IMG_1234.HEIC"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic" + os.urandom(2000))
    [record] = station.attachments.add_files("project", project, [heic]).added
    assert (record.kind, record.mime, record.taken_at) == ("photo", "image/heic", None)
    assert station.attachments.thumbnail(record) is None
    assert sorted(p.name for p in incoming.iterdir()) == ["other-process.tmp"]


class _CancelAfterChecks(TaskState):
    """Presses cancel at the n-th safe point: with 1 MiB chunks, in the middle of copying a big file."""

    def __init__(self, checks: int) -> None:
        super().__init__()
        self.remaining = checks

    def check(self) -> None:
        self.remaining -= 1
        if self.remaining == 0:
            self.cancel()
        super().check()


def test_cancel_in_the_middle_of_a_big_file_leaves_no_temp_file(station: Station, tmp_path: Path) -> None:
    project = make_project(station, "P1")
    small = samples.write_jpeg(tmp_path / "small.jpg")
    video = tmp_path / "long.avi"
    video.write_bytes(os.urandom(6 * 1024 * 1024))
    report = station.attachments.add_files("project", project, [small, video], task=_CancelAfterChecks(6))
    assert report.cancelled and report.added == []
    assert blobs_on_disk(station) == [] and leftovers(station) == [] and attachment_rows(station) == 0


def test_only_blobs_no_row_refers_to_count_as_unused(station: Station, tmp_path: Path) -> None:
    project = make_project(station, "P9")
    kept, removed = station.attachments.add_files(
        "project", project, [samples.write_jpeg(tmp_path / "a.jpg"), samples.write_wav(tmp_path / "b.wav")]
    ).added
    station.attachments.remove(removed.id)  # a deleted row still refers to its blob (it may come back)
    stray = station.attachments.blob_path("ab" * 32)
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"left by a killed intake")
    (station.db.folder.attachments_dir / "notes.txt").write_text("not a blob")

    report = station.check()
    assert report.ok and (report.unused_blobs, report.unused_bytes) == (1, len(b"left by a killed intake"))
    assert station.remove_unused_blobs(older_than_s=0) == (1, len(b"left by a killed intake"))
    assert not stray.exists()
    assert station.attachments.blob_path(kept.sha256).exists()
    assert station.attachments.blob_path(removed.sha256).exists()
    assert station.check().unused_blobs == 0
