"""Answering the export reason dialog (ui/privacy/reason_dialog.py) the way a user does, while it runs."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ui.privacy.reason_dialog import ReasonDialog

answered: list[ReasonDialog] = []


def answer_reason(reason: str = "", *, masked: bool = False, cancel: bool = False) -> None:
    """When the reason dialog opens, type ``reason`` (or tick "mask instead") and press OK or Cancel."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReasonDialog):
            QTimer.singleShot(20, answer)
            return
        answered.append(dialog)
        if masked:
            dialog.masked.setChecked(True)
        dialog.reason.setText(reason)
        which = QDialogButtonBox.StandardButton.Cancel if cancel else QDialogButtonBox.StandardButton.Ok
        button = dialog.buttons.button(which)
        assert button is not None
        if button.isEnabled():
            button.click()
        else:
            dialog.reject()

    QTimer.singleShot(0, answer)
