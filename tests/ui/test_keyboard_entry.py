"""Entering a household door to door with the keyboard alone (issue 14, part 2).

Every key goes where a real keyboard's goes (the focused widget, or an open completer list) and is
counted; the last test counts the presses from the first field to the save of a three-member household.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint, QRect, QSize, Qt
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from tests.conftest import TOWNSHIP_CODE
from tests.ui.editor_helpers import cell, show_active, type_cell, valid_id
from tests.ui.keyboard_helpers import CTRL, SHIFT, Keyboard
from ui import preferences
from ui.household_editor import HouseholdEditor
from ui.household_editor.members_table import COLUMNS

HEAD_ID = valid_id("21138119820315003")
WIFE_ID = valid_id("21138119840612004")
SON_ID = valid_id("21138120080909001")
# What the editor's window measures at 1366×768 (ui/editors/windows.py fit_to_screen leaves the frame room).
LAPTOP_WINDOW = QSize(1300, 700)
# Presses for the household of test_key_presses_from_first_field_to_save, measured on the code before
# these rules (the same typing; Tab over every cell after the last member, Enter through sex and birth
# date, the surveyor typed, three Enters through the date's year, month and day, 东营子村 typed in full).
PRESSES_BEFORE = 172


@pytest.fixture
def villages(station: Station) -> dict[str, str]:
    township = station.divisions.find_by_code(TOWNSHIP_CODE)
    assert township is not None
    return {
        name: station.divisions.add_village(township.id, name).id
        for name in ("东营子村", "宝家营子村", "八家子村", "白家营村", "家和村")
    }


@pytest.fixture
def editor(qtbot: QtBot, villages: dict[str, str], station: Station, chinese: str, sync_operations: None):
    opened = HouseholdEditor(station, None, user="cadre")
    show_active(qtbot, opened)
    yield opened
    opened._closing = True


def current_cell(editor: HouseholdEditor) -> tuple[int, str]:
    index = editor.members.view.currentIndex()
    return index.row(), COLUMNS[index.column()]


def two_members(editor: HouseholdEditor) -> None:
    editor.members.add_member()
    editor.members.add_member()
    for row, (name, number) in enumerate((("宝斯鲁", HEAD_ID), ("其木格", WIFE_ID))):
        type_cell(editor, row, "name", name)
        type_cell(editor, row, "id_number", number)


# -- the members table ----------------------------------------------------------------------------


def test_enter_after_an_id_number_skips_the_cells_it_filled(editor: HouseholdEditor) -> None:
    type_cell(editor, 0, "name", "宝斯鲁")
    type_cell(editor, 0, "id_number", HEAD_ID)
    assert cell(editor, 0, "sex") == "男" and cell(editor, 0, "birth_date") == "1982-03-15"
    assert current_cell(editor) == (0, "relationship")  # not sex, not birth date
    type_cell(editor, 0, "id_number", "12345")  # no valid number: sex and birth date are typed by hand
    assert current_cell(editor) == (0, "sex")


def test_tab_leaves_the_table_after_the_last_filled_row(editor: HouseholdEditor) -> None:
    two_members(editor)  # a third row stays blank
    keys = Keyboard()
    view = editor.members.view
    view.setCurrentIndex(editor.members.model.index(1, COLUMNS.index("phone")))
    view.setFocus()
    keys.tab()
    assert keys.target() is editor.survey.year  # not the blank row's twelve cells
    keys.press(Qt.Key.Key_Backtab, SHIFT)
    assert keys.target() is view and current_cell(editor) == (1, "phone")


def test_tab_walks_the_filled_rows_skipping_the_cells_the_id_number_filled(editor: HouseholdEditor) -> None:
    two_members(editor)
    keys = Keyboard()
    view = editor.members.view
    view.setCurrentIndex(editor.members.model.index(0, COLUMNS.index("id_number")))
    view.setFocus()
    keys.tab()
    assert current_cell(editor) == (0, "relationship")
    view.setCurrentIndex(editor.members.model.index(0, COLUMNS.index("phone")))
    keys.tab()
    assert current_cell(editor) == (1, "name")  # the next member, a filled row


def test_tab_from_a_blank_row_leaves_the_table(editor: HouseholdEditor) -> None:
    keys = Keyboard()
    editor.phone.setFocus()
    keys.tab()
    assert keys.target() is editor.members.view and current_cell(editor) == (0, "name")
    keys.tab()
    assert keys.target() is editor.survey.year


def test_ctrl_tab_and_ctrl_arrows_jump_between_the_sections(editor: HouseholdEditor) -> None:
    keys = Keyboard()
    assert keys.target() in (editor.village, editor.village.lineEdit())
    keys.press(Qt.Key.Key_Tab, CTRL)
    assert keys.target() is editor.members.view and current_cell(editor) == (0, "name")
    keys.press(Qt.Key.Key_Down, CTRL)
    assert keys.target() is editor.survey.amounts["income_wage"]
    keys.press(Qt.Key.Key_Down, CTRL)
    assert keys.target() is editor.notes
    keys.press(Qt.Key.Key_Up, CTRL)
    assert keys.target() is editor.survey.amounts["income_wage"]
    keys.press(Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert keys.target() is editor.members.view
    keys.press(Qt.Key.Key_Up, CTRL)
    assert keys.target() in (editor.village, editor.village.lineEdit())


def test_ctrl_down_from_an_open_cell_commits_it_and_lands_on_the_income(editor: HouseholdEditor) -> None:
    keys = Keyboard()
    editor.members.view.setCurrentIndex(editor.members.model.index(0, 0))
    editor.members.view.setFocus()
    keys.type("宝斯鲁")  # the first key opens the cell's editor; nothing committed yet
    keys.press(Qt.Key.Key_Down, CTRL)
    assert cell(editor, 0, "name") == "宝斯鲁"
    assert keys.target() is editor.survey.amounts["income_wage"]
    keys.press(Qt.Key.Key_Up, CTRL)
    assert keys.target() is editor.members.view and current_cell(editor) == (0, "name")


# -- the survey ---------------------------------------------------------------------------------------


def test_surveyor_and_date_default_to_the_last_ones_saved_here(
    qtbot: QtBot, editor: HouseholdEditor, villages: dict[str, str], station: Station
) -> None:
    survey = editor.survey
    assert survey.surveyor.text() == "" and survey.survey_date.date() == QDate.currentDate()
    editor.set_division(villages["东营子村"])
    type_cell(editor, 0, "name", "宝斯鲁")
    type_cell(editor, 0, "id_number", HEAD_ID)
    survey.amounts["income_business"].setText("20000")
    survey.surveyor.setText("李文")
    last_week = dt.date.today() - dt.timedelta(days=7)
    survey.survey_date.setDate(QDate(last_week.year, last_week.month, last_week.day))
    editor.save()
    assert editor.household_id is not None, editor.message_area.text()
    assert preferences.read(preferences.LAST_SURVEYOR) == "李文"

    following = HouseholdEditor(station, None, user="cadre")
    qtbot.addWidget(following)
    following._closing = True
    assert following.survey.surveyor.text() == "李文"
    assert following.survey.survey_date.date().toPython() == last_week
    assert following.survey.is_blank()  # the defaults alone are no survey: none is saved for them
    assert not following.is_dirty()


def test_a_last_date_in_the_future_falls_back_to_today(qtbot: QtBot, station: Station, villages) -> None:
    preferences.write(preferences.LAST_SURVEY_DATE, (dt.date.today() + dt.timedelta(days=3)).isoformat())
    editor = HouseholdEditor(station, None)
    qtbot.addWidget(editor)
    editor._closing = True
    assert editor.survey.survey_date.date() == QDate.currentDate()


def test_the_income_fields_show_without_scrolling_when_the_editor_opens_on_the_survey(
    qtbot: QtBot, editor: HouseholdEditor
) -> None:
    editor.resize(LAPTOP_WINDOW)
    qtbot.waitUntil(lambda: editor.size() == LAPTOP_WINDOW)
    editor.section_keys.go_to("survey")
    viewport = editor.scroll_area.viewport()
    shown = QRect(QPoint(0, 0), viewport.size())
    survey = editor.survey
    for field in (*survey.amounts.values(), survey.surveyor, survey.survey_date, survey.net_value):
        place = QRect(field.mapTo(viewport, QPoint(0, 0)), field.size())
        assert shown.contains(place), (field, place, shown)


# -- the village ------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["bjy", "baojiaying", "宝家"])
def test_the_village_completes_by_pinyin(
    editor: HouseholdEditor, villages: dict[str, str], typed: str
) -> None:
    keys = Keyboard()
    keys.type(typed)
    completer = editor.village.completer()
    shown = [completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())]
    assert shown[0] == "宝家营子村"
    assert "东营子村" not in shown
    keys.enter()  # the best match, and on to the next field
    assert editor.division_id() == villages["宝家营子村"]
    assert keys.target() is editor.household_no


def test_initials_offer_every_village_they_fit_best_first(editor: HouseholdEditor, villages) -> None:
    keys = Keyboard()
    keys.type("jia")
    completer = editor.village.completer()
    shown = [completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())]
    assert shown[0] == "家和村" and len(shown) == 4  # its pinyin begins so; the others only contain it
    editor.village.lineEdit().clear()
    keys.type("bj")
    completer = editor.village.completer()
    shown = [completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())]
    assert sorted(shown) == sorted(["宝家营子村", "八家子村", "白家营村"])  # all begin b-j
    for _ in range(shown.index("八家子村") + 1):
        keys.press(Qt.Key.Key_Down)
    keys.enter()
    assert editor.division_id() == villages["八家子村"]


# -- counting ---------------------------------------------------------------------------------------


def test_key_presses_from_first_field_to_save(
    editor: HouseholdEditor, villages: dict[str, str], station: Station
) -> None:
    """A three-member household with a survey, the second of the day (the surveyor was saved before)."""
    preferences.write(preferences.LAST_SURVEYOR, "李文")
    editor.survey.load_year(editor.survey.year.value())  # as a new editor opened after that save shows
    keys = Keyboard()
    keys.type("dyz")
    keys.enter()  # 东营子村, on to the household number
    keys.enter(2)  # no household number, no address
    keys.type("13912345678")
    keys.enter()
    assert keys.target() is editor.members.view
    for number, (name, id_number, relationship) in enumerate(
        (("宝斯鲁", HEAD_ID, ""), ("其木格", WIFE_ID, "12"), ("宝音", SON_ID, "20"))
    ):
        if number:
            keys.press(Qt.Key.Key_Insert, CTRL)  # a new member
        keys.type(name)
        keys.enter()
        keys.type(id_number)
        keys.enter()  # on to the relationship: sex and birth date came from the number
        keys.type(relationship)  # the first member is the head already
        keys.enter()
        keys.type("02")  # 蒙古族
        keys.enter()
    keys.press(Qt.Key.Key_Down, CTRL)  # to the survey's first income
    keys.enter()  # no wage income
    keys.type("20000")
    keys.enter(2)
    keys.type("2400")
    keys.enter()
    keys.type("3000")
    keys.press(Qt.Key.Key_S, CTRL)

    assert editor.household_id is not None, editor.message_area.text()
    record = station.households.get(editor.household_id)
    assert record.division_id == villages["东营子村"] and record.phone == "13912345678"
    assert [(m.name, m.relationship, m.ethnicity, m.sex) for m in record.members] == [
        ("宝斯鲁", "02", "02", "1"),
        ("其木格", "12", "02", "2"),
        ("宝音", "20", "02", "1"),
    ]
    (survey,) = record.surveys
    assert (survey.income_business, survey.income_transfer, survey.expense_business) == (20000, 2400, 3000)
    assert survey.surveyor == "李文"
    print(f"key presses first field → save: {keys.presses} (before: {PRESSES_BEFORE})")
    assert keys.presses == 137
    assert keys.presses < PRESSES_BEFORE
