"""First start: a data folder without a station. Create one, set it up from a setup file, restore it
from a backup on a USB stick (ui/backup/new_laptop.py), or open the demo data to look around.

The demo goes to its own folder, a sibling of the data folder named ``huimin-demo`` (for the default
data folder that is ``default_data_dir().parent / "huimin-demo"``; for ``--data D:/惠民/data`` it is
``D:/惠民/huimin-demo``), so demo households never mix with real ones and the real folder still gets this
dialog next time. A demo folder that already holds demo households is simply opened; one left empty by a
cancelled generation is filled again.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# The same demo station as `huimin demo` makes (city level, 朝阳市 211300).
from huimin_desktop.domain.codelists import chaoyang_divisions
from huimin_desktop.progress import TaskState
from huimin_desktop.services.station import Station
from huimin_desktop.services.users import MIN_PASSWORD_LENGTH
from ui.errors import expected_error_message
from ui.operations import Operation
from ui.station_levels import LEVELS, level_name

if TYPE_CHECKING:
    from ui.backup.new_laptop import RestoreNewDialog

DEMO_FOLDER_NAME = "huimin-demo"
DEMO_HOUSEHOLDS = 2000
DEMO_SEED = 828
TOWNSHIP_CODE = re.compile(r"\d{12}")


def demo_data_dir(data_dir: Path) -> Path:
    return data_dir.parent / DEMO_FOLDER_NAME


def build_demo(folder: Path, households: int, task: TaskState) -> Station:
    """Worker side of "open the demo data": create (or reuse) the demo station and fill it."""
    station, _created = Station.open_demo(folder)
    try:
        if station.households.count() == 0:
            station.generate_demo(households, seed=DEMO_SEED, attachments_mb=0, task=task)
    except BaseException:
        station.close()
        raise
    return station


def _add_row(form: QFormLayout, label_text: str, field: QWidget, *messages: QLabel) -> None:
    """A form row whose hint and inline messages sit right under the field (hidden ones take no space).

    The label is top-aligned and nudged down to the field's text line, so it stays level with the
    field whether or not a message is showing below it.
    """
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    layout.addWidget(field)
    for message in messages:
        layout.addWidget(message)
    label = QLabel(label_text)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setContentsMargins(0, max(0, (field.sizeHint().height() - label.sizeHint().height()) // 2), 0, 0)
    label.setBuddy(field)
    form.addRow(label, box)


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("inlineError")
    label.setWordWrap(True)
    label.hide()
    return label


class FirstStartDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.demo_dir = demo_data_dir(data_dir)
        self.station: Station | None = None
        self.operation: Operation[Station] | None = None
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=self.tr("Huimin Desktop")))
        self.setMinimumWidth(780)  # wide enough that each choice's text takes one or two lines: fits 1366×768

        title = QLabel(self.tr("Welcome to {app}").format(app=self.tr("Huimin Desktop")))
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "The data folder {path} has no station yet. Set this computer up as a station, or "
                "first look around in the demo data."
            ).format(path=data_dir)
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        admin_box = self._build_admin_box()
        create_box = self._build_create_box()
        setup_box = self._build_setup_box()
        other_box = self._build_other_box()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create station"))
        self.buttons.accepted.connect(self.create_station)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 14)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(admin_box)
        layout.addWidget(setup_box)
        layout.addWidget(create_box)
        layout.addWidget(other_box)
        layout.addWidget(self.buttons)

        self.level.currentIndexChanged.connect(self._fill_divisions)
        self.name.textChanged.connect(lambda: self._set_error(self.name_error, ""))
        self.division.currentTextChanged.connect(lambda: self._set_error(self.division_error, ""))
        self._fill_divisions()

    def _build_admin_box(self) -> QGroupBox:
        """The first administrator, for both ways of creating the station: name and password (twice)."""
        box = QGroupBox(self.tr("First administrator"))
        form = QFormLayout(box)
        form.setVerticalSpacing(6)
        form.setHorizontalSpacing(16)
        self.admin = QLineEdit("admin")
        self.admin.setMaxLength(30)
        self.admin.setObjectName("adminName")
        self.password = QLineEdit()
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit()
        self.password_again.setObjectName("adminPasswordAgain")
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_error = _error_label()
        _add_row(form, self.tr("User name:"), self.admin)
        _add_row(form, self.tr("Password:"), self.password)
        _add_row(form, self.tr("Password again:"), self.password_again, self.admin_error)
        for field in (self.admin, self.password, self.password_again):
            field.textChanged.connect(lambda: self._set_error(self.admin_error, ""))
        return box

    def _admin_login(self) -> tuple[str, str] | None:
        """The first administrator's (name, password), or None after an inline message."""
        name, password = self.admin.text().strip(), self.password.text()
        if not name:
            self._set_error(self.admin_error, self.tr("Please enter the administrator's user name."))
        elif len(password) < MIN_PASSWORD_LENGTH:
            self._set_error(
                self.admin_error,
                self.tr("The password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH),
            )
        elif password != self.password_again.text():
            self._set_error(self.admin_error, self.tr("The two passwords differ."))
        else:
            return name, password
        return None

    def _build_create_box(self) -> QGroupBox:
        """Create a station: its level, division and name."""
        create_box = QGroupBox(self.tr("Create a station"))
        form = QFormLayout(create_box)
        form.setVerticalSpacing(6)
        form.setHorizontalSpacing(16)
        self.level = QComboBox()
        for level in LEVELS:
            self.level.addItem(level_name(level), level)
        self.level.setCurrentIndex(LEVELS.index("township"))
        self.division = QComboBox()
        self.division.setMinimumContentsLength(24)
        self.division_hint = QLabel()
        self.division_hint.setObjectName("mutedText")
        self.division_hint.setWordWrap(True)
        self.division_error = _error_label()
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.name_error = _error_label()
        self.form_error = _error_label()
        _add_row(form, self.tr("Level:"), self.level)
        _add_row(form, self.tr("Division:"), self.division, self.division_hint, self.division_error)
        _add_row(form, self.tr("Station name:"), self.name, self.name_error, self.form_error)
        return create_box

    def _build_setup_box(self) -> QGroupBox:
        """From a setup file (a township or county its upper station enrolled) and its code."""
        setup_box = QGroupBox(self.tr("Set up from a setup file"))
        setup_layout = QVBoxLayout(setup_box)
        setup_text = QLabel(
            self.tr(
                "Did the county or city office give you a setup file (usually on a USB stick) and a setup "
                "code (told separately)? Type the code, then choose the file: the station is set up with "
                "its own keys and registers with its first package."
            )
        )
        setup_text.setWordWrap(True)
        self.setup_code = QLineEdit()
        self.setup_code.setMaxLength(24)
        self.setup_code.setPlaceholderText(self.tr("e.g. 7K3Q-M9TX-2BHD"))
        code_font = self.setup_code.font()
        code_font.setFamilies(["Consolas", "DejaVu Sans Mono", "monospace"])
        code_font.setPointSizeF(code_font.pointSizeF() * 1.3)
        self.setup_code.setFont(code_font)
        self.setup_error = _error_label()
        self.setup_code.textChanged.connect(lambda: self._set_error(self.setup_error, ""))
        self.setup_button = QPushButton(self.tr("Choose setup file…"))
        self.setup_button.clicked.connect(self.choose_setup_file)
        code_row = QHBoxLayout()
        code_label = QLabel(self.tr("Setup code:"))
        code_label.setBuddy(self.setup_code)
        code_row.addWidget(code_label)
        code_row.addWidget(self.setup_code, 1)
        code_row.addWidget(self.setup_button)
        setup_layout.addWidget(setup_text)
        setup_layout.addLayout(code_row)
        setup_layout.addWidget(self.setup_error)
        self.setup_file: Path | None = None
        return setup_box

    def _build_other_box(self) -> QGroupBox:
        """The two ways that need no form: 从备份恢复 (this station's backup on a stick, for a new or
        repaired laptop: ui/backup/new_laptop.py) and the demo. One box with a row each, so that the
        dialog with its four choices still fits a 1366×768 screen."""
        box = QGroupBox(self.tr("Restore, or just look around"))
        grid = QGridLayout(box)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(0, 1)
        restore_text = QLabel(
            self.tr(
                "A new or repaired computer? Restore the station from its backup on a USB stick (checked "
                "first, then opened with an administrator's password or the recovery code)."
            )
        )
        restore_text.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Restore from backup…"))
        self.restore_button.setObjectName("restoreFromBackup")
        self.restore_button.clicked.connect(self.open_restore)
        self.restore_dialog: RestoreNewDialog | None = None
        demo_text = QLabel(
            self.tr(
                "Opens a city-level demo station with {count} made-up households in a separate folder "
                "({path}); your data folder stays empty."
            ).format(count=DEMO_HOUSEHOLDS, path=self.demo_dir)
        )
        demo_text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Open demo data"))
        self.demo_button.clicked.connect(self.open_demo)
        for row, (text, button) in enumerate(
            ((restore_text, self.restore_button), (demo_text, self.demo_button))
        ):
            grid.addWidget(text, row, 0)
            grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignVCenter)
        return box

    def open_restore(self) -> RestoreNewDialog:
        """The restore dialog (window-modal); the station it restored opens like a created one."""
        from ui.backup.new_laptop import RestoreNewDialog

        dialog = RestoreNewDialog(self.data_dir, self)
        dialog.accepted.connect(lambda: self._opened(dialog.station) if dialog.station is not None else None)
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    # -- the form -------------------------------------------------------------------------------------

    def current_level(self) -> str:
        return str(self.level.currentData())

    def _fill_divisions(self) -> None:
        level = self.current_level()
        names = {d.code: d.name for d in chaoyang_divisions()}
        self.division.clear()
        for entry in chaoyang_divisions():
            if entry.level != level:
                continue
            parent = names.get(entry.parent_code or "", "")
            label = (
                f"{entry.name}（{parent}，{entry.code}）"
                if level == "township"
                else f"{entry.name}（{entry.code}）"
            )
            self.division.addItem(label, entry.code)
        township = level == "township"
        examples = {
            "city": self.tr("e.g. Chaoyang City Ethnic and Religious Affairs Commission"),
            "county": self.tr("e.g. Beipiao Ethnic and Religious Affairs Bureau"),
            "township": self.tr("e.g. Mayouying Mongol Township"),
        }
        self.name.setPlaceholderText(examples[level])
        # A township outside the shipped list (a new one joining the program) types its 12-digit code.
        self.division.setEditable(township)
        if township:
            self.division.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            division_edit = self.division.lineEdit()
            if division_edit is not None:
                division_edit.setPlaceholderText(self.tr("Pick a township or type its 12-digit code"))
            self.division_hint.setText(
                self.tr("Not in the list? Type the township's 12-digit division code.")
            )
        self.division_hint.setVisible(township)
        self._set_error(self.division_error, "")

    def division_code(self) -> str | None:
        """The chosen division's code: a list entry, or (township) 12 typed digits; None if neither."""
        text = self.division.currentText().strip()
        index = self.division.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            return str(self.division.itemData(index))
        if self.current_level() == "township" and TOWNSHIP_CODE.fullmatch(text):
            return text
        return None

    def _set_error(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))
        if text:
            self._grow_to_fit()

    def showEvent(self, event: QShowEvent) -> None:
        """The wrapped texts need more height than the first size guess gives them."""
        super().showEvent(event)
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """A message that appears takes room: grow the dialog instead of squeezing the fields."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = self.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if self.height() < needed:
            self.resize(width, needed)

    def _validate(self) -> str | None:
        """Show inline messages; the division code when the form can be submitted."""
        self._set_error(self.form_error, "")
        code = self.division_code()
        if code is None:
            if self.current_level() == "township":
                message = self.tr("Pick a township from the list, or type its 12-digit division code.")
            else:
                message = self.tr("Pick a division from the list.")
            self._set_error(self.division_error, message)
        else:
            self._set_error(self.division_error, "")
        if not self.name.text().strip():
            self._set_error(self.name_error, self.tr("Please enter the station name."))
        else:
            self._set_error(self.name_error, "")
        return code if code is not None and self.name.text().strip() else None

    # -- actions --------------------------------------------------------------------------------------

    def create_station(self) -> None:
        code = self._validate()
        login = self._admin_login()
        if code is None or login is None:
            return
        level, name, folder = self.current_level(), self.name.text().strip(), self.data_dir
        admin, password = login

        def create(_task: TaskState) -> Station:
            return Station.create(
                folder, level=level, name=name, division_code=code, admin=admin, password=password
            )

        self.operation = (
            Operation(self, create, label=self.tr("Creating the station…"), cancellable=False)
            .success(self._opened)
            .failure(self._creation_failed)
        )
        self._set_busy(True)
        self.operation.run_in_background()

    def choose_setup_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose setup file"), "", self.tr("Setup files (*.json *.hms);;All files (*)")
        )
        if path:
            self.set_up_from(Path(path))

    def set_up_from(self, setup_file: Path) -> None:
        """The first start of an enrolled station: identity and trust from the file, opened by the code."""
        from huimin_desktop.sync.enrollment import normalize_code

        folder, code = self.data_dir, self.setup_code.text()
        self.setup_file = setup_file
        if normalize_code(code) is None:
            self._set_error(
                self.setup_error,
                self.tr(
                    "Type the 12-character setup code the upper office gave you with the setup file "
                    "(e.g. 7K3Q-M9TX-2BHD), then choose the file again."
                ),
            )
            self.setup_code.setFocus()
            return
        self._set_error(self.setup_error, "")
        login = self._admin_login()
        if login is None:
            return
        admin, password = login
        self.operation = (
            Operation(
                self,
                lambda _task: Station.create_from_setup(
                    folder, setup_file, code, admin=admin, password=password
                ),
                label=self.tr("Setting up the station…"),
                cancellable=False,
            )
            .success(self._opened)
            .failure(self._setup_failed)
        )
        self._set_busy(True)
        self.operation.run_in_background()

    def _setup_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        message = expected_error_message(error)
        if message is None and self.operation is not None:
            self.operation.show_error(error)
            return
        self._set_error(self.setup_error, message or "")

    def _creation_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        message = expected_error_message(error)
        if message is None and self.operation is not None:
            self.operation.show_error(error)
            return
        self._set_error(self.form_error, message or "")

    def open_demo(self) -> None:
        folder, households = self.demo_dir, DEMO_HOUSEHOLDS
        self.operation = (
            Operation(
                self,
                lambda task: build_demo(folder, households, task),
                label=self.tr("Generating the demo data…"),
                title=self.tr("Open demo data"),
            )
            .success(self._opened)
            .cancelled(lambda: self._set_busy(False))
            .failure(self._demo_failed)
        )
        self._set_busy(True)
        self.operation.run_in_background()

    def _demo_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if self.operation is not None:
            self.operation.show_error(error)

    def _set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)
        self.demo_button.setEnabled(not busy)
        self.setup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)

    def _opened(self, station: Station) -> None:
        self._set_busy(False)
        self.station = station
        self.accept()
