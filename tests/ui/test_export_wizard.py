"""The export wizard: sticks listed with free space, FAT32 note, real export, cancel, refusal."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from huimin_desktop.sync.drives import TEST_DRIVES_ENV
from huimin_desktop.sync.package import is_package
from tests.core.sync_helpers import add_household
from tests.stations import new_station
from tests.ui.sync_scenario import enroll, stick
from ui.operations import Operation, hooks
from ui.sync.export_wizard import ExportWizard


def _wizard(qtbot: QtBot, station: Station, **kwargs: object) -> ExportWizard:
    wizard = ExportWizard(station, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_the_stick_is_listed_with_its_free_space_and_chosen(
    qtbot: QtBot, station: Station, usb: Path, english: str
) -> None:
    wizard = _wizard(qtbot, station)
    assert wizard.picker.list.count() == 1
    text = wizard.picker.list.item(0).text()
    assert text.startswith("KINGSTON") and " free of " in text
    assert wizard.picker.chosen_path() == usb
    assert wizard.picker.empty_label.isHidden()
    assert wizard.export_button.isEnabled()


def test_no_stick_then_a_folder(qtbot: QtBot, station: Station, tmp_path: Path, monkeypatch, english) -> None:
    monkeypatch.setenv(TEST_DRIVES_ENV, "")
    wizard = _wizard(qtbot, station)
    assert wizard.picker.list.count() == 0
    assert wizard.picker.empty_label.isVisible()
    assert not wizard.export_button.isEnabled()
    wizard.picker.set_folder(tmp_path)
    assert wizard.picker.chosen_path() == tmp_path
    assert wizard.export_button.isEnabled()


def test_a_stick_plugged_in_later_appears_by_itself(
    qtbot: QtBot, station: Station, tmp_path: Path, monkeypatch, english
) -> None:
    monkeypatch.setenv(TEST_DRIVES_ENV, "")
    wizard = _wizard(qtbot, station)
    late = stick(tmp_path, "LATE")
    monkeypatch.setenv(TEST_DRIVES_ENV, str(late))
    qtbot.waitUntil(lambda: wizard.picker.list.count() == 1, timeout=5000)
    assert wizard.picker.chosen_path() == late


def test_fat32_stick_and_a_big_package_get_a_note(
    qtbot: QtBot, station: Station, tmp_path: Path, monkeypatch, english
) -> None:
    big = station.data_dir / "attachments" / "ff" / "big-blob"
    big.parent.mkdir(parents=True, exist_ok=True)
    with big.open("wb") as handle:
        handle.truncate(5 * 1024**3)  # sparse: 5 GiB of attachments cost no disk here
    fat = stick(tmp_path, "FATSTICK")
    monkeypatch.setenv(TEST_DRIVES_ENV, f"{fat}|vfat")
    wizard = _wizard(qtbot, station)
    assert wizard.note.isVisible()
    assert "FAT32" in wizard.note.text()


def test_exporting_without_an_upper_station_says_why_and_writes_nothing(
    qtbot: QtBot, station: Station, usb: Path, sync_operations: None, english: str
) -> None:
    wizard = _wizard(qtbot, station)
    wizard.export_button.click()
    assert wizard.stack.currentIndex() == 0
    assert wizard.message.isVisible()
    assert wizard.message.text().startswith("The package was not written: ")
    assert "no upper station" in wizard.message.text()  # the service's refusal, worded in English
    assert list(usb.iterdir()) == []


def test_export_writes_a_verified_package_and_says_the_stick_may_be_removed(
    qtbot: QtBot, pair: tuple[Station, Station], usb: Path, sync_operations: None, english: str
) -> None:
    city, township = pair
    add_household(township, "宝斯鲁", "211381198001010019", members=3)
    wizard = _wizard(qtbot, township)
    # A township has only one recipient: shown as text, not as a choice.
    assert wizard.recipient_label.text() == "朝阳市民委 (upper station)"
    assert wizard.recipient_label.isVisible() and not wizard.recipient.isVisible()
    exported: list[object] = []
    wizard.exported.connect(exported.append)
    wizard.export_button.click()

    assert wizard.stack.currentIndex() == 1
    assert wizard.done_title.text() == "Written and verified: you may safely remove the USB stick"
    (package,) = list(usb.iterdir())
    assert is_package(package)
    assert wizard.package_value.text() == package.name
    assert wizard.recipient_value.text() == "朝阳市民委"
    assert int(wizard.records_value.text().replace(",", "")) >= 4  # the household and its 3 members
    assert wizard.size_value.text().endswith(("B", "KB", "MB"))
    assert len(exported) == 1
    # What the wizard wrote is a package the city accepts.
    assert city.sync.verify(package).ok
    wizard.done_button.click()
    assert wizard.result() == ExportWizard.DialogCode.Accepted


def test_cancelling_says_nothing_was_written(
    qtbot: QtBot, pair: tuple[Station, Station], usb: Path, sync_operations: None, english: str
) -> None:
    _city, township = pair
    add_household(township, "宝斯鲁", "211381198001010019")
    wizard = _wizard(qtbot, township)

    def cancel_at_once(operation: Operation[object]) -> None:
        operation.cancel()  # the clerk presses Cancel in the progress dialog

    hooks().started.connect(cancel_at_once)
    try:
        wizard.export_button.click()
    finally:
        hooks().started.disconnect(cancel_at_once)
    assert wizard.stack.currentIndex() == 0
    assert wizard.message.text() == "Export cancelled: nothing was written."
    assert list(usb.iterdir()) == []
    assert wizard.export_button.isEnabled()


def test_a_city_chooses_the_return_package_recipient(
    qtbot: QtBot, pair: tuple[Station, Station], usb: Path, tmp_path: Path, sync_operations, english
) -> None:
    city, township = pair
    other = enroll(city, tmp_path / "net2", name="蒙古营乡", code="211381205000")
    other.close()
    wizard = _wizard(qtbot, city, recipient=township.info().id)
    entries = [wizard.recipient.itemText(i) for i in range(wizard.recipient.count())]
    assert entries == [
        "马友营蒙古族乡 (Township): return package",
        "蒙古营乡 (Township): return package",
    ]
    assert wizard.chosen_recipient() == township.info().id
    assert "return package" in wizard.note.text()
    wizard.export_button.click()
    assert wizard.stack.currentIndex() == 1
    assert wizard.recipient_value.text() == "马友营蒙古族乡"
    (package,) = list(usb.iterdir())
    assert township.sync.verify(package).ok


def test_a_city_without_lower_stations_has_nobody_to_send_to(
    qtbot: QtBot, tmp_path: Path, usb: Path, english: str
) -> None:
    with new_station(tmp_path / "c", level="city", name="朝阳市民委", division_code="211300") as city:
        wizard = _wizard(qtbot, city)
        assert wizard.recipient_label.text() == "Nobody yet: enroll a lower station first"
        assert not wizard.export_button.isEnabled()
        wizard.close()
