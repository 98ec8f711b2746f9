"""The household list model over a real station: ids from SQL, rows fetched in bounded blocks."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from huimin_desktop.demo import generate_demo
from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.model import Household
from huimin_desktop.services import household_list
from huimin_desktop.services.household_list import FirstMatches, HouseholdQuery, HouseholdRow
from huimin_desktop.services.station import Station
from ui import household_list_model
from ui.household_list_model import HOUSEHOLD_ID_ROLE, HouseholdListModel

HOUSEHOLDS = 300
MASKED_ID = re.compile(r"^\d{6}\*{8}[\dX]{4}$")
MASKED_PHONE = re.compile(r"^1\d{2}\*{4}\d{4}$")
COLUMNS = {
    c: i for i, c in enumerate(("village", "no", "head", "id", "ethnicity", "members", "phone", "income"))
}


class CountingHouseholds:
    """The real household service, counting the row fetches the model makes."""

    def __init__(self, station: Station) -> None:
        self.service = station.households
        self.fetches: list[int] = []

    def ids(self, query: HouseholdQuery) -> list[str]:
        return self.service.ids(query)

    def first_ids(self, query: HouseholdQuery) -> FirstMatches:
        return self.service.first_ids(query)

    def rows(self, ids: Sequence[str]) -> list[HouseholdRow]:
        self.fetches.append(len(ids))
        return self.service.rows(ids)


@pytest.fixture
def demo_station(station: Station) -> Station:
    generate_demo(station, HOUSEHOLDS)
    return station


@pytest.fixture
def households(demo_station: Station) -> CountingHouseholds:
    return CountingHouseholds(demo_station)


def cell(model: HouseholdListModel, row: int, column: str, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return model.index(row, COLUMNS[column]).data(role)


def test_qtmodeltester_passes(qtmodeltester: ModelTester, demo_station: Station) -> None:
    model = HouseholdListModel(demo_station.households)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(HouseholdListModel(demo_station.households))  # Qt's own QAbstractItemModelTester
    model.sort(COLUMNS["members"], Qt.SortOrder.DescendingOrder)
    model.set_query(HouseholdQuery(search="b"))
    model.set_query(HouseholdQuery(search="no such household"))
    assert model.rowCount() == 0


def test_rows_are_fetched_lazily_in_bounded_blocks(
    households: CountingHouseholds, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(household_list_model, "BLOCK_SIZE", 50)
    monkeypatch.setattr(household_list_model, "MAX_BLOCKS", 2)
    model = HouseholdListModel(households)  # type: ignore[arg-type]
    assert model.rowCount() == HOUSEHOLDS
    assert households.fetches == []  # the ids only
    assert cell(model, 0, "head")
    assert households.fetches == [50]
    for row in range(50):  # the same block: no new fetch
        cell(model, row, "village")
    assert households.fetches == [50]
    cell(model, 120, "head")
    cell(model, 299, "head")
    assert households.fetches == [50, 50, 50]
    assert model.cached_blocks() == 2  # the oldest block was dropped
    cell(model, 0, "head")
    assert households.fetches == [50, 50, 50, 50]


def test_columns_show_masked_and_formatted_values(demo_station: Station) -> None:
    model = HouseholdListModel(demo_station.households)
    rows = demo_station.households.rows(model.ids()[:40])
    for row, household in enumerate(rows):
        assert model.id_at(row) == household.id
        assert cell(model, row, "village", HOUSEHOLD_ID_ROLE) == household.id
        assert cell(model, row, "village") == household.village_name
        assert cell(model, row, "head") == household.head_name
        shown_id = cell(model, row, "id")
        assert MASKED_ID.match(str(shown_id)), shown_id
        assert shown_id == household.head_id_number[:6] + "********" + household.head_id_number[-4:]
        assert cell(model, row, "ethnicity") == code_lists().ethnicity.name(household.ethnicity)
        assert cell(model, row, "members") == str(household.member_count)
        if household.phone:
            assert MASKED_PHONE.match(str(cell(model, row, "phone")))
        if household.latest_per_capita is not None:
            assert cell(model, row, "income") == f"{household.latest_per_capita:,}"
        for column in COLUMNS:
            text = str(cell(model, row, column) or "")
            assert household.head_id_number not in text
            assert not household.phone or household.phone not in text
    assert cell(model, 0, "income", Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert cell(model, 0, "members", Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert cell(model, 0, "head", Qt.ItemDataRole.DecorationRole) is None


def test_headers(demo_station: Station, chinese: str) -> None:
    model = HouseholdListModel(demo_station.households)
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    expected = ["村", "户编号", "户主", "身份证号", "民族", "人口", "电话", "人均纯收入（最近年度）"]
    assert titles[:-1] == expected
    assert model.columns[-1].sort_key == "match" and not model.columns[-1].sortable  # "found by"
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_sort_in_sql_keeps_the_selected_household(demo_station: Station) -> None:
    model = HouseholdListModel(demo_station.households)
    chosen = model.id_at(7)
    assert chosen is not None
    kept = QPersistentModelIndex(model.index(7, 2))
    model.sort(COLUMNS["members"], Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "member_count" and model.query.descending
    counts = [int(str(cell(model, row, "members"))) for row in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True)
    assert kept.isValid() and kept.row() == model.row_of(chosen)
    assert model.id_at(kept.row()) == chosen
    model.sort(COLUMNS["village"], Qt.SortOrder.AscendingOrder)
    villages = [str(cell(model, row, "village")) for row in range(model.rowCount())]
    assert villages == sorted(villages)
    assert model.sort_column() == COLUMNS["village"]


def test_set_query_filters_and_ids_map_to_rows(demo_station: Station) -> None:
    model = HouseholdListModel(demo_station.households)
    target = demo_station.households.rows([model.id_at(5) or ""])[0]
    tail = target.head_id_number[-6:]
    model.set_query(HouseholdQuery(search=tail))
    assert 1 <= model.rowCount() < HOUSEHOLDS
    assert model.row_of(target.id) is not None
    assert model.id_at(model.row_of(target.id) or 0) == target.id
    assert model.row_of("no-such-id") is None
    assert model.id_at(model.rowCount()) is None


def test_a_household_deleted_behind_the_model_shows_an_empty_line(demo_station: Station) -> None:
    model = HouseholdListModel(demo_station.households)
    gone = model.id_at(3)
    assert gone is not None
    demo_station.households.delete(gone)
    assert cell(model, 3, "head") is None  # no crash; the next refresh drops the row
    assert cell(model, 4, "head")
    model.refresh()
    assert model.rowCount() == HOUSEHOLDS - 1
    assert model.row_of(gone) is None


# -- background queries: the first matches at once, the rest from the worker thread -------------------

WINDOW, PAGE = 40, 15


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch) -> None:
    """The 300-household station counts as big: first matches among 40 households, 15 at most."""
    monkeypatch.setattr(household_list, "FIRST_WINDOW", WINDOW)
    monkeypatch.setattr(household_list, "LONG_TERM_WINDOW", WINDOW)
    monkeypatch.setattr(household_list, "FIRST_PAGE", PAGE)


def all_rows(model: HouseholdListModel) -> list[str | None]:
    return [model.id_at(row) for row in range(model.rowCount())]


def rare_pair(station: Station) -> str:
    """Two characters found in some households' search text, none of them among the first WINDOW."""
    ids = station.households.ids()
    with station.db.reader() as session:
        texts = {i: text for i, text in session.execute(select(Household.id, Household.search_text))}
    early = " ".join(texts[i] for i in ids[:WINDOW])
    for household_id in ids[WINDOW:]:
        text = texts[household_id]
        for start in range(len(text) - 1):
            pair = text[start : start + 2]
            if " " not in pair and pair not in early:
                return pair
    raise AssertionError("every pair occurs early")


def test_a_background_query_shows_the_first_matches_then_appends_the_rest(
    qtbot: QtBot, demo_station: Station, big: None
) -> None:
    model = HouseholdListModel(demo_station.households)
    query = HouseholdQuery(search="b")
    expected = demo_station.households.ids(query)
    assert len(expected) > PAGE
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    with qtbot.waitSignal(model.loading_finished, timeout=5000):
        model.set_query(query, background=True)
        # Nothing arrives before the event loop runs: the first page, exactly the list's first matches.
        assert not model.is_complete
        assert all_rows(model) == expected[:PAGE]
        assert cell(model, 0, "head")  # painted from a block holding only the first page
    assert model.is_complete
    assert all_rows(model) == expected
    assert inserted == [(PAGE, len(expected) - 1)]
    assert cell(model, PAGE + 1, "head")  # the block fetched early does not leave the new rows empty
    assert cell(model, len(expected) - 1, "head")


def test_a_rare_short_term_may_show_nothing_first_but_finds_everything(
    qtbot: QtBot, demo_station: Station, big: None
) -> None:
    model = HouseholdListModel(demo_station.households)
    pair = rare_pair(demo_station)
    expected = demo_station.households.ids(HouseholdQuery(search=pair))
    with qtbot.waitSignal(model.loading_finished, timeout=5000):
        model.set_query(HouseholdQuery(search=pair), background=True)
        assert model.rowCount() == 0 and not model.is_complete
    assert expected and all_rows(model) == expected


def test_a_rare_long_term_is_read_at_once(demo_station: Station, big: None) -> None:
    model = HouseholdListModel(demo_station.households)
    target = demo_station.households.ids()[-1]
    [row] = demo_station.households.rows([target])
    tail = row.head_id_number[-6:]
    model.set_query(HouseholdQuery(search=tail), background=True)
    assert model.is_complete  # the trigram index answers rare terms in a few milliseconds
    assert target in all_rows(model)


def test_asking_for_a_household_not_shown_yet_waits_for_the_rest(demo_station: Station, big: None) -> None:
    model = HouseholdListModel(demo_station.households)
    expected = demo_station.households.ids()
    model.set_query(HouseholdQuery(search=""), background=True)
    assert model.rowCount() == PAGE
    assert model.loaded_row_of(expected[-1]) is None  # never waits
    assert model.row_of(expected[-1]) == len(expected) - 1
    assert model.is_complete and model.rowCount() == len(expected)
    model.set_query(HouseholdQuery(search="b"), background=True)
    assert list(model.ids()) == demo_station.households.ids(HouseholdQuery(search="b"))


def test_a_newer_query_drops_the_rest_of_an_older_one(qtbot: QtBot, demo_station: Station, big: None) -> None:
    model = HouseholdListModel(demo_station.households)
    finished: list[HouseholdQuery] = []
    model.loading_finished.connect(lambda: finished.append(model.query))
    model.set_query(HouseholdQuery(search="a"), background=True)
    qtbot.wait(5)
    model.set_query(HouseholdQuery(search="b"), background=True)
    qtbot.waitUntil(lambda: model.is_complete, timeout=5000)
    qtbot.wait(300)  # the older query's read, had it run, would have arrived by now
    assert all_rows(model) == demo_station.households.ids(HouseholdQuery(search="b"))
    assert [q.search for q in finished] == ["b"]


def test_other_orders_filters_by_village_and_small_stations_read_everything_at_once(
    demo_station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = HouseholdListModel(demo_station.households)
    model.set_query(HouseholdQuery(search="b"), background=True)  # 300 households: not big
    assert model.is_complete
    monkeypatch.setattr(household_list, "FIRST_WINDOW", WINDOW)
    model.refresh()  # a refresh looks again at how big the station is
    with demo_station.db.reader() as session:
        village = session.scalar(select(Household.division_id).where(Household.id == model.id_at(0)))
    for query in (
        HouseholdQuery(search="b", sort="member_count", descending=True),
        HouseholdQuery(search="b", descending=True),
        HouseholdQuery(village_id=village),
    ):
        model.set_query(query, background=True)
        assert model.is_complete
        assert all_rows(model) == demo_station.households.ids(query)
    model.set_query(HouseholdQuery(search="b"), background=True)
    assert not model.is_complete  # big now
    model.wait_until_complete()


def test_qtmodeltester_passes_while_rows_arrive(
    qtbot: QtBot, qtmodeltester: ModelTester, demo_station: Station, big: None
) -> None:
    model = HouseholdListModel(demo_station.households)
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(model.loading_finished, timeout=5000):
        model.set_query(HouseholdQuery(search="b"), background=True)
    with qtbot.waitSignal(model.loading_finished, timeout=5000):
        model.set_query(HouseholdQuery(), background=True)
    assert model.rowCount() == HOUSEHOLDS


def test_a_long_term_common_in_the_window_reads_the_rest_in_the_background(
    qtbot: QtBot, demo_station: Station, big: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(household_list, "RARE_IN_WINDOW", 3)
    ids = demo_station.households.ids()
    with demo_station.db.reader() as session:
        texts = {i: text for i, text in session.execute(select(Household.id, Household.search_text))}
    early = [texts[i] for i in ids[:WINDOW]]
    candidates = {w[:3] for text in early for w in text.split() if len(w) >= 3}
    term = next(t for t in sorted(candidates) if 3 <= sum(t in text for text in early) < PAGE)
    expected = demo_station.households.ids(HouseholdQuery(search=term))
    model = HouseholdListModel(demo_station.households)
    with qtbot.waitSignal(model.loading_finished, timeout=5000):
        model.set_query(HouseholdQuery(search=term), background=True)
        assert not model.is_complete
        assert all_rows(model) == expected[: model.rowCount()] and 3 <= model.rowCount() < PAGE
    assert all_rows(model) == expected
