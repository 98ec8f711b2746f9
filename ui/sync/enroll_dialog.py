"""登记新站点 / 重新登记 / 吊销: the city or a county sets up its lower stations.

Enrolling writes a setup file (the new station's keys and this station's public key) to a USB stick; the
township's first start reads it, and from then on only its signed packages are accepted. Revoking (a
stolen laptop) refuses that key from now on; re-enrolling gives the same township a new setup file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.domain.codelists import DivisionSeed, chaoyang_divisions
from ui.errors import expected_error_message, one_line_reason
from ui.operations import Operation
from ui.station_levels import level_name
from ui.sync.drive_picker import DrivePicker
from ui.sync.peers import lower_peers

if TYPE_CHECKING:
    from huimin_desktop.progress import TaskState
    from huimin_desktop.services.enrollment import EnrollResult, PeerInfo
    from huimin_desktop.services.station import Station

TOWNSHIP_CODE = re.compile(r"\d{12}")
LOWER_LEVELS = {"city": ("county", "township"), "county": ("township",), "township": ()}
SETUP_FILE_SUFFIX = ".json"


def setup_file_name(division_code: str) -> str:
    """Short and ASCII (FAT32 sticks, old Windows): ``setup-211381204000.json``."""
    return f"setup-{division_code}{SETUP_FILE_SUFFIX}"


def divisions_below(home_code: str, level: str) -> list[DivisionSeed]:
    """The shipped divisions of ``level`` inside the division ``home_code`` (at any depth)."""
    seeds = chaoyang_divisions()
    parents = {seed.code: seed.parent_code for seed in seeds}

    def inside(code: str) -> bool:
        current: str | None = parents.get(code)
        while current is not None:
            if current == home_code:
                return True
            current = parents.get(current)
        return False

    return [seed for seed in seeds if seed.level == level and inside(seed.code)]


class EnrollDialog(QDialog):
    """Level, division and name of the lower station, then where to save its setup file."""

    def __init__(
        self, station: Station, parent: QWidget | None = None, *, again: PeerInfo | None = None
    ) -> None:
        """``again``: a (revoked) peer to enroll anew, with its level, name and division filled in."""
        super().__init__(parent)
        self.station = station
        self.info = station.info()
        self.enrolled: EnrollResult | None = None
        self.operation: Operation[EnrollResult] | None = None
        self.setWindowTitle(self.tr("Re-enroll a station") if again else self.tr("Enroll a new station"))
        self.setMinimumSize(600, 520)

        intro = QLabel(
            self.tr(
                "The setup file lets the new station's first start set itself up; from then on this "
                "station accepts its packages. Keep the file safe and delete it from the stick once used."
            )
        )
        intro.setWordWrap(True)
        self.level = QComboBox()
        for level in LOWER_LEVELS.get(self.info.level, ()):
            self.level.addItem(level_name(level), level)
        self.division = QComboBox()
        self.division.setMinimumContentsLength(26)
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.name.setPlaceholderText(self.tr("e.g. Mayouying Mongol Township"))
        form = QFormLayout()
        form.addRow(self.tr("Level:"), self.level)
        form.addRow(self.tr("Division:"), self.division)
        form.addRow(self.tr("Station name:"), self.name)
        self.picker = DrivePicker()
        self.already = QLabel()
        self.already.setObjectName("inlineError")
        self.already.setWordWrap(True)
        self.already.hide()
        self.message = QLabel()
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save setup file"))
        self.buttons.accepted.connect(self.enroll)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.already)
        layout.addWidget(QLabel(self.tr("Save the setup file to:")))
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.level.currentIndexChanged.connect(self._fill_divisions)
        self.division.currentIndexChanged.connect(self._suggest_name)
        self.division.currentTextChanged.connect(self._warn_if_enrolled)
        self.enrolled_codes = {peer.division_code: peer.name for peer in lower_peers(station)}
        self.again = again
        self._fill_divisions()
        if again is not None:
            self.level.setCurrentIndex(max(self.level.findData(again.level), 0))
            self._choose_division(again.division_code)
            self.name.setText(again.name)

    def _fill_divisions(self) -> None:
        level = str(self.level.currentData())
        self.division.clear()
        for seed in divisions_below(self.info.division_code, level):
            self.division.addItem(f"{seed.name}（{seed.code}）", seed.code)
        # A township outside the shipped list (new in the program) is typed as its 12-digit code.
        self.division.setEditable(level == "township")
        if level == "township":
            self.division.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.division.lineEdit().setPlaceholderText(self.tr("Pick a township or type its 12-digit code"))
        self._suggest_name()

    def _suggest_name(self) -> None:
        """The division's name is the usual station name; a name the clerk typed stays."""
        if self.name.isModified():
            return
        text = self.division.currentText()
        self.name.setText(text.split("（", 1)[0] if text else "")

    def _warn_if_enrolled(self) -> None:
        """Enrolling a division again gives it new keys: its current laptop's packages stop counting."""
        code = self.division_code()
        name = self.enrolled_codes.get(code or "")
        if name is not None and self.again is None:
            self.already.setText(
                self.tr(
                    "{name} is enrolled already. Enrolling it again gives it new keys: packages from its "
                    "current setup are refused from then on."
                ).format(name=name)
            )
        self.already.setVisible(name is not None and self.again is None)

    def _choose_division(self, code: str) -> None:
        index = self.division.findData(code)
        if index >= 0:
            self.division.setCurrentIndex(index)
        elif self.division.isEditable():
            self.division.setEditText(code)

    def division_code(self) -> str | None:
        text = self.division.currentText().strip()
        index = self.division.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            return str(self.division.itemData(index))
        if self.level.currentData() == "township" and TOWNSHIP_CODE.fullmatch(text):
            return text
        return None

    def _set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def enroll(self) -> None:
        service = self.station.enrollment
        code = self.division_code()
        name = self.name.text().strip()
        folder = self.picker.chosen_path()
        if code is None:
            self._set_message(self.tr("Pick a division from the list."))
            return
        if not name:
            self._set_message(self.tr("Please enter the station name."))
            return
        if folder is None:
            self._set_message(self.tr("Choose a USB stick or a folder for the setup file."))
            return
        level = str(self.level.currentData())
        out = folder / setup_file_name(code)
        self._set_message("")
        self.ok_button.setEnabled(False)

        def enroll(_task: TaskState) -> EnrollResult:
            return service.enroll(level, name, code, out)

        self.operation = (
            Operation(self, enroll, label=self.tr("Writing the setup file…"), cancellable=False)
            .success(self._enrolled)
            .failure(self._failed)
        )
        self.operation.run_in_background()

    def _enrolled(self, result: EnrollResult) -> None:
        self.enrolled = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        reason = expected_error_message(error) or one_line_reason(error)
        self._set_message(self.tr("No setup file was written: {reason}").format(reason=reason))


class RevokeDialog(QDialog):
    """Confirm revoking a station, with the reason (required: it is kept with the revocation)."""

    def __init__(self, peer: PeerInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.peer = peer
        self.setWindowTitle(self.tr("Revoke a station"))
        self.setMinimumWidth(520)
        text = QLabel(
            self.tr(
                "Revoke {name}? From now on its packages are refused, also those already written. "
                "Use this for a lost or stolen laptop; afterwards the station can be enrolled again "
                "with a new setup file."
            ).format(name=peer.name)
        )
        text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("e.g. laptop stolen on 3 May"))
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Revoke"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def reason_text(self) -> str:
        return self.reason.text().strip()
