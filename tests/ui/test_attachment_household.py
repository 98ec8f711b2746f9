"""The household editor carries the attachment panel ("照片和材料", owner "household")."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from huimin_desktop.media import samples
from huimin_desktop.services.households import HouseholdInput, MemberInput, SurveyInput
from huimin_desktop.services.station import Station
from tests.conftest import TOWNSHIP_CODE
from tests.ui.editor_helpers import valid_id
from ui.household_editor import HouseholdEditor


def test_household_editor_attaches_photos_once_the_household_exists(
    qtbot: QtBot, station: Station, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    township = station.divisions.find_by_code(TOWNSHIP_CODE)
    assert township is not None
    village = station.divisions.add_village(township.id, "东营子村").id
    new = HouseholdEditor(station, None, user="cadre")
    qtbot.addWidget(new)
    assert new.attachment_panel.owner_id is None and not new.attachment_panel.add_button.isEnabled()
    assert "保存" in new.attachment_panel.hint.text() or "Save" in new.attachment_panel.hint.text()
    new._closing = True

    head = MemberInput(
        name="宝斯鲁", id_number=valid_id("21138119800101123"), relationship="02", ethnicity="02"
    )
    household = station.households.save_with_survey(
        None, HouseholdInput(division_id=village, members=(head,)), SurveyInput(year=2025)
    ).id
    editor = HouseholdEditor(station, household, user="cadre")
    qtbot.addWidget(editor)
    panel = editor.attachment_panel
    assert (panel.owner_table, panel.owner_id, panel.user) == ("household", household, "cadre")
    photo = samples.write_jpeg(tmp_path / "门前.jpg")
    with qtbot.waitSignal(panel.changed):
        panel.add_paths([photo])
    [record] = station.attachments.for_record("household", household)
    assert record.filename == "门前.jpg" and panel.model.rowCount() == 1
    editor._closing = True
