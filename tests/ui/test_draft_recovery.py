"""Nothing typed is lost: drafts while typing, offered back at the next start, even after a hard kill."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from huimin_desktop.services.drafts import DraftStore
from huimin_desktop.services.households import HouseholdInput, MemberInput
from huimin_desktop.services.station import Station
from tests.conftest import TOWNSHIP_CODE
from tests.ui.editor_helpers import cell, send_text, type_cell, type_into, valid_id
from ui.household_editor import HouseholdEditor, offer_pending_drafts, open_editors

HEAD_ID = valid_id("21138119820315003")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def village(station: Station) -> str:
    township = station.divisions.find_by_code(TOWNSHIP_CODE)
    assert township is not None
    return station.divisions.add_village(township.id, "东营子村").id


@pytest.fixture
def parent(qtbot: QtBot, chinese: str, sync_operations: None) -> QWidget:
    """Stands in for the main window the editors and the question belong to."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture(autouse=True)
def _close_editors() -> None:
    yield
    for editor in open_editors():
        editor.close_keeping_draft()
    assert open_editors() == []


def make_editor(qtbot: QtBot, station: Station, household_id: str | None = None, **kwargs) -> HouseholdEditor:
    editor = HouseholdEditor(station, household_id, user="cadre", **kwargs)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()  # the cadre types into the active window: fields are left, drafts written
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def crash(editor: HouseholdEditor) -> None:
    """Gone without a word: no discard question, no draft clean-up (as when the power fails)."""
    editor._closing = True
    editor.drafts.timer.stop()
    editor.hide()
    QCoreApplication.processEvents()


def pending_question(parent: QWidget) -> QMessageBox:
    box = parent.findChild(QMessageBox, "pendingDrafts")
    assert box is not None and box.isVisible()
    return box


def click(box: QMessageBox, text: str) -> None:
    [button] = [b for b in box.buttons() if b.text() == text]
    button.click()
    QCoreApplication.processEvents()


def test_a_draft_is_written_on_field_commit_and_by_the_timer(
    qtbot: QtBot, station: Station, village: str, parent: QWidget
) -> None:
    editor = make_editor(qtbot, station, draft_interval_ms=100)
    store = DraftStore.for_station(station)
    assert store.pending() == []  # an untouched form keeps no draft
    type_into(editor.village, "东营子村")  # leaving a field writes the draft at once
    draft = store.load(editor.drafts.key)
    assert draft is not None and draft["division_id"] == village
    editor.address.setFocus()
    send_text(editor.address, "东营子村三组")  # typed but not left: the timer keeps it
    qtbot.waitUntil(
        lambda: (store.load(editor.drafts.key) or {}).get("address") == "东营子村三组", timeout=3000
    )
    assert store.pending()[0].key.startswith("household-new-")
    assert "保存草稿" in editor.status.text()


def test_changing_a_field_back_removes_the_draft(
    qtbot: QtBot, station: Station, village: str, parent: QWidget
) -> None:
    editor = make_editor(qtbot, station)
    type_into(editor.address, "东营子村三组")
    assert DraftStore.for_station(station).load(editor.drafts.key) is not None
    type_into(editor.address, "")
    assert not editor.is_dirty()
    assert DraftStore.for_station(station).pending() == []


def test_saving_discards_the_draft(qtbot: QtBot, station: Station, village: str, parent: QWidget) -> None:
    editor = make_editor(qtbot, station)
    type_into(editor.village, "东营子村")
    type_cell(editor, 0, "name", "宝斯鲁")
    type_cell(editor, 0, "id_number", HEAD_ID)
    type_cell(editor, 0, "ethnicity", "02")
    assert DraftStore.for_station(station).pending() != []
    editor.save()
    assert editor.household_id is not None
    assert DraftStore.for_station(station).pending() == []


def test_a_new_household_draft_is_offered_back_and_restored(
    qtbot: QtBot, station: Station, village: str, parent: QWidget
) -> None:
    editor = make_editor(qtbot, station)
    type_into(editor.village, "东营子村")
    type_cell(editor, 0, "name", "宝斯鲁")
    type_cell(editor, 0, "id_number", HEAD_ID)
    type_into(editor.survey.amounts["income_wage"], "15000")
    crash(editor)

    offer_pending_drafts(parent, station, user="cadre")
    box = pending_question(parent)
    assert box.text() == "上次有未保存的农户信息，是否恢复？"
    assert "宝斯鲁 · 东营子村" in box.informativeText()
    click(box, "恢复")
    [restored] = open_editors()
    assert restored.isVisible() and restored.banner.isVisible()
    assert restored.division_id() == village
    assert cell(restored, 0, "name") == "宝斯鲁" and cell(restored, 0, "sex") == "男"
    assert restored.survey.amounts["income_wage"].text() == "15,000"
    assert restored.is_dirty()
    restored.save()
    assert restored.warnings_box is not None  # wages but nobody working away: the cadre accepts it
    assert "外出务工" in restored.warnings_box.informativeText()
    click(restored.warnings_box, "仍然保存")
    assert restored.household_id is not None
    assert station.households.get(restored.household_id).members[0].id_number == HEAD_ID
    assert DraftStore.for_station(station).pending() == []


def test_later_keeps_the_drafts_and_discard_deletes_them(
    qtbot: QtBot, station: Station, village: str, parent: QWidget
) -> None:
    editor = make_editor(qtbot, station)
    type_into(editor.address, "东营子村三组")
    crash(editor)
    offer_pending_drafts(parent, station)
    click(pending_question(parent), "以后再说")
    assert open_editors() == [] and len(DraftStore.for_station(station).pending()) == 1
    offer_pending_drafts(parent, station)
    click(pending_question(parent), "放弃")
    assert DraftStore.for_station(station).pending() == []
    offer_pending_drafts(parent, station)  # nothing left: no question
    assert parent.findChild(QMessageBox, "pendingDrafts") is None or not pending_visible(parent)


def pending_visible(parent: QWidget) -> bool:
    return any(box.isVisible() for box in parent.findChildren(QMessageBox, "pendingDrafts"))


def test_an_edit_of_a_stored_household_comes_back_when_it_is_opened_again(
    qtbot: QtBot, station: Station, village: str, parent: QWidget
) -> None:
    household_id = station.households.create(
        HouseholdInput(village, (MemberInput(name="宝斯鲁", id_number=HEAD_ID, relationship="02"),))
    ).id
    editor = make_editor(qtbot, station, household_id)
    type_into(editor.phone, "13912345678")
    crash(editor)
    again = make_editor(qtbot, station, household_id)
    assert again.phone.text() == "13912345678" and again.banner.isVisible() and again.is_dirty()
    again.banner.linkActivated.emit("discard")  # "放弃这些修改"
    assert again.phone.text() == "" and not again.is_dirty()
    assert DraftStore.for_station(station).pending() == []


def test_a_damaged_draft_is_reported_and_the_others_still_come_back(
    qtbot: QtBot, station: Station, village: str, parent: QWidget
) -> None:
    editor = make_editor(qtbot, station)
    type_into(editor.address, "东营子村三组")
    crash(editor)
    store = DraftStore.for_station(station)
    (store.folder / "household-new-broken.json").write_text(
        '{"format": 1, "key": "household-new-bro', "utf-8"
    )
    offer_pending_drafts(parent, station)
    box = pending_question(parent)
    assert "已损坏" in box.informativeText()
    click(box, "恢复")
    [restored] = open_editors()
    assert restored.address.text() == "东营子村三组"


# -- the crash test: a real process, killed hard ----------------------------------------------------------

CHILD = """
import sys
from PySide6.QtWidgets import QApplication
from tests.stations import open_station
from tests.ui.editor_helpers import send_text, type_cell, type_into
from ui.household_editor import HouseholdEditor
from ui.i18n import install_translators

app = QApplication([])
translators = install_translators(app, "zh_CN")
station = open_station(sys.argv[1])
editor = HouseholdEditor(station, None, user="cadre", draft_interval_ms=300)
editor.show()
editor.activateWindow()
while not editor.isActiveWindow():
    app.processEvents()
type_into(editor.village, "东营子村")
type_cell(editor, 0, "name", "宝斯鲁")
type_cell(editor, 0, "id_number", sys.argv[2])
type_cell(editor, 0, "ethnicity", "蒙古族")
wage = editor.survey.amounts["income_wage"]
wage.setFocus()
send_text(wage, "15000")  # still in the field: only the timer writes this to the draft
print("typed", flush=True)
app.exec()
"""


def test_killed_while_typing_the_next_start_offers_the_draft_back(
    qtbot: QtBot, station: Station, village: str, parent: QWidget
) -> None:
    store = DraftStore.for_station(station)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(station.data_dir), HEAD_ID],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "typed"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            drafts = store.pending()
            if drafts and (store.load(drafts[0].key) or {}).get("survey", {}).get("income_wage") == "15000":
                break
            time.sleep(0.05)
        else:
            pytest.fail("the editor never wrote the draft with the typed wage")
    finally:
        child.kill()  # SIGKILL: no clean-up, no closeEvent, no aboutToQuit
        child.wait(10)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -9

    offer_pending_drafts(parent, station, user="cadre")
    box = pending_question(parent)
    assert "宝斯鲁 · 东营子村" in box.informativeText()
    click(box, "恢复")
    [restored] = open_editors()
    assert restored.division_id() == village
    assert cell(restored, 0, "name") == "宝斯鲁"
    assert cell(restored, 0, "id_number") == HEAD_ID
    assert cell(restored, 0, "birth_date") == "1982-03-15"
    assert cell(restored, 0, "ethnicity") == "蒙古族"
    assert restored.survey.amounts["income_wage"].text() == "15000"
    assert restored.survey.total_value.text() == "15,000 元"
    assert restored.banner.isVisible()
    restored.activateWindow()
    qtbot.waitUntil(restored.isActiveWindow)
    qtbot.keyClick(restored.focusWidget() or restored, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert restored.warnings_box is not None
    click(restored.warnings_box, "仍然保存")
    assert restored.household_id is not None and store.pending() == []
    assert station.households.get(restored.household_id).head_name == "宝斯鲁"
