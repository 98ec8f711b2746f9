"""报表 page: the tables on screen, by area; print preview, PDF and Excel from the same figures."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from pytestqt.qtbot import QtBot

from huimin_desktop.services.station import Station
from tests.stations import new_station, open_station
from ui.reports.page import ReportsPage

TABLES = ["项目统计表", "农户增收情况表", "培训情况表", "绩效考核进度表", "资金使用情况表"]


@pytest.fixture(scope="module")
def city_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports-page") / "city"
    station = new_station(folder, level="city", name="朝阳市民委", division_code="211300")
    station.generate_demo(400, seed=5)
    station.users.create("clerk", "录入员", "entry", password="clerk-password-1")
    station.close()
    return folder


@pytest.fixture
def city(city_folder: Path) -> Iterator[Station]:
    with open_station(city_folder) as station:
        yield station


def shown_page(qtbot: QtBot, station: Station) -> ReportsPage:
    page = ReportsPage(station)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_the_page_shows_the_tables_of_the_chosen_area(
    qtbot: QtBot, city: Station, chinese: str, sync_operations: None
) -> None:
    page = shown_page(qtbot, city)
    assert page.report is not None and page.report.scope.name == "朝阳市"
    assert [page.table.itemText(i).split(" ", 1)[-1] for i in range(1, page.table.count())] == TABLES
    shown = page.view.toPlainText()
    for name in TABLES:
        assert f"朝阳市{page.report.year}年惠民工程{name}" in shown
    assert "建平县" in shown and "报送日期" in shown
    total = page.report.table("income").rows[0].values
    assert f"{total[2]:,}" in shown  # the 合计's households, as the workbook formats them

    county = next(i for i in range(page.scope.count()) if page.scope.itemText(i).strip() == "朝阳县")
    page.scope.setCurrentIndex(county)
    assert page.report.scope.name == "朝阳县"
    shown = page.view.toPlainText()
    assert "朝阳县" in shown and "建平县" not in shown

    page.table.setCurrentIndex(page.table.findData("funds"))
    shown = page.view.toPlainText()
    assert "资金使用情况表" in shown and "项目统计表" not in shown


def test_print_preview_lays_out_landscape_pages(
    qtbot: QtBot, city: Station, chinese: str, sync_operations: None
) -> None:
    page = shown_page(qtbot, city)
    page.show_preview()
    dialog = page.preview_dialog
    assert isinstance(dialog, QPrintPreviewDialog)
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() >= len(TABLES))  # every table from a new page
    assert preview.orientation().name == "Landscape"
    dialog.close()


def test_save_as_pdf_and_excel(
    qtbot: QtBot, city: Station, chinese: str, sync_operations: None, tmp_path: Path
) -> None:
    page = shown_page(qtbot, city)
    page.save_pdf(tmp_path / "report")
    pdf = tmp_path / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") and shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "842 x 595" in info  # A4 landscape
        assert int(info.split("Pages:")[1].split()[0]) >= len(TABLES)  # each table from a new page
        # (Qt's embedded CJK subsets do not map back to text reliably; the figures do)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        households = page.report.table("income").rows[0].values[2] if page.report else 0
        assert f"{households:,}" in text and "2026" in text
    page.save_excel(tmp_path / "report.xlsx")
    assert load_workbook(tmp_path / "report.xlsx").sheetnames == TABLES


def test_entry_clerks_see_why_there_is_nothing(qtbot: QtBot, city_folder: Path, chinese: str) -> None:
    with open_station(city_folder, user="clerk", password="clerk-password-1") as clerk:
        page = shown_page(qtbot, clerk)
        assert page.report is None
        assert not page.preview_button.isEnabled() and not page.year.isEnabled()
        assert page.status.text()
