"""The training editor: a session with attendees picked from the list (households and single persons)
plus a count of people not on it; outcomes checked in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from huimin_desktop.demo import generate_demo
from huimin_desktop.model import Training, TrainingAttendee
from huimin_desktop.services.station import Station
from tests.ui.editor_helpers import press, show_active, type_into
from ui.household_picker import HouseholdPicker, attendee_picks
from ui.training_editor import TrainingEditor


@pytest.fixture
def demo_station(station: Station) -> Station:
    generate_demo(station, 40, seed=7)
    return station


def open_editor(qtbot: QtBot, station: Station, training_id: str | None = None) -> TrainingEditor:
    editor = TrainingEditor(station, training_id)
    show_active(qtbot, editor)
    return editor


def select_rows(picker: HouseholdPicker, rows: list[int]) -> None:
    selection = picker.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    for number, row in enumerate(rows):
        selection.select(picker.model.index(row, 0), flags)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        if number == 0:
            selection.setCurrentIndex(picker.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)


def attendee_keys(station: Station, training_id: str) -> set[tuple[str, str | None]]:
    with station.db.reader() as session:
        rows = session.scalars(
            select(TrainingAttendee).where(
                TrainingAttendee.training_id == training_id, TrainingAttendee.deleted.is_(False)
            )
        )
        return {(row.household_id, row.member_id) for row in rows}


def test_create_training_with_listed_attendees_and_an_extra_count(
    qtbot: QtBot, demo_station: Station, chinese: str, sync_operations: None
) -> None:
    existing = {t.id for t in demo_station.trainings.list()}
    editor = open_editor(qtbot, demo_station)
    type_into(editor.topic, "肉牛科学饲养")
    type_into(editor.place, "村委会")
    type_into(editor.trainer, "刘兽医")
    editor.hours.setValue(3.5)
    editor.date.setDate(QDate(2024, 3, 18))

    editor.pick_attendees()
    picker = editor.picker
    qtbot.waitExposed(picker)
    households = [picker.model.id_at(row) for row in range(3)]
    select_rows(picker, [0, 1, 2])
    picker.add_button.click()
    # One person of a fourth household: highlight it, pick the second member.
    picker.table.setCurrentIndex(picker.model.index(3, 0))
    assert picker.members.count() >= 1
    picker.members.setCurrentRow(picker.members.count() - 1)
    member_id = picker.members.currentItem().data(Qt.ItemDataRole.UserRole)
    person_household = picker.model.id_at(3)
    picker.add_person_button.click()
    assert picker.chosen_table.rowCount() == 4
    picker.buttons.button(picker.buttons.StandardButton.Ok).click()
    assert editor.attendees.rowCount() == 4

    editor.extra.setValue(7)
    assert editor.attendee_total.text() == editor.tr(
        "{total} attendees: {listed} from the household list, {extra} not on it"
    ).format(total=11, listed=4, extra=7)
    # Ctrl+S is a window shortcut: it reaches the editor only while the editor is the active window
    # (after the picker closes, another test's window may have become the active one).
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    press(editor.topic, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert editor.training_id is not None and editor.training_id not in existing
    with demo_station.db.reader() as session:
        stored = session.get(Training, editor.training_id)
        assert stored is not None
        assert (stored.topic, stored.place, stored.trainer, stored.hours, stored.extra_attendees) == (
            "肉牛科学饲养",
            "村委会",
            "刘兽医",
            3.5,
            7,
        )
        assert stored.date == dt.date(2024, 3, 18)
    assert attendee_keys(demo_station, editor.training_id) == {
        *((household, None) for household in households),
        (person_household, member_id),
    }
    assert not editor.isWindowModified()
    assert editor.evidence.owner_table == "training" and editor.evidence.owner_id == editor.training_id
    row = demo_station.trainings.rows([editor.training_id])[0]
    assert row.attendee_count == 11


def test_removing_an_attendee_tombstones_its_link(
    qtbot: QtBot, demo_station: Station, chinese: str, sync_operations: None
) -> None:
    training = demo_station.trainings.list()[0]
    before = attendee_keys(demo_station, training.id)
    editor = open_editor(qtbot, demo_station, training.id)
    assert editor.attendees.rowCount() == len(before)
    editor.attendees.selectRow(0)
    dropped = editor.picks[0].key
    editor.remove_button.click()
    assert editor.isWindowModified()
    editor.save()
    assert attendee_keys(demo_station, training.id) == before - {dropped}
    with demo_station.db.reader() as session:
        link = session.scalars(
            select(TrainingAttendee).where(
                TrainingAttendee.training_id == training.id,
                TrainingAttendee.household_id == dropped[0],
                TrainingAttendee.deleted.is_(True),
            )
        ).first()
        assert link is not None  # kept as a tombstone, so the removal travels with the next sync


def test_missing_topic_is_marked_and_nothing_saved(
    qtbot: QtBot, demo_station: Station, chinese: str, sync_operations: None
) -> None:
    count = len(demo_station.trainings.list())
    editor = open_editor(qtbot, demo_station)
    editor.save()
    assert editor.topic.property("mark") == "error"
    assert editor.message_area.isVisible()
    assert len(demo_station.trainings.list()) == count


def test_a_new_session_left_unsaved_comes_back_as_a_draft(
    qtbot: QtBot, demo_station: Station, chinese: str, sync_operations: None
) -> None:
    first = open_editor(qtbot, demo_station)
    type_into(first.topic, "draft topic")
    first.extra.setValue(3)
    household = demo_station.households.list()[0]
    member = demo_station.households.get(household.id).members[0]
    first.set_picks(attendee_picks(demo_station, [(household.id, member.id)]))
    first.close_keeping_draft()

    again = open_editor(qtbot, demo_station)  # "new session" again: the draft comes back
    assert again.banner.isVisible()
    assert (again.topic.text(), again.extra.value()) == ("draft topic", 3)
    assert [p.key for p in again.picks] == [(household.id, member.id)]
    assert again.picks[0].member_name == member.name
    again.banner.linkActivated.emit("discard")
    assert again.topic.text() == "" and not again.banner.isVisible()
    assert again.drafts.load() is None
