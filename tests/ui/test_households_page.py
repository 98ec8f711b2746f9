"""The 农户 page driven like a cadre would: filters, search as you type, sort, keys, open and delete."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from huimin_desktop.demo import generate_demo
from huimin_desktop.domain.search import pinyin_keys
from huimin_desktop.model import Household
from huimin_desktop.services import household_list
from huimin_desktop.services.household_list import HouseholdQuery
from huimin_desktop.services.station import Station
from tests.ui.conftest import type_text
from ui.household_list_model import HouseholdListModel
from ui.pages.households_page import SEARCH_DELAY_MS, HouseholdsPage

HOUSEHOLDS = 300
MASKED_ID = re.compile(r"^\d{6}\*{8}[\dX]{4}$")
HEAD, ID_NUMBER, MEMBERS = 2, 3, 5


@pytest.fixture
def demo_station(station: Station) -> Station:
    generate_demo(station, HOUSEHOLDS)
    return station


@pytest.fixture
def page(qtbot: QtBot, demo_station: Station, chinese: str) -> HouseholdsPage:
    shown = HouseholdsPage(demo_station)
    shown.editors_enabled = False  # the signals only; one test below opens real editor windows
    qtbot.addWidget(shown)
    shown.resize(1280, 720)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    return shown


def shown_ids(model: HouseholdListModel) -> list[str]:
    return [model.id_at(row) or "" for row in range(model.rowCount())]


def search_finished(qtbot: QtBot, page: HouseholdsPage) -> None:
    """The pause after typing passes and the query runs."""
    qtbot.waitUntil(lambda: not page.search_timer.isActive(), timeout=SEARCH_DELAY_MS * 20)


def found_by(station: Station, household_id: str, term: str) -> bool:
    """Whether a cadre would expect ``term`` to find the household (worked out here, not in SQL)."""
    record = station.households.get(household_id)
    keys: list[str] = [record.phone]
    for member in record.members:
        keys += [member.name, *pinyin_keys(member.name), member.id_number, member.phone]
    return any(term.lower() in key.lower() for key in keys if key)


def test_shows_every_household_with_the_count(page: HouseholdsPage, demo_station: Station) -> None:
    assert page.model.rowCount() == HOUSEHOLDS
    assert page.count_label.text() == "共 300 户"
    assert page.title.text() == "农户"
    assert page.search.placeholderText() == "姓名、拼音首字母、身份证号后几位或电话"
    assert page.table.isSortingEnabled()
    assert page.open_button.isEnabled() and page.delete_button.isEnabled()  # the first row is selected
    assert not page.empty_label.isVisible()


def test_pinyin_initials_typed_in_the_search_box_narrow_the_list(
    qtbot: QtBot, page: HouseholdsPage, demo_station: Station
) -> None:
    target = demo_station.households.rows([page.model.id_at(17) or ""])[0]
    initials = pinyin_keys(target.head_name)[1]
    calls: list[HouseholdQuery] = []
    page.model.modelAboutToBeReset.connect(lambda: calls.append(page.model.query))
    qtbot.keyClicks(page.search, initials)
    search_finished(qtbot, page)
    assert len(calls) == 1  # fast typing: one query, not one per key
    ids = shown_ids(page.model)
    assert target.id in ids
    assert 0 < len(ids) < HOUSEHOLDS
    assert all(found_by(demo_station, i, initials) for i in ids)
    assert page.count_label.text() == f"找到 {len(ids)} 户（共 300 户）"


def test_full_pinyin_finds_the_household(qtbot: QtBot, page: HouseholdsPage, demo_station: Station) -> None:
    target = demo_station.households.rows([page.model.id_at(40) or ""])[0]
    qtbot.keyClicks(page.search, pinyin_keys(target.head_name)[0])
    search_finished(qtbot, page)
    assert target.id in shown_ids(page.model)


def test_an_id_number_tail_finds_the_household(
    qtbot: QtBot, page: HouseholdsPage, demo_station: Station
) -> None:
    target = demo_station.households.rows([page.model.id_at(123) or ""])[0]
    tail = target.head_id_number[-6:]
    qtbot.keyClicks(page.search, tail)
    search_finished(qtbot, page)
    ids = shown_ids(page.model)
    assert target.id in ids
    assert all(found_by(demo_station, i, tail) for i in ids)
    row = page.model.row_of(target.id)
    assert row is not None
    assert page.model.index(row, ID_NUMBER).data().endswith(target.head_id_number[-4:])


def test_a_chinese_name_typed_as_key_events(
    qtbot: QtBot, page: HouseholdsPage, demo_station: Station
) -> None:
    target = demo_station.households.rows([page.model.id_at(60) or ""])[0]
    page.search.setFocus()
    for char in target.head_name:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QCoreApplication.sendEvent(page.search, event)
    assert page.search.text() == target.head_name
    search_finished(qtbot, page)
    ids = shown_ids(page.model)
    assert target.id in ids
    assert all(found_by(demo_station, i, target.head_name) for i in ids)


def test_a_chinese_surname_from_an_input_method(
    qtbot: QtBot, page: HouseholdsPage, demo_station: Station
) -> None:
    type_text(page.search, "宝")
    search_finished(qtbot, page)
    ids = shown_ids(page.model)
    assert ids and all(found_by(demo_station, i, "宝") for i in ids)
    assert page.model.index(0, HEAD).data()  # rows arrive for the view


def test_village_filter_narrows_the_list(qtbot: QtBot, page: HouseholdsPage, demo_station: Station) -> None:
    assert page.township.count() == 2  # 全部乡镇 and the station's own township
    assert page.village.count() > 2
    page.village.setCurrentIndex(2)
    village_id = page.village.currentData()
    village_name = page.village.currentText()
    ids = shown_ids(page.model)
    assert 0 < len(ids) < HOUSEHOLDS
    assert len(ids) == demo_station.households.count(HouseholdQuery(village_id=village_id))
    assert {row.village_name for row in demo_station.households.rows(ids)} == {village_name}
    page.village.setCurrentIndex(0)
    assert page.model.rowCount() == HOUSEHOLDS


def test_year_and_ethnicity_filters(page: HouseholdsPage, demo_station: Station) -> None:
    page.ethnicity.setCurrentIndex(page.ethnicity.findText("蒙古族"))
    ids = shown_ids(page.model)
    assert ids and {row.ethnicity for row in demo_station.households.rows(ids)} == {"02"}
    assert page.year.count() > 1
    page.year.setCurrentIndex(1)
    year = page.year.currentData()
    assert page.model.rowCount() == demo_station.households.count(HouseholdQuery(ethnicity="02", year=year))


def test_sorting_by_members_descending_puts_the_biggest_household_first(
    page: HouseholdsPage, demo_station: Station
) -> None:
    biggest = max(row.member_count for row in demo_station.households.rows(shown_ids(page.model)))
    header = page.table.horizontalHeader()
    header.sectionClicked.emit(MEMBERS)  # as a click on 人口: ascending first
    header.setSortIndicator(MEMBERS, Qt.SortOrder.DescendingOrder)
    assert page.model.query.sort == "member_count" and page.model.query.descending
    assert int(page.model.index(0, MEMBERS).data()) == biggest
    assert int(page.model.index(HOUSEHOLDS - 1, MEMBERS).data()) == min(
        row.member_count for row in demo_station.households.rows(shown_ids(page.model))
    )


def test_id_numbers_are_masked(page: HouseholdsPage, demo_station: Station) -> None:
    rows = demo_station.households.rows(shown_ids(page.model)[:50])
    for row, household in enumerate(rows):
        text = page.model.index(row, ID_NUMBER).data()
        assert MASKED_ID.match(text), text
        assert text != household.head_id_number


def test_down_from_the_search_box_then_enter_opens(qtbot: QtBot, page: HouseholdsPage) -> None:
    page.focus_search()
    qtbot.keyClicks(page.search, "b")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # runs the pending search at once
    assert page.table.hasFocus()
    assert page.model.query.search == "b"
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    expected = page.model.id_at(1)
    assert page.current_household_id() == expected
    with qtbot.waitSignal(page.open_household) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [expected]


def test_enter_in_the_search_box_opens_the_first_match(qtbot: QtBot, page: HouseholdsPage) -> None:
    qtbot.keyClicks(page.search, "bs")
    with qtbot.waitSignal(page.open_household) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [page.model.id_at(0)]


def test_double_click_and_the_open_button_open(qtbot: QtBot, page: HouseholdsPage) -> None:
    index = page.model.index(4, HEAD)
    rect = page.table.visualRect(index)
    with qtbot.waitSignal(page.open_household) as opened:
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [page.model.id_at(4)]
    with qtbot.waitSignal(page.open_household) as opened:
        page.open_button.click()
    assert opened.args == [page.model.id_at(4)]


def test_ctrl_n_asks_for_a_new_household(qtbot: QtBot, page: HouseholdsPage) -> None:
    page.table.setFocus()
    with qtbot.waitSignal(page.new_household):
        qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(page.new_household):
        page.new_button.click()


def test_delete_asks_then_tombstones(
    qtbot: QtBot, page: HouseholdsPage, demo_station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    page.select_household(page.model.id_at(10) or "")
    doomed = page.current_household_id()
    following = page.model.id_at(11)
    head = page.model.index(10, HEAD).data()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # answered No: nothing happens
    assert len(asked) == 1 and head in asked[0]
    assert page.model.rowCount() == HOUSEHOLDS
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(asked) == 2
    assert page.model.rowCount() == HOUSEHOLDS - 1
    assert page.model.row_of(doomed or "") is None
    assert page.current_household_id() == following  # the next household takes its place
    assert page.count_label.text() == "共 299 户"
    with demo_station.db.reader() as session:
        assert session.scalar(select(Household.deleted).where(Household.id == doomed)) is True


def test_delete_in_the_search_box_edits_the_text(
    qtbot: QtBot, page: HouseholdsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: pytest.fail("asked to delete a household"))
    qtbot.keyClicks(page.search, "bs")
    page.search.setCursorPosition(0)
    qtbot.keyClick(page.search, Qt.Key.Key_Delete)
    assert page.search.text() == "s"


def test_refresh_keeps_the_selection(page: HouseholdsPage, demo_station: Station) -> None:
    chosen = page.model.id_at(25) or ""
    page.select_household(chosen)
    demo_station.households.delete(page.model.id_at(3) or "")  # another household, elsewhere
    page.refresh()
    assert page.model.rowCount() == HOUSEHOLDS - 1
    assert page.current_household_id() == chosen
    assert page.model.row_of(chosen) == 24


def test_nothing_found_says_so(qtbot: QtBot, page: HouseholdsPage) -> None:
    qtbot.keyClicks(page.search, "qqqqzzzz")
    search_finished(qtbot, page)
    assert page.model.rowCount() == 0
    assert page.empty_label.isVisible()
    assert "没有符合" in page.empty_label.text()
    assert not page.open_button.isEnabled() and not page.delete_button.isEnabled()
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)  # clears the search
    search_finished(qtbot, page)
    assert page.model.rowCount() == HOUSEHOLDS


def test_an_empty_station(qtbot: QtBot, station: Station, chinese: str) -> None:
    empty = HouseholdsPage(station)
    qtbot.addWidget(empty)
    empty.show()
    qtbot.waitExposed(empty)
    assert empty.model.rowCount() == 0
    assert empty.count_label.text() == "共 0 户"
    assert "新建农户" in empty.empty_label.text()
    QApplication.processEvents()


def test_open_and_new_show_the_household_editor(qtbot: QtBot, page: HouseholdsPage) -> None:
    from ui.household_editor import HouseholdEditor, open_editors

    page.editors_enabled = True
    already = set(open_editors())  # left by other tests, if any

    def opened() -> list[HouseholdEditor]:
        return [e for e in open_editors() if e not in already]

    chosen = page.model.id_at(2)
    page.select_household(chosen or "")
    page.open_button.click()
    assert [e.household_id for e in opened()] == [chosen]
    page.new_button.click()
    new = [e for e in opened() if e.household_id is None]
    assert len(new) == 1 and isinstance(new[0], HouseholdEditor)
    mine = opened()
    for editor in mine:
        editor.close()
    qtbot.waitUntil(lambda: not opened())


def test_a_saved_household_is_selected(qtbot: QtBot, page: HouseholdsPage, demo_station: Station) -> None:
    chosen = page.model.id_at(30) or ""
    page._household_saved(chosen)  # as the editor's saved signal does
    qtbot.waitUntil(lambda: page.current_household_id() == chosen)


# -- a big station: the first matches at once, the rest and the count a moment later -----------------

WINDOW, PAGE = 40, 15


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch) -> None:
    """The 300-household station counts as big: first matches among 40 households, 15 at most.

    Ask for it before ``page``: the page's list looks at the station's size when it is made.
    """
    monkeypatch.setattr(household_list, "FIRST_WINDOW", WINDOW)
    monkeypatch.setattr(household_list, "LONG_TERM_WINDOW", WINDOW)
    monkeypatch.setattr(household_list, "FIRST_PAGE", PAGE)


def rare_pair(station: Station) -> str:
    """Two characters some households are found by, none of the first WINDOW in the list."""
    ids = station.households.ids()
    with station.db.reader() as session:
        texts = {i: text for i, text in session.execute(select(Household.id, Household.search_text))}
    early = " ".join(texts[i] for i in ids[:WINDOW])
    pairs = (texts[i][s : s + 2] for i in ids[WINDOW:] for s in range(len(texts[i]) - 1))
    return next(p for p in pairs if " " not in p and p not in early)


def test_a_search_on_a_big_station_counts_after_showing_the_first_matches(
    qtbot: QtBot, big: None, page: HouseholdsPage, demo_station: Station
) -> None:
    expected = demo_station.households.ids(HouseholdQuery(search="b"))
    page.search.setText("b")
    with qtbot.waitSignal(page.model.loading_finished, timeout=5000):
        page.apply_filters()  # what the search timer runs
        assert page.model.rowCount() == PAGE
        assert "15+" in page.count_label.text() and "300" in page.count_label.text()
        assert page.current_household_id() == expected[0]
    assert page.count_label.text() == f"找到 {len(expected)} 户（共 300 户）"
    assert shown_ids(page.model) == expected
    assert all(found_by(demo_station, i, "b") for i in expected)
    page.table.scrollToBottom()  # every match can be scrolled to
    last = page.model.index(len(expected) - 1, HEAD)
    assert page.table.viewport().rect().intersects(page.table.visualRect(last))
    assert last.data() == demo_station.households.rows([expected[-1]])[0].head_name
    assert page.current_household_id() == expected[0]  # the rest arriving leaves the selection alone


def test_a_rare_term_says_searching_not_nothing_found_until_its_matches_arrive(
    qtbot: QtBot, big: None, page: HouseholdsPage, demo_station: Station
) -> None:
    pair = rare_pair(demo_station)
    page.search.setText(pair)
    with qtbot.waitSignal(page.model.loading_finished, timeout=5000):
        page.apply_filters()
        assert page.model.rowCount() == 0
        assert page.empty_label.isVisible()
        assert "没有符合" not in page.empty_label.text() and "…" in page.empty_label.text()
        assert not page.open_button.isEnabled()
    expected = demo_station.households.ids(HouseholdQuery(search=pair))
    assert shown_ids(page.model) == expected
    assert not page.empty_label.isVisible()
    assert page.current_household_id() == expected[0]  # the first match is selected when it arrives
    assert page.open_button.isEnabled() and page.delete_button.isEnabled()
    assert page.count_label.text() == f"找到 {len(expected)} 户（共 300 户）"


def test_enter_waits_for_the_first_match_of_a_rare_term(
    qtbot: QtBot, big: None, page: HouseholdsPage, demo_station: Station
) -> None:
    pair = rare_pair(demo_station)
    expected = demo_station.households.ids(HouseholdQuery(search=pair))
    page.search.setText(pair)
    page.search.setFocus()
    with qtbot.waitSignal(page.open_household) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [expected[0]]


def test_clearing_the_search_on_a_big_station_shows_the_whole_count_at_once(
    qtbot: QtBot, big: None, page: HouseholdsPage
) -> None:
    page.search.setText("b")
    page.apply_filters()
    page.search.setText("")
    with qtbot.waitSignal(page.model.loading_finished, timeout=5000):
        page.apply_filters()
        assert page.model.rowCount() == PAGE
        assert page.count_label.text() == "共 300 户"
    assert page.model.rowCount() == HOUSEHOLDS
    assert page.count_label.text() == "共 300 户"


def test_the_page_opens_on_a_big_station_with_the_whole_count(
    qtbot: QtBot, big: None, page: HouseholdsPage, demo_station: Station
) -> None:
    assert page.count_label.text() == "共 300 户"  # from the first rows on: the station's count
    qtbot.waitUntil(lambda: page.model.is_complete, timeout=5000)
    assert shown_ids(page.model) == demo_station.households.ids()
    assert page.current_household_id() == shown_ids(page.model)[0]
    assert page.count_label.text() == "共 300 户"
