"""Where a click on the dashboard leads: a list page and the filters to set on it.

The list pages' filters are their combo boxes, each holding the id or code it filters by as item data
(households: township, village, survey year and surveyed or not, beneficiary year, project,
ethnicity; projects: year, category, stage, funds source, place; training: year, place).
``apply_link`` sets every one of them (those the link does not name back to "all") and clears the
search, so the list shows exactly what was clicked, then reads the list once. The sync page selects
the lower station clicked; the assessment page opens at the year and county of the indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

HOUSEHOLDS, PROJECTS, TRAINING, ASSESSMENT, SYNC = "households", "projects", "training", "assessment", "sync"


@dataclass(frozen=True)
class ListLink:
    page: str  # a main-window page key
    year: int | None = None  # households: surveyed that year; projects and trainings: of that year
    township_id: str | None = None
    village_id: str | None = None
    category: str | None = None  # project category code
    stage: str | None = None  # project stage code ("" before 申报)
    fund_source: str | None = None  # projects with money from that source (services.projects.FUNDS)
    covered_year: int | None = None  # households covered by a project of that year (受益年度)
    surveyed: bool = True  # households: False for those *not* surveyed in ``year``
    compared: tuple[int, int] | None = None  # households: 户均增收's, surveyed in a baseline year and after
    station_id: str | None = None  # sync: the lower station
    county_id: str | None = None  # assessment: the county


def _choose(combo: QComboBox | None, value: object) -> None:
    """Select the entry holding ``value`` (None: the "all" entry). A year the box lacks (one that had no
    data when the page was built) is added; any other value the box lacks selects "all"."""
    if combo is None:
        return
    if isinstance(value, int) and not isinstance(value, bool) and combo.findData(value) < 0:
        combo.addItem(str(value), value)
    index = combo.findData(value) if value is not None else -1
    if index < 0:
        index = combo.findData(None)
    combo.setCurrentIndex(max(index, 0))


def _clear_search(page: QWidget) -> None:
    search = getattr(page, "search", None)
    if isinstance(search, QLineEdit) and search.text():
        search.blockSignals(True)  # no search timer: the list is read once, below
        search.clear()
        search.blockSignals(False)


def _combo(page: QWidget, name: str) -> QComboBox | None:
    combo = getattr(page, name, None)
    return combo if isinstance(combo, QComboBox) else None


def choose_all(page: QWidget, values: dict[str, object]) -> None:
    """Set the named combo boxes without each one reading the list (the page reads it once after)."""
    for name, value in values.items():
        combo = _combo(page, name)
        if combo is None:
            continue
        combo.blockSignals(True)
        _choose(combo, value)
        combo.blockSignals(False)
        filled = getattr(page, f"{name}_chosen", None)
        if callable(filled):
            filled()  # e.g. the households page fills the villages of the chosen township


def _read_again(page: QWidget) -> None:
    for name in ("apply_filters", "refresh"):
        method = getattr(page, name, None)
        if callable(method):
            method()
            return


def apply_link(page: QWidget, link: ListLink) -> None:
    """Set ``page``'s filters to what ``link`` names (the page is the one ``link.page`` keys)."""
    if link.page == SYNC:
        select = getattr(page, "select_peer", None)
        if link.station_id and callable(select) and not select(link.station_id):
            _read_again(page)  # not read yet (first shown): its list of lower stations is empty
            select(link.station_id)
        return
    if link.page == ASSESSMENT:
        _open_assessment(page, link)
        return
    _clear_search(page)
    if link.page == HOUSEHOLDS:
        values: dict[str, object] = {
            "township": link.township_id,  # before the village: it fills the villages of that township
            "village": link.village_id,
            "year": link.year,
            "survey": link.surveyed,
            "covered": link.covered_year,
            "project": None,
            "ethnicity": None,
        }
    elif link.page == PROJECTS:
        values = {
            "year": link.year,
            "category": link.category,
            "stage": link.stage,
            "source": link.fund_source,
            "place": link.township_id,
        }
    else:
        values = {"year": link.year, "place": link.township_id}
    choose_all(page, values)
    set_compared = getattr(page, "set_compared", None)
    if callable(set_compared):
        set_compared(link.compared)
    _read_again(page)


def _open_assessment(page: QWidget, link: ListLink) -> None:
    """The 考核 page at the link's year and county (it shows that county's indicators when shown)."""
    if link.county_id is not None and hasattr(page, "county_id"):
        page.county_id = link.county_id
    year = _combo(page, "year")
    if year is None or link.year is None:
        return
    if year.count() == 0:
        # Not shown yet: the page fills its years when first shown and keeps the one chosen.
        year.blockSignals(True)
        year.addItem(str(link.year), link.year)
        year.blockSignals(False)
    elif year.findData(link.year) >= 0:
        year.setCurrentIndex(year.findData(link.year))
