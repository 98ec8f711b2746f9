"""The date a photo was taken, from its EXIF data (DateTimeOriginal, else DateTime)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PIL import Image, UnidentifiedImageError

_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 0x9003
_DATE_TIME_DIGITIZED = 0x9004
_DATE_TIME = 0x0132


def parse_exif_datetime(value: object) -> dt.datetime | None:
    """EXIF writes "YYYY:MM:DD HH:MM:SS"; cameras with no clock set write zeros or blanks."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    text = value.strip().rstrip("\x00").strip()
    for pattern in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%d %H:%M", "%Y:%m:%d"):
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def exif_taken_at(image: Image.Image) -> dt.datetime | None:
    """The taking date of an opened image, or None when it has none (or a nonsense one)."""
    try:
        exif = image.getexif()
        inner = exif.get_ifd(_EXIF_IFD)
    except Exception:  # malformed EXIF blocks are common on cheap phones: the photo is still fine
        return None
    for value in (inner.get(_DATE_TIME_ORIGINAL), inner.get(_DATE_TIME_DIGITIZED), exif.get(_DATE_TIME)):
        taken = parse_exif_datetime(value)
        if taken is not None and taken.year >= 1990:
            return taken
    return None


def photo_taken_at(path: Path) -> dt.datetime | None:
    try:
        with Image.open(path) as image:
            return exif_taken_at(image)
    except (OSError, UnidentifiedImageError, ValueError):
        return None
