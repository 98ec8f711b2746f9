"""A photo shown large, with its caption and date; ← → step through the record's other photos."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImageReader, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.errors import ServiceError
from huimin_desktop.services.attachments import AttachmentRecord
from ui.attachments.grid_model import describe_taken

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station


class PhotoViewer(QDialog):
    def __init__(
        self, station: Station, photos: list[AttachmentRecord], start: int = 0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.photos = photos
        self.position = start
        self.original = QPixmap()
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(320, 240)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setStyleSheet("background: #1f2328; color: #e6e6e6;")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.previous_button = QPushButton(self.tr("← Previous"))
        self.next_button = QPushButton(self.tr("Next →"))
        close = QPushButton(self.tr("Close"))
        self.previous_button.clicked.connect(lambda: self.show_photo(self.position - 1))
        self.next_button.clicked.connect(lambda: self.show_photo(self.position + 1))
        close.clicked.connect(self.accept)
        QShortcut(QKeySequence(Qt.Key.Key_Left), self, lambda: self.show_photo(self.position - 1))
        QShortcut(QKeySequence(Qt.Key.Key_Right), self, lambda: self.show_photo(self.position + 1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.caption, 1)
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addLayout(buttons)
        self.resize(960, 680)
        self.show_photo(start)

    def show_photo(self, position: int) -> None:
        if not 0 <= position < len(self.photos):
            return
        self.position = position
        record = self.photos[position]
        try:  # decrypted in memory only: no clear copy of the photo is written
            data = QByteArray(self.station.attachments.read_bytes(record))
        except ServiceError:
            data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        reader.setAutoTransform(True)  # EXIF orientation: portrait phone photos stand up
        image = reader.read()
        buffer.close()
        self.original = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        if self.original.isNull():
            self.image.setText(self.tr("This photo cannot be shown (the file may be damaged)."))
        self._fit()
        category = code_lists().attachment_category.name(record.category)
        parts = [record.caption or record.filename, category, describe_taken(record.taken_at)]
        self.caption.setText("  ·  ".join(part for part in parts if part))
        self.setWindowTitle(
            self.tr("Photo {number} of {count}").format(number=position + 1, count=len(self.photos))
        )
        self.previous_button.setEnabled(position > 0)
        self.next_button.setEnabled(position + 1 < len(self.photos))

    def _fit(self) -> None:
        if self.original.isNull():
            return
        self.image.setPixmap(
            self.original.scaled(
                self.image.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
