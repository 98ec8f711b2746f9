"""Reading real media files: kinds, EXIF dates, durations (WAV, MJPEG AVI, MP4 header), thumbnails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from huimin_desktop.media import samples
from huimin_desktop.media.duration import media_duration_ms
from huimin_desktop.media.exif import parse_exif_datetime, photo_taken_at
from huimin_desktop.media.kinds import detect_kind
from huimin_desktop.media.thumbnails import UnreadableImage, inspect_photo, write_thumbnail


def test_kind_from_extension_then_from_the_first_bytes(tmp_path: Path) -> None:
    assert detect_kind("IMG_0001.JPG").kind == "photo"
    assert detect_kind("录音.m4a").mime == "audio/mp4"
    assert detect_kind("VID.mp4").kind == "video"
    assert detect_kind("申报书.docx").kind == "document"
    jpeg = samples.write_jpeg(tmp_path / "a.jpg").read_bytes()
    wav = samples.write_wav(tmp_path / "a.wav").read_bytes()
    avi = samples.write_avi(tmp_path / "a.avi", frames=2).read_bytes()
    assert detect_kind("noname", jpeg[:64]).mime == "image/jpeg"
    assert detect_kind("noname", wav[:64]).kind == "audio"
    assert detect_kind("noname", avi[:64]).kind == "video"
    assert detect_kind("noname", b"whatever").mime == "application/octet-stream"


def test_exif_dates(tmp_path: Path) -> None:
    taken = dt.datetime(2024, 9, 1, 16, 45, 12)
    assert photo_taken_at(samples.write_jpeg(tmp_path / "a.jpg", taken_at=taken)) == taken
    assert photo_taken_at(samples.write_jpeg(tmp_path / "b.jpg", taken_at=None)) is None
    assert photo_taken_at(samples.write_png(tmp_path / "c.png")) is None
    assert parse_exif_datetime("0000:00:00 00:00:00") is None
    assert parse_exif_datetime(b"2023:01:02 03:04:05\x00") == dt.datetime(2023, 1, 2, 3, 4, 5)


def test_durations(tmp_path: Path) -> None:
    assert media_duration_ms(samples.write_wav(tmp_path / "a.wav", seconds=1.25)) == 1250
    assert media_duration_ms(samples.write_avi(tmp_path / "a.avi", frames=15, fps=5)) == 3000
    assert media_duration_ms(samples.write_mp4_header(tmp_path / "a.mp4", seconds=7.5)) == 7500
    broken = tmp_path / "b.mp3"
    broken.write_bytes(b"\x00" * 100)
    assert media_duration_ms(broken) is None


def test_restamped_jpeg_is_a_distinct_valid_photo(tmp_path: Path) -> None:
    original = samples.write_jpeg(tmp_path / "a.jpg", size=(640, 480), noise=True).read_bytes()
    when = dt.datetime(2025, 1, 2, 3, 4, 5)
    restamped = tmp_path / "b.jpg"
    restamped.write_bytes(samples.restamp_jpeg(original, when, "No. 7"))
    assert restamped.read_bytes() != original
    assert inspect_photo(restamped).taken_at == when
    with Image.open(restamped) as image:
        image.load()
        assert image.size == (640, 480)


def test_thumbnail_of_a_broken_photo_raises(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 garbage")
    with pytest.raises(UnreadableImage):
        write_thumbnail(bad, tmp_path / "t.jpg", 100)
    assert list(tmp_path.glob("*.tmp")) == [] and not (tmp_path / "t.jpg").exists()
    png = samples.write_png(tmp_path / "c.png", size=(300, 100))
    write_thumbnail(png, tmp_path / "t.jpg", 100)
    with Image.open(tmp_path / "t.jpg") as image:
        assert image.size == (100, 33)
