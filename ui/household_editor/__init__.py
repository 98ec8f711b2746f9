"""The household editor (members, yearly survey, income over the years) and draft recovery.

The editor (with the attachment panel and QtMultimedia behind it) is loaded on first use
(``__getattr__``): opening a station asks ``offer_pending_drafts`` whether drafts are waiting, and only
a draft to restore, or a household opened, loads the editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.household_editor.editor import HouseholdEditor, open_editors, open_household_editor
    from ui.household_editor.recovery import offer_pending_drafts

__all__ = ["HouseholdEditor", "offer_pending_drafts", "open_editors", "open_household_editor"]


def __getattr__(name: str) -> Any:
    if name == "offer_pending_drafts":
        from ui.household_editor import recovery

        return recovery.offer_pending_drafts
    if name in __all__:
        from ui.household_editor import editor

        return getattr(editor, name)
    raise AttributeError(name)
