"""Real, small media files made on the spot: for the demo data, the benchmarks and the tests.

Photos are genuine JPEGs with EXIF (taking date, camera) or PNGs, drawn by Pillow; audio is a PCM WAV
tone written by ``wave``; video is a Motion-JPEG AVI assembled here chunk by chunk (RIFF ``hdrl`` with
``avih``/``strh``/``strf``, a ``movi`` list of JPEG frames and an ``idx1`` index), which FFmpeg, and so
QtMultimedia, plays. Nothing here is random unless a seed is given.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
import struct
import wave
from pathlib import Path

from PIL import Image, ImageDraw

_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 0x9003
_DATE_TIME = 0x0132
_MAKE = 0x010F
_MODEL = 0x0110
_ORIENTATION = 0x0112


def photo_image(width: int, height: int, seed: int = 0, *, noise: bool = False) -> Image.Image:
    """A picture with shapes (and, with ``noise``, grain that makes the JPEG large like a real photo)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), tuple(rng.randrange(60, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x0, y0 = rng.randrange(width), rng.randrange(height)
        x1, y1 = x0 + rng.randrange(1, width // 2 + 2), y0 + rng.randrange(1, height // 2 + 2)
        draw.rectangle((x0, y0, x1, y1), fill=tuple(rng.randrange(256) for _ in range(3)))
    if noise:
        grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
        image = Image.blend(image, grain, 0.35)
    return image


def exif_bytes(taken_at: dt.datetime | None, *, camera: str = "HUAWEI", orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[_MAKE] = camera
    exif[_MODEL] = f"{camera} TEST"
    exif[_ORIENTATION] = orientation
    if taken_at is not None:
        stamp = taken_at.strftime("%Y:%m:%d %H:%M:%S")
        exif[_DATE_TIME] = stamp
        exif.get_ifd(_EXIF_IFD)[_DATE_TIME_ORIGINAL] = stamp
    return exif.tobytes()


def write_jpeg(
    path: Path,
    *,
    taken_at: dt.datetime | None = dt.datetime(2025, 6, 18, 9, 30, 0),
    size: tuple[int, int] = (320, 240),
    seed: int = 0,
    noise: bool = False,
    quality: int = 85,
    orientation: int = 1,
) -> Path:
    image = photo_image(*size, seed=seed, noise=noise)
    image.save(path, "JPEG", quality=quality, exif=exif_bytes(taken_at, orientation=orientation))
    return path


def restamp_jpeg(jpeg: bytes, taken_at: dt.datetime, note: str = "") -> bytes:
    """The same picture with a different EXIF block: a new, distinct, fully valid JPEG in microseconds.

    Used to make many unique large photos quickly (benchmarks): encoding a 4 MB JPEG takes far longer
    than splicing its APP1 segment.
    """
    if jpeg[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    at = 2
    while jpeg[at] == 0xFF and jpeg[at + 1] in (0xE0, 0xE1):  # skip the existing JFIF/EXIF segments
        (length,) = struct.unpack(">H", jpeg[at + 2 : at + 4])
        at += 2 + length
    exif = Image.Exif()
    exif[_DATE_TIME] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    exif.get_ifd(_EXIF_IFD)[_DATE_TIME_ORIGINAL] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    if note:
        exif[0x010E] = note  # ImageDescription
    payload = b"Exif\x00\x00" + exif.tobytes()
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return b"\xff\xd8" + segment + jpeg[at:]


def write_png(path: Path, *, size: tuple[int, int] = (200, 150), seed: int = 1) -> Path:
    photo_image(*size, seed=seed).convert("RGBA").save(path, "PNG")
    return path


def write_wav(path: Path, *, seconds: float = 1.5, rate: int = 16_000, tone_hz: float = 440.0) -> Path:
    """A mono 16-bit PCM tone (what a laptop microphone recording in WAV looks like)."""
    frames = int(seconds * rate)
    samples = (int(12_000 * math.sin(2 * math.pi * tone_hz * i / rate)) for i in range(frames))
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return path


def _chunk(tag: bytes, data: bytes) -> bytes:
    return tag + struct.pack("<I", len(data)) + data + (b"\x00" if len(data) % 2 else b"")


def _list(kind: bytes, data: bytes) -> bytes:
    return _chunk(b"LIST", kind + data)


def write_avi(path: Path, *, frames: int = 10, fps: int = 5, size: tuple[int, int] = (160, 120)) -> Path:
    """A Motion-JPEG AVI of ``frames / fps`` seconds (each frame a JPEG Pillow drew)."""
    width, height = size
    jpegs = []
    for index in range(frames):
        buffer = io.BytesIO()
        image = photo_image(width, height, seed=index)
        ImageDraw.Draw(image).text((8, 8), f"{index + 1}/{frames}", fill="white")
        image.save(buffer, "JPEG", quality=80)
        jpegs.append(buffer.getvalue())
    largest = max(len(j) for j in jpegs)
    micro_per_frame = 1_000_000 // fps
    avih = struct.pack(
        "<14I", micro_per_frame, largest * fps, 0, 0x10, frames, 0, 1, largest, width, height, 0, 0, 0, 0
    )
    strh = struct.pack(
        "<4s4sIHHIIIIIIIIhhhh",
        b"vids",
        b"MJPG",
        0,
        0,
        0,
        0,
        1,
        fps,
        0,
        frames,
        largest,
        0xFFFFFFFF,
        0,
        0,
        0,
        width,
        height,
    )
    strf = struct.pack("<IiiHH4sIiiII", 40, width, height, 1, 24, b"MJPG", width * height * 3, 0, 0, 0, 0)
    header = _list(
        b"hdrl", _chunk(b"avih", avih) + _list(b"strl", _chunk(b"strh", strh) + _chunk(b"strf", strf))
    )
    movi_chunks = b""
    index_entries = b""
    offset = 4  # idx1 offsets count from the "movi" fourcc
    for jpeg in jpegs:
        chunk = _chunk(b"00dc", jpeg)
        index_entries += struct.pack("<4sIII", b"00dc", 0x10, offset, len(jpeg))
        movi_chunks += chunk
        offset += len(chunk)
    body = b"AVI " + header + _list(b"movi", movi_chunks) + _chunk(b"idx1", index_entries)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def write_mp4_header(path: Path, *, seconds: float = 3.0) -> Path:
    """An ISO-BMFF file with only ``ftyp`` and a ``moov``/``mvhd`` movie header (no playable stream).

    Enough to test how the duration of phone videos (MP4, MOV, 3GP) is read; not a video to play.
    """
    timescale = 1000
    mvhd = struct.pack(">B3xIIII", 0, 0, 0, timescale, int(seconds * timescale)) + bytes(80)
    box = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2mp41")
    box += _box(b"moov", _box(b"mvhd", mvhd))
    path.write_bytes(box)
    return path


def _box(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data) + 8) + tag + data
