"""Record an interview from the laptop's microphone and attach it (category 访谈录音).

QtMultimedia records into a temporary file (AAC in .m4a where the platform can encode it, else WAV);
"Save" hands that file to the ordinary intake, named after the moment the recording started, and
deletes the temporary copy. Without a microphone the panel's button is disabled instead.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtMultimedia import (
    QAudioInput,
    QMediaCaptureSession,
    QMediaDevices,
    QMediaFormat,
    QMediaRecorder,
)
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from huimin_desktop.services.attachments import IntakeReport, interview_filename
from ui.attachments.grid_model import format_duration

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station

INTERVIEW_CATEGORY = "05"  # 访谈录音


def has_microphone() -> bool:
    return bool(QMediaDevices.audioInputs())


def _recording_format() -> tuple[QMediaFormat, str]:
    encodable = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Encode)
    if QMediaFormat.FileFormat.Mpeg4Audio in encodable:
        chosen = QMediaFormat(QMediaFormat.FileFormat.Mpeg4Audio)
        chosen.setAudioCodec(QMediaFormat.AudioCodec.AAC)
        return chosen, ".m4a"
    return QMediaFormat(QMediaFormat.FileFormat.Wave), ".wav"


class RecorderDialog(QDialog):
    """``stored(report)`` after a recording has been attached."""

    stored = Signal(object)

    def __init__(
        self,
        station: Station,
        owner_table: str,
        owner_id: str,
        parent: QWidget | None = None,
        *,
        user: str = "system",
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.owner_table = owner_table
        self.owner_id = owner_id
        self.user = user
        self.started_at: dt.datetime | None = None
        self.scratch = Path(tempfile.mkdtemp(prefix="huimin-recording-"))
        self.setWindowTitle(self.tr("Record an interview"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.session = QMediaCaptureSession(self)
        self.audio_input: QAudioInput | None = None
        self.recorder = QMediaRecorder(self)
        self.session.setRecorder(self.recorder)
        self.media_format, self.extension = _recording_format()
        self.recorder.setMediaFormat(self.media_format)
        self.recorder.setQuality(QMediaRecorder.Quality.NormalQuality)
        self.recorder.durationChanged.connect(self._duration_changed)
        self.recorder.recorderStateChanged.connect(self._state_changed)
        self.recorder.errorOccurred.connect(self._error)

        self.time = QLabel("0:00")
        font = self.time.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        self.time.setFont(font)
        self.time.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel(
            self.tr("Press Record to start. The recording is attached as an interview recording.")
        )
        self.status.setWordWrap(True)
        self.record_button = QPushButton(self.tr("Record"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.save_button = QPushButton(self.tr("Save"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.stop_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.record_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.recorder.stop)
        self.save_button.clicked.connect(self._save_clicked)
        self.discard_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.record_button, self.stop_button, self.save_button, self.discard_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.time)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(420, 180)

    # -- recording ---------------------------------------------------------------------------------

    def start(self) -> None:
        device = QMediaDevices.defaultAudioInput()
        if device.isNull():
            self.status.setText(self.tr("No microphone was found on this computer."))
            return
        self.audio_input = QAudioInput(device, self)
        self.session.setAudioInput(self.audio_input)
        self.started_at = dt.datetime.now()
        self.recorder.setOutputLocation(QUrl.fromLocalFile(str(self.scratch / f"recording{self.extension}")))
        self.recorder.record()

    def _duration_changed(self, ms: int) -> None:
        self.time.setText(format_duration(ms))

    def _state_changed(self, state: QMediaRecorder.RecorderState) -> None:
        recording = state == QMediaRecorder.RecorderState.RecordingState
        self.record_button.setEnabled(not recording)
        self.stop_button.setEnabled(recording)
        self.save_button.setEnabled(
            state == QMediaRecorder.RecorderState.StoppedState and self._recorded() is not None
        )
        if recording:
            self.status.setText(self.tr("Recording…"))
        elif self._recorded() is not None:
            self.status.setText(self.tr("Recorded. Save it to attach it, or record again."))

    def _error(self, _error: QMediaRecorder.Error, message: str) -> None:
        self.status.setText(self.tr("Recording failed: {reason}").format(reason=message))

    def _recorded(self) -> Path | None:
        location = self.recorder.actualLocation()
        path = Path(location.toLocalFile()) if location.isLocalFile() else None
        return path if path is not None and path.is_file() and path.stat().st_size > 0 else None

    # -- storing -----------------------------------------------------------------------------------

    def _save_clicked(self) -> None:
        recorded = self._recorded()
        if recorded is not None:
            self.store_recording(recorded, self.started_at)

    def store_recording(self, recorded: Path, started_at: dt.datetime | None = None) -> IntakeReport:
        """Attach a finished recording under a name that says when it was made, then close."""
        started_at = started_at or dt.datetime.now()
        named = self.scratch / interview_filename(started_at, recorded.suffix)
        if recorded != named:
            shutil.copyfile(recorded, named)
        report = self.station.attachments.add_files(
            self.owner_table, self.owner_id, [named], category=INTERVIEW_CATEGORY, user=self.user
        )
        if report.refused:
            self.status.setText(report.refused[0][1])
            return report
        self.stored.emit(report)
        self.accept()
        return report

    def done(self, result: int) -> None:
        if self.recorder.recorderState() != QMediaRecorder.RecorderState.StoppedState:
            self.recorder.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.done(QDialog.DialogCode.Rejected)
        event.accept()
