"""Closing a record editor that keeps drafts: Esc asks "discard changes?" only when something changed.

The household, project and training editors share this. Each offers what ``RecordEditor`` lists (its own
wording comes from ``discard_texts()``, so the translations stay in its own context) and mixes in
``AskBeforeDiscarding`` before ``QDialog``.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QWidget

from ui.editors.drafts import FormDrafts
from ui.widgets.message_boxes import widen


class DiscardTexts(NamedTuple):
    """The "discard changes?" box's words, translated in the editor's own context."""

    title: str
    question: str
    discard: str
    save: str
    keep_editing: str


class RecordEditor(Protocol):
    """What an editor offers ``AskBeforeDiscarding``."""

    drafts: FormDrafts

    @property
    def saved(self) -> SignalInstance:
        """Emitted with the record's id after every successful save."""
        ...

    def is_dirty(self) -> bool:
        """The form differs from what is stored."""
        ...

    def save(self) -> None:
        """Check and save (in the background); ``saved`` follows when it went in."""
        ...

    def discard_texts(self) -> DiscardTexts: ...

    # QDialog's own.
    def window(self) -> QWidget: ...

    def done(self, result: int, /) -> None: ...


class _ClosingEditor(RecordEditor, Protocol):
    """The editor as ``AskBeforeDiscarding`` sees it: what it offers plus the mixin's own state."""

    discard_box: QMessageBox | None
    discard_button: QAbstractButton | None
    save_and_close_button: QAbstractButton | None
    _closing: bool

    @property
    def discard_box_width(self) -> int | None: ...

    def reject(self) -> None: ...

    def _close_for_good(self) -> None: ...

    def _close_after_save(self, _record_id: str) -> None: ...


class AskBeforeDiscarding:
    """Mix in before ``QDialog``: its ``reject`` and ``closeEvent`` go through the question."""

    # Minimum width of the question box (None: Qt's own layout).
    discard_box_width: int | None = None
    # The open question and its buttons (tests press them); None while no question is open.
    discard_box: QMessageBox | None = None
    discard_button: QAbstractButton | None = None
    save_and_close_button: QAbstractButton | None = None
    # Set once the editor really closes: closeEvent then lets it go.
    _closing = False

    def reject(self: _ClosingEditor) -> None:
        """Esc or Close: straight away when nothing changed, else ask "discard changes?"."""
        if not self.is_dirty():
            self._close_for_good()
            return
        if self.discard_box is not None:
            return
        texts = self.discard_texts()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            texts.title,
            texts.question,
            QMessageBox.StandardButton.NoButton,
            self.window(),
        )
        box.setObjectName("discardChanges")
        self.discard_button = discard = box.addButton(texts.discard, QMessageBox.ButtonRole.DestructiveRole)
        self.save_and_close_button = save = box.addButton(texts.save, QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(texts.keep_editing, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.discard_box_width is not None:
            widen(box, self.discard_box_width)

        def answered(button: QAbstractButton) -> None:
            self.discard_box = None
            if button is discard:
                self.drafts.discard()
                self._close_for_good()
            elif button is save:
                self.saved.connect(self._close_after_save)
                self.save()

        box.buttonClicked.connect(answered)
        self.discard_box = box
        box.open()

    def _close_after_save(self: _ClosingEditor, _record_id: str) -> None:
        self.saved.disconnect(self._close_after_save)
        self._close_for_good()

    def _close_for_good(self: _ClosingEditor) -> None:
        self._closing = True
        self.drafts.stop()
        self.done(QDialog.DialogCode.Rejected)  # what QDialog.reject does

    def close_keeping_draft(self: _ClosingEditor) -> None:
        """Close without asking; unsaved changes stay as a draft for the next time it is opened."""
        self.drafts.save()
        self._close_for_good()

    def closeEvent(self: _ClosingEditor, event: QCloseEvent) -> None:
        if self._closing:
            event.accept()
            return
        self.reject()
        if not self._closing:
            event.ignore()
