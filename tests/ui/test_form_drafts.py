"""FormDrafts, which the household, project and training editors keep their drafts with: a draft file is
written when the form changed since the last write, removed when the form is back to what is stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from huimin_desktop.services.drafts import DraftStore
from ui.editors.drafts import FormDrafts


class Form:
    """What an editor gives FormDrafts: its state and whether it differs from what is stored."""

    def __init__(self) -> None:
        self.stored: dict[str, Any] = {"name": ""}
        self.typed: dict[str, Any] = {"name": ""}
        self.errors: list[str] = []
        self.writes = 0

    def is_dirty(self) -> bool:
        return self.typed != self.stored

    def drafts(self, store: DraftStore) -> FormDrafts:
        return FormDrafts(
            store,
            "project-new-abc",
            lambda: dict(self.typed),
            self.is_dirty,
            lambda: str(self.typed["name"]),
            self.errors.append,
            interval_ms=60_000,  # the test saves by hand
            on_saved=self._saved,
        )

    def _saved(self) -> None:
        self.writes += 1


def test_a_draft_is_written_once_per_change_and_removed_when_nothing_differs(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = DraftStore(tmp_path / "drafts")
    form = Form()
    drafts = form.drafts(store)

    drafts.save()
    assert store.load(drafts.key) is None and form.writes == 0  # nothing typed: no draft

    form.typed["name"] = "肉牛养殖小区"
    drafts.save()
    drafts.save()  # the timer again, nothing typed since: the file is not written again
    assert store.load(drafts.key) == {"name": "肉牛养殖小区"}
    assert form.writes == 1

    form.typed["name"] = ""
    drafts.save()  # back to what is stored
    assert store.load(drafts.key) is None

    form.typed["name"] = "肉牛养殖小区"  # the same text as the removed draft: written again
    drafts.save()
    assert store.load(drafts.key) == {"name": "肉牛养殖小区"}
    assert form.writes == 2
    drafts.stop()


def test_after_discard_and_rekey_the_same_state_is_written_again(qtbot: QtBot, tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    form = Form()
    drafts = form.drafts(store)
    form.typed["name"] = "青贮窖"
    drafts.save()
    drafts.discard()  # the banner's "discard them"
    assert store.load(drafts.key) is None
    drafts.save()
    assert store.load(drafts.key) == {"name": "青贮窖"}

    old_key = drafts.key
    drafts.rekey("project-0123")  # saved once: the record has an id now
    assert store.load(old_key) is None
    drafts.save()
    assert store.load("project-0123") == {"name": "青贮窖"}
    assert form.writes == 3

    drafts.stop()
    form.typed["name"] = "青贮窖（二期）"
    drafts.save()  # closed: no more writes
    assert store.load("project-0123") == {"name": "青贮窖"}
    assert form.errors == []
