"""The household editor as a 录入员 (entry) sees it: the stored ID numbers and phone masked in the form and
the member table (Station.masking), kept whole when saved untouched, replaced when a new one is typed; a
审核员 sees them whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from huimin_desktop.demo import generate_demo
from huimin_desktop.domain.masking import MASKED
from huimin_desktop.model import Household, Member
from huimin_desktop.services.station import Station
from tests.stations import open_station
from tests.ui.editor_helpers import cell, show_active, type_into, valid_id
from ui.household_editor.editor import HouseholdEditor
from ui.household_editor.members_table import COLUMNS

ENTRY, REVIEWER = ("wang.li", "wang-pass"), ("zhao.min", "zhao-pass")


@pytest.fixture
def folder(station: Station, data_dir: Path) -> Path:
    generate_demo(station, 8, seed=4)
    station.users.create(ENTRY[0], "王丽", "entry", password=ENTRY[1])
    station.users.create(REVIEWER[0], "赵敏", "reviewer", password=REVIEWER[1])
    station.close()
    return data_dir


def _household_with_phones(station: Station) -> tuple[str, str, str, str]:
    """(household id, its phone, the first member's ID number, the first member with a phone's phone)."""
    with station.db.reader() as session:
        for household in session.scalars(select(Household).where(Household.phone != "")):
            members = [m for m in household.members if not m.deleted]
            phones = [m.phone for m in members if m.phone]
            if members and members[0].id_number and phones:
                return household.id, household.phone, members[0].id_number, phones[0]
    raise AssertionError("the demo has no household with phones")


@pytest.fixture
def as_entry(folder: Path) -> Iterator[Station]:
    with open_station(folder, user=ENTRY[0], password=ENTRY[1]) as station:
        yield station


def _editor(qtbot: QtBot, station: Station, household_id: str) -> HouseholdEditor:
    editor = HouseholdEditor(station, household_id, user=station.db.actor.username)
    show_active(qtbot, editor)
    return editor


def _stored(station: Station, household_id: str) -> tuple[str, list[str], list[str]]:
    with station.db.reader() as session:
        household = session.get(Household, household_id)
        members = session.scalars(
            select(Member).where(Member.household_id == household_id).order_by(Member.position)
        ).all()
        return household.phone, [m.id_number for m in members], [m.phone for m in members]


def test_an_entry_user_sees_masked_numbers_and_saves_them_whole(
    qtbot: QtBot, as_entry: Station, chinese: str, sync_operations: None
) -> None:
    household_id, phone, id_number, member_phone = _household_with_phones(as_entry)
    before = _stored(as_entry, household_id)
    editor = _editor(qtbot, as_entry, household_id)
    try:
        assert editor.phone.text() == MASKED.phone(phone) != phone
        assert cell(editor, 0, "id_number") == MASKED.id_number(id_number)
        assert cell(editor, 0, "id_number", Qt.ItemDataRole.EditRole) == MASKED.id_number(id_number)
        model = editor.members.model
        shown = [
            str(model.data(model.index(r, c)) or "")
            for r in range(model.rowCount())
            for c in range(len(COLUMNS))
        ]
        assert not [n for n in before[1] + before[2] if n and n in shown]
        assert MASKED.phone(member_phone) in shown
        # committing the masked text back (a cell editor opened and closed) changes nothing
        index = model.index(0, COLUMNS.index("id_number"))
        assert model.setData(index, MASKED.id_number(id_number)) is False
        assert not editor.is_dirty()
        type_into(editor.address, "三组")
        editor.save()
        QCoreApplication.processEvents()
        assert _stored(as_entry, household_id) == before  # phone and ID numbers stored whole, untouched
        with as_entry.db.reader() as session:
            assert session.get(Household, household_id).address == "三组"
        # a whole new number typed over the masked one replaces it, and is shown as typed
        new_number = valid_id("21138119900101001")
        assert model.setData(model.index(0, COLUMNS.index("id_number")), new_number)
        assert cell(editor, 0, "id_number") == new_number
        editor.phone.setText("13700001111")
        editor.save()
        QCoreApplication.processEvents()
        phone_after, numbers_after, _ = _stored(as_entry, household_id)
        assert phone_after == "13700001111" and numbers_after[0] == new_number
        assert editor.phone.text() == MASKED.phone("13700001111")  # reloaded: masked again
        assert cell(editor, 0, "id_number") == MASKED.id_number(new_number)
    finally:
        editor._closing = True


def test_a_reviewer_sees_them_whole(qtbot: QtBot, folder: Path, chinese: str, sync_operations: None) -> None:
    with open_station(folder, user=REVIEWER[0], password=REVIEWER[1]) as reviewer:
        household_id, phone, id_number, _member_phone = _household_with_phones(reviewer)
        editor = _editor(qtbot, reviewer, household_id)
        try:
            assert editor.phone.text() == phone
            assert cell(editor, 0, "id_number") == id_number
        finally:
            editor._closing = True


def test_the_household_list_masks_for_an_entry_user(as_entry: Station, qapp) -> None:
    """The list's cells and its "found by" column, searched by a whole ID number and a whole phone."""
    from huimin_desktop.services.household_list import HouseholdQuery
    from ui.household_list_model import HouseholdListModel

    household_id, phone, id_number, member_phone = _household_with_phones(as_entry)
    model = HouseholdListModel(as_entry.households)
    for search in (id_number, member_phone, phone):
        model.set_query(HouseholdQuery(search=search))
        row = model.row_of(household_id)
        assert row is not None
        texts = [str(model.index(row, c).data() or "") for c in range(model.columnCount())]
        assert not [t for t in texts if id_number in t or phone in t or member_phone in t], texts
        assert MASKED.id_number(id_number) in " ".join(texts) or MASKED.phone(search) in " ".join(texts)
