"""The household list at county and city level (issue 14, part 3): the 乡镇 column, which member a
search found, exact head-of-household matches first, and sorting from the top."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from huimin_desktop.services.households import HouseholdInput, MemberInput
from huimin_desktop.services.station import Station
from tests.stations import new_station
from tests.ui.conftest import type_text
from tests.ui.editor_helpers import valid_id
from ui.household_list_model import HouseholdListModel
from ui.pages.households_page import SEARCH_DELAY_MS, HouseholdsPage

TOWNSHIPS = ("211381204000", "211381223000")  # 马友营蒙古族乡, 凉水河蒙古族乡


def add_household(station: Station, village: str, *members: tuple[str, str, str]) -> str:
    inputs = tuple(
        MemberInput(name=name, id_number=number, relationship=relationship, ethnicity="02")
        for name, number, relationship in members
    )
    return station.households.save_with_survey(
        None, HouseholdInput(division_id=village, members=inputs), None, user="test"
    ).id


@pytest.fixture
def city(tmp_path: Path) -> Station:
    opened = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    villages = []
    for code in TOWNSHIPS:  # the same village name in two townships
        township = opened.divisions.find_by_code(code)
        assert township is not None
        villages.append(opened.divisions.add_village(township.id, "东营子村").id)
    add_household(opened, villages[0], ("宝斯鲁", valid_id("21138119820315003"), "02"))
    add_household(
        opened,
        villages[1],
        ("白音", valid_id("21138119700101001"), "02"),
        ("宝斯鲁", valid_id("21138119950505002"), "20"),  # a son of the same name
    )
    add_household(
        opened,
        villages[1],
        ("阿拉坦", valid_id("21138119600101001"), "02"),
        ("其木格", valid_id("21138119650202004"), "12"),
    )
    for number in range(60):  # enough rows to scroll
        add_household(opened, villages[number % 2], (f"乌力吉{number}", "", "02"))
    yield opened
    opened.close()


def open_page(qtbot: QtBot, station: Station) -> HouseholdsPage:
    page = HouseholdsPage(station)
    page.editors_enabled = False
    qtbot.addWidget(page)
    page.resize(1280, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def column_of(model: HouseholdListModel, key: str) -> int:
    return [c.sort_key for c in model.columns].index(key)


def texts(model: HouseholdListModel, key: str) -> list[str]:
    column = column_of(model, key)
    return [str(model.index(row, column).data() or "") for row in range(model.rowCount())]


def search(qtbot: QtBot, page: HouseholdsPage, term: str) -> None:
    page.search.clear()
    type_text(page.search, term)
    qtbot.waitUntil(lambda: not page.search_timer.isActive(), timeout=SEARCH_DELAY_MS * 20)
    page.model.wait_until_complete()


def test_the_city_list_shows_the_township_of_each_village(qtbot: QtBot, city: Station, english: str) -> None:
    page = open_page(qtbot, city)
    model = page.model
    assert model.columns[0].sort_key == "township" and model.columns[1].sort_key == "village"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Township"
    assert not page.table.isColumnHidden(0)
    search(qtbot, page, "宝斯鲁")
    rows = set(zip(texts(model, "township"), texts(model, "village"), strict=True))
    assert rows == {("马友营蒙古族乡", "东营子村"), ("凉水河蒙古族乡", "东营子村")}  # told apart
    page.search.clear()
    search(qtbot, page, "")
    model.sort(0, Qt.SortOrder.DescendingOrder)
    townships = texts(model, "township")
    assert townships == sorted(townships, reverse=True) and len(set(townships)) == 2


def test_a_township_station_has_no_township_column(qtbot: QtBot, station: Station, english: str) -> None:
    page = open_page(qtbot, station)
    assert "township" not in [c.sort_key for c in page.model.columns]


def test_search_says_which_member_matched_and_puts_exact_heads_first(
    qtbot: QtBot, city: Station, english: str
) -> None:
    page = open_page(qtbot, city)
    model = page.model
    found_by = column_of(model, "match")
    assert page.table.isColumnHidden(found_by)  # nothing searched: nothing to say
    search(qtbot, page, "宝斯鲁")
    assert not page.table.isColumnHidden(found_by)
    assert texts(model, "head_name") == ["宝斯鲁", "白音"]  # the head named so first, then the son's
    assert texts(model, "match")[1].startswith("宝斯鲁") and "子" in texts(model, "match")[1]
    search(qtbot, page, "qmg")  # a wife's initials
    assert texts(model, "head_name") == ["阿拉坦"]
    assert texts(model, "match")[0].startswith("其木格") and "妻" in texts(model, "match")[0]
    wife_tail = valid_id("21138119650202004")[-4:]
    search(qtbot, page, wife_tail)  # the last digits of her ID number
    assert texts(model, "head_name") == ["阿拉坦"]
    assert wife_tail in texts(model, "match")[0] and "其木格" in texts(model, "match")[0]
    search(qtbot, page, "baosilu")  # the full pinyin of the head is exact too
    assert texts(model, "head_name")[0] == "宝斯鲁"


def test_sorting_a_column_scrolls_to_the_top(qtbot: QtBot, city: Station, english: str) -> None:
    page = open_page(qtbot, city)
    table = page.table
    table.scrollToBottom()
    assert table.verticalScrollBar().value() > 0
    header = table.horizontalHeader()
    header.setSortIndicator(column_of(page.model, "household_no"), Qt.SortOrder.AscendingOrder)
    assert page.model.query.sort == "household_no"
    assert table.verticalScrollBar().value() == 0
    # "Found by" cannot sort: the order and its arrow stay.
    table.horizontalHeader().setSortIndicator(column_of(page.model, "match"), Qt.SortOrder.AscendingOrder)
    assert page.model.query.sort == "household_no"
    assert table.horizontalHeader().sortIndicatorSection() == column_of(page.model, "household_no")
