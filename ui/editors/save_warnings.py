"""The question a record editor asks before saving something that looks unusual.

The service's warnings (a birth date that makes the head 12 years old, wages with nobody working away)
never block a save: the cadre sees them listed and chooses "save anyway" or "go back and correct",
the latter being the default so that Enter does not wave them through.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ui.widgets.message_boxes import widen


def ask_save_anyway(
    parent: QWidget, warnings: list[str], save: Callable[[], None], *, closed: Callable[[], None]
) -> tuple[QMessageBox, QPushButton]:
    """Open (window-modal, not blocking) the list of ``warnings``; "save anyway" calls ``save``.

    ``closed`` runs first whatever the answer (the editor forgets the box). Returns the box and its
    "save anyway" button, for the editor to keep while it is open (tests press it).
    """
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("SaveWarnings", "Please check"),
        QCoreApplication.translate("SaveWarnings", "These points look unusual. Save anyway?"),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("saveWarnings")
    box.setInformativeText("\n".join(f"• {line}" for line in warnings))
    widen(box)
    save_text = QCoreApplication.translate("SaveWarnings", "Save anyway")
    back_text = QCoreApplication.translate("SaveWarnings", "Go back and correct")
    save_button = box.addButton(save_text, QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(back_text, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(button: object) -> None:
        closed()
        if button is save_button:
            save()

    box.buttonClicked.connect(answered)
    box.open()
    return box, save_button
