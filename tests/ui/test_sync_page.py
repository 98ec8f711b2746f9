"""The 同步 page: status, the three actions, and (city/county) enrolling, revoking, re-enrolling stations."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from tests.stations import new_station, setup_station
from tests.ui.conftest import type_text
from tests.ui.sync_scenario import CITY_CODE, TOWNSHIP_CODE, phone_conflict
from ui.main_window import MainWindow
from ui.pages.sync_page import SyncPage
from ui.sync.conflict_review import ConflictReviewDialog
from ui.sync.enroll_dialog import EnrollDialog, RevokeDialog
from ui.sync.export_wizard import ExportWizard
from ui.sync.merge_dialog import MergeDialog


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Station]:
    opened = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code=CITY_CODE)
    try:
        yield opened
    finally:
        opened.close()


def _page(qtbot: QtBot, station: Station) -> SyncPage:
    page = SyncPage(station)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def test_the_main_window_shows_the_sync_page(qtbot: QtBot, station: Station, english: str) -> None:
    window = MainWindow(station)
    qtbot.addWidget(window)
    window.show()
    window.show_page("sync")
    page = window.stack.currentWidget()
    assert isinstance(page, SyncPage)
    assert page.title.text() == "Sync"


def test_a_township_not_enrolled_yet(qtbot: QtBot, station: Station, english: str) -> None:
    page = _page(qtbot, station)
    assert page.station_value.text() == "马友营蒙古族乡 (Township)"
    assert page.upper_value.text() == "Not enrolled yet (set up from a setup file)"
    assert page.last_export_value.text() == "—"
    assert page.last_merge_value.text() == "—"
    assert page.conflicts_value.text() == "0"
    assert page.conflicts_button.text() == "Review conflicts"
    assert page.lower_section is None  # a township enrolls nobody


def test_the_three_buttons_open_their_dialogs(
    qtbot: QtBot, station: Station, usb: Path, english: str
) -> None:
    page = _page(qtbot, station)
    for button, kind in (
        (page.export_button, ExportWizard),
        (page.merge_button, MergeDialog),
        (page.conflicts_button, ConflictReviewDialog),
    ):
        button.click()
        dialog = page.dialog
        assert isinstance(dialog, kind)
        assert dialog.isVisible()
        dialog.reject()
        QApplication.processEvents()
        assert page.dialog is None


def test_status_after_export_and_merge_with_a_conflict(
    qtbot: QtBot, pair: tuple[Station, Station], usb: Path, sync_operations: None, english: str
) -> None:
    city, township = pair
    township_page = _page(qtbot, township)
    assert township_page.upper_value.text() == "朝阳市民委"
    wizard = township_page.open_export()
    assert isinstance(wizard, ExportWizard)
    wizard.export_button.click()
    assert wizard.stack.currentIndex() == 1
    wizard.done_button.click()
    assert township_page.last_export_value.text().endswith(" for 朝阳市民委 (211300)")
    for package in usb.iterdir():
        shutil.rmtree(package)

    phone_conflict(city, township, usb)
    city.sync.merge([usb])
    city_page = _page(qtbot, city)
    assert city_page.upper_value.text() == "None: this is the city office"
    assert city_page.last_merge_value.text().endswith(" from 马友营蒙古族乡")
    assert city_page.conflicts_value.text() == "1"
    assert city_page.conflicts_button.text() == "Review conflicts (1)"
    review = city_page.open_conflicts()
    assert isinstance(review, ConflictReviewDialog)
    review.keep_button.click()
    assert city_page.conflicts_value.text() == "0"  # the page follows the review


def test_a_city_lists_its_lower_stations(qtbot: QtBot, pair: tuple[Station, Station], english: str) -> None:
    city, township = pair
    page = _page(qtbot, city)
    assert page.lower_section is not None and page.lower_table.isVisible()
    assert page.lower_table.rowCount() == 1
    row = [page.lower_table.item(0, c).text() for c in range(page.lower_table.columnCount())]
    (peer,) = city.enrollment.peers()
    assert row[0] == "马友营蒙古族乡"
    assert row[1] == "Township"
    assert row[2].endswith(f" ({TOWNSHIP_CODE})")
    assert row[3] == peer.fingerprint
    assert row[5].startswith("Enrolled ")
    assert not page.revoke_button.isEnabled()  # nothing selected yet
    page.lower_table.selectRow(0)
    assert page.revoke_button.isEnabled() and page.return_button.isEnabled()
    assert not page.reenroll_button.isEnabled()
    wizard = page.return_package_selected()
    assert isinstance(wizard, ExportWizard)
    assert wizard.chosen_recipient() == township.info().id


def test_enroll_revoke_and_enroll_again(
    qtbot: QtBot, city: Station, usb: Path, tmp_path: Path, sync_operations: None, english: str
) -> None:
    page = _page(qtbot, city)
    assert page.lower_empty.isVisible()
    dialog = page.enroll_station()
    assert isinstance(dialog, EnrollDialog)
    assert [dialog.level.itemData(i) for i in range(dialog.level.count())] == ["county", "township"]
    dialog.level.setCurrentIndex(dialog.level.findData("township"))
    dialog.division.setCurrentIndex(dialog.division.findData(TOWNSHIP_CODE))
    assert dialog.name.text() == "马友营蒙古族乡"  # suggested from the division
    assert dialog.picker.chosen_path() == usb
    dialog.ok_button.click()

    setup = usb / f"setup-{TOWNSHIP_CODE}.json"
    assert setup.is_file()
    # The dialog stays open and shows the one-time code, large, until the clerk closes it.
    assert dialog.isVisible() and dialog.pages.currentWidget() is dialog.done_page
    assert dialog.enrolled is not None and dialog.code_label.text() == dialog.enrolled.setup_code
    assert dialog.code_label.font().pointSizeF() > dialog.done_text.font().pointSizeF() * 2
    assert "separately from the stick" in dialog.done_text.text()
    assert dialog.code_label.text() not in setup.read_text(encoding="utf-8")
    assert dialog.ok_button.text() == "Done"
    code = dialog.code_label.text()
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    (peer,) = city.enrollment.peers()
    assert page.lower_table.rowCount() == 1
    assert page.selected_peer().station_id == peer.station_id
    assert page.lower_table.item(0, 3).text() == "Not registered yet"
    # The file and the code set the township up.
    with setup_station(tmp_path / "township", setup, code) as township:
        assert township.info().id == peer.station_id
        assert township.enrollment.upper().name == "朝阳市民委"

    # Enrolling the same township again warns that its current keys stop counting.
    twice = page.enroll_station()
    assert isinstance(twice, EnrollDialog)
    assert twice.already.isHidden()
    twice.level.setCurrentIndex(twice.level.findData("township"))
    twice.division.setCurrentIndex(twice.division.findData(TOWNSHIP_CODE))
    assert twice.already.isVisibleTo(twice)
    assert twice.already.text().startswith("马友营蒙古族乡 is enrolled already.")
    # Saving asks first; Cancel writes nothing and keeps the enrollment.
    before_files = sorted(usb.iterdir())
    twice.ok_button.click()
    assert twice.confirmation is not None and twice.confirmation.isVisible()
    twice.confirmation.button(QMessageBox.StandardButton.Cancel).click()
    assert twice.enrolled is None and sorted(usb.iterdir()) == before_files
    assert city.enrollment.peers()[0].enrolled_at == peer.enrolled_at
    twice.reject()

    revoke = page.revoke_selected()
    assert isinstance(revoke, RevokeDialog)
    assert not revoke.ok_button.isEnabled()  # a reason is required
    type_text(revoke.reason, "laptop stolen")
    assert revoke.ok_button.isEnabled()
    revoke.ok_button.click()
    (peer,) = city.enrollment.peers()
    assert peer.revoked_at is not None
    assert page.lower_table.item(0, 5).text().startswith("Revoked ")
    assert not page.revoke_button.isEnabled() and not page.return_button.isEnabled()
    assert page.reenroll_button.isEnabled()

    again = page.reenroll_selected()
    assert isinstance(again, EnrollDialog)
    assert again.windowTitle() == "Re-enroll a station"
    assert again.division_code() == TOWNSHIP_CODE
    assert again.name.text() == "马友营蒙古族乡"
    again.ok_button.click()  # a revoked station: no question
    assert again.confirmation is None and again.enrolled is not None
    assert again.code_label.text() not in ("", code)
    again.ok_button.click()
    (renewed,) = city.enrollment.peers()
    assert renewed.station_id == peer.station_id  # same station, a new enrollment
    assert renewed.revoked_at is None and not renewed.registered
    assert page.lower_table.item(0, 5).text().startswith("Enrolled ")

    # Enrolling it again while enrolled: confirmed, then a new code
    third = page.enroll_station()
    assert isinstance(third, EnrollDialog)
    third.level.setCurrentIndex(third.level.findData("township"))
    third.division.setCurrentIndex(third.division.findData(TOWNSHIP_CODE))
    third.ok_button.click()
    assert third.confirmation is not None
    third.confirmation.button(QMessageBox.StandardButton.Yes).click()
    assert third.enrolled is not None and third.enrolled.reenrolled
    assert third.code_label.text() == third.enrolled.setup_code


def test_enroll_refuses_an_empty_name(qtbot: QtBot, city: Station, usb: Path, english: str) -> None:
    page = _page(qtbot, city)
    dialog = page.enroll_station()
    assert isinstance(dialog, EnrollDialog)
    dialog.name.clear()
    dialog.ok_button.click()
    assert dialog.message.text() == "Please enter the station name."
    assert list(usb.iterdir()) == []
    assert city.enrollment.peers() == []


SYNC_CONTEXTS = {
    "ConflictPreviewTable",
    "ConflictReviewDialog",
    "DrivePicker",
    "EnrollDialog",
    "ExportWizard",
    "MergeDialog",
    "RevokeDialog",
    "SummaryTable",
    "SyncPage",
    "SyncTexts",
    "ValuePanel",
}


def test_every_sync_string_has_its_chinese(tmp_path: Path) -> None:
    """Each string of the sync screens is in the catalog or in incoming/syncui.tsv (until merged)."""
    import xml.etree.ElementTree as ET

    from ui import translation_catalog as catalog

    fresh = tmp_path / catalog.TS_FILE.name
    shutil.copy(catalog.TS_FILE, fresh)
    catalog.lupdate(fresh)
    incoming = catalog.incoming_translations()
    missing = []
    for context in ET.parse(fresh).getroot().iter("context"):
        name = context.findtext("name", "")
        if name not in SYNC_CONTEXTS:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source", "")
            done = translation is not None and translation.get("type") != "unfinished" and translation.text
            if not done and (name, source) not in incoming:
                missing.append((name, source))
    assert missing == []
