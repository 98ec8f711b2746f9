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


def _stored(station: Station, household_id: str) -> tuple[str, list[str], list[str], list[str]]:
    """(household phone, members' ID numbers, phones, birth dates) as stored."""
    with station.db.reader() as session:
        household = session.get(Household, household_id)
        members = session.scalars(
            select(Member)
            .where(Member.household_id == household_id, Member.deleted.is_(False))
            .order_by(Member.position)
        ).all()
        births = [m.birth_date.isoformat() if m.birth_date else "" for m in members]
        return household.phone, [m.id_number for m in members], [m.phone for m in members], births


def _cell_texts(editor: HouseholdEditor) -> list[str]:
    """Every text the members table shows or puts in a cell editor, with its tooltips."""
    model = editor.members.model
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole)
    return [
        str(model.data(model.index(r, c), role) or "")
        for r in range(model.rowCount())
        for c in range(len(COLUMNS))
        for role in roles
    ]


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
        phone_after, numbers_after, _, _ = _stored(as_entry, household_id)
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


def _birth_forms(birth: str) -> list[str]:
    """A birth date the way a screen could write it: 1982-03-15, 19820315, 1982/03/15, 1982.03.15."""
    return [birth, birth.replace("-", ""), birth.replace("-", "/"), birth.replace("-", ".")]


def test_an_entry_user_sees_birth_dates_by_year_only_and_keeps_them_on_save(
    qtbot: QtBot, as_entry: Station, chinese: str, sync_operations: None
) -> None:
    """The birth date is the ID number's digits 7–14: masked to its year with it; an edit elsewhere in the
    row and a new member typed with a whole ID number save, and the stored numbers, dates and phones stay."""
    household_id, _phone, _id_number, _member_phone = _household_with_phones(as_entry)
    before = _stored(as_entry, household_id)
    births = [b for b in before[3] if b]
    assert births
    editor = _editor(qtbot, as_entry, household_id)
    try:
        shown = _cell_texts(editor)
        for birth in births:
            assert not [t for t in shown for form in _birth_forms(birth) if form in t], birth
            assert MASKED.birth_date(birth) == birth[:4] + "-**-**" in shown
        model = editor.members.model
        birth_cell = model.index(0, COLUMNS.index("birth_date"))
        assert model.setData(birth_cell, MASKED.birth_date(before[3][0])) is False  # the mask back: unchanged
        # an edit in a member's row (the name), and a new member with a whole ID number
        assert model.setData(model.index(0, COLUMNS.index("name")), model.rows[0].values["name"] + "新")
        new_number = valid_id("21138120100607002")
        position = model.insert_member(model.rowCount())
        for key, value in (("name", "王小新"), ("id_number", new_number), ("relationship", "20")):
            assert model.setData(model.index(position, COLUMNS.index(key)), value)
        assert cell(editor, position, "id_number") == new_number  # typed: shown as typed
        assert cell(editor, position, "birth_date") == "2010-06-07"
        editor.save()
        QCoreApplication.processEvents()
        if getattr(editor, "save_anyway_button", None) is not None:  # a child without schooling filled in
            editor.save_anyway_button.click()
            QCoreApplication.processEvents()
        assert not editor.is_dirty()
        phone, numbers, phones, after_births = _stored(as_entry, household_id)
        assert (phone, numbers[: len(before[1])], phones[: len(before[2])]) == before[:3]
        assert after_births[: len(before[3])] == before[3]
        assert numbers[len(before[1]) :] == [new_number] and after_births[len(before[3]) :] == ["2010-06-07"]
        # reloaded after the save: the new member's birth date is masked like the others
        assert "2010-06-07" not in _cell_texts(editor) and "2010-**-**" in _cell_texts(editor)
    finally:
        editor._closing = True


def test_a_reviewer_sees_birth_dates_whole(
    qtbot: QtBot, folder: Path, chinese: str, sync_operations: None
) -> None:
    with open_station(folder, user=REVIEWER[0], password=REVIEWER[1]) as reviewer:
        household_id, *_ = _household_with_phones(reviewer)
        births = _stored(reviewer, household_id)[3]
        editor = _editor(qtbot, reviewer, household_id)
        try:
            assert [cell(editor, r, "birth_date") for r in range(len(births))] == births
        finally:
            editor._closing = True
