"""English mode shows English errors: the household editor's inline and save messages, and error lines.

The words come from the core's catalog (huimin_desktop.messages), the same the CLI prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from tests.conftest import TOWNSHIP_CODE
from tests.stations import open_station
from tests.ui.editor_helpers import type_into
from tests.ui.test_household_editor import (
    HEAD_ID,
    WIFE_ID,
    counts,
    fill_member,
    press_ctrl_s,
    stored_household,
)
from ui.errors import expected_error_message
from ui.household_editor import HouseholdEditor


@pytest.fixture
def village(station: Station) -> str:
    township = station.divisions.find_by_code(TOWNSHIP_CODE)
    assert township is not None
    return station.divisions.add_village(township.id, "东营子村").id


@pytest.fixture
def english_editor(qtbot: QtBot, station: Station, village: str, english: str, sync_operations: None):
    editor = HouseholdEditor(station, None, user="cadre")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    yield editor
    editor._closing = True


def test_wrong_check_digit_reads_english(
    qtbot: QtBot, station: Station, english_editor: HouseholdEditor
) -> None:
    editor = english_editor
    wrong = HEAD_ID[:-1] + ("0" if HEAD_ID[-1] != "0" else "1")
    type_into(editor.village, "东营子村")
    fill_member(editor, 0, {"name": "宝斯鲁", "id_number": wrong, "ethnicity": "02"})
    inline = editor.members.message.text()
    assert "check digit is wrong" in inline and "校验位" not in inline
    before = counts(station)
    press_ctrl_s(qtbot, editor)
    assert counts(station) == before
    assert "check digit is wrong" in editor.message_area.text()


def test_negative_amount_and_duplicate_id_read_english(
    qtbot: QtBot, station: Station, village: str, english_editor: HouseholdEditor
) -> None:
    stored_household(station, village)
    editor = english_editor
    type_into(editor.village, "东营子村")
    fill_member(editor, 0, {"name": "宝斯鲁", "id_number": WIFE_ID, "ethnicity": "02"})
    type_into(editor.survey.amounts["income_wage"], "-500")
    message = editor.survey.amount_messages["income_wage"]
    assert message.isVisible() and "cannot be negative" in message.text(), message.text()
    type_into(editor.survey.amounts["income_wage"], "500")
    before = counts(station)
    press_ctrl_s(qtbot, editor)
    assert counts(station) == before
    text = editor.message_area.text()
    assert "is already registered in another household (head: 宝斯鲁)" in text, text


def test_error_lines_follow_the_interface_language(
    qapp, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    try:
        open_station(tmp_path / "none")
    except Exception as error:
        refused = error
    request.getfixturevalue("english")
    assert expected_error_message(refused) == (
        f"There is no station in the data folder {tmp_path / 'none'} yet; set one up first (init)"
    )
    disk_full = OSError(28, "No space left on device", str(tmp_path / "x.xlsx"))
    assert (expected_error_message(disk_full) or "").startswith(f"{tmp_path / 'x.xlsx'}: the disk is full")
