"""How long an audio or video file plays, in milliseconds.

mutagen (pure Python, well kept) reads the length of MP3, M4A/MP4/MOV/3GP (the ISO container phones
write; for a video-only file it falls back to the movie header), WAV, OGG, FLAC, WMA and more. It does
not read AVI, which old cameras and some phones still write, so the AVI main header (``avih``: frame
count and microseconds per frame) is parsed here. Unknown or damaged files give None, never an error:
the duration is a convenience, not a reason to refuse a file.
"""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import mutagen


def avi_duration_ms(path: Path) -> int | None:
    """From the ``avih`` chunk, which sits near the start of every AVI file."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head[:4] != b"RIFF" or head[8:12] != b"AVI ":
        return None
    at = head.find(b"avih")
    if at < 0 or len(head) < at + 8 + 20:
        return None
    micro_per_frame, _max_bytes, _padding, _flags, total_frames = struct.unpack_from("<5I", head, at + 8)
    if micro_per_frame == 0:
        return None
    return round(micro_per_frame * total_frames / 1000)


def _wave_duration_ms(path: Path) -> int | None:
    with wave.open(str(path), "rb") as reader:
        rate = reader.getframerate()
        return round(reader.getnframes() * 1000 / rate) if rate else None


def media_duration_ms(path: Path) -> int | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
        if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
            return avi_duration_ms(path)
        info = mutagen.File(path)
        if info is not None and info.info is not None and getattr(info.info, "length", None):
            return round(info.info.length * 1000)
        if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
            return _wave_duration_ms(path)
    except (OSError, EOFError, ValueError, struct.error, wave.Error, mutagen.MutagenError):
        return None
    return None
