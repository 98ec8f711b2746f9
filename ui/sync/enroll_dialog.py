"""登记新站点 / 重新登记 / 吊销: the city or a county sets up its lower stations.

Enrolling writes a setup file (who the new station is, and this station's public keys) to a USB stick
and shows a one-time setup code, which travels separately (phone, paper): the township's first start
needs both, makes its own keys, and its first package registers them here; from then on only packages
signed by that key are accepted. Revoking (a stolen laptop) refuses that key from now on; enrolling a
division again (asked for confirmation) gives it a new setup file and code, and the old laptop's
packages are refused with the date.
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
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
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

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save setup file"))
        self.buttons.accepted.connect(self.enroll)
        self.buttons.rejected.connect(self.reject)

        self.confirmation: QMessageBox | None = None

        form_page = self._build_form_page()
        self.pages = QStackedWidget()
        self.pages.addWidget(form_page)
        self.done_page, self.code_label, self.done_text = _done_page(self.tr("Setup code"))
        self.pages.addWidget(self.done_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 16)
        outer.addWidget(self.pages, 1)
        outer.addWidget(self.buttons)

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

    def _build_form_page(self) -> QWidget:
        """The first page: the lower station's level, division and name, and the drive to save to."""
        intro = QLabel(
            self.tr(
                "The setup file and a one-time setup code let the new station's first start set itself "
                "up; its first package then registers it here, and from then on this station accepts its "
                "packages."
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
        form_page = QWidget()
        layout = QVBoxLayout(form_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.already)
        layout.addWidget(QLabel(self.tr("Save the setup file to:")))
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.message)
        return form_page

    def _fill_divisions(self) -> None:
        level = str(self.level.currentData())
        self.division.clear()
        for seed in divisions_below(self.info.division_code, level):
            self.division.addItem(f"{seed.name}（{seed.code}）", seed.code)
        # A township outside the shipped list (new in the program) is typed as its 12-digit code.
        self.division.setEditable(level == "township")
        if level == "township":
            self.division.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            division_edit = self.division.lineEdit()
            if division_edit is not None:
                division_edit.setPlaceholderText(self.tr("Pick a township or type its 12-digit code"))
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
                    "{name} is enrolled already. Enrolling it again (you are asked to confirm) ends its "
                    "current setup: packages from its current laptop are refused from then on."
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

    def enroll(self, *, force: bool = False) -> None:
        if self.enrolled is not None:  # the code is on screen: the button closes
            self.accept()
            return
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
        current = service.enrolled_peer(code)
        if current is not None and current.revoked_at is None and not force:
            self._confirm_again(current)
            return
        level = str(self.level.currentData())
        out = folder / setup_file_name(code)
        self._set_message("")
        self.ok_button.setEnabled(False)

        def enroll(_task: TaskState) -> EnrollResult:
            return service.enroll(level, name, code, out, force=force)

        self.operation = (
            Operation(self, enroll, label=self.tr("Writing the setup file…"), cancellable=False)
            .success(self._enrolled)
            .failure(self._failed)
        )
        self.operation.run_in_background()

    def _confirm_again(self, current: PeerInfo) -> None:
        """Enrolling an enrolled division ends its current laptop's enrollment: ask first."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.windowTitle(),
            self.tr(
                "{name} is enrolled already. Enroll it again? From then on the packages of its current "
                "laptop are refused; use this when the station changes computer."
            ).format(name=current.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Enroll again"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda answer: self.enroll(force=True) if answer == QMessageBox.StandardButton.Yes else None
        )
        self.confirmation = box
        box.open()

    def _enrolled(self, result: EnrollResult) -> None:
        """Show the setup code (once, large): the dialog stays open until the clerk has noted it."""
        self.enrolled = result
        self.code_label.setText(result.setup_code)
        self.done_text.setText(
            self.tr(
                "The setup file for {name} was saved:\n{path}\n\nIts first start asks for this setup "
                "code. Give the code separately from the stick (read it out on the phone, or on paper): "
                "whoever has both can set up the station. It works once; it is not shown again."
            ).format(name=result.name, path=result.setup_file)
        )
        self.pages.setCurrentWidget(self.done_page)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.ok_button.setText(self.tr("Done"))
        self.ok_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        reason = expected_error_message(error) or one_line_reason(error)
        self._set_message(self.tr("No setup file was written: {reason}").format(reason=reason))


def _done_page(heading_text: str) -> tuple[QWidget, QLabel, QLabel]:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(12)
    heading = QLabel(heading_text)
    heading.setObjectName("sectionTitle")
    code = QLabel()
    code.setObjectName("setupCode")
    code.setAlignment(Qt.AlignmentFlag.AlignCenter)
    code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    code.setFrameShape(QFrame.Shape.StyledPanel)
    font = code.font()
    font.setPointSizeF(font.pointSizeF() * 2.6)
    font.setBold(True)
    font.setFamilies(["Consolas", "DejaVu Sans Mono", "monospace"])
    font.setLetterSpacing(font.SpacingType.AbsoluteSpacing, 3)
    code.setFont(font)
    code.setMinimumHeight(code.sizeHint().height() + 24)
    text = QLabel()
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    layout.addWidget(heading)
    layout.addWidget(code)
    layout.addWidget(text)
    layout.addStretch(1)
    return page, code, text


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
