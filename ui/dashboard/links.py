"""Where a click on the dashboard leads: a list page and the filters to set on it.

The list pages' filters are their combo boxes (households: township, village, year, ethnicity; projects:
year, category, place; training: year, place), each holding the id or code it filters by as item data.
``apply_link`` sets every one of them (those the link does not name back to "all") and clears the
search, so the list shows exactly what was clicked.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

HOUSEHOLDS, PROJECTS, TRAINING, ASSESSMENT, SYNC = "households", "projects", "training", "assessment", "sync"


@dataclass(frozen=True)
class ListLink:
    page: str  # a main-window page key
    year: int | None = None
    township_id: str | None = None
    village_id: str | None = None
    category: str | None = None  # project category code


def _choose(combo: QComboBox | None, value: object) -> None:
    """Select the entry holding ``value`` (None: the "all" entry); a value the box lacks selects "all"."""
    if combo is None:
        return
    index = combo.findData(value) if value is not None else -1
    if index < 0:
        index = combo.findData(None)
    combo.setCurrentIndex(max(index, 0))


def _clear_search(page: QWidget) -> None:
    search = getattr(page, "search", None)
    if isinstance(search, QLineEdit) and search.text():
        search.clear()


def _combo(page: QWidget, name: str) -> QComboBox | None:
    combo = getattr(page, name, None)
    return combo if isinstance(combo, QComboBox) else None


def apply_link(page: QWidget, link: ListLink) -> None:
    """Set ``page``'s filters to what ``link`` names (the page is the one ``link.page`` keys)."""
    _clear_search(page)
    if link.page == HOUSEHOLDS:
        _choose(_combo(page, "ethnicity"), None)
        _choose(_combo(page, "township"), link.township_id)  # fills the villages of that township
        _choose(_combo(page, "village"), link.village_id)
        _choose(_combo(page, "year"), link.year)
        apply_filters = getattr(page, "apply_filters", None)
        if callable(apply_filters):
            apply_filters()  # the search box's timer would run it later
    elif link.page == PROJECTS:
        _choose(_combo(page, "year"), link.year)
        _choose(_combo(page, "category"), link.category)
        _choose(_combo(page, "place"), link.township_id)
    elif link.page == TRAINING:
        _choose(_combo(page, "year"), link.year)
        _choose(_combo(page, "place"), link.township_id)
