"""The reason asked before a roster or archive leaves the station with whole ID numbers and phones.

The reason goes to the audit log with the user (``services.disclosure``); the dialog only refuses an
empty one, as the service does. A roster can instead be exported masked, which needs no reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

MAX_REASON = 200  # services.disclosure.MAX_REASON


@dataclass(frozen=True)
class ExportChoice:
    full: bool  # whole ID numbers and phones (with ``reason``), else masked
    reason: str


class ReasonDialog(QDialog):
    def __init__(self, what: str, parent: QWidget | None = None, *, can_mask: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reason for the export"))
        self.setMinimumWidth(420)
        intro = QLabel(
            self.tr(
                "The {what} holds whole ID numbers and phone numbers. Say why it is needed: the reason "
                "is kept in the audit log with your name."
            ).format(what=what)
        )
        intro.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("e.g. checked with the county civil affairs office"))
        self.masked = QCheckBox(self.tr("Mask ID numbers and phones instead (no reason needed)"))
        self.masked.setVisible(can_mask)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.masked)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self.masked.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.reason.setEnabled(not self.masked.isChecked())
        ok = self.masked.isChecked() or bool(self.reason.text().strip())
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(ok)

    def choice(self) -> ExportChoice:
        if self.masked.isChecked():
            return ExportChoice(full=False, reason="")
        return ExportChoice(full=True, reason=self.reason.text().strip())


def ask_export_reason(parent: QWidget | None, what: str, *, can_mask: bool = True) -> ExportChoice | None:
    """The user's choice, or None when they cancelled (nothing is exported then)."""
    dialog = ReasonDialog(what, parent, can_mask=can_mask)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()
