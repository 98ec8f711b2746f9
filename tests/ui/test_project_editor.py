"""The project editor driven like a cadre would: fields, funds in 万元, beneficiaries, the stage workflow.

Outcomes are checked in the database; refusals must leave it as it was.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from huimin_desktop.demo import generate_demo
from huimin_desktop.model import Household, Project, ProjectBeneficiary, ProjectStageEntry
from huimin_desktop.services.divisions import DivisionService
from huimin_desktop.services.projects import ProjectInput, stage_order
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import division_id_for_code
from tests.conftest import TOWNSHIP_CODE
from tests.ui.editor_helpers import press, send_text, show_active, type_into
from tests.ui.privacy_helpers import answer_reason
from ui.household_picker import HouseholdPicker
from ui.project_editor import ProjectEditor
from ui.widgets.fields import WARNING_BACKGROUND

TOWNSHIP = division_id_for_code(TOWNSHIP_CODE)
STAGES = ["申报", "评审", "审核", "公示", "验收"]


@pytest.fixture
def demo_station(station: Station) -> Station:
    generate_demo(station, 60, seed=11)
    return station


def open_editor(qtbot: QtBot, station: Station, project_id: str | None = None) -> ProjectEditor:
    editor = ProjectEditor(station, project_id)
    show_active(qtbot, editor)
    return editor


def project_rows(station: Station) -> dict[str, Project]:
    with station.db.reader() as session:
        rows = {p.code: p for p in session.scalars(select(Project).where(Project.deleted.is_(False)))}
        session.expunge_all()
        return rows


def stage_entries(station: Station, project_id: str) -> list[ProjectStageEntry]:
    with station.db.reader() as session:
        rows = list(
            session.scalars(
                select(ProjectStageEntry)
                .where(ProjectStageEntry.project_id == project_id)
                .order_by(ProjectStageEntry.date, ProjectStageEntry.created_stamp)
            )
        )
        session.expunge_all()
        return rows


def new_project(station: Station, code: str = "BP-2024-900") -> str:
    village = DivisionService(station.db).add_village(TOWNSHIP, "东营子村").id
    data = ProjectInput(
        code=code, name="肉牛养殖小区", category="1", division_id=village, year=2024, fund_provincial=500_000
    )
    return station.projects.create(data).id


def test_create_project_with_funds_and_beneficiaries(
    qtbot: QtBot, demo_station: Station, chinese: str, sync_operations: None
) -> None:
    editor = open_editor(qtbot, demo_station)
    assert not editor.stages.advance_button.isEnabled()  # stages come once the project is saved
    type_into(editor.code, "BP-2024-901")
    type_into(editor.name, "设施农业大棚")
    editor.category.setCurrentIndex(editor.category.findData("1"))
    editor.year.setValue(2024)
    type_into(editor.responsible, "王德胜")
    for name, text in (
        ("fund_provincial", "35.68"),
        ("fund_local", "12"),
        ("fund_integrated", "0.5"),
        ("fund_self", "12345元"),  # a unit written in the text wins over 万元
    ):
        type_into(editor.funds[name], text)
    assert editor.funds["fund_self"].text() == "1.2345"  # shown back in 万元
    assert editor.total_funds.text().startswith("49.4145")
    type_into(editor.dates["planned_start"], "2024.4.1")
    assert editor.dates["planned_start"].text() == "2024-04-01"
    type_into(editor.dates["planned_finish"], "2024年10月31日")
    type_into(editor.income["income_increase_expected"], "1200")

    # Beneficiaries through the picker: select rows, add, OK.
    editor.pick_households()
    picker = editor.picker
    assert isinstance(picker, HouseholdPicker)
    qtbot.waitExposed(picker)
    ids = [picker.model.id_at(row) for row in range(6)]
    for row in range(6):
        picker.table.selectionModel().select(
            picker.model.index(row, 0),
            picker.table.selectionModel().SelectionFlag.Select
            | picker.table.selectionModel().SelectionFlag.Rows,
        )
    picker.add_button.click()
    picker.add_button.click()  # twice: nothing doubles
    assert picker.chosen_table.rowCount() == 6
    picker.buttons.button(picker.buttons.StandardButton.Ok).click()
    with demo_station.db.reader() as session:
        codes = list(session.scalars(select(Household.ethnicity).where(Household.id.in_(ids))))
    minority = sum(1 for code in codes if code not in ("", "01"))
    assert editor.beneficiaries.rowCount() == 6
    assert editor.beneficiary_counts.text() == editor.tr(
        "{all} households, {minority} of them minority households"
    ).format(all=6, minority=minority)
    assert editor.isWindowModified()

    press(editor.code, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = project_rows(demo_station)["BP-2024-901"]
    assert (stored.name, stored.category, stored.year, stored.responsible) == (
        "设施农业大棚",
        "1",
        2024,
        "王德胜",
    )
    assert (stored.fund_provincial, stored.fund_local, stored.fund_integrated, stored.fund_self) == (
        356_800,
        120_000,
        5_000,
        12_345,
    )
    assert (stored.planned_start, stored.planned_finish) == (dt.date(2024, 4, 1), dt.date(2024, 10, 31))
    assert stored.income_increase_expected == 1200
    with demo_station.db.reader() as session:
        linked = set(
            session.scalars(
                select(ProjectBeneficiary.household_id).where(
                    ProjectBeneficiary.project_id == stored.id, ProjectBeneficiary.deleted.is_(False)
                )
            )
        )
    assert linked == set(ids)
    assert editor.project_id == stored.id and not editor.isWindowModified()
    assert editor.stages.advance_button.isEnabled()
    assert editor.material.owner_table == "project" and editor.material.owner_id == stored.id


def test_refused_save_marks_fields_and_writes_nothing(
    qtbot: QtBot, demo_station: Station, chinese: str, sync_operations: None
) -> None:
    before = len(project_rows(demo_station))
    taken = next(iter(project_rows(demo_station).values()))
    editor = open_editor(qtbot, demo_station)
    type_into(editor.name, "重复编号的项目")
    type_into(editor.funds["fund_local"], "abc")
    editor.save()
    assert editor.message_area.isVisible()
    assert editor.funds["fund_local"].message.text() == "金额“abc”不是数字"
    assert editor.code.property("mark") == "error"
    type_into(editor.funds["fund_local"], "3")
    type_into(editor.code, taken.code)  # ASCII demo code: the service refuses it
    editor.save()
    assert "已被项目" in editor.messages["code"].text()
    assert len(project_rows(demo_station)) == before


def test_stage_walk_refusals_and_going_back(
    qtbot: QtBot, station: Station, chinese: str, sync_operations: None
) -> None:
    project_id = new_project(station)
    editor = open_editor(qtbot, station, project_id)
    panel = editor.stages
    start = dt.date.today() - dt.timedelta(days=60)

    def record(stage: int, day: int, person: str = "", opinion: str = "", back: bool = False) -> None:
        panel.stage.setCurrentIndex(stage)
        when = start + dt.timedelta(days=day)
        panel.date.setDate(QDate(when.year, when.month, when.day))
        type_into(panel.person, person)
        type_into(panel.opinion, opinion)
        (panel.return_button if back else panel.advance_button).click()

    # Skipping 申报 is refused with the service's Chinese reason; nothing is written.
    record(1, 0, "zhang")
    assert panel.message.isVisible()
    assert "项目尚未申报，下一步只能是“申报”，不能直接进入“评审”" in panel.message.text()
    assert stage_entries(station, project_id) == []

    record(0, 0, "zhang", "tongyi")
    assert panel.stage.currentIndex() == 1  # the next stage is offered
    assert not panel.message.isVisible()
    record(2, 5, "li")  # 审核 before 评审
    assert "当前阶段为“申报”" in panel.message.text() and "“审核”" in panel.message.text()
    record(1, -3, "li")  # dated before 申报
    expected_date = start.isoformat()
    assert f"早于上一步“申报”的日期 {expected_date}" in panel.message.text()
    assert len(stage_entries(station, project_id)) == 1

    for stage in range(1, 5):
        record(stage, stage * 7, f"person{stage}", f"ok{stage}")
    entries = stage_entries(station, project_id)
    assert [(e.stage, e.action) for e in entries] == [(code, "advance") for code in stage_order()]
    assert [(e.person, e.opinion) for e in entries[1:]] == [(f"person{n}", f"ok{n}") for n in range(1, 5)]
    assert entries[2].date == start + dt.timedelta(days=14)
    assert panel.history.rowCount() == 5
    assert [panel.history.item(row, 0).text() for row in range(5)] == STAGES

    # Going back to 审核: a new entry, shown in amber; the five earlier entries stay.
    record(2, 40, "county", "redo", back=True)
    entries = stage_entries(station, project_id)
    assert len(entries) == 6 and all(not e.deleted for e in entries)
    assert (entries[-1].stage, entries[-1].action, entries[-1].opinion) == (
        stage_order()[2],
        "return",
        "redo",
    )
    assert project_rows(station)["BP-2024-900"].stage == stage_order()[2]
    assert panel.history.rowCount() == 6
    assert panel.history.item(5, 0).text() == "审核"
    assert panel.history.item(5, 1).background().color() == QColor(WARNING_BACKGROUND)
    assert panel.history.item(4, 1).background().color() != QColor(WARNING_BACKGROUND)
    assert panel.current_label.text().endswith("审核")
    # The selected entry's documents: the attachment panel follows the selection.
    assert panel.documents.owner_table == "project_stage" and panel.documents.owner_id == entries[-1].id
    panel.history.selectRow(0)
    assert panel.documents.owner_id == entries[0].id
    # Forward again from 审核 is 公示.
    assert panel.stage.currentData() == stage_order()[3]


def test_escape_asks_before_dropping_changes(
    qtbot: QtBot, station: Station, chinese: str, sync_operations: None
) -> None:
    project_id = new_project(station)
    editor = open_editor(qtbot, station, project_id)
    type_into(editor.name, "X")
    editor.reject()
    box = editor.discard_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    editor.discard_button.click()
    QApplication.processEvents()
    assert not editor.isVisible()
    assert project_rows(station)["BP-2024-900"].name == "肉牛养殖小区"
    with station.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Project)) == 1


def test_unchanged_editor_closes_at_once(qtbot: QtBot, station: Station, chinese: str) -> None:
    editor = open_editor(qtbot, station, new_project(station))
    send_text(editor.name, "")
    editor.reject()
    assert editor.discard_box is None and not editor.isVisible()


def test_export_archive_writes_the_folder(
    qtbot: QtBot,
    station: Station,
    chinese: str,
    sync_operations: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project_id = new_project(station)
    editor = open_editor(qtbot, station, project_id)
    assert editor.export_button.isEnabled()
    target = tmp_path / "stick"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kwargs: str(target))
    answer_reason("")  # no reason: OK stays disabled, nothing is written
    editor.export_button.click()
    assert not target.exists() or not any(target.iterdir())
    answer_reason("县里检查档案")
    editor.export_button.click()
    written = [p for p in target.iterdir() if not p.name.startswith(".")]
    assert len(written) == 1 and written[0].is_dir() and "BP-2024-900" in written[0].name
    assert any(written[0].rglob("*"))  # at least the summary sheet
    assert str(written[0]) in editor.export_box.text()
    (logged,) = [e for e in station.audit.latest() if e.action == "export"]
    assert logged.details["reason"] == "县里检查档案"


def test_unsaved_changes_come_back_as_a_draft(
    qtbot: QtBot, station: Station, chinese: str, sync_operations: None
) -> None:
    project_id = new_project(station)
    editor = open_editor(qtbot, station, project_id)
    type_into(editor.name, "draft name")
    type_into(editor.funds["fund_self"], "2.5")
    editor.close_keeping_draft()
    assert project_rows(station)["BP-2024-900"].name == "肉牛养殖小区"  # nothing saved

    again = open_editor(qtbot, station, project_id)
    assert again.banner.isVisible()
    assert again.name.text() == "draft name" and again.funds["fund_self"].value() == 25_000
    assert again.is_dirty()
    again.save()
    assert project_rows(station)["BP-2024-900"].fund_self == 25_000
    assert again.drafts.load() is None  # saved: the draft is gone
    again.close()

    third = open_editor(qtbot, station, project_id)
    assert not third.banner.isVisible() and not third.is_dirty()


def test_a_project_without_funds_asks_before_saving(
    qtbot: QtBot, demo_station: Station, chinese: str, sync_operations: None
) -> None:
    before = set(project_rows(demo_station))
    editor = open_editor(qtbot, demo_station)
    type_into(editor.code, "BP-2024-950")
    type_into(editor.name, "村道硬化")
    editor.category.setCurrentIndex(editor.category.findData("1"))
    editor.save()
    box = editor.warnings_box
    assert box is not None and box.isVisible()
    assert "项目尚未填写任何资金" in box.informativeText()
    assert box.defaultButton().text() == "返回修改"  # Enter does not wave warnings through
    box.defaultButton().click()
    assert editor.warnings_box is None and set(project_rows(demo_station)) == before

    editor.save()  # asked again; this time the cadre saves anyway
    assert editor.warnings_box is not None and editor.warnings_box.isVisible()
    editor.save_anyway_button.click()
    assert set(project_rows(demo_station)) - before == {"BP-2024-950"}
