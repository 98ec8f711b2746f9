"""The attachment grid's model: one row per attachment, icons from the thumbnail loader.

Photos show their thumbnail once it is made (a grey tile until then); other files show a tile with
their kind and type (音频 WAV 0:12, 文档 PDF…). The records are frozen dataclasses from the service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.domain.sizes import human_size
from huimin_desktop.media.kinds import extension_for
from huimin_desktop.services.attachments import AttachmentRecord
from ui.attachments.thumbnails import THUMBNAIL_SIZE, ThumbnailLoader

RecordRole = Qt.ItemDataRole.UserRole + 1
_TILE_COLOURS = {"photo": "#d9dee5", "audio": "#dcebdc", "video": "#e2dcef", "document": "#efe6d6"}
_Index = QModelIndex | QPersistentModelIndex


def format_duration(ms: int | None) -> str:
    if ms is None:
        return ""
    seconds = round(ms / 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def file_type(record: AttachmentRecord) -> str:
    """The short type shown on a tile: the file's own extension, else one from its MIME type."""
    name = record.filename
    extension = name.rpartition(".")[2] if "." in name else extension_for(record.mime).lstrip(".")
    return extension.upper()[:5]


class AttachmentGridModel(QAbstractListModel):
    def __init__(self, loader: ThumbnailLoader, kind_names: dict[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.kind_names = kind_names  # translated "Photo", "Audio"… from the panel
        self.records: list[AttachmentRecord] = []
        self._tiles: dict[tuple[str, str, str], QPixmap] = {}
        self._pixmaps: dict[str, QPixmap] = {}
        loader.ready.connect(self._thumbnail_ready)

    def set_records(self, records: list[AttachmentRecord]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()
        for record in self.records:
            self.loader.request(record)

    def record(self, row: int) -> AttachmentRecord:
        return self.records[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.records)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            category = code_lists().attachment_category.name(record.category)
            name = record.caption or record.filename
            return f"{name}\n{category}" if category else name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmaps.get(record.sha256) or self._tile(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record)
        if role == RecordRole:
            return record
        return None

    def _tooltip(self, record: AttachmentRecord) -> str:
        lines = [record.filename]
        category = code_lists().attachment_category.name(record.category)
        if category:
            lines.append(category)
        if record.caption:
            lines.append(record.caption)
        if record.taken_at is not None:
            lines.append(record.taken_at.strftime("%Y-%m-%d %H:%M"))
        details = [human_size(record.size)]
        if record.duration_ms is not None:
            details.append(format_duration(record.duration_ms))
        lines.append(" · ".join(details))
        return "\n".join(lines)

    def _thumbnail_ready(self, sha256: str, image: QImage) -> None:
        if image.isNull():
            return
        self._pixmaps[sha256] = _framed(QPixmap.fromImage(image))
        for row, record in enumerate(self.records):
            if record.sha256 == sha256:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def has_thumbnail(self, sha256: str) -> bool:
        return sha256 in self._pixmaps

    def _tile(self, record: AttachmentRecord) -> QPixmap:
        label = self.kind_names.get(record.kind, "")
        detail = format_duration(record.duration_ms) if record.kind != "photo" else ""
        key = (record.kind, file_type(record), detail)
        tile = self._tiles.get(key)
        if tile is None:
            tile = self._tiles[key] = _draw_tile(record.kind, label, file_type(record), detail)
        return tile


def _framed(pixmap: QPixmap) -> QPixmap:
    """The thumbnail centred on a square tile, so the grid stays regular with portrait photos."""
    tile = QPixmap(THUMBNAIL_SIZE, THUMBNAIL_SIZE)
    tile.fill(QColor("#f1f3f5"))
    painter = QPainter(tile)
    painter.drawPixmap(
        (THUMBNAIL_SIZE - pixmap.width()) // 2, (THUMBNAIL_SIZE - pixmap.height()) // 2, pixmap
    )
    painter.end()
    return tile


def _draw_tile(kind: str, label: str, extension: str, detail: str) -> QPixmap:
    tile = QPixmap(THUMBNAIL_SIZE, THUMBNAIL_SIZE)
    tile.fill(QColor("#f1f3f5"))
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(_TILE_COLOURS.get(kind, "#e5e5e5")))
    painter.drawRoundedRect(QRect(14, 14, THUMBNAIL_SIZE - 28, THUMBNAIL_SIZE - 28), 10, 10)
    painter.setPen(QColor("#2f3b48"))
    font = QFont()
    font.setPointSizeF(17)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRect(14, 30, THUMBNAIL_SIZE - 28, 44), Qt.AlignmentFlag.AlignCenter, extension or "?")
    font.setPointSizeF(11)
    font.setBold(False)
    painter.setFont(font)
    painter.drawText(QRect(14, 78, THUMBNAIL_SIZE - 28, 26), Qt.AlignmentFlag.AlignCenter, label)
    if detail:
        painter.drawText(QRect(14, 104, THUMBNAIL_SIZE - 28, 26), Qt.AlignmentFlag.AlignCenter, detail)
    painter.end()
    return tile


def describe_taken(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""
