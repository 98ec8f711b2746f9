"""The household editor driven through its widgets: typing, checks as fields are left, saving, editing.

Real widgets, a real station in a temporary folder, operations run synchronously.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from huimin_desktop.model import AuditEntry, Household, Member, Survey
from huimin_desktop.services.households import HouseholdInput, MemberInput, SurveyInput
from huimin_desktop.services.station import Station
from tests.conftest import TOWNSHIP_CODE
from tests.ui.editor_helpers import (
    cell,
    focused,
    press,
    send_text,
    show_active,
    type_cell,
    type_into,
    valid_id,
)
from ui.household_editor import HouseholdEditor, open_editors, open_household_editor
from ui.household_editor.members_table import COLUMNS

HEAD_ID = valid_id("21138119820315003")
WIFE_ID = valid_id("21138119840612004")
SON_ID = valid_id("21138120080909001")


@pytest.fixture
def village(station: Station) -> str:
    township = station.divisions.find_by_code(TOWNSHIP_CODE)
    assert township is not None
    return station.divisions.add_village(township.id, "东营子村").id


@pytest.fixture
def editor_for(qtbot: QtBot, station: Station, village: str, chinese: str, sync_operations: None):
    editors: list[HouseholdEditor] = []

    def make(household_id: str | None = None) -> HouseholdEditor:
        editor = HouseholdEditor(station, household_id, user="cadre")
        show_active(qtbot, editor)
        editors.append(editor)
        return editor

    yield make
    for editor in editors:
        editor._closing = True  # no "discard changes?" while tearing down


@pytest.fixture
def new_editor(editor_for) -> HouseholdEditor:
    return editor_for(None)


def counts(station: Station) -> tuple[int, int, int, int]:
    with station.db.reader() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Household, Member, Survey, AuditEntry)
        )


def press_ctrl_s(qtbot: QtBot, editor: HouseholdEditor) -> None:
    # Shortcuts reach the active window only (a message box closing may leave none active offscreen).
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(focused(editor), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QCoreApplication.processEvents()


def stored_household(station: Station, village: str) -> str:
    members = (
        MemberInput(name="宝斯鲁", id_number=HEAD_ID, relationship="02", ethnicity="02", work_away_months=5),
        MemberInput(name="其木格", id_number=WIFE_ID, relationship="12", ethnicity="02"),
    )
    result = station.households.save_with_survey(
        None,
        HouseholdInput(division_id=village, members=members, address="东营子村三组", phone="13912345678"),
        SurveyInput(
            year=2025,
            income_wage=12000,
            income_business=6000,
            income_transfer=1500,
            expense_business=2000,
            surveyor="李文",
        ),
        user="setup",
    )
    return result.id


def fill_member(editor: HouseholdEditor, row: int, values: dict[str, str]) -> None:
    for key, text in values.items():
        type_cell(editor, row, key, text)


# -- typing a new household ------------------------------------------------------------------------


def test_type_a_household_with_three_members_and_save(
    qtbot: QtBot, station: Station, village: str, new_editor: HouseholdEditor
) -> None:
    editor = new_editor
    before = counts(station)
    assert editor.windowTitle().startswith("新农户")
    type_into(editor.village, "东营子村")
    assert editor.division_id() == village
    type_into(editor.household_no, "A-017")
    type_into(editor.address, "东营子村三组")
    type_into(editor.phone, "0421-7123456")
    fill_member(
        editor,
        0,
        {
            "name": "宝斯鲁",
            "id_number": HEAD_ID,
            "ethnicity": "蒙古族",
            "education": "70",
            "health": "1",
            "labour": "1",
            "work_away_months": "6",
            "phone": "13912345678",
        },
    )
    qtbot.keyClick(editor.members.view, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)  # add
    qtbot.mouseClick(editor.members.add_button, Qt.MouseButton.LeftButton)  # the same with the mouse
    assert len(editor.members.model.rows) == 3
    fill_member(editor, 1, {"name": "其木格", "id_number": WIFE_ID, "relationship": "妻", "ethnicity": "02"})
    fill_member(editor, 2, {"name": "宝音", "id_number": SON_ID, "relationship": "20", "ethnicity": "蒙古"})
    assert cell(editor, 0, "relationship") == "户主"  # the first row starts as the head
    assert cell(editor, 1, "sex") == "女" and cell(editor, 2, "birth_date") == "2008-09-09"

    survey = editor.survey
    survey.year.setValue(2026)
    type_into(survey.amounts["income_wage"], "15000")
    type_into(survey.amounts["income_business"], "0.8万")
    type_into(survey.amounts["income_transfer"], "2,400")
    type_into(survey.amounts["expense_business"], "3000")
    assert survey.amounts["income_business"].text() == "8,000"  # tidied when the field is left
    assert survey.household_size.value() == 3  # follows the members
    survey.causes["07"].setChecked(True)
    type_into(survey.needs, "肉牛养殖贷款")
    type_into(survey.surveyor, "李文")
    assert survey.net_value.text() == "22,400 元"
    assert editor.is_dirty()

    press_ctrl_s(qtbot, editor)

    assert editor.message_area.isHidden(), editor.message_area.text()
    assert editor.household_id is not None and not editor.is_dirty()
    record = station.households.get(editor.household_id)
    assert record.division_id == village and record.household_no == "A-017"
    assert record.phone == "04217123456" and record.address == "东营子村三组"
    assert [m.name for m in record.members] == ["宝斯鲁", "其木格", "宝音"]
    assert [m.relationship for m in record.members] == ["02", "12", "20"]
    assert [m.sex for m in record.members] == ["1", "2", "1"]
    head = record.members[0]
    assert (head.ethnicity, head.education, head.health, head.labour) == ("02", "70", "1", "1")
    assert head.work_away_months == 6 and head.birth_date == dt.date(1982, 3, 15)
    (stored,) = record.surveys
    assert (stored.year, stored.income_wage, stored.income_business, stored.income_transfer) == (
        2026,
        15000,
        8000,
        2400,
    )
    assert stored.net_income == 22400 and stored.household_size == 3
    assert stored.hardship_causes == ("07",) and stored.needs == "肉牛养殖贷款" and stored.surveyor == "李文"
    households, members, surveys, _audits = counts(station)
    assert (households, members, surveys) == (before[0] + 1, before[1] + 3, before[2] + 1)
    with station.db.reader() as session:
        created = session.execute(
            select(AuditEntry.table_name, func.count())
            .where(AuditEntry.user == "cadre", AuditEntry.action == "create")
            .group_by(AuditEntry.table_name)
        ).all()
    assert dict(created) == {"household": 1, "member": 3, "survey": 1}
    assert editor.windowTitle().startswith("农户：宝斯鲁 · 东营子村")
    assert "已保存" in editor.status.text()


def test_edit_a_stored_household_and_see_the_changes_and_audit(
    qtbot: QtBot, station: Station, village: str, editor_for
) -> None:
    household_id = stored_household(station, village)
    editor = editor_for(household_id)
    assert not editor.is_dirty()
    assert cell(editor, 1, "name") == "其木格"
    assert editor.survey.year.value() == dt.date.today().year  # this year's survey is the one to fill
    editor.survey.year.setValue(2025)  # nothing typed yet: the stored 2025 survey shows
    assert editor.survey.amounts["income_wage"].text() == "12,000"
    type_into(editor.phone, "13800001111")
    type_cell(editor, 1, "name", "其木格日")
    type_into(editor.survey.amounts["income_wage"], "13500")
    assert editor.is_dirty() and editor.windowTitle().startswith("农户：宝斯鲁")

    press_ctrl_s(qtbot, editor)

    record = station.households.get(household_id)
    assert record.phone == "13800001111"
    assert [m.name for m in record.members] == ["宝斯鲁", "其木格日"]
    assert record.surveys[0].income_wage == 13500 and record.surveys[0].surveyor == "李文"
    wife = record.members[1]
    changes = [a for a in station.audit.for_record(wife.id) if a.user == "cadre"]
    assert [a.action for a in changes] == ["update"]
    assert "name" in str(changes[0].details)
    assert [a.action for a in station.audit.for_record(household_id) if a.user == "cadre"] == ["update"]
    assert not editor.is_dirty()


def test_removing_and_reordering_members(qtbot: QtBot, station: Station, village: str, editor_for) -> None:
    household_id = stored_household(station, village)
    editor = editor_for(household_id)
    editor.members.add_member()
    fill_member(editor, 2, {"name": "宝音", "id_number": SON_ID, "relationship": "20"})
    editor.members.view.setCurrentIndex(editor.members.model.index(2, 0))
    editor.members.move_current(-1)
    assert [r.values["name"] for r in editor.members.model.rows] == ["宝斯鲁", "宝音", "其木格"]
    editor.members.view.setCurrentIndex(editor.members.model.index(2, 0))
    qtbot_answer_question(qtbot, QMessageBox.StandardButton.Yes)
    editor.members.remove_current()
    assert [r.values["name"] for r in editor.members.model.rows] == ["宝斯鲁", "宝音"]
    press_ctrl_s(qtbot, editor)
    record = station.households.get(household_id)
    assert [m.name for m in record.members] == ["宝斯鲁", "宝音"]
    assert record.member_count == 2


def qtbot_answer_question(qtbot: QtBot, button: QMessageBox.StandardButton) -> None:
    """Answer the next blocking question box (QMessageBox.question) with ``button``."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, answer)


# -- derived values and live figures --------------------------------------------------------------------


def test_a_valid_id_number_fills_sex_and_birth_date(new_editor: HouseholdEditor) -> None:
    editor = new_editor
    type_cell(editor, 0, "id_number", WIFE_ID.lower())
    assert cell(editor, 0, "sex") == "女"
    assert cell(editor, 0, "birth_date") == "1984-06-12"
    model = editor.members.model
    assert not model.flags(model.index(0, COLUMNS.index("sex"))) & Qt.ItemFlag.ItemIsEditable
    assert "身份证号" in cell(editor, 0, "birth_date", Qt.ItemDataRole.ToolTipRole)
    type_cell(editor, 0, "id_number", "211381")  # no longer a valid number: the derived values go
    assert cell(editor, 0, "sex") == "" and cell(editor, 0, "birth_date") == ""
    assert model.flags(model.index(0, COLUMNS.index("sex"))) & Qt.ItemFlag.ItemIsEditable
    assert "18 位" in editor.members.message.text()


def test_net_income_and_per_person_update_as_you_type(new_editor: HouseholdEditor) -> None:
    editor = new_editor
    survey = editor.survey
    fill_member(editor, 0, {"name": "宝斯鲁"})
    editor.members.add_member()
    fill_member(editor, 1, {"name": "其木格"})
    assert survey.household_size.value() == 2
    wage = survey.amounts["income_wage"]
    wage.setFocus()
    send_text(wage, "90")
    assert survey.total_value.text() == "90 元"
    send_text(wage, "00")
    assert survey.total_value.text() == "9,000 元"
    assert survey.per_capita_value.text() == "4,500 元"
    expense = survey.amounts["expense_business"]
    expense.setFocus()
    send_text(expense, "1000")
    assert survey.net_value.text() == "8,000 元"
    assert survey.per_capita_value.text() == "4,000 元"
    survey.household_size.setValue(4)  # an explicit household size wins over the member count
    assert survey.per_capita_value.text() == "2,000 元"
    editor.members.add_member()
    fill_member(editor, 2, {"name": "宝音"})
    assert survey.household_size.value() == 4
    # The unsaved year shows in the history with its live figures.
    history = editor.history.table
    assert history.columnCount() == 1 and history.item(1, 0).text() == "8,000"


def test_income_history_compares_with_the_baseline_and_the_goal(
    station: Station, village: str, editor_for
) -> None:
    household_id = stored_household(station, village)  # 2025: net 17,500
    members = station.households.get(household_id).members
    data = HouseholdInput(
        division_id=village,
        members=tuple(
            MemberInput(
                name=m.name,
                id_number=m.id_number,
                relationship=m.relationship,
                id=m.id,
                work_away_months=m.work_away_months,
            )
            for m in members
        ),
    )
    station.households.save_with_survey(
        household_id, data, SurveyInput(year=2024, income_wage=11000, income_business=5000), "setup"
    )  # 2024: net 16,000 becomes the baseline
    editor = editor_for(household_id)
    table = editor.history.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["2024（基准年）", "2025"]
    assert table.item(3, 1).text() == "+1,500"
    assert table.item(4, 1).text() == "+1,000"
    assert table.item(5, 1).text() == "达到"
    # This year typed live: +2,000 needed after two years, +1,700 typed.
    survey = editor.survey
    type_into(survey.amounts["income_wage"], "17700")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[-1] == f"{dt.date.today().year} *"
    if dt.date.today().year == 2026:
        assert table.item(5, 2).text() == "未达到（差 300 元）"


# -- refused input ---------------------------------------------------------------------------------------


def _start_household(editor: HouseholdEditor, id_number: str) -> None:
    type_into(editor.village, "东营子村")
    fill_member(editor, 0, {"name": "宝斯鲁", "id_number": id_number, "ethnicity": "02"})


def test_wrong_check_digit_is_marked_and_nothing_is_saved(
    qtbot: QtBot, station: Station, new_editor: HouseholdEditor
) -> None:
    editor = new_editor
    wrong = HEAD_ID[:-1] + ("0" if HEAD_ID[-1] != "0" else "1")
    _start_household(editor, wrong)
    assert "校验位" in editor.members.message.text()  # shown as the cell is left
    assert cell(editor, 0, "id_number", Qt.ItemDataRole.BackgroundRole) is not None
    before = counts(station)
    press_ctrl_s(qtbot, editor)
    assert counts(station) == before
    assert editor.message_area.isVisible()
    assert "第 1 名成员（宝斯鲁）身份证号：身份证号校验位不正确" in editor.message_area.text()
    assert editor.members.view.currentIndex().column() == COLUMNS.index("id_number")


def test_impossible_birth_date_inside_the_id_number(
    qtbot: QtBot, station: Station, new_editor: HouseholdEditor
) -> None:
    editor = new_editor
    _start_household(editor, valid_id("21138119900230001"))  # 30 February
    assert "出生日期（1990年02月30日）不存在" in editor.members.message.text()
    assert cell(editor, 0, "sex") == ""
    before = counts(station)
    press_ctrl_s(qtbot, editor)
    assert counts(station) == before
    assert "不存在" in editor.message_area.text()


def test_negative_income_is_marked_as_the_field_is_left(
    qtbot: QtBot, station: Station, new_editor: HouseholdEditor
) -> None:
    editor = new_editor
    _start_household(editor, HEAD_ID)
    wage = editor.survey.amounts["income_wage"]
    type_into(wage, "-500")
    message = editor.survey.amount_messages["income_wage"]
    assert message.isVisible() and "不能为负数" in message.text()
    assert wage.property("mark") == "error"
    assert editor.survey.net_value.text() == "—"
    before = counts(station)
    press_ctrl_s(qtbot, editor)
    assert counts(station) == before
    assert "不能为负数" in editor.message_area.text()
    assert editor.focusWidget() is wage
    type_into(wage, "500")  # corrected: the mark goes
    assert not message.isVisible() and wage.property("mark") == ""


def test_duplicate_id_number_links_to_the_other_household(
    qtbot: QtBot, station: Station, village: str, new_editor: HouseholdEditor
) -> None:
    other = stored_household(station, village)
    editor = new_editor
    _start_household(editor, WIFE_ID)  # 其木格's number, already in the other household
    before = counts(station)
    press_ctrl_s(qtbot, editor)
    assert counts(station) == before
    text = editor.message_area.text()
    assert "已登记在户主为“宝斯鲁”的另一户中" in text
    assert f"href='household:{other}'" in text and "打开另一户" in text
    assert cell(editor, 0, "id_number", Qt.ItemDataRole.BackgroundRole) is not None
    with qtbot.waitSignal(editor.open_household_requested) as opened:
        editor.message_area.linkActivated.emit(f"household:{other}")
    assert opened.args == [other]


def test_invalid_phone_and_unknown_village_are_marked_when_left(new_editor: HouseholdEditor) -> None:
    editor = new_editor
    type_into(editor.phone, "1391234")
    assert "11 位" in editor.phone_message.text() and editor.phone.property("mark") == "error"
    type_into(editor.village, "西营子村")
    assert "没有这个村" in editor.village_message.text()
    type_into(editor.village, "东营子村")
    assert editor.village_message.isHidden()


def test_warnings_can_be_accepted_with_save_anyway(
    qtbot: QtBot, station: Station, new_editor: HouseholdEditor
) -> None:
    editor = new_editor
    type_into(editor.village, "东营子村")
    # 宝斯鲁 is a man entered as 妻 (wife): a 建档立卡 consistency warning, not an error.
    fill_member(editor, 0, {"name": "宝斯鲁", "id_number": HEAD_ID, "relationship": "12"})
    before = counts(station)
    press_ctrl_s(qtbot, editor)
    box = editor.warnings_box
    assert box is not None and box.isVisible()
    assert "没有登记户主" in box.informativeText()
    assert "性别（男）与“与户主关系”不符" in box.informativeText()
    [back] = [b for b in box.buttons() if b.text() == "返回修改"]
    back.click()
    assert counts(station) == before and editor.household_id is None
    press_ctrl_s(qtbot, editor)
    box = editor.warnings_box
    assert box is not None
    [anyway] = [b for b in box.buttons() if b.text() == "仍然保存"]
    anyway.click()
    assert editor.household_id is not None
    assert counts(station)[0] == before[0] + 1


# -- keyboard ---------------------------------------------------------------------------------------------


def test_enter_moves_to_the_next_field_and_into_the_roster(qtbot: QtBot, new_editor: HouseholdEditor) -> None:
    editor = new_editor
    editor.household_no.setFocus()
    qtbot.keyClick(editor.household_no, Qt.Key.Key_Return)
    assert focused(editor) is editor.address
    qtbot.keyClick(editor.address, Qt.Key.Key_Return)
    assert focused(editor) is editor.phone
    qtbot.keyClick(editor.phone, Qt.Key.Key_Tab)
    assert focused(editor) is editor.members.view


def test_enter_in_the_roster_commits_and_moves_right(new_editor: HouseholdEditor) -> None:
    editor = new_editor
    type_cell(editor, 0, "name", "宝斯鲁")
    assert editor.members.view.currentIndex().column() == COLUMNS.index("id_number")
    view = editor.members.view
    view.setCurrentIndex(editor.members.model.index(0, len(COLUMNS) - 1))
    press(view, Qt.Key.Key_Tab)  # past the last cell Tab leaves the table (no wrapping around)
    assert focused(editor) is editor.survey.year


def test_escape_on_a_changed_form_asks_before_discarding(
    qtbot: QtBot, station: Station, new_editor: HouseholdEditor
) -> None:
    editor = new_editor
    type_into(editor.address, "东营子村三组")
    assert editor.drafts.load() is not None  # the committed field made a draft
    qtbot.keyClick(focused(editor), Qt.Key.Key_Escape)
    box = editor.discard_box
    assert box is not None and box.isVisible()
    assert box.text().startswith("放弃修改？")
    [keep] = [b for b in box.buttons() if b.text() == "继续编辑"]
    keep.click()
    assert editor.isVisible() and editor.address.text() == "东营子村三组"
    qtbot.keyClick(focused(editor), Qt.Key.Key_Escape)
    box = editor.discard_box
    assert box is not None
    [discard] = [b for b in box.buttons() if b.text() == "放弃修改"]
    discard.click()
    assert not editor.isVisible()
    assert editor.drafts.load() is None
    assert counts(station)[0] == 0


def test_escape_on_an_unchanged_form_just_closes(qtbot: QtBot, new_editor: HouseholdEditor) -> None:
    editor = new_editor
    qtbot.keyClick(focused(editor), Qt.Key.Key_Escape)
    assert not editor.isVisible() and editor.discard_box is None


def test_ctrl_n_asks_for_a_new_household(qtbot: QtBot, new_editor: HouseholdEditor) -> None:
    with qtbot.waitSignal(new_editor.new_household_requested):
        qtbot.keyClick(focused(new_editor), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


def test_open_household_editor_keeps_one_window_per_household(
    qtbot: QtBot, station: Station, village: str, chinese: str, sync_operations: None
) -> None:
    household_id = stored_household(station, village)
    first = open_household_editor(None, station, household_id)
    second = open_household_editor(None, station, household_id)
    assert first is not None and first is second
    fresh = open_household_editor(None, station, None)
    assert fresh is not None and fresh is not first
    for editor in (first, fresh):
        editor.close()
        QCoreApplication.processEvents()
    again = open_household_editor(None, station, household_id)
    assert again is not None and again is not first  # closed windows are forgotten
    again.close()
    qtbot.waitUntil(lambda: not open_editors())


@pytest.fixture(autouse=True)
def _no_stray_windows() -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.close()
