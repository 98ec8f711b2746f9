"""Closing a record editor that keeps drafts: Esc asks "discard changes?" only when something changed.

The project and training editors share this; each supplies its own wording (so the translations stay
in its own context) through ``discard_texts()``. The editor provides ``is_dirty()``, ``save()``, a
``saved`` signal, ``drafts`` (``FormDrafts``) and sets ``_closing = False`` and ``discard_box = None``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox

from ui.widgets.message_boxes import widen


class AskBeforeDiscarding:
    """Mix in before ``QDialog``: its ``reject`` and ``closeEvent`` go through the question."""

    # Minimum width of the question box (None: Qt's own layout).
    discard_box_width: int | None = None

    def discard_texts(self) -> tuple[str, str, str, str, str]:
        """(title, question, discard button, save button, keep-editing button), translated."""
        raise NotImplementedError

    def reject(self) -> None:
        """Esc or Close: straight away when nothing changed, else ask "discard changes?"."""
        editor: Any = self
        if not editor.is_dirty():
            self._close_for_good()
            return
        if editor.discard_box is not None:
            return
        title, question, discard_text, save_text, keep_text = self.discard_texts()
        box = QMessageBox(
            QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, editor
        )
        box.setObjectName("discardChanges")
        editor.discard_button = box.addButton(discard_text, QMessageBox.ButtonRole.DestructiveRole)
        editor.save_and_close_button = box.addButton(save_text, QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(keep_text, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.discard_box_width is not None:
            widen(box, self.discard_box_width)

        def answered(button) -> None:  # type: ignore[no-untyped-def]
            editor.discard_box = None
            if button is editor.discard_button:
                editor.drafts.discard()
                self._close_for_good()
            elif button is editor.save_and_close_button:
                editor.saved.connect(self._close_after_save)
                editor.save()

        box.buttonClicked.connect(answered)
        editor.discard_box = box
        box.open()

    def _close_after_save(self, _record_id: str) -> None:
        editor: Any = self
        editor.saved.disconnect(self._close_after_save)
        self._close_for_good()

    def _close_for_good(self) -> None:
        editor: Any = self
        editor._closing = True
        editor.drafts.stop()
        super().reject()  # type: ignore[misc]  # QDialog's, next in the editor's MRO

    def close_keeping_draft(self) -> None:
        """Close without asking; unsaved changes stay as a draft for the next time it is opened."""
        editor: Any = self
        editor.drafts.save()
        self._close_for_good()

    def closeEvent(self, event: QCloseEvent) -> None:
        editor: Any = self
        if editor._closing:
            event.accept()
            return
        self.reject()
        if not editor._closing:
            event.ignore()
