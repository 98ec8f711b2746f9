"""What kind of file is this: photo, audio, video or document, with its MIME type.

The extension decides first (a phone names its files honestly); for files without a known extension a
look at the first bytes recognises the common formats. Anything else is kept as a document.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PHOTO = "photo"
AUDIO = "audio"
VIDEO = "video"
DOCUMENT = "document"


@dataclass(frozen=True)
class FileKind:
    kind: str  # photo | audio | video | document
    mime: str


_BY_EXTENSION: dict[str, FileKind] = {
    ".jpg": FileKind(PHOTO, "image/jpeg"),
    ".jpeg": FileKind(PHOTO, "image/jpeg"),
    ".jpe": FileKind(PHOTO, "image/jpeg"),
    ".png": FileKind(PHOTO, "image/png"),
    ".gif": FileKind(PHOTO, "image/gif"),
    ".bmp": FileKind(PHOTO, "image/bmp"),
    ".tif": FileKind(PHOTO, "image/tiff"),
    ".tiff": FileKind(PHOTO, "image/tiff"),
    ".webp": FileKind(PHOTO, "image/webp"),
    ".heic": FileKind(PHOTO, "image/heic"),
    ".wav": FileKind(AUDIO, "audio/wav"),
    ".mp3": FileKind(AUDIO, "audio/mpeg"),
    ".m4a": FileKind(AUDIO, "audio/mp4"),
    ".aac": FileKind(AUDIO, "audio/aac"),
    ".amr": FileKind(AUDIO, "audio/amr"),
    ".ogg": FileKind(AUDIO, "audio/ogg"),
    ".oga": FileKind(AUDIO, "audio/ogg"),
    ".opus": FileKind(AUDIO, "audio/opus"),
    ".flac": FileKind(AUDIO, "audio/flac"),
    ".wma": FileKind(AUDIO, "audio/x-ms-wma"),
    ".mp4": FileKind(VIDEO, "video/mp4"),
    ".m4v": FileKind(VIDEO, "video/mp4"),
    ".mov": FileKind(VIDEO, "video/quicktime"),
    ".3gp": FileKind(VIDEO, "video/3gpp"),
    ".avi": FileKind(VIDEO, "video/x-msvideo"),
    ".mkv": FileKind(VIDEO, "video/x-matroska"),
    ".webm": FileKind(VIDEO, "video/webm"),
    ".wmv": FileKind(VIDEO, "video/x-ms-wmv"),
    ".pdf": FileKind(DOCUMENT, "application/pdf"),
    ".doc": FileKind(DOCUMENT, "application/msword"),
    ".docx": FileKind(DOCUMENT, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xls": FileKind(DOCUMENT, "application/vnd.ms-excel"),
    ".xlsx": FileKind(DOCUMENT, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".wps": FileKind(DOCUMENT, "application/vnd.ms-works"),
    ".et": FileKind(DOCUMENT, "application/vnd.ms-excel"),
    ".txt": FileKind(DOCUMENT, "text/plain"),
    ".csv": FileKind(DOCUMENT, "text/csv"),
}

_BY_SIGNATURE: tuple[tuple[int, bytes, FileKind], ...] = (
    (0, b"\xff\xd8\xff", _BY_EXTENSION[".jpg"]),
    (0, b"\x89PNG\r\n\x1a\n", _BY_EXTENSION[".png"]),
    (0, b"GIF8", _BY_EXTENSION[".gif"]),
    (0, b"%PDF", _BY_EXTENSION[".pdf"]),
    (0, b"ID3", _BY_EXTENSION[".mp3"]),
    (0, b"OggS", _BY_EXTENSION[".ogg"]),
    (0, b"fLaC", _BY_EXTENSION[".flac"]),
    (4, b"ftyp", _BY_EXTENSION[".mp4"]),
)

UNKNOWN = FileKind(DOCUMENT, "application/octet-stream")

# Photos Pillow cannot read without extra plugins (iPhones write HEIC): kept, but without checks,
# EXIF date or thumbnail, rather than refused as "unreadable".
UNREADABLE_PHOTOS = frozenset({"image/heic"})


def detect_kind(name: str, head: bytes = b"") -> FileKind:
    """The kind of a file from its name and (optionally) its first few dozen bytes."""
    known = _BY_EXTENSION.get(Path(name).suffix.lower())
    if known is not None:
        return known
    if head[:4] == b"RIFF" and len(head) >= 12:
        return {b"WAVE": _BY_EXTENSION[".wav"], b"AVI ": _BY_EXTENSION[".avi"]}.get(head[8:12], UNKNOWN)
    for offset, signature, kind in _BY_SIGNATURE:
        if head[offset : offset + len(signature)] == signature:
            return kind
    return UNKNOWN


def extension_for(mime: str) -> str:
    """A file extension for a MIME type ("" when none is known): blobs are stored without one."""
    for extension, kind in _BY_EXTENSION.items():
        if kind.mime == mime:
            return extension
    return ""
