"""Thumbnails made off the GUI thread: a small pool runs ``station.attachments.thumbnail`` (Pillow, a sealed
cache under the data folder) and reads the result into a QImage; the GUI thread gets ``ready(sha, image)``.

The records are passed in, so the workers never touch the database. Each photo is asked for once per
loader; later requests come from the loader's memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from huimin_desktop.services.attachments import AttachmentRecord

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station

THUMBNAIL_SIZE = 160


class _Relay(QObject):
    done = Signal(str, QImage)


class _ThumbnailJob(QRunnable):
    def __init__(self, station: Station, record: AttachmentRecord, size: int, relay: _Relay) -> None:
        super().__init__()
        self.station = station
        self.record = record
        self.size = size
        self.relay = relay  # a strong reference: it outlives the loader if the panel closes first

    def run(self) -> None:
        try:
            jpeg = self.station.attachments.thumbnail(self.record, self.size)
        except OSError:
            jpeg = None
        image = QImage.fromData(jpeg) if jpeg is not None else QImage()  # decrypted in memory only
        self.relay.done.emit(self.record.sha256, image)


class ThumbnailLoader(QObject):
    """``request(record)``; ``ready(sha256, image)`` on the GUI thread (a null image: no thumbnail)."""

    ready = Signal(str, QImage)

    def __init__(self, station: Station, size: int = THUMBNAIL_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.size = size
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)  # old two-core laptops: leave a core for the GUI and the worker
        self._relay = _Relay()
        self._relay.done.connect(self._finished)
        self._asked: set[str] = set()
        self.images: dict[str, QImage] = {}

    def request(self, record: AttachmentRecord) -> None:
        if record.kind != "photo" or record.sha256 in self._asked:
            return
        self._asked.add(record.sha256)
        self.pool.start(_ThumbnailJob(self.station, record, self.size, self._relay))

    def _finished(self, sha256: str, image: QImage) -> None:
        self.images[sha256] = image
        self.ready.emit(sha256, image)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until every requested thumbnail is made (tests, screenshots)."""
        return self.pool.waitForDone(timeout_ms)
