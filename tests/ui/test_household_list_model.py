"""The household list model over a real station: ids from SQL, rows fetched in bounded blocks."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.services.demo import generate_demo
from huimin_desktop.services.household_list import HouseholdQuery, HouseholdRow
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
    assert titles == ["村", "户编号", "户主", "身份证号", "民族", "人口", "电话", "人均纯收入（最近年度）"]
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
