"""Unsaved household, project and training forms kept as drafts (``DraftStore``), so a crash loses little.

Project and training keys: ``<kind>-<id>`` while editing a stored record, ``<kind>-new-<uuid>`` for one
not saved yet (``draft_key``); household keys come from ``services.drafts.household_key``. Opening the
stored record again, or choosing "new" again, brings the draft back with a banner offering to discard it
(the start-up "restore?" question covers household drafts only).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from huimin_desktop.services.drafts import DraftError, DraftStore

DRAFT_INTERVAL_MS = 3000


def draft_key(kind: str, record_id: str | None, store: DraftStore) -> str:
    """The key for editing ``record_id``; for a new record, the newest waiting new draft or a fresh key."""
    if record_id:
        return f"{kind}-{record_id}"
    prefix = f"{kind}-new-"
    waiting = [d for d in store.pending() if d.key.startswith(prefix)]
    return waiting[0].key if waiting else f"{prefix}{uuid.uuid4().hex}"


class FormDrafts(QObject):
    """Writes ``state()`` under ``key`` every few seconds while ``is_dirty()`` and it changed since the last
    write; reports failures once (``on_error``) and each write (``on_saved``, optional)."""

    def __init__(
        self,
        store: DraftStore,
        key: str,
        state: Callable[[], dict[str, Any]],
        is_dirty: Callable[[], bool],
        summary: Callable[[], str],
        on_error: Callable[[str], None],
        parent: QObject | None = None,
        interval_ms: int = DRAFT_INTERVAL_MS,
        *,
        on_saved: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.key = key
        self._state, self._is_dirty, self._summary, self._on_error = state, is_dirty, summary, on_error
        self._on_saved = on_saved
        self._written: dict[str, Any] | None = None  # what the draft file holds, once written
        self.enabled = True
        self._failed = False
        self.last_saved: dt.datetime | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save)
        self.timer.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.save)

    def load(self) -> dict[str, Any] | None:
        return self.store.load(self.key)

    def saved_at(self) -> str:
        info = self.store.info(self.key)
        return info.saved_at.strftime("%Y-%m-%d %H:%M") if info is not None else ""

    def save(self) -> None:
        """Write the draft now when the form differs from what is stored (else drop any old draft)."""
        if not self.enabled:
            return
        if not self._is_dirty():
            self.discard()
            return
        state = self._state()
        if state == self._written:
            return  # nothing typed since the last write
        try:
            self.store.save(self.key, state, summary=self._summary())
        except DraftError as error:
            if not self._failed:  # say it once, not every three seconds
                self._failed = True
                self._on_error(str(error))
            return
        self._written = state
        self._failed = False
        self.last_saved = dt.datetime.now()
        if self._on_saved is not None:
            self._on_saved()

    def rekey(self, key: str) -> None:
        """After the first save a new record has an id: its draft (if any) moves to the id's key."""
        self.discard()
        self.key = key

    def discard(self) -> None:
        self.store.discard(self.key)
        self._written = None

    def stop(self) -> None:
        """The form is closing: no more writes (its signals may outlive it)."""
        self.enabled = False
        self.timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                app.aboutToQuit.disconnect(self.save)
