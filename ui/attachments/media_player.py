"""Audio and video played inside the program (QtMultimedia; the wheel's FFmpeg decodes them).

The blob is sealed in the store, so it is played from a decrypted temporary copy (the system's
temporary folder, owner-only, random name) that is removed when the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from huimin_desktop.errors import ServiceError
from huimin_desktop.services.attachments import AttachmentRecord, DecryptedCopy
from ui.attachments.grid_model import format_duration

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station


class MediaPlayerDialog(QDialog):
    def __init__(self, station: Station, record: AttachmentRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.setWindowTitle(record.caption or record.filename)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.video: QVideoWidget | None = None
        layout = QVBoxLayout(self)
        if record.kind == "video":
            self.video = QVideoWidget()
            self.video.setMinimumSize(480, 270)
            self.player.setVideoOutput(self.video)
            layout.addWidget(self.video, 1)
        else:
            title = QLabel(record.caption or record.filename)
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            title.setWordWrap(True)
            layout.addWidget(title)
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.clicked.connect(self.toggle)
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.sliderMoved.connect(self.player.setPosition)
        self.time = QLabel("0:00 / " + format_duration(record.duration_ms or 0))
        self.status = QLabel()
        self.status.setWordWrap(True)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.position, 1)
        controls.addWidget(self.time)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        self.player.durationChanged.connect(self._duration_changed)
        self.player.positionChanged.connect(self._position_changed)
        self.player.playbackStateChanged.connect(self._state_changed)
        self.player.errorOccurred.connect(self._error)
        self.resize(720 if self.video is not None else 480, 480 if self.video is not None else 140)
        self.copy: DecryptedCopy | None = None
        try:
            self.copy = station.attachments.open_copy(record)
        except ServiceError as error:
            self.status.setText(self.tr("This file cannot be played: {reason}").format(reason=error.message))
        else:
            self.player.setSource(QUrl.fromLocalFile(str(self.copy.path)))
        self.destroyed.connect(self._remove_copy_later(self.copy))

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def _duration_changed(self, duration: int) -> None:
        self.position.setRange(0, duration)
        self._position_changed(self.player.position())

    def _position_changed(self, position: int) -> None:
        if not self.position.isSliderDown():
            self.position.setValue(position)
        self.time.setText(f"{format_duration(position)} / {format_duration(self.player.duration())}")

    def _state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _error(self, _error: QMediaPlayer.Error, message: str) -> None:
        self.status.setText(self.tr("This file cannot be played: {reason}").format(reason=message))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.player.stop()
        self.player.setSource(QUrl())  # the player lets go of the file, which can then be removed
        self.remove_copy()
        super().closeEvent(event)

    def remove_copy(self) -> None:
        if self.copy is not None:
            self.copy.close()
            self.copy = None

    @staticmethod
    def _remove_copy_later(copy: DecryptedCopy | None) -> Callable[..., None]:
        """Removes the copy when the dialog is destroyed without a close event (its parent closed)."""
        return lambda *_: copy.close() if copy is not None else None

    def done(self, result: int) -> None:
        self.player.stop()
        super().done(result)
