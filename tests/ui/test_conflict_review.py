"""Conflict review: the list, both values side by side, keep / use the other (buttons and keys)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from tests.core.sync_helpers import (
    add_household,
    deliver,
    household_field,
    make_package,
    set_household,
)
from ui.household_editor import open_editors
from ui.sync.conflict_review import ConflictReviewDialog

CITY, TOWNSHIP_A, TOWNSHIP_B = "211300", "211381204000", "211381205000"


def _phone_conflicts(city: Station, township: Station, count: int) -> list[str]:
    """``count`` households whose phone both stations changed (139111111NN at the city, 139222222NN)."""
    households = [
        add_household(township, head, f"21138119800101{index:03d}9")
        for index, head in enumerate(["宝斯鲁", "乌力吉", "其木格"][:count])
    ]
    deliver(make_package(township, city), city)
    for index, household in enumerate(households):
        set_household(township, household, phone=f"1392222222{index}")
        set_household(city, household, phone=f"1391111111{index}")
    deliver(make_package(township, city), city)
    return households


def _dialog(qtbot: QtBot, station: Station) -> ConflictReviewDialog:
    dialog = ConflictReviewDialog(station, user="clerk")
    dialog.editors_enabled = False
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_no_conflicts_says_so(qtbot: QtBot, station: Station, english: str) -> None:
    dialog = _dialog(qtbot, station)
    assert dialog.empty_label.isVisible()
    assert not dialog.table.isVisible()
    assert not dialog.keep_button.isEnabled()
    assert not dialog.other_button.isEnabled()


def test_both_values_side_by_side(qtbot: QtBot, network, sync_operations: None, english: str) -> None:
    city, a, _b = network
    _phone_conflicts(city, a, 1)
    dialog = _dialog(qtbot, city)
    assert dialog.table.rowCount() == 1
    (conflict,) = city.sync.conflicts()
    assert dialog.table.item(0, 0).text() == conflict.record_label
    assert conflict.record_label.startswith("household of 宝斯鲁 (")  # its place as the data holds it
    assert dialog.table.item(0, 1).text() == "phone"
    assert dialog.table.item(0, 2).text() == "Edited at both stations"
    # The applied value (whichever stamp won) on the left, the one that lost on the right.
    applied = household_field(city, conflict.row_id, "phone")
    assert dialog.current_panel.value.text() == applied == conflict.winner_value
    assert dialog.other_panel.value.text() == conflict.other_value
    assert {applied, conflict.other_value} == {"13911111110", "13922222220"}
    # The core names the station reviewing "this station" (本站), in the interface's language (English).
    stations = {
        "13911111110": ("Station: 朝阳市民委", "Station: this station"),
        "13922222220": ("Station: 马友营蒙古族乡 (211381204000)",),
    }
    assert dialog.current_panel.station.text() in stations[applied]
    assert dialog.other_panel.station.text() in stations[conflict.other_value]
    assert dialog.current_panel.when.text().startswith("Changed: 20")
    assert dialog.keep_button.isEnabled() and dialog.other_button.isEnabled()
    assert dialog.open_both_button.isHidden()


def test_keep_closes_the_conflict_and_the_value_stays(
    qtbot: QtBot, network, sync_operations: None, english: str
) -> None:
    city, a, _b = network
    (household,) = _phone_conflicts(city, a, 1)
    applied = household_field(city, household, "phone")
    dialog = _dialog(qtbot, city)
    resolved: list[int] = []
    dialog.resolved.connect(resolved.append)
    dialog.keep_button.click()
    assert city.sync.conflicts() == []
    assert household_field(city, household, "phone") == applied
    assert len(resolved) == 1
    assert dialog.empty_label.isVisible()
    dialog.show_resolved.setChecked(True)
    assert dialog.table.rowCount() == 1
    assert dialog.status_label.text() == "Kept the current value"
    assert not dialog.keep_button.isEnabled()


def test_use_the_other_value_becomes_an_edit(
    qtbot: QtBot, network, sync_operations: None, english: str
) -> None:
    city, a, _b = network
    (household,) = _phone_conflicts(city, a, 1)
    (conflict,) = city.sync.conflicts()
    dialog = _dialog(qtbot, city)
    dialog.other_button.click()
    assert household_field(city, household, "phone") == conflict.other_value
    assert city.sync.conflicts() == []
    # The choice travels back to the township like any edit.
    deliver(make_package(city, a), a)
    assert household_field(a, household, "phone") == conflict.other_value


def test_keyboard_down_k_and_o(qtbot: QtBot, network, sync_operations: None, english: str) -> None:
    city, a, _b = network
    households = _phone_conflicts(city, a, 3)
    dialog = _dialog(qtbot, city)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.table.hasFocus()
    first = dialog.current()
    QTest.keyClick(dialog.table, Qt.Key.Key_Down)
    second = dialog.current()
    assert second is not None and first is not None and second.id != first.id
    QTest.keyClick(dialog.table, Qt.Key.Key_O)  # the other value, for the second one
    by_row = {c.row_id: c for c in city.sync.conflicts(open_only=False)}
    assert by_row[second.row_id].status == "chose-other"
    assert dialog.table.rowCount() == 2
    # The next open conflict is selected; K keeps it.
    third = dialog.current()
    assert third is not None and third.id not in (first.id, second.id)
    QTest.keyClick(dialog.table, Qt.Key.Key_K)
    # The list starts again at the top: the first one, kept too.
    assert dialog.current() is not None and dialog.current().id == first.id
    QTest.keyClick(dialog.table, Qt.Key.Key_K)
    # Alt+K / Alt+O are the buttons' mnemonics (not sent here: offscreen Qt ignores them).
    assert "&K" in dialog.keep_button.text() and "&o" in dialog.other_button.text()
    assert city.sync.conflicts() == []
    statuses = {c.row_id: c.status for c in city.sync.conflicts(open_only=False)}
    assert sorted(statuses.values()) == ["chose-other", "kept", "kept"]
    chosen = by_row[second.row_id].other_value
    assert household_field(city, second.row_id, "phone") == chosen
    assert len(households) == 3


def test_a_duplicate_id_number_offers_both_households(
    qtbot: QtBot, network, sync_operations: None, english: str
) -> None:
    city, a, b = network
    first = add_household(a, "宝斯鲁", "211381198001010019")
    second = add_household(b, "宝斯鲁", "211381198001010019")
    deliver(make_package(a, city), city)
    deliver(make_package(b, city), city)
    dialog = _dialog(qtbot, city)
    (conflict,) = dialog.conflicts
    assert conflict.kind == "duplicate-id"
    assert dialog.table.item(0, 2).text() == "Same ID number twice"
    assert dialog.open_both_button.isVisible()
    assert conflict.table_name == "household" and conflict.other_row_id
    assert dialog.open_both_button.isEnabled()
    dialog.editors_enabled = True
    dialog.open_both_button.click()
    editors = open_editors()
    try:
        assert {e.household_id for e in editors} == {conflict.row_id, conflict.other_row_id}
        assert {e.household_id for e in editors} == {first, second}
    finally:
        for editor in editors:
            editor.close()
        qtbot.waitUntil(lambda: not open_editors())


def test_records_are_labelled_by_household_village_and_township(network, sync_operations: None) -> None:
    city, a, _b = network
    township = a.divisions.find_by_code(TOWNSHIP_A)
    assert township is not None
    a.divisions.add_village(township.id, "东营子村")  # village names repeat: the township tells them apart
    _phone_conflicts(city, a, 1)
    (conflict,) = city.sync.conflicts()
    assert conflict.record_label == "宝斯鲁户（马友营蒙古族乡 东营子村）"


def test_a_duplicate_id_number_shows_what_differs_and_when_each_changed(
    qtbot: QtBot, network, sync_operations: None, english: str
) -> None:
    city, a, b = network
    add_household(a, "宝斯鲁", "211381198001010019", members=3)
    second = add_household(b, "宝斯鲁", "211381198001010019", members=2)
    set_household(b, second, phone="13912345678", address="三组")  # the second township wrote others
    deliver(make_package(a, city), city)
    deliver(make_package(b, city), city)
    (conflict,) = city.sync.conflicts()
    assert conflict.kind == "duplicate-id"
    differs = {what: (mine, theirs) for what, mine, theirs in conflict.differences}
    mine_first = conflict.other_row_id == second
    pairs = {
        "phone": ("138****0000", "139****5678"),
        "address": ("一组", "三组"),
        "household size": ("3", "2"),
        "members": ("宝斯鲁, 宝斯鲁1, 宝斯鲁2", "宝斯鲁, 宝斯鲁1"),
    }
    for what, pair in pairs.items():
        assert differs[what] == (pair if mine_first else pair[::-1])
    assert "head" not in differs and "village" not in differs  # what agrees is not listed
    assert conflict.winner_changed is not None and conflict.other_changed is not None

    dialog = _dialog(qtbot, city)
    table = dialog.differences
    assert not table.isHidden()
    shown = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert table.rowCount() == len(conflict.differences)
    assert shown["phone"] == differs["phone"][0]  # in the interface's language, as the core words it
    assert "—" not in dialog.current_panel.when.text() and "—" not in dialog.other_panel.when.text()


def test_field_conflicts_show_no_household_differences(qtbot: QtBot, network, sync_operations: None) -> None:
    city, a, _b = network
    _phone_conflicts(city, a, 1)
    dialog = _dialog(qtbot, city)
    assert dialog.current() is not None
    assert dialog.differences.isHidden()
