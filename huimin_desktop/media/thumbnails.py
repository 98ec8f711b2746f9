"""Photo checks and thumbnails with Pillow.

``inspect_photo`` is what intake asks of every photo: can it be read at all, and when was it taken.
``make_thumbnail`` makes a small JPEG (EXIF orientation applied, so portrait phone photos stand up),
in memory; the attachment service seals it into the cache (``write_thumbnail``: a clear file's).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from huimin_desktop.media.exif import exif_taken_at


class UnreadableImage(Exception):
    """Pillow cannot read the file as an image (damaged, truncated or not an image at all)."""


@dataclass(frozen=True)
class PhotoFacts:
    width: int
    height: int
    taken_at: dt.datetime | None


def inspect_photo(path: Path) -> PhotoFacts:
    """Open the photo's header and check its structure (no full decode: intake must stay fast)."""
    try:
        with Image.open(path) as image:
            image.verify()  # must come straight after open (PNG), hence the second open below
        with Image.open(path) as image:
            width, height = image.size
            taken_at = exif_taken_at(image)
        if path.suffix.lower() in (".jpg", ".jpeg", ".jpe") or _is_jpeg(path):
            _check_jpeg_end(path)
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise UnreadableImage(str(exc)) from exc
    return PhotoFacts(width, height, taken_at)


def _is_jpeg(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(3) == b"\xff\xd8\xff"


def _check_jpeg_end(path: Path) -> None:
    """A JPEG cut short (a copy interrupted, a card pulled out) lacks its end marker FF D9.

    Pillow's verify() does not look that far; some cameras pad after the marker, so the last 4 KiB
    are searched rather than only the last two bytes.
    """
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - 4096))
        tail = handle.read()
    if b"\xff\xd9" not in tail:
        raise OSError("JPEG file incomplete (no end marker)")  # becomes UnreadableImage, worded by the caller


def make_thumbnail(photo: bytes, size: int) -> bytes:
    """A JPEG no larger than ``size`` × ``size`` pixels made from a photo's bytes, in memory (the photo
    is sealed on disk, and so is the thumbnail: no clear copy of either is written); raises
    UnreadableImage if the photo is bad."""
    try:
        with Image.open(io.BytesIO(photo)) as image:
            image.draft("RGB", (size * 2, size * 2))  # JPEG decodes at 1/2..1/8 scale: much faster
            oriented = ImageOps.exif_transpose(image)
            oriented.thumbnail((size, size))
            if oriented.mode not in ("RGB", "L"):
                background = Image.new("RGB", oriented.size, "white")
                rgba = oriented.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                oriented = background
            out = io.BytesIO()
            oriented.save(out, "JPEG", quality=85)
            return out.getvalue()
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise UnreadableImage(str(exc)) from exc


def write_thumbnail(source: Path, target: Path, size: int) -> None:
    """``make_thumbnail`` of a clear file, written under a temporary name and renamed."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UnreadableImage(str(exc)) from exc
    jpeg = make_thumbnail(data, size)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")  # two threads may race
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(jpeg)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
