"""The household editor (members, yearly survey, income over the years) and draft recovery."""

from ui.household_editor.editor import HouseholdEditor, open_editors, open_household_editor
from ui.household_editor.recovery import offer_pending_drafts

__all__ = ["HouseholdEditor", "offer_pending_drafts", "open_editors", "open_household_editor"]
